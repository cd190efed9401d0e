// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "metrics.h"

#include <sstream>

namespace kavosh::serve {

std::string_view endpoint_of(std::string_view path) {
  if (path == "/api/search") return "search";
  if (path == "/api/suggest") return "suggest";
  if (path.starts_with("/api/doc/")) return "doc";
  if (path.starts_with("/api/related/")) return "related";
  if (path == "/healthz") return "healthz";
  if (path == "/metrics") return "metrics";
  if (path == "/" || path == "/index.html" || path == "/widget.js" || path == "/widget.css") return "static";
  return "other";
}

void Metrics::observe(std::string_view endpoint, int status, double seconds) {
  const std::lock_guard lock(mutex_);
  auto it = endpoints_.find(endpoint);
  if (it == endpoints_.end()) it = endpoints_.emplace(std::string(endpoint), Endpoint{}).first;
  Endpoint& e = it->second;
  ++e.by_status[status];
  ++e.count;
  e.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++e.buckets[i];
      break;
    }
  }
}

void Metrics::partial_answer(std::size_t failed_shards) {
  const std::lock_guard lock(mutex_);
  ++partial_answers_;
  shard_failures_ += failed_shards;
}

std::string Metrics::render(const std::optional<IndexGauges>& index, const ResponseCache::Counts& cache) const {
  std::ostringstream out;
  out << "# HELP kavosh_http_requests_total HTTP requests answered, by endpoint and status.\n"
         "# TYPE kavosh_http_requests_total counter\n";
  const std::lock_guard lock(mutex_);
  for (const auto& [name, e] : endpoints_) {
    for (const auto& [status, n] : e.by_status) {
      out << "kavosh_http_requests_total{endpoint=\"" << name << "\",status=\"" << status << "\"} " << n << '\n';
    }
  }
  out << "# HELP kavosh_http_request_duration_seconds Time from request parsed to response ready.\n"
         "# TYPE kavosh_http_request_duration_seconds histogram\n";
  for (const auto& [name, e] : endpoints_) {
    const std::string label = "kavosh_http_request_duration_seconds_bucket{endpoint=\"" + name + "\",le=\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += e.buckets[i];
      out << label << kBuckets[i] << "\"} " << cumulative << '\n';
    }
    out << label << "+Inf\"} " << e.count << '\n';
    out << "kavosh_http_request_duration_seconds_sum{endpoint=\"" << name << "\"} " << e.sum << '\n';
    out << "kavosh_http_request_duration_seconds_count{endpoint=\"" << name << "\"} " << e.count << '\n';
  }
  out << "# HELP kavosh_search_partial_total Searches answered without some shards of a cluster.\n"
         "# TYPE kavosh_search_partial_total counter\n"
      << "kavosh_search_partial_total " << partial_answers_ << '\n'
      << "# HELP kavosh_search_shard_failures_total Shards left out of searches, summed over them.\n"
         "# TYPE kavosh_search_shard_failures_total counter\n"
      << "kavosh_search_shard_failures_total " << shard_failures_ << '\n';
  out << "# HELP kavosh_index_up 1 when the database can be opened.\n# TYPE kavosh_index_up gauge\n"
      << "kavosh_index_up " << (index ? 1 : 0) << '\n';
  if (index) {
    out << "# HELP kavosh_index_documents Documents in the index.\n# TYPE kavosh_index_documents gauge\n"
        << "kavosh_index_documents " << index->documents << '\n'
        << "# HELP kavosh_index_revision Commit revision of the index (0 for a sharded stub).\n"
           "# TYPE kavosh_index_revision gauge\n"
        << "kavosh_index_revision " << index->revision << '\n';
  }
  out << "# HELP kavosh_cache_requests_total Cacheable requests: answered from the response cache at the generation served (hit) or at an older one searched anew meanwhile (stale), searched (miss), or by waiting for the same request's search (coalesced).\n"
         "# TYPE kavosh_cache_requests_total counter\n"
      << "kavosh_cache_requests_total{result=\"hit\"} " << cache.hits << '\n'
      << "kavosh_cache_requests_total{result=\"stale\"} " << cache.stale << '\n'
      << "kavosh_cache_requests_total{result=\"miss\"} " << cache.misses << '\n'
      << "kavosh_cache_requests_total{result=\"coalesced\"} " << cache.coalesced << '\n'
      << "# HELP kavosh_cache_revalidations_total Stale answers searched anew in the background.\n"
         "# TYPE kavosh_cache_revalidations_total counter\n"
      << "kavosh_cache_revalidations_total " << cache.revalidated << '\n'
      << "# HELP kavosh_cache_entries Answers held by the response cache.\n# TYPE kavosh_cache_entries gauge\n"
      << "kavosh_cache_entries " << cache.entries << '\n'
      << "# HELP kavosh_cache_bytes Bytes of the answers held by the response cache.\n"
         "# TYPE kavosh_cache_bytes gauge\n"
      << "kavosh_cache_bytes " << cache.bytes << '\n';
  return out.str();
}

}  // namespace kavosh::serve
