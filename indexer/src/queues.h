// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Blocking queues between the stages of the indexing pipeline.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

namespace kavosh::index {

/// A bounded FIFO: push blocks while full, pop while empty. After close(), push fails and pop drains
/// what is left, then returns nullopt.
template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  bool push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

/// Gives back items in sequence order (0, 1, 2 …) whatever order parallel workers push them in. A push
/// more than `window` ahead of the next one due waits, which bounds memory; the item due always fits.
/// After close(), push fails and pop returns what is due in order, then nullopt.
template <class T>
class ReorderQueue {
 public:
  explicit ReorderQueue(std::uint64_t window) : window_(window) {}

  bool push(std::uint64_t sequence, T item) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return closed_ || sequence < next_ + window_; });
    if (closed_) return false;
    items_.emplace(sequence, std::move(item));
    if (sequence == next_) due_.notify_one();
    return true;
  }

  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    due_.wait(lock, [&] { return closed_ || items_.contains(next_); });
    const auto it = items_.find(next_);
    if (it == items_.end()) return std::nullopt;
    T item = std::move(it->second);
    items_.erase(it);
    ++next_;
    room_.notify_all();
    return item;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    room_.notify_all();
    due_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable room_, due_;
  std::map<std::uint64_t, T> items_;
  std::uint64_t next_ = 0;
  std::uint64_t window_;
  bool closed_ = false;
};

}  // namespace kavosh::index
