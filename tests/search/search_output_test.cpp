// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-search's command line, in-process: formats, batch, exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kavosh/search/cli.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

class SearchCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    db_ = dir_->path() + "/db";
    testing::build_database(db_, testing::rule_records(), testing::rule_synonyms());
  }
  static void TearDownTestSuite() { dir_.reset(); }

  /// The options make_app parses from `args` (the program name is added); CLI11's errors propagate.
  static Options parse(std::vector<std::string> args) {
    args.insert(args.begin(), "kavosh-search");
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    Options options;
    auto app = make_app(options);
    app->parse(static_cast<int>(argv.size()), argv.data());
    return options;
  }

  /// Parses `args` and runs; returns the exit code, output in out_/err_.
  int run_cli(std::vector<std::string> args) {
    const Options options = parse(std::move(args));
    out_.str("");
    err_.str("");
    return run(options, out_, err_);
  }

  static inline std::unique_ptr<testing::TempDir> dir_;
  static inline std::string db_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(SearchCli, JsonHasExactlyTheDocumentedFields) {
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--", "کاندیدای", "شرکت"}), 0);
  const auto json = nlohmann::json::parse(out_.str());
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_THAT(keys, ::testing::UnorderedElementsAre("query", "total", "total_is_estimate", "total_lower", "total_upper",
                                                    "offset", "hits", "suggestion", "warnings", "readings", "facets",
                                                    "partial", "failed_shards"));
  EXPECT_EQ(json["facets"], nlohmann::json::object());
  EXPECT_EQ(json["partial"], false);  // a database directory answers whole or fails
  EXPECT_EQ(json["failed_shards"], nlohmann::json::array());
  EXPECT_EQ(json["total_is_estimate"], false);
  EXPECT_EQ(json["total_lower"], json["total"]);
  EXPECT_EQ(json["total_upper"], json["total"]);
  EXPECT_EQ(json["query"], "کاندیدای شرکت");
  ASSERT_FALSE(json["hits"].empty());
  const auto& hit = json["hits"][0];
  for (const char* key : {"id", "rank", "score", "title", "date", "date_jalali", "source", "url", "snippet", "story",
                          "copies", "other_sources"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit["id"], "arabic");
  EXPECT_THAT(hit["snippet"].get<std::string>(), ::testing::HasSubstr("\x02"
                                                                      "كانديداي"
                                                                      "\x03"));
  EXPECT_TRUE(json["suggestion"].is_null());
  EXPECT_EQ(json["readings"], nlohmann::json::array());
}

TEST_F(SearchCli, APartialAnswerNamesTheShardsThatDidNotAnswer) {
  // A cluster whose shard 1 has no replica left (a path that does not exist) and whose shard 0 is db_.
  const std::string cluster = dir_->path() + "/cluster";
  std::ofstream(cluster) << "kavosh-cluster\n" << db_ << "\nmissing\n";
  ASSERT_EQ(run_cli({"--db", cluster, "--format", "json", "--", "کاندیدای", "شرکت"}), 0) << err_.str();
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["partial"], true);
  EXPECT_EQ(json["failed_shards"], nlohmann::json::array({1}));
  EXPECT_EQ(json["hits"][0]["id"], "arabic");  // shard 0 answers
  ASSERT_EQ(run_cli({"--db", cluster, "--", "کاندیدای", "شرکت"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), ::testing::StartsWith("! partial results: shard 1 did not answer\n"));
  ASSERT_EQ(run_cli({"--db", db_, "--", "کاندیدای", "شرکت"}), 0);
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr("partial results")));
  std::ofstream(cluster) << "kavosh-cluster\nmissing0\nmissing1\n";
  EXPECT_EQ(run_cli({"--db", cluster, "--", "کاندیدای"}), 1);
  EXPECT_THAT(err_.str(), ::testing::HasSubstr("no shard of the cluster answers"));
}

