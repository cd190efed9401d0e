// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "cluster.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "kavosh/error.h"
#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

/// The line without its comment (from `#` on).
std::string uncommented(const std::string& line) { return line.substr(0, line.find('#')); }

/// The first word of `line` ("" when none).
std::string first_word(const std::string& line) {
  std::istringstream words(line);
  std::string word;
  words >> word;
  return word;
}

/// `HOST:PORT` (`[::1]:PORT` for IPv6) into a remote replica; nullopt when it is not one.
std::optional<Replica> tcp_replica(const std::string& address) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Replica replica;
  replica.host = address.substr(0, colon);
  if (replica.host.size() > 2 && replica.host.front() == '[' && replica.host.back() == ']')
    replica.host = replica.host.substr(1, replica.host.size() - 2);
  const char* const end = address.data() + address.size();
  const auto [stop, error] = std::from_chars(address.data() + colon + 1, end, replica.port);
  if (error != std::errc{} || stop != end || replica.port == 0 || replica.port > 65535) return std::nullopt;
  replica.name = "tcp " + address;
  return replica;
}

/// The replicas of one shard line: `tcp HOST:PORT` or a local path, separated by spaces.
std::vector<Replica> shard_line(const std::string& line, const std::filesystem::path& base, const std::string& where) {
  std::istringstream words(line);
  std::vector<Replica> replicas;
  for (std::string word; words >> word;) {
    if (word != "tcp") {
      const std::filesystem::path path(word);
      replicas.push_back({"", 0, (path.is_absolute() ? path : base / path).string(), word});
      continue;
    }
    std::string address;
    words >> address;
    auto replica = tcp_replica(address);
    if (!replica) throw EnvironmentError(where + ": 'tcp' must be followed by HOST:PORT, not '" + address + "'");
    replicas.push_back(std::move(*replica));
  }
  return replicas;
}

/// The settings of the first line after kClusterHeader: `NAME=MILLISECONDS` each.
void read_settings(const std::string& header, const std::string& path, ClusterSpec& spec) {
  std::istringstream words(header);
  std::string word;
  words >> word;  // kClusterHeader
  while (words >> word) {
    const auto equals = word.find('=');
    const std::string name = word.substr(0, equals);
    unsigned* const setting = name == "timeout-ms"           ? &spec.timeout_ms
                              : name == "connect-timeout-ms" ? &spec.connect_timeout_ms
                              : name == "retry-ms"           ? &spec.retry_ms
                                                             : nullptr;
    const char* const end = word.data() + word.size();
    if (setting == nullptr || equals == std::string::npos ||
        std::from_chars(word.data() + equals + 1, end, *setting).ptr != end || equals + 1 == word.size()) {
      throw EnvironmentError(path + ":1: '" + word +
                             "' is no setting (timeout-ms=N, connect-timeout-ms=N, retry-ms=N: milliseconds)");
    }
  }
}

}  // namespace

bool is_cluster_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  return first_word(uncommented(first)) == kClusterHeader;
}

ClusterSpec read_cluster_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError("cannot read cluster file '" + path + "'");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  ClusterSpec spec;
  std::string line;
  std::getline(in, line);
  read_settings(uncommented(line), path, spec);
  for (int number = 2; std::getline(in, line); ++number) {
    line = uncommented(line);
    if (first_word(line).empty()) continue;
    spec.shards.push_back(shard_line(line, base, path + ":" + std::to_string(number)));
  }
  if (spec.shards.empty()) throw EnvironmentError("cluster file '" + path + "' lists no shard");
  return spec;
}

Cluster::Cluster(ClusterSpec spec, Check check)
    : spec_(std::move(spec)), check_(std::move(check)), shards_(spec_.shards.size()) {
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    std::vector<std::size_t> order(spec_.shards[shard].size());
    std::iota(order.begin(), order.end(), 0);
    use_first_answering(shard, order);
  }
  rebuild();
  next_retry_ = Clock::now() + std::chrono::milliseconds(spec_.retry_ms);
  database();  // throws when no shard answers
}

