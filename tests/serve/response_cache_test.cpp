// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The response cache of kavosh-serve (server/src/response_cache.h): answers by key and generation,
// older answers served stale for a while after a commit.
#include "response_cache.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace kavosh::serve::testing {
namespace {

using std::chrono::milliseconds;
using Clock = ResponseCache::Clock;

const Clock::time_point t0 = Clock::now();

std::string body_of(const ResponseCache::Found& found) { return found.body ? *found.body : "(none)"; }

TEST(ResponseCache, AnAnswerIsFoundOnlyAtItsGenerationWhenNothingMayBeStale) {
  ResponseCache cache(1 << 20, milliseconds(0));
  cache.store("search q=خبر", 7, R"({"total":3})", t0);
  EXPECT_EQ(body_of(cache.find("search q=خبر", 7, t0)), R"({"total":3})");
  EXPECT_FALSE(cache.find("search q=خبر", 7, t0).stale);
  EXPECT_EQ(cache.find("search q=خبرها", 7, t0).body, nullptr) << "another request";
  EXPECT_EQ(cache.find("search q=خبر", 8, t0).body, nullptr) << "a newer commit: searched again";
  EXPECT_EQ(cache.counts().entries, 0U) << "the older answers are dropped at once";
}

TEST(ResponseCache, AfterACommitTheOlderAnswerIsServedStaleForMaxStaleOnly) {
  ResponseCache cache(1 << 20, milliseconds(1000));
  cache.store("a", 1, "a at 1", t0);
  const ResponseCache::Found soon = cache.find("a", 2, t0 + milliseconds(10));
  EXPECT_EQ(body_of(soon), "a at 1");
  EXPECT_TRUE(soon.stale) << "to be searched again";
  EXPECT_TRUE(cache.find("a", 2, t0 + milliseconds(900)).stale) << "the commit was first seen 890 ms ago";
  EXPECT_EQ(cache.find("a", 2, t0 + milliseconds(1010)).body, nullptr) << "past max_stale: dropped";
  EXPECT_EQ(cache.counts().entries, 0U);
}

TEST(ResponseCache, StalenessCountsFromTheFirstCommitTheAnswerLacks) {
  ResponseCache cache(1 << 20, milliseconds(1000));
  cache.store("a", 1, "a at 1", t0);
  cache.store("b", 2, "b at 2", t0 + milliseconds(600));  // generation 2 first seen at 600
  EXPECT_TRUE(cache.find("a", 3, t0 + milliseconds(1200)).stale) << "lacks 2, seen 600 ms ago";
  EXPECT_EQ(cache.find("a", 3, t0 + milliseconds(1700)).body, nullptr) << "lacks 2, seen 1,100 ms ago";
  EXPECT_TRUE(cache.find("b", 3, t0 + milliseconds(1700)).stale) << "lacks 3, seen 500 ms ago";
}

TEST(ResponseCache, AFreshAnswerReplacesTheStaleOneAndAnOlderOneIsNotKept) {
  ResponseCache cache(1 << 20, milliseconds(1000));
  cache.store("a", 1, "a at 1", t0);
  cache.store("a", 2, "a at 2", t0 + milliseconds(5));
  const ResponseCache::Found fresh = cache.find("a", 2, t0 + milliseconds(6));
  EXPECT_EQ(body_of(fresh), "a at 2");
  EXPECT_FALSE(fresh.stale);
  cache.store("a", 1, "a late answer of a searcher still at generation 1", t0 + milliseconds(7));
  EXPECT_EQ(body_of(cache.find("a", 2, t0 + milliseconds(8))), "a at 2");
  EXPECT_EQ(cache.counts().entries, 1U);
  cache.store("b", 1, "b at 1", t0 + milliseconds(1500));
  EXPECT_EQ(cache.find("b", 1, t0 + milliseconds(1500)).body, nullptr) << "too old to be served: not kept";
}

TEST(ResponseCache, TheLeastRecentlyUsedAnswerGoesFirstPastTheBudget) {
  ResponseCache cache(400, milliseconds(0));  // each entry below: 1 + 30 bytes
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})
    cache.store(key, 1, std::string(30, 'x'), t0);
  EXPECT_EQ(cache.counts().entries, 12U);
  EXPECT_NE(cache.find("a", 1, t0).body, nullptr);  // "a" used again: "b" is now the least recent
  cache.store("m", 1, std::string(30, 'x'), t0);
  EXPECT_EQ(cache.counts().entries, 12U);
  EXPECT_LE(cache.counts().bytes, 400U);
  EXPECT_NE(cache.find("a", 1, t0).body, nullptr);
  EXPECT_EQ(cache.find("b", 1, t0).body, nullptr);
  EXPECT_NE(cache.find("m", 1, t0).body, nullptr);
}

TEST(ResponseCache, AnAnswerOverATenthOfTheBudgetOrAZeroBudgetKeepsNothing) {
  ResponseCache small(1000, milliseconds(0));
  small.store("big", 1, std::string(200, 'x'), t0);
  EXPECT_EQ(small.find("big", 1, t0).body, nullptr);
  small.store("fits", 1, std::string(50, 'x'), t0);
  EXPECT_NE(small.find("fits", 1, t0).body, nullptr);
  ResponseCache off(0, milliseconds(1000));
  off.store("a", 1, "x", t0);
  EXPECT_EQ(off.find("a", 1, t0).body, nullptr);
  EXPECT_EQ(off.counts().entries, 0U);
}

TEST(ResponseCache, CountsAreWhatTheCallerCounts) {
  ResponseCache cache(1 << 20, milliseconds(0));
  cache.store("a", 1, "x", t0);
  ASSERT_NE(cache.find("a", 1, t0).body, nullptr);
  EXPECT_EQ(cache.counts().hits, 0U) << "find() alone counts nothing: it may be asked twice per request";
  cache.count(ResponseCache::Outcome::hit);
  cache.count(ResponseCache::Outcome::stale);
  cache.count(ResponseCache::Outcome::stale);
  cache.count(ResponseCache::Outcome::miss);
  cache.count(ResponseCache::Outcome::revalidated);
  const ResponseCache::Counts counts = cache.counts();
  EXPECT_EQ(counts.hits, 1U);
  EXPECT_EQ(counts.stale, 2U);
  EXPECT_EQ(counts.misses, 1U);
  EXPECT_EQ(counts.coalesced, 0U);
  EXPECT_EQ(counts.revalidated, 1U);
}

}  // namespace
}  // namespace kavosh::serve::testing
