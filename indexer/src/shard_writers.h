// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kavosh/index/index_writer.h"
#include "queues.h"

namespace kavosh::index {

/// A record prepared by a worker, waiting for its writer.
struct PreparedDocument {
  std::string id;
  std::string hash;                         ///< content_hash of the record
  Xapian::Document document;                ///< made by the worker, unless `unanalyzed`
  std::vector<std::string> spelling_words;  ///< spelling_words(document), computed by the worker
  /// The record, not analyzed: the worker found its hash in the last commit. The writer, which also sees
  /// what this job wrote since, analyzes it after all if an earlier record of the job changed the id.
  std::optional<Record> unanalyzed;
  std::string resume_point;  ///< where the input stands once this record is written
};

/// What one shard's writer gets from one input chunk.
struct ShardBatch {
  std::vector<PreparedDocument> documents;
  /// Shard 0 only: the spelling words of each of the chunk's documents written to other shards. One spelling
  /// table (Xapian merges the shards' tables when searching) writes each word's fragments once, not
  /// once per shard.
  std::vector<std::vector<std::string>> other_shards_spelling;
  std::string resume_point;  ///< where the input stands once the whole batch is written
};

/// One IndexWriter per shard, each on its own thread, so shards are written in parallel.
class ShardWriters {
 public:
  ShardWriters(const std::vector<std::string>& paths, const IndexOptions& options);
  ~ShardWriters();

  std::size_t size() const { return shards_.size(); }
  /// Deletes an id from its shard; only before start().
  bool remove(const std::string& id);
  void start();
  /// Hands each shard its documents (documents[shard]) and shard 0 every document's spelling words, and
  /// every shard the input's position after them; false when a writer has failed.
  bool write(std::vector<std::vector<PreparedDocument>> documents, const std::string& resume_point);
  /// Lets the writers finish their queues, commits, joins; rethrows the first writer failure.
  void finish();

  std::uint64_t added() const { return added_; }
  std::uint64_t replaced() const { return replaced_; }
  std::uint64_t unchanged() const { return unchanged_; }
  /// The resume point of the last write(): every shard's after finish().
  const std::string& last_resume_point() const { return last_resume_point_; }
  /// Each shard's resume point as last committed (kavosh/index/resume.h).
  std::vector<std::string> committed_resume_points() const;

 private:
  struct Shard {
    std::unique_ptr<IndexWriter> writer;
    BoundedQueue<ShardBatch> queue{4};
    std::thread thread;
  };
  void run(Shard& shard);
  void write_document(IndexWriter& writer, PreparedDocument& prepared);

  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::uint64_t> added_{0}, replaced_{0}, unchanged_{0};
  std::mutex error_mutex_;
  std::exception_ptr error_;
  bool started_ = false;
  std::string last_resume_point_;
};

}  // namespace kavosh::index
