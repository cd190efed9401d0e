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
  const std::string normalized = analysis::PersianNormalizer().normalize("هماهنگی های اجرایی و جمهوری\u200cخواه می شود");
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
