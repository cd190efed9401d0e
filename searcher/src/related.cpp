// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "related.h"

#include <algorithm>

#include "hits.h"
#include "kavosh/analysis/stopwords.h"
#include "kavosh/schema.h"
#include "stories.h"

namespace kavosh::search::detail {
namespace {

/// Words of the article searched for its related articles: enough to tell a topic, few enough to stay fast.
constexpr Xapian::termcount kRelatedTerms = 20;
/// A word in more than this share of the documents (and more than kCommonFloor of them) says little
/// about a topic: `گزارش`, `امروز`.
constexpr double kCommonShare = 0.2;
constexpr Xapian::doccount kCommonFloor = 5;

/// Keeps the plain words of the article (Kavosh's prefixes are upper-case ASCII) that are neither
/// stopwords, numbers, nor too common.
class CharacteristicWords : public Xapian::ExpandDecider {
 public:
  explicit CharacteristicWords(const Xapian::Database& database)
      : database_(database),
        most_(std::max(kCommonFloor, static_cast<Xapian::doccount>(kCommonShare * database.get_doccount()))) {}

  bool operator()(const std::string& term) const override {
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;
    if (std::ranges::all_of(term, [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; })) return false;
    if (analysis::Stopwords::contains(term)) return false;
    return database_.get_termfreq(term) <= most_;
  }

 private:
  const Xapian::Database& database_;
  Xapian::doccount most_;
};

}  // namespace

std::optional<RelatedResults> related(const Xapian::Database& database, const analysis::Analyzer& analyzer,
                                      bool local_shards, std::string_view id, std::uint32_t limit) {
  using Q = Xapian::Query;
  std::string id_term(schema::kIdPrefix);
  id_term.append(id);
  const Xapian::PostingIterator it = database.postlist_begin(id_term);
  if (it == database.postlist_end(id_term)) return std::nullopt;
  RelatedResults out{std::string(id), {}, {}};
  Xapian::RSet relevant;
  relevant.add_document(*it);
  Xapian::Enquire enquire(database);
  const CharacteristicWords decider(database);
  const Xapian::ESet words = enquire.get_eset(kRelatedTerms, relevant, 0, &decider);
  if (words.empty() || limit == 0) return out;
  std::vector<Q> weighted;
  for (auto word = words.begin(); word != words.end(); ++word) {
    out.terms.push_back(*word);
    weighted.emplace_back(Q::OP_SCALE_WEIGHT, Q(*word), word.get_weight());
  }
  // Neither the article nor its copies: they are the same story, not a related one.
  const std::string story = database.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(schema::kStorySlot);
  const Q itself = story.empty() ? Q(id_term) : Q(Q::OP_OR, Q(id_term), Q(std::string(schema::kStoryPrefix) + story));
  enquire.set_query(Q(Q::OP_AND_NOT, Q(Q::OP_OR, weighted.begin(), weighted.end()), itself));
  enquire.set_sort_by_relevance_then_value(schema::kDateSlot, true);
  enquire.set_collapse_key(schema::kStorySlot);
  std::vector<PageMatch> page;
  append_matches(page, enquire.get_mset(0, limit), 0, limit);
  const MatchKeys no_keys;
  out.hits = HitMaker(database, no_keys, analyzer, false, local_shards).make(page);
  add_copies(database, analyzer.normalizer(), local_shards, out.hits);
  return out;
}

}  // namespace kavosh::search::detail
