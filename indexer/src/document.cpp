#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>

#include "hash.h"
#include "kavosh/body_offsets.h"
#include "kavosh/hit_fields.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/stories.h"
#include "kavosh/schema.h"

namespace kavosh::index {
namespace {

using analysis::Token;

void add_posting(Xapian::Document& document, std::string_view prefix, std::string_view word, Xapian::termpos position,
                 Xapian::termcount wdf) {
  if (word.empty() || prefix.size() + word.size() > schema::kMaxTermBytes) return;
  std::string term;
  term.reserve(prefix.size() + word.size());
  term.append(prefix).append(word);
  document.add_posting(term, position, wdf);
}

// The surface at the word's position, and the stem at the same position only when it differs from the
// surface (schema v2): a stem equal to its word is found through the surface term itself.
void add_word(Xapian::Document& document, std::string_view surface_prefix, std::string_view stem_prefix,
              const Token& token, Xapian::termcount wdf) {
  add_posting(document, surface_prefix, token.text, token.position, wdf);
  if (token.stem != token.text) add_posting(document, stem_prefix, token.stem, token.position, wdf);
}

Xapian::termpos add_words(Xapian::Document& document, const std::vector<Token>& tokens, Xapian::termcount wdf) {
  Xapian::termpos last = 0;
  for (const Token& token : tokens) {
    add_word(document, "", schema::kStemPrefix, token, wdf);
    last = std::max<Xapian::termpos>(last, token.position);
  }
  return last;
}

void add_title_words(Xapian::Document& document, const std::vector<Token>& tokens) {
  for (const Token& token : tokens) add_word(document, schema::kTitlePrefix, schema::kTitleStemPrefix, token, 1);
}

void add_filter(Xapian::Document& document, const analysis::PersianNormalizer& normalizer, std::string_view prefix,
                std::string_view value) {
  const std::string key = schema::filter_key(normalizer, value);
  if (key.empty() || prefix.size() + key.size() > schema::kMaxTermBytes) return;
  document.add_boolean_term(std::string(prefix) + key);
}

/// The tags as written, one per filter key (the first spelling), joined by kTagSeparator, which a
/// tag's text loses; empty when no tag has a key.
std::string joined_tags(const analysis::PersianNormalizer& normalizer, const std::vector<std::string>& tags) {
  std::vector<std::string> keys;
  std::string joined;
  for (const std::string& tag : tags) {
    std::string key = schema::filter_key(normalizer, tag);
    if (key.empty() || std::ranges::find(keys, key) != keys.end()) continue;
    keys.push_back(std::move(key));
    if (!joined.empty()) joined += schema::kTagSeparator;
    std::ranges::copy_if(tag, std::back_inserter(joined), [](char c) { return c != schema::kTagSeparator; });
  }
  return joined;
}

// The body's near-duplicate signature and its band terms; the writer, which sees the database, picks
// the story (kavosh/index/stories.h).
void add_signature(Xapian::Document& document, const std::vector<Token>& body) {
  const Signature body_signature = signature(body);
  if (body_signature.empty()) return;
  for (const std::string& term : band_terms(body_signature)) document.add_boolean_term(term);
  document.add_value(schema::kSignatureSlot, encode_signature(body_signature));
}

void add_date(Xapian::Document& document, const analysis::DateInfo& date) {
  const analysis::CivilDate& jalali = date.jalali;
  char year_month[16];
  std::snprintf(year_month, sizeof year_month, "%04d%02d", jalali.year, jalali.month);
  document.add_boolean_term(std::string(schema::kYearPrefix) + std::to_string(jalali.year));
  document.add_boolean_term(std::string(schema::kYearMonthPrefix) + year_month);
  document.add_value(schema::kDateSlot, analysis::format_iso(date.gregorian));
  document.add_value(schema::kJalaliDateSlot, analysis::format_jalali(jalali, false));
}

// The stored data: the JSON as received, keys sorted (nlohmann's objects are ordered maps), no spaces.
std::string stored_data(const Record& record) {
  return record.raw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string hash_hex(std::string_view data) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a_64(data)));
  return hex;
}

}  // namespace

std::string content_hash(const Record& record) { return hash_hex(stored_data(record)); }

Xapian::Document make_document(const Record& record, const analysis::Analyzer& analyzer) {
  Xapian::Document document;
  const auto title = analyzer.analyze(record.title, 1);
  const Xapian::termpos title_end = add_words(document, title, schema::kTitleWdf);
  add_title_words(document, title);
  const auto body = analyzer.analyze(record.body, title_end + schema::kFieldPositionGap);
  add_words(document, body, 1);
  add_signature(document, body);
  if (!body.empty()) {
    document.add_value(schema::kBodyOffsetsSlot, schema::encode_body_offsets(schema::body_offsets(body)));
  }

  const auto& normalizer = analyzer.normalizer();
  add_filter(document, normalizer, schema::kSourcePrefix, record.source);
  add_filter(document, normalizer, schema::kCategoryPrefix, record.category);
  add_filter(document, normalizer, schema::kProvincePrefix, record.province);
  for (const std::string& tag : record.tags) add_filter(document, normalizer, schema::kTagPrefix, tag);
  if (record.parsed_date) add_date(document, *record.parsed_date);
  if (!record.source.empty()) document.add_value(schema::kSourceSlot, record.source);
  if (!record.category.empty()) document.add_value(schema::kCategorySlot, record.category);
  if (!record.province.empty()) document.add_value(schema::kProvinceSlot, record.province);
  if (std::string tags = joined_tags(normalizer, record.tags); !tags.empty()) {
    document.add_value(schema::kTagsSlot, tags);
  }

  document.add_boolean_term(std::string(schema::kIdPrefix) + record.id);
  document.add_value(schema::kIdSlot, record.id);
  const std::string date = record.parsed_date ? analysis::format_iso(record.parsed_date->gregorian) : std::string();
  document.add_value(schema::kHitSlot,
                     schema::encode_hit_fields({record.id, record.title, record.url, record.source, date}));
  std::string data = stored_data(record);
  document.add_value(schema::kContentHashSlot, hash_hex(data));
  document.set_data(data);
  return document;
}

}  // namespace kavosh::index
