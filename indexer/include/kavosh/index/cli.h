// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <iosfwd>
#include <memory>

#include <CLI/CLI.hpp>

#include "kavosh/cli/tool.h"
#include "kavosh/index/pipeline.h"

namespace kavosh::index {

/// kavosh-index's command line, bound to `options`; parse errors are CLI::ParseError (exit 2).
std::unique_ptr<CLI::App> make_app(JobOptions& options);

/// Exit codes of kavosh-index: those of every Kavosh program; kExitSkipped when some records were
/// skipped (or --strict stopped at one).
using cli::kExitOk;
using cli::kExitRuntime;
using cli::kExitSkipped;
using cli::kExitUsage;

/// Runs a parsed job: diagnostics and progress on `err`, the summary line on `out`. Returns the exit
/// code; a job stopped by a signal returns 128 + the signal, as a shell reports it.
int run_job(const JobOptions& options, std::ostream& out, std::ostream& err);

/// Reports an error that ends the process without unwinding (std::terminate) the way run_job() reports
/// one, and exits with kExitRuntime: Xapian 1.4 terminates when a disk fills during a commit (a second
/// write fails while the first failure unwinds). The database keeps its last commit either way.
void install_fatal_error_report();

}  // namespace kavosh::index
