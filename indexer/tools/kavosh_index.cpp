// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-index: bulk indexing of Persian news into Xapian. All logic is in kavosh_index (cli.h).
#include <iostream>

#include "kavosh/index/cli.h"

int main(int argc, char** argv) {
  kavosh::index::JobOptions options;
  const auto app = kavosh::index::make_app(options);
  try {
    app->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app->exit(e) == 0 ? kavosh::index::kExitOk : kavosh::index::kExitUsage;
  }
  kavosh::index::install_stop_handlers();
  return kavosh::index::run_job(options, std::cout, std::cerr);
}
