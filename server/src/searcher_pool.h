// Kavosh: Persian full-text search. GPL-2.0-or-later.
// One Searcher per worker: Xapian databases are not thread-safe, and opening one is cheap.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "kavosh/searcher.h"

namespace kavosh::serve {

/// Names the states of one database as searchers see them (SearcherPool::current_generation()); pools
/// over the same database may share one, so that their searchers' generations compare. Thread-safe.
class Generations {
 public:
  using Clock = std::chrono::steady_clock;

  /// A searcher has just looked at the database: at `revision` (0 when it has no one revision),
  /// `changed` since it last looked, or `replaced` (opened from scratch after a failure). Returns the
  /// generation it reads.
  std::uint64_t note(std::uint64_t revision, bool changed, bool replaced, Clock::time_point now);
  /// The newest generation, while a searcher confirmed it less than `refresh` ago.
  std::optional<std::uint64_t> current(Clock::duration refresh) const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t epoch_ = 0;                     ///< reopenings from scratch: a replaced database restarts its revisions
  std::uint64_t changes_ = 0;                   ///< changes seen of a database without one revision (several shards)
  std::uint64_t newest_ = 0;                    ///< the newest generation a searcher has reached
  std::optional<Clock::time_point> confirmed_;  ///< when a searcher last found `newest_` current
};

class SearcherPool {
 public:
  using Clock = std::chrono::steady_clock;

  /// `refresh`: a borrowed searcher that has not looked for new commits for this long calls reopen(),
  /// so commits are served within `refresh` plus one request, at the cost of one file stat.
  SearcherPool(std::string path, std::size_t size, Clock::duration refresh,
               std::shared_ptr<Generations> generations = std::make_shared<Generations>());

  /// A borrowed searcher, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::size_t slot) : pool_(&pool), slot_(slot) {}
    Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Searcher& operator*() const;
    Searcher* operator->() const { return &**this; }
    /// Runs `fn(searcher)` on the searcher's own thread and returns what it returns, or throws what it
    /// throws. Analysis keeps per-thread caches (a word memo of 16 MB, ICU's break iterators): searches
    /// run on the pool's few threads, warm and bounded, not on whichever connection thread asked.
    template <class F>
    std::invoke_result_t<F&, Searcher&> run(F& fn) const {
      using Result = std::invoke_result_t<F&, Searcher&>;
      auto task = std::make_shared<std::packaged_task<Result()>>([&fn, this] { return fn(**this); });
      std::future<Result> done = task->get_future();
      pool_->workers_[slot_]->post([task] { (*task)(); });
      return done.get();
    }
    /// Reopens after a failure (a writer replaced blocks under us); throws EnvironmentError.
    void refresh();
    /// The generation of the database state this searcher reads (current_generation()).
    std::uint64_t generation() const;

   private:
    SearcherPool* pool_;
    std::size_t slot_;
  };

  /// Who waits for a searcher: a request, or work done for later ones (searching a stale answer anew).
  enum class Priority : unsigned char { request, background };

  /// Borrows a fresh searcher, first come first served within a priority: a searcher given back goes to
  /// the request that has waited longest, so under load every request waits about as long as the queue
  /// ahead of it, and none is starved by later ones; background work gets one only when no request waits.
  /// Throws kavosh::EnvironmentError when the database cannot be opened, and returns nullopt when every
  /// searcher stays busy (or taken by requests) for `wait`.
  std::optional<Lease> acquire(Clock::duration wait, Priority priority = Priority::request);

  /// The newest generation a searcher has seen, while one confirmed it within the refresh interval;
  /// else nullopt (only a borrowed searcher can tell). A generation names a state of the database:
  /// searches at equal generations give equal answers. It grows with every commit a searcher picks up
  /// and with every reopening from scratch (the database replaced).
  std::optional<std::uint64_t> current_generation() const;

  /// The number of searchers.
  std::size_t size() const { return slots_.size(); }

 private:
  /// The thread a searcher runs on (Lease::run()): one job at a time, posted by the lease's holder.
  class Worker {
   public:
    Worker();
    ~Worker();  ///< after the job being run
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;
    void post(std::function<void()> job);

   private:
    void loop();
    std::mutex mutex_;
    std::condition_variable ready_;
    std::function<void()> job_;
    bool stopping_ = false;
    std::thread thread_;  ///< last: started once the rest is ready
  };
  struct Slot {
    std::optional<Searcher> searcher;
    Clock::time_point checked;
    std::uint64_t generation = 0;
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
  std::deque<Waiter*> requests_;    ///< waiting requests, oldest first
  std::deque<Waiter*> background_;  ///< waiting background work, oldest first
  std::shared_ptr<Generations> generations_;
  std::vector<std::unique_ptr<Worker>> workers_;  ///< one per slot; last: stopped before the searchers go
};

}  // namespace kavosh::serve
