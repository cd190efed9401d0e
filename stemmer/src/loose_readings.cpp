// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "kavosh/analysis/loose_readings.h"

#include "char_tables.h"
#include "kavosh/analysis/stemmer.h"
#include "lexicon.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

constexpr std::string_view kFinalYeh = "ی";
constexpr std::size_t kMinBaseLetters = 3;

bool all_arabic_letters(std::string_view word) {
  for (std::size_t pos = 0; pos < word.size();) {
    if (!chars::is_arabic_letter(utf8::decode(word, pos))) return false;
  }
  return true;
}

/// Words no reading is made for: names and places keep their letters, function words have no forms,
/// and only Persian words take Persian suffixes (a ZWNJ, a digit or a Latin letter rules a word out).
bool fixed_word(std::string_view word) {
  const Lexicon& lexicon = Lexicon::instance();
  return !all_arabic_letters(word) || utf8::length(word) < kMinBaseLetters || lexicon.protected_words.contains(word) ||
         lexicon.stopwords.contains(word);
}

}  // namespace

std::optional<std::string> LooseReadings::without_yeh(std::string_view word) {
  if (!word.ends_with(kFinalYeh) || fixed_word(word) || Lexicon::instance().classes(word) >= 0) return std::nullopt;
  const std::string_view base = word.substr(0, word.size() - kFinalYeh.size());
  if (utf8::length(base) < kMinBaseLetters || PersianStemmer().stem(word) != word) return std::nullopt;
  return std::string(base);
}

std::optional<std::string> LooseReadings::with_yeh(std::string_view word) {
  if (word.ends_with(kFinalYeh) || word.ends_with("ه") || fixed_word(word) || PersianStemmer().stem(word) != word) {
    return std::nullopt;
  }
  const bool after_vowel = word.ends_with("ا") || word.ends_with("و");
  return std::string(word).append(after_vowel ? "یی" : kFinalYeh);
}

std::optional<std::string> LooseReadings::verb_of_infinitive(std::string_view word) {
  constexpr std::string_view kInfinitiveEnd = "ن";
  if (fixed_word(word)) return std::nullopt;
  const std::string stem = PersianStemmer().stem(word);
  if (!stem.ends_with(kInfinitiveEnd)) return std::nullopt;
  std::string past = stem.substr(0, stem.size() - kInfinitiveEnd.size());
  if (!Lexicon::instance().is_past_stem(past) || PersianStemmer().stem(past) != past) return std::nullopt;
  return past;
}

}  // namespace kavosh::analysis
