// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::analysis {

/// The written spellings an informally typed word may stand for: users type queries the way they
/// speak and type fast (madda left out, `امد` for `آمد`; colloquial verbs, `میگن` for `میگویند`; the
/// copula joined, `خوبه`), while news is written formally. The searcher tries them, in order, for a
/// query word the index does not hold or holds far more rarely; documents are never rewritten.
class InformalSpelling {
 public:
  /// Candidate written forms of a normalized, ZWNJ-free word, most plausible first, each once, never
  /// the word itself. Rules, in order: madda (`ا`→`آ` at the start or after `می نمی بر`); colloquial
  /// present verbs (prefix, stem from stemmer/data/colloquial_stems.tsv, ending `ه ن ین` → `د ند ید`);
  /// `ونه` for `انه`; the copula (`ه`, and `ست` after a vowel) joined to a word; the plural `ا ای ایی`
  /// for `ها های هایی`; `ون`/`وم` for `ان`/`ام`; the object marker `رو`/`و`; the conjunction `و` joined to the next word.
  static std::vector<std::string> candidates(std::string_view word);
};

}  // namespace kavosh::analysis
