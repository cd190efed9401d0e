// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::index {

/// Name of the Xapian stub database file inside a sharded PATH: Xapian opens a directory holding it as
/// the union of the databases it lists, so the searcher opens PATH the same way sharded or not.
inline constexpr std::string_view kStubFileName = "XAPIANDB";

/// The shard of an id: FNV-1a 64 of its bytes modulo `shards`, stable across runs, builds and machines,
/// so indexing an id again always reaches the database that holds it.
std::uint32_t shard_of(std::string_view id, std::uint32_t shards);

/// The databases to write for PATH. One shard: PATH itself is the Xapian database. N shards: PATH is a
/// directory holding shard_000 … shard_N-1 and the stub PATH/XAPIANDB naming them (created here, empty,
/// so PATH opens from the start). `shards == 0` keeps the layout PATH already has (1 for a new PATH).
/// Throws kavosh::EnvironmentError when PATH already has another shard count: re-routing would
/// duplicate records.
std::vector<std::string> prepare_shards(const std::string& path, std::uint32_t shards);

}  // namespace kavosh::index
