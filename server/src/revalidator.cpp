// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "revalidator.h"

namespace kavosh::serve {

Revalidator::Revalidator(std::size_t threads, std::size_t max_waiting) : max_waiting_(max_waiting) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

Revalidator::~Revalidator() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

bool Revalidator::submit(const std::string& key, std::function<void()> job) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= max_waiting_ || !waiting_keys_.insert(key).second) return false;
    waiting_.emplace_back(key, std::move(job));
  }
  ready_.notify_one();
  return true;
}

void Revalidator::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = std::move(waiting_.front().second);
      waiting_keys_.erase(waiting_.front().first);
      waiting_.pop_front();
    }
    try {
      job();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a failed job leaves the stale answer to expire
    }
  }
}

}  // namespace kavosh::serve
