#include "kavosh/analysis/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "char_tables.h"
#include "normalizer_steps.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace steps {

using namespace chars;

CodePoints decode(std::string_view text) {
  CodePoints out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char32_t cp = utf8::decode(text, pos);
    out.push_back({cp, begin, static_cast<std::uint32_t>(pos)});
  }
  return out;
}

namespace {

// Keeps the code points for which `keep` is true, in order.
template <typename Pred>
void keep_if(CodePoints& s, Pred&& keep) {
  std::erase_if(s, [&keep](const CodePoint& c) { return !keep(c.cp); });
}

const icu::Normalizer2* nfkc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

}  // namespace

void fold_compatibility_forms(CodePoints& s) {
  if (std::none_of(s.begin(), s.end(), [](const CodePoint& c) { return is_compatibility_form(c.cp); })) return;
  CodePoints out;
  out.reserve(s.size() + 8);
  for (const CodePoint& c : s) {
    if (!is_compatibility_form(c.cp) || nfkc() == nullptr) {
      out.push_back(c);
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc()->normalize(icu::UnicodeString(static_cast<UChar32>(c.cp)), status);
    if (U_FAILURE(status)) {
      out.push_back(c);
      continue;
    }
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
      out.push_back({static_cast<char32_t>(folded.char32At(i)), c.begin, c.end});
    }
  }
  s = std::move(out);
}

char32_t map_letter(char32_t c) {
  switch (c) {
    case kArabicYeh: case kAlefMaksura: case kYehBarree: case kFarsiYehVariantE: case kYehHamza:
      return kPersianYeh;
    case kArabicKaf: case kSwashKaf:
      return kPersianKaf;
    case kHehWithYehAbove: case kTehMarbuta: case kAe: case kHehGoal:
      return kHeh;
    case kAlefHamzaAbove: case kAlefHamzaBelow: case kAlefWasla: case U'\u0672': case U'\u0673':
      return kAlef;
    case kWawHamza:
      return kWaw;
    default:
      return c;
  }
}

void map_letters(CodePoints& s) {
  for (CodePoint& c : s) c.cp = map_letter(c.cp);
}

void remove_ignorables(CodePoints& s) {
  keep_if(s, [](char32_t c) {
    return !(is_diacritic(c) || is_bidi_control(c) || c == kTatweel || c == kZwsp || c == kZwj || c == kBom ||
             c == kSoftHyphen || c == kWordJoiner);
  });
}

void fold_digits(CodePoints& s) {
  for (CodePoint& c : s) {
    const int d = eastern_digit_value(c.cp);
    if (d >= 0) c.cp = U'0' + static_cast<char32_t>(d);
    else if (c.cp == kArabicDecimalSeparator) c.cp = U'.';
    else if (c.cp == kArabicThousandsSeparator) c.cp = U',';
    else if (c.cp == kArabicPercent) c.cp = U'%';
  }
}

void fold_spaces_and_case(CodePoints& s) {
  for (CodePoint& c : s) {
    if (is_other_space(c.cp) || (c.cp < 0x20 && c.cp != U'\n' && c.cp != U'\t') || c.cp == 0x7F ||
        c.cp == 0x2028 || c.cp == 0x2029 || c.cp == 0x85) {
      c.cp = U' ';
    } else if (c.cp >= 0x41 && (c.cp < 0x0600 || c.cp > 0x06FF)) {
      c.cp = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c.cp), U_FOLD_CASE_DEFAULT));
    }
  }
}

void drop_hamza_after_long_vowel(CodePoints& s) {
  std::size_t w = 0;
  for (const CodePoint& c : s) {
    const bool after_long_vowel =
        w > 0 && (s[w - 1].cp == kAlef || s[w - 1].cp == kWaw || s[w - 1].cp == kPersianYeh);
    if (c.cp == kHamza && after_long_vowel) continue;
    s[w++] = c;
  }
  s.resize(w);
}

void tidy_zwnj(CodePoints& s) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < s.size(); ++r) {
    if (s[r].cp != kZwnj) {
      s[w++] = s[r];
      continue;
    }
    std::size_t run_end = r;
    while (run_end < s.size() && s[run_end].cp == kZwnj) ++run_end;
    const bool letter_left = w > 0 && is_letter(s[w - 1].cp);
    const bool letter_right = run_end < s.size() && is_letter(s[run_end].cp);
    if (letter_left && letter_right) s[w++] = s[run_end - 1];
    r = run_end - 1;
  }
  s.resize(w);
}

}  // namespace steps

NormalizedText PersianNormalizer::normalize_with_origin(std::string_view text) const {
  steps::CodePoints s = steps::decode(text);
  steps::fold_compatibility_forms(s);
  steps::map_letters(s);
  steps::remove_ignorables(s);  // after mapping: NFKC may yield harakat
  steps::fold_digits(s);
  steps::fold_spaces_and_case(s);
  steps::drop_hamza_after_long_vowel(s);
  steps::tidy_zwnj(s);  // last: removals above can make a ZWNJ touch a space or an edge

  NormalizedText out;
  out.text.reserve(s.size() * 2);
  out.origin.reserve(s.size() * 2);
  for (const auto& c : s) {
    const std::size_t before = out.text.size();
    utf8::append(out.text, c.cp);
    out.origin.insert(out.origin.end(), out.text.size() - before, Span{c.begin, c.end});
  }
  return out;
}

std::string PersianNormalizer::normalize(std::string_view text) const {
  return normalize_with_origin(text).text;
}

}  // namespace kavosh::analysis
