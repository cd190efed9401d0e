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

/// Remote replicas: a dead host fails the connection within kConnectTimeoutMs, and a replica that stops
/// answering fails an operation within kTimeoutMs, so its shard moves on quickly; a match over one shard
/// takes far less.
constexpr unsigned kConnectTimeoutMs = 1000;
constexpr unsigned kTimeoutMs = 10000;

std::string trimmed(const std::string& line) {
  const auto begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1);
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

}  // namespace

bool is_cluster_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  return trimmed(first) == kClusterHeader;
}

ClusterSpec read_cluster_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError("cannot read cluster file '" + path + "'");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  ClusterSpec spec;
  std::string line;
  std::getline(in, line);  // the header
  for (int number = 2; std::getline(in, line); ++number) {
    line = trimmed(line);
    if (line.empty() || line.front() == '#') continue;
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
  next_retry_ = Clock::now() + kRetryInterval;
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
    Xapian::Database database = where.host.empty()
                                    ? Xapian::Database(where.path)
                                    : Xapian::Remote::open(where.host, where.port, kTimeoutMs, kConnectTimeoutMs);
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

/// The replicas after the failed one, then those before it (one of them may be back by now).
void Cluster::fail_over(std::size_t shard) {
  const std::size_t failed = *shards_[shard].active;
  const std::size_t count = spec_.shards[shard].size();
  std::vector<std::size_t> order;
  for (std::size_t step = 1; step < count; ++step) order.push_back((failed + step) % count);
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

void Cluster::retry(bool now) {
  if (!now && Clock::now() < next_retry_) return;
  next_retry_ = Clock::now() + kRetryInterval;
  bool changed = false;
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    const std::size_t ahead = shards_[shard].active.value_or(spec_.shards[shard].size());
    std::vector<std::size_t> order(ahead);
    std::iota(order.begin(), order.end(), 0);
    changed = use_first_answering(shard, order) || changed;
  }
  if (changed) rebuild();
}

bool Cluster::reopen() {
  const std::vector<std::uint32_t> failed_before = failed_shards();
  retry(true);
  bool changed = failed_shards() != failed_before;
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
