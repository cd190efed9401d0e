// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::analysis {

/// Byte range [begin, end) in a text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

/// Normalized text that remembers, for each of its bytes, the span of the original text it came from.
struct NormalizedText {
  std::string text;
  std::vector<Span> origin;  ///< one entry per byte of `text`

  /// The original span covered by the normalized bytes [begin, end); requires begin < end.
  Span source_span(std::size_t begin, std::size_t end) const { return {origin[begin].begin, origin[end - 1].end}; }
};

/// Maps Persian text to its search key (DESIGN.md §2). Policies, in the order applied:
/// - invalid UTF-8 → U+FFFD; Arabic presentation and fullwidth forms → base letters (ICU NFKC);
/// - `ي ى ې ے` → `ی`; `ك ڪ` → `ک`; `ۀ ة ە ہ` → `ه`; `أ إ ٱ` → `ا`; `ؤ` → `و`; `ئ` → `ی`;
///   `آ` is kept (a letter of its own); `ء` is dropped after `ا و ی` (`اجزاء` = `اجزا`) and kept elsewhere;
/// - harakat, superscript alef (U+0670), `ه`+hamza above, tatweel, bidi controls, ZWSP, ZWJ, BOM,
///   soft hyphen and word joiner are removed;
/// - Persian and Arabic-Indic digits → ASCII, `٫` → `.`, `٬` → `,`, `٪` → `%`;
/// - other spaces (NBSP included) and control characters → U+0020; Latin and other cased scripts case-folded;
/// - ZWNJ is kept only between two letters (repeats collapse), since there it marks a half-space.
/// The result is idempotent: normalize(normalize(x)) == normalize(x).
class PersianNormalizer {
 public:
  /// Normalizes `text`, keeping the original span of every output byte.
  NormalizedText normalize_with_origin(std::string_view text) const;
  /// Normalizes `text` (same policies, no offsets).
  std::string normalize(std::string_view text) const;
};

}  // namespace kavosh::analysis
