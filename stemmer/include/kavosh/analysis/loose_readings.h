// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::analysis {

/// Readings of a query word looser than its stem. Guarded stemming keeps documents precise by
/// declining strips it cannot decide (a bare final `ی` is as often derivational, `رقابتی`, as
/// indefinite, `کتابی`) and by keeping an infinitive apart from its verb; a query can afford them as
/// alternatives of lower weight, so recall comes back without merging the index's terms. Input is one normalized word without ZWNJ.
class LooseReadings {
 public:
  /// `کتابی` → `کتاب`: the word without a bare final `ی` the stemmer kept. None when the word is itself
  /// a lexicon base (`جمهوری`, `ایرانی` have paradigms of their own), a protected name (`سلیمانی`), a
  /// stopword, not all Persian letters, or when fewer than three letters would be left.
  static std::optional<std::string> without_yeh(std::string_view word);
  /// `رقابت` → `رقابتی`, `دارو` → `دارویی`: the word with the suffix `ی` (`یی` after `ا`/`و`) that
  /// makes adjectives and indefinites, for a word the stemmer keeps whole (an inflected form takes `ی`
  /// after its ending). None after a final `ی` or `ه`, for protected names, stopwords, words of fewer
  /// than three letters or not all Persian letters.
  static std::optional<std::string> with_yeh(std::string_view word);
  /// `رفتن`, `نرفتن` → `رفت`: the past stem of an infinitive, which the stemmer keeps as a noun of its
  /// own, so that a query for the infinitive also finds the verb's forms (`رفت`, `می‌رود`).
  static std::optional<std::string> verb_of_infinitive(std::string_view word);
};

}  // namespace kavosh::analysis
