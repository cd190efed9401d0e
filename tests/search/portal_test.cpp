// Kavosh: Persian full-text search. GPL-2.0-or-later.
// What a news portal's search page needs from the library: honest counts, facets with drill-down,
// related articles.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kavosh/searcher.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

using testing::ids;

/// 3,000 documents: `پایه` in all of them, `نادر` in every tenth, `کمیاب` in every 600th, so a query of
/// a rare and a common word has many matches the matcher may skip when it is not asked to count.
std::vector<std::string> counting_records() {
  std::vector<std::string> records;
  for (int i = 0; i < 3000; ++i) {
    std::string body = "پایه";
    for (int k = 0; k < i % 7; ++k) body += " پایه";
    if (i % 10 == 0) body += " نادر نادر";
    if (i % 600 == 0) body += " کمیاب";
    body += " متن شماره " + std::to_string(i);
    records.push_back(R"({"id":"c)" + std::to_string(i) + R"(","title":"سند","body":")" + body + R"("})");
  }
  return records;
}

class Counts : public testing::Indexed<counting_records> {
 protected:
  static SearchResults search(const std::string& query, std::uint32_t limit, std::uint32_t exact_up_to) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.snippets = false;
    request.exact_count_up_to = exact_up_to;
    return searcher_->search(request);
  }
};

TEST_F(Counts, ExactUnderTheBound) {
  for (const std::uint32_t limit : {0u, 1u, 10u}) {
    const SearchResults rare = search("نادر", limit, kExactCountUpTo);
    EXPECT_EQ(rare.total, 300u) << limit;
    EXPECT_FALSE(rare.total_is_estimate);
    EXPECT_EQ(rare.total_lower, 300u);
    EXPECT_EQ(rare.total_upper, 300u);
    const SearchResults two = search("نادر کمیاب", limit, kExactCountUpTo);
    EXPECT_EQ(two.total, 300u) << limit;  // کمیاب's documents all hold نادر
    EXPECT_FALSE(two.total_is_estimate);
  }
}

TEST_F(Counts, EstimateAboveTheBoundSaysSoWithBounds) {
  // Without exact counting the matcher stops once the page is sure: Xapian estimates 600 for 300.
  const SearchResults loose = search("کمیاب نادر", 1, 0);
  EXPECT_TRUE(loose.total_is_estimate);
  EXPECT_LE(loose.total_lower, 300u);
  EXPECT_GE(loose.total_upper, 300u);
  EXPECT_LT(loose.total_lower, loose.total_upper);
  EXPECT_GE(loose.total, loose.total_lower);
  EXPECT_LE(loose.total, loose.total_upper);
  // Asked to count up to the number of matches, it is exact.
  const SearchResults exact = search("کمیاب نادر", 1, kExactCountUpTo);
  EXPECT_FALSE(exact.total_is_estimate);
  EXPECT_EQ(exact.total, 300u);
  EXPECT_EQ(ids(exact), ids(loose));
}

TEST_F(Counts, NoMatchIsExactZero) {
  const SearchResults none = search("ناموجودترین", 10, kExactCountUpTo);
  EXPECT_EQ(none.total, 0u);
  EXPECT_FALSE(none.total_is_estimate);
}

