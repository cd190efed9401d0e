// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <string_view>

namespace kavosh::index {

/// FNV-1a 64 of the bytes: stable across runs, builds and machines (shard routing and content hashes
/// are stored, so they must never change).
inline std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;  // offset basis
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace kavosh::index
