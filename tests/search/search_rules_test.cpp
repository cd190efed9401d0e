// Kavosh: Persian full-text search. GPL-2.0-or-later.
// End-to-end: the rule corpus indexed with kavosh::index, then one test per matching/ranking rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <set>

#include <xapian.h>

#include "kavosh/error.h"
#include "kavosh/schema.h"
#include "kavosh/search/query.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/search/ranking.h"
#include "kavosh/searcher.h"
#include "suggest.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::ids;
using ::testing::IsSupersetOf;
using testing::run_query;
using ::testing::UnorderedElementsAre;

class SearchRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    db_ = dir_->path() + "/db";
    testing::build_database(db_, testing::rule_records(), testing::rule_synonyms());
    searcher_ = std::make_unique<Searcher>(db_);
  }
  static void TearDownTestSuite() {
    searcher_.reset();
    dir_.reset();
  }
  static std::vector<std::string> find(const std::string& query) { return ids(run_query(*searcher_, query)); }
  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::ranges::sort(v);
    return v;
  }

  static inline std::unique_ptr<testing::TempDir> dir_;
  static inline std::string db_;
  static inline std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearchRules, BoundSuffixSpellingsFindEachOther) {
  for (const char* query : {"هماهنگی‌های", "هماهنگی های", "هماهنگیهای"}) {
    EXPECT_THAT(find(query), UnorderedElementsAre("hs-zwnj", "hs-space", "hs-none")) << query;
  }
}

TEST_F(SearchRules, CompoundSpellingsFindEachOther) {
  for (const char* query : {"جمهوری‌خواه", "جمهوری خواه", "جمهوریخواه"}) {
    const auto found = find(query);
    ASSERT_GE(found.size(), 3u) << query;
    EXPECT_THAT(std::vector(found.begin(), found.begin() + 3), UnorderedElementsAre("cp-zwnj", "cp-space", "cp-none"))
        << query;
  }
}

TEST_F(SearchRules, ArabicLettersAndPersianDigitsMatchPersianQueries) {
  EXPECT_EQ(find("کاندیدای ریاست").front(), "arabic");  // candida (کاندیدا, same stem) after it
  EXPECT_THAT(find("1402"), ElementsAre("arabic"));
  EXPECT_THAT(find("۱۴۰۲ شرکت"), ElementsAre("arabic"));
}

TEST_F(SearchRules, OverStemmingTrapsDoNotMatch) {
  EXPECT_THAT(find("حرم"), ElementsAre("haram"));
  EXPECT_THAT(find("حر"), ElementsAre("hor"));
  EXPECT_THAT(find("خبرگان"), UnorderedElementsAre("khobregan", "phrase-apart"));
  EXPECT_THAT(find("خبرگان"), ::testing::Not(::testing::Contains("khabar")));
}

TEST_F(SearchRules, InformalWordsTheIndexLacksFindTheirWrittenForms) {
  EXPECT_THAT(find("اهنگ"), ElementsAre("informal-madda"));  // madda left out
  // The spoken verb stands for می‌گویند, whose stem also finds گفتند; the document with both words first.
  EXPECT_THAT(find("میگن بازار"), ElementsAre("informal-verb", "phrase-apart"));
  EXPECT_THAT(find("آرامه"), ElementsAre("informal-verb"));  // copula joined
  EXPECT_THAT(find("اهنگ موسیقی").front(), "informal-madda");
}

TEST_F(SearchRules, WordsTheIndexHoldsAreNotRewritten) {
  EXPECT_THAT(find("نامه"), ElementsAre("informal-letter"));  // not نام + copula (candida holds نام)
  EXPECT_THAT(find("نام"), ElementsAre("candida"));
  EXPECT_TRUE(find("زززه").empty());  // no written form held: nothing matches
}

TEST_F(SearchRules, LooseReadingsFindTheOtherYehForm) {
  // `کتابی` also finds کتاب (the stemmer keeps the bare ی); the word's own document first.
  EXPECT_THAT(find("کتابی"), ElementsAre("yeh-all", "yeh-base"));
  // `رقابت` also finds رقابتی, and the other way round, each word's own document first.
  EXPECT_THAT(find("رقابت"), ElementsAre("yeh-noun", "yeh-adjective"));
  EXPECT_THAT(find("رقابتی"), ElementsAre("yeh-adjective", "yeh-noun"));
  // A protected name is not read as base + ی.
  EXPECT_THAT(find("سلیمانی"), ::testing::Not(::testing::Contains("yeh-name")));
  EXPECT_THAT(find("سلیمان"), ElementsAre("yeh-name"));
}

TEST_F(SearchRules, LooseReadingsStayOutOfTheAllWordsTier) {
  // yeh-base holds کتاب three times and خاطرات twice, yet only a reading of کتابی: the document with
  // both words themselves ranks first.
  EXPECT_THAT(find("کتابی خاطرات"), ElementsAre("yeh-all", "yeh-base"));
}

TEST(SearchReadings, RareSpellingAlsoSearchesAFarCommonerWrittenForm) {
  // امریکا (madda left out) in one document: read as آمریکا once آمریکا is in kReadingFrequencyRatio
  // times as many documents, not before.
  for (const int commoner : {9, 10}) {
    testing::TempDir dir;
    const std::string db = dir.path() + "/db";
    std::vector<std::string> records{R"({"id":"typed","body":"سفر هیئت به امریکا"})"};
    for (int i = 0; i < commoner; ++i) {
      records.push_back(R"({"id":"written-)" + std::to_string(i) + R"(","body":"سفر هیئت به آمریکا"})");
    }
    for (int i = 0; i < 20; ++i) records.push_back(R"({"id":"other-)" + std::to_string(i) + R"(","body":"خبر دیگر"})");
    testing::build_database(db, records);
    const SearchResults results = run_query(Searcher(db), "امریکا");
    ASSERT_FALSE(results.hits.empty()) << commoner;
    EXPECT_THAT(ids(results), Contains("typed")) << commoner;
    const bool read = static_cast<double>(commoner) >= ranking::kReadingFrequencyRatio;
    EXPECT_EQ(results.hits.size(), read ? 1u + commoner : 1u) << commoner;
    ASSERT_EQ(results.readings.size(), read ? 1u : 0u) << commoner;
    if (read) {
      EXPECT_EQ(results.readings[0].typed, "امریکا");
      EXPECT_EQ(results.readings[0].written, "آمریکا");
    }
  }
}

TEST_F(SearchRules, ExactFormOutranksStemOnly) {
  EXPECT_THAT(find("اصلاحات"), ElementsAre("eslahat", "eslah"));
  EXPECT_THAT(find("اصلاح"), ElementsAre("eslah", "eslahat"));
}

