// Kavosh: Persian full-text search. GPL-2.0-or-later.
// From a Xapian match to what the API returns (internal to kavosh_search).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// A term whose position list locates matches of query word number `word`.
struct LocatingTerm {
  std::string term;
  std::uint32_t word = 0;
};

/// A match of the page: what its hit is made of.
struct PageMatch {
  Xapian::docid docid = 0;
  double weight = 0;
  Xapian::doccount rank = 0;  ///< 0-based, in the whole result list
};

/// Appends the matches of `matches` at indexes [first, end) (clamped to its size) to `page`.
void append_matches(std::vector<PageMatch>& page, const Xapian::MSet& matches, Xapian::doccount first,
                    Xapian::doccount end);

/// The values of `slot` of the documents `docids`, in their order. With `stream` (every shard local) in
/// docid order from one value stream: the values share the stream's chunks and its B-tree cursor, where
/// a lookup per document reads its blocks anew (a fifth of a top-100 search).
std::vector<std::string> slot_values(const Xapian::Database& database, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& docids, bool stream);

/// Makes the hits of one query's matches: stored fields, dates, and a snippet of the body unless
/// `snippets` is false. The fields come from the hit slot (schema::kHitSlot), read for the whole page
/// in docid order from one value stream when every shard is local (`local_shards`); the stored record
/// only for a snippet's body, or for a document without that slot. The snippet's passage is chosen over
/// the whole body from the document's position lists, so only that passage is analyzed.
class HitMaker {
 public:
  HitMaker(const Xapian::Database& database, const MatchKeys& keys, const analysis::Analyzer& analyzer, bool snippets,
           bool local_shards);

  /// The hits of `page`, in its order.
  std::vector<Hit> make(const std::vector<PageMatch>& page) const;

 private:
  Hit make_one(const PageMatch& match, std::string_view stored_fields) const;

  const Xapian::Database& database_;
  const MatchKeys& keys_;
  const analysis::Analyzer& analyzer_;
  bool snippets_;
  bool local_shards_;
  std::vector<LocatingTerm> locating_terms_;
};

/// The corrections of words the index holds in no form (below), each asked of the database once: the
/// spelling table's look-up costs milliseconds, and the same misspellings recur from query to query. The
/// owner clears it when the database changes, so an answer never depends on what was asked before.
class Corrections {
 public:
  /// The split into two held words or else the nearest word (spelling_suggestion()); "" when none.
  const std::string& of(const Xapian::Database& database, const std::string& word, bool spelling_table);

 private:
  static constexpr std::size_t kMaxWords = 20000;  ///< then all are forgotten: a bound, not an LRU
  /// A correction is the nearest word the index holds, which a few new documents seldom change: they
  /// are all forgotten once the number of documents has moved by more than this part since the first,
  /// rather than at every commit, which would make each commit cost the look-ups again.
  static constexpr Xapian::doccount kDriftDivisor = 100;
  std::unordered_map<std::string, std::string> known_;
  Xapian::doccount documents_ = 0;  ///< of the database when the first of `known_` was looked up
};

/// "Did you mean": the query with each searched word the index holds in no form replaced by its split
/// into two words the index holds (`مجلسخبرگان` → `مجلس خبرگان`) or else by the spelling table's nearest
/// word; the other words, operators and quotes stay as typed (words are edited in place). Nullopt when
/// nothing improves: a word found in any form is no typo, whatever else the query found. Without
/// `spelling_table` (remote shards, whose table Xapian cannot read) the nearest word comes from the
/// index's words instead (nearest_term()).
std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words, Corrections& corrections,
                                               bool spelling_table);

}  // namespace kavosh::search::detail
