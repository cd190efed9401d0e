// The tables in stemmer/data are stored already normalized, so a lookup never misses for spelling.
#include <gtest/gtest.h>

#include "golden.h"
#include "kavosh/analysis/normalizer.h"
#include "kavosh/analysis/stemmer.h"
#include "kavosh/analysis/stopwords.h"
#include "lexicon.h"

namespace kavosh::testing {
namespace {

using analysis::Lexicon;

void expect_normalized(const std::string& word, const char* table) {
  EXPECT_EQ(escape(analysis::PersianNormalizer().normalize(word)), escape(word)) << table << ": " << word;
  EXPECT_EQ(word.find("\u200c"), std::string::npos) << table << " has a ZWNJ in " << word;
}

/// Both sides of every entry of a two-column table (key → value).
template <typename Map>
void expect_entries_normalized(const Map& table, const char* name) {
  for (const auto& [key, value] : table) {
    expect_normalized(key, name);
    expect_normalized(value, name);
  }
}

TEST(Data, LexiconIsNormalizedAndLarge) {
  const auto& lex = Lexicon::instance();
  EXPECT_GT(lex.bases.size(), 20000u);
  for (const auto& [word, classes] : lex.bases) expect_normalized(word, "lexicon.tsv");
}

TEST(Data, VerbTableIsNormalized) {
  const auto& lex = Lexicon::instance();
  EXPECT_GT(lex.past_stems.size(), 300u);
  expect_entries_normalized(lex.present_to_past, "verb_stems.tsv");
}

TEST(Data, ColloquialStemsAreNormalizedWrittenStemsOfTheVerbTable) {
  const auto& lex = Lexicon::instance();
  EXPECT_GE(lex.colloquial_stems.size(), 10u);
  expect_entries_normalized(lex.colloquial_stems, "colloquial_stems.tsv");
  constexpr std::string_view kGlide = "ی";
  for (const auto& [spoken, written] : lex.colloquial_stems) {
    // A stem ending in a vowel is written with the glide ی before the person ending (`آید`): آی is آ.
    const bool glide =
        written.ends_with(kGlide) && lex.present_to_past.contains(written.substr(0, written.size() - kGlide.size()));
    EXPECT_TRUE(lex.present_to_past.contains(written) || glide)
        << written << " (colloquial_stems.tsv) is not a present stem of verb_stems.tsv";
  }
}

// A spelling variant must end where its usual spelling does, or the table would split a word in two.
TEST(Data, SpellingVariantsAreNormalizedAndLeadToTheirUsualStem) {
  const auto& lex = Lexicon::instance();
  EXPECT_GE(lex.spelling_variants.size(), 5u);
  expect_entries_normalized(lex.spelling_variants, "spelling_variants.tsv");
  const analysis::PersianStemmer stemmer;
  for (const auto& [variant, usual] : lex.spelling_variants) {
    EXPECT_EQ(stemmer.stem(variant), usual) << variant << " (spelling_variants.tsv)";
    EXPECT_EQ(stemmer.stem(usual), usual) << usual << " (spelling_variants.tsv) is not a stem of its own";
  }
}

TEST(Data, PluralTablesAreNormalized) {
  const auto& lex = Lexicon::instance();
  EXPECT_GT(lex.plurals.size(), 400u);
  expect_entries_normalized(lex.plurals, "broken_plurals.tsv, sound_plurals.tsv");
}

TEST(Data, StopwordsAreNormalizationFixedPointsAndFound) {
  const auto& lex = Lexicon::instance();
  EXPECT_GT(lex.stopwords.size(), 200u);
  for (const auto& word : lex.stopwords) {
    expect_normalized(word, "stopwords.txt");
    EXPECT_TRUE(analysis::Stopwords::contains(word));
  }
  EXPECT_FALSE(analysis::Stopwords::contains("انتخابات"));
  EXPECT_FALSE(analysis::Stopwords::contains("مجلس"));
}

// A compound preposition is a function word however به is written: apart (`به خاطر`) or joined (`بخاطر`).
TEST(Data, CompoundPrepositionsWrittenJoinedAreStopwords) {
  for (const std::string noun : {"خاطر", "عنوان", "سوی"}) {
    EXPECT_TRUE(analysis::Stopwords::contains(noun)) << noun;
    EXPECT_TRUE(analysis::Stopwords::contains("ب" + noun)) << "ب" << noun;
  }
  EXPECT_FALSE(analysis::Stopwords::contains("بخار")) << "a word that only begins with ب";
}

TEST(Data, ProtectedWordsAreNormalizedAndNeverStemmed) {
  const auto& lex = Lexicon::instance();
  for (const auto& word : lex.protected_words) {
    expect_normalized(word, "protected.txt");
    EXPECT_EQ(analysis::PersianStemmer().stem(word), word);
  }
}

}  // namespace
}  // namespace kavosh::testing
