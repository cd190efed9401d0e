// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "response_cache.h"

#include <utility>

namespace kavosh::serve {

ResponseCache::ResponseCache(std::size_t max_bytes, Clock::duration max_stale)
    : max_bytes_(max_bytes), max_stale_(max_stale) {}

ResponseCache::Found ResponseCache::find(const std::string& key, std::uint64_t generation, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  see_locked(generation, now);
  const auto it = by_key_.find(key);
  if (it == by_key_.end() || it->second->generation > generation) return {};
  recent_.splice(recent_.begin(), recent_, it->second);
  return {it->second->body, it->second->generation < generation};
}

void ResponseCache::count(Outcome outcome) {
  const std::lock_guard lock(mutex_);
  switch (outcome) {
    case Outcome::hit: ++counts_.hits; break;
    case Outcome::stale: ++counts_.stale; break;
    case Outcome::miss: ++counts_.misses; break;
    case Outcome::coalesced: ++counts_.coalesced; break;
    case Outcome::revalidated: ++counts_.revalidated; break;
  }
}

void ResponseCache::store(const std::string& key, std::uint64_t generation, std::string body, Clock::time_point now) {
  // An answer larger than a tenth of the budget would push out many others for one request.
  if (body.size() + key.size() > max_bytes_ / 10) return;
  const std::lock_guard lock(mutex_);
  see_locked(generation, now);
  if (generation < oldest_served_) return;
  if (const auto it = by_key_.find(key); it != by_key_.end()) {
    // Two searchers answered it at once (keep the first), or a newer answer is kept.
    if (it->second->generation >= generation) return;
    erase_locked(it->second);
  }
  bytes_ += key.size() + body.size();
  recent_.push_front({key, generation, std::make_shared<const std::string>(std::move(body))});
  by_key_.emplace(recent_.front().key, recent_.begin());
  evict_locked();
}

ResponseCache::Counts ResponseCache::counts() const {
  const std::lock_guard lock(mutex_);
  Counts out = counts_;
  out.entries = by_key_.size();
  out.bytes = bytes_;
  return out;
}

/// Notes when each newer generation was first seen, and drops the answers that lack a commit seen more
/// than max_stale_ ago.
void ResponseCache::see_locked(std::uint64_t generation, Clock::time_point now) {
  if (generation > newest_) {
    newest_ = generation;
    first_seen_.emplace(generation, now);
  }
  std::uint64_t oldest = oldest_served_;
  while (!first_seen_.empty() && now - first_seen_.begin()->second >= max_stale_) {
    oldest = first_seen_.begin()->first;
    first_seen_.erase(first_seen_.begin());
  }
  if (oldest == oldest_served_) return;
  oldest_served_ = oldest;
  for (auto entry = recent_.begin(); entry != recent_.end();) {
    const auto next = std::next(entry);
    if (entry->generation < oldest_served_) erase_locked(entry);
    entry = next;
  }
}

void ResponseCache::erase_locked(std::list<Entry>::iterator entry) {
  bytes_ -= entry->key.size() + entry->body->size();
  by_key_.erase(entry->key);
  recent_.erase(entry);
}

void ResponseCache::evict_locked() {
  while (bytes_ > max_bytes_ && !recent_.empty()) erase_locked(std::prev(recent_.end()));
}

}  // namespace kavosh::serve
