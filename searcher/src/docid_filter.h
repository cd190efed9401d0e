// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Boolean filters on sets of documents by docid (internal to kavosh_search).
#pragma once
#include <vector>

#include <xapian.h>

namespace kavosh::search::detail {

/// The documents `docids` of one local database as a boolean query, read from memory: the second pass
/// of a search restricts its query to the first pass's top documents without one term lookup per
/// document. Not for a database of several shards or a remote one (their docids are not the shard's).
Xapian::Query docid_filter(std::vector<Xapian::docid> docids);

/// The `count` newest documents of each local shard (its highest docids: a document added later gets a
/// higher one) as a boolean query, read from memory; docids of deleted documents among them match
/// nothing else, so it is meant to filter another query. Not for a remote shard.
Xapian::Query newest_documents(Xapian::doccount count);

}  // namespace kavosh::search::detail
