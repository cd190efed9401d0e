// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Ranking parameters, in one place so that tuning (docs/search.md) changes only this file.
#pragma once

namespace kavosh::search::ranking {

// BM25 (Xapian::BM25Weight k1, k2, k3, b, min_normlen). b chosen on news_topics (long and short news),
// checked on parsinlu_rc and corpus/ (docs/ranking.md; `python3 scripts/relevance.py`).
/// k1 ∈ {0.6…2.0}: 0.9–1.6 within 0.003 MRR@10 on parsinlu; 0.6 costs corpus/ 0.008 MRR@10, 2.0 costs parsinlu.
inline constexpr double kK1 = 1.2;
/// No document-length correction term (Xapian's default; queries are short).
inline constexpr double kK2 = 0.0;
/// Query-term frequency saturation; query words are rarely repeated, so it has no measurable effect.
inline constexpr double kK3 = 1.0;
/// b ∈ {0.5, 0.75, 0.9, 1.0} on news_topics: 0.9 gains +0.006 ± 0.005 nDCG@10 over 0.75 (0.5 loses 0.010
/// MAP); parsinlu_rc +0.002 ± 0.002, corpus/ unchanged. A news archive mixes briefs and long features, and
/// a long article's many mentions must not outweigh a brief that is about the query.
inline constexpr double kB = 0.9;
/// Xapian's default floor on the normalized document length.
inline constexpr double kMinNormLen = 0.5;

/// Extra weight of a word's exact surface term, beside the OP_SYNONYM of all its forms (which the surface
/// is one of): a modest preference for the form typed, not a second count of the word.
inline constexpr double kExactBonus = 0.2;
/// Weight of a synonym from the database's synonym table, relative to the word itself, at most: a rarer
/// synonym weighs less, so that a document holding only it ranks below the word's (docs/ranking.md).
/// Not tuned: only corpus/ has a synonym table.
inline constexpr double kSynonymWeight = 0.7;
/// A query word the index holds in fewer documents than 1/kReadingFrequencyRatio of its written
/// reading's (`امریکا` beside `آمریکا`) is read too, as one the index lacks: a rare spelling is mostly
/// a typing habit, and its documents alone would rank first on its high IDF. {5, 10, 20}: parsinlu_rc
/// within 0.0005 nDCG@10 (20 drops one reading more); 10 is the usual margin of spelling correction.
inline constexpr double kReadingFrequencyRatio = 10.0;
/// Weights of a word's loose readings (analysis::LooseReadings), alternatives OR'ed beside the word (so
/// they add to the word's own weight where both occur): the word without a bare `ی` (`کتابی` → `کتاب`)
/// and with one (`رقابت` → `رقابتی`). Without {0.3, 0.5, 0.8} on news_topics: 0.3–0.5 gain +0.004 nDCG@10
/// over 0.8, parsinlu_rc and corpus/ within 0.001; 0.5 keeps a word's own documents above its reading's.
/// The derived word far below the word itself, as derivation changes the meaning more than inflection.
inline constexpr double kWithoutYehWeight = 0.5;
inline constexpr double kWithYehWeight = 0.2;
/// Weight of an infinitive's verb (`رفتن` → the forms of رفت): one lexeme, as close as an inflection,
/// so weighted near the word itself, above a loose reading.
inline constexpr double kInfinitiveVerbWeight = 0.8;
/// Extra weight of query words found in the title (the indexer already counts title words
/// schema::kTitleWdf times in the combined field). {0…2}: 1–2 help corpus/ (+0.006 nDCG@10 at 2) but
/// cost parsinlu 0.007–0.016 MRR@10 (questions name the article, not the passage); 0 costs corpus/ 0.008.
inline constexpr double kTitleBoost = 0.5;
/// Boosts for multi-word queries whose words occur as a phrase, and near each other. Phrase {0…4}
/// and near {0…4} each move either collection by at most 0.004 (more boost, less corpus/ nDCG); kept for news queries.
inline constexpr double kPhraseBoost = 1.0;
inline constexpr double kNearBoost = 0.5;
/// Weight of the surface terms of the query's stopwords (dropped from matching) as an optional
/// second-pass boost. Picked on the even parsinlu qids from {0.3, 0.4, 0.5, 0.7} (0.5; 0.4–0.7 within
/// 0.001), held out on the odd ones: +0.004 MRR@10 / +0.004 nDCG@10 there; corpus/ unchanged (docs/search.md).
inline constexpr double kStopwordBoost = 0.5;
/// Graded coordination: a document holding every word of a multi-word query also earns this share of
/// the AND of the words' weights (a bonus that grows with the words' own evidence, not a tier above it).
inline constexpr double kCoordinationBonus = 0.5;

/// At most this many query words are searched (a 10,000-character query is cut with a warning).
inline constexpr unsigned kMaxWords = 32;
/// Expansion limit of a partial (prefix) last word, most frequent terms first.
inline constexpr unsigned kPrefixExpansion = 64;

}  // namespace kavosh::search::ranking