TEST_F(SearchRules, PhraseNeedsAdjacentWords) {
  EXPECT_THAT(find("«مجلس خبرگان»"), ElementsAre("khobregan"));
  EXPECT_THAT(find("\"مجلس خبرگان\""), ElementsAre("khobregan"));
  // Without quotes both come back, the adjacent one first (proximity boost).
  EXPECT_THAT(find("مجلس خبرگان"), IsSupersetOf({"khobregan", "phrase-apart"}));
  EXPECT_EQ(find("مجلس خبرگان").front(), "khobregan");
}

TEST_F(SearchRules, TitleMatchOutranksBodyMatch) {
  EXPECT_THAT(find("مشارکت"), ElementsAre("title-hit", "body-hit"));
  EXPECT_THAT(find("عنوان:مشارکت"), ElementsAre("title-hit"));
  EXPECT_THAT(find("title:\"مشارکت مردم\""), ElementsAre("title-hit"));
}

TEST_F(SearchRules, AllWordsFirstThenSomeWords) {
  const auto found = find("صندوق الکترونیکی");
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found[0], "all-words");
  EXPECT_EQ(found[1], "some-word");
}

TEST_F(SearchRules, RecencyBreaksTies) { EXPECT_THAT(find("برابری"), ElementsAre("tie-new", "tie-old")); }

TEST_F(SearchRules, SortByDateNewestFirstUndatedLast) {
  SearchRequest request;
  request.query = "ستاد OR جمهوری‌خواه OR کاندیدای";
  request.sort = SortOrder::kDate;
  const std::vector<std::string> all = ids(searcher_->search(request));
  EXPECT_THAT(all,
              ElementsAre("hs-none", "hs-space", "hs-zwnj", "arabic", "cp-none", "cp-space", "cp-zwnj", "candida"));
  // A page the dated matches fill is taken from the newest months alone: the same documents.
  for (std::uint32_t offset = 0; offset < 5; ++offset) {
    request.offset = offset;
    request.limit = 3;
    EXPECT_EQ(ids(searcher_->search(request)),
              std::vector<std::string>(all.begin() + offset, all.begin() + offset + 3));
  }
}

TEST_F(SearchRules, FiltersInQueryAndRequest) {
  EXPECT_THAT(find("هماهنگی‌ها منبع:ایرنا"), ElementsAre("hs-zwnj"));
  EXPECT_THAT(find("هماهنگی‌ها source:\"خبرگزاری مهر\""), ElementsAre("hs-space"));
  EXPECT_THAT(find("هماهنگی‌ها استان:اصفهان"), ElementsAre("hs-space"));
  EXPECT_THAT(find("هماهنگی‌ها دسته:سیاسی"), UnorderedElementsAre("hs-zwnj", "hs-space"));
  EXPECT_THAT(find("هماهنگی‌ها منبع:ايرنا OR مهر"), ::testing::Contains("hs-zwnj"));
  SearchRequest request;
  request.query = "هماهنگی‌ها";
  request.sources = {"ایرنا", "فارس"};
  EXPECT_THAT(ids(searcher_->search(request)), UnorderedElementsAre("hs-zwnj", "hs-none"));
  request.provinces = {"فارس"};
  EXPECT_THAT(ids(searcher_->search(request)), ElementsAre("hs-none"));
}

TEST_F(SearchRules, OnlyFiltersListNewestFirst) { EXPECT_THAT(find("دسته:سیاسی"), ElementsAre("hs-space", "hs-zwnj")); }

TEST_F(SearchRules, DateRangesJalaliIsoAnyDigits) {
  EXPECT_THAT(find("هماهنگی‌ها date:1402/10/02..1402/10/03"), UnorderedElementsAre("hs-space", "hs-none"));
  EXPECT_THAT(find("هماهنگی‌ها تاریخ:..۱۴۰۲/۱۰/۰۱"), ElementsAre("hs-zwnj"));
  EXPECT_THAT(find("هماهنگی‌ها date:2023-12-23.."), UnorderedElementsAre("hs-space", "hs-none"));
  EXPECT_THAT(find("جمهوری‌خواه date:1401"), UnorderedElementsAre("cp-zwnj", "cp-space", "cp-none"));
  SearchRequest request;
  request.query = "هماهنگی‌ها";
  request.from = "۱۴۰۲-۱۰-۰۲";
  request.to = "2023-12-23";
  EXPECT_THAT(ids(searcher_->search(request)), ElementsAre("hs-space"));
}

TEST_F(SearchRules, DatesThatLeaveNoDayMatchNothingAndSaySo) {
  SearchRequest request;
  request.query = "هماهنگی‌ها";
  request.from = "1402/10/03";
  request.to = "1402/10/01";
  EXPECT_EQ(date_range_error(request),
            "the date range is reversed: from '1402/10/03' (2023-12-24) is after to '1402/10/01' (2023-12-22)");
  const SearchResults reversed = searcher_->search(request);
  EXPECT_THAT(reversed.hits, ::testing::IsEmpty());
  EXPECT_THAT(reversed.warnings, ElementsAre(::testing::HasSubstr("the dates do not overlap")));
  request.from.clear();
  EXPECT_EQ(date_range_error(request), std::nullopt);
  request.query = "هماهنگی‌ها date:1402/10/02..";
  EXPECT_THAT(searcher_->search(request).warnings, ElementsAre(::testing::HasSubstr("the dates do not overlap")));
}

TEST_F(SearchRules, OrMatchesEither) {
  EXPECT_THAT(find("حرم OR حر"), UnorderedElementsAre("haram", "hor"));
  EXPECT_THAT(find("حرم یا حر"), UnorderedElementsAre("haram", "hor"));
}

TEST_F(SearchRules, ExclusionRemoves) {
  EXPECT_THAT(find("هماهنگی‌ها -فرمانداری"), UnorderedElementsAre("hs-zwnj", "hs-space"));
  EXPECT_THAT(find("هماهنگی‌ها -«ستاد انتخابات»"),
              UnorderedElementsAre("hs-space", "hs-none"));
}

TEST_F(SearchRules, AndRequiresBothSides) {
  EXPECT_THAT(find("مجلس خبرگان"), IsSupersetOf({"khobregan", "phrase-apart", "eslah"}));
  EXPECT_THAT(find("مجلس AND خبرگان"), UnorderedElementsAre("khobregan", "phrase-apart"));
  EXPECT_THAT(find("مجلس AND (حرم OR رهبری)"), ElementsAre("khobregan"));
}

