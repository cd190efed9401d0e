// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A boolean filter on a fixed set of documents (internal to kavosh_search).
#pragma once
#include <vector>

#include <xapian.h>

namespace kavosh::search::detail {

/// The documents `docids` of one local database as a boolean query, read from memory: the second pass
/// of a search restricts its query to the first pass's top documents without one term lookup per
/// document. Not for a database of several shards or a remote one (their docids are not the shard's).
Xapian::Query docid_filter(std::vector<Xapian::docid> docids);

}  // namespace kavosh::search::detail
