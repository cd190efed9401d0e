// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A parsed query → one Xapian::Query, every word through the Kavosh analyzer (DESIGN.md §1).
#pragma once
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query.h"

namespace kavosh::search {

/// What a query matches, in the analyzer's keys: snippets highlight a token when its normalized
/// text is in `surfaces`, its stem in `stems`, or its text starts with one of `prefixes`, and the
/// tokens of a run of consecutive positions whose texts are one of `phrases` (a quoted phrase, a
/// compound's parts, a split of a word, a synonym of several words: their words alone match nothing).
/// `position_terms` are the index terms whose position lists hold every such token but a prefix's
/// (the first match in a document's body is found from them).
struct MatchKeys {
  std::set<std::string> surfaces;
  std::set<std::string> stems;
  std::vector<std::string> prefixes;
  std::set<std::vector<std::string>> phrases;
  std::set<std::string> position_terms;
};

/// A searched word and where the query wrote it, for "did you mean".
struct QueryWordSpan {
  std::string text;                ///< normalized surface key
  std::vector<std::string> terms;  ///< the index terms of its forms (`Z`stem, the stem): any held, it is no typo
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct BuiltQuery {
  Xapian::Query query;  ///< empty (MatchNothing) when there is nothing to search
  /// `query` without its boosts (title words, PHRASE/NEAR of the query's words, its dropped stopwords):
  /// it matches the same documents, with weights that lack only those boosts. Searcher ranks by it, then
  /// re-ranks the top of that ranking by `query` (kRescoreWindow). Empty when `query` has no boost.
  Xapian::Query first_pass;
  MatchKeys keys;
  std::vector<QueryWordSpan> words;
  std::vector<WrittenReading> readings;
  std::vector<std::string> warnings;
};

/// Builds queries for one database (it reads the synonym table and checks joined forms).
/// Ranking, in Xapian's built-in operators and weights only (so remote shards work), BM25 throughout:
/// - a word is one term: OP_SYNONYM of its forms (`Z`stem, the stem itself, a joined spelling with a
///   neighbour, its written form), with a modest bonus for its exact surface (kExactBonus); a compound
///   also as PHRASE of its parts; readings of lower weight (a synonym, a split, an infinitive's verb, a
///   bare `ی` taken off or added) OR'ed beside it, so a word weighs the same however many spellings it
///   has;
/// - stopwords dropped outside phrases, unless every word of the query is one; the dropped ones come
///   back as an optional boost of low weight (kStopwordBoost) in the second pass;
/// - the words OR'ed, and their AND at kCoordinationBonus: a graded bonus for holding every word;
/// - AND_MAYBE boosts: title words, PHRASE and NEAR of the words of a multi-word query, the dropped
///   stopwords; all left out of `first_pass`, so a searcher evaluates them on the top documents only.
/// The boosts re-rank this many documents from the top of the first pass (Searcher): a
/// document below that rank keeps its first-pass place, on every page. One page of 10: 10, 30, 50 and
/// 100 score alike on corpus/ and parsinlu_rc (docs/search.md), and the second pass reads positions of
/// every document in the window (10 instead of 30: a fifth less p50 latency at 100k documents).
inline constexpr unsigned kRescoreWindow = 10;

/// Synonyms by key (schema::synonym_key), sorted: for a database whose synonym table Xapian cannot read
/// (remote shards), the copy the indexer keeps in its metadata (schema::kSynonymsKey).
using SynonymMap = std::map<std::string, std::vector<std::string>, std::less<>>;

class QueryBuilder {
 public:
  /// `synonyms`: the table to use instead of the database's synonym table (nullptr: the database's).
  QueryBuilder(const analysis::Analyzer& analyzer, const Xapian::Database& database,
               const SynonymMap* synonyms = nullptr);
  /// `partial`: the last plain word is also a prefix (autocomplete).
  BuiltQuery build(const ParsedQuery& parsed, bool partial) const;

 private:
  const analysis::Analyzer& analyzer_;
  const Xapian::Database& database_;
  const SynonymMap* synonyms_;
};

}  // namespace kavosh::search
