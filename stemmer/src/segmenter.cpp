#include "segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <optional>

#include "char_tables.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

using chars::kZwnjUtf8;

// One ICU word break iterator per thread, cloned from a prototype made once.
icu::BreakIterator& thread_break_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale("fa"), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> local(prototype ? prototype->clone() : nullptr);
  return *local;
}

// UTF-16 copy of a region of `text` with, for each UTF-16 unit and one past the end, the byte offset
// in `text`. ICU's break iterator runs about twice as fast over UTF-16 as over a UTF-8 UText.
struct Utf16Text {
  std::u16string units;
  std::vector<std::uint32_t> byte_offset;
};

void to_utf16(std::string_view text, Span region, Utf16Text& out) {
  // Sized for the worst case (one unit per byte) and written through pointers: per code point work.
  const std::size_t bytes = region.end - region.begin;
  out.units.resize(bytes);
  out.byte_offset.resize(bytes + 1);
  char16_t* unit = out.units.data();
  std::uint32_t* offset = out.byte_offset.data();
  const std::string_view s = text.substr(0, region.end);
  for (std::size_t pos = region.begin; pos < region.end;) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char32_t cp = utf8::decode(s, pos);
    if (cp < 0x10000) {
      *unit++ = static_cast<char16_t>(cp);
      *offset++ = begin;
    } else {  // four bytes become a surrogate pair
      *unit++ = static_cast<char16_t>(0xD7C0 + (cp >> 10));
      *unit++ = static_cast<char16_t>(0xDC00 | (cp & 0x3FF));
      *offset++ = begin;
      *offset++ = begin;
    }
  }
  *offset = region.end;
  out.units.resize(static_cast<std::size_t>(unit - out.units.data()));
  out.byte_offset.resize(out.units.size() + 1);
}

bool has_zwnj_at(std::string_view text, std::uint32_t at) { return text.substr(at, kZwnjUtf8.size()) == kZwnjUtf8; }

void push_token(std::string_view text, Span span, TokenKind kind, std::vector<RawToken>& out) {
  out.push_back({std::string(text.substr(span.begin, span.end - span.begin)), span, kind, split_spans(text, span)});
}

// Words and numbers of text[region] by ICU.
void segment_with_icu(std::string_view text, Span region, std::vector<RawToken>& out) {
  thread_local Utf16Text utf16;
  to_utf16(text, region, utf16);
  const icu::UnicodeString alias(false, utf16.units.data(), static_cast<int32_t>(utf16.units.size()));
  icu::BreakIterator& it = thread_break_iterator();
  it.setText(alias);
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    const int32_t status_code = it.getRuleStatus();
    if (status_code < UBRK_WORD_NONE_LIMIT) continue;
    auto b = utf16.byte_offset[static_cast<std::size_t>(begin)];
    auto e = utf16.byte_offset[static_cast<std::size_t>(end)];
    // ICU may end a word on a ZWNJ where scripts change (`𗝳‌a`): a joint needs two sides.
    while (e - b > kZwnjUtf8.size() && has_zwnj_at(text, e - static_cast<std::uint32_t>(kZwnjUtf8.size()))) {
      e -= static_cast<std::uint32_t>(kZwnjUtf8.size());
    }
    while (e - b > kZwnjUtf8.size() && has_zwnj_at(text, b)) b += static_cast<std::uint32_t>(kZwnjUtf8.size());
    if (e - b == kZwnjUtf8.size() && has_zwnj_at(text, b)) continue;
    push_token(text, {b, e}, status_code < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber : TokenKind::kWord, out);
  }
  it.setText(icu::UnicodeString());  // drop the alias before the buffer is reused
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Letters of Persian text after normalization, all of Word_Break=ALetter; rarer letters take the ICU path.
bool is_common_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || c == 0x067E || c == 0x0686 || c == 0x0698 ||
         c == 0x06A9 || c == 0x06AF || c == 0x06CC;
}

