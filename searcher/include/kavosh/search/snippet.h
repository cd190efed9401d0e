// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query_builder.h"

namespace kavosh::search {

/// A passage of the original `text` around its best run of matches (the most distinct query words
/// within `max_words` words), every matched span wrapped in kHighlightBegin/kHighlightEnd.
/// A token matches when its normalized text is one of `keys.surfaces` (or starts with one of
/// `keys.prefixes`) or its stem is one of `keys.stems`: so `كتاب`, `کِتاب` and `کتاب‌ها` all light up
/// for `کتاب`, while `حر` stays dark for `حرم`. The passage starts and ends on token boundaries of the
/// original (never inside a code point), marks a cut with `…`, and has control characters replaced
/// by spaces and whitespace runs collapsed. No match: the text's beginning.
///
/// `match_word`: the 0-based token position, counted from the text's first token, of a match the caller
/// found in the index (hits.cpp reads it from the document's position lists). The analysis then covers
/// only the words around it (whitespace-separated words stand in for tokens, with a margin for the
/// difference); when that piece holds no match, the text is scanned from its beginning as without it.
std::string make_snippet(std::string_view text, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                         std::size_t max_words = 32, std::optional<std::uint32_t> match_word = std::nullopt);

}  // namespace kavosh::search
