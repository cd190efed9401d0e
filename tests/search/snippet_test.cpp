// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Snippets of long bodies: the analysis starts near the match the index located (make_snippet's
// match_word), gives the passage a scan from the beginning gives, and falls back to that scan when
// the located word is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>
#include <unicode/ustring.h>
#include <xapian.h>

#include "kavosh/body_offsets.h"
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

TEST(Snippet, AnalysisCoversTheCheckpointsAroundTheLocatedMatch) {
  const std::string body = filler(5) + "الکترونیکی نخست. " + filler(55) + "صندوق الکترونیکی آماده شد. " + filler(60);
  const MatchKeys keys = keys_of("الکترونیکی");
  const std::string scanned = make_snippet(body, keys, analyzer());
  ASSERT_THAT(render_snippet(scanned, "[", "]"), ::testing::HasSubstr("[الکترونیکی] نخست"));
  const auto tokens = analyzer().analyze(body, 0);
  const schema::BodyOffsets offsets = schema::body_offsets(tokens);
  const auto second = std::ranges::find_if(tokens, [](const analysis::Token& t) { return t.text == "آماده"; });
  ASSERT_NE(second, tokens.end());
  const std::uint32_t located = second->position - 1;  // 5 × 7 + 2 + 55 × 7 + 1 = 423
  EXPECT_EQ(located, 423U);
  const std::string near =
      make_snippet(body, keys, analyzer(), 32, LocatedMatch{located, offsets.stride, offsets.starts});
  EXPECT_THAT(render_snippet(near, "[", "]"), ::testing::HasSubstr("صندوق [الکترونیکی] آماده"));
  EXPECT_THAT(near, ::testing::StartsWith("… "));
  EXPECT_THAT(near, ::testing::EndsWith(" …"));
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, LocatedMatch{300, offsets.stride, offsets.starts}), scanned)
      << "a wrong position: scanned from the start";
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, LocatedMatch{5000, offsets.stride, offsets.starts}), scanned)
      << "beyond the text: scanned from the start";
  // Offsets of another text: inside a code point (1, 3), beyond the text; clamped, then scanned.
  const std::vector<std::uint32_t> foreign{1, 3, 100001};
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, LocatedMatch{20, 16, foreign}), scanned);
  EXPECT_EQ(make_snippet(body, keys, analyzer(), 32, LocatedMatch{0, 8, {}}), scanned);
}

// A document matched in its title only: the index says its body holds no match, so the snippet is the
// body's beginning, from its first checkpoints, without scanning the body for a match.
// A phrase's words light up only side by side, however the text joins them (a half-space compound
// yields its joined form and its parts); alone or apart they stay dark.
TEST(Snippet, PhraseWordsLightUpOnlyTogether) {
  MatchKeys keys;
  keys.phrases.insert({"جمهوری", "خواه"});
  const std::string text = "جمهوری اسلامی؛ نامزد جمهوری\u200Cخواه و جمهوری خواه، خواه ناخواه جمهوری";
  EXPECT_EQ(render_snippet(make_snippet(text, keys, analyzer()), "[", "]"),
            "جمهوری اسلامی؛ نامزد [جمهوری\u200Cخواه] و [جمهوری] [خواه]، خواه ناخواه جمهوری");
  keys.phrases = {{"خواه", "جمهوری"}};
  EXPECT_EQ(render_snippet(make_snippet(text, keys, analyzer()), "[", "]"), text) << "the words in the other order";
}

TEST(Snippet, NoMatchInTheBodyGivesItsBeginning) {
  const std::string body = filler(40) + "صندوق الکترونیکی آماده شد. ";
  const schema::BodyOffsets offsets = schema::body_offsets(analyzer().analyze(body, 0));
  const MatchKeys none = keys_of("شمارش");
  const std::string beginning = make_snippet(body, none, analyzer());
  ASSERT_THAT(beginning, ::testing::StartsWith("نامزدهای جمهوری‌خواه"));
  EXPECT_EQ(make_snippet(body, none, analyzer(), 32, LocatedMatch{LocatedMatch::kNone, offsets.stride, offsets.starts}),
            beginning);
  const std::string trusted = make_snippet(body, keys_of("الکترونیکی"), analyzer(), 32,
                                           LocatedMatch{LocatedMatch::kNone, offsets.stride, offsets.starts});
  EXPECT_EQ(trusted, beginning) << "the index's word is taken: the body is not scanned";
}

bool is_valid_utf8(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  return status == U_BUFFER_OVERFLOW_ERROR || status == U_ZERO_ERROR || status == U_STRING_NOT_TERMINATED_WARNING;
}

// Body offsets come from a database value: whatever they say (any position, stride, checkpoints inside
// code points or beyond the text), the snippet is valid UTF-8 and never reads outside the text (ASan).
TEST(Snippet, AnyLocationGivesValidText) {
  const std::string body = filler(12) + "صندوق الکترونیکی آماده شد. " + filler(12);
  const MatchKeys keys = keys_of("الکترونیکی");
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint32_t> starts(random() % 12);
    for (std::uint32_t& start : starts) start = static_cast<std::uint32_t>(random() % (body.size() * 2));
    if (i % 2 == 0) std::ranges::sort(starts);
    const LocatedMatch located{static_cast<std::uint32_t>(random() % 200), static_cast<std::uint32_t>(random() % 20),
                               starts};
    const std::string snippet = make_snippet(body, keys, analyzer(), 1 + random() % 40, located);
    ASSERT_TRUE(is_valid_utf8(snippet)) << i;
  }
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

// The passage comes from the index's positions over the whole body: the run holding both words, not the
// first match (a lone word early in the text), and only that run is analyzed.
TEST(Snippet, SearcherShowsThePassageWithTheMostQueryWords) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  const std::string body = filler(3) + "شمارش آرا آغاز شد. " + filler(40) +
                           "نتیجه شمارش آرا در صندوق الکترونیکی اعلام شد. " + filler(20) + "الکترونیکی";
  testing::build_database(db, {nlohmann::json{{"id", "passage"}, {"title", "خبر"}, {"body", body}}.dump()});
  const Searcher searcher(db);
  const SearchResults results = testing::run_query(searcher, "شمارش الکترونیکی");
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_THAT(render_snippet(results.hits[0].snippet, "[", "]"),
              ::testing::HasSubstr("[شمارش] آرا در صندوق [الکترونیکی]"));
}

}  // namespace
}  // namespace kavosh::search