// Punctuation that stays outside words at a chunk's edge: ASCII punctuation but `_` (ExtendNumLet joins
// words) and `@` (ICU keeps it in words), and `« » ، ؛ ؟ ۔`.
bool is_edge_punctuation(char32_t c) {
  if (c < 0x80) {
    return c != '_' &&
           ((c >= '!' && c <= '/') || (c >= ':' && c <= '?') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~'));
  }
  return c == 0x00AB || c == 0x00BB || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4;
}

enum class Core { kNone, kLetters, kDigits, kComplex };

// The one word or number of a simple chunk (Core::kNone when it holds only punctuation), or
// Core::kComplex when the chunk is not simple.
struct ChunkResult {
  Core core = Core::kNone;
  Span span;
};

// The end of the run of edge punctuation that starts at `pos` (`pos` itself when there is none).
std::size_t skip_edge_punctuation(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    std::size_t at = pos;
    if (!is_edge_punctuation(utf8::decode(s, at))) break;
    pos = at;
  }
  return pos;
}

ChunkResult read_simple_chunk(std::string_view text, Span chunk) {
  const std::string_view s = text.substr(0, chunk.end);
  std::size_t pos = skip_edge_punctuation(s, chunk.begin);
  if (pos == chunk.end) return {Core::kNone, {}};
  // The core: letters with ZWNJ between them, or ASCII digits.
  const std::size_t core_begin = pos;
  Core core = Core::kNone;
  std::size_t core_end = pos;
  bool after_zwnj = false;
  while (pos < chunk.end) {
    std::size_t at = pos;
    const char32_t c = utf8::decode(s, at);
    if (c == chars::kZwnj && core == Core::kLetters && !after_zwnj) {
      after_zwnj = true;
    } else if (is_common_arabic_letter(c) && core != Core::kDigits) {
      core = Core::kLetters;
      after_zwnj = false;
      core_end = at;
    } else if (c >= U'0' && c <= U'9' && core != Core::kLetters) {
      core = Core::kDigits;
      core_end = at;
    } else {
      break;
    }
    pos = at;
  }
  // Only edge punctuation may follow the core, up to the end of the chunk.
  if (core == Core::kNone || after_zwnj || skip_edge_punctuation(s, pos) != chunk.end) return {Core::kComplex, {}};
  return {core, {static_cast<std::uint32_t>(core_begin), static_cast<std::uint32_t>(core_end)}};
}

}  // namespace

std::vector<Span> split_spans(std::string_view text, Span span) {
  std::vector<Span> parts;
  const std::string_view within = text.substr(0, span.end);
  std::uint32_t begin = span.begin;
  for (auto z = within.find(kZwnjUtf8, begin); z != std::string_view::npos; z = within.find(kZwnjUtf8, begin)) {
    parts.push_back({begin, static_cast<std::uint32_t>(z)});
    begin = static_cast<std::uint32_t>(z + kZwnjUtf8.size());
  }
  if (!parts.empty()) parts.push_back({begin, span.end});
  return parts;
}

std::vector<RawToken> segment_words(std::string_view text) {
  std::vector<RawToken> out;
  out.reserve(text.size() / 8);
  std::optional<Span> complex;  // consecutive chunks waiting for ICU
  const auto flush = [&] {
    if (complex) segment_with_icu(text, *complex, out);
    complex.reset();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    while (pos < text.size() && is_space_byte(text[pos])) ++pos;
    const std::size_t begin = pos;
    while (pos < text.size() && !is_space_byte(text[pos])) ++pos;
    if (begin == pos) break;
    const Span chunk{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(pos)};
    const ChunkResult simple = read_simple_chunk(text, chunk);
    if (simple.core == Core::kComplex) {
      complex = Span{complex ? complex->begin : chunk.begin, chunk.end};
      continue;
    }
    flush();
    if (simple.core != Core::kNone) {
      push_token(text, simple.span, simple.core == Core::kDigits ? TokenKind::kNumber : TokenKind::kWord, out);
    }
  }
  flush();
  return out;
}

std::vector<RawToken> segment_words_with_icu(std::string_view text) {
  std::vector<RawToken> out;
  segment_with_icu(text, {0, static_cast<std::uint32_t>(text.size())}, out);
  return out;
}

}  // namespace kavosh::analysis
