// Named code points used by the Persian analysis, in the spirit of Lucene's analysis/fa.
#pragma once
#include <string>
#include <string_view>

namespace kavosh::analysis::chars {

inline constexpr char32_t kZwnj = U'\u200C';
inline constexpr std::string_view kZwnjUtf8 = "\u200C";  ///< kZwnj as UTF-8 bytes
inline constexpr char32_t kZwj = U'\u200D';
inline constexpr char32_t kZwsp = U'\u200B';
inline constexpr char32_t kNbsp = U'\u00A0';
inline constexpr char32_t kSoftHyphen = U'\u00AD';
inline constexpr char32_t kBom = U'\uFEFF';
inline constexpr char32_t kWordJoiner = U'\u2060';
inline constexpr char32_t kArabicLetterMark = U'\u061C';
inline constexpr char32_t kTatweel = U'\u0640';

inline constexpr char32_t kPersianYeh = U'\u06CC';
inline constexpr char32_t kArabicYeh = U'\u064A';
inline constexpr char32_t kAlefMaksura = U'\u0649';
inline constexpr char32_t kYehBarree = U'\u06D2';
inline constexpr char32_t kFarsiYehVariantE = U'\u06D0';
inline constexpr char32_t kPersianKaf = U'\u06A9';
inline constexpr char32_t kArabicKaf = U'\u0643';
inline constexpr char32_t kSwashKaf = U'\u06AA';
inline constexpr char32_t kHeh = U'\u0647';
inline constexpr char32_t kHehWithYehAbove = U'\u06C0';
inline constexpr char32_t kTehMarbuta = U'\u0629';
inline constexpr char32_t kAe = U'\u06D5';
inline constexpr char32_t kHehGoal = U'\u06C1';
inline constexpr char32_t kAlef = U'\u0627';
inline constexpr char32_t kAlefMadda = U'\u0622';
inline constexpr char32_t kAlefHamzaAbove = U'\u0623';
inline constexpr char32_t kAlefHamzaBelow = U'\u0625';
inline constexpr char32_t kAlefWasla = U'\u0671';
inline constexpr char32_t kWaw = U'\u0648';
inline constexpr char32_t kWawHamza = U'\u0624';
inline constexpr char32_t kYehHamza = U'\u0626';
inline constexpr char32_t kHamza = U'\u0621';

inline constexpr char32_t kArabicDecimalSeparator = U'\u066B';
inline constexpr char32_t kArabicThousandsSeparator = U'\u066C';
inline constexpr char32_t kArabicPercent = U'\u066A';

/// Harakat, superscript alef and Quranic marks: removed from the search key.
constexpr bool is_diacritic(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED && c != 0x06DD);
}

/// Bidi controls: invisible, removed.
constexpr bool is_bidi_control(char32_t c) {
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == kArabicLetterMark;
}

/// Arabic presentation forms and half/fullwidth forms: folded to base letters with NFKC.
constexpr bool is_compatibility_form(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE) || (c >= 0xFF00 && c <= 0xFFEF);
}

/// Spaces other than U+0020 that separate words (NBSP included: archives use it as a separator).
constexpr bool is_other_space(char32_t c) {
  return c == kNbsp || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x1680;
}

/// Persian (Extended Arabic-Indic) or Arabic-Indic digit value, or -1.
constexpr int eastern_digit_value(char32_t c) {
  if (c >= 0x06F0 && c <= 0x06F9) return static_cast<int>(c - 0x06F0);
  if (c >= 0x0660 && c <= 0x0669) return static_cast<int>(c - 0x0660);
  return -1;
}

/// Letters of the Arabic script block (after normalization), used by the half-space rules.
constexpr bool is_arabic_letter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 || (c >= 0x06FA && c <= 0x06FF);
}

/// Calls visit(part) for each part of `word` between its half-spaces, in order (once, with the whole
/// word, when it has none).
template <typename Visit>
void for_each_zwnj_part(std::string_view word, Visit visit) {
  for (std::size_t pos = 0;;) {
    const auto z = word.find(kZwnjUtf8, pos);
    visit(word.substr(pos, z == std::string_view::npos ? std::string_view::npos : z - pos));
    if (z == std::string_view::npos) return;
    pos = z + kZwnjUtf8.size();
  }
}

/// `word` with its half-spaces taken out: the joined spelling of a compound (`هماهنگی‌ها` → `هماهنگیها`).
inline std::string without_zwnj(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for_each_zwnj_part(word, [&](std::string_view part) { out.append(part); });
  return out;
}

}  // namespace kavosh::analysis::chars
