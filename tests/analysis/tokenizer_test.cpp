#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/normalizer.h"
#include "kavosh/analysis/tokenizer.h"

namespace kavosh::testing {
namespace {

// Tokens of the normalized input, joined by " | "; a number is prefixed with '#'.
std::string render_tokens(const std::string& input) {
  const std::string normalized = analysis::PersianNormalizer().normalize(input);
  std::string out;
  for (const auto& t : analysis::Tokenizer().tokenize(normalized)) {
    if (!out.empty()) out += " | ";
    if (t.kind == analysis::TokenKind::kNumber) out += '#';
    out += t.text;
  }
  return escape(out);
}

class TokenizerGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(TokenizerGolden, SplitsIntoTokens) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(render_tokens(row.input), escape(row.expected)) << "rule " << row.rule << " (" << row.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Table, TokenizerGolden, ::testing::ValuesIn(load_golden("tokenizer.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(Tokenizer, SpansCoverTheTokenTextAndPartsStayInside) {
  const std::string normalized =
      analysis::PersianNormalizer().normalize("هماهنگی های اجرایی و جمهوری\u200cخواه می شود");
  for (const auto& t : analysis::Tokenizer().tokenize(normalized)) {
    ASSERT_LT(t.span.begin, t.span.end);
    ASSERT_LE(t.span.end, normalized.size());
    if (t.parts.empty()) {  // no joint: the token is its one part
      EXPECT_EQ(t.text.find("\u200c"), std::string::npos);
      continue;
    }
    EXPECT_GE(t.parts.size(), 2u);
    EXPECT_EQ(t.parts.front().begin, t.span.begin);
    EXPECT_EQ(t.parts.back().end, t.span.end);
  }
}

}  // namespace
}  // namespace kavosh::testing

#include <cctype>
#include <fstream>

#include "segmenter.h"

namespace kavosh::testing {
namespace {

// The segmentation shortcut must give exactly ICU's words: texts, spans, kinds and parts.
void expect_same_as_icu(const std::string& input) {
  const std::string normalized = analysis::PersianNormalizer().normalize(input);
  const auto fast = analysis::segment_words(normalized);
  const auto reference = analysis::segment_words_with_icu(normalized);
  ASSERT_EQ(fast.size(), reference.size()) << escape(normalized);
  for (std::size_t i = 0; i < fast.size(); ++i) {
    ASSERT_EQ(escape(fast[i].text), escape(reference[i].text)) << escape(normalized);
    ASSERT_EQ(fast[i].span, reference[i].span) << escape(normalized);
    ASSERT_EQ(fast[i].kind, reference[i].kind) << escape(fast[i].text) << " in " << escape(normalized);
    ASSERT_EQ(fast[i].parts, reference[i].parts) << escape(normalized);
  }
}

TEST(SegmenterShortcut, AgreesWithIcuOnEveryGoldenInput) {
  for (const char* table : {"normalizer.tsv", "tokenizer.tsv", "analyzer.tsv", "stemmer.tsv", "query_parser.tsv"}) {
    for (const auto& row : load_golden(table)) expect_same_as_icu(row.input);
  }
}

TEST(SegmenterShortcut, AgreesWithIcuOnTheBundledCorpus) {
  std::ifstream in(std::string(KAVOSH_SOURCE_DIR) + "/corpus/articles.jsonl");
  ASSERT_TRUE(in) << "corpus/articles.jsonl";
  int articles = 0;
  for (std::string line; std::getline(in, line); ++articles) expect_same_as_icu(line);  // JSON syntax included
  EXPECT_GE(articles, 150);
}

TEST(SegmenterShortcut, AgreesWithIcuForEveryPunctuationAtEveryEdge) {
  std::vector<std::string> marks;
  for (char c = '!'; c <= '~'; ++c) {
    if (!std::isalnum(static_cast<unsigned char>(c))) marks.emplace_back(1, c);
  }
  for (const char* mark : {"«", "»", "،", "؛", "؟", "۔", "٪", "٫", "٬", "…", "–"}) marks.emplace_back(mark);
  for (const std::string core : {"کتاب", "می‌شود", "1402", "ء"}) {
    for (const auto& before : marks) {
      for (const auto& after : marks) expect_same_as_icu(before + core + after + " " + core + after + after);
    }
  }
}

TEST(SegmenterShortcut, AgreesWithIcuOnRandomMixes) {
  // Letters, joints, digits and every kind of punctuation next to each other, in every combination.
  const std::vector<std::string> pieces = {
      "ا", "ب",      "ی",      "ک", "گ",      "ء",    "آ",  "\u200c", " ", "  ", "\n", "\t",     "1",     "۲",
      "0", ".",      ",",      "،", "٫",      "٬",    "'",  ":",      ";", "_",  "-",  "/",      "«",     "»",
      "؛", "؟",      "۔",      "!", "(",      ")",    "\"", "%",      "#", "@",  "a",  "Z",      "é",     "ٹ",
      "ە", "\u0670", "\u064e", "😀", "\u200d", "\xff", "中", "$",      "+", "&",  "*",  "\u066d", "\u06fd"};
  for (const auto& input : random_mixes(pieces, 20000, 12, 777)) expect_same_as_icu(input);
}

}  // namespace
}  // namespace kavosh::testing