TEST_F(SearchRules, NotExcludesLikeAMinus) {
  EXPECT_EQ(find("هماهنگی‌ها NOT فرمانداری"), find("هماهنگی‌ها -فرمانداری"));
  EXPECT_THAT(find("مجلس NOT (خبرگان OR قانون)"), ::testing::IsEmpty());
  EXPECT_THAT(find("مجلس -(خبرگان رهبری)"), UnorderedElementsAre("phrase-apart", "eslah"));
}

TEST_F(SearchRules, GroupsAreAlternatives) {
  EXPECT_THAT(find("(مجلس رهبری) OR حرم"), UnorderedElementsAre("khobregan", "haram"));
  EXPECT_THAT(find("(مجلس -رهبری) OR حرم"), UnorderedElementsAre("phrase-apart", "eslah", "haram"));
}

TEST_F(SearchRules, OperatorsLeaveTheWordsRankingAlone) {
  // A group of one clause is that clause, and `(ره)`-like parentheses are text: same ranking, same scores.
  const SearchResults plain = run_query(*searcher_, "مجلس خبرگان رهبری");
  const SearchResults grouped = run_query(*searcher_, "(مجلس) خبرگان (رهبری)");
  ASSERT_EQ(ids(plain), ids(grouped));
  for (std::size_t i = 0; i < plain.hits.size(); ++i) EXPECT_DOUBLE_EQ(plain.hits[i].score, grouped.hits[i].score);
  // AND keeps the ranked model: the documents it keeps are in the order (and with the scores) they had.
  const SearchResults required = run_query(*searcher_, "مجلس AND خبرگان");
  const SearchResults words = run_query(*searcher_, "مجلس خبرگان");
  ASSERT_EQ(required.hits.size(), 2u);
  EXPECT_EQ(required.hits[0].id, words.hits[0].id);
  EXPECT_DOUBLE_EQ(required.hits[0].score, words.hits[0].score);
}

TEST_F(SearchRules, SynonymsFromTheDatabase) {
  EXPECT_THAT(find("داوطلب"), IsSupersetOf({"candida", "cp-zwnj", "eslahat"}));
  const auto found = find("کاندیدا");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "candida");  // the word itself above its synonyms
}

TEST(SynonymWeight, ARareSynonymNeverOutranksTheWord) {
  testing::TempDir dir;
  std::vector<std::string> records{R"({"id":"synonym-only","body":"پارلمان اروپا پارلمان"})"};
  for (int i = 0; i < 8; ++i) {
    records.push_back(R"({"id":"word-)" + std::to_string(i) +
                      R"(","body":"گزارش روز درباره بودجه سال آینده و بحث نمایندگان در مجلس و دولت و بازار و مردم"})");
  }
  for (int i = 0; i < 8; ++i) records.push_back(R"({"id":"other-)" + std::to_string(i) + R"(","body":"خبر ورزشی"})");
  testing::build_database(dir.path() + "/db", records, "مجلس\tپارلمان\n");
  const Searcher searcher(dir.path() + "/db");
  const std::vector<std::string> found = ids(run_query(searcher, "مجلس"));
  ASSERT_EQ(found.size(), 9u);
  EXPECT_EQ(found.back(), "synonym-only");  // found, below every document holding the word
}

TEST_F(SearchRules, StopwordsDroppedUnlessAlone) {
  EXPECT_THAT(find("حرم در"), ElementsAre("haram"));  // "در" would match many documents
  EXPECT_FALSE(find("در").empty());                   // a query of stopwords still searches them
}

TEST(DroppedStopwords, OrderMatchesWithoutMatchingThemselves) {
  testing::TempDir dir;
  // Same content words, same length; "without" is indexed first, so it would win a tie.
  testing::build_database(dir.path() + "/db", {R"({"id":"without","body":"سرطان ریه برای زنان شایع"})",
                                               R"({"id":"with","body":"سرطان ریه در زنان شایع"})",
                                               R"({"id":"only-stopword","body":"خبر در شهر"})"});
  const Searcher searcher(dir.path() + "/db");
  // The query's stopword (در) is not a clause, but among documents that match it ranks the one holding it first.
  EXPECT_THAT(ids(run_query(searcher, "سرطان در زنان")), ElementsAre("with", "without"));
  EXPECT_THAT(ids(run_query(searcher, "سرطان در")), ElementsAre("with", "without"));
}

TEST_F(SearchRules, SyntaxErrorsFallBackToWords) {
  const SearchResults results = run_query(*searcher_, "«هماهنگی‌های ستاد");
  EXPECT_THAT(ids(results), IsSupersetOf({"hs-zwnj", "hs-space"}));
  ASSERT_EQ(results.warnings.size(), 1u);
  EXPECT_THAT(results.warnings[0], ::testing::HasSubstr("plain words"));
  EXPECT_THAT(find("حرم OR"), ElementsAre("haram"));
}

TEST_F(SearchRules, PartialLastWordIsAPrefix) {
  SearchRequest request;
  request.query = "مجلس خبرگ";
  request.partial = true;
  // Both words (one as a prefix) first, adjacent ones on top; then documents with only مجلس.
  EXPECT_THAT(ids(searcher_->search(request)), ElementsAre("khobregan", "phrase-apart", "eslah"));
  request.partial = false;  // خبرگ is no word: only مجلس matches
  EXPECT_THAT(ids(searcher_->search(request)), UnorderedElementsAre("khobregan", "phrase-apart", "eslah"));
  EXPECT_THAT(run_query(*searcher_, "خبرگ").hits, ::testing::IsEmpty());
}

TEST_F(SearchRules, TrailingStarIsANormalizedPrefix) {
  EXPECT_THAT(find("خبرگ*"), UnorderedElementsAre("khobregan", "phrase-apart"));  // not خبر
  EXPECT_THAT(find("مجلس خبرگ*").front(), ::testing::AnyOf("khobregan", "phrase-apart"));
  // Arabic letters and a ZWNJ-free spelling are normalized; the prefix is not stemmed.
  EXPECT_THAT(find("كانديد*"), UnorderedElementsAre("candida", "arabic"));
  EXPECT_THAT(find("خبرگ*").size(), 2u);
  EXPECT_TRUE(run_query(*searcher_, "خبرگ*").warnings.empty());
}

TEST(PrefixStar, AShortPrefixIsCappedWithAWarning) {
  testing::TempDir dir;
  std::vector<std::string> records;
  const std::vector<std::string> letters{"ب", "پ", "ت", "ث", "ج", "چ", "ح", "خ", "د"};
  for (const std::string& a : letters) {
    for (const std::string& b : letters)
      records.push_back(R"({"id":")" + a + b + R"(","body":"ا)" + a + b + R"( متن"})");
  }
  testing::build_database(dir.path() + "/db", records);
  const Searcher searcher(dir.path() + "/db");
  const SearchResults results = run_query(searcher, "ا*", 100);
  EXPECT_EQ(results.hits.size(), ranking::kPrefixExpansion);
  EXPECT_THAT(results.warnings, ElementsAre("'ا*' starts more than 64 words: only the most frequent are searched"));
  EXPECT_EQ(run_query(searcher, "ا* OR ا*").warnings, results.warnings);  // said once
  EXPECT_TRUE(run_query(searcher, "اب*").warnings.empty());               // 9 words: all searched
}

