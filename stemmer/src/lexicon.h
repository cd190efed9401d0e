// The analysis tables: lexicon with suffix classes, verbs, colloquial verb stems, broken plurals, protected
// words, stopwords.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kavosh::analysis {

/// Suffix classes a lexicon base is attested with (scripts/build_lexicon.py writes them as letters).
enum SuffixClass : std::uint8_t {
  kPluralHa = 1 << 0,     // h
  kPluralAt = 1 << 1,     // t
  kComparative = 1 << 2,  // c
  kYeh = 1 << 3,          // y
  kClitic = 1 << 4,       // k
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

/// All tables, parsed once from the data embedded in the library.
struct Lexicon {
  StringMap<std::uint8_t> bases;           ///< word → SuffixClass bits
  StringMap<std::string> present_to_past;  ///< present stem → past stem
  StringSet past_stems;
  StringMap<std::string> colloquial_stems;   ///< colloquial present stem → written present stem
  StringMap<std::string> plurals;            ///< plural → singular: broken plurals, sound plurals in ات
  StringMap<std::string> spelling_variants;  ///< stem of one spelling → stem of the usual one
  StringSet protected_words;
  StringSet stopwords;

  static const Lexicon& instance();

  /// SuffixClass bits of `word`, or -1 when it is not a lexicon base.
  int classes(std::string_view word) const {
    const auto it = bases.find(word);
    return it == bases.end() ? -1 : it->second;
  }

  /// A past stem of the verb table that is not also a protected name: `رشته` is a field, not a
  /// participle of رشتن, and must not meet the city رشت.
  bool is_past_stem(std::string_view s) const { return past_stems.contains(s) && !protected_words.contains(s); }
};

}  // namespace kavosh::analysis
