// Kavosh: Persian full-text search. GPL-2.0-or-later.
// One Searcher per worker: Xapian databases are not thread-safe, and opening one is cheap.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
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

  /// Borrows a fresh searcher, first come first served: a searcher given back goes to the request that
  /// has waited longest, so under load every request waits about as long as the queue ahead of it, and
  /// none is starved by later ones. Throws kavosh::EnvironmentError when the database cannot be opened,
  /// and returns nullopt when every searcher stays busy for `wait`.
  std::optional<Lease> acquire(Clock::duration wait);

 private:
  struct Slot {
    std::optional<Searcher> searcher;
    Clock::time_point checked;
  };
  /// A request waiting for a searcher; release() hands it the slot.
  struct Waiter {
    std::condition_variable handed;
    std::optional<std::size_t> slot;
  };
  void make_fresh(Slot& slot, bool force);
  void release(std::size_t slot);

  std::string path_;
  Clock::duration refresh_;
  std::vector<Slot> slots_;
  std::mutex mutex_;
  std::vector<std::size_t> free_;
  std::deque<Waiter*> waiters_;  ///< oldest first
};

}  // namespace kavosh::serve
