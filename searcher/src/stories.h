// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Near-copies of a hit (internal to kavosh_search): the other documents of its story (kavosh/schema.h).
#pragma once
#include <xapian.h>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// Sets hit.copies and hit.other_sources from the posting list of the hit's story term: every other
/// document of the story, whether it matched or not. Xapian's MSetIterator::get_collapse_count is not
/// used: it counts only the copies the matcher happened to see (a lower bound), and none in a rescoring
/// pass over one document per story. `local_shards`: read the copies' sources from a value stream
/// (slot_values()).
void add_copies(const Xapian::Database& database, const analysis::PersianNormalizer& normalizer, bool local_shards,
                Hit& hit);

}  // namespace kavosh::search::detail
