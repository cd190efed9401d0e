// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/analysis/stemmer.h"
#include "kavosh/analysis/tokenizer.h"

namespace kavosh::analysis {

/// Changes whenever the analyzer's output for some input can change (rules, tables, lexicon).
/// Databases record it; a searcher refuses a database built with another version.
inline constexpr int kAnalyzerVersion = 6;

/// One term-producing token of a text.
struct Token {
  std::string
      text;  ///< normalized surface key, without ZWNJ (`میشود` for `می‌شود`, `می شود`, `میشود`)
  std::string stem;  ///< stem of `text` (equal to it when nothing is stripped)
  std::uint32_t position = 0;
  Span span;  ///< bytes of the original text
  TokenKind kind = TokenKind::kWord;
  bool stopword = false;
  /// One part of a compound written with a half-space or space (`جمهوری` of `جمهوری‌خواه`); the
  /// joined form is also emitted, at the position of the first part, with part == false.
  bool part = false;
};

/// The one analysis path of Kavosh: normalize → tokenize (half-space rule) → stem. The indexer and the
/// searcher both call it, so a word is always keyed the same way in documents and in queries.
/// Compounds: a word plus bound affixes (`هماهنگی‌های`, `می شود`) yields just its joined form; a
/// compound of two words (`جمهوری‌خواه`) yields its parts at consecutive positions and the joined form at the
/// first part's position. Thread-safe.
class Analyzer {
 public:
  /// Tokens of `text` in order of position; `first_position` numbers the first one.
  std::vector<Token> analyze(std::string_view text, std::uint32_t first_position = 1) const;

  const PersianNormalizer& normalizer() const { return normalizer_; }
  const PersianStemmer& stemmer() const { return stemmer_; }

 private:
  PersianNormalizer normalizer_;
  Tokenizer tokenizer_;
  PersianStemmer stemmer_;
};

}  // namespace kavosh::analysis
