// Kavosh: Persian full-text search. GPL-2.0-or-later.
// libFuzzer target: any string as a query through the query parser, the query builder and a whole
// search of the bundled corpus. No crash, no exception (Searcher throws only when the database fails),
// results that keep the API's promises, and a query whose size is bounded whatever the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include <xapian.h>

#include "fuzz_corpus.h"
#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/searcher.h"

namespace {

using kavosh::fuzzing::check;

/// Terms of a built query, counted with repeats: 32 words (ranking::kMaxWords), each with its forms,
/// readings and boosts, or a prefix with 64 expansions, stay far below this.
constexpr Xapian::termcount kMaxQueryLength = 20000;

struct Fixture {
  Xapian::Database database{kavosh::fuzzing::corpus_database()};
  kavosh::analysis::Analyzer analyzer;
  kavosh::Searcher searcher{kavosh::fuzzing::corpus_database()};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string query(reinterpret_cast<const char*>(data) + 1, size - 1);

  const kavosh::search::ParsedQuery parsed = kavosh::search::parse_query(query);
  check(kavosh::search::render(parsed).find('\n') == std::string::npos);
  const bool partial = (flags & 1) != 0;
  const kavosh::search::BuiltQuery built =
      kavosh::search::QueryBuilder(fixture.analyzer, fixture.database).build(parsed, partial);
  check(built.query.get_length() <= kMaxQueryLength);
  check(built.first_pass.empty() || !built.query.empty());

  kavosh::SearchRequest request;
  request.query = query;
  request.partial = partial;
  request.sort = (flags & 2) != 0 ? kavosh::SortOrder::kDate : kavosh::SortOrder::kRelevance;
  request.limit = (flags >> 2) & 15;
  request.offset = (flags >> 6) * 7;
  request.time_limit_ms = 1000;
  const kavosh::SearchResults results = fixture.searcher.search(request);
  check(results.query == query && results.offset == request.offset);
  check(results.hits.size() <= request.limit);
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    check(results.hits[i].rank == request.offset + i + 1);
    check(!results.hits[i].id.empty());
  }
  check(fixture.searcher.suggest(query, 5).size() <= 5);
  return 0;
}