TEST_F(SearchRules, DidYouMeanFromTheSpellingTable) {
  const SearchResults results = run_query(*searcher_, "خبرگن");
  EXPECT_TRUE(results.hits.empty());
  EXPECT_EQ(results.suggestion, "خبرگان");
  EXPECT_EQ(run_query(*searcher_, "مجلس خبرگان").suggestion, std::nullopt);
}

TEST(DidYouMean, CorrectsEachMisspeltWordAndKeepsTheRest) {
  testing::TempDir dir;
  std::vector<std::string> records{R"({"id":"books","body":"کتابها را در کتابخانه خواندم"})",
                                   R"({"id":"khobregan","body":"مجلس خبرگان رهبری تشکیل جلسه داد"})"};
  for (int i = 0; i < 6; ++i) records.push_back(R"({"id":"work)" + std::to_string(i) + R"(","body":"کار مجلس"})");
  testing::build_database(dir.path() + "/db", records);
  const Searcher searcher(dir.path() + "/db");
  // Found through its stem (the index holds کتابها): no typo, though کار is one letter away.
  EXPECT_EQ(run_query(searcher, "کتاب").suggestion, std::nullopt);
  // مجلس finds 7 documents; the misspelt word is corrected in place all the same.
  const SearchResults mixed = run_query(searcher, "مجلس خبرگن");
  EXPECT_EQ(mixed.hits.size(), 7u);
  EXPECT_EQ(mixed.suggestion, "مجلس خبرگان");
  EXPECT_EQ(run_query(searcher, "«کتاب» OR خبرگن -کار").suggestion, "«کتاب» OR خبرگان -کار");
  EXPECT_EQ(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان");  // the split stays
  SearchRequest partial;
  partial.query = "مجلس خبرگ";
  partial.partial = true;
  EXPECT_EQ(searcher.search(partial).suggestion, std::nullopt);  // a word being typed is no typo
  EXPECT_EQ(run_query(searcher, "خبرگ*").suggestion, std::nullopt);
  SearchRequest unasked;
  unasked.query = "مجلس خبرگن";
  unasked.suggest = false;
  const SearchResults quiet = searcher.search(unasked);
  EXPECT_EQ(quiet.suggestion, std::nullopt) << "not asked for";
  EXPECT_EQ(ids(quiet), ids(mixed)) << "the same results";
}

TEST_F(SearchRules, SnippetHighlightsEverySpelling) {
  const SearchResults results = run_query(*searcher_, "کاندیدای شرکت");
  ASSERT_FALSE(results.hits.empty());
  ASSERT_EQ(results.hits[0].id, "arabic");
  EXPECT_EQ(render_snippet(results.hits[0].snippet, "[", "]"), "[كانديداي] رياست در انتخابات ۱۴۰۲ [شركت] كرد");
  const SearchResults half = run_query(*searcher_, "هماهنگی های");
  for (const Hit& hit : half.hits) {
    EXPECT_THAT(render_snippet(hit.snippet, "[", "]"), ::testing::StartsWith("[هماهنگی")) << hit.id;
  }
}

TEST_F(SearchRules, HitFields) {
  const SearchResults results = run_query(*searcher_, "فرمانداری");
  // hs-none holds the word; informal-letter only فرماندار, the word without its bare ی (a loose reading).
  ASSERT_EQ(ids(results), (std::vector<std::string>{"hs-none", "informal-letter"}));
  const Hit& hit = results.hits[0];
  EXPECT_EQ(hit.id, "hs-none");
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.title, "خبر ستاد");
  EXPECT_EQ(hit.date, "2023-12-24");
  EXPECT_EQ(hit.date_jalali, "1402/10/03");
  EXPECT_EQ(hit.source, "فارس");
  EXPECT_EQ(results.total, 2u);
  // The date comes with the match itself: the same from the rescoring pass and in date order.
  SearchRequest request;
  request.query = "لازم فرمانداری";
  for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kDate}) {
    request.sort = sort;
    const SearchResults two_words = searcher_->search(request);
    ASSERT_EQ(ids(two_words), (std::vector<std::string>{"hs-none", "informal-letter"}));  // undated last
    EXPECT_EQ(two_words.hits[0].date, "2023-12-24");
    EXPECT_EQ(two_words.hits[0].date_jalali, "1402/10/03");
  }
}

TEST_F(SearchRules, PagingWithOffset) {
  SearchRequest request;
  request.query = "هماهنگی‌ها";
  request.limit = 1;
  request.offset = 1;
  const SearchResults page = searcher_->search(request);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_EQ(page.hits[0].rank, 2u);
  EXPECT_EQ(page.total, 3u);
}

TEST_F(SearchRules, AnyQueryStringGivesResultsNotExceptions) {
  std::string long_query;
  while (long_query.size() < 10000) long_query += "هماهنگی‌ها «مجلس OR -\"";
  for (const std::string& query :
       {std::string(), std::string("   "), std::string("!!! ؟؟"), std::string("\xff\xfe\xc0"),
        std::string("🗳️🇮🇷"), std::string("\"«»\"-- OR یا :"), long_query, std::string(10000, 'a'),
        std::string("date:9999/99/99..x"), std::string("-")}) {
    EXPECT_NO_THROW(run_query(*searcher_, query)) << query.substr(0, 40);
  }
  EXPECT_TRUE(run_query(*searcher_, "").hits.empty());
  EXPECT_FALSE(run_query(*searcher_, long_query).warnings.empty());
}

TEST_F(SearchRules, SuggestCompletesMostFrequentFirst) {
  const auto completions = searcher_->suggest("هماهن");
  ASSERT_FALSE(completions.empty());
  EXPECT_EQ(completions.front(), "هماهنگیهای");
  EXPECT_THAT(searcher_->suggest("مجلس خبرگ"), ::testing::Contains("مجلس خبرگان"));
  EXPECT_TRUE(searcher_->suggest("").empty());
}

