// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-search: parse the command line, run, exit. Everything else is in kavosh_search.
#include <unistd.h>

#include <iostream>

#include "kavosh/cli/tool.h"
#include "kavosh/search/cli.h"

int main(int argc, char** argv) {
  kavosh::search::Options options;
  const auto app = kavosh::search::make_app(options);
  if (const auto code = kavosh::cli::parse(*app, argc, argv)) return *code;
  options.color = kavosh::cli::color_wanted(STDOUT_FILENO);
  std::ios::sync_with_stdio(false);
  return kavosh::search::run(options, std::cout, std::cerr);
}
