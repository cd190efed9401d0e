#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/stemmer.h"

namespace kavosh::testing {
namespace {

class StemmerGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(StemmerGolden, StemsWord) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(escape(analysis::PersianStemmer().stem(row.input)), row.expected)
      << "rule " << row.rule << " input " << escape(row.input) << " (" << row.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Table, StemmerGolden, ::testing::ValuesIn(load_golden("stemmer.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(Stemmer, StemIsAFixedPoint) {
  // Stemming a stem changes nothing more for the words of the table (no cascading over-stripping).
  const analysis::PersianStemmer stemmer;
  for (const auto& row : load_golden("stemmer.tsv")) {
    const std::string stem = stemmer.stem(row.input);
    EXPECT_EQ(stemmer.stem(stem), stem) << row.file << ":" << row.line;
  }
}

TEST(Stemmer, NeverReturnsEmptyOrLongerForGarbage) {
  const analysis::PersianStemmer stemmer;
  for (std::string_view w : {"", "\u200c", "ها", "های", "می", "ن", "ب", "انها", "یان", "گان", "\xff\xfe"}) {
    const std::string s = stemmer.stem(w);
    EXPECT_LE(s.size(), w.size()) << escape(std::string(w));
  }
}

}  // namespace
}  // namespace kavosh::testing
