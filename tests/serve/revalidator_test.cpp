// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-serve's background searches of stale answers (server/src/revalidator.h).
#include "revalidator.h"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

namespace kavosh::serve::testing {
namespace {

using namespace std::chrono_literals;

TEST(Revalidator, RunsAJobOnItsOwnThread) {
  std::promise<std::thread::id> ran;
  Revalidator revalidator(1, 16);
  ASSERT_TRUE(revalidator.submit("a", [&] { ran.set_value(std::this_thread::get_id()); }));
  auto done = ran.get_future();
  ASSERT_EQ(done.wait_for(10s), std::future_status::ready);
  EXPECT_NE(done.get(), std::this_thread::get_id());
}

TEST(Revalidator, AKeyWaitingAlreadyOrAFullQueueIsNotQueued) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> runs = 0;
  {
    Revalidator revalidator(1, 2);
    ASSERT_TRUE(revalidator.submit("busy", [&] {
      started.set_value();
      released.wait();
    }));
    started.get_future().wait();  // the one thread is held: what follows waits
    EXPECT_TRUE(revalidator.submit("a", [&] { ++runs; }));
    EXPECT_FALSE(revalidator.submit("a", [&] { ++runs; })) << "waiting already";
    EXPECT_TRUE(revalidator.submit("b", [&] { ++runs; }));
    EXPECT_FALSE(revalidator.submit("c", [&] { ++runs; })) << "two keys wait: full";
    release.set_value();
    for (int i = 0; i < 1000 && runs < 2; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(runs, 2);
    EXPECT_TRUE(revalidator.submit("a", [&] { ++runs; })) << "no longer waiting: queued again";
  }
  EXPECT_GE(runs, 2);
}

TEST(Revalidator, AFailingJobLeavesTheThreadsRunning) {
  std::promise<void> ran;
  Revalidator revalidator(1, 16);
  revalidator.submit("fails", [] { throw std::runtime_error("database unavailable"); });
  revalidator.submit("next", [&] { ran.set_value(); });
  EXPECT_EQ(ran.get_future().wait_for(10s), std::future_status::ready);
}

TEST(Revalidator, StoppingDropsTheWaitingJobs) {
  std::promise<void> started;
  std::atomic<int> runs = 0;
  {
    Revalidator revalidator(1, 16);
    revalidator.submit("slow", [&] {
      started.set_value();
      std::this_thread::sleep_for(50ms);
    });
    started.get_future().wait();
    for (const char* key : {"a", "b", "c"}) revalidator.submit(key, [&] { ++runs; });
  }
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace kavosh::serve::testing
