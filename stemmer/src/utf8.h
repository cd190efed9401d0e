// UTF-8 decoding and encoding that never fails: invalid bytes become U+FFFD.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace kavosh::analysis::utf8 {

inline constexpr char32_t kReplacement = U'\uFFFD';

/// The general case of decode(): sequences of three or four bytes, and invalid bytes.
char32_t decode_slow(std::string_view s, std::size_t& pos);

/// Decodes the code point at `pos`, advancing `pos` past it. An invalid, overlong, surrogate or
/// truncated sequence yields U+FFFD and advances by one byte, so decoding always makes progress.
/// Inline for ASCII and two-byte sequences (Persian and Arabic letters): the analyzer's hot loop.
inline char32_t decode(std::string_view s, std::size_t& pos) {
  const auto c0 = static_cast<unsigned char>(s[pos]);
  if (c0 < 0x80) {
    ++pos;
    return c0;
  }
  if ((c0 & 0xE0) == 0xC0 && c0 >= 0xC2 && pos + 1 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[pos + 1]);
    if ((c1 & 0xC0) == 0x80) {
      pos += 2;
      return (static_cast<char32_t>(c0 & 0x1F) << 6) | (c1 & 0x3F);
    }
  }
  return decode_slow(s, pos);
}

/// Longest UTF-8 encoding of one code point, in bytes.
inline constexpr std::size_t kMaxEncodedBytes = 4;

/// Writes the UTF-8 encoding of `cp` (U+FFFD for a surrogate or a value past U+10FFFF) to `out`, which
/// has room for kMaxEncodedBytes; returns the number of bytes written.
inline std::size_t encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

/// Appends the UTF-8 encoding of `cp` (see encode()).
inline void append(std::string& out, char32_t cp) {
  char bytes[kMaxEncodedBytes];
  out.append(bytes, encode(cp, bytes));
}

/// Number of code points in a valid or invalid UTF-8 string, counting each invalid byte as one.
std::size_t length(std::string_view s);

}  // namespace kavosh::analysis::utf8
