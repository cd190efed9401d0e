// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Answers already given, kept for the database generation they were computed at.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kavosh::serve {

/// The bodies of answers by request key, each valid for one generation of the database (SearcherPool):
/// a request repeated before the next commit is served byte for byte as a fresh search at that
/// generation would answer it, as Solr's queryResultCache and Elasticsearch's request cache do. An
/// answer of a newer generation drops every older one; least recently used answers go first once the
/// bodies exceed the byte budget. Thread-safe.
class ResponseCache {
 public:
  using Body = std::shared_ptr<const std::string>;

  /// `max_bytes` 0: nothing is kept.
  explicit ResponseCache(std::size_t max_bytes);

  /// The answer to `key` computed at `generation`, or nullptr.
  Body find(const std::string& key, std::uint64_t generation);
  /// Counts a request the cache could not answer (find() may be asked twice for one request).
  void count_miss();
  /// Counts a request answered by waiting for the same request's search (InFlight).
  void count_coalesced();
  /// Keeps `body` as the answer to `key` at `generation`; ignored when a newer generation is kept.
  void store(const std::string& key, std::uint64_t generation, std::string body);

  struct Counts {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t coalesced = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Counts counts() const;

 private:
  struct Entry {
    std::string key;
    Body body;
  };
  void clear_locked();
  void evict_locked();

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;                                             ///< of every entry kept
  std::list<Entry> recent_;                                                  ///< most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> by_key_;  ///< views into recent_'s keys
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t coalesced_ = 0;
};

}  // namespace kavosh::serve
