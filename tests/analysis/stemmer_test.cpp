#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "char_tables.h"
#include "golden.h"
#include "kavosh/analysis/analyzer.h"
#include "kavosh/analysis/normalizer.h"
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

/// The words whose stem `stemmer` stems to something else, as "word → stem → stem of stem".
template <typename Words>
std::vector<std::string> not_fixed(const analysis::PersianStemmer& stemmer, const Words& words) {
  std::vector<std::string> out;
  for (const std::string& word : words) {
    const std::string stem = stemmer.stem(word);
    if (const std::string again = stemmer.stem(stem); again != stem) out.push_back(word + " → " + stem + " → " + again);
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < 20; ++i) out += items[i] + "; ";
  return out;
}

// A stem is its own stem, so every form of a word meets its base: over the rows of the table, every
// word of the bundled lexicon and every protected word.
TEST(Stemmer, StemIsAFixedPoint) {
  const analysis::PersianStemmer stemmer;
  std::vector<std::string> words;
  for (const auto& row : load_golden("stemmer.tsv")) words.push_back(row.input);
  for (const char* table : {"/stemmer/data/lexicon.tsv", "/stemmer/data/protected.txt"}) {
    std::ifstream in(std::string(KAVOSH_SOURCE_DIR) + table);
    ASSERT_TRUE(in) << table;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.front() != '#') words.push_back(line.substr(0, line.find('\t')));
    }
  }
  ASSERT_GT(words.size(), 20000u);
  const std::vector<std::string> moved = not_fixed(stemmer, words);
  EXPECT_TRUE(moved.empty()) << moved.size() << " words: " << joined(moved);
}

// The same over every word type of the real news of ../shared/dev-data/news, when it is there.
TEST(Stemmer, StemIsAFixedPointOverRealNews) {
  const std::filesystem::path news = std::filesystem::path(KAVOSH_SOURCE_DIR) / ".." / "shared" / "dev-data" / "news";
  if (!std::filesystem::is_directory(news)) GTEST_SKIP() << "no " << news;
  const analysis::Analyzer analyzer;
  std::set<std::string> words;
  for (const auto& file : std::filesystem::directory_iterator(news)) {
    if (file.path().extension() != ".jsonl") continue;
    std::ifstream in(file.path());
    for (std::string line; std::getline(in, line);) {
      for (const analysis::Token& token : analyzer.analyze(line)) {
        if (token.kind == analysis::TokenKind::kWord) words.insert(token.text);
      }
    }
  }
  ASSERT_GT(words.size(), 10000u);
  const std::vector<std::string> moved = not_fixed(analyzer.stemmer(), words);
  EXPECT_TRUE(moved.empty()) << moved.size() << " of " << words.size() << " words: " << joined(moved);
}

// Proper nouns should come out as they went in (the target is ≥ 97%); UD Seraji tags none, so this is
// measured on a list of names written for it, most of them outside the protected list.
TEST(Stemmer, KeepsNamesWhole) {
  const analysis::PersianNormalizer normalizer;
  const analysis::PersianStemmer stemmer;
  std::ifstream in(std::string(KAVOSH_SOURCE_DIR) + "/tests/golden/names.txt");
  ASSERT_TRUE(in) << "tests/golden/names.txt";
  std::size_t names = 0;
  std::vector<std::string> changed;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == '#') continue;
    ++names;
    const std::string normalized = normalizer.normalize(line);
    const std::string stem = stemmer.stem(normalized);
    if (stem != analysis::chars::without_zwnj(normalized)) changed.push_back(line + " → " + stem);
  }
  ASSERT_GT(names, 300u);
  std::string list;
  for (const auto& c : changed) list += c + "; ";
  EXPECT_GE(1.0 - static_cast<double>(changed.size()) / static_cast<double>(names), 0.97) << list;
  EXPECT_LE(changed.size(), 2u) << "more names stemmed than before (زند, سادات are read as زد, سید): " << list;
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
