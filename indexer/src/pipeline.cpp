#include "kavosh/index/pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "copy_router.h"
#include "kavosh/error.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/input.h"
#include "kavosh/index/shards.h"
#include "partitions.h"
#include "progress.h"
#include "queues.h"
#include "shard_writers.h"

namespace kavosh::index {
namespace {

// Set from signal handlers: lock-free atomics are async-signal-safe.
std::atomic<bool> g_stop{false};
std::atomic<int> g_stop_signal{0};

constexpr std::size_t kChunkRecords = 256;
constexpr std::size_t kChunkBytes = 2 << 20;

struct Chunk {
  std::uint64_t sequence = 0;
  std::vector<InputItem> items;
};

/// A worker's verdict on one input item.
struct Outcome {
  std::string file;
  std::uint64_t line = 0;
  std::uint64_t bytes = 0;
  std::size_t file_index = 0;
  std::uint64_t end = 0;
  std::optional<PreparedDocument> document;  ///< empty when the record was refused
  std::string error;                         ///< why it was refused
  std::string warning;
};

/// The first failure of any stage; it stops the others.
class Failure {
 public:
  void set(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(error);
    failed_ = true;
  }
  bool failed() const { return failed_; }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

/// The content hashes of each shard's last commit as one worker sees them (Xapian objects are not shared
/// between threads). A writer's commits can overwrite what a reader had open: it reopens and looks again.
class CommittedHashes {
 public:
  explicit CommittedHashes(const std::vector<std::string>& paths) : paths_(paths), databases_(paths.size()) {}

  /// Empty when the id is not committed, or when no stable view of the database could be had (the
  /// record is then analyzed, and its writer decides); always empty without paths (a new database).
  std::string get(const std::string& id) {
    if (paths_.empty()) return {};
    const std::uint32_t shard = shard_of(id, static_cast<std::uint32_t>(paths_.size()));
    auto& database = databases_[shard];
    for (int attempt = 0; attempt < 3; ++attempt) {
      try {
        if (!database) database.emplace(paths_[shard]);
        return stored_hash(*database, id);
      } catch (const Xapian::DatabaseModifiedError&) {
        database.reset();
      } catch (const Xapian::DatabaseOpeningError&) {
        return {};  // a new database with no commit yet
      }
    }
    return {};
  }

 private:
  const std::vector<std::string>& paths_;
  std::vector<std::optional<Xapian::Database>> databases_;
};

Outcome analyze_item(InputItem& item, const analysis::Analyzer& analyzer, CommittedHashes& committed) {
  Outcome outcome{std::move(item.file), item.line, item.bytes, item.file_index, item.end, std::nullopt, {}, {}};
  try {
    Record record = parse_item(item);
    if (!record.date.empty() && !record.parsed_date) {
      outcome.warning = "date \"" + record.date + "\" not recognized; indexed without a date";
    }
    PreparedDocument prepared{record.id, content_hash(record), {}, {}, std::nullopt, {}};
    if (committed.get(record.id) == prepared.hash) {
      prepared.unanalyzed = std::move(record);
    } else {
      prepared.document = make_document(record, analyzer);
      prepared.spelling_words = spelling_words(prepared.document);
    }
    outcome.document = std::move(prepared);
  } catch (const std::exception& e) {
    outcome.error = e.what();
  } catch (const Xapian::Error& e) {
    outcome.error = e.get_description();
  }
  return outcome;
}

class Pipeline {
 public:
  /// `partitions`: the writers are a first build's partitions, where near-copies go together (CopyRouter).
  Pipeline(const JobOptions& options, ShardWriters& writers, const std::vector<std::string>& shard_paths,
           std::vector<FileIdentity> inputs, std::ostream& diagnostics, std::uint32_t workers, bool partitions)
      : options_(options),
        writers_(writers),
        shard_paths_(shard_paths),
        inputs_(std::move(inputs)),
        diagnostics_(diagnostics),
        workers_(workers),
        work_(2 * workers),
        results_(4 * workers + 2) {
    if (partitions) router_.emplace(static_cast<std::uint32_t>(writers.size()));
  }

  // Runs every stage to completion; the sink runs on the calling thread.
  void run(std::vector<std::filesystem::path> files, InputStart start, JobStats& stats) {
    ProgressBar progress(diagnostics_, show_progress(), total_input_bytes(files));
    std::thread reader([&, files = std::move(files)]() mutable { read(std::move(files), start); });
    std::vector<std::thread> workers;
    for (std::uint32_t i = 0; i < workers_; ++i) workers.emplace_back([&] { work(); });
    try {
      sink(progress, stats);
    } catch (...) {
      failure_.set(std::current_exception());
    }
    progress.clear();
    halt();
    reader.join();
    for (auto& worker : workers) worker.join();
    failure_.rethrow();
  }

