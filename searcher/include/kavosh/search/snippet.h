// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query_builder.h"

namespace kavosh::search {

/// A match the caller located in the index: its position counted from the text's first token (0-based),
/// or kNone when the index holds none in this text (a document matched in its title only), and the
/// text's checkpoints (schema::BodyOffsets: the byte offset of every stride-th position).
struct LocatedMatch {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t position = 0;
  std::uint32_t stride = 1;
  std::span<const std::uint32_t> starts;
};

/// A match of query word number `word` at a token position.
struct PositionedMatch {
  std::uint32_t position = 0;
  std::uint32_t word = 0;
};

/// Numbers distinct query words in the order they are first seen, for PositionedMatch::word. Holds
/// views: the words must outlive it.
class WordNumbers {
 public:
  std::uint32_t of(std::string_view word) {
    auto it = std::ranges::find(words_, word);
    if (it == words_.end()) it = words_.insert(it, word);
    return static_cast<std::uint32_t>(it - words_.begin());
  }

 private:
  std::vector<std::string_view> words_;
};

/// The index in `found` (sorted by position) of the match that starts the best passage: the window of
/// `max_words` positions from a few words before a match that holds the most distinct words, then the
/// most matches (the first such). Snippets pick their passage this way over analyzed tokens, and hits
/// over a document's position lists. `found` must not be empty.
std::size_t best_passage(std::span<const PositionedMatch> found, std::size_t max_words);

/// A passage of the original `text` around its best run of matches (the most distinct query words
/// within `max_words` words), every matched span wrapped in kHighlightBegin/kHighlightEnd.
/// A token matches when its normalized text is one of `keys.surfaces` (or starts with one of
/// `keys.prefixes`) or its stem is one of `keys.stems`: so `كتاب`, `کِتاب` and `کتاب‌ها` all light up
/// for `کتاب`, while `حر` stays dark for `حرم`. The passage starts and ends on token boundaries of the
/// original (never inside a code point), marks a cut with `…`, and has control characters replaced
/// by spaces and whitespace runs collapsed. No match: the text's beginning.
///
/// `located` (hits.cpp reads it from the document's position lists and body offsets): the analysis
/// then covers only the checkpoints around that match, or the text's first ones for kNone. When a
/// located piece holds no match (a wrong location), the text is scanned from its beginning as without it.
std::string make_snippet(std::string_view text, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                         std::size_t max_words = 32, std::optional<LocatedMatch> located = std::nullopt);

}  // namespace kavosh::search
