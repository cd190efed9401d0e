// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "hits.h"

#include <algorithm>

#include <simdjson.h>

#include "kavosh/analysis/jalali.h"
#include "kavosh/body_offsets.h"
#include "kavosh/schema.h"
#include "kavosh/search/snippet.h"
#include "word_query.h"

namespace kavosh::search::detail {
namespace {

constexpr std::size_t kSnippetWords = 32;

/// The top-level string fields of a stored record. Parsed with simdjson: a hit parses a whole article,
/// and nlohmann's lexer took over a third of a hit's instructions. Valid until the thread parses the
/// next record (the parser's buffers are reused).
class StoredRecord {
 public:
  explicit StoredRecord(const std::string& data) {
    thread_local simdjson::dom::parser parser;
    is_object_ = parser.parse(data).get_object().get(object_) == simdjson::SUCCESS;
  }

  bool is_object() const { return is_object_; }

  /// The field's string, or "" when it is missing or not a string; a view into the parser's buffers
  /// (valid as long as the record), so a snippet reads the body without copying it.
  std::string_view view(std::string_view name) const {
    std::string_view value;
    if (!is_object_ || object_.at_key(name).get_string().get(value) != simdjson::SUCCESS) return {};
    return value;
  }
  std::string field(std::string_view name) const { return std::string(view(name)); }

 private:
  simdjson::dom::object object_;
  bool is_object_ = false;
};

/// The start of the body's best passage by the index alone (best_passage() over the body positions of
/// `terms`), counted from the body's first token, or LocatedMatch::kNone when the body has no match; from
/// the document's position lists and its body offsets (schema v3). nullopt when unknown (no terms, a
/// document without offsets, a backend without positions).
std::optional<LocatedMatch> best_body_passage(const Xapian::Database& database, Xapian::docid docid,
                                              const std::optional<schema::BodyOffsets>& offsets,
                                              const std::vector<LocatingTerm>& terms, std::size_t max_words) {
  if (terms.empty() || !offsets || offsets->starts.empty()) return std::nullopt;
  constexpr std::size_t kMaxMatches = 2000;  // bounds the work on a huge body
  const Xapian::termpos body = offsets->first_position;
  std::vector<PositionedMatch> found;
  try {
    for (const LocatingTerm& locating : terms) {
      const Xapian::PositionIterator end = database.positionlist_end(docid, locating.term);
      Xapian::PositionIterator it = database.positionlist_begin(docid, locating.term);
      for (it.skip_to(body); it != end && found.size() < kMaxMatches; ++it) found.push_back({*it - body, locating.word});
    }
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
  if (found.empty()) return LocatedMatch{LocatedMatch::kNone, offsets->stride, offsets->starts};
  std::ranges::sort(found, {}, &PositionedMatch::position);
  return LocatedMatch{found[best_passage(found, max_words)].position, offsets->stride, offsets->starts};
}

/// The terms whose position lists locate the matches, each with its word: a stem term `Z s` and the
/// surface `s` are one word. None for a prefix query (a prefix's matches have no term to look up).
std::vector<LocatingTerm> locating_terms(const MatchKeys& keys) {
  if (!keys.prefixes.empty()) return {};
  WordNumbers words;
  std::vector<LocatingTerm> terms;
  for (const std::string& term : keys.position_terms) {
    const std::string_view word = std::string_view(term).starts_with(schema::kStemPrefix)
                                      ? std::string_view(term).substr(schema::kStemPrefix.size())
                                      : std::string_view(term);
    terms.push_back({term, words.of(word)});
  }
  return terms;
}

/// `1402/12/11` for an ISO date (what kavosh-index stores in kJalaliDateSlot, computed rather than read).
std::string jalali_of(const std::string& iso) {
  const auto date = iso.empty() ? std::nullopt : analysis::parse_date(iso);
  return date ? analysis::format_jalali(date->jalali, false) : std::string();
}

}  // namespace

HitMaker::HitMaker(const Xapian::Database& database, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                   bool snippets)
    : database_(database), keys_(keys), analyzer_(analyzer), snippets_(snippets),
      locating_terms_(snippets ? locating_terms(keys) : std::vector<LocatingTerm>()) {}

Hit HitMaker::make(const Xapian::MSetIterator& match, Xapian::doccount rank) const {
  const Xapian::Document document = match.get_document();
  // A record the indexer stored is JSON; anything else still gets a hit, with empty fields.
  const StoredRecord record(document.get_data());
  const bool object = record.is_object();
  Hit hit;
  hit.id = record.field("id");
  hit.rank = rank + 1;
  hit.score = match.get_weight();
  hit.title = record.field("title");
  // Searcher sorts every match by the date slot (after or before relevance), so the match carries the
  // date as its sort key: no value lookup.
  hit.date = match.get_sort_key();
  hit.date_jalali = jalali_of(hit.date);
  hit.source = object ? record.field("source") : document.get_value(schema::kSourceSlot);
  hit.url = record.field("url");
  hit.story = document.get_value(schema::kStorySlot);
  if (snippets_) {
    const std::string_view body = record.view("body");
    std::optional<schema::BodyOffsets> offsets;
    if (!body.empty()) offsets = schema::decode_body_offsets(document.get_value(schema::kBodyOffsetsSlot));
    const auto located = best_body_passage(database_, *match, offsets, locating_terms_, kSnippetWords);
    hit.snippet = make_snippet(body.empty() ? hit.title : body, keys_, analyzer_, kSnippetWords, located);
  }
  return hit;
}

namespace {

/// The split of `word` into two words to look for apart whose rarer half is the commonest, as "left right".
std::string best_split(const Xapian::Database& database, const std::string& word) {
  std::string best;
  Xapian::doccount best_frequency = 0;
  for (const WordSplit& split : two_word_splits(database, word)) {
    const Xapian::doccount frequency = std::min(database.get_termfreq(split.left), database.get_termfreq(split.right));
    if (split.as_words && frequency > best_frequency) {
      best = split.left + " " + split.right;
      best_frequency = frequency;
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words, bool splits_only) {
  std::string out;
  std::size_t at = 0;
  bool changed = false;
  for (const QueryWordSpan& word : words) {
    if (word.begin < at || word.end > query.size()) continue;  // overlapping spans of one compound
    std::string better;
    try {
      // Only a word the index does not hold is misspelt: a rare real word stays as typed.
      if (database.term_exists(word.text)) continue;
      better = best_split(database, word.text);
      if (better.empty() && !splits_only) better = database.get_spelling_suggestion(word.text, 2);
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