/// The bundled corpus (170 articles with source, category, province, tags, dates), read once.
const std::vector<nlohmann::json>& corpus() {
  static const std::vector<nlohmann::json> records = [] {
    std::vector<nlohmann::json> out;
    std::ifstream in("corpus/articles.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }();
  return records;
}

/// A facet's counts as a map, value → count.
std::map<std::string, std::uint64_t> counts_of(const SearchResults& results, Facet facet) {
  std::map<std::string, std::uint64_t> out;
  for (const FacetCounts& counts : results.facets) {
    if (counts.facet != facet) continue;
    for (const FacetValue& value : counts.values) out[value.value] = value.count;
  }
  return out;
}

/// Counts of `field` (a string, or each string of an array) over the corpus records that pass `keep`.
template <typename Keep>
std::map<std::string, std::uint64_t> corpus_counts(const std::string& field, const Keep& keep) {
  std::map<std::string, std::uint64_t> out;
  for (const nlohmann::json& record : corpus()) {
    if (!keep(record)) continue;
    if (record[field].is_array()) {
      for (const auto& value : record[field]) ++out[value.get<std::string>()];
    } else if (!record[field].get<std::string>().empty()) {
      ++out[record[field].get<std::string>()];
    }
  }
  return out;
}

std::vector<std::string> corpus_lines() {
  std::vector<std::string> lines;
  for (const nlohmann::json& record : corpus()) lines.push_back(record.dump());
  return lines;
}

class Facets : public testing::Indexed<corpus_lines> {
 protected:
  static SearchRequest request(const std::string& query, std::vector<Facet> facets) {
    SearchRequest out;
    out.query = query;
    out.limit = 1;
    out.snippets = false;
    out.facets = std::move(facets);
    out.facet_limit = 100;
    out.collapse = false;  // facets count documents; the tests tally them over pages of documents
    return out;
  }
};

TEST_F(Facets, CountTheWholeResultSetNotThePage) {
  const SearchResults results = searcher_->search(request("منبع:ایسنا", {Facet::kCategory, Facet::kProvince}));
  const auto isna = [](const nlohmann::json& r) { return r["source"] == "ایسنا"; };
  EXPECT_EQ(results.total, 22u);
  EXPECT_FALSE(results.total_is_estimate);
  ASSERT_EQ(results.hits.size(), 1u);
  ASSERT_EQ(results.facets.size(), 2u);
  EXPECT_EQ(results.facets[0].facet, Facet::kCategory);  // in the request's order
  EXPECT_EQ(counts_of(results, Facet::kCategory), corpus_counts("category", isna));
  EXPECT_EQ(counts_of(results, Facet::kProvince), corpus_counts("province", isna));
}

TEST_F(Facets, MostFrequentFirstWithALimit) {
  SearchRequest ask = request("انتخابات", {Facet::kSource});
  ask.facet_limit = 3;
  const SearchResults results = searcher_->search(ask);
  ASSERT_EQ(results.facets.size(), 1u);
  const std::vector<FacetValue>& values = results.facets[0].values;
  ASSERT_EQ(values.size(), 3u);
  EXPECT_GE(values[0].count, values[1].count);
  EXPECT_GE(values[1].count, values[2].count);
  // The counts are those of every match: the same as tallying a page that holds them all.
  SearchRequest all = request("انتخابات", {});
  all.limit = 1000;
  std::map<std::string, std::uint64_t> tally;
  for (const Hit& hit : searcher_->search(all).hits) ++tally[hit.source];
  for (const FacetValue& value : values) EXPECT_EQ(value.count, tally[value.value]) << value.value;
  EXPECT_GT(results.total, 100u);
}

TEST_F(Facets, DrillDownKeepsTheOtherValuesOfTheFilteredFacet) {
  const SearchResults plain = searcher_->search(request("", {}));
  EXPECT_EQ(plain.total, 0u);  // nothing asked, nothing counted
  SearchRequest ask = request("", {Facet::kSource, Facet::kCategory, Facet::kTag});
  ask.sources = {"ایسنا"};
  ask.categories = {"خبرگان"};
  const SearchResults results = searcher_->search(ask);
  const auto is = [](const char* field, const char* value) {
    return [=](const nlohmann::json& r) { return r[field] == value; };
  };
  // source: every source's count among the خبرگان articles; category: every category among ISNA's.
  EXPECT_EQ(counts_of(results, Facet::kSource), corpus_counts("source", is("category", "خبرگان")));
  EXPECT_EQ(counts_of(results, Facet::kCategory), corpus_counts("category", is("source", "ایسنا")));
  const auto both = [](const nlohmann::json& r) { return r["source"] == "ایسنا" && r["category"] == "خبرگان"; };
  EXPECT_EQ(counts_of(results, Facet::kTag), corpus_counts("tags", both));
  EXPECT_EQ(results.total, corpus_counts("source", both)["ایسنا"]);
}

TEST_F(Facets, FilterByEveryFacetValue) {
  const SearchResults all = searcher_->search(request(
      "انتخابات", {Facet::kSource, Facet::kCategory, Facet::kProvince, Facet::kTag, Facet::kYear, Facet::kMonth}));
  ASSERT_EQ(all.facets.size(), 6u);
  for (const FacetCounts& counts : all.facets) {
    ASSERT_FALSE(counts.values.empty()) << facet_name(counts.facet);
    for (const FacetValue& value : counts.values) {
      SearchRequest narrowed = request("انتخابات", {});
      std::vector<std::string>* list[] = {&narrowed.sources, &narrowed.categories, &narrowed.provinces,
                                          &narrowed.tags,    &narrowed.years,      &narrowed.months};
      list[static_cast<int>(counts.facet)]->push_back(value.value);
      const SearchResults filtered = searcher_->search(narrowed);
      EXPECT_EQ(filtered.total, value.count) << facet_name(counts.facet) << '=' << value.value;
      EXPECT_TRUE(filtered.warnings.empty()) << filtered.warnings.front();
    }
  }
}

TEST_F(Facets, TagFieldInTheQueryLanguage) {
  std::vector<std::string> expected;
  for (const nlohmann::json& record : corpus()) {
    for (const auto& tag : record["tags"]) {
      if (tag == "دور دوم") expected.push_back(record["id"]);
    }
  }
  ASSERT_EQ(expected.size(), 19u);
  SearchRequest ask = request("برچسب:«دور دوم»", {Facet::kTag});
  ask.limit = 100;
  const SearchResults results = searcher_->search(ask);
  EXPECT_THAT(ids(results), ::testing::UnorderedElementsAreArray(expected));
  EXPECT_EQ(counts_of(results, Facet::kTag)["دور دوم"], 19u);
  EXPECT_EQ(ids(searcher_->search(request("tag:\"دور دوم\"", {}))).size(), 1u);  // limit 1, but it filters
  EXPECT_EQ(searcher_->search(request("tag:\"دور دوم\"", {})).total, 19u);
}

TEST_F(Facets, YearAndMonthAreJalali) {
  SearchRequest ask = request("", {Facet::kYear, Facet::kMonth});
  ask.years = {"۱۴۰۲"};
  ask.limit = 200;
  const SearchResults results = searcher_->search(ask);
  std::map<std::string, std::uint64_t> months;
  for (const Hit& hit : results.hits) {
    EXPECT_EQ(hit.date_jalali.substr(0, 4), "1402");
    ++months[hit.date_jalali.substr(0, 7)];
  }
  EXPECT_EQ(counts_of(results, Facet::kMonth), months);
  EXPECT_GT(counts_of(results, Facet::kYear).size(), 1u);  // drill-down: the other years too
  EXPECT_EQ(counts_of(results, Facet::kYear)["1402"], results.total);
  SearchRequest month = request("", {});
  month.months = {"1402/12"};
  EXPECT_EQ(searcher_->search(month).total, months["1402/12"]);
}

TEST_F(Facets, UnreadableYearOrMonthIsAWarning) {
  SearchRequest ask = request("انتخابات", {});
  ask.years = {"پارسال"};
  ask.months = {"1402/13"};
  const SearchResults results = searcher_->search(ask);
  EXPECT_THAT(results.warnings,
              ::testing::ElementsAre("unreadable year 'پارسال': ignored", "unreadable month '1402/13': ignored"));
  EXPECT_GT(results.total, 0u);
}

/// Three topics of three articles each, and words every article shares (`گزارش`, `امروز`, `خبرنگار`),
/// which a related-articles query must not lean on.
std::vector<std::string> topic_records() {
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"foot-1",
       "تیم استقلال در لیگ برتر فوتبال مقابل پرسپولیس به پیروزی رسید و دروازه‌بان درخشید"},
      {"foot-2", "سرمربی پرسپولیس پس از شکست در لیگ برتر فوتبال از داوری انتقاد کرد"},
      {"foot-3", "هواداران استقلال و پرسپولیس ورزشگاه آزادی را برای دربی فوتبال پر کردند"},
      {"quake-1", "زلزله شش ریشتری استان کرمان را لرزاند و امدادگران هلال احمر اعزام شدند"},
      {"quake-2", "امدادگران هلال احمر آوار زلزله کرمان را برای یافتن مصدومان جستجو کردند"},
      {"quake-3",
       "پس‌لرزه‌های زلزله کرمان ادامه دارد و چادرهای هلال احمر برپا شد"},
      {"vote-1",
       "صندوق‌های رای انتخابات مجلس در حوزه انتخابیه تهران بسته شد و شمارش آرا آغاز شد"},
      {"vote-2", "ستاد انتخابات نتایج شمارش آرای حوزه انتخابیه تهران را اعلام کرد"},
      {"vote-3", "مشارکت در انتخابات مجلس در حوزه انتخابیه تهران از دوره قبل بیشتر بود"},
  };
  std::vector<std::string> out;
  for (const auto& [id, body] : articles) {
    out.push_back(R"({"id":")" + id + R"(","title":"گزارش امروز","body":"به گزارش خبرنگار امروز )" + body + R"("})");
  }
  return out;
}