TEST_F(SearchRules, ACountWithoutAPageIsThePagedSearchsCount) {
  for (const std::string query : {"انتخابات مجلس", "خبرگان", "نامزدهای انتخابات خبرگان رهبری"}) {
    SearchRequest paged;
    paged.query = query;
    SearchRequest count_only = paged;
    count_only.limit = 0;
    const SearchResults page = searcher_->search(paged);
    const SearchResults count = searcher_->search(count_only);
    EXPECT_TRUE(count.hits.empty());
    EXPECT_FALSE(count.total_is_estimate) << query;  // fewer matches than the exact-count bound
    EXPECT_EQ(count.total, page.total) << query;
    // No exact count asked: an estimate within the bounds of the exact one, from statistics alone.
    count_only.exact_count_up_to = 0;
    const SearchResults estimate = searcher_->search(count_only);
    EXPECT_LE(estimate.total_lower, page.total) << query;
    EXPECT_GE(estimate.total_upper, page.total) << query;
  }
}

TEST(Suggest, LeavesOutStopwordsNumbersAndDoubledWords) {
  testing::TempDir dir;
  testing::build_database(dir.path() + "/db", {R"({"id":"a","body":"پرسپولیسپرسپولیس پرسپولیسپرسپولیس پرسپولیس برد"})",
                                               R"({"id":"b","body":"برای برای برای بردند ۱۴۰۲ ۱۴۰۲ ۱۴۰۳"})"});
  const Searcher searcher(dir.path() + "/db");
  EXPECT_THAT(searcher.suggest("پرس"), ElementsAre("پرسپولیس"));
  EXPECT_THAT(searcher.suggest("بر"), UnorderedElementsAre("برد", "بردند"));  // no برای
  EXPECT_THAT(searcher.suggest("۱۴"), ::testing::IsEmpty());
}

TEST(Suggest, AfterAWordCompletesThePhrasesThatOccur) {
  testing::TempDir dir;
  std::vector<std::string> records{R"({"id":"k1","body":"جلسه مجلس خبرگان رهبری"})",
                                   R"({"id":"k2","body":"مجلس خبرگان تشکیل شد"})",
                                   R"({"id":"k3","body":"بیانیه مجلس خبرگی"})"};
  for (int i = 0; i < 5; ++i)
    records.push_back(R"({"id":"n)" + std::to_string(i) + R"(","body":"خبرگزاریها گزارش دادند"})");
  testing::build_database(dir.path() + "/db", records);
  const Searcher searcher(dir.path() + "/db");
  EXPECT_THAT(searcher.suggest("خبرگ"), ElementsAre("خبرگزاریها", "خبرگان", "خبرگی"));   // most frequent first
  EXPECT_THAT(searcher.suggest("مجلس خبرگ"), ElementsAre("مجلس خبرگان", "مجلس خبرگی"));  // most such documents first
  EXPECT_THAT(searcher.suggest("رهبری خبرگ"), ElementsAre("رهبری خبرگزاریها", "رهبری خبرگان", "رهبری خبرگی"));
}

TEST(Suggest, AfterAWordLooksInTheNewestDocumentsOnly) {
  testing::TempDir dir;
  // Added in this order: the older documents say خبرگان after مجلس, the two newest خبرگی.
  testing::build_database(dir.path() + "/db",
                          {R"({"id":"o1","body":"مجلس خبرگان"})", R"({"id":"o2","body":"مجلس خبرگان"})",
                           R"({"id":"o3","body":"مجلس خبرگان"})", R"({"id":"n1","body":"مجلس خبرگی"})",
                           R"({"id":"n2","body":"خبرگی مجلس"})"});
  const Xapian::Database database(dir.path() + "/db");
  const analysis::Analyzer analyzer;
  EXPECT_THAT(detail::completions(database, analyzer, "مجلس خبرگ", 5, 0), ElementsAre("مجلس خبرگان", "مجلس خبرگی"));
  EXPECT_THAT(detail::completions(database, analyzer, "مجلس خبرگ", 5, 2), ElementsAre("مجلس خبرگی"));
  // None follows in the newest document: the most frequent words, as for a word alone.
  EXPECT_THAT(detail::completions(database, analyzer, "مجلس خبرگ", 5, 1), ElementsAre("مجلس خبرگان", "مجلس خبرگی"));
}

TEST_F(SearchRules, DocumentReturnsTheStoredRecord) {
  const auto record = searcher_->document("haram");
  ASSERT_TRUE(record);
  EXPECT_THAT(*record, ::testing::HasSubstr("زائران حرم"));
  EXPECT_EQ(searcher_->document("no-such-id"), std::nullopt);
}

TEST(SearcherOpen, RefusesMissingAndForeignDatabases) {
  EXPECT_THROW(Searcher("/nonexistent/kavosh/db"), EnvironmentError);
  testing::TempDir dir;
  {
    Xapian::WritableDatabase plain(dir.path() + "/plain", Xapian::DB_CREATE);
    plain.commit();
  }
  EXPECT_THROW(Searcher(dir.path() + "/plain"), EnvironmentError);
  testing::build_database(dir.path() + "/other", {R"({"id":"x","body":"متن"})"});
  {
    Xapian::WritableDatabase other(dir.path() + "/other", Xapian::DB_OPEN);
    other.set_metadata("kavosh.analyzer_version", "999");
    other.commit();
  }
  try {
    Searcher searcher(dir.path() + "/other");
    FAIL() << "opened a database of another analyzer version";
  } catch (const EnvironmentError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("analyzer version 999"));
  }
}

// Hits read their fields from the stored JSON record; data another tool wrote (not JSON, not an
// object, fields of other types) still gives hits, with what can be read and the rest empty.
TEST(SearcherHits, ReadTheStoredRecordOrLeaveFieldsEmpty) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  testing::build_database(db, {R"({"id":"a","title":"نخست","body":"سند \"انتخابات\" شهر","source":"ایرنا","url":"u"})",
                               R"({"id":"b","body":"انتخابات"})", R"({"id":"c","body":"انتخابات"})",
                               R"({"id":"d","body":"انتخابات"})"});
  {
    Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
    const auto rewrite = [&](const char* id, const std::string& data) {
      Xapian::Document document = writable.get_document(*writable.postlist_begin(std::string("Q") + id));
      document.set_data(data);
      document.remove_value(schema::kHitSlot);  // as another tool would write it: the record alone
      writable.replace_document(std::string("Q") + id, document);
    };
    rewrite("b", "not json at all");
    rewrite("c", R"(["an", "array"])");
    rewrite("d", R"({"id":7,"title":["x"],"body":null,"url":"only-url"})");
    writable.commit();
  }
  const Searcher searcher(db);
  const auto result = run_query(searcher, "انتخابات");
  ASSERT_EQ(result.hits.size(), 4U);
  const auto by_url = [&](const std::string& url) {
    return std::ranges::count_if(result.hits, [&](const Hit& hit) { return hit.url == url; });
  };
  EXPECT_EQ(by_url("u"), 1);
  EXPECT_EQ(by_url("only-url"), 1);
  for (const Hit& hit : result.hits) {
    if (hit.url == "u") {
      EXPECT_EQ(hit.id, "a");
      EXPECT_EQ(hit.title, "نخست");
      EXPECT_EQ(hit.source, "ایرنا");
      EXPECT_THAT(hit.snippet, ::testing::HasSubstr("\"\x02انتخابات\x03\""));  // escapes decoded
    } else {
      EXPECT_EQ(hit.id, "");
      EXPECT_EQ(hit.title, "");
    }
  }
}

