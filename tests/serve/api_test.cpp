// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The HTTP API against a real server: every endpoint, every error status, CORS, limits, CLI parsing.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "serve_fixture.h"

namespace kavosh::serve::testing {
namespace {

using nlohmann::json;

class ApiTest : public CorpusTest {
 protected:
  void SetUp() override {
    Options options;
    options.db = db_path();
    options.threads = 2;
    options.cors = {"https://portal.example"};
    options.max_query_bytes = 200;
    server_ = std::make_unique<RunningServer>(options);
    client_ = server_->client();
  }

  /// GET `path` and expect `status` with a JSON body.
  json get(const std::string& path, int status, const httplib::Headers& headers = {}) {
    const auto res = client_->Get(path, headers);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << " → " << res->body;
    EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("application/json")) << path;
    return json::parse(res->body, nullptr, false);
  }
  json search(const std::string& query, const std::string& extra = "", int status = 200) {
    return get("/api/search?q=" + url_encode(query) + extra, status);
  }

  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ApiTest, SearchReturnsTheJsonOfKavoshSearch) {
  const json body = search("ثبتنام داوطلبان خبرگان", "&limit=3");
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["query"], "ثبتنام داوطلبان خبرگان");
  EXPECT_GT(body["total"].get<int>(), 0);
  ASSERT_EQ(body["hits"].size(), 3u);
  const json& hit = body["hits"][0];
  for (const char* key : {"id", "rank", "score", "title", "date", "date_jalali", "source", "url", "snippet"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_EQ(body["partial"], false);
  EXPECT_EQ(body["failed_shards"], json::array());
  // The document writes ثبت‌نام with a half-space; the highlight covers the document's own spelling.
  EXPECT_NE(hit["snippet"].get<std::string>().find("\x02ثبت\u200cنام\x03"), std::string::npos) << hit["snippet"];
}

TEST_F(ApiTest, SearchFiltersPagesAndSorts) {
  const json page2 = search("انتخابات", "&limit=5&offset=5&sort=date");
  EXPECT_EQ(page2["offset"], 5);
  EXPECT_EQ(page2["hits"][0]["rank"], 6);
  const json filtered = search("انتخابات", "&limit=50&source=" + url_encode("ایسنا"));
  ASSERT_FALSE(filtered["hits"].empty());
  for (const json& hit : filtered["hits"]) EXPECT_EQ(hit["source"], "ایسنا");
  const json dated = search("انتخابات", "&limit=50&from=" + url_encode("۱۴۰۲/۱۲/۱۱") + "&to=1402/12/30");
  for (const json& hit : dated["hits"]) EXPECT_GE(hit["date_jalali"].get<std::string>(), "1402/12/11");
}

TEST_F(ApiTest, ReversedDatesAre400AndQueryDatesThatDoNotOverlapAWarning) {
  EXPECT_EQ(search("انتخابات", "&from=1402/12/29&to=1402/12/01", 400)["error"],
            "the date range is reversed: from '1402/12/29' (2024-03-19) is after to '1402/12/01' (2024-02-20)");
  const json disjoint = search("انتخابات date:1401 date:1402");
  EXPECT_EQ(disjoint["total"], 0);
  EXPECT_EQ(disjoint["warnings"],
            json::array({"the dates do not overlap (2023-03-21 is after 2023-03-20): nothing matches"}));
}

TEST_F(ApiTest, OperatorsPrefixesAndUnknownFields) {
  // Documents, not stories: two copies of one story can fall on both sides of NOT.
  const auto total = [&](const std::string& query) { return search(query, "&collapse=off")["total"].get<int>(); };
  const int words = total("انتخابات مجلس");
  const int both = total("انتخابات AND مجلس");
  const int without = total("انتخابات NOT مجلس");
  const int elections = total("انتخابات");
  EXPECT_GT(both, 0);
  EXPECT_LT(both, words);
  EXPECT_EQ(both + without, elections);
  EXPECT_GT(total("انتخاب*"), elections);
  EXPECT_EQ(search("tags:انتخابات")["warnings"],
            json::array({"unknown field 'tags' (title, source, category, province, tag, date): searched as words"}));
}

TEST_F(ApiTest, OneHitPerStoryUnlessCollapseIsOff) {
  // a041 republishes a004 (corpus/articles.jsonl, dup_of).
  const auto ids_of = [](const json& body) {
    std::set<std::string> ids;
    for (const json& hit : body["hits"]) ids.insert(hit["id"].get<std::string>());
    return ids;
  };
  const json collapsed = search("صلاحیت داوطلبان خبرگان", "&limit=100");
  const json all = search("صلاحیت داوطلبان خبرگان", "&limit=100&collapse=off");
  EXPECT_TRUE(ids_of(all).contains("a004") && ids_of(all).contains("a041"));
  EXPECT_NE(ids_of(collapsed).contains("a004"), ids_of(collapsed).contains("a041"));
  EXPECT_LT(collapsed["total"].get<int>(), all["total"].get<int>());  // stories, not documents
  EXPECT_EQ(collapsed["hits"].size(), collapsed["total"].get<std::size_t>());
  for (const json& hit : collapsed["hits"]) {
    if (hit["id"] != "a004" && hit["id"] != "a041") continue;
    EXPECT_EQ(hit["copies"], 1);
    EXPECT_EQ(hit["other_sources"], json::array({hit["id"] == "a004" ? "تسنیم" : "ایرنا"}));
    EXPECT_EQ(ids_of(search("story:" + hit["story"].get<std::string>())), (std::set<std::string>{"a004", "a041"}));
  }
  EXPECT_EQ(ids_of(search("صلاحیت داوطلبان خبرگان", "&limit=100&collapse=on")), ids_of(collapsed));
  EXPECT_EQ(search("x", "&collapse=maybe", 400)["error"], "parameter 'collapse' must be 'on' or 'off'");
}

TEST_F(ApiTest, CountsAreExactWithLimitZero) {
  std::size_t expected = 0;
  for (const std::string& line : corpus_records()) expected += json::parse(line)["source"] == "ایسنا";
  ASSERT_GT(expected, 0u);
  const json body = search("منبع:ایسنا", "&limit=0");
  EXPECT_EQ(body["total"], expected);
  EXPECT_EQ(body["total_is_estimate"], false);
  EXPECT_EQ(body["total_lower"], expected);
  EXPECT_EQ(body["total_upper"], expected);
  EXPECT_EQ(body["hits"], json::array());
}

TEST_F(ApiTest, FacetsWithDrillDownAndRepeatedFilters) {
  const json all = search("انتخابات", "&limit=0&facets=source,tag&facet_limit=3");
  ASSERT_TRUE(all["facets"].is_object()) << all;
  ASSERT_EQ(all["facets"]["source"].size(), 3u);
  ASSERT_EQ(all["facets"]["tag"].size(), 3u);
  const json& top = all["facets"]["source"][0];
  EXPECT_GE(top["count"].get<int>(), all["facets"]["source"][1]["count"].get<int>());
  // Filtering by a facet value gives as many matches as its count; the facet still lists the others.
  const json one = search("انتخابات", "&limit=0&facets=source&facet_limit=3&source=" + url_encode(top["value"]));
  EXPECT_EQ(one["total"], top["count"]);
  EXPECT_EQ(one["facets"]["source"], all["facets"]["source"]);
  const json tag = all["facets"]["tag"][1];
  const json two_tags = search("انتخابات", "&limit=0&tag=" + url_encode(all["facets"]["tag"][0]["value"]) +
                                               "&tag=" + url_encode(tag["value"]));
  EXPECT_GE(two_tags["total"].get<int>(), tag["count"].get<int>());  // repeated: either tag
  const json year = search("انتخابات", "&limit=0&facets=year,month&year=1402");
  EXPECT_FALSE(year["facets"]["month"].empty());
  for (const json& month : year["facets"]["month"]) EXPECT_TRUE(month["value"].get<std::string>().starts_with("1402/"));
  const auto res = client_->Post("/api/search", R"({"q":"انتخابات","limit":0,"facets":["province","category"]})",
                                 "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["facets"].size(), 2u);
}

TEST_F(ApiTest, BadFacetRequestsAre400) {
  EXPECT_EQ(search("انتخابات", "&facets=source,colour", 400)["error"],
            "unknown facet 'colour' (source, category, province, tag, year, month)");
  EXPECT_TRUE(search("انتخابات", "&facets=source&facet_limit=0", 400).contains("error"));
  EXPECT_TRUE(search("انتخابات", "&facets=source&facet_limit=1000", 400).contains("error"));
  EXPECT_TRUE(search("انتخابات", "&tag=%ff", 400).contains("error"));
}

TEST_F(ApiTest, RelatedArticles) {
  const json body = get("/api/related/a001?limit=3", 200);
  EXPECT_EQ(body["id"], "a001");
  ASSERT_EQ(body["hits"].size(), 3u);
  for (const json& hit : body["hits"]) {
    EXPECT_NE(hit["id"], "a001");
    EXPECT_TRUE(hit.contains("title") && hit.contains("url") && hit.contains("date_jalali"));
  }
  EXPECT_FALSE(body["terms"].empty());
  EXPECT_EQ(get("/api/related/a001", 200)["hits"].size(), 5u);  // default limit
  EXPECT_EQ(get("/api/related/no-such-id", 404)["error"], "no document with id 'no-such-id'");
  EXPECT_TRUE(get("/api/related/a001?limit=0", 400).contains("error"));
  EXPECT_TRUE(get("/api/related/a001?limit=abc", 400).contains("error"));
}

TEST_F(ApiTest, SearchAcceptsAJsonBody) {
  const auto res =
      client_->Post("/api/search", R"({"q":"مجلس خبرگان","limit":2,"source":["ایسنا","مهر"]})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  const json body = json::parse(res->body);
  EXPECT_LE(body["hits"].size(), 2u);
  for (const json& hit : body["hits"]) EXPECT_TRUE(hit["source"] == "ایسنا" || hit["source"] == "مهر");
}

TEST_F(ApiTest, SuggestCompletesTheLastWord) {
  const json body = get("/api/suggest?q=" + url_encode("مجلس انتخا"), 200);
  ASSERT_FALSE(body["completions"].empty()) << body;
  EXPECT_EQ(body["completions"][0].get<std::string>().rfind("مجلس انتخا", 0), 0u) << body;
  EXPECT_TRUE(body.contains("suggestion"));
  EXPECT_EQ(get("/api/suggest?q=" + url_encode("۱۴"), 200)["completions"], json::array());  // no numbers
  const json phrase = get("/api/suggest?q=" + url_encode("مجلس خبرگ"), 200);
  EXPECT_EQ(phrase["completions"], json::array({"مجلس خبرگان"})) << phrase;  // only what follows مجلس
}

TEST_F(ApiTest, DocReturnsTheStoredRecordOr404) {
  const json doc = get("/api/doc/a001", 200);
  EXPECT_EQ(doc["id"], "a001");
  EXPECT_TRUE(doc.contains("body"));
  EXPECT_TRUE(get("/api/doc/no-such-id", 404).contains("error"));
  EXPECT_TRUE(get("/api/doc/" + std::string(300, 'x'), 404).contains("error"));
}

TEST_F(ApiTest, HealthzAndMetrics) {
  const json health = get("/healthz", 200);
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["documents"], corpus_records().size());
  search("مجلس");
  get("/api/doc/nope", 404);
  // A request is counted by cpp-httplib's logger right after its answer is sent, maybe on another
  // worker than the next request: poll briefly.
  std::string body;
  for (int i = 0; i < 100; ++i) {
    const auto res = client_->Get("/metrics");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
    body = res->body;
    if (body.find("endpoint=\"search\",status=\"200\"") != std::string::npos &&
        body.find("endpoint=\"doc\",status=\"404\"") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (const std::string& line :
       std::vector<std::string>{"kavosh_http_requests_total{endpoint=\"search\",status=\"200\"} 1",
                                "kavosh_http_requests_total{endpoint=\"doc\",status=\"404\"} 1",
                                "kavosh_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"+Inf\"} 1",
                                "kavosh_index_documents " + std::to_string(corpus_records().size()),
                                "kavosh_index_revision ", "kavosh_index_up 1"}) {
    EXPECT_NE(body.find(line), std::string::npos) << line << "\n" << body;
  }
}

TEST_F(ApiTest, ARepeatedRequestIsAnsweredFromTheCacheWithTheSameBytes) {
  const std::string path = "/api/search?q=" + url_encode("انتخابات مجلس") + "&facets=source";
  const auto first = client_->Get(path);
  ASSERT_TRUE(first);
  const auto again = client_->Get(path);
  const auto other = client_->Get(path + "&_=1");  // any other parameter is another request
  const auto suggest = client_->Get("/api/suggest?q=" + url_encode("انتخا"));
  const auto suggest_again = client_->Get("/api/suggest?q=" + url_encode("انتخا"));
  ASSERT_TRUE(again && other && suggest && suggest_again);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(other->body, first->body);
  EXPECT_EQ(suggest_again->body, suggest->body);
  EXPECT_EQ(metric_line(*client_, "kavosh_cache_requests_total{result=\"hit\"}"),
            "kavosh_cache_requests_total{result=\"hit\"} 2");
  EXPECT_EQ(metric_line(*client_, "kavosh_cache_requests_total{result=\"miss\"}"),
            "kavosh_cache_requests_total{result=\"miss\"} 3");
  EXPECT_EQ(metric_line(*client_, "kavosh_cache_entries"), "kavosh_cache_entries 3");
}

TEST_F(ApiTest, WithoutACacheEveryRequestIsSearched) {
  Options options;
  options.db = db_path();
  options.cache_mb = 0;
  RunningServer uncached(options);
  const auto client = uncached.client();
  const std::string path = "/api/search?q=" + url_encode("انتخابات مجلس");
  const auto first = client->Get(path);
  const auto again = client->Get(path);
  ASSERT_TRUE(first && again);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(metric_line(*client, "kavosh_cache_requests_total{result=\"hit\"}"),
            "kavosh_cache_requests_total{result=\"hit\"} 0");
  EXPECT_EQ(metric_line(*client, "kavosh_cache_entries"), "kavosh_cache_entries 0");
}

TEST_F(ApiTest, BadParametersAre400) {
  EXPECT_EQ(get("/api/search", 400)["error"], "missing parameter 'q'");
  search("x", "&limit=101", 400);
  search("x", "&limit=abc", 400);
  search("x", "&offset=-1", 400);
  search("x", "&offset=10001", 400);
  search("x", "&sort=random", 400);
  search("x", "&partial=2", 400);
  search("x", "&limit=1&limit=2", 400);
  get("/api/search?q=%FF%FE", 400);
  get("/api/search?q=a%00b", 400);
  get("/api/suggest?q=x&limit=0", 400);
  const auto res = client_->Post("/api/search", "[1,2]", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

TEST_F(ApiTest, TooLongIs414InTheUrlAnd413InABody) {
  EXPECT_NE(search(std::string(201, 'a'), "", 414)["error"].get<std::string>().find("200 bytes"), std::string::npos);
  get("/api/search?q=" + std::string(9000, 'a'), 414);  // past cpp-httplib's own URI limit
  const auto body = client_->Post("/api/search", R"({"q":")" + std::string(201, 'a') + R"("})", "application/json");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->status, 413);
  const auto huge = client_->Post("/api/search", std::string(100000, ' '), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
}

TEST_F(ApiTest, UnknownPathsAre404Json) { EXPECT_EQ(get("/api/nothing", 404)["error"], "not found"); }

TEST_F(ApiTest, CorsAllowsOnlyTheConfiguredOrigin) {
  const auto allowed = client_->Get("/healthz", {{"Origin", "https://portal.example"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "https://portal.example");
  const auto other = client_->Get("/healthz", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
  const auto preflight = client_->Options("/api/search", {{"Origin", "https://portal.example"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("GET"), std::string::npos);
}

TEST_F(ApiTest, ServesTheWidgetAndTheDemoPage) {
  for (const auto& [path, type, needle] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"/", "text/html", "data-kavosh-search"},
                                                                      {"/widget.js", "text/javascript", "KavoshSearch"},
                                                                      {"/widget.css", "text/css", ".kavosh"}}) {
    const auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_TRUE(res->get_header_value("Content-Type").starts_with(type)) << path;
    EXPECT_NE(res->body.find(needle), std::string::npos) << path;
  }
}

TEST_F(ApiTest, AnswersARawRequestWithoutASocket) {
  Options options;
  options.db = db_path();
  options.threads = 1;
  Server unbound(options);
  const std::string found = unbound.answer("GET /api/search?q=" + url_encode("مجلس") + "&limit=2 HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(found.starts_with("HTTP/1.1 200 ")) << found;
  EXPECT_EQ(json::parse(found.substr(found.find("\r\n\r\n") + 4))["hits"].size(), 2u);
  const std::string body = R"({"q":"مجلس","limit":"many"})";
  const std::string refused = unbound.answer("POST /api/search HTTP/1.1\r\nContent-Type: application/json\r\n"
                                             "Content-Length: " +
                                             std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(refused.starts_with("HTTP/1.1 400 ")) << refused;
  EXPECT_NE(refused.find(R"({"error":"parameter 'limit' must be an integer from 0 to 100"})"), std::string::npos)
      << refused;
}

TEST(ServeDatabase, MissingDatabaseIs503AndRecovers) {
  search::testing::TempDir dir;
  Options options;
  options.db = dir.path() + "/db";
  options.threads = 2;
  options.refresh_ms = 0;
  RunningServer server(options);
  const auto client = server.client();
  const auto down = client->Get("/api/search?q=x");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);
  EXPECT_NE(down->body.find("database unavailable"), std::string::npos);
  EXPECT_EQ(client->Get("/healthz")->status, 503);
  EXPECT_NE(client->Get("/metrics")->body.find("kavosh_index_up 0"), std::string::npos);
  search::testing::build_database(options.db, {R"({"id":"x1","body":"سلام"})"});  // the index appears later
  EXPECT_EQ(client->Get("/healthz")->status, 200);
  EXPECT_EQ(client->Get("/api/doc/x1")->status, 200);
}

TEST(ServeCluster, PartialAnswersNameTheFailedShardAndAreCounted) {
  search::testing::TempDir dir;
  search::testing::build_database(dir.path() + "/shard0", {R"({"id":"a0","body":"مجلس شورا"})"});
  search::testing::build_database(dir.path() + "/shard1", {R"({"id":"b0","body":"مجلس خبرگان"})"});
  // Shard 1's only replica is missing; shard 2 falls over to its second replica.
  std::ofstream(dir.path() + "/cluster") << "kavosh-cluster\nshard0\nmissing\nmissing shard1\n";
  Options options;
  options.db = dir.path() + "/cluster";
  options.threads = 2;
  RunningServer server(options);
  const auto client = server.client();
  const auto res = client->Get("/api/search?q=" + url_encode("مجلس"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = json::parse(res->body);
  EXPECT_EQ(body["partial"], true);
  EXPECT_EQ(body["failed_shards"], json::array({1}));
  ASSERT_EQ(body["hits"].size(), 2u) << body;
  EXPECT_EQ(body["total"], 2);
  std::string metrics;
  for (int i = 0; i < 100 && metrics.find("kavosh_search_partial_total 1\n") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    metrics = client->Get("/metrics")->body;
  }
  EXPECT_NE(metrics.find("kavosh_search_partial_total 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kavosh_search_shard_failures_total 1\n"), std::string::npos) << metrics;
  // A partial answer is of the moment, not of the database: the same request is searched again.
  ASSERT_TRUE(client->Get("/api/search?q=" + url_encode("مجلس")));
  for (int i = 0; i < 100 && metrics.find("kavosh_search_partial_total 2\n") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    metrics = client->Get("/metrics")->body;
  }
  EXPECT_NE(metrics.find("kavosh_search_partial_total 2\n"), std::string::npos) << metrics;
  std::ofstream(dir.path() + "/cluster") << "kavosh-cluster\nshard0\nshard1\n";
  Options whole = options;
  RunningServer complete(whole);
  const json all = json::parse(complete.client()->Get("/api/search?q=" + url_encode("مجلس"))->body);
  EXPECT_EQ(all["partial"], false);
  EXPECT_EQ(all["failed_shards"], json::array());
  EXPECT_NE(complete.client()->Get("/metrics")->body.find("kavosh_search_partial_total 0\n"), std::string::npos);
}

TEST(ServeCli, ParsesEveryOption) {
  Options options;
  const auto app = make_app(options);
  app->parse(std::vector<std::string>{"100", "--max-query-bytes", "*", "--cors", "https://a.example", "--cors", "4",
                                      "--threads", "0.0.0.0:9000", "--listen", "/srv/db", "--db"});
  EXPECT_EQ(options.db, "/srv/db");
  EXPECT_EQ(options.listen, "0.0.0.0:9000");
  EXPECT_EQ(options.threads, 4u);
  EXPECT_EQ(options.cors, (std::vector<std::string>{"https://a.example", "*"}));
  EXPECT_EQ(options.max_query_bytes, 100u);
  Options defaults;
  const auto bare = make_app(defaults);
  bare->parse(std::vector<std::string>{"d", "--db"});
  EXPECT_EQ(defaults.listen, "127.0.0.1:8080");
  EXPECT_EQ(defaults.time_limit_ms, 500u);
  EXPECT_EQ(defaults.max_connections, 512u);
  EXPECT_EQ(defaults.client_timeout_s, 5u);
  Options limited;
  make_app(limited)->parse(std::vector<std::string>{"0", "--time-limit-ms", "d", "--db"});
  EXPECT_EQ(limited.time_limit_ms, 0u);
  Options missing;
  EXPECT_THROW(make_app(missing)->parse(std::vector<std::string>{}), CLI::RequiredError);
}

}  // namespace
}  // namespace kavosh::serve::testing