class Related : public testing::Indexed<topic_records> {
 protected:
  static std::vector<std::string> related_ids(const std::string& id, std::uint32_t limit) {
    const auto related = searcher_->related(id, limit);
    if (!related) return {"(none)"};
    std::vector<std::string> out;
    for (const Hit& hit : related->hits) out.push_back(hit.id);
    return out;
  }
};

TEST_F(Related, SameTopicFirstNeverItself) {
  for (const std::string topic : {"foot", "quake", "vote"}) {
    for (int k = 1; k <= 3; ++k) {
      const std::string id = topic + "-" + std::to_string(k);
      std::vector<std::string> expected;
      for (int other = 1; other <= 3; ++other) {
        if (other != k) expected.push_back(topic + "-" + std::to_string(other));
      }
      EXPECT_THAT(related_ids(id, 2), ::testing::UnorderedElementsAreArray(expected)) << id;
      EXPECT_THAT(related_ids(id, 100), ::testing::Not(::testing::Contains(id)));
    }
  }
}

TEST_F(Related, CharacteristicWordsOnly) {
  const auto related = searcher_->related("quake-2", 5);
  ASSERT_TRUE(related);
  EXPECT_EQ(related->id, "quake-2");
  EXPECT_THAT(related->terms, ::testing::IsSupersetOf({"زلزله", "کرمان", "امدادگران"}));
  for (const std::string& term : related->terms) {
    EXPECT_NE(term, "گزارش");                                // in every article
    EXPECT_NE(term, "را");                                   // a stopword
    EXPECT_FALSE(term[0] >= 'A' && term[0] <= 'Z') << term;  // a prefixed term
  }
  // Only articles sharing a characteristic word come back: the other topics share none.
  EXPECT_THAT(related_ids("quake-2", 100), ::testing::UnorderedElementsAre("quake-1", "quake-3"));
}

TEST_F(Related, UnknownIdIsNullopt) {
  EXPECT_FALSE(searcher_->related("no-such-id", 5));
  EXPECT_TRUE(searcher_->related("vote-1", 0)->hits.empty());
}

TEST(FacetNames, RoundTrip) {
  for (const Facet facet : kFacets) EXPECT_EQ(facet_named(facet_name(facet)), facet);
  EXPECT_EQ(facet_named("tags"), std::nullopt);
}

}  // namespace
}  // namespace kavosh::search