// A hit without a snippet reads its fields from the hit slot, not the stored record: the same fields as
// with a snippet, even once the record is unreadable.
TEST(SearcherHits, WithoutSnippetsFieldsComeFromTheHitSlot) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  testing::build_database(db, {R"({"id":"a","title":"نشست شورا","body":"نشست شورای شهر","source":"ایرنا",)"
                               R"("url":"https://x.ir/a","date":"1402/12/11"})",
                               R"({"id":"b","title":"خبر","body":"نشست","source":"مهر","date":"2024-01-02"})"});
  const auto search = [&](bool snippets) {
    SearchRequest request;
    request.query = "نشست";
    request.snippets = snippets;
    return Searcher(db).search(request).hits;
  };
  const std::vector<Hit> with = search(true);
  ASSERT_EQ(with.size(), 2U);
  {
    Xapian::WritableDatabase writable(db, Xapian::DB_OPEN);
    for (const char* id : {"a", "b"}) {
      Xapian::Document document = writable.get_document(*writable.postlist_begin(std::string("Q") + id));
      document.set_data("not json");
      writable.replace_document(std::string("Q") + id, document);
    }
    writable.commit();
  }
  const std::vector<Hit> without = search(false);
  ASSERT_EQ(without.size(), 2U);
  for (std::size_t k = 0; k < with.size(); ++k) {
    EXPECT_EQ(without[k].id, with[k].id);
    EXPECT_EQ(without[k].rank, with[k].rank);
    EXPECT_EQ(without[k].title, with[k].title);
    EXPECT_EQ(without[k].url, with[k].url);
    EXPECT_EQ(without[k].source, with[k].source);
    EXPECT_EQ(without[k].date, with[k].date);
    EXPECT_EQ(without[k].date_jalali, with[k].date_jalali);
    EXPECT_EQ(without[k].snippet, "");
  }
  const auto a = std::ranges::find(without, std::string("a"), &Hit::id);
  ASSERT_NE(a, without.end());
  EXPECT_EQ(a->title, "نشست شورا");
  EXPECT_EQ(a->url, "https://x.ir/a");
  EXPECT_EQ(a->source, "ایرنا");
  EXPECT_EQ(a->date, "2024-03-01");
  EXPECT_EQ(a->date_jalali, "1402/12/11");
}

TEST(SearcherReopen, SeesNewCommits) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  testing::build_database(db, {R"({"id":"a","body":"نخستین سند"})"});
  Searcher searcher(db);
  EXPECT_TRUE(run_query(searcher, "دومین").hits.empty());
  testing::build_database(db, {R"({"id":"b","body":"دومین سند"})"});
  EXPECT_TRUE(searcher.reopen());
  EXPECT_THAT(ids(run_query(searcher, "دومین")), ElementsAre("b"));
}

// "Did you mean" keeps each unknown word's look-up while the number of documents moves by at most 1%:
// a commit that makes a better correction possible is seen once the index has changed more than that
// (here it doubles), however often the word was asked before.
TEST(SearcherReopen, CorrectionsFollowNewCommits) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  testing::build_database(db, {R"({"id":"a","body":"نشست مجلس امروز برگزار شد"})"});
  Searcher searcher(db);
  for (int i = 0; i < 2; ++i) EXPECT_NE(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان");
  testing::build_database(db, {R"({"id":"b","body":"اعضای خبرگان رهبری"})"});
  EXPECT_TRUE(searcher.reopen());
  EXPECT_EQ(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان");
}

TEST(SearcherReopen, CorrectionsAreKeptThroughCommitsThatChangeTheIndexLittle) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  std::vector<std::string> records{R"({"id":"a","body":"نشست مجلس امروز برگزار شد"})"};
  for (int i = 0; i < 199; ++i) records.push_back(R"({"id":"f)" + std::to_string(i) + R"(","body":"گزارش روز"})");
  testing::build_database(db, records);
  Searcher searcher(db);
  EXPECT_NE(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان");
  testing::build_database(db, {R"({"id":"b","body":"اعضای خبرگان رهبری"})"});  // 200 → 201 documents
  EXPECT_TRUE(searcher.reopen());
  EXPECT_NE(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان") << "kept through a change of 0.5%";
  testing::build_database(db, {R"({"id":"c","body":"گزارش"})", R"({"id":"d","body":"گزارش"})"});  // 1.5%
  EXPECT_TRUE(searcher.reopen());
  EXPECT_EQ(run_query(searcher, "مجلسخبرگان").suggestion, "مجلس خبرگان");
}

// Searcher ranks in passes (all-words documents first, positional boosts on the top kRescoreWindow
// only). Its ranking, by definition: the whole query's one-Enquire order among the first pass's top
// kRescoreWindow documents, then the first pass's order; the same on every page.
/// The ids `query` ranks first, ties newest first, or (a first pass) the later-indexed first.
std::vector<std::string> ranking_of(const Xapian::Database& database, const Xapian::Query& query, bool first_pass) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(ranking::kK1, ranking::kK2, ranking::kK3, ranking::kB, ranking::kMinNormLen));
  if (first_pass) {
    enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  } else {
    enquire.set_sort_by_relevance_then_value(schema::kDateSlot, true);
  }
  std::vector<std::string> out;
  const Xapian::MSet matches = enquire.get_mset(0, 100);
  for (auto it = matches.begin(); it != matches.end(); ++it)
    out.push_back(it.get_document().get_value(schema::kIdSlot));
  return out;
}

std::vector<std::string> two_pass_ranking(const std::string& db, const std::string& query) {
  const Xapian::Database database(db);
  const analysis::Analyzer analyzer;
  const BuiltQuery built = QueryBuilder(analyzer, database).build(parse_query(query), false);
  const std::vector<std::string> whole = ranking_of(database, built.query, false);
  if (built.first_pass.empty()) return whole;
  const std::vector<std::string> first = ranking_of(database, built.first_pass, true);
  const auto window_end = first.begin() + std::min<std::ptrdiff_t>(kRescoreWindow, std::ssize(first));
  const std::set<std::string> window(first.begin(), window_end);
  std::vector<std::string> out;
  std::ranges::copy_if(whole, std::back_inserter(out), [&](const std::string& id) { return window.contains(id); });
  out.insert(out.end(), window_end, first.end());
  return out;
}

