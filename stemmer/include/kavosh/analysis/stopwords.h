// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <string_view>

namespace kavosh::analysis {

/// Persian function words (stemmer/data/stopwords.txt, stored normalized). Documents keep them,
/// with positions, so phrases still match; the searcher drops them from queries outside phrases.
class Stopwords {
 public:
  /// True when the normalized, ZWNJ-free word is a stopword.
  static bool contains(std::string_view normalized_word);
};

}  // namespace kavosh::analysis
