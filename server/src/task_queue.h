// Kavosh: Persian full-text search. GPL-2.0-or-later.
// cpp-httplib's queue of accepted connections. cpp-httplib reads and writes blocking, so a connection
// holds its thread for as long as it is open, slow client or idle keep-alive alike: threads are therefore
// many and cheap (up to `max_connections`, started as needed), and a slow connection holds nothing but its
// thread, while searches share the few searchers of the pool. Past `max_connections` busy threads and
// `max_queued` waiting connections, a connection is handed to one overflow thread that answers 503 at
// once instead of letting the backlog (and the latency of everyone) grow without limit.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace kavosh::serve {

/// True on the overflow thread: the request being handled must be refused with 503.
bool overloaded();

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(std::size_t max_connections, std::size_t max_queued);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  struct Lane {
    std::deque<std::function<void()>> tasks;
    std::condition_variable ready;
  };
  void run(Lane& lane, bool overflow);

  std::size_t max_connections_;
  std::size_t max_queued_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::size_t idle_ = 0;  ///< connection threads waiting for a task
  Lane main_;
  Lane overflow_;
  std::vector<std::thread> threads_;  ///< the overflow thread, then the connection threads
};

}  // namespace kavosh::serve
