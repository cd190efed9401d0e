// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "response_cache.h"

#include <utility>

namespace kavosh::serve {

ResponseCache::ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

ResponseCache::Body ResponseCache::find(const std::string& key, std::uint64_t generation) {
  const std::lock_guard lock(mutex_);
  const auto it = generation == generation_ ? by_key_.find(key) : by_key_.end();
  if (it == by_key_.end()) return nullptr;
  ++hits_;
  recent_.splice(recent_.begin(), recent_, it->second);
  return it->second->body;
}

void ResponseCache::count_miss() {
  const std::lock_guard lock(mutex_);
  ++misses_;
}

void ResponseCache::count_coalesced() {
  const std::lock_guard lock(mutex_);
  ++coalesced_;
}

void ResponseCache::store(const std::string& key, std::uint64_t generation, std::string body) {
  // An answer larger than a tenth of the budget would push out many others for one request.
  if (body.size() + key.size() > max_bytes_ / 10) return;
  const std::lock_guard lock(mutex_);
  if (generation < generation_) return;
  if (generation > generation_) {
    clear_locked();
    generation_ = generation;
  }
  if (by_key_.contains(key)) return;  // two searchers answered it at once: keep the first
  bytes_ += key.size() + body.size();
  recent_.push_front({key, std::make_shared<const std::string>(std::move(body))});
  by_key_.emplace(recent_.front().key, recent_.begin());
  evict_locked();
}

ResponseCache::Counts ResponseCache::counts() const {
  const std::lock_guard lock(mutex_);
  return {hits_, misses_, coalesced_, by_key_.size(), bytes_};
}

void ResponseCache::clear_locked() {
  by_key_.clear();
  recent_.clear();
  bytes_ = 0;
}

void ResponseCache::evict_locked() {
  while (bytes_ > max_bytes_ && !recent_.empty()) {
    const Entry& last = recent_.back();
    bytes_ -= last.key.size() + last.body->size();
    by_key_.erase(last.key);
    recent_.pop_back();
  }
}

}  // namespace kavosh::serve
