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

/// A term whose position list locates matches of query word number `word`.
struct LocatingTerm {
  std::string term;
  std::uint32_t word = 0;
};

/// Makes the hits of one query's matches: stored fields, dates, and a snippet of the body unless
/// `snippets` is false. The snippet's passage is chosen over the whole body from the document's
/// position lists, so only that passage is analyzed.
class HitMaker {
 public:
  HitMaker(const Xapian::Database& database, const MatchKeys& keys, const analysis::Analyzer& analyzer,
           bool snippets);

  /// The hit for the match at 0-based `rank`.
  Hit make(const Xapian::MSetIterator& match, Xapian::doccount rank) const;

 private:
  const Xapian::Database& database_;
  const MatchKeys& keys_;
  const analysis::Analyzer& analyzer_;
  bool snippets_;
  std::vector<LocatingTerm> locating_terms_;
};

/// "Did you mean": the query with each searched word the index holds in no form replaced by its split
/// into two words the index holds (`مجلسخبرگان` → `مجلس خبرگان`) or else by the spelling table's nearest
/// word; the other words, operators and quotes stay as typed (words are edited in place). Nullopt when
/// nothing improves: a word found in any form is no typo, whatever else the query found.
std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words);

}  // namespace kavosh::search::detail
