// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Body positions → byte offsets of the stored body (schema v3, value slot kBodyOffsetsSlot), so that a
// snippet analyzes only the words around a match the index located instead of the whole body.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::schema {

/// One checkpoint every this many body positions: a snippet's piece is then at most 2 × this many
/// positions longer than the passage it shows (about 1.5 bytes stored per checkpoint).
inline constexpr std::uint32_t kBodyOffsetStride = 8;

/// Where the body's positions are in its text: first_position is the body's first token position;
/// starts[k] is the byte offset of the first whole token (not a compound part) at a position ≥
/// first_position + k × stride — a point where analysis can start afresh.
struct BodyOffsets {
  std::uint32_t first_position = 0;
  std::uint32_t stride = kBodyOffsetStride;
  std::vector<std::uint32_t> starts;

  friend bool operator==(const BodyOffsets&, const BodyOffsets&) = default;
};

namespace detail {

inline void append_varint(std::string& out, std::uint32_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

inline std::optional<std::uint32_t> read_varint(std::string_view in, std::size_t& at) {
  std::uint64_t value = 0;
  for (int shift = 0; at < in.size() && shift < 35; shift += 7) {
    const auto byte = static_cast<unsigned char>(in[at++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      if (value > UINT32_MAX) return std::nullopt;
      return static_cast<std::uint32_t>(value);
    }
  }
  return std::nullopt;
}

}  // namespace detail

/// The checkpoints of a body's tokens (as Analyzer::analyze gives them, in order).
inline BodyOffsets body_offsets(const std::vector<analysis::Token>& tokens) {
  BodyOffsets offsets;
  if (tokens.empty()) return offsets;
  offsets.first_position = tokens.front().position;
  for (const analysis::Token& token : tokens) {
    if (token.part) continue;
    const std::uint32_t relative = token.position - offsets.first_position;
    while (offsets.starts.size() * offsets.stride <= relative) offsets.starts.push_back(token.span.begin);
  }
  return offsets;
}

/// The value stored: varints first_position, stride, count, then the deltas of starts. The stride is
/// stored so that changing it needs no new schema.
inline std::string encode_body_offsets(const BodyOffsets& offsets) {
  std::string out;
  detail::append_varint(out, offsets.first_position);
  detail::append_varint(out, offsets.stride);
  detail::append_varint(out, static_cast<std::uint32_t>(offsets.starts.size()));
  std::uint32_t previous = 0;
  for (const std::uint32_t start : offsets.starts) {
    detail::append_varint(out, start - previous);
    previous = start;
  }
  return out;
}

/// nullopt for an empty or malformed value (a database written by another tool).
inline std::optional<BodyOffsets> decode_body_offsets(std::string_view value) {
  std::size_t at = 0;
  const auto first = detail::read_varint(value, at);
  const auto stride = detail::read_varint(value, at);
  const auto count = detail::read_varint(value, at);
  if (!first || !stride || *stride == 0 || !count || *count > value.size()) return std::nullopt;
  BodyOffsets offsets{*first, *stride, {}};
  offsets.starts.reserve(*count);
  std::uint64_t start = 0;
  for (std::uint32_t k = 0; k < *count; ++k) {
    const auto delta = detail::read_varint(value, at);
    if (!delta || (start += *delta) > UINT32_MAX) return std::nullopt;
    offsets.starts.push_back(static_cast<std::uint32_t>(start));
  }
  if (at != value.size()) return std::nullopt;
  return offsets;
}

}  // namespace kavosh::schema