TEST_F(SearchCli, InformalWordsSayWhatWasSearched) {
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--", "اهنگ", "موسیقی"}), 0);
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["readings"], nlohmann::json::parse(R"([{"typed":"اهنگ","written":"آهنگ"}])"));
  EXPECT_EQ(json["hits"][0]["id"], "informal-madda");
  EXPECT_THAT(json["hits"][0]["snippet"].get<std::string>(), ::testing::HasSubstr("\x02"
                                                                                  "آهنگ"
                                                                                  "\x03"));
  ASSERT_EQ(run_cli({"--db", db_, "--", "اهنگ"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("«اهنگ» به صورت «آهنگ» هم جست‌وجو شد."));
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--", "نامه"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["readings"], nlohmann::json::array());
}

TEST_F(SearchCli, EveryQueryStringExitsZeroWithOneJsonObject) {
  for (const std::string& query : {std::string(""), std::string("\xff\xfe"), std::string("\"«"),
                                   std::string(10000, '-'), std::string("OR"), std::string("🗳️")}) {
    ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--", query}), 0);
    const std::string out = out_.str();
    EXPECT_NO_THROW(nlohmann::json::parse(out)) << out.substr(0, 80);
    EXPECT_EQ(std::ranges::count(out, '\n'), 1);
  }
}

TEST_F(SearchCli, BatchTrecRunLines) {
  const std::string queries = dir_->path() + "/queries.tsv";
  std::ofstream(queries) << "q1\tحرم\nq2\tهماهنگی‌ها\n\nq3\t\"\n";
  ASSERT_EQ(run_cli({"--db", db_, "--batch", queries, "--format", "trec"}), 0);
  std::istringstream lines(out_.str());
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u);  // 1 + 3 + 0 hits
  EXPECT_THAT(rows[0], ::testing::MatchesRegex("q1 Q0 haram 1 [0-9.]+ kavosh"));
  EXPECT_THAT(rows[3], ::testing::StartsWith("q2 Q0 "));
}

TEST_F(SearchCli, TextMarksHighlightsOnAPipe) {
  ASSERT_EQ(run_cli({"--db", db_, "--", "فرمانداری"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("[فرمانداری]"));
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("۱۴۰۲/۱۰/۰۳"));
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr("\x1b[")));
}

TEST_F(SearchCli, TextCountIsExactWithoutAbout) {
  ASSERT_EQ(run_cli({"--db", db_, "--", "هماهنگی‌ها"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("۳ نتیجه\n"));
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr("حدود")));
}

TEST_F(SearchCli, LimitZeroPrintsTheCountNotNoResult) {
  ASSERT_EQ(run_cli({"--db", db_, "--limit", "0", "--", "هماهنگی‌ها"}), 0);
  EXPECT_EQ(out_.str(), "۳ نتیجه\n");  // no "did you mean": the word is found
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr("یافت نشد")));
  ASSERT_EQ(run_cli({"--db", db_, "--limit", "0", "--format", "json", "--", "هماهنگی‌ها"}), 0);
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["total"], 3);
  EXPECT_EQ(json["hits"], nlohmann::json::array());
  ASSERT_EQ(run_cli({"--db", db_, "--limit", "0", "--", "ناموجودترین"}), 0);
  EXPECT_EQ(out_.str(), "نتیجه‌ای یافت نشد.\n");
}

TEST_F(SearchCli, TextSaysAboutOnlyForAnEstimate) {
  SearchResults results;
  results.total = 600;
  results.total_is_estimate = true;
  results.total_lower = 300;
  results.total_upper = 620;
  std::ostringstream out;
  write_text(out, results, false);
  EXPECT_EQ(out.str(), "حدود ۶۰۰ نتیجه\n");
}

TEST_F(SearchCli, FacetsInJsonAndText) {
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--limit", "1", "--facets", "source,category,year", "--",
                     "هماهنگی‌ها"}),
            0);
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["facets"], nlohmann::json::parse(R"({
    "source": [{"value":"ایرنا","count":1},{"value":"خبرگزاری مهر","count":1},{"value":"فارس","count":1}],
    "category": [{"value":"سیاسی","count":2},{"value":"اجتماعی","count":1}],
    "year": [{"value":"1402","count":3}]})"));
  ASSERT_EQ(run_cli({"--db", db_, "--limit", "0", "--facets", "category", "--province", "تهران", "--",
                     "هماهنگی‌ها"}),
            0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("۱ نتیجه\nدسته: سیاسی (۱)\n"));
  ASSERT_EQ(
      run_cli({"--db", db_, "--limit", "0", "--facets", "category", "--tag", "هیچ", "--", "هماهنگی‌ها"}), 0);
  EXPECT_EQ(out_.str(), "نتیجه‌ای یافت نشد.\n");
}

