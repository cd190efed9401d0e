// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/analysis/normalizer.h"

namespace kavosh::analysis {

enum class TokenKind : unsigned char {
  kWord,    ///< letters: Persian, Latin or any other script
  kNumber,  ///< digits, with decimal point (`12.5`), thousands separators removed (`25000`), or a date `1402/12/11`
};

/// A token of normalized text, before stemming.
struct RawToken {
  std::string text;  ///< normalized; U+200C marks each half-space boundary (`می‌شود`, `هماهنگی‌های`)
  Span span;         ///< bytes of the normalized text it covers
  TokenKind kind = TokenKind::kWord;
  /// Normalized bytes of each half-space part, in order; empty when the token has no joint
  /// (most tokens: this saves an allocation per token).
  std::vector<Span> parts;
  friend bool operator==(const RawToken&, const RawToken&) = default;
};

/// Splits normalized text into words and numbers with ICU word boundaries, then applies the
/// half-space rule of DESIGN.md §3:
/// - a word written with ZWNJ stays one token with its ZWNJ boundaries;
/// - a bound affix written apart is re-attached with a ZWNJ: `می`/`نمی`/`بی` before a Persian word;
///   `ها های هایی … تر ترین` after one; `ای ام ات اش ایم اید اند ی` after a word ending in `ه`;
/// - Persian punctuation (`، ؛ ؟ « »`) never joins words; `1402/12/11` is one number token.
/// Thread-safe: each thread uses its own ICU break iterator.
class Tokenizer {
 public:
  std::vector<RawToken> tokenize(std::string_view normalized) const;
};

/// True for the prefixes (`می نمی بی`) the half-space rule re-attaches to the following word.
bool is_bound_prefix(std::string_view word);
/// True for the suffixes the half-space rule re-attaches to the preceding word (`previous` is that word).
bool is_bound_suffix(std::string_view suffix, std::string_view previous);

}  // namespace kavosh::analysis