/// One page of 100 and every page of one document give two_pass_ranking(); returns that ranking.
std::vector<std::string> expect_pages_follow_passes(const Searcher& searcher, const std::string& db,
                                                    const std::string& query) {
  const std::vector<std::string> expected = two_pass_ranking(db, query);
  EXPECT_EQ(ids(run_query(searcher, query, 100)), expected) << query;
  std::vector<std::string> paged;
  for (std::uint32_t offset = 0; offset < expected.size() + 1; ++offset) {
    SearchRequest request;
    request.query = query;
    request.offset = offset;
    request.limit = 1;  // a page that documents matching every word fill, for the all-words pass
    const SearchResults page = searcher.search(request);
    for (const Hit& hit : page.hits) {
      EXPECT_EQ(hit.rank, offset + 1) << query;
      paged.push_back(hit.id);
    }
    EXPECT_GE(page.total, page.hits.empty() ? 0u : offset + 1) << query;
  }
  EXPECT_EQ(paged, expected) << query;
  return expected;
}

TEST_F(SearchRules, PassesGiveTheirRankingOnEveryPage) {
  for (const char* query :
       {"مجلس خبرگان", "صندوق الکترونیکی", "هماهنگی های ستاد", "جمهوری خواه انتخابات", "کاندیدای ریاست 1402",
        "مجلس خبرگان -اصلاح", "مجلس خبرگان منبع:ایرنا",
        // dropped stopwords: a second-pass boost, with one free word too
        "مشارکت مردم در شهر", "اصلاح در مجلس", "حرم در",
        // two clauses, one free word: no positional boost, all-words pass only
        "«مجلس خبرگان» رهبری", "صندوق عنوان:مشارکت", "هماهنگی‌ها «ستاد انتخابات»",
        // loose readings (one word, several, beside a group and a phrase)
        "کتابی", "کتابی خاطرات", "رقابتی جدی شد", "مجلس خبرگان کتابی", "کتابی «خاطرات جنگ»"}) {
    expect_pages_follow_passes(*searcher_, db_, query);
  }
}

// Three windows of documents that tie in the first pass (same words, same length; newest first); every
// third one has the words as a phrase. The boost lifts the phrases of the first window to the top of
// it; below the window the first pass's order holds on every page.
TEST(RescoreWindow, RanksBelowTheWindowKeepTheFirstPassOrder) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  std::vector<std::string> records;
  for (unsigned i = 0; i < 3 * kRescoreWindow; ++i) {
    const char* body = i % 3 == 0 ? "مجلس خبرگان نشست داشت" : "مجلس نشست خبرگان داشت";
    char date[16];
    std::snprintf(date, sizeof date, "2024-01-%02u", i + 1);  // one day each: no two documents tie on date
    records.push_back(R"({"id":"d)" + std::to_string(100 + i) + R"(","body":")" + body + R"(","date":")" + date +
                      R"("})");
  }
  testing::build_database(db, records);
  const Searcher searcher(db);
  const std::vector<std::string> ranking = expect_pages_follow_passes(searcher, db, "مجلس خبرگان");
  ASSERT_EQ(ranking.size(), 3 * kRescoreWindow);
  // Newest first among ties: d129 … d100. In the window (d129 … d120) the phrases d127, d124, d121 lead.
  EXPECT_THAT(std::vector(ranking.begin(), ranking.begin() + 4), ElementsAre("d127", "d124", "d121", "d129"));
  EXPECT_EQ(ranking[kRescoreWindow], "d119");  // not the phrase d118: first-pass order below the window
}

TEST(SplitClosedWords, OnlyRareClosedFormsAreSplit) {
  testing::TempDir dir;
  std::vector<std::string> records = {R"({"id":"spaced","body":"نامزد جمهوری خواه"})"};
  for (int i = 0; i < 3; ++i) records.push_back(R"({"id":"closed)" + std::to_string(i) + R"(","body":"جمهوریخواه"})");
  testing::build_database(dir.path() + "/rare", records);
  EXPECT_THAT(ids(run_query(Searcher(dir.path() + "/rare"), "جمهوریخواه")), ::testing::Contains("spaced"));
  // In 20+ documents (and 0.1% of the collection) the closed form is a word of its own: not split.
  for (int i = 3; i < 20; ++i) records.push_back(R"({"id":"closed)" + std::to_string(i) + R"(","body":"جمهوریخواه"})");
  testing::build_database(dir.path() + "/common", records);
  const auto found = ids(run_query(Searcher(dir.path() + "/common"), "جمهوریخواه", 100));
  EXPECT_EQ(found.size(), 20u);
  EXPECT_THAT(found, ::testing::Not(::testing::Contains("spaced")));
}

// An infinitive is a noun of its own in the index (`کشتن`, killing, is not کشت, also cultivation), and a
// query for it also reads it as its verb, below the documents that hold the infinitive itself.
TEST(InfinitiveReadings, AnInfinitiveFindsItsVerbBelowItself) {
  testing::TempDir dir;
  testing::build_database(dir.path() + "/db", {R"({"id":"infinitive","body":"رفتن به پای صندوق رای وظیفه است"})",
                                               R"({"id":"verb","body":"مردم به پای صندوق رای رفتند"})",
                                               R"({"id":"other","body":"صندوق رای"})",
                                               R"({"id":"killing","body":"کشتن غیرنظامیان محکوم شد"})",
                                               R"({"id":"crop","body":"کشت گندم آغاز شد"})"});
  const Searcher searcher(dir.path() + "/db");
  EXPECT_THAT(ids(run_query(searcher, "رفتن")), ElementsAre("infinitive", "verb"));
  EXPECT_THAT(ids(run_query(searcher, "می‌رود")), ElementsAre("verb"));
  EXPECT_THAT(ids(run_query(searcher, "کشت")), ElementsAre("crop"));
  EXPECT_THAT(ids(run_query(searcher, "کشتن")), ElementsAre("killing", "crop"));
}

// The verb of an infinitive is the same word, not a guess like a loose reading: a document holding it and
// the query's other word is an all-words match, above one that holds the other word alone, however often.
TEST(InfinitiveReadings, TheVerbCountsTowardTheAllWordsTier) {
  testing::TempDir dir;
  testing::build_database(
      dir.path() + "/db",
      {R"({"id":"verb","body":"در این روز گرم تابستان مردم شهر و روستا با شور فراوان به پای صندوق رای رفتند و )"
       R"(تا پاسی از شب در صف ایستادند تا نظر خود را بگویند"})",
       R"({"id":"noun","body":"صندوق صندوق صندوق صندوق"})"});
  EXPECT_THAT(ids(run_query(Searcher(dir.path() + "/db"), "رفتن صندوق")), ElementsAre("verb", "noun"));
}

