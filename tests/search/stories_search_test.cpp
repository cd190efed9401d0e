// Kavosh: Persian full-text search. GPL-2.0-or-later.
// One result per story: near-copies collapsed under their best-ranked copy, with the number and sources
// of the others; `collapse` off, `story:ID`, related articles without the article's own copies, and the
// text and JSON of kavosh-search.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../common/story_texts.h"
#include "kavosh/search/cli.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

namespace texts = kavosh::testing::story_texts;
using testing::ids;
using ::testing::UnorderedElementsAre;

std::string record(const std::string& id, const std::string& source, const std::string& title,
                   const std::string& body) {
  return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"source", source}, {"date", "1402/07/14"}}
      .dump();
}

/// o1 and its copies c1 (another agency's edit) and n1 (Arabic letters and digits); t1, another story of
/// the same election; f1, a football report.
std::vector<std::string> story_records() {
  return {record("o1", "ایرنا", "آغاز ثبت‌نام داوطلبان انتخابات خبرگان",
                 texts::kOriginal),
          record("c1", "مهر", "ثبت‌نام داوطلبان خبرگان آغاز شد", texts::kCopy),
          record("n1", "فارس", "آغاز ثبت‌نام داوطلبان انتخابات خبرگان",
                 texts::kNoisyOriginal),
          record("t1", "ایسنا", "اعلام نتایج بررسی صلاحیت داوطلبان خبرگان", texts::kSameTopic),
          record("f1", "ورزش سه", "پیروزی تیم ملی فوتبال برابر اردن", texts::kOtherField)};
}

class Stories : public testing::Indexed<story_records> {
 protected:
  static SearchResults search(const std::string& query, bool collapse = true) {
    SearchRequest request;
    request.query = query;
    request.collapse = collapse;
    return searcher_->search(request);
  }
  static const Hit& hit_of(const SearchResults& results, const std::set<std::string>& any_of) {
    for (const Hit& hit : results.hits) {
      if (any_of.contains(hit.id)) return hit;
    }
    ADD_FAILURE() << "no hit among the ids";
    return results.hits.front();
  }
};

const std::set<std::string> kCopies{"o1", "c1", "n1"};

TEST_F(Stories, OneHitPerStoryWithItsCopies) {
  const SearchResults results = search("داوطلبان خبرگان");
  ASSERT_EQ(results.hits.size(), 2u);
  EXPECT_EQ(results.total, 2u);  // stories, not documents
  EXPECT_FALSE(results.total_is_estimate);
  const Hit& story = hit_of(results, kCopies);
  EXPECT_EQ(story.story, "o1");
  EXPECT_EQ(story.copies, 2u);
  std::set<std::string> sources(story.other_sources.begin(), story.other_sources.end());
  EXPECT_EQ(sources.size(), 2u);
  EXPECT_FALSE(sources.contains(story.source));
  sources.insert(story.source);
  EXPECT_EQ(sources, (std::set<std::string>{"ایرنا", "مهر", "فارس"}));
  const Hit& other = hit_of(results, {"t1"});
  EXPECT_EQ(other.story, "t1");
  EXPECT_EQ(other.copies, 0u);
  EXPECT_TRUE(other.other_sources.empty());
}

TEST_F(Stories, CollapseOffListsEveryCopy) {
  const SearchResults results = search("داوطلبان خبرگان", false);
  EXPECT_THAT(ids(results), UnorderedElementsAre("o1", "c1", "n1", "t1"));
  EXPECT_EQ(results.total, 4u);
  for (const Hit& hit : results.hits) EXPECT_EQ(hit.copies, 0u) << hit.id;
}

TEST_F(Stories, StoryQueryListsTheCopies) {
  EXPECT_THAT(ids(search("story:o1")), UnorderedElementsAre("o1", "c1", "n1"));
  EXPECT_EQ(search("story:o1").total, 3u);
  EXPECT_THAT(ids(search("story:t1")), UnorderedElementsAre("t1"));
  EXPECT_THAT(ids(search("story:o1 فوتبال")), ::testing::IsEmpty());
  EXPECT_THAT(ids(search("story:nothing")), ::testing::IsEmpty());
  EXPECT_THAT(ids(search("story:" + std::string(300, 'x'))), ::testing::IsEmpty());
}

