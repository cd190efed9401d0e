// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Request counters and latency histograms, rendered in the Prometheus text format (version 0.0.4).
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "response_cache.h"

namespace kavosh::serve {

/// The endpoint label of a request path; a fixed set, so an attacker cannot grow the label space.
std::string_view endpoint_of(std::string_view path);

/// What the index gauges show; nullopt when the database cannot be opened.
struct IndexGauges {
  std::uint64_t documents = 0;
  std::uint64_t revision = 0;
};

class Metrics {
 public:
  /// Upper bounds (seconds) of the latency buckets, as Prometheus client libraries default them.
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

  void observe(std::string_view endpoint, int status, double seconds);
  /// A search a cluster answered without `failed_shards` shards (SearchResults::partial).
  void partial_answer(std::size_t failed_shards);
  std::string render(const std::optional<IndexGauges>& index, const ResponseCache::Counts& cache) const;

 private:
  struct Endpoint {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative; summed when rendered
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Endpoint, std::less<>> endpoints_;
  std::uint64_t partial_answers_ = 0;
  std::uint64_t shard_failures_ = 0;
};

}  // namespace kavosh::serve
