// The normalizer as a chain of small steps over code points; each step is testable alone.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace kavosh::analysis::steps {

/// A code point of the text being normalized, with the byte span of the original it came from.
struct CodePoint {
  char32_t cp;
  std::uint32_t begin;
  std::uint32_t end;
};
using CodePoints = std::vector<CodePoint>;

CodePoints decode(std::string_view text);  ///< UTF-8 → code points; invalid bytes → U+FFFD
char32_t map_letter(char32_t c);
bool is_ignorable(char32_t c);
char32_t fold_digit(char32_t c);
char32_t fold_space_or_case(char32_t c);

void fold_compatibility_forms(CodePoints& s);  ///< presentation / fullwidth forms → NFKC
void map_letters(CodePoints& s);               ///< Arabic letter variants → Persian target letters
void remove_ignorables(CodePoints& s);         ///< diacritics, tatweel, bidi and other invisibles
void fold_digits(CodePoints& s);               ///< Eastern digits and separators → ASCII
void fold_spaces_and_case(CodePoints& s);      ///< other spaces → U+0020; case folding
void drop_hamza_after_long_vowel(CodePoints& s);
void tidy_zwnj(CodePoints& s);  ///< keep ZWNJ only between two letters, once

}  // namespace kavosh::analysis::steps

namespace kavosh::analysis {
struct NormalizedText;
/// The normalizer as the plain chain of steps above; PersianNormalizer gives the same result faster.
NormalizedText normalize_by_steps(std::string_view text);
}  // namespace kavosh::analysis