TEST_F(Stories, FacetsCountDocumentsTotalCountsStories) {
  SearchRequest request;
  request.query = "داوطلبان خبرگان";
  request.facets = {Facet::kSource};
  const SearchResults results = searcher_->search(request);
  EXPECT_EQ(results.total, 2u);
  ASSERT_EQ(results.facets.size(), 1u);
  EXPECT_EQ(results.facets[0].values.size(), 4u);  // ایرنا مهر فارس ایسنا, one document each
}

TEST_F(Stories, RelatedLeavesOutTheArticlesOwnCopies) {
  const auto of_original = searcher_->related("o1", 10);
  ASSERT_TRUE(of_original);
  for (const Hit& hit : of_original->hits) EXPECT_FALSE(kCopies.contains(hit.id)) << hit.id;
  const auto of_other = searcher_->related("t1", 10);
  ASSERT_TRUE(of_other);
  std::size_t copies_listed = 0;
  for (const Hit& hit : of_other->hits) {
    if (!kCopies.contains(hit.id)) continue;
    ++copies_listed;
    EXPECT_EQ(hit.copies, 2u);
  }
  EXPECT_EQ(copies_listed, 1u);  // the story once
}

TEST_F(Stories, TextAndJsonShowTheOtherAgencies) {
  std::ostringstream text, json;
  const SearchResults results = search("داوطلبان خبرگان");
  write_text(text, results, false);
  EXPECT_THAT(text.str(), ::testing::HasSubstr("   + ۲ خبرگزاری دیگر: "));
  EXPECT_THAT(text.str(), ::testing::HasSubstr(" (story:o1)\n"));
  write_json(json, results);
  const auto parsed = nlohmann::json::parse(json.str());
  const auto& hits = parsed["hits"];
  ASSERT_EQ(hits.size(), 2u);
  const auto& story = hits[0]["story"] == "o1" ? hits[0] : hits[1];
  EXPECT_EQ(story["copies"], 2);
  EXPECT_EQ(story["other_sources"].size(), 2u);
  std::ostringstream plain;
  write_text(plain, search("داوطلبان خبرگان", false), false);
  EXPECT_THAT(plain.str(), ::testing::Not(::testing::HasSubstr("خبرگزاری دیگر")));
}

/// kStoryCount stories, each published by two agencies word for word, all of them reports (گزارش): more
/// matches than a small exact-count bound.
constexpr std::size_t kStoryCount = 24;

std::vector<std::string> many_story_records() {
  const std::vector<std::string> words = {
      "دولت",    "مجلس",  "بودجه",   "نفت",       "صادرات", "واردات", "بانک",    "ارز",     "تورم",    "مسکن",
      "دانشگاه", "مدرسه", "معلم",    "بیمارستان", "پزشک",   "دارو",   "کشاورزی", "آب",      "سد",      "باران",
      "فوتبال",  "کشتی",  "المپیک",  "سینما",     "کتاب",   "موسیقی", "تئاتر",   "موزه",    "جاده",    "قطار",
      "فرودگاه", "بندر",  "کارخانه", "فولاد",     "خودرو",  "برق",    "گاز",     "اینترنت", "شهرداری", "پارک"};
  std::vector<std::string> records;
  std::uint32_t state = 7;
  for (std::size_t story = 0; story < kStoryCount; ++story) {
    std::string body = "گزارش";
    for (int k = 0; k < 40; ++k) {
      state = state * 1103515245u + 12345u;
      body += " " + words[(state >> 16) % words.size()];
    }
    const std::string n = std::to_string(story);
    records.push_back(record("a" + n, "ایرنا", "گزارش شماره " + n, body));
    records.push_back(record("b" + n, "مهر", "گزارش شماره " + n, body));
  }
  return records;
}

class ManyStories : public testing::Indexed<many_story_records> {
 protected:
  static SearchResults search(std::uint32_t exact_count_up_to, bool collapse = true) {
    SearchRequest request;
    request.query = "گزارش";
    request.exact_count_up_to = exact_count_up_to;
    request.collapse = collapse;
    return searcher_->search(request);
  }
};

