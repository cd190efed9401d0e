// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-serve: the HTTP/JSON search service. Everything but main lives in kavosh::serve.
#include <iostream>

#include "kavosh/cli/tool.h"
#include "kavosh/error.h"
#include "kavosh/serve/server.h"

int main(int argc, char** argv) {
  kavosh::serve::Options options;
  const auto app = kavosh::serve::make_app(options);
  if (const auto code = kavosh::cli::parse(*app, argc, argv)) return *code;
  try {
    return kavosh::serve::run(options, std::cerr);
  } catch (const kavosh::Error& error) {
    std::cerr << "kavosh-serve: error: " << error.what() << '\n';
    return kavosh::cli::kExitRuntime;
  }
}
