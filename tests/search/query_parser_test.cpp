// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/search/query.h"

namespace kavosh::search {
namespace {

using testing::escape;
using testing::golden_row_name;
using testing::GoldenRow;
using testing::load_golden;

class QueryParserGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(QueryParserGolden, RendersParse) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(escape(render(parse_query(row.input))), escape(row.expected))
      << "rule " << row.rule << " (" << row.note << "); the parse is rendered by query_render.cpp";
}

TEST_P(QueryParserGolden, AtomOffsetsPointIntoTheQuery) {
  // "Did you mean" edits the query at these offsets, so every plain-words atom must be a substring.
  const std::string& input = GetParam().input;
  const ParsedQuery parsed = parse_query(input);
  for (const Clause& clause : parsed.clauses) {
    for (const Atom& atom : clause.alternatives) {
      ASSERT_LE(atom.offset + atom.text.size(), input.size());
      if (!atom.phrase && parsed.warnings.empty()) {
        EXPECT_EQ(input.substr(atom.offset, atom.text.size()), atom.text);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Table, QueryParserGolden, ::testing::ValuesIn(load_golden("query_parser.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(QueryParser, AnyBytesParseWithoutThrowing) {
  // Every operator character is ASCII or a two-byte quote: no byte sequence may break the lexer.
  const std::string operators[] = {"\"", "«", "»", "-", ":", "OR", " ", "..", "date:", "title:"};
  for (int a = 0; a < 256; ++a) {
    for (const std::string& op : operators) {
      const std::string query = std::string(1, static_cast<char>(a)) + op + std::string(1, static_cast<char>(255 - a));
      EXPECT_NO_THROW(render(parse_query(query)));
    }
  }
}

TEST(QueryParser, LongQueryIsLinear) {
  std::string query;
  while (query.size() < 10000) query += "انتخابات «مجلس OR -";
  EXPECT_FALSE(parse_query(query).warnings.empty());
}

TEST(DateBound, YearAndMonthBounds) {
  EXPECT_EQ(parse_date_bound("1403", false), "2024-03-20");
  EXPECT_EQ(parse_date_bound("1403", true), "2025-03-20");  // 1403 is a leap year: Esfand has 30 days
  EXPECT_EQ(parse_date_bound("۱۴۰۲/۷", true), "2023-10-22");
  EXPECT_EQ(parse_date_bound("2023-02", true), "2023-02-28");
  EXPECT_EQ(parse_date_bound("hello", true), std::nullopt);
  EXPECT_EQ(parse_date_bound("", false), std::nullopt);
}

}  // namespace
}  // namespace kavosh::search
