// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Answers already given, kept for the database generation they were computed at.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kavosh::serve {

/// The bodies of answers by request key, each computed at one generation of the database
/// (SearcherPool): a request repeated before the next commit is served byte for byte as a fresh search
/// at that generation would answer it, as Solr's queryResultCache and Elasticsearch's request cache do.
/// After a commit, an older answer may still be served for `max_stale` after the commit it lacks was
/// first seen, flagged stale so that the caller searches it again in the background (HTTP's
/// stale-while-revalidate, RFC 5861): the commit then costs no burst of searches. Past that, it is
/// dropped. Least recently used answers go first once the bodies exceed the byte budget. Thread-safe.
class ResponseCache {
 public:
  using Body = std::shared_ptr<const std::string>;
  using Clock = std::chrono::steady_clock;

  /// `max_bytes` 0: nothing is kept. `max_stale` 0: only answers of the newest generation are served.
  ResponseCache(std::size_t max_bytes, Clock::duration max_stale);

  struct Found {
    Body body;           ///< nullptr: no answer to serve
    bool stale = false;  ///< computed before the newest generation: to be searched again
  };
  /// The answer to `key` at `generation`, or an older one still within `max_stale`.
  Found find(const std::string& key, std::uint64_t generation, Clock::time_point now = Clock::now());
  /// How a request was answered, or a stale answer searched again: counted by the caller, since find()
  /// may be asked twice for one request.
  enum class Outcome {
    hit,          ///< an answer of the generation served
    stale,        ///< an older answer, searched again in the background
    miss,         ///< searched
    coalesced,    ///< by waiting for the same request's search (InFlight)
    revalidated,  ///< not a request: a stale answer searched again
  };
  void count(Outcome outcome);
  /// Keeps `body` as the answer to `key` at `generation`, in place of an older one; ignored when a
  /// newer one is kept or `generation` is too old to be served.
  void store(const std::string& key, std::uint64_t generation, std::string body, Clock::time_point now = Clock::now());

  struct Counts {
    std::uint64_t hits = 0;
    std::uint64_t stale = 0;
    std::uint64_t misses = 0;
    std::uint64_t coalesced = 0;
    std::uint64_t revalidated = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Counts counts() const;

 private:
  struct Entry {
    std::string key;
    std::uint64_t generation = 0;
    Body body;
  };
  void see_locked(std::uint64_t generation, Clock::time_point now);
  void erase_locked(std::list<Entry>::iterator entry);
  void evict_locked();

  const std::size_t max_bytes_;
  const Clock::duration max_stale_;
  mutable std::mutex mutex_;
  std::uint64_t newest_ = 0;                               ///< the newest generation asked for or kept
  std::uint64_t oldest_served_ = 0;                        ///< answers of older generations are dropped
  std::map<std::uint64_t, Clock::time_point> first_seen_;  ///< generations above oldest_served_
  std::list<Entry> recent_;                                ///< most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> by_key_;  ///< views into recent_'s keys
  std::size_t bytes_ = 0;
  Counts counts_;  ///< all but entries and bytes
};

}  // namespace kavosh::serve
