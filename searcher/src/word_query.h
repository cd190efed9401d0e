// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Queries for single analyzed words and phrases (internal to kavosh_search).
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query.h"

namespace kavosh::search::detail {

/// Term prefixes of a field: the combined field (surface "", stem "Z") or the title ("S", "ZS").
struct TermPrefixes {
  std::string surface;
  std::string stem;
};
TermPrefixes prefixes_for(Field field);

/// A word of the query after analysis: its token and, for a compound, the tokens of its parts.
struct QueryWord {
  analysis::Token token;
  std::vector<analysis::Token> parts;
  bool prefix = false;  ///< the last word of a partial query: also matches as a prefix
  /// The stemmer keeps the stem as is (stem(stem) = stem): the index then holds the word that is its own
  /// stem as a surface term only (no `Z` term, schema v2), so the stem matches that surface term too.
  bool stem_is_word = true;
  bool star = false;  ///< typed with a trailing `*`: matches as a prefix only (prefix is set too)
};

/// Groups the analyzer's output: each part token joins the compound token before it.
std::vector<QueryWord> group_words(std::vector<analysis::Token> tokens, const analysis::PersianStemmer& stemmer);

/// Sets word.stem_is_word from the stemmer.
void check_stem(QueryWord& word, const analysis::PersianStemmer& stemmer);

/// The terms of the word's stem: `Z`stem, and the stem itself when stem_is_word.
std::vector<std::string> stem_terms(const QueryWord& word, const TermPrefixes& prefixes);

/// The documents holding a word of the word's stem: `Z`stem, OR'ed with the surface term stem when
/// stem_is_word. `op` is OP_SYNONYM for ranking (one term's statistics, as the single `Z` term had
/// before schema v2) or OP_OR inside OP_PHRASE/OP_NEAR (Xapian 1.4 allows only terms and OR of terms).
Xapian::Query stem_query(const QueryWord& word, const TermPrefixes& prefixes, Xapian::Query::op op);

/// OP_SYNONYM of the word's forms (stem_terms()) and `other_forms`: the word as one term, no more.
Xapian::Query forms_query(const QueryWord& word, const TermPrefixes& prefixes,
                          const std::vector<std::string>& other_forms = {});

/// One word as one term: OP_SYNONYM of its forms (stem_terms()) and of `other_forms` (the same word written
/// otherwise: a joined spelling with a neighbour, a written reading), so that a word weighs the same
/// however many spellings it has, OR'ed with its exact surface at kExactBonus; a compound is also
/// PHRASE of its parts and a prefix also a wildcard, OR'ed beside it. A word typed with `*` is the
/// wildcard alone: its normalized surface (not its stem) as a prefix.
Xapian::Query word_query(const QueryWord& word, const TermPrefixes& prefixes,
                         const std::vector<std::string>& other_forms = {});

/// The index terms starting with the surface of `word` (with `prefixes.surface`), the kPrefixExpansion
/// most frequent, as one OP_SYNONYM.
Xapian::Query prefix_query(const QueryWord& word, const TermPrefixes& prefixes);

/// A word split into two content words the index holds (`مجلسخبرگان` → `مجلس` + `خبرگان`). `as_words`:
/// both halves have 3+ letters, so they may be two words typed together; a shorter half (`شتاب` + `ان`)
/// is more often an affix, to be looked for only as a phrase.
struct WordSplit {
  std::string left;
  std::string right;
  bool as_words = false;
};
/// Every split of `text` into two indexed words of 2+ letters each, neither a stopword, left to right.
std::vector<WordSplit> two_word_splits(const Xapian::Database& database, const std::string& text);

/// The surfaces of a phrase of `words` in order: compounds joined, and (empty when there is no
/// compound) compounds split into their parts.
struct PhraseSpellings {
  std::vector<std::string> joined;
  std::vector<std::string> split;
};
PhraseSpellings phrase_spellings(const std::vector<QueryWord>& words);

/// An exact phrase of surface terms; with compounds, OR of the all-parts and all-joined spellings
/// (a half-space compound is indexed both ways, a closed one only joined).
Xapian::Query phrase_query(const std::vector<QueryWord>& words, const TermPrefixes& prefixes);

/// OP_PHRASE or OP_NEAR over the words' stem_query()s (which share positions with the surfaces), as the
/// FILTER of the AND of the words' stem synonyms (its weight) by that positional query.
Xapian::Query proximity_query(const std::vector<QueryWord>& words, Xapian::Query::op op, unsigned window);

}  // namespace kavosh::search::detail
