// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Ranking parameters, in one place so that tuning (docs/search.md) changes only this file.
#pragma once

namespace kavosh::search::ranking {

// BM25 (Xapian::BM25Weight k1, k2, k3, b, min_normlen). Tuned on corpus/ and dev-data parsinlu_rc:
// see docs/search.md, "Tuning".
inline constexpr double kK1 = 1.2;
inline constexpr double kK2 = 0.0;
inline constexpr double kK3 = 1.0;
inline constexpr double kB = 0.75;
inline constexpr double kMinNormLen = 0.5;

/// Weight of a word's exact surface term relative to its stem term (a surface match also matches
/// the stem, so an exact form earns both).
inline constexpr double kExactWeight = 1.5;
/// Weight of a synonym from the database's synonym table, relative to the word itself.
inline constexpr double kSynonymWeight = 0.7;
/// Extra weight of query words found in the title (the indexer already counts title words
/// schema::kTitleWdf times in the combined field).
inline constexpr double kTitleBoost = 0.5;
/// Boosts for multi-word queries whose words occur as a phrase, and near each other.
inline constexpr double kPhraseBoost = 1.0;
inline constexpr double kNearBoost = 0.5;
/// Scale of the all-words subquery: a document matching every clause outranks any document matching
/// only some (a BM25 document weight stays far below this factor times a matching one).
inline constexpr double kAllWordsFactor = 1000.0;

/// At most this many query words are searched (a 10,000-character query is cut with a warning).
inline constexpr unsigned kMaxWords = 32;
/// Expansion limit of a partial (prefix) last word, most frequent terms first.
inline constexpr unsigned kPrefixExpansion = 64;
/// "Did you mean" is offered when a query finds at most this many documents.
inline constexpr unsigned kFewResults = 3;

}  // namespace kavosh::search::ranking
