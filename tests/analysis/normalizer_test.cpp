#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/normalizer.h"
#include "normalizer_steps.h"

namespace kavosh::testing {
namespace {

using analysis::PersianNormalizer;

class NormalizerGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(NormalizerGolden, MapsInputToSearchKey) {
  const GoldenRow& row = GetParam();
  const std::string got = PersianNormalizer().normalize(row.input);
  EXPECT_EQ(escape(got), escape(row.expected)) << "rule " << row.rule << " (" << row.note << ")";
}

TEST_P(NormalizerGolden, IsIdempotent) {
  const PersianNormalizer n;
  const std::string once = n.normalize(GetParam().input);
  EXPECT_EQ(escape(n.normalize(once)), escape(once));
}

TEST_P(NormalizerGolden, OriginSpansAreInOrderAndInRange) {
  const std::string& input = GetParam().input;
  const auto out = PersianNormalizer().normalize_with_origin(input);
  ASSERT_EQ(out.origin.size(), out.text.size());
  std::uint32_t last_begin = 0;
  for (const auto& span : out.origin) {
    EXPECT_LE(span.begin, span.end);
    EXPECT_LE(span.end, input.size());
    EXPECT_GE(span.begin, last_begin);
    last_begin = span.begin;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizerGolden, ::testing::ValuesIn(load_golden("normalizer.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(Normalizer, EveryByteSequenceGivesValidUtf8) {
  // All two-byte sequences: whatever comes in, valid UTF-8 comes out and offsets stay in range.
  const PersianNormalizer n;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 7) {
      const std::string in = {static_cast<char>(a), static_cast<char>(b), '\xD9'};
      const auto out = n.normalize_with_origin(in);
      const std::string again = n.normalize(out.text);
      ASSERT_EQ(again, out.text) << "not idempotent for bytes " << a << "," << b;
    }
  }
}

TEST(Normalizer, SpanOfAMappedLetterIsTheOriginalLetter) {
  const std::string input = "رئيس\u200fجمهور";
  const auto out = PersianNormalizer().normalize_with_origin(input);
  EXPECT_EQ(out.text, "رییسجمهور");
  const auto span = out.source_span(0, out.text.size());
  EXPECT_EQ(span.begin, 0u);
  EXPECT_EQ(span.end, input.size());
}

}  // namespace
}  // namespace kavosh::testing

namespace kavosh::testing {
namespace {

// The single-pass normalizer must agree with the plain chain of steps, text and origins alike.
void expect_same_as_steps(const std::string& input) {
  const auto fast = analysis::PersianNormalizer().normalize_with_origin(input);
  const auto reference = analysis::normalize_by_steps(input);
  ASSERT_EQ(escape(fast.text), escape(reference.text)) << escape(input);
  ASSERT_EQ(fast.origin.size(), reference.origin.size());
  for (std::size_t i = 0; i < fast.origin.size(); ++i) ASSERT_EQ(fast.origin[i], reference.origin[i]) << i;
}

TEST(NormalizerSinglePass, AgreesWithTheStepsOnEveryGoldenInput) {
  for (const char* table : {"normalizer.tsv", "tokenizer.tsv", "analyzer.tsv", "stemmer.tsv"}) {
    for (const auto& row : load_golden(table)) expect_same_as_steps(row.input);
  }
}

TEST(NormalizerSinglePass, AgreesWithTheStepsOnRandomMixes) {
  // Random strings over the characters the rules treat specially, in every combination.
  const std::vector<std::string> pieces = {"ا",      "و",      "ی",      "ء",    "\u200c", "\u200c\u200c",
                                           " ",      "\u00a0", "ي",      "ك",    "ۀ",      "ه\u0654",
                                           "\u064e", "\u0640", "\u200f", "۱",    "٣",      "٫",
                                           "A",      "ß",      "\xff",   "\xd9", "ب",      "\n",
                                           "\u200b", "\ufeff", "-",      "«"};
  for (const auto& input : random_mixes(pieces, 3000, 9, 12345)) expect_same_as_steps(input);
}

}  // namespace
}  // namespace kavosh::testing
