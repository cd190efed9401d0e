// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "hits.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "kavosh/schema.h"
#include "kavosh/search/snippet.h"

namespace kavosh::search::detail {
namespace {

std::string string_field(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The first position of a match in the body, counted from the body's first token, read from the
/// document's position lists of keys.position_terms; nullopt when unknown (a prefix query, a backend
/// without positions).
std::optional<std::uint32_t> first_body_match(const Xapian::Database& database, Xapian::docid docid,
                                              const std::string& title, const MatchKeys& keys,
                                              const analysis::Analyzer& analyzer) {
  if (!keys.prefixes.empty()) return std::nullopt;
  // kavosh-index numbers the title from 1 and starts the body kFieldPositionGap after its last token.
  Xapian::termpos body = schema::kFieldPositionGap;
  for (const analysis::Token& token : analyzer.analyze(title, 1)) {
    body = std::max<Xapian::termpos>(body, token.position + schema::kFieldPositionGap);
  }
  std::optional<Xapian::termpos> first;
  const auto look = [&](const std::string& term) {
    Xapian::PositionIterator it = database.positionlist_begin(docid, term);
    it.skip_to(body);
    if (it != database.positionlist_end(docid, term) && (!first || *it < *first)) first = *it;
  };
  try {
    for (const std::string& term : keys.position_terms) look(term);
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
  if (!first) return std::nullopt;
  return *first - body;
}

}  // namespace

Hit make_hit(const Xapian::Database& database, const Xapian::MSetIterator& match, Xapian::doccount rank,
             const MatchKeys& keys, const analysis::Analyzer& analyzer, bool snippet) {
  const Xapian::Document document = match.get_document();
  // A record the indexer stored is JSON; anything else still gets a hit, with empty fields.
  const nlohmann::json record = nlohmann::json::parse(document.get_data(), nullptr, false);
  const bool object = record.is_object();
  Hit hit;
  hit.id = object ? string_field(record, "id") : std::string();
  hit.rank = rank + 1;
  hit.score = match.get_weight();
  hit.title = object ? string_field(record, "title") : std::string();
  // Searcher sorts every match by the date slot (after or before relevance), so the match carries the
  // date as its sort key: no value lookup.
  hit.date = match.get_sort_key();
  hit.date_jalali = document.get_value(schema::kJalaliDateSlot);
  hit.source = object ? string_field(record, "source") : document.get_value(schema::kSourceSlot);
  hit.url = object ? string_field(record, "url") : std::string();
  if (snippet) {
    const std::string body = object ? string_field(record, "body") : std::string();
    const auto match_word =
        body.empty() ? std::nullopt : first_body_match(database, *match, hit.title, keys, analyzer);
    hit.snippet = make_snippet(body.empty() ? hit.title : body, keys, analyzer, 32, match_word);
  }
  return hit;
}

std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words) {
  std::string out;
  std::size_t at = 0;
  bool changed = false;
  for (const QueryWordSpan& word : words) {
    if (word.begin < at || word.end > query.size()) continue;  // overlapping spans of one compound
    std::string better;
    try {
      // Only a word the index does not hold is misspelt: a rare real word stays as typed.
      if (database.term_exists(word.text)) continue;
      better = database.get_spelling_suggestion(word.text, 2);
    } catch (const Xapian::UnimplementedError&) {
      return std::nullopt;  // e.g. remote shards: no spelling table to ask
    }
    if (better.empty() || better == word.text) continue;
    out.append(query.substr(at, word.begin - at)).append(better);
    at = word.end;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(query.substr(at));
  return out;
}

}  // namespace kavosh::search::detail
