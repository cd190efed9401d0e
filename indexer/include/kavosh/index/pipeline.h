// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace kavosh::index {

enum class ProgressMode { kAuto, kAlways, kNever };

/// A bulk indexing job: what kavosh-index does.
struct JobOptions {
  std::string db_path;
  std::vector<std::string> inputs;   ///< JSONL files, directories, `-`
  std::vector<std::string> deletes;  ///< ids removed before the inputs are indexed
  std::string delete_ids_file;       ///< a file of more ids to remove, one per line
  std::string synonyms_file;
  std::uint32_t batch = 10000;  ///< commit every `batch` records per database (Xapian's own flush default)
  std::uint32_t threads = 0;    ///< analysis workers; 0 = one per core
  std::uint32_t shards = 0;     ///< 0 = the layout PATH has, or 1
  bool strict = false;          ///< stop at the first bad record
  bool resume = false;          ///< read on from the input position of the database's last commit
  ProgressMode progress = ProgressMode::kAuto;
};

/// What a job did.
struct JobStats {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;
  std::uint64_t unchanged = 0;  ///< records whose id already held the same content: not analyzed, not written
  std::uint64_t deleted = 0;
  std::uint64_t skipped = 0;  ///< bad records, reported as `FILE:LINE: reason`
  std::uint64_t bytes = 0;    ///< input bytes read
  double seconds = 0;
  bool stopped_strict = false;  ///< --strict met a bad record
  int signal = 0;               ///< the signal that stopped the job, 0 if none
};

/// Runs a job: a reader thread, analysis workers building Xapian documents, one writer thread per shard,
/// results written in input order (the last of two records with one id wins). A record whose id already
/// holds the same content hash is skipped before analysis. Bad records and warnings go to `diagnostics`,
/// and so does the progress bar when enabled. Commits at the end, also when stopped by --strict or by
/// request_stop (then at once: what is still being analyzed is left to a resumed job). Each commit stores
/// the input position it covers (kavosh/index/resume.h). A new one-shard database is built as one
/// partition per core, written in parallel and merged into place at the end (src/partitions.h). Throws
/// kavosh::Error or Xapian::Error when the environment fails.
JobStats run_index(const JobOptions& options, std::ostream& diagnostics);

/// Asks running jobs to stop reading, commit what they have and return. Async-signal-safe.
void request_stop(int signal);
/// Clears a stop request (for a process that runs several jobs, e.g. tests).
void reset_stop();
/// SIGINT and SIGTERM call request_stop; a second one kills the process the usual way.
void install_stop_handlers();

}  // namespace kavosh::index
