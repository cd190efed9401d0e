#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/informal_spelling.h"
#include "utf8.h"

namespace kavosh::testing {
namespace {

using analysis::InformalSpelling;

std::string joined(const std::vector<std::string>& candidates) {
  std::string out;
  for (const std::string& candidate : candidates) out += (out.empty() ? "" : " ") + candidate;
  return out;
}

// The pieces hold no U+FFFD, so one decoded from a string marks an invalid byte.
bool valid_utf8(const std::string& text) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (analysis::utf8::decode(text, pos) == analysis::utf8::kReplacement) return false;
  }
  return true;
}

class InformalSpellingGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(InformalSpellingGolden, GivesWrittenForms) {
  const GoldenRow& row = GetParam();
  EXPECT_EQ(joined(InformalSpelling::candidates(row.input)), row.expected)
      << "rule " << row.rule << " input " << escape(row.input) << " (" << row.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Table, InformalSpellingGolden, ::testing::ValuesIn(load_golden("informal_spelling.tsv")),
                         [](const auto& info) { return golden_row_name(info.param); });

TEST(InformalSpelling, CandidatesAreDistinctWholeWordsNeverTheInput) {
  // Every piece a rule looks at, in random mixes: candidates are never the input, never repeated, and
  // never cut a two-byte letter (each rule slices at letter boundaries only).
  const std::vector<std::string> pieces{"ا",  "آ",  "می", "نمی", "ب",  "بر", "ه",  "ن", "ین", "د",  "م", "ی",
                                        "یم", "ست", "ون", "وم",  "رو", "و",  "ها", "گ", "ش",  "کن", "x", "\xd9"};
  for (const std::string& word : random_mixes(pieces, 5000, 6, 4242)) {
    const std::vector<std::string> candidates = InformalSpelling::candidates(word);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      EXPECT_NE(candidates[i], word) << escape(word);
      EXPECT_FALSE(candidates[i].empty()) << escape(word);
      if (valid_utf8(word)) {
        EXPECT_TRUE(valid_utf8(candidates[i])) << escape(word) << " → " << escape(candidates[i]);
      }
      for (std::size_t k = 0; k < i; ++k) EXPECT_NE(candidates[i], candidates[k]) << escape(word);
    }
  }
}

}  // namespace
}  // namespace kavosh::testing
