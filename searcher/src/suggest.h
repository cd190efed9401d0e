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

/// Documents (of each local shard) in which a completion is looked for right after the previous word:
/// the newest, so that the work of a two-word prefix is bounded whatever the size of the index (each
/// candidate is a phrase count over them), and completions follow what the news says now.
inline constexpr Xapian::doccount kPhraseWindow = 10000;

/// Completions of the last word of `text` (analyzed like a query word): index words that start with it,
/// leaving out stopwords, numbers and a word repeated joined (`پرسپولیسپرسپولیس`). After a word, only
/// completions found right after that word (`مجلس خبرگ` → `مجلس خبرگان`) in the newest `phrase_window`
/// documents of each shard (0: in all; only 0 for remote shards), most such documents first; when none
/// is, or alone, the most frequent words. Each is `text` up to the last word, then the completion; at
/// most `limit`.
std::vector<std::string> completions(const Xapian::Database& database, const analysis::Analyzer& analyzer,
                                     std::string_view text, std::uint32_t limit, Xapian::doccount phrase_window);

}  // namespace kavosh::search::detail
