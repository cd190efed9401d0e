// Kavosh: Persian full-text search. GPL-2.0-or-later.
// One Searcher per worker: Xapian databases are not thread-safe, and opening one is cheap.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kavosh/searcher.h"

namespace kavosh::serve {

class SearcherPool {
 public:
  using Clock = std::chrono::steady_clock;

  /// `refresh`: a borrowed searcher that has not looked for new commits for this long calls reopen(),
  /// so commits are served within `refresh` plus one request, at the cost of one file stat.
  SearcherPool(std::string path, std::size_t size, Clock::duration refresh);

  /// A borrowed searcher, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::size_t slot) : pool_(&pool), slot_(slot) {}
    Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Searcher& operator*() const;
    Searcher* operator->() const { return &**this; }
    /// Reopens after a failure (a writer replaced blocks under us); throws EnvironmentError.
    void refresh();

   private:
    SearcherPool* pool_;
    std::size_t slot_;
  };

  /// Borrows a fresh searcher. Throws kavosh::EnvironmentError when the database cannot be opened,
  /// and returns nullopt when every searcher stays busy for `wait`.
  std::optional<Lease> acquire(Clock::duration wait);

 private:
  struct Slot {
    std::optional<Searcher> searcher;
    Clock::time_point checked;
  };
  void make_fresh(Slot& slot, bool force);
  void release(std::size_t slot);

  std::string path_;
  Clock::duration refresh_;
  std::vector<Slot> slots_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::size_t> free_;
};

}  // namespace kavosh::serve
