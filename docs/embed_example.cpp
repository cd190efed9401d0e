// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Embedding Kavosh in a portal: open once per thread, search, render the snippet's highlights.
// Build against an installed Kavosh (cmake --install; docs/cli.md):
//   CMake:      find_package(Kavosh CONFIG REQUIRED)  target_link_libraries(app PRIVATE Kavosh::search)
//   pkg-config: c++ -std=c++20 app.cpp $(pkg-config --cflags --libs kavosh-search)
// Run:   kavosh-embed-example DB "انتخابات مجلس"
#include <iostream>

#include "kavosh/error.h"
#include "kavosh/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kavosh-embed-example DB QUERY\n";
    return 2;
  }
  try {
    const kavosh::Searcher searcher(argv[1]);  // throws kavosh::EnvironmentError: missing, corrupt, other version

    kavosh::SearchRequest request;
    request.query = argv[2];  // any string: syntax errors come back as warnings, never as exceptions
    request.limit = 5;
    request.from = "1402/01/01";  // Jalali or ISO, any digits
    request.sources = {};         // e.g. {"ایرنا"} to keep one agency
    const kavosh::SearchResults results = searcher.search(request);

    for (const std::string& warning : results.warnings) std::cout << "warning: " << warning << '\n';
    if (results.suggestion) std::cout << "did you mean: " << *results.suggestion << '\n';
    std::cout << results.total << " results\n";
    for (const kavosh::Hit& hit : results.hits) {
      // HTML-escape hit.snippet first in a web page, then turn the markers into <mark> tags.
      std::cout << hit.rank << ". " << hit.title << " (" << hit.date_jalali << ", " << hit.source << ")\n   "
                << kavosh::search::render_snippet(hit.snippet, "<mark>", "</mark>") << '\n';
    }
    for (const std::string& completion : searcher.suggest("انتخ", 5))
      std::cout << "autocomplete: " << completion << '\n';
    return 0;
  } catch (const kavosh::Error& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 1;  // as the kavosh-* programs: 1 runtime error, 2 usage error
  }
}
