// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Background searches of the stale answers the response cache served.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kavosh::serve {

/// Runs the jobs that search stale answers again, on threads of its own, so that the request served a
/// stale answer does not wait for the fresh one. A key already waiting is not queued twice, and past
/// `max_waiting` keys a job is dropped: its answer then goes out of date and is searched by a request.
/// Jobs borrow searchers as requests do, so they take turns with requests rather than overtake them.
class Revalidator {
 public:
  Revalidator(std::size_t threads, std::size_t max_waiting);
  ~Revalidator();  ///< waits for the running jobs; the waiting ones are dropped
  Revalidator(const Revalidator&) = delete;
  Revalidator& operator=(const Revalidator&) = delete;

  /// Queues `job` unless `key` is waiting already or the queue is full; false when not queued.
  bool submit(const std::string& key, std::function<void()> job);

 private:
  void run();

  const std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
  std::deque<std::pair<std::string, std::function<void()>>> waiting_;
  std::unordered_set<std::string> waiting_keys_;
  std::vector<std::thread> threads_;
};

}  // namespace kavosh::serve
