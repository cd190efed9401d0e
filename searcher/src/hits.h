// Kavosh: Persian full-text search. GPL-2.0-or-later.
// From a Xapian match to what the API returns (internal to kavosh_search).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// Makes the hits of one query's matches: stored fields, dates, and a snippet of the body unless
/// `snippets` is false. The snippet centers on a body match of the query's rarest term (the most
/// telling one, found after the fewest position-list reads), located through the index.
class HitMaker {
 public:
  HitMaker(const Xapian::Database& database, const MatchKeys& keys, const analysis::Analyzer& analyzer,
           bool snippets);

  /// The hit for the match at 0-based `rank`, one of `matches` (whose term statistics order the
  /// position terms, with no database lookup).
  Hit make(const Xapian::MSet& matches, const Xapian::MSetIterator& match, Xapian::doccount rank);

 private:
  const Xapian::Database& database_;
  const MatchKeys& keys_;
  const analysis::Analyzer& analyzer_;
  bool snippets_;
  std::optional<std::vector<std::string>> located_terms_;  ///< keys_.position_terms, rarest first
};

/// "Did you mean": the query with each searched word the spelling table can improve replaced
/// (words are edited in place, so operators and quotes stay); nullopt when nothing improves.
std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words);

}  // namespace kavosh::search::detail
