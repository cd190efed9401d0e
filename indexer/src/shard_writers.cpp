#include "shard_writers.h"

#include "kavosh/index/shards.h"

namespace kavosh::index {

ShardWriters::ShardWriters(const std::vector<std::string>& paths, const IndexOptions& options) {
  for (const std::string& path : paths) {
    IndexOptions shard_options = options;
    shard_options.db_path = path;
    auto shard = std::make_unique<Shard>();
    shard->writer = std::make_unique<IndexWriter>(shard_options);
    shards_.push_back(std::move(shard));
  }
}

ShardWriters::~ShardWriters() {
  for (auto& shard : shards_) shard->queue.close();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

bool ShardWriters::remove(const std::string& id) {
  return shards_[shard_of(id, static_cast<std::uint32_t>(shards_.size()))]->writer->remove(id);
}

void ShardWriters::start() {
  started_ = true;
  for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { run(*s); });
}

bool ShardWriters::write(std::vector<std::vector<PreparedDocument>> batches) {
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    if (!batches[s].empty() && !shards_[s]->queue.push(std::move(batches[s]))) return false;
  }
  return true;
}

void ShardWriters::run(Shard& shard) {
  try {
    while (auto batch = shard.queue.pop()) {
      for (PreparedDocument& prepared : *batch) {
        ++(shard.writer->add_document(prepared.id, prepared.document) ? replaced_ : added_);
      }
    }
    shard.writer->commit();
  } catch (...) {
    std::lock_guard lock(error_mutex_);
    if (!error_) error_ = std::current_exception();
    shard.queue.close();  // the pipeline sees a failed push and stops
  }
}

void ShardWriters::finish() {
  for (auto& shard : shards_) shard->queue.close();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
  if (error_) std::rethrow_exception(error_);
  if (!started_) {  // deletes only: the writer threads, which commit as they end, never ran
    for (auto& shard : shards_) shard->writer->commit();
  }
}

}  // namespace kavosh::index
