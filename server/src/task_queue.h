// Kavosh: Persian full-text search. GPL-2.0-or-later.
// cpp-httplib's queue of accepted connections, bounded: past `max_queued` waiting connections, a
// connection is handed to one overflow thread that answers 503 at once instead of letting the
// backlog (and the latency of everyone) grow without limit.
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
  BoundedTaskQueue(std::size_t workers, std::size_t max_queued);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> task) override;
  void shutdown() override;

 private:
  struct Lane {
    std::deque<std::function<void()>> tasks;
    std::condition_variable ready;
  };
  void run(Lane& lane, bool overflow);

  std::size_t max_queued_;
  std::mutex mutex_;
  bool stopping_ = false;
  Lane main_;
  Lane overflow_;
  std::vector<std::thread> threads_;
};

}  // namespace kavosh::serve