// A highlight shows what matched: the words of a phrase, of a split or of a compound's parts light up
// where they stand together, not wherever one of them occurs.
TEST(Highlights, PhraseSplitAndPartsLightUpOnlyTogether) {
  testing::TempDir dir;
  std::vector<std::string> records = {
      R"({"id":"phrase","body":"مجلس شورا و مجلس خبرگان رهبری و خبرگان حوزه"})",
      R"({"id":"spaced","body":"جمهوری اسلامی و نامزد جمهوری خواه"})",
      R"({"id":"half","body":"جمهوری اسلامی و نامزد جمهوری‌خواه"})"};
  for (int i = 0; i < 3; ++i) records.push_back(R"({"id":"closed)" + std::to_string(i) + R"(","body":"جمهوریخواه"})");
  testing::build_database(dir.path() + "/db", records);
  const Searcher searcher(dir.path() + "/db");
  const auto snippet_of = [&](const std::string& query, const std::string& id) {
    for (const Hit& hit : run_query(searcher, query).hits) {
      if (hit.id == id) return render_snippet(hit.snippet, "[", "]");
    }
    return std::string("(not found)");
  };
  EXPECT_EQ(snippet_of("«مجلس خبرگان»", "phrase"), "مجلس شورا و [مجلس] [خبرگان] رهبری و خبرگان حوزه");
  // A closed word the index holds (rarely) is a word of its own: its split matches only side by side.
  EXPECT_EQ(snippet_of("جمهوریخواه", "spaced"), "جمهوری اسلامی و نامزد [جمهوری] [خواه]") << "a split";
  EXPECT_EQ(snippet_of("«جمهوری‌خواه»", "half"),
            "جمهوری اسلامی و نامزد [جمهوری‌خواه]")
      << "a compound's parts";
  // Unquoted words still light up one by one.
  EXPECT_EQ(snippet_of("مجلس خبرگان", "phrase"), "[مجلس] شورا و [مجلس] [خبرگان] رهبری و [خبرگان] حوزه");
  EXPECT_EQ(snippet_of("جمهوری خواه", "half"), "[جمهوری] اسلامی و نامزد [جمهوری‌خواه]");
}

// Two words typed without a space (a word the index never saw) find the documents holding both words,
// side by side first, then apart; a split with a short half (`نو`) stays a phrase, so it finds nothing
// apart, and a function word is no half.
TEST(SplitWords, TwoWordsTypedTogetherAreSearchedAsWords) {
  testing::TempDir dir;
  testing::build_database(dir.path() + "/db",
                          {R"({"id":"apart","body":"مجلس امروز درباره خبرگان رهبری گفت و گو کرد و مجلس رای داد"})",
                           R"({"id":"together","body":"نشست مجلس خبرگان رهبری برگزار شد"})",
                           R"({"id":"one","body":"مجلس امروز تشکیل جلسه داد"})",
                           R"({"id":"short","body":"سال نو و خبر از تهران"})"});
  const Searcher searcher(dir.path() + "/db");
  const SearchResults together = run_query(searcher, "مجلسخبرگان");
  EXPECT_EQ(ids(together), (std::vector<std::string>{"together", "apart"}));
  EXPECT_EQ(together.suggestion, "مجلس خبرگان") << "the split is offered, though the query found documents";
  EXPECT_EQ(run_query(searcher, "مجلسخبرگان رهبری").suggestion, "مجلس خبرگان رهبری") << "edited in place";
  EXPECT_TRUE(ids(run_query(searcher, "خبرنو")).empty()) << "خبر + نو only side by side";
  EXPECT_TRUE(ids(run_query(searcher, "خبراز")).empty()) << "no phrase of خبر + the function word از";
}

}  // namespace
}  // namespace kavosh::search

namespace kavosh::search {
namespace {

/// `records` and ten articles on other subjects, so that the query words are rare as in a real index.
std::vector<std::string> with_other_news(std::vector<std::string> records) {
  for (int i = 0; i < 10; ++i) {
    records.push_back(R"({"id":"filler)" + std::to_string(i) +
                      R"(","body":"هوای تهران امروز آفتابی است و باران نمی بارد"})");
  }
  return records;
}

// A query word is one term whatever form it is typed in: a plural in the query counts the singular's
// documents as the same word (a small bonus for the exact form), so a document about it by its
// singular does not sink below a passing mention of the plural.
TEST(QueryModel, AWordsFormsCountAsOneTerm) {
  testing::TempDir dir;
  testing::build_database(dir.path() + "/db",
                          with_other_news({R"({"id":"singular","body":"نماینده تهران و نماینده تبریز و نماینده قم"})",
                                           R"({"id":"plural","body":"نمایندگان در جلسه امروز حاضر شدند"})"}));
  const Searcher searcher(dir.path() + "/db");
  EXPECT_EQ(ids(run_query(searcher, "نمایندگان")), (std::vector<std::string>{"singular", "plural"}));
  EXPECT_EQ(ids(run_query(searcher, "نماینده")), (std::vector<std::string>{"singular", "plural"}));
}

// No tier puts every document holding all the words above the others: a short article about one word
// outranks a long miscellany that mentions each word once, while among comparable documents holding
// every word still counts (the coordination bonus).
TEST(QueryModel, HoldingEveryWordIsABonusNotATier) {
  std::string miscellany = "گزارش روز: ";
  for (int i = 0; i < 60; ++i) miscellany += "بازار سهام و قیمت طلا و ارز در هفته گذشته تغییر کرد ";
  miscellany += "قرارداد تازه امضا شد و کیروش هم در مصاحبه ای سخن گفت";
  testing::TempDir dir;
  testing::build_database(
      dir.path() + "/db",
      with_other_news({R"({"id":"miscellany","body":")" + miscellany + R"("})",
                       R"({"id":"about","title":"کیروش","body":"کیروش از تیم ملی جدا شد و کیروش خداحافظی کرد"})",
                       R"({"id":"both","body":"قرارداد کیروش با فدراسیون تمدید شد"})",
                       R"({"id":"one","body":"قرارداد فدراسیون با مربی تمدید شد"})"}));
  const Searcher searcher(dir.path() + "/db");
  EXPECT_EQ(ids(run_query(searcher, "قرارداد کیروش")),
            (std::vector<std::string>{"both", "about", "one", "miscellany"}));
}

}  // namespace
}  // namespace kavosh::search
