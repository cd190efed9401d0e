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

/// The hit for one match at 0-based `rank`: stored fields, dates from the value slots, a snippet of the
/// body unless `snippet` is false.
Hit make_hit(const Xapian::Database& database, const Xapian::MSetIterator& match, Xapian::doccount rank,
             const MatchKeys& keys, const analysis::Analyzer& analyzer, bool snippet);

/// "Did you mean": the query with each searched word the spelling table can improve replaced
/// (words are edited in place, so operators and quotes stay); nullopt when nothing improves.
std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words);

}  // namespace kavosh::search::detail
