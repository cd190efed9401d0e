// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstddef>
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
std::string make_snippet(std::string_view text, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                         std::size_t max_words = 32);

}  // namespace kavosh::search
