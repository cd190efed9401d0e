// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A cluster: shards, each reachable through replicas tried in order (internal to kavosh_search).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace kavosh::search::detail {

/// The first word of a cluster file; a Xapian stub never starts with it.
inline constexpr std::string_view kClusterHeader = "kavosh-cluster";

/// One copy of a shard: a database served by xapian-tcpsrv at host:port, or a local database path.
struct Replica {
  std::string host;  ///< empty for a local path
  unsigned port = 0;
  std::string path;  ///< local database (directory or stub), relative paths resolved against the file
  std::string name;  ///< as the cluster file writes it, for messages
};

/// What a cluster file says: the shards in file order, each with its replicas in order of preference,
/// and the settings of its first line. The default timeouts fail a dead host within a second and a
/// replica that stops answering within a few, while a match over one shard takes far less.
struct ClusterSpec {
  std::vector<std::vector<Replica>> shards;
  unsigned timeout_ms = 5000;          ///< `timeout-ms=`: one operation on a remote replica
  unsigned connect_timeout_ms = 1000;  ///< `connect-timeout-ms=`: connecting to one
  unsigned retry_ms = 5000;            ///< `retry-ms=`: failed replicas are tried again at most this often
};

/// True when `path` is a file whose first word is kClusterHeader.
bool is_cluster_file(const std::string& path);

/// Reads a cluster file (docs/serving.md); throws kavosh::EnvironmentError naming the line of a mistake.
ClusterSpec read_cluster_file(const std::string& path);

/// The shards of a cluster as this process reaches them: per shard the replica in use, if any, and one
/// Xapian database combining the shards in use. The combination is rebuilt whenever that set changes,
/// so docids (which interleave the shards) are only ever read through the combination that made them.
class Cluster {
 public:
  using Clock = std::chrono::steady_clock;
  /// Validates a replica just opened (versions); throws to reject it.
  using Check = std::function<void(const Xapian::Database&, const std::string& name)>;

  /// Opens the first replica that answers of each shard; throws EnvironmentError when no shard answers.
  Cluster(ClusterSpec spec, Check check);

  /// The combination of the shards in use; throws EnvironmentError when no shard answers.
  const Xapian::Database& database() const;
  /// The shards (0-based, in file order) that no replica answers for.
  std::vector<std::uint32_t> failed_shards() const;
  /// True when every replica is a local path: no network between the searcher and any shard.
  bool all_local() const;
  /// Replicas in the file: a bound on the failovers one call can need.
  std::size_t replica_count() const;

  /// After an operation failed: asks each shard in use for a metadata value and moves each that does
  /// not answer on to a new connection or another replica. False when every shard answered (the failure
  /// was not theirs).
  bool recover();
  /// Tries again the replicas ahead of the one in use (all of them for a shard with none), once
  /// ClusterSpec::retry_ms has passed since the last try: a dead host costs a connect timeout per try.
  /// True when a shard changed replica.
  bool retry();
  /// retry(), then picks up new revisions of the shards in use; true when anything changed.
  bool reopen();

 private:
  struct Shard {
    std::optional<std::size_t> active;  ///< index of the replica in use
    Xapian::Database database;          ///< of the replica in use
    std::string error;                  ///< why the last replica tried failed
  };
  std::optional<Xapian::Database> open(std::size_t shard, std::size_t replica);
  bool use_first_answering(std::size_t shard, const std::vector<std::size_t>& order);
  void fail_over(std::size_t shard);
  void rebuild();

  ClusterSpec spec_;
  Check check_;
  std::vector<Shard> shards_;
  Xapian::Database combined_;
  Clock::time_point next_retry_;
};

}  // namespace kavosh::search::detail
