// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The service while an IndexWriter commits: not one failed request, and every commit is served within a
// second without a restart, by searches the response cache answered before it too; a kept answer a
// commit made older is served stale only until it is searched anew, and only within --max-stale-ms.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "serve_fixture.h"

namespace kavosh::serve::testing {
namespace {

using Clock = std::chrono::steady_clock;

/// A server over a database of the corpus at `db`, looking for commits at every request.
Options committing_options(const std::string& db, std::uint32_t max_stale_ms) {
  search::testing::build_database(db, corpus_records());
  Options options;
  options.db = db;
  options.refresh_ms = 0;
  options.max_stale_ms = max_stale_ms;
  return options;
}

void commit_fresh_record(const std::string& db, const std::string& id) {
  index::IndexWriter writer(index::IndexOptions{db, 100000, ""});
  writer.add(index::parse_record(R"({"id":")" + id + R"(","title":"خبر تازه","body":"متن خبر تازه"})"));
  writer.commit();
}

const std::string kFreshSearch = "/api/search?collapse=off&limit=100&q=" + url_encode("تازه");

std::string cache_count(httplib::Client& client, const std::string& result) {
  return metric_line(client, "kavosh_cache_requests_total{result=\"" + result + "\"}");
}

TEST(ConcurrentIndexing, AfterACommitTheKeptAnswerIsServedStaleUntilSearchedAnew) {
  search::testing::TempDir dir;
  RunningServer server(committing_options(dir.path() + "/db", 60000));
  const auto client = server.client();
  const auto before = client->Get(kFreshSearch);
  ASSERT_TRUE(before && before->status == 200);
  commit_fresh_record(dir.path() + "/db", "fresh-1");

  const auto stale = client->Get(kFreshSearch);
  ASSERT_TRUE(stale && stale->status == 200);
  EXPECT_EQ(stale->body, before->body) << "the answer kept, served at once";
  std::string fresh;
  for (int i = 0; i < 500 && fresh.find("\"fresh-1\"") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (const auto again = client->Get(kFreshSearch); again && again->status == 200) fresh = again->body;
  }
  EXPECT_NE(fresh.find("\"fresh-1\""), std::string::npos) << "searched anew in the background";
  EXPECT_EQ(cache_count(*client, "miss"), "kavosh_cache_requests_total{result=\"miss\"} 1")
      << "only the first request searched";
  EXPECT_NE(cache_count(*client, "stale"), "kavosh_cache_requests_total{result=\"stale\"} 0");
  EXPECT_EQ(metric_line(*client, "kavosh_cache_revalidations_total"), "kavosh_cache_revalidations_total 1");
}

TEST(ConcurrentIndexing, WithoutStalenessTheFirstRequestAfterACommitSeesIt) {
  search::testing::TempDir dir;
  RunningServer server(committing_options(dir.path() + "/db", 0));
  const auto client = server.client();
  ASSERT_TRUE(client->Get(kFreshSearch));
  commit_fresh_record(dir.path() + "/db", "fresh-1");
  const auto after = client->Get(kFreshSearch);
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_NE(after->body.find("\"fresh-1\""), std::string::npos);
  EXPECT_EQ(cache_count(*client, "stale"), "kavosh_cache_requests_total{result=\"stale\"} 0");
  EXPECT_EQ(cache_count(*client, "miss"), "kavosh_cache_requests_total{result=\"miss\"} 2");
}

TEST(ConcurrentIndexing, NoFailedRequestAndCommitsServedWithinASecond) {
  search::testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  search::testing::build_database(db, corpus_records());
  Options options;
  options.db = db;
  options.threads = 3;
  RunningServer server(options);

  RequestTally tally;
  std::atomic<bool> done{false};
  constexpr int kReaders = 3;
  std::vector<std::thread> readers;
  readers.reserve(kReaders);
  for (int seed = 0; seed < kReaders; ++seed) {
    readers.emplace_back([&, seed] { portal_traffic(server, done, seed, tally); });
  }

  // The writer: each round replaces a slice of the corpus and adds one new record, then commits; a
  // probe polls for the new record, by id and by the same search every round (which the response
  // cache answers between commits), and measures how long until the service returns it.
  const auto probe = server.client();
  const auto served = [&](const std::string& id) {
    const auto doc = probe->Get("/api/doc/" + id);
    const auto found = probe->Get(kFreshSearch);
    return doc && doc->status == 200 && found && found->status == 200 &&
           found->body.find("\"" + id + "\"") != std::string::npos;
  };
  double slowest = 0;
  int rounds = 0;
  {
    index::IndexWriter writer(index::IndexOptions{db, 100000, ""});
    // At least 6 s and 8 commits; a sanitizer build on a busy machine gets up to 40 s for them.
    const auto start = Clock::now();
    const auto enough = [&] {
      const auto elapsed = Clock::now() - start;
      return (elapsed > std::chrono::seconds(6) && rounds >= 8) || elapsed > std::chrono::seconds(40);
    };
    for (; !enough(); ++rounds) {
      for (std::size_t i = 0; i < 30; ++i) {
        const auto& records = corpus_records();
        writer.add(index::parse_record(records[(static_cast<std::size_t>(rounds) * 30 + i) % records.size()]));
      }
      const std::string id = "fresh-" + std::to_string(rounds);
      writer.add(index::parse_record(R"({"id":")" + id + R"(","title":"خبر تازه","body":"متن خبر تازه"})"));
      writer.commit();
      const auto committed = Clock::now();
      while (!served(id) && Clock::now() - committed < std::chrono::seconds(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      slowest = std::max(slowest, std::chrono::duration<double>(Clock::now() - committed).count());
    }
  }
  done = true;
  for (std::thread& reader : readers) reader.join();

  EXPECT_EQ(tally.failed.load(), 0) << ::testing::PrintToString(tally.failures);
  EXPECT_GT(tally.ok.load(), 50);
  EXPECT_GE(rounds, 8);
  EXPECT_LT(slowest, 1.0) << "a commit took " << slowest << " s to be served";
  // Every worker sees the final revision within a second too (healthz may land on any of them).
  const std::size_t expected = corpus_records().size() + static_cast<std::size_t>(rounds);
  EXPECT_EQ(served_documents(server, expected), expected);
  std::printf("concurrent indexing: %d rounds committed, %d requests ok, %d failed, slowest commit %.3f s\n", rounds,
              tally.ok.load(), tally.failed.load(), slowest);
}

}  // namespace
}  // namespace kavosh::serve::testing
