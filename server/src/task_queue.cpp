// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "task_queue.h"

namespace kavosh::serve {
namespace {
thread_local bool t_overflow = false;
}  // namespace

bool overloaded() { return t_overflow; }

BoundedTaskQueue::BoundedTaskQueue(std::size_t workers, std::size_t max_queued) : max_queued_(max_queued) {
  for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { run(main_, false); });
  threads_.emplace_back([this] { run(overflow_, true); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

void BoundedTaskQueue::enqueue(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    Lane& lane = main_.tasks.size() < max_queued_ ? main_ : overflow_;
    lane.tasks.push_back(std::move(task));
    lane.ready.notify_one();
  }
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

/// A worker drains its lane before leaving, so every accepted connection is answered on shutdown.
void BoundedTaskQueue::run(Lane& lane, bool overflow) {
  t_overflow = overflow;
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      lane.ready.wait(lock, [&] { return stopping_ || !lane.tasks.empty(); });
      if (lane.tasks.empty()) return;
      task = std::move(lane.tasks.front());
      lane.tasks.pop_front();
    }
    task();
  }
}

}  // namespace kavosh::serve
