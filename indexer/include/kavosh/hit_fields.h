// Kavosh: Persian full-text search. GPL-2.0-or-later.
// What a hit shows besides its snippet, stored in one value slot (schema v5, kHitSlot): a page of hits
// reads one value stream instead of each record's whole stored data (the article, compressed).
#pragma once
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::schema {

/// The fields as the record wrote them; `date` is ISO (`2024-03-01`) or empty.
struct HitFields {
  std::string id;
  std::string title;
  std::string url;
  std::string source;
  std::string date;

  friend bool operator==(const HitFields&, const HitFields&) = default;
};

/// Separates the fields of the stored value; dropped from the fields themselves when encoding.
inline constexpr char kHitFieldSeparator = '\x1F';

/// The value stored: the five fields in declaration order, separated by kHitFieldSeparator.
inline std::string encode_hit_fields(const HitFields& fields) {
  std::string out;
  for (const std::string* field : {&fields.id, &fields.title, &fields.url, &fields.source, &fields.date}) {
    if (field != &fields.id) out += kHitFieldSeparator;
    std::ranges::copy_if(*field, std::back_inserter(out), [](char c) { return c != kHitFieldSeparator; });
  }
  return out;
}

/// nullopt for a value that is not five fields (empty: a database written by another tool).
inline std::optional<HitFields> decode_hit_fields(std::string_view value) {
  std::array<std::string_view, 5> parts;
  std::size_t count = 0;
  for (std::size_t begin = 0; begin <= value.size(); ++count) {
    const std::size_t end = std::min(value.find(kHitFieldSeparator, begin), value.size());
    if (count == parts.size()) return std::nullopt;
    parts[count] = value.substr(begin, end - begin);
    begin = end + 1;
  }
  if (count != parts.size() || value.empty()) return std::nullopt;
  return HitFields{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
                   std::string(parts[4])};
}

}  // namespace kavosh::schema
