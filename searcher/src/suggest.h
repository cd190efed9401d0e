// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Autocomplete (internal to kavosh_search; Searcher::suggest is the public call).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::search::detail {

/// Completions of the last word of `text` (analyzed like a query word): index words that start with it,
/// leaving out stopwords, numbers and a word repeated joined (`پرسپولیسپرسپولیس`). After a word, only
/// completions the index holds right after that word (`مجلس خبرگ` → `مجلس خبرگان`), most such documents
/// first; when none does, or alone, the most frequent words. Each is `text` up to the last word, then
/// the completion; at most `limit`.
std::vector<std::string> completions(const Xapian::Database& database, const analysis::Analyzer& analyzer,
                                     std::string_view text, std::uint32_t limit);

}  // namespace kavosh::search::detail
