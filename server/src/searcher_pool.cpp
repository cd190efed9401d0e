// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "searcher_pool.h"

#include <numeric>
#include <utility>

#include "kavosh/error.h"

namespace kavosh::serve {

SearcherPool::SearcherPool(std::string path, std::size_t size, Clock::duration refresh,
                           std::shared_ptr<Generations> generations)
    : path_(std::move(path)), refresh_(refresh), slots_(size), free_(size), generations_(std::move(generations)) {
  std::iota(free_.rbegin(), free_.rend(), std::size_t{0});  // slot 0 on top: warm searchers first
  for (std::size_t slot = 0; slot < size; ++slot) workers_.push_back(std::make_unique<Worker>());
}

SearcherPool::Worker::Worker() : thread_([this] { loop(); }) {}

SearcherPool::Worker::~Worker() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_one();
  thread_.join();
}

void SearcherPool::Worker::post(std::function<void()> job) {
  {
    const std::lock_guard lock(mutex_);
    job_ = std::move(job);
  }
  ready_.notify_one();
}

void SearcherPool::Worker::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || job_; });
      if (!job_) return;
      job = std::exchange(job_, nullptr);
    }
    job();
  }
}

std::optional<SearcherPool::Lease> SearcherPool::acquire(Clock::duration wait, Priority priority) {
  std::size_t slot = 0;
  {
    std::unique_lock lock(mutex_);
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      Waiter me;
      std::deque<Waiter*>& queue = priority == Priority::request ? requests_ : background_;
      queue.push_back(&me);
      if (!me.handed.wait_for(lock, wait, [&] { return me.slot.has_value(); })) {
        std::erase(queue, &me);
        return std::nullopt;
      }
      slot = *me.slot;
    }
  }
  Lease lease(*this, slot);  // from here on the slot returns to the pool whatever happens
  make_fresh(slots_[slot], false);
  return lease;
}

/// Opens the database lazily (the service starts, and answers 503, before the first index exists)
/// and picks up new commits; a database that was replaced or removed is opened from scratch.
void SearcherPool::make_fresh(Slot& slot, bool force) {
  const auto now = Clock::now();
  if (slot.searcher && !force && now - slot.checked < refresh_) return;
  slot.checked = now;
  const bool first = !slot.searcher;
  bool changed = false;
  if (slot.searcher) {
    try {
      changed = slot.searcher->reopen();
    } catch (const EnvironmentError&) {
      slot.searcher.reset();
    }
  }
  const bool replaced = !first && !slot.searcher;
  if (!slot.searcher) slot.searcher.emplace(path_);
  slot.generation = generations_->note(slot.searcher->stats().revision, changed, replaced, now);
}

/// A database of one revision number is named by it (within an epoch), so searchers that reached the
/// same commit share a generation; one of several shards by the count of changes seen.
std::uint64_t Generations::note(std::uint64_t revision, bool changed, bool replaced, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  if (replaced) ++epoch_;
  if (revision == 0 && changed) ++changes_;
  const std::uint64_t generation = (epoch_ << 32U) | (revision != 0 ? revision : changes_);
  if (generation >= newest_) {
    newest_ = generation;
    confirmed_ = now;
  }
  return generation;
}

std::optional<std::uint64_t> Generations::current(Clock::duration refresh) const {
  const std::lock_guard lock(mutex_);
  if (!confirmed_ || Clock::now() - *confirmed_ >= refresh) return std::nullopt;
  return newest_;
}

std::optional<std::uint64_t> SearcherPool::current_generation() const { return generations_->current(refresh_); }

void SearcherPool::release(std::size_t slot) {
  const std::lock_guard lock(mutex_);
  std::deque<Waiter*>& queue = requests_.empty() ? background_ : requests_;
  if (queue.empty()) {
    free_.push_back(slot);
    return;
  }
  Waiter* next = queue.front();
  queue.pop_front();
  next->slot = slot;
  next->handed.notify_one();  // under the lock: `next` lives on its thread's stack until it wakes
}

SearcherPool::Lease::~Lease() {
  if (pool_) pool_->release(slot_);
}

Searcher& SearcherPool::Lease::operator*() const { return *pool_->slots_[slot_].searcher; }

void SearcherPool::Lease::refresh() { pool_->make_fresh(pool_->slots_[slot_], true); }

std::uint64_t SearcherPool::Lease::generation() const { return pool_->slots_[slot_].generation; }

}  // namespace kavosh::serve
