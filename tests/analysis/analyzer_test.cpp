#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "golden.h"
#include "kavosh/analysis/analyzer.h"
#include "kavosh/analysis/stopwords.h"

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

// `count` distinct words of Persian letters (a number written in base 16 with letters for digits),
// some with a suffix the stemmer takes off, some stopwords among them.
std::vector<std::string> distinct_words(std::size_t count) {
  static const char* const kLetters[] = {"ب", "پ", "ت", "س", "ج", "چ", "د", "ر",
                                         "ز", "ش", "ف", "ق", "ک", "گ", "ل", "م"};
  static const char* const kEndings[] = {"", "ها", "ترین", "ان", "ی"};
  std::vector<std::string> words;
  for (std::size_t n = 0; n < count; ++n) {
    std::string word = "ن";
    for (std::size_t rest = n; rest > 0 || word.size() < 6; rest /= 16) word += kLetters[rest % 16];
    words.push_back(word + kEndings[n % 5]);
    if (n % 97 == 0) words.emplace_back("در");
  }
  return words;
}

// The analyzer remembers each thread's words (growing its table, then emptying it when full): whatever
// it saw before, a word's stem and stopword flag are the stemmer's and the list's.
TEST(Analyzer, StemsAreTheStemmersWhateverTheWordsSeenBefore) {
  const Analyzer analyzer;
  const std::vector<std::string> words = distinct_words(150000);
  std::vector<analysis::Token> tokens;
  std::thread fresh_memo([&] {
    for (int round = 0; round < 2; ++round) {
      for (std::size_t first = 0; first < words.size(); first += 1000) {
        std::string text;
        for (std::size_t k = first; k < std::min(words.size(), first + 1000); ++k) text += words[k] + " ";
        auto some = analyzer.analyze(text);
        if (round == 1 || first == 0) tokens.insert(tokens.end(), some.begin(), some.end());
      }
    }
  });
  fresh_memo.join();
  ASSERT_EQ(tokens.size(), words.size() + 1000);
  std::size_t stemmed = 0;
  std::size_t stopwords = 0;
  for (const analysis::Token& token : tokens) {
    ASSERT_EQ(token.stem, analyzer.stemmer().stem(token.text)) << token.text;
    ASSERT_EQ(token.stopword, analysis::Stopwords::contains(token.text)) << token.text;
    stemmed += token.stem != token.text;
    stopwords += token.stopword;
  }
  EXPECT_GT(stemmed, tokens.size() / 10);  // words whose stem a mixed-up slot would get wrong
  EXPECT_GT(stopwords, 1000U);
}

}  // namespace
}  // namespace kavosh::testing
