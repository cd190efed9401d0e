// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The response cache of kavosh-serve (server/src/response_cache.h): answers by key and generation.
#include "response_cache.h"

#include <string>

#include <gtest/gtest.h>

namespace kavosh::serve::testing {
namespace {

std::string body_of(const ResponseCache::Body& body) { return body ? *body : "(none)"; }

TEST(ResponseCache, AnAnswerIsFoundOnlyAtItsGeneration) {
  ResponseCache cache(1 << 20);
  cache.store("search q=خبر", 7, R"({"total":3})");
  EXPECT_EQ(body_of(cache.find("search q=خبر", 7)), R"({"total":3})");
  EXPECT_EQ(cache.find("search q=خبر", 8), nullptr) << "a newer commit: searched again";
  EXPECT_EQ(cache.find("search q=خبرها", 7), nullptr) << "another request";
  EXPECT_EQ(cache.counts().hits, 1U);
}

TEST(ResponseCache, ANewerGenerationDropsTheOlderAnswersAndAnOlderOneIsNotKept) {
  ResponseCache cache(1 << 20);
  cache.store("a", 1, "old a");
  cache.store("b", 1, "old b");
  cache.store("a", 2, "new a");
  EXPECT_EQ(cache.counts().entries, 1U);
  EXPECT_EQ(body_of(cache.find("a", 2)), "new a");
  cache.store("b", 1, "late answer of a searcher still at generation 1");
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_EQ(cache.find("b", 2), nullptr);
}

TEST(ResponseCache, TheLeastRecentlyUsedAnswerGoesFirstPastTheBudget) {
  ResponseCache cache(400);  // each entry below: 1 + 30 bytes
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})
    cache.store(key, 1, std::string(30, 'x'));
  EXPECT_EQ(cache.counts().entries, 12U);
  EXPECT_NE(cache.find("a", 1), nullptr);  // "a" used again: "b" is now the least recent
  cache.store("m", 1, std::string(30, 'x'));
  EXPECT_EQ(cache.counts().entries, 12U);
  EXPECT_LE(cache.counts().bytes, 400U);
  EXPECT_NE(cache.find("a", 1), nullptr);
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_NE(cache.find("m", 1), nullptr);
}

TEST(ResponseCache, AnAnswerOverATenthOfTheBudgetOrAZeroBudgetKeepsNothing) {
  ResponseCache small(1000);
  small.store("big", 1, std::string(200, 'x'));
  EXPECT_EQ(small.find("big", 1), nullptr);
  small.store("fits", 1, std::string(50, 'x'));
  EXPECT_NE(small.find("fits", 1), nullptr);
  ResponseCache off(0);
  off.store("a", 1, "x");
  EXPECT_EQ(off.find("a", 1), nullptr);
  EXPECT_EQ(off.counts().entries, 0U);
}

TEST(ResponseCache, MissesAreCountedOncePerRequest) {
  ResponseCache cache(1 << 20);
  cache.count_miss();
  cache.store("a", 1, "x");
  ASSERT_NE(cache.find("a", 1), nullptr);
  EXPECT_EQ(cache.counts().misses, 1U);
  EXPECT_EQ(cache.counts().hits, 1U);
}

}  // namespace
}  // namespace kavosh::serve::testing