 private:
  bool show_progress() const {
    if (options_.progress == ProgressMode::kAuto) return ::isatty(STDERR_FILENO) == 1;
    return options_.progress == ProgressMode::kAlways;
  }

  void halt() {
    work_.close();
    results_.close();
  }

  void read(std::vector<std::filesystem::path> files, InputStart start) {
    try {
      InputReader reader(std::move(files), &g_stop, start);
      Chunk chunk;
      std::size_t chunk_bytes = 0;
      for (InputItem item; reader.next(item);) {
        chunk_bytes += item.bytes;
        chunk.items.push_back(std::move(item));
        if (chunk.items.size() < kChunkRecords && chunk_bytes < kChunkBytes) continue;
        const std::uint64_t next = chunk.sequence + 1;
        const bool pushed = work_.push(std::move(chunk));
        chunk = Chunk{next, {}};
        chunk_bytes = 0;
        if (!pushed) break;
      }
      if (!chunk.items.empty()) work_.push(std::move(chunk));
    } catch (...) {
      failure_.set(std::current_exception());
      halt();
    }
    work_.close();
  }

  void work() {
    const analysis::Analyzer& analyzer = analyzer_;
    CommittedHashes committed(shard_paths_);
    while (auto chunk = work_.pop()) {
      std::vector<Outcome> outcomes;
      outcomes.reserve(chunk->items.size());
      for (InputItem& item : chunk->items) outcomes.push_back(analyze_item(item, analyzer, committed));
      if (!results_.push(chunk->sequence, std::move(outcomes))) break;
    }
    if (--running_workers_ == 0) results_.close();
  }

  void report(ProgressBar& progress, const Outcome& outcome, const std::string& message) {
    progress.clear();
    diagnostics_ << outcome.file << ':' << outcome.line << ": " << message << '\n';
  }

  // Where the input stands once this outcome is written; empty for stdin (nothing to resume from).
  std::string resume_point(const Outcome& outcome) const {
    const FileIdentity& file = inputs_[outcome.file_index];
    return file.seekable ? encode_resume_point({file, outcome.end, outcome.line}) : std::string();
  }

  // Takes results in input order; false when the job must stop (--strict, a failed writer).
  bool sink_chunk(std::vector<Outcome>& outcomes, ProgressBar& progress, JobStats& stats) {
    std::vector<std::vector<PreparedDocument>> batches(writers_.size());
    std::string point;  // past the last outcome taken: a record --strict stops at is read again on --resume
    bool go_on = true;
    for (Outcome& outcome : outcomes) {
      stats.bytes += outcome.bytes;
      if (!outcome.warning.empty()) report(progress, outcome, "warning: " + outcome.warning);
      if (outcome.document) {
        point = resume_point(outcome);
        outcome.document->resume_point = point;
        const std::string& id = outcome.document->id;
        const std::uint32_t shard = router_ ? router_->partition_of(id, outcome.document->document)
                                            : shard_of(id, static_cast<std::uint32_t>(writers_.size()));
        batches[shard].push_back(std::move(*outcome.document));
        continue;
      }
      report(progress, outcome, outcome.error);
      ++stats.skipped;
      if (options_.strict) {
        stats.stopped_strict = true;
        go_on = false;
        break;
      }
      point = resume_point(outcome);
    }
    return writers_.write(std::move(batches), point) && go_on;
  }

  // A stop request drops what is still in the queues: the writers commit what they have at once, and
  // the commit's resume point is where a resumed job reads on.
  void sink(ProgressBar& progress, JobStats& stats) {
    std::uint64_t records = 0;
    while (auto outcomes = results_.pop()) {
      if (g_stop.load()) break;
      records += outcomes->size();
      if (!sink_chunk(*outcomes, progress, stats) || failure_.failed()) break;
      progress.update(records, stats.bytes);
    }
  }