TEST_F(SearchCli, RelatedArticles) {
  // hs-zwnj, hs-space, hs-none share their title and the rare word هماهنگی (in three spellings).
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "--limit", "2", "--related", "hs-space"}), 0);
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["id"], "hs-space");
  ASSERT_EQ(json["hits"].size(), 2u);
  std::set<std::string> ids{json["hits"][0]["id"], json["hits"][1]["id"]};
  EXPECT_EQ(ids, (std::set<std::string>{"hs-zwnj", "hs-none"}));
  EXPECT_TRUE(json["terms"].is_array());
  ASSERT_EQ(run_cli({"--db", db_, "--limit", "1", "--related", "hs-space"}), 0);
  EXPECT_THAT(out_.str(), ::testing::StartsWith("۱. خبر ستاد  (hs-"));
  EXPECT_THAT(out_.str(), ::testing::HasSubstr(")\n   ۱۴۰۲/۱۰/۰"));
  EXPECT_EQ(run_cli({"--db", db_, "--related", "no-such-id"}), 1);
  EXPECT_EQ(err_.str(), "kavosh-search: error: no document with id 'no-such-id'\n");
}

TEST_F(SearchCli, ALeadingMinusWordNeedsNoSeparator) {
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "-ریاست", "کاندیدای"}), 0);
  const auto json = nlohmann::json::parse(out_.str());
  EXPECT_EQ(json["query"], "-ریاست کاندیدای");  // the words in the order typed
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "-(تهران", "OR", "اصفهان)", "کاندیدای"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["query"], "-(تهران OR اصفهان) کاندیدای");
  EXPECT_EQ(run_cli({"--db", db_, "--format", "json", "--", "-ریاست"}), 0);
}

TEST_F(SearchCli, OperatorsAndPrefixesOnTheCommandLine) {
  ASSERT_EQ(run_cli({"--db", db_, "--format", "trec", "خبرگ*"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr(" khobregan "));
  ASSERT_EQ(run_cli({"--db", db_, "--format", "trec", "مجلس", "AND", "NOT", "خبرگ*"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr(" eslah "));
  EXPECT_THAT(out_.str(), ::testing::Not(::testing::HasSubstr(" khobregan ")));
}

TEST_F(SearchCli, UnknownLongOptionIsStillAUsageError) {
  EXPECT_THROW(parse({"--db", "x", "--limt", "5", "q"}), CLI::ExtrasError);
}

TEST_F(SearchCli, ReversedDatesAreAUsageError) {
  EXPECT_THROW(parse({"--db", "x", "--from", "1402/12/29", "--to", "1402/12/01", "q"}), CLI::ValidationError);
  ASSERT_EQ(run_cli({"--db", db_, "--from", "1402/12/01", "--to", "1402/12/29", "--", "حرم"}), 0);
}

TEST_F(SearchCli, DatesThatDoNotOverlapAreAWarning) {
  ASSERT_EQ(run_cli({"--db", db_, "--from", "1402", "--", "هماهنگی‌ها date:1401"}), 0);
  EXPECT_THAT(out_.str(),
              ::testing::HasSubstr("! the dates do not overlap (2023-03-21 is after 2023-03-20): nothing matches"));
}

TEST_F(SearchCli, AnUnknownFieldIsAWarningInTextAndJson) {
  const std::string warning = "unknown field 'tags' (title, source, category, province, tag, date): searched as words";
  ASSERT_EQ(run_cli({"--db", db_, "tags:حرم"}), 0);
  EXPECT_THAT(out_.str(), ::testing::HasSubstr("! " + warning));
  ASSERT_EQ(run_cli({"--db", db_, "--format", "json", "tags:حرم"}), 0);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["warnings"], nlohmann::json::array({warning}));
}

TEST_F(SearchCli, UnknownFacetIsAUsageError) {
  EXPECT_THROW(parse({"--db", "x", "--facets", "source,colour", "q"}), CLI::ValidationError);
}

TEST_F(SearchCli, BadDatabaseIsOneLineAndExitOne) {
  EXPECT_EQ(run_cli({"--db", dir_->path() + "/missing", "انتخابات"}), 1);
  EXPECT_THAT(err_.str(), ::testing::StartsWith("kavosh-search: error: "));
  EXPECT_EQ(std::ranges::count(err_.str(), '\n'), 1);
  EXPECT_TRUE(out_.str().empty());
  const std::string garbage = dir_->path() + "/garbage";
  std::ofstream(garbage) << "not a database\n";
  EXPECT_EQ(run_cli({"--db", garbage, "انتخابات"}), 1);
}

}  // namespace
}  // namespace kavosh::search
