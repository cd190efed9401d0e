#include "kavosh/index/cli.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <ostream>

#include <xapian.h>

namespace kavosh::index {
namespace {

// `-` (stdin) or a path that exists; anything else is a usage error.
std::string check_input(const std::string& input) {
  if (input == "-" || std::filesystem::exists(input)) return {};
  return input + ": no such file or directory";
}

void print_summary(const JobStats& stats, std::ostream& out) {
  const double seconds = std::max(stats.seconds, 1e-3);
  char line[256];
  std::snprintf(
      line, sizeof line,
      "kavosh-index: added %llu, replaced %llu, unchanged %llu, deleted %llu, skipped %llu; %.1f MB in %.1f s, "
      "%.0f records/s%s\n",
      static_cast<unsigned long long>(stats.added), static_cast<unsigned long long>(stats.replaced),
      static_cast<unsigned long long>(stats.unchanged), static_cast<unsigned long long>(stats.deleted),
      static_cast<unsigned long long>(stats.skipped), stats.bytes / 1e6, stats.seconds,
      (stats.added + stats.replaced + stats.unchanged) / seconds,
      stats.signal != 0      ? " (interrupted)"
      : stats.stopped_strict ? " (stopped: --strict)"
                             : "");
  out << line << std::flush;
}

/// A Xapian error's lines; a failed write (a full disk, an I/O error: Xapian gives the system's reason)
/// also says that the database is whole at its last commit and how to go on.
std::string xapian_error_report(const Xapian::Error& e) {
  std::string report = "kavosh-index: error: " + e.get_description() + '\n';
  const char* system_reason = e.get_error_string();
  if (std::string_view(e.get_type()) == "DatabaseError" && system_reason != nullptr && *system_reason != 0) {
    report +=
        "kavosh-index: the database keeps its last commit; once the cause is mended, run again (--resume reads on "
        "from that commit)\n";
  }
  return report;
}

/// The lines that report `error` (kavosh's, Xapian's or another exception; none: an unknown error).
std::string error_report(const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const Xapian::Error& e) {
    return xapian_error_report(e);
  } catch (const std::exception& e) {
    return std::string("kavosh-index: error: ") + e.what() + '\n';
  } catch (...) {
    // an exception of no known type: reported as unknown below
  }
  return "kavosh-index: error: unknown error\n";
}

int exit_code(const JobStats& stats) {
  if (stats.signal != 0) return 128 + stats.signal;
  return stats.skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

std::unique_ptr<CLI::App> make_app(JobOptions& options) {
  auto app = std::make_unique<CLI::App>(
      "Index Persian news (JSONL files, directories of *.jsonl and *.txt, `-` for stdin) into a Xapian database.",
      "kavosh-index");
  app->add_option("--db", options.db_path, "Database path (with --shards: a directory of shards and a stub)")
      ->required();
  app->add_option("--batch", options.batch, "Commit every N records per database")
      ->check(CLI::Range(1u, 10'000'000u))
      ->capture_default_str();
  app->add_option("--threads", options.threads, "Analysis threads (0: one per core)")
      ->check(CLI::Range(0u, 1024u))
      ->capture_default_str();
  app->add_option("--shards", options.shards, "Number of shard databases (0: as PATH already is, else 1)")
      ->check(CLI::Range(0u, 999u));
  app->add_option("--synonyms", options.synonyms_file, "Synonym groups, one per line, tab-separated")
      ->check(CLI::ExistingFile);
  app->add_option("--delete", options.deletes, "Remove these ids (before indexing INPUT)");
  app->add_option("--delete-ids", options.delete_ids_file,
                  "Remove the ids of FILE, one per line (before indexing INPUT)")
      ->check(CLI::ExistingFile);
  cli::add_choice<ProgressMode>(
      *app, "--progress", options.progress,
      {{"auto", ProgressMode::kAuto}, {"always", ProgressMode::kAlways}, {"never", ProgressMode::kNever}},
      "Progress bar on stderr (default auto: on a terminal)");
  app->add_flag("--strict", options.strict, "Stop at the first bad record (exit 3)");
  app->add_flag("--resume", options.resume,
                "Read on from where the database's last commit left the input (after a crash or Ctrl-C)");
  app->add_option("INPUT", options.inputs, "JSONL file, directory or -")->check(check_input);
  cli::add_standard_options(*app, "  3  some records were skipped (or --strict stopped at one)\n"
                                  "  128+N  stopped by signal N (SIGINT and SIGTERM commit what is done first)\n");
  app->callback([&options] {
    if (options.inputs.empty() && options.deletes.empty() && options.delete_ids_file.empty()) {
      throw CLI::ValidationError("INPUT", "give at least one INPUT, --delete ID or --delete-ids FILE");
    }
    if (options.resume && std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end()) {
      throw CLI::ValidationError("--resume", "stdin (-) cannot be read again from a position; give files");
    }
  });
  return app;
}

int run_job(const JobOptions& options, std::ostream& out, std::ostream& err) {
  try {
    const JobStats stats = run_index(options, err);
    print_summary(stats, out);
    return exit_code(stats);
  } catch (...) {
    err << error_report(std::current_exception());
  }
  return kExitRuntime;
}

[[noreturn]] void report_fatal_error() {
  const std::string report = error_report(std::current_exception());
  std::fputs(report.c_str(), stderr);
  std::fflush(stderr);
  std::_Exit(kExitRuntime);
}

void install_fatal_error_report() { std::set_terminate(report_fatal_error); }

}  // namespace kavosh::index
