// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Request coalescing in kavosh-serve (server/src/in_flight.h): one search per request being answered.
#include "in_flight.h"

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace kavosh::serve::testing {
namespace {

using namespace std::chrono_literals;

TEST(InFlight, TheSameRequestMeanwhileWaitsForTheFirstOnesAnswer) {
  InFlight flights;
  auto first = flights.join("search q=خبر", 3, 1s);
  ASSERT_TRUE(std::holds_alternative<InFlight::Claim>(first));
  auto waiting = std::async(std::launch::async, [&] { return flights.join("search q=خبر", 3, 5s); });
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout) << "it waits for the answer";
  std::get<InFlight::Claim>(first).finish(std::make_shared<const std::string>(R"({"total":3})"));
  const auto answered = waiting.get();
  ASSERT_TRUE(std::holds_alternative<InFlight::Body>(answered));
  ASSERT_NE(std::get<InFlight::Body>(answered), nullptr);
  EXPECT_EQ(*std::get<InFlight::Body>(answered), R"({"total":3})");
  EXPECT_TRUE(std::holds_alternative<InFlight::Claim>(flights.join("search q=خبر", 3, 1s)))
      << "once answered, a later request claims it again (the response cache holds the answer)";
}

TEST(InFlight, AnotherRequestOrGenerationClaimsItsOwn) {
  InFlight flights;
  auto first = flights.join("a", 3, 1s);
  EXPECT_TRUE(std::holds_alternative<InFlight::Claim>(flights.join("b", 3, 1s)));
  EXPECT_TRUE(std::holds_alternative<InFlight::Claim>(flights.join("a", 4, 1s))) << "a newer commit";
}

TEST(InFlight, AClaimEndedWithoutAnAnswerLetsTheWaitersSearch) {
  InFlight flights;
  std::optional<std::variant<InFlight::Claim, InFlight::Body>> first = flights.join("a", 1, 1s);
  auto waiting = std::async(std::launch::async, [&] { return flights.join("a", 1, 5s); });
  std::this_thread::sleep_for(20ms);
  first.reset();  // an error, or an answer cut by the time limit
  const auto after = waiting.get();
  ASSERT_TRUE(std::holds_alternative<InFlight::Body>(after));
  EXPECT_EQ(std::get<InFlight::Body>(after), nullptr);
}

TEST(InFlight, AWaitThatRunsOutGetsNoAnswer) {
  InFlight flights;
  auto first = flights.join("a", 1, 1s);
  const auto started = std::chrono::steady_clock::now();
  const auto late = flights.join("a", 1, 30ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  ASSERT_TRUE(std::holds_alternative<InFlight::Body>(late));
  EXPECT_EQ(std::get<InFlight::Body>(late), nullptr);
}

}  // namespace
}  // namespace kavosh::serve::testing
