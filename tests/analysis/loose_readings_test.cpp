#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/loose_readings.h"
#include "kavosh/analysis/stemmer.h"

namespace kavosh::testing {
namespace {

using analysis::LooseReadings;

std::string both(const std::string& word) {
  return LooseReadings::without_yeh(word).value_or("") + "|" + LooseReadings::with_yeh(word).value_or("") + "|" +
         LooseReadings::verb_of_infinitive(word).value_or("");
}

class LooseReadingsGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(LooseReadingsGolden, GivesReadings) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(both(row.input), row.expected)
      << "rule " << row.rule << " input " << escape(row.input) << " (" << row.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Table, LooseReadingsGolden, ::testing::ValuesIn(load_golden("loose_readings.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(LooseReadings, ReadingsOnlyRemoveOrAddTheSuffix) {
  // In random mixes of letters, ی and what the guards look at, a reading is the word less its final ی or
  // the word plus ی/یی: never both for one word, never cut inside a letter.
  const std::vector<std::string> pieces{"ی", "یی", "ا", "و", "ه",      "کتاب", "رقابت",
                                        "ت", "س",  "۲", "x", "\u200C", "\xd9"};
  for (const std::string& word : random_mixes(pieces, 5000, 5, 1402)) {
    const auto without = LooseReadings::without_yeh(word);
    const auto with = LooseReadings::with_yeh(word);
    EXPECT_FALSE(without && with) << escape(word);
    if (without) {
      EXPECT_EQ(*without + "ی", word);
    }
    if (with) {
      EXPECT_TRUE(*with == word + "ی" || *with == word + "یی") << escape(word);
    }
  }
}

TEST(LooseReadings, AnInfinitiveReadsAsTheVerbOfItsStem) {
  // In random mixes of verb pieces, the reading is given exactly when the word's stem is a past stem + ن
  // whose past stem is its own stem, and then it is that past stem.
  const std::vector<std::string> pieces{"ن", "رفت", "آمد", "کشت", "گرد", "ی", "ها", "\u200C", "x"};
  const analysis::PersianStemmer stemmer;
  std::size_t readings = 0;
  for (const std::string& word : random_mixes(pieces, 5000, 3, 1403)) {
    const auto verb = LooseReadings::verb_of_infinitive(word);
    if (!verb) continue;
    ++readings;
    EXPECT_EQ(stemmer.stem(word), *verb + "ن") << escape(word);
    EXPECT_EQ(stemmer.stem(*verb), *verb) << escape(word);
  }
  EXPECT_GT(readings, 20u) << "the mixes hold infinitives";
}

}  // namespace
}  // namespace kavosh::testing
