// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The searchers of kavosh-serve's workers (server/src/searcher_pool.h): first come, first served,
// requests before background work.
#include "searcher_pool.h"

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "kavosh/error.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "serve_fixture.h"

namespace kavosh::serve::testing {
namespace {

using namespace std::chrono_literals;

class SearcherPoolTest : public CorpusTest {};

TEST_F(SearcherPoolTest, ASearcherGivenBackGoesToTheRequestWaitingLongest) {
  SearcherPool pool(db_path(), 1, 1s);
  std::optional<SearcherPool::Lease> held = pool.acquire(1s);
  ASSERT_TRUE(held);
  std::mutex mutex;
  std::vector<int> served;
  std::vector<std::thread> waiting;
  for (int i = 0; i < 3; ++i) {
    waiting.emplace_back([&, i] {
      const auto lease = pool.acquire(10s);
      const std::lock_guard lock(mutex);
      served.push_back(lease ? i : -1);
    });
    std::this_thread::sleep_for(50ms);  // each one waits before the next comes
  }
  held.reset();
  for (std::thread& thread : waiting) thread.join();
  EXPECT_EQ(served, (std::vector<int>{0, 1, 2}));
}

TEST_F(SearcherPoolTest, ASearchRunsOnItsSearchersOwnThreadWhoeverHoldsTheLease) {
  SearcherPool pool(db_path(), 2, 1s);
  const auto on_searcher = [&](std::size_t& documents) {
    const auto lease = pool.acquire(1s);
    auto fn = [&](Searcher& searcher) {
      documents = searcher.stats().documents;
      return std::this_thread::get_id();
    };
    return lease->run(fn);
  };
  std::size_t documents = 0;
  const std::thread::id first = on_searcher(documents);
  EXPECT_GT(documents, 0u);
  EXPECT_NE(first, std::this_thread::get_id());
  std::thread::id from_another;
  std::thread([&] {
    std::size_t ignored = 0;
    from_another = on_searcher(ignored);
  }).join();
  EXPECT_EQ(from_another, first) << "the same searcher (slot 0, given back first), the same thread";
  // Two leases at once: two searchers, two threads.
  const auto one = pool.acquire(1s);
  const auto two = pool.acquire(1s);
  auto thread_id = [](Searcher&) { return std::this_thread::get_id(); };
  EXPECT_NE(one->run(thread_id), two->run(thread_id));
}

TEST_F(SearcherPoolTest, WhatASearchThrowsReachesTheLeaseHolder) {
  SearcherPool pool(db_path(), 1, 1s);
  const auto lease = pool.acquire(1s);
  auto fails = [](Searcher&) -> int { throw EnvironmentError("the database went away"); };
  EXPECT_THROW(lease->run(fails), EnvironmentError);
  auto works = [](Searcher& searcher) { return searcher.stats().documents; };
  EXPECT_GT(lease->run(works), 0u) << "the searcher's thread goes on after a failure";
}

TEST_F(SearcherPoolTest, BackgroundWorkWaitsForEveryWaitingRequest) {
  SearcherPool pool(db_path(), 1, 1s);
  std::optional<SearcherPool::Lease> held = pool.acquire(1s);
  ASSERT_TRUE(held);
  std::mutex mutex;
  std::vector<std::string> served;
  std::vector<std::thread> waiting;
  const auto wait_as = [&](std::string name, SearcherPool::Priority priority) {
    waiting.emplace_back([&, name, priority] {
      const auto lease = pool.acquire(10s, priority);
      const std::lock_guard lock(mutex);
      served.push_back(lease ? name : "none");
    });
    std::this_thread::sleep_for(50ms);  // each one waits before the next comes
  };
  wait_as("background 1", SearcherPool::Priority::background);
  wait_as("request 1", SearcherPool::Priority::request);
  wait_as("background 2", SearcherPool::Priority::background);
  wait_as("request 2", SearcherPool::Priority::request);
  held.reset();
  for (std::thread& thread : waiting) thread.join();
  EXPECT_EQ(served, (std::vector<std::string>{"request 1", "request 2", "background 1", "background 2"}));
}

TEST_F(SearcherPoolTest, BackgroundWorkTakesAFreeSearcher) {
  SearcherPool pool(db_path(), 1, 1s);
  EXPECT_TRUE(pool.acquire(0s, SearcherPool::Priority::background));
  const auto held = pool.acquire(1s);
  ASSERT_TRUE(held);
  EXPECT_FALSE(pool.acquire(20ms, SearcherPool::Priority::background));
}

TEST_F(SearcherPoolTest, AWaitThatRunsOutGetsNothingAndLeavesTheQueue) {
  SearcherPool pool(db_path(), 1, 1s);
  std::optional<SearcherPool::Lease> held = pool.acquire(1s);
  ASSERT_TRUE(held);
  EXPECT_FALSE(pool.acquire(20ms));
  held.reset();
  EXPECT_TRUE(pool.acquire(0s));  // given back to the pool, not to the request that left
}

TEST_F(SearcherPoolTest, SearchersAtOneCommitShareAGenerationConfirmedForTheRefreshInterval) {
  SearcherPool pool(db_path(), 2, 200ms);
  EXPECT_FALSE(pool.current_generation()) << "no searcher has looked yet";
  const auto first = pool.acquire(1s);
  const auto second = pool.acquire(1s);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->generation(), second->generation());
  EXPECT_EQ(pool.current_generation(), first->generation());
  std::this_thread::sleep_for(250ms);
  EXPECT_FALSE(pool.current_generation()) << "unconfirmed past the refresh interval: only a searcher can tell";
}

TEST_F(SearcherPoolTest, PoolsSharingGenerationsConfirmEachOthers) {
  const auto generations = std::make_shared<Generations>();
  SearcherPool searches(db_path(), 1, 200ms, generations);
  SearcherPool lookups(db_path(), 1, 200ms, generations);
  EXPECT_FALSE(searches.current_generation());
  const std::uint64_t looked = lookups.acquire(1s)->generation();
  EXPECT_EQ(searches.current_generation(), looked) << "a look-up searcher confirmed it for the search pool";
  EXPECT_EQ(searches.acquire(1s)->generation(), looked);
}

TEST(SearcherPoolGenerations, ACommitPickedUpGivesANewerGeneration) {
  search::testing::TempDir dir;
  const std::string db = dir.path() + "/db";
  search::testing::build_database(db, {corpus_records().front()});
  SearcherPool pool(db, 1, 50ms);
  const std::uint64_t before = pool.acquire(1s)->generation();
  {
    index::IndexWriter writer(index::IndexOptions{db, 100000, ""});
    writer.add(index::parse_record(R"({"id":"fresh","title":"خبر تازه","body":"متن خبر تازه"})"));
    writer.commit();
  }
  std::this_thread::sleep_for(60ms);
  const std::uint64_t after = pool.acquire(1s)->generation();
  EXPECT_GT(after, before);
  EXPECT_EQ(pool.current_generation(), after);
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(pool.acquire(1s)->generation(), after) << "no commit since: the same generation";
}

}  // namespace
}  // namespace kavosh::serve::testing
