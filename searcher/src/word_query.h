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
};

/// Groups the analyzer's output: each part token joins the compound token before it.
std::vector<QueryWord> group_words(std::vector<analysis::Token> tokens);

/// surface × kExactWeight OR stem; a compound also as PHRASE of its parts; a prefix also as a wildcard.
Xapian::Query word_query(const QueryWord& word, const TermPrefixes& prefixes);

/// An exact phrase of surface terms; with compounds, OR of the all-parts and all-joined spellings
/// (a half-space compound is indexed both ways, a closed one only joined).
Xapian::Query phrase_query(const std::vector<QueryWord>& words, const TermPrefixes& prefixes);

/// OP_PHRASE or OP_NEAR over the words' stem terms (which share positions with the surfaces).
Xapian::Query proximity_query(const std::vector<QueryWord>& words, Xapian::Query::op op, unsigned window);

}  // namespace kavosh::search::detail
