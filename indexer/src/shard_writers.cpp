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

namespace {

std::vector<ShardBatch> route_spelling_to_shard_0(std::vector<std::vector<PreparedDocument>> documents) {
  std::vector<ShardBatch> batches(documents.size());
  for (std::size_t s = 0; s < documents.size(); ++s) batches[s].documents = std::move(documents[s]);
  for (std::size_t s = 1; s < batches.size(); ++s) {
    for (PreparedDocument& document : batches[s].documents) {
      batches[0].other_shards_spelling.push_back(std::move(document.spelling_words));
    }
  }
  return batches;
}

}  // namespace

bool ShardWriters::write(std::vector<std::vector<PreparedDocument>> documents) {
  std::vector<ShardBatch> batches = route_spelling_to_shard_0(std::move(documents));
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    ShardBatch& batch = batches[s];
    if (batch.documents.empty() && batch.other_shards_spelling.empty()) continue;
    if (!shards_[s]->queue.push(std::move(batch))) return false;
  }
  return true;
}

void ShardWriters::run(Shard& shard) {
  try {
    while (auto batch = shard.queue.pop()) {
      for (const PreparedDocument& prepared : batch->documents) {
        const bool replaced = shard.writer->add_document(prepared.id, prepared.document, prepared.spelling_words);
        ++(replaced ? replaced_ : added_);
      }
      for (const auto& words : batch->other_shards_spelling) shard.writer->add_spelling(words);
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
