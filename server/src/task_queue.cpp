// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "task_queue.h"

namespace kavosh::serve {
namespace {
thread_local bool t_overflow = false;
}  // namespace

bool overloaded() { return t_overflow; }

BoundedTaskQueue::BoundedTaskQueue(std::size_t max_connections, std::size_t max_queued)
    : max_connections_(max_connections), max_queued_(max_queued) {
  threads_.emplace_back([this] { run(overflow_, true); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

void BoundedTaskQueue::enqueue(std::function<void()> task) {
  const std::lock_guard lock(mutex_);
  const bool busy = idle_ <= main_.tasks.size();
  if (busy && threads_.size() - 1 < max_connections_) {
    threads_.emplace_back([this] { run(main_, false); });
  } else if (busy && main_.tasks.size() >= max_queued_) {
    overflow_.tasks.push_back(std::move(task));
    overflow_.ready.notify_one();
    return;
  }
  main_.tasks.push_back(std::move(task));
  main_.ready.notify_one();
}

void BoundedTaskQueue::shutdown() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  main_.ready.notify_all();
  overflow_.ready.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

/// A thread drains its lane before leaving, so every accepted connection is answered on shutdown.
void BoundedTaskQueue::run(Lane& lane, bool overflow) {
  t_overflow = overflow;
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      if (!overflow) ++idle_;
      lane.ready.wait(lock, [&] { return stopping_ || !lane.tasks.empty(); });
      if (!overflow) --idle_;
      if (lane.tasks.empty()) return;
      task = std::move(lane.tasks.front());
      lane.tasks.pop_front();
    }
    task();
  }
}

}  // namespace kavosh::serve
