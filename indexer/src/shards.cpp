#include "kavosh/index/shards.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <xapian.h>

#include "hash.h"
#include "kavosh/error.h"

namespace kavosh::index {
namespace fs = std::filesystem;
namespace {

std::string shard_name(std::uint32_t shard) {
  char name[32];
  std::snprintf(name, sizeof name, "shard_%03u", shard);
  return name;
}

// 0 for a new PATH, 1 for a plain database, N for a stub naming N shards.
std::uint32_t existing_shards(const fs::path& path) {
  const fs::path stub = path / kStubFileName;
  if (fs::exists(stub)) {
    std::ifstream in(stub);
    std::uint32_t lines = 0;
    for (std::string line; std::getline(in, line);) lines += !line.empty() && !line.starts_with('#');
    return lines;
  }
  return fs::exists(path / "iamglass") || fs::exists(path / "iamchert") ? 1 : 0;
}

// Written to a temporary name and renamed, so a reader or a crash never sees half a stub.
void write_stub(const fs::path& path, std::uint32_t shards) {
  const fs::path temporary = path / (std::string(kStubFileName) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# Kavosh shards: ids are routed by kavosh::index::shard_of; do not reorder.\n";
    for (std::uint32_t s = 0; s < shards; ++s) out << "auto " << shard_name(s) << '\n';
    if (!out.flush()) throw EnvironmentError("cannot write " + temporary.string());
  }
  fs::rename(temporary, path / kStubFileName);
}

}  // namespace

std::uint32_t shard_of(std::string_view id, std::uint32_t shards) {
  return shards <= 1 ? 0 : static_cast<std::uint32_t>(fnv1a_64(id) % shards);
}

std::vector<std::string> prepare_shards(const std::string& path, std::uint32_t shards) {
  const std::uint32_t existing = existing_shards(path);
  const std::uint32_t wanted = shards != 0 ? shards : std::max<std::uint32_t>(existing, 1);
  if (existing != 0 && existing != wanted) {
    throw EnvironmentError(path + " holds " + std::to_string(existing) + " shard(s), not " + std::to_string(wanted) +
                           ": ids would be routed elsewhere and duplicated; use --shards " + std::to_string(existing) +
                           " or a new path");
  }
  if (wanted == 1) {
    if (const fs::path parent = fs::path(path).parent_path(); !parent.empty()) fs::create_directories(parent);
    return {path};
  }
  std::vector<std::string> paths;
  fs::create_directories(path);
  for (std::uint32_t s = 0; s < wanted; ++s) {
    paths.push_back((fs::path(path) / shard_name(s)).string());
    Xapian::WritableDatabase(paths.back(), Xapian::DB_CREATE_OR_OPEN).close();
  }
  if (existing == 0) write_stub(path, wanted);
  return paths;
}

}  // namespace kavosh::index
