#include "kavosh/analysis/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <optional>

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
    case kArabicYeh:
    case kAlefMaksura:
    case kYehBarree:
    case kFarsiYehVariantE:
    case kYehHamza: return kPersianYeh;
    case kArabicKaf:
    case kSwashKaf: return kPersianKaf;
    case kHehWithYehAbove:
    case kTehMarbuta:
    case kAe:
    case kHehGoal: return kHeh;
    case kAlefHamzaAbove:
    case kAlefHamzaBelow:
    case kAlefWasla:
    case U'\u0672':
    case U'\u0673': return kAlef;
    case kWawHamza: return kWaw;
    default: return c;
  }
}

void map_letters(CodePoints& s) {
  for (CodePoint& c : s) c.cp = map_letter(c.cp);
}

bool is_ignorable(char32_t c) {
  return is_diacritic(c) || is_bidi_control(c) || c == kTatweel || c == kZwsp || c == kZwj || c == kBom ||
         c == kSoftHyphen || c == kWordJoiner;
}

char32_t fold_digit(char32_t c) {
  const int d = eastern_digit_value(c);
  if (d >= 0) return U'0' + static_cast<char32_t>(d);
  if (c == kArabicDecimalSeparator) return U'.';
  if (c == kArabicThousandsSeparator) return U',';
  if (c == kArabicPercent) return U'%';
  return c;
}

char32_t fold_space_or_case(char32_t c) {
  if (is_other_space(c) || (c < 0x20 && c != U'\n' && c != U'\t') || c == 0x7F || c == 0x2028 || c == 0x2029 ||
      c == 0x85) {
    return U' ';
  }
  if (c >= 0x41 && (c < 0x0600 || c > 0x06FF)) {
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
  }
  return c;
}

void remove_ignorables(CodePoints& s) {
  keep_if(s, [](char32_t c) { return !is_ignorable(c); });
}

void fold_digits(CodePoints& s) {
  for (CodePoint& c : s) c.cp = fold_digit(c.cp);
}

void fold_spaces_and_case(CodePoints& s) {
  for (CodePoint& c : s) c.cp = fold_space_or_case(c.cp);
}

void drop_hamza_after_long_vowel(CodePoints& s) {
  std::size_t w = 0;
  for (const CodePoint& c : s) {
    const bool after_long_vowel = w > 0 && (s[w - 1].cp == kAlef || s[w - 1].cp == kWaw || s[w - 1].cp == kPersianYeh);
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

namespace {

// The step chain, one code point at a time, for everything but compatibility forms: 0 = dropped.
char32_t fold_one(char32_t c) {
  const char32_t letter = steps::map_letter(c);
  return steps::is_ignorable(letter) ? 0 : steps::fold_space_or_case(steps::fold_digit(letter));
}

// fold_one and "is a letter" for the first 2048 code points (Latin, Arabic script), computed once.
struct FoldTable {
  std::array<char32_t, 0x800> folded{};
  std::array<bool, 0x800> letter{};
  FoldTable() {
    for (char32_t c = 0; c < 0x800; ++c) {
      folded[c] = fold_one(c);
      letter[c] = u_isalpha(static_cast<UChar32>(c)) != 0;
    }
  }
};
const FoldTable& fold_table() {
  static const FoldTable table;
  return table;
}

bool is_letter_fast(const FoldTable& table, char32_t c) {
  return c < 0x800 ? table.letter[c] : u_isalpha(static_cast<UChar32>(c)) != 0;
}

// Appends code points to a NormalizedText through raw pointers: the single pass writes one or two
// bytes per input byte, and per-byte push_back with its capacity checks cost more than the folding.
class OutputWriter {
 public:
  explicit OutputWriter(std::size_t expected) {
    out_.text.resize(expected + utf8::kMaxEncodedBytes);
    out_.origin.resize(expected + utf8::kMaxEncodedBytes);
  }

  void put(char32_t cp, Span origin) {
    if (size_ + utf8::kMaxEncodedBytes > out_.text.size()) grow();
    char* bytes = out_.text.data() + size_;
    const std::size_t n = utf8::encode(cp, bytes);
    std::fill_n(out_.origin.data() + size_, n, origin);
    size_ += n;
  }

  NormalizedText finish() && {
    out_.text.resize(size_);
    out_.origin.resize(size_);
    return std::move(out_);
  }

 private:
  void grow() {
    out_.text.resize(out_.text.size() * 2);
    out_.origin.resize(out_.origin.size() * 2);
  }

  NormalizedText out_;
  std::size_t size_ = 0;
};

void append(NormalizedText& out, char32_t cp, Span origin) {
  utf8::append(out.text, cp);
  out.origin.resize(out.text.size(), origin);
}

NormalizedText run_steps(std::string_view text) {
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
  for (const auto& c : s) append(out, c.cp, {c.begin, c.end});
  return out;
}

// The same result as run_steps in one pass, for text without compatibility forms (nearly all text;
// tests/analysis check both agree). A ZWNJ waits until the next kept code point shows whether it
// stands between two letters.
std::optional<NormalizedText> run_single_pass(std::string_view text) {
  using namespace chars;
  const FoldTable& table = fold_table();
  OutputWriter out(text.size());
  char32_t prev = 0;
  bool prev_letter = false;
  std::optional<Span> pending_zwnj;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char32_t cp = utf8::decode(text, pos);
    const Span origin{begin, static_cast<std::uint32_t>(pos)};
    if (cp == kZwnj) {
      pending_zwnj = origin;  // of a run, the last one is kept
      continue;
    }
    if (is_compatibility_form(cp)) return std::nullopt;
    const char32_t c = cp < 0x800 ? table.folded[cp] : fold_one(cp);
    if (c == 0) continue;
    if (c == kHamza && !pending_zwnj && (prev == kAlef || prev == kWaw || prev == kPersianYeh)) continue;
    const bool letter = is_letter_fast(table, c);
    if (pending_zwnj && prev_letter && letter) out.put(kZwnj, *pending_zwnj);
    pending_zwnj.reset();
    out.put(c, origin);
    prev = c;
    prev_letter = letter;
  }
  return std::move(out).finish();
}

}  // namespace

NormalizedText PersianNormalizer::normalize_with_origin(std::string_view text) const {
  if (auto fast = run_single_pass(text)) return std::move(*fast);
  return run_steps(text);
}

/// The reference implementation, step by step (tests compare it with the single pass).
NormalizedText normalize_by_steps(std::string_view text) { return run_steps(text); }

std::string PersianNormalizer::normalize(std::string_view text) const { return normalize_with_origin(text).text; }

}  // namespace kavosh::analysis
