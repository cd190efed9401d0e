// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "hits.h"

#include <algorithm>

#include <simdjson.h>

#include "kavosh/analysis/jalali.h"
#include "kavosh/body_offsets.h"
#include "kavosh/hit_fields.h"
#include "kavosh/schema.h"
#include "kavosh/search/snippet.h"
#include "term_spelling.h"
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
      for (it.skip_to(body); it != end && found.size() < kMaxMatches; ++it)
        found.push_back({*it - body, locating.word});
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

/// Sets the hit's stored fields and its Jalali date.
void fill_fields(Hit& hit, schema::HitFields&& fields) {
  hit.id = std::move(fields.id);
  hit.title = std::move(fields.title);
  hit.url = std::move(fields.url);
  hit.source = std::move(fields.source);
  hit.date = std::move(fields.date);
  hit.date_jalali = jalali_of(hit.date);
}

}  // namespace

void append_matches(std::vector<PageMatch>& page, const Xapian::MSet& matches, Xapian::doccount first,
                    Xapian::doccount end) {
  for (Xapian::doccount index = first; index < end && index < matches.size(); ++index) {
    const Xapian::MSetIterator match = matches[index];
    page.push_back({*match, match.get_weight(), match.get_rank()});
  }
}

std::vector<std::string> slot_values(const Xapian::Database& database, Xapian::valueno slot,
                                     const std::vector<Xapian::docid>& docids, bool stream) {
  std::vector<std::string> values(docids.size());
  if (!stream) {
    for (std::size_t k = 0; k < docids.size(); ++k) {
      values[k] = database.get_document(docids[k], Xapian::DOC_ASSUME_VALID).get_value(slot);
    }
    return values;
  }
  std::vector<std::size_t> order(docids.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::ranges::sort(order, {}, [&](std::size_t k) { return docids[k]; });
  Xapian::ValueIterator it = database.valuestream_begin(slot);
  const Xapian::ValueIterator end = database.valuestream_end(slot);
  for (const std::size_t k : order) {
    if (it == end) break;
    if (it.get_docid() < docids[k]) it.skip_to(docids[k]);
    if (it != end && it.get_docid() == docids[k]) values[k] = *it;
  }
  return values;
}

HitMaker::HitMaker(const Xapian::Database& database, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                   bool snippets, bool local_shards)
    : database_(database),
      keys_(keys),
      analyzer_(analyzer),
      snippets_(snippets),
      local_shards_(local_shards),
      locating_terms_(snippets ? locating_terms(keys) : std::vector<LocatingTerm>()) {}

std::vector<Hit> HitMaker::make(const std::vector<PageMatch>& page) const {
  std::vector<Xapian::docid> docids;
  docids.reserve(page.size());
  for (const PageMatch& match : page) docids.push_back(match.docid);
  const std::vector<std::string> fields = slot_values(database_, schema::kHitSlot, docids, local_shards_);
  std::vector<std::string> stories = slot_values(database_, schema::kStorySlot, docids, local_shards_);
  std::vector<Hit> hits;
  hits.reserve(page.size());
  for (std::size_t k = 0; k < page.size(); ++k) {
    hits.push_back(make_one(page[k], fields[k]));
    hits.back().story = std::move(stories[k]);
  }
  return hits;
}

Hit HitMaker::make_one(const PageMatch& match, std::string_view stored_fields) const {
  Hit hit;
  hit.rank = match.rank + 1;
  hit.score = match.weight;
  std::optional<schema::HitFields> fields = schema::decode_hit_fields(stored_fields);
  if (fields && !snippets_) {
    fill_fields(hit, std::move(*fields));
    return hit;
  }
  const Xapian::Document document = database_.get_document(match.docid, Xapian::DOC_ASSUME_VALID);
  // A record the indexer stored is JSON; anything else still gets a hit, with empty fields.
  const StoredRecord record(document.get_data());
  if (!fields) {
    fields = schema::HitFields{record.field("id"), record.field("title"), record.field("url"),
                               record.is_object() ? record.field("source") : document.get_value(schema::kSourceSlot),
                               document.get_value(schema::kDateSlot)};
  }
  fill_fields(hit, std::move(*fields));
  if (snippets_) {
    const std::string_view body = record.view("body");
    std::optional<schema::BodyOffsets> offsets;
    if (!body.empty()) offsets = schema::decode_body_offsets(document.get_value(schema::kBodyOffsetsSlot));
    const auto located = best_body_passage(database_, match.docid, offsets, locating_terms_, kSnippetWords);
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

const std::string& Corrections::of(const Xapian::Database& database, const std::string& word, bool spelling_table) {
  const Xapian::doccount documents = database.get_doccount();
  const Xapian::doccount drift = documents > documents_ ? documents - documents_ : documents_ - documents;
  if (known_.empty() || drift > documents_ / kDriftDivisor) {
    known_.clear();
    documents_ = documents;
  }
  if (const auto known = known_.find(word); known != known_.end()) return known->second;
  std::string better = best_split(database, word);
  if (better.empty())
    better = spelling_table ? database.get_spelling_suggestion(word, 2) : nearest_term(database, word);
  if (known_.size() >= kMaxWords) known_.clear();
  return known_.emplace(word, std::move(better)).first->second;
}

std::optional<std::string> spelling_suggestion(const Xapian::Database& database, std::string_view query,
                                               const std::vector<QueryWordSpan>& words, Corrections& corrections,
                                               bool spelling_table) {
  std::string out;
  std::size_t at = 0;
  bool changed = false;
  for (const QueryWordSpan& word : words) {
    if (word.begin < at || word.end > query.size()) continue;  // overlapping spans of one compound
    std::string better;
    try {
      // Only a word the index holds in no form is misspelt: a rare real word stays as typed, and so
      // does one found through its stem (`کتاب` in `کتابها`).
      const auto held = [&](const std::string& term) { return database.term_exists(term); };
      if (held(word.text) || std::ranges::any_of(word.terms, held)) continue;
      better = corrections.of(database, word.text, spelling_table);
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
