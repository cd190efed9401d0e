// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-index: bulk indexing of Persian news into Xapian. All logic is in kavosh_index (cli.h).
#include <iostream>

#include "kavosh/index/cli.h"

int main(int argc, char** argv) {
  kavosh::index::JobOptions options;
  const auto app = kavosh::index::make_app(options);
  if (const auto code = kavosh::cli::parse(*app, argc, argv)) return *code;
  kavosh::index::install_stop_handlers();
  kavosh::index::install_fatal_error_report();
  return kavosh::index::run_job(options, std::cout, std::cerr);
}
