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

std::vector<std::string> ShardWriters::committed_resume_points() const {
  std::vector<std::string> points;
  for (const auto& shard : shards_) points.push_back(shard->writer->committed_resume_point());
  return points;
}

// Every shard gets every chunk's position, even with no document of it, so that each shard's point
// advances and a resumed job re-reads little.
bool ShardWriters::write(std::vector<std::vector<PreparedDocument>> documents, const std::string& resume_point) {
  std::vector<ShardBatch> batches = route_spelling_to_shard_0(std::move(documents));
  if (!resume_point.empty()) last_resume_point_ = resume_point;
  for (std::size_t s = 0; s < shards_.size(); ++s) {
    batches[s].resume_point = resume_point;
    if (!shards_[s]->queue.push(std::move(batches[s]))) return false;
  }
  return true;
}

// The writer's own look at the id decides: it sees this job's uncommitted changes, which the worker's
// look at the last commit did not.
void ShardWriters::write_document(IndexWriter& writer, PreparedDocument& prepared) {
  if (!prepared.resume_point.empty()) writer.set_resume_point(std::move(prepared.resume_point));
  if (writer.stored_hash(prepared.id) == prepared.hash) {
    ++unchanged_;
    return;
  }
  const bool replaced = prepared.unanalyzed
                            ? writer.add(*prepared.unanalyzed)
                            : writer.add_document(prepared.id, prepared.document, prepared.spelling_words);
  ++(replaced ? replaced_ : added_);
}

void ShardWriters::run(Shard& shard) {
  try {
    while (auto batch = shard.queue.pop()) {
      for (PreparedDocument& prepared : batch->documents) write_document(*shard.writer, prepared);
      for (const auto& words : batch->other_shards_spelling) shard.writer->add_spelling(words);
      if (!batch->resume_point.empty()) shard.writer->set_resume_point(std::move(batch->resume_point));
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
