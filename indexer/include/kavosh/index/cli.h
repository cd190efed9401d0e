// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <iosfwd>
#include <memory>

#include <CLI/CLI.hpp>

#include "kavosh/index/pipeline.h"

namespace kavosh::index {

/// kavosh-index's command line, bound to `options`; parse errors are CLI::ParseError (exit 2).
std::unique_ptr<CLI::App> make_app(JobOptions& options);

/// Exit codes of kavosh-index.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSkipped = 3;  ///< some records were skipped (or --strict stopped at one)

/// Runs a parsed job: diagnostics and progress on `err`, the summary line on `out`. Returns the exit
/// code; a job stopped by a signal returns 128 + the signal, as a shell reports it.
int run_job(const JobOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kavosh::index
