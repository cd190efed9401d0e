// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Stories (internal to kavosh_search): counting the stories a match visits, and the near-copies of a hit,
// the other documents of its story (kavosh/schema.h).
#pragma once
#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// A match spy keeping the story key of every document the match visits: the number of those documents
/// and of their distinct stories, a document without a key a story of its own, as Xapian's collapsing
/// counts them. Keys are kept as 64-bit hashes, which sort several times faster than the strings (two
/// of a search's thousand keys share one with a chance of about 1 in 10^13). Local shards only: it
/// cannot be sent to a remote shard.
class StoryCounter : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& document, double weight) override;
  Xapian::doccount documents() const { return static_cast<Xapian::doccount>(hashes_.size()) + keyless_; }
  Xapian::doccount stories();  ///< sorts the hashes it keeps

 private:
  std::vector<std::uint64_t> hashes_;  ///< of the story keys seen, one per document with a key
  Xapian::doccount keyless_ = 0;       ///< documents without a story key
};

/// Sets each hit's copies and other_sources from the posting list of its story term: every other
/// document of the story, whether it matched or not. Xapian's MSetIterator::get_collapse_count is not
/// used: it counts only the copies the matcher happened to see (a lower bound), and none in a rescoring
/// pass over one document per story. `local_shards`: read the copies' sources from a value stream
/// (slot_values()), in one pass for all the hits.
void add_copies(const Xapian::Database& database, const analysis::PersianNormalizer& normalizer, bool local_shards,
                std::vector<Hit>& hits);

}  // namespace kavosh::search::detail
