#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/analyzer.h"

namespace kavosh::testing {
namespace {

using analysis::Analyzer;

// Tokens as `text@position`, with `/stem` when the stem differs and a trailing ' on compound parts.
std::string render(const std::vector<analysis::Token>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
    if (t.stem != t.text) out.append("/").append(t.stem);
    out.append("@").append(std::to_string(t.position));
    if (t.part) out += '\'';
  }
  return escape(out);
}

class AnalyzerGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(AnalyzerGolden, ProducesTerms) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(render(Analyzer().analyze(row.input)), escape(row.expected))
      << "rule " << row.rule << " (" << row.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Table, AnalyzerGolden, ::testing::ValuesIn(load_golden("analyzer.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

// DESIGN.md §3: every spelling of the half-space slot yields the same surface terms, so they all find
// each other. Stems agree too, except where only the half-space tells two readings apart: joined
// `نامهای` is نام+ها+ی as often as نامه+ای, while `نامه‌ای` and `نامه ای` are surely نامه+ای.
struct Spellings {
  const char* zwnj;
  const char* space;
  const char* joined;
  const char* nbsp;
  bool stems_agree = true;
};

class HalfSpaceSpellings : public ::testing::TestWithParam<Spellings> {};

std::vector<std::string> index_terms(const std::string& text, bool with_stems) {
  std::vector<std::string> terms;
  for (const auto& t : Analyzer().analyze(text)) {
    if (!t.part) terms.push_back(with_stems ? t.text + "|" + t.stem : t.text);
  }
  return terms;
}

TEST_P(HalfSpaceSpellings, ZwnjSpaceNbspAndJoinedGiveTheSameTerms) {
  const auto& s = GetParam();
  const auto expected = index_terms(s.joined, s.stems_agree);
  EXPECT_EQ(index_terms(s.zwnj, s.stems_agree), expected) << s.zwnj;
  EXPECT_EQ(index_terms(s.space, s.stems_agree), expected) << s.space;
  EXPECT_EQ(index_terms(s.nbsp, s.stems_agree), expected) << s.nbsp;
  // The spellings with an explicit joint always agree with each other, stems included.
  EXPECT_EQ(index_terms(s.space, true), index_terms(s.zwnj, true));
  EXPECT_EQ(index_terms(s.nbsp, true), index_terms(s.zwnj, true));
}

INSTANTIATE_TEST_SUITE_P(
    Affixes, HalfSpaceSpellings,
    ::testing::Values(Spellings{"می\u200cشود", "می شود", "میشود", "می\u00a0شود"},
                      Spellings{"نمی\u200cشود", "نمی شود", "نمیشود", "نمی\u00a0شود"},
                      Spellings{"هماهنگی\u200cهای", "هماهنگی های", "هماهنگیهای", "هماهنگی\u00a0های"},
                      Spellings{"کتاب\u200cهایشان", "کتاب هایشان", "کتابهایشان", "کتاب\u00a0هایشان"},
                      Spellings{"بزرگ\u200cترین", "بزرگ ترین", "بزرگترین", "بزرگ\u00a0ترین"},
                      Spellings{"نامه\u200cای", "نامه ای", "نامهای", "نامه\u00a0ای", false},
                      Spellings{"رفته\u200cاند", "رفته اند", "رفتهاند", "رفته\u00a0اند"},
                      Spellings{"می\u200cکنند", "می کنند", "میکنند", "می\u00a0کنند"},
                      Spellings{"گام\u200cهای", "گام های", "گامهای", "گام\u00a0های"},
                      Spellings{"مهم\u200cترین", "مهم ترین", "مهمترین", "مهم\u00a0ترین"}));

TEST(Analyzer, SpansPointAtTheOriginalText) {
  const std::string text = "\u200fهماهنگي های اِجرایی در ۱۴۰۲";
  for (const auto& t : Analyzer().analyze(text)) {
    ASSERT_LT(t.span.begin, t.span.end);
    ASSERT_LE(t.span.end, text.size());
  }
  const auto tokens = Analyzer().analyze(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].span.begin, tokens[0].span.end - tokens[0].span.begin), "هماهنگي های");
  EXPECT_EQ(text.substr(tokens[1].span.begin, tokens[1].span.end - tokens[1].span.begin), "اِجرایی");
  EXPECT_EQ(text.substr(tokens[3].span.begin, tokens[3].span.end - tokens[3].span.begin), "۱۴۰۲");
}

TEST(Analyzer, PositionsNeverDecreaseAndStartWhereAsked) {
  const auto tokens = Analyzer().analyze("جمهوری\u200cخواه و می شود", 10);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens.front().position, 10u);
  for (std::size_t i = 1; i < tokens.size(); ++i) EXPECT_LE(tokens[i - 1].position, tokens[i].position);
}

TEST(Analyzer, StopwordsAreFlaggedNotDropped) {
  const auto tokens = Analyzer().analyze("در انتخابات");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_FALSE(tokens[1].stopword);
}

}  // namespace
}  // namespace kavosh::testing
