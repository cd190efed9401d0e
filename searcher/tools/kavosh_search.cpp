// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-search: parse the command line, run, exit (issue 5). Everything else is in kavosh_search.
#include <unistd.h>

#include <iostream>

#include "kavosh/search/cli.h"

int main(int argc, char** argv) {
  kavosh::search::Options options;
  const auto app = kavosh::search::make_app(options);
  try {
    app->parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app->exit(error);
    return code == 0 ? 0 : 2;
  }
  options.color = isatty(STDOUT_FILENO) != 0;
  std::ios::sync_with_stdio(false);
  return kavosh::search::run(options, std::cout, std::cerr);
}