const Xapian::Database& Cluster::database() const {
  if (combined_.size() > 0) return combined_;
  std::string message = "no shard of the cluster answers";
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    message += (shard ? "; shard " : ": shard ") + std::to_string(shard) + ": " + shards_[shard].error;
  }
  throw EnvironmentError(message);
}

std::vector<std::uint32_t> Cluster::failed_shards() const {
  std::vector<std::uint32_t> failed;
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    if (!shards_[shard].active) failed.push_back(static_cast<std::uint32_t>(shard));
  }
  return failed;
}

bool Cluster::all_local() const {
  for (const auto& replicas : spec_.shards) {
    for (const Replica& replica : replicas) {
      if (!replica.host.empty()) return false;
    }
  }
  return true;
}

std::size_t Cluster::replica_count() const {
  std::size_t count = 0;
  for (const auto& replicas : spec_.shards) count += replicas.size();
  return count;
}

std::optional<Xapian::Database> Cluster::open(std::size_t shard, std::size_t replica) {
  const Replica& where = spec_.shards[shard][replica];
  try {
    Xapian::Database database =
        where.host.empty() ? Xapian::Database(where.path)
                           : Xapian::Remote::open(where.host, where.port, spec_.timeout_ms, spec_.connect_timeout_ms);
    check_(database, where.name);
    return database;
  } catch (const Xapian::Error& error) {
    shards_[shard].error = where.name + ": " + error.get_description();
  } catch (const Error& error) {
    shards_[shard].error = where.name + ": " + error.what();
  }
  return std::nullopt;
}

bool Cluster::use_first_answering(std::size_t shard, const std::vector<std::size_t>& order) {
  for (const std::size_t replica : order) {
    if (auto database = open(shard, replica)) {
      shards_[shard].active = replica;
      shards_[shard].database = std::move(*database);
      return true;
    }
  }
  return false;
}

/// The failed replica on a new connection first (xapian-tcpsrv closes a connection idle for a minute,
/// which is no failure of the replica), then the replicas after it, then those before it.
void Cluster::fail_over(std::size_t shard) {
  const std::size_t failed = *shards_[shard].active;
  const std::size_t count = spec_.shards[shard].size();
  std::vector<std::size_t> order;
  for (std::size_t step = 0; step < count; ++step) order.push_back((failed + step) % count);
  if (!use_first_answering(shard, order)) shards_[shard].active.reset();
}

void Cluster::rebuild() {
  combined_ = Xapian::Database();
  for (const Shard& shard : shards_) {
    if (shard.active) combined_.add_database(shard.database);
  }
}

bool Cluster::recover() {
  bool changed = false;
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    if (!shards_[shard].active) continue;
    try {
      shards_[shard].database.get_metadata(std::string(schema::kSchemaVersionKey));  // a round trip
    } catch (const Xapian::Error& error) {
      shards_[shard].error = spec_.shards[shard][*shards_[shard].active].name + ": " + error.get_description();
      fail_over(shard);
      changed = true;
    }
  }
  if (changed) rebuild();
  return changed;
}

bool Cluster::retry() {
  if (Clock::now() < next_retry_) return false;
  next_retry_ = Clock::now() + std::chrono::milliseconds(spec_.retry_ms);
  bool changed = false;
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    const std::size_t ahead = shards_[shard].active.value_or(spec_.shards[shard].size());
    std::vector<std::size_t> order(ahead);
    std::iota(order.begin(), order.end(), 0);
    changed = use_first_answering(shard, order) || changed;
  }
  if (changed) rebuild();
  return changed;
}

bool Cluster::reopen() {
  bool changed = retry();
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    if (!shards_[shard].active) continue;
    try {
      changed = shards_[shard].database.reopen() || changed;
    } catch (const Xapian::Error& error) {
      shards_[shard].error = spec_.shards[shard][*shards_[shard].active].name + ": " + error.get_description();
      fail_over(shard);
      changed = true;
    }
  }
  rebuild();
  return changed;
}

}  // namespace kavosh::search::detail
