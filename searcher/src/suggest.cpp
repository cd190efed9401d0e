// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "suggest.h"

#include <algorithm>

#include "docid_filter.h"
#include "kavosh/analysis/stopwords.h"

namespace kavosh::search::detail {
namespace {

/// Index words read per call; enough for any real prefix of 2+ letters.
constexpr std::size_t kScan = 5000;
/// Candidates checked for following the previous word (a phrase count each).
constexpr std::size_t kPhraseCandidates = 50;
/// Documents counted per phrase: enough to order completions.
constexpr Xapian::doccount kPhraseCountUpTo = 1000;

struct Candidate {
  std::string word;
  Xapian::doccount documents = 0;  ///< holding the word
  Xapian::doccount after = 0;      ///< holding it right after the previous word
};

/// Digits and the separators of numbers, dates and times (`1402`, `14.3`, `1402/12`, `10:30`).
bool number(std::string_view word) {
  constexpr std::string_view kSeparators = ".,/:-";
  return std::ranges::all_of(word,
                             [&](char c) { return (c >= '0' && c <= '9') || kSeparators.find(c) != kSeparators.npos; });
}

/// A word written twice without a space: a typing or crawling accident, never a completion.
bool doubled(std::string_view word) {
  const std::size_t half = word.size() / 2;
  return word.size() % 2 == 0 && half > 0 && word.substr(0, half) == word.substr(half);
}

bool stopword(std::string word) {
  constexpr std::string_view kZwnj = "\u200c";
  for (std::size_t at = word.find(kZwnj); at != word.npos; at = word.find(kZwnj, at)) word.erase(at, kZwnj.size());
  return analysis::Stopwords::contains(word);
}

bool wanted(const std::string& word) { return !number(word) && !doubled(word) && !stopword(word); }

/// The wanted index words starting with `prefix`, most frequent first.
std::vector<Candidate> words_starting(const Xapian::Database& database, const std::string& prefix) {
  std::vector<Candidate> out;
  std::size_t read = 0;
  for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix) && read < kScan; ++it, ++read) {
    if (wanted(*it)) out.push_back({*it, it.get_termfreq(), 0});
  }
  std::ranges::sort(out, [](const Candidate& a, const Candidate& b) {
    return a.documents != b.documents ? a.documents > b.documents : a.word < b.word;
  });
  return out;
}

/// The documents (of `within`, unless it is empty) holding `second` right after `first`, counted up to
/// kPhraseCountUpTo.
Xapian::doccount phrase_documents(const Xapian::Database& database, const std::string& first, const std::string& second,
                                  const Xapian::Query& within) {
  using Q = Xapian::Query;
  const Q phrase(Q::OP_PHRASE, Q(first), Q(second));
  Xapian::Enquire enquire(database);
  enquire.set_query(within.empty() ? phrase : Q(Q::OP_FILTER, phrase, within));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, kPhraseCountUpTo).get_matches_estimated();
}

/// The candidates that follow `previous` in some document of the newest `window` (0: of all), most such
/// documents first; empty when none.
std::vector<Candidate> following(const Xapian::Database& database, const std::string& previous,
                                 std::vector<Candidate> candidates, Xapian::doccount window) {
  if (candidates.size() > kPhraseCandidates) candidates.resize(kPhraseCandidates);
  const Xapian::Query within = window > 0 ? newest_documents(window) : Xapian::Query();
  for (Candidate& candidate : candidates)
    candidate.after = phrase_documents(database, previous, candidate.word, within);
  std::erase_if(candidates, [](const Candidate& c) { return c.after == 0; });
  std::ranges::stable_sort(candidates, [](const Candidate& a, const Candidate& b) { return a.after > b.after; });
  return candidates;
}

}  // namespace

std::vector<std::string> completions(const Xapian::Database& database, const analysis::Analyzer& analyzer,
                                     std::string_view text, std::uint32_t limit, Xapian::doccount phrase_window) {
  const std::vector<analysis::Token> tokens = analyzer.analyze(text);
  if (tokens.empty() || limit == 0) return {};
  const analysis::Token& last = tokens.back();
  std::vector<Candidate> candidates = words_starting(database, last.text);
  if (tokens.size() > 1) {
    std::vector<Candidate> after = following(database, tokens[tokens.size() - 2].text, candidates, phrase_window);
    if (!after.empty()) candidates = std::move(after);
  }
  std::vector<std::string> out;
  const std::string lead(text.substr(0, std::min<std::size_t>(last.span.begin, text.size())));
  for (std::size_t i = 0; i < candidates.size() && out.size() < limit; ++i) out.push_back(lead + candidates[i].word);
  return out;
}

}  // namespace kavosh::search::detail
