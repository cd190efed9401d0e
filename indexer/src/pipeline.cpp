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

#include "kavosh/error.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/input.h"
#include "kavosh/index/shards.h"
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
  std::optional<PreparedDocument> document;  ///< empty when the record was refused
  std::string error;                         ///< why it was refused
  std::string warning;
};

/// The first failure of any stage; it stops the others.
class Failure {
 public:
  void set(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = error;
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

Outcome analyze_item(InputItem& item, const analysis::Analyzer& analyzer) {
  Outcome outcome{std::move(item.file), item.line, item.bytes, std::nullopt, {}, {}};
  try {
    const Record record = parse_item(item);
    Xapian::Document document = make_document(record, analyzer);
    std::vector<std::string> words = spelling_words(document);
    outcome.document = PreparedDocument{record.id, std::move(document), std::move(words)};
    if (!record.date.empty() && !record.parsed_date) {
      outcome.warning = "date \"" + record.date + "\" not recognized; indexed without a date";
    }
  } catch (const std::exception& e) {
    outcome.error = e.what();
  } catch (const Xapian::Error& e) {
    outcome.error = e.get_description();
  }
  return outcome;
}

class Pipeline {
 public:
  Pipeline(const JobOptions& options, ShardWriters& writers, std::ostream& diagnostics, std::uint32_t workers)
      : options_(options), writers_(writers), diagnostics_(diagnostics), workers_(workers),
        work_(2 * workers), results_(4 * workers + 2) {}

  // Runs every stage to completion; the sink runs on the calling thread.
  void run(std::vector<std::filesystem::path> files, JobStats& stats) {
    ProgressBar progress(diagnostics_, show_progress(), total_input_bytes(files));
    std::thread reader([&, files = std::move(files)]() mutable { read(std::move(files)); });
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

  void read(std::vector<std::filesystem::path> files) {
    try {
      InputReader reader(std::move(files), &g_stop);
      Chunk chunk;
      std::size_t chunk_bytes = 0;
      for (InputItem item; reader.next(item);) {
        chunk_bytes += item.bytes;
        chunk.items.push_back(std::move(item));
        if (chunk.items.size() < kChunkRecords && chunk_bytes < kChunkBytes) continue;
        const std::uint64_t next = chunk.sequence + 1;
        if (!work_.push(std::move(chunk))) break;
        chunk = Chunk{next, {}};
        chunk_bytes = 0;
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
    while (auto chunk = work_.pop()) {
      std::vector<Outcome> outcomes;
      outcomes.reserve(chunk->items.size());
      for (InputItem& item : chunk->items) outcomes.push_back(analyze_item(item, analyzer));
      if (!results_.push(chunk->sequence, std::move(outcomes))) break;
    }
    if (--running_workers_ == 0) results_.close();
  }

  void report(ProgressBar& progress, const Outcome& outcome, const std::string& message) {
    progress.clear();
    diagnostics_ << outcome.file << ':' << outcome.line << ": " << message << '\n';
  }

  // Takes results in input order; false when the job must stop (--strict, a failed writer).
  bool sink_chunk(std::vector<Outcome>& outcomes, ProgressBar& progress, JobStats& stats) {
    std::vector<std::vector<PreparedDocument>> batches(writers_.size());
    bool go_on = true;
    for (Outcome& outcome : outcomes) {
      stats.bytes += outcome.bytes;
      if (!outcome.warning.empty()) report(progress, outcome, "warning: " + outcome.warning);
      if (outcome.document) {
        const std::uint32_t shard = shard_of(outcome.document->id, static_cast<std::uint32_t>(writers_.size()));
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
    }
    return writers_.write(std::move(batches)) && go_on;
  }

  void sink(ProgressBar& progress, JobStats& stats) {
    std::uint64_t records = 0;
    while (auto outcomes = results_.pop()) {
      records += outcomes->size();
      if (!sink_chunk(*outcomes, progress, stats) || failure_.failed()) break;
      progress.update(records, stats.bytes);
    }
  }

  const JobOptions& options_;
  ShardWriters& writers_;
  std::ostream& diagnostics_;
  std::uint32_t workers_;
  analysis::Analyzer analyzer_;
  BoundedQueue<Chunk> work_;
  ReorderQueue<std::vector<Outcome>> results_;
  std::atomic<std::uint32_t> running_workers_{workers_};
  Failure failure_;
};

void stop_handler(int signal) { request_stop(signal); }

void apply_deletes(const JobOptions& options, ShardWriters& writers, std::ostream& diagnostics, JobStats& stats) {
  for (const std::string& id : options.deletes) {
    if (writers.remove(id)) {
      ++stats.deleted;
    } else {
      diagnostics << "warning: no record with id \"" << id << "\" to delete\n";
    }
  }
}

}  // namespace

JobStats run_index(const JobOptions& options, std::ostream& diagnostics) {
  const auto start = std::chrono::steady_clock::now();
  JobStats stats;
  auto files = expand_inputs(options.inputs);
  const IndexOptions index_options{options.db_path, options.batch, options.synonyms_file};
  ShardWriters writers(prepare_shards(options.db_path, options.shards), index_options);
  apply_deletes(options, writers, diagnostics, stats);
  const std::uint32_t workers = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  writers.start();
  try {
    Pipeline(options, writers, diagnostics, workers).run(std::move(files), stats);
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