TEST_F(ManyStories, StoriesAreCountedExactlyWithinTheBound) {
  const SearchResults results = search(1000);
  EXPECT_EQ(results.total, kStoryCount);
  EXPECT_FALSE(results.total_is_estimate);
  EXPECT_EQ(search(1000, false).total, 2 * kStoryCount);
}

TEST_F(ManyStories, PastTheBoundTheEstimateIsBoundedAndTheHitsStay) {
  const SearchResults results = search(20);  // 20 of the 48 documents are looked at
  EXPECT_TRUE(results.total_is_estimate);
  EXPECT_LE(results.total_lower, kStoryCount);
  EXPECT_GE(results.total_upper, kStoryCount);
  EXPECT_GE(results.total_lower, 10u);  // 20 documents hold at least 10 stories
  EXPECT_LE(results.total_upper, 2 * kStoryCount);
  EXPECT_GE(results.total, results.total_lower);
  EXPECT_LE(results.total, results.total_upper);
  EXPECT_EQ(ids(results), ids(search(1000)));
  std::set<std::string> stories;
  for (const Hit& hit : results.hits) stories.insert(hit.story);
  EXPECT_EQ(stories.size(), results.hits.size());
}

TEST_F(ManyStories, NewestFirstCountsAsRelevanceOrderDoes) {
  for (const bool collapse : {true, false}) {
    for (const std::uint32_t bound : {1000U, 20U}) {
      SearchRequest request;
      request.query = "گزارش";
      request.exact_count_up_to = bound;
      request.collapse = collapse;
      const SearchResults by_relevance = searcher_->search(request);
      request.sort = SortOrder::kDate;
      const SearchResults newest = searcher_->search(request);
      SCOPED_TRACE(std::string(collapse ? "stories" : "documents") + ", bound " + std::to_string(bound));
      EXPECT_EQ(newest.total, by_relevance.total);
      EXPECT_EQ(newest.total_is_estimate, by_relevance.total_is_estimate);
      EXPECT_EQ(newest.total_lower, by_relevance.total_lower);
      EXPECT_EQ(newest.total_upper, by_relevance.total_upper);
      EXPECT_EQ(newest.hits.size(), by_relevance.hits.size());
    }
  }
}

TEST_F(ManyStories, FacetsCountTheTotalWhateverTheBound) {
  // The facets' pass sees every match, so the ranking counts only its page: the total stays exact.
  SearchRequest request;
  request.query = "گزارش";
  request.exact_count_up_to = 0;
  request.facets = {Facet::kSource};
  const SearchResults faceted = searcher_->search(request);
  EXPECT_EQ(faceted.total, kStoryCount);
  EXPECT_FALSE(faceted.total_is_estimate);
  EXPECT_EQ(ids(faceted), ids(search(1000)));
  // A facet filtered by its own value counts a drill-down, not the total: the ranking's bound applies
  // (a word in some stories, for bounds that do not meet by the posting lists' sizes alone).
  request.query = "دولت";
  request.limit = 1;
  request.sources = {"مهر"};
  request.exact_count_up_to = 1000;
  const SearchResults counted = searcher_->search(request);
  EXPECT_FALSE(counted.total_is_estimate);
  SearchRequest every_copy;
  every_copy.query = "دولت";
  every_copy.collapse = false;
  EXPECT_EQ(counted.total * 2, searcher_->search(every_copy).total);  // a copy of each story is مهر's
  request.exact_count_up_to = 0;
  EXPECT_TRUE(searcher_->search(request).total_is_estimate);
}

TEST_F(Stories, NoCollapseFlag) {
  Options options;
  auto app = make_app(options);
  const char* argv[] = {"kavosh-search", "--db", "x", "--no-collapse", "خبرگان"};
  app->parse(5, argv);
  EXPECT_FALSE(options.request.collapse);
  Options defaults;
  auto default_app = make_app(defaults);
  const char* plain[] = {"kavosh-search", "--db", "x", "خبرگان"};
  default_app->parse(4, plain);
  EXPECT_TRUE(defaults.request.collapse);
}

}  // namespace
}  // namespace kavosh::search
