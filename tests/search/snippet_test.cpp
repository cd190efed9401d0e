// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Snippets of long bodies: the analysis starts near the match the index located (make_snippet's
// match_word), gives the passage a scan from the beginning gives, and falls back to that scan when
// the located word is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "kavosh/search/query.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/search/snippet.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

const analysis::Analyzer& analyzer() {
  static const analysis::Analyzer instance;
  return instance;
}

// 8 whitespace words, 7 token positions: a half-space compound takes two, `می شود` one, the dash none.
std::string filler(int repeats) {
  std::string text;
  for (int i = 0; i < repeats; ++i) text += "نامزدهای جمهوری\u200Cخواه در شهر - می شود گفت ";
  return text;
}

MatchKeys keys_of(const std::string& word) {
  MatchKeys keys;
  keys.surfaces.insert(word);
  keys.stems.insert(analyzer().stemmer().stem(word));
  return keys;
}

TEST(Snippet, AnalysisStartsNearTheLocatedMatch) {
  const std::string body = filler(60) + "صندوق الکترونیکی آماده شد. " + filler(60);
  const MatchKeys keys = keys_of("الکترونیکی");
  const std::string scanned = make_snippet(body, keys, analyzer());
  ASSERT_THAT(render_snippet(scanned, "[", "]"), ::testing::HasSubstr("صندوق [الکترونیکی] آماده"));
  // Token 421 (60 × 7 + 1), word 481: the margin covers the difference.
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, 421), scanned);
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, 0), scanned) << "a wrong word: scanned from the start";
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, 5000), scanned) << "beyond the text: scanned from the start";
}

TEST(Snippet, SearcherLocatesTheMatchInALongBody) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  const std::string body = filler(90) + "صندوق الکترونیکی آماده شد. " + filler(30);
  testing::build_database(db, {nlohmann::json{{"id", "long"}, {"title", "خبر بلند ستاد"}, {"body", body}}.dump()});
  const Searcher searcher(db);
  const SearchResults results = testing::run_query(searcher, "الکترونیکی");
  ASSERT_EQ(results.hits.size(), 1u);
  const MatchKeys keys = QueryBuilder(analyzer(), Xapian::Database(db)).build(parse_query("الکترونیکی"), false).keys;
  EXPECT_EQ(results.hits[0].snippet, make_snippet(body, keys, analyzer()));
  EXPECT_THAT(render_snippet(results.hits[0].snippet, "[", "]"), ::testing::StartsWith("… "));
}

}  // namespace
}  // namespace kavosh::search
