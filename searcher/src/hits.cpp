// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "hits.h"

#include <nlohmann/json.hpp>

#include "kavosh/schema.h"
#include "kavosh/search/snippet.h"

namespace kavosh::search::detail {
namespace {

std::string string_field(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Hit make_hit(const Xapian::MSetIterator& match, const MatchKeys& keys, const analysis::Analyzer& analyzer) {
  const Xapian::Document document = match.get_document();
  // A record the indexer stored is JSON; anything else still gets a hit, with empty fields.
  const nlohmann::json record = nlohmann::json::parse(document.get_data(), nullptr, false);
  const bool object = record.is_object();
  Hit hit;
  hit.id = object ? string_field(record, "id") : std::string();
  hit.rank = match.get_rank() + 1;
  hit.score = match.get_weight();
  hit.title = object ? string_field(record, "title") : std::string();
  hit.date = document.get_value(schema::kDateSlot);
  hit.date_jalali = document.get_value(schema::kJalaliDateSlot);
  hit.source = document.get_value(schema::kSourceSlot);
  if (hit.source.empty() && object) hit.source = string_field(record, "source");
  hit.url = object ? string_field(record, "url") : std::string();
  const std::string body = object ? string_field(record, "body") : std::string();
  hit.snippet = make_snippet(body.empty() ? hit.title : body, keys, analyzer);
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