  const JobOptions& options_;
  ShardWriters& writers_;
  const std::vector<std::string>& shard_paths_;
  std::vector<FileIdentity> inputs_;
  std::ostream& diagnostics_;
  std::uint32_t workers_;
  analysis::Analyzer analyzer_;
  BoundedQueue<Chunk> work_;
  ReorderQueue<std::vector<Outcome>> results_;
  std::atomic<std::uint32_t> running_workers_{workers_};
  Failure failure_;
  std::optional<CopyRouter> router_;  ///< a first build's partitions: near-copies go together
};

void stop_handler(int signal) { request_stop(signal); }

// Ids with no record are no error (an export may list deletions twice); the first few are named.
void apply_deletes(const std::vector<std::string>& ids, ShardWriters& writers, std::ostream& diagnostics,
                   JobStats& stats) {
  constexpr std::uint64_t kNamed = 10;
  std::uint64_t missing = 0;
  for (const std::string& id : ids) {
    if (writers.remove(id)) {
      ++stats.deleted;
    } else if (++missing <= kNamed) {
      diagnostics << "warning: no record with id \"" << id << "\" to delete\n";
    }
  }
  if (missing > kNamed) diagnostics << "warning: " << missing - kNamed << " more ids to delete had no record\n";
}

// Where a job writes: the target's databases, or the partitions of a new database.
struct Target {
  std::vector<std::string> paths;
  int flags = 0;       ///< more Xapian::WritableDatabase flags
  bool fresh = false;  ///< new, empty databases: no record to compare with, no resume point
};

// Runs the pipeline into `target`; returns the resume point of the last records written.
std::string index_into(const JobOptions& options, const Target& target, std::vector<std::filesystem::path> files,
                       const std::vector<std::string>& deletes, std::ostream& diagnostics, JobStats& stats) {
  ShardWriters writers(target.paths, IndexOptions{{}, options.batch, options.synonyms_file, target.flags});
  std::vector<FileIdentity> inputs = identify_inputs(files);
  const InputStart read_from = options.resume && !target.fresh
                                   ? resume_start(inputs, writers.committed_resume_points(), diagnostics)
                                   : InputStart{};
  apply_deletes(deletes, writers, diagnostics, stats);
  const std::uint32_t workers =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  static const std::vector<std::string> kNothingToCompare;
  writers.start();
  try {
    Pipeline(options, writers, target.fresh ? kNothingToCompare : target.paths, std::move(inputs), diagnostics, workers,
             target.fresh)
        .run(std::move(files), read_from, stats);
  } catch (...) {
    try {
      writers.finish();  // commits what was written before the failure
    } catch (...) {
      // The first failure is the one to report.
    }
    throw;
  }
  writers.finish();
  stats.added = writers.added();
  stats.replaced = writers.replaced();
  stats.unchanged = writers.unchanged();
  return writers.last_resume_point();
}

// How many partitions a job builds in parallel: one per core for a new single database (Xapian's
// writing, most of a build's time, is one thread per database), else none.
std::uint32_t partitions_for(const JobOptions& options) {
  if (options.shards > 1 || options.inputs.empty() || std::filesystem::exists(options.db_path)) return 0;
  const std::uint32_t cores = std::thread::hardware_concurrency();
  return cores >= 2 ? cores : 0;
}

std::vector<std::string> read_deletes(const JobOptions& options) {
  std::vector<std::string> deletes = options.deletes;
  if (!options.delete_ids_file.empty()) {
    std::vector<std::string> more = read_ids(options.delete_ids_file);  // all checked before any is deleted
    deletes.insert(deletes.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return deletes;
}

}  // namespace

JobStats run_index(const JobOptions& options, std::ostream& diagnostics) {
  const auto start = std::chrono::steady_clock::now();
  JobStats stats;
  auto files = expand_inputs(options.inputs);
  const std::vector<std::string> deletes = read_deletes(options);
  if (const std::uint32_t partitions = partitions_for(options)) {
    if (options.resume)
      diagnostics << "kavosh-index: warning: --resume: no database at " << options.db_path << " yet\n";
    const Target target{prepare_partitions(options.db_path, partitions), Xapian::DB_NO_SYNC, true};
    JobOptions build = options;
    build.batch = kPartitionBatch;
    try {
      const std::string point = index_into(build, target, std::move(files), deletes, diagnostics, stats);
      // A stopped build is merged at once; its copies in different partitions meet when it resumes.
      merge_partitions(target.paths, options.db_path, point, !g_stop.load());
    } catch (...) {
      discard_partitions(options.db_path);
      throw;
    }
  } else {
    const Target target{prepare_shards(options.db_path, options.shards), 0, false};
    index_into(options, target, std::move(files), deletes, diagnostics, stats);
  }
  stats.signal = g_stop_signal.load();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

void request_stop(int signal) {
  g_stop_signal.store(signal);
  g_stop.store(true);
}

void reset_stop() {
  g_stop.store(false);
  g_stop_signal.store(0);
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = stop_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal takes the default action: an impatient user wins
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace kavosh::index
