// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "facets.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "kavosh/schema.h"
#include "stories.h"

namespace kavosh::search {

std::string_view facet_name(Facet facet) {
  switch (facet) {
    case Facet::kSource: return "source";
    case Facet::kCategory: return "category";
    case Facet::kProvince: return "province";
    case Facet::kTag: return "tag";
    case Facet::kYear: return "year";
    case Facet::kMonth: return "month";
  }
  return "?";
}

std::optional<Facet> facet_named(std::string_view name) {
  for (const Facet facet : kFacets) {
    if (facet_name(facet) == name) return facet;
  }
  return std::nullopt;
}

namespace detail {
namespace {

using Q = Xapian::Query;

std::size_t index_of(Facet facet) { return static_cast<std::size_t>(facet); }

Facet facet_of(FilterField field) {
  switch (field) {
    case FilterField::kSource: return Facet::kSource;
    case FilterField::kCategory: return Facet::kCategory;
    case FilterField::kProvince: return Facet::kProvince;
    case FilterField::kTag: return Facet::kTag;
  }
  return Facet::kSource;
}

std::string_view prefix_of(Facet facet) {
  switch (facet) {
    case Facet::kSource: return schema::kSourcePrefix;
    case Facet::kCategory: return schema::kCategoryPrefix;
    case Facet::kProvince: return schema::kProvincePrefix;
    case Facet::kTag: return schema::kTagPrefix;
    case Facet::kYear: return schema::kYearPrefix;
    case Facet::kMonth: return schema::kYearMonthPrefix;
  }
  return {};
}

/// The slot whose values a facet counts (year and month both read the Jalali date).
unsigned slot_of(Facet facet) {
  switch (facet) {
    case Facet::kSource: return schema::kSourceSlot;
    case Facet::kCategory: return schema::kCategorySlot;
    case Facet::kProvince: return schema::kProvinceSlot;
    case Facet::kTag: return schema::kTagsSlot;
    case Facet::kYear:
    case Facet::kMonth: return schema::kJalaliDateSlot;
  }
  return schema::kSourceSlot;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

/// `1402` → `1402`; `1402/12`, `۱۴۰۲-۱` → `140212`, `140201` (the `XY`/`XM` term suffixes); else nullopt.
std::optional<std::string> jalali_key(const analysis::PersianNormalizer& normalizer, std::string_view text,
                                      bool month) {
  const std::string value = normalizer.normalize(text);
  const std::string_view year = std::string_view(value).substr(0, 4);
  if (!all_digits(year)) return std::nullopt;
  if (!month) return value.size() == 4 ? std::optional<std::string>(value) : std::nullopt;
  if (value.size() < 6 || (value[4] != '/' && value[4] != '-')) return std::nullopt;
  const std::string_view number = std::string_view(value).substr(5);
  if (!all_digits(number) || number.size() > 2) return std::nullopt;
  const int m = std::stoi(std::string(number));
  if (m < 1 || m > 12) return std::nullopt;
  return std::string(year) + (m < 10 ? "0" : "") + std::to_string(m);
}

/// A slot's values and how many matches hold each.
using SlotCounts = std::vector<std::pair<std::string, Xapian::doccount>>;

/// Counts a slot's values over the matches, a Jalali date by its year and month only: what
/// Xapian::ValueCountMatchSpy does, with a hash table instead of an ordered map of every distinct value
/// (a day per date), a quarter of a counting pass's time at 100k documents (docs/search.md). It cannot
/// be sent to a remote shard, so remote shards count with ValueCountMatchSpy.
class LocalSlotCounter : public Xapian::MatchSpy {
 public:
  explicit LocalSlotCounter(unsigned slot)
      : slot_(slot), kept_bytes_(slot == schema::kJalaliDateSlot ? kYearMonthBytes : std::string::npos) {}

  void operator()(const Xapian::Document& document, double /*weight*/) override {
    std::string value = document.get_value(slot_);
    if (value.empty()) return;
    if (value.size() > kept_bytes_) value.resize(kept_bytes_);
    ++counts_[std::move(value)];
  }

  SlotCounts counts() const { return {counts_.begin(), counts_.end()}; }

 private:
  static constexpr std::size_t kYearMonthBytes = 7;  // `1402/12`
  unsigned slot_;
  std::size_t kept_bytes_;
  std::unordered_map<std::string, Xapian::doccount> counts_;
};

/// The counts a pass's spy for `slot` gathered, local or remote.
struct SlotSpy {
  std::unique_ptr<LocalSlotCounter> local;
  std::unique_ptr<Xapian::ValueCountMatchSpy> remote;

  SlotSpy(unsigned slot, bool local_shards) {
    if (local_shards) {
      local = std::make_unique<LocalSlotCounter>(slot);
    } else {
      remote = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    }
  }
  Xapian::MatchSpy* spy() const { return local ? static_cast<Xapian::MatchSpy*>(local.get()) : remote.get(); }
  SlotCounts counts() const {
    if (local) return local->counts();
    SlotCounts out;
    for (auto it = remote->values_begin(); it != remote->values_end(); ++it) out.emplace_back(*it, it.get_termfreq());
    return out;
  }
};

/// One value's count under its filter key, and the spelling written most often.
struct Tally {
  std::uint64_t count = 0;
  std::map<std::string, std::uint64_t> spellings;
};

/// The facet's display value(s) of one slot value: the value, each tag, the year or the year-month.
template <typename Add>
void each_value(Facet facet, const std::string& slot_value, const Add& add) {
  switch (facet) {
    case Facet::kTag:
      for (std::size_t begin = 0; begin <= slot_value.size();) {
        const std::size_t end = std::min(slot_value.find(schema::kTagSeparator, begin), slot_value.size());
        if (end > begin) add(slot_value.substr(begin, end - begin));
        begin = end + 1;
      }
      return;
    case Facet::kYear:
      if (slot_value.size() >= 4) add(slot_value.substr(0, 4));
      return;
    case Facet::kMonth:
      if (slot_value.size() >= 7) add(slot_value.substr(0, 7));
      return;
    default: add(slot_value);
  }
}

FacetCounts tally(Facet facet, const SlotCounts& counts, const analysis::PersianNormalizer& normalizer,
                  std::uint32_t limit) {
  std::map<std::string, Tally> tallies;
  const bool dated = facet == Facet::kYear || facet == Facet::kMonth;
  for (const auto& slot_count : counts) {
    const Xapian::doccount count = slot_count.second;  // a structured binding cannot be captured (C++20)
    each_value(facet, slot_count.first, [&](const std::string& value) {
      Tally& entry = tallies[dated ? value : schema::filter_key(normalizer, value)];
      entry.count += count;
      entry.spellings[value] += count;
    });
  }
  std::vector<FacetValue> values;
  for (const auto& [key, entry] : tallies) {
    if (key.empty()) continue;
    const auto written = std::ranges::max_element(entry.spellings, {}, [](const auto& s) { return s.second; });
    values.push_back({written->first, entry.count});
  }
  std::ranges::sort(values, [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
  return {facet, std::move(values)};
}

}  // namespace

FacetFilters::FacetFilters(const analysis::PersianNormalizer& normalizer, const SearchRequest& request,
                           ParsedQuery& parsed) {
  const auto add = [&](Facet facet, const std::string& key) {
    if (key.empty() || prefix_of(facet).size() + key.size() > schema::kMaxTermBytes) return;
    std::string term = std::string(prefix_of(facet)) + key;
    auto& terms = terms_[index_of(facet)];
    if (std::ranges::find(terms, term) == terms.end()) terms.push_back(std::move(term));
  };
  for (const Filter& filter : parsed.filters) add(facet_of(filter.field), schema::filter_key(normalizer, filter.value));
  parsed.filters.clear();
  for (const std::string& tag : request.tags) add(Facet::kTag, schema::filter_key(normalizer, tag));
  for (const auto& [values, facet] :
       {std::pair{&request.years, Facet::kYear}, std::pair{&request.months, Facet::kMonth}}) {
    for (const std::string& value : *values) {
      if (const auto key = jalali_key(normalizer, value, facet == Facet::kMonth)) {
        add(facet, *key);
      } else {
        parsed.warnings.push_back("unreadable " + std::string(facet_name(facet)) + " '" + value + "': ignored");
      }
    }
  }
}

bool FacetFilters::count_total(const SearchRequest& request) const {
  return std::ranges::any_of(request.facets, [&](Facet facet) { return !has(facet); });
}

Xapian::Query FacetFilters::except(std::optional<Facet> skip) const {
  std::vector<Q> fields;
  for (const Facet facet : kFacets) {
    const auto& terms = terms_[index_of(facet)];
    if (facet == skip || terms.empty()) continue;
    fields.emplace_back(Q::OP_OR, terms.begin(), terms.end());
  }
  return fields.empty() ? Q() : Q(Q::OP_AND, fields.begin(), fields.end());
}

Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter) {
  if (filter.empty()) return query;
  return Q(Q::OP_FILTER, query.empty() ? Q::MatchAll : query, filter);
}

std::vector<FacetCounts> count_facets(const Xapian::Database& database, const Xapian::Query& base,
                                      const FacetFilters& filters, const SearchRequest& request, bool collapse,
                                      bool local_shards, const analysis::PersianNormalizer& normalizer,
                                      std::optional<Xapian::doccount>& exact_total) {
  std::vector<FacetCounts> out;
  for (const Facet facet : request.facets) out.push_back({facet, {}});
  // Passes: nullopt = every filter (facets without a filter of their own), else one facet's drill-down.
  const auto pass_of = [&](Facet facet) { return filters.has(facet) ? std::optional(facet) : std::nullopt; };
  std::vector<std::optional<Facet>> passes;
  for (const Facet facet : request.facets) {
    if (std::ranges::find(passes, pass_of(facet)) == passes.end()) passes.push_back(pass_of(facet));
  }
  // The searcher counts only a query that matches something: an empty base is a query of filters only.
  const Q everything = base.empty() ? Q(Q::MatchAll) : base;
  for (const std::optional<Facet>& pass : passes) {
    const Q query = filtered(everything, filters.except(pass));
    Xapian::Enquire enquire(database);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    // The total of a collapsing search: its stories, counted by a spy on local shards (cheaper than
    // collapsing every match, which the spies see all the same), by Xapian's collapsing on remote ones.
    std::optional<StoryCounter> stories;
    if (collapse && !pass) {
      if (local_shards) {
        enquire.add_matchspy(&stories.emplace());
      } else {
        enquire.set_collapse_key(schema::kStorySlot);
      }
    }
    std::map<unsigned, SlotSpy> spies;  // one per slot of the pass
    for (const Facet facet : request.facets) {
      if (pass_of(facet) != pass || spies.contains(slot_of(facet))) continue;
      const auto added = spies.try_emplace(slot_of(facet), slot_of(facet), local_shards);
      enquire.add_matchspy(added.first->second.spy());
    }
    // check_at_least = every document: the spies see every match, not the first ones.
    const Xapian::MSet matches = enquire.get_mset(0, 0, database.get_doccount());
    if (!pass) exact_total = stories ? stories->stories() : matches.get_matches_lower_bound();
    for (std::size_t i = 0; i < request.facets.size(); ++i) {
      const Facet facet = request.facets[i];
      if (pass_of(facet) != pass) continue;
      out[i] = tally(facet, spies.at(slot_of(facet)).counts(), normalizer, request.facet_limit);
    }
  }
  return out;
}

}  // namespace detail
}  // namespace kavosh::search
