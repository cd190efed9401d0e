// Faults on a real kavosh-index process: SIGKILL at several moments of a run leaves a database that
// opens at a commit point, and running the same input again completes it without duplicates, and so does
// --resume, reading on from the last commit; SIGINT commits what is done and exits cleanly within a second.

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "../common/child_process.h"
#include "kavosh/index/pipeline.h"
#include "test_util.h"

namespace kavosh::index {
namespace {

using namespace std::chrono_literals;
using kavosh::testing::read_text_file;
using kavosh::testing::wait_exit_status;
using testing::TempDir;

constexpr std::uint64_t kRecords = 4000;
constexpr std::uint64_t kBatch = 250;

// Starts kavosh-index on `input` into dir/db with stdout and stderr in files of `dir`; returns its pid.
pid_t spawn(const TempDir& dir, const std::string& input, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {KAVOSH_BINARY_DIR "/indexer/kavosh-index",
                                   "--db",
                                   dir / "db",
                                   "--batch",
                                   std::to_string(kBatch),
                                   "--threads",
                                   "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(input);
  return kavosh::testing::spawn_program(std::move(args), dir / "out.txt", dir / "err.txt");
}

// Waits until the database at `path` has `commits` more commits than at `since`; false if the process
// ended first.
bool wait_for_commits(pid_t pid, const std::string& path, Xapian::rev since, Xapian::rev commits) {
  for (;;) {
    try {
      if (Xapian::Database(path).get_revision() >= since + commits) return true;
    } catch (const Xapian::Error&) {
      // not created yet
    }
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(2ms);
  }
}

// An empty database at dir/db, so that the runs that follow add to a database (a new database is built
// apart and appears only when complete: Faults.SigkillDuringAFirstBuildLeavesNoDatabaseOrAWholeOne).
void create_empty_database(const TempDir& dir, std::uint32_t shards) {
  JobOptions options;
  options.db_path = dir / "db";
  options.deletes = {"none"};
  options.shards = shards;
  options.progress = ProgressMode::kNever;
  std::ostringstream ignored;
  run_index(options, ignored);
}

Xapian::rev revision(const std::string& path) {
  return std::filesystem::exists(path) ? Xapian::Database(path).get_revision() : 0;
}

// The database opens and holds a prefix of the input (records are written in input order) that ends
// at a commit point: every --batch records, or the whole input.
std::uint64_t check_committed_prefix(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return 0;
  const Xapian::Database db(db_path);
  const std::uint64_t count = db.get_doccount();
  EXPECT_EQ(testing::unique_ids(db).size(), count);
  EXPECT_TRUE(count % kBatch == 0 || count == kRecords) << count << " records is not a commit point";
  for (std::uint64_t n = 0; n < count; ++n) {
    EXPECT_TRUE(db.term_exists("Qr" + std::to_string(n))) << "hole at record " << n;
  }
  return count;
}

TEST(Faults, SigkillAtSeveralPointsThenRerunCompletes) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(kRecords));
  create_empty_database(dir, 1);
  std::uint64_t previous = 0;
  // Each run reindexes from the start on the same database, killed later and later.
  for (const auto delay : {100ms, 400ms, 800ms, 1400ms}) {
    const pid_t pid = spawn(dir, input);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    const std::uint64_t count = check_committed_prefix(dir / "db");
    EXPECT_GE(count, previous) << "a committed record was lost after " << delay.count() << " ms";
    std::cout << "killed after " << delay.count() << " ms: " << count << " records committed\n";
    previous = count;
  }
  const pid_t pid = spawn(dir, input);
  EXPECT_EQ(wait_exit_status(pid), 0) << read_text_file(dir / "err.txt");
  EXPECT_EQ(check_committed_prefix(dir / "db"), kRecords);
}

// The number after `what` in the summary line (`added 12,`); -1 when missing.
long long summary_count(const std::string& summary, const std::string& what) {
  const auto at = summary.find(what + ' ');
  return at == std::string::npos ? -1 : std::atoll(summary.c_str() + at + what.size() + 1);
}

// Kills runs after a few commits, each resumed run after a few more, then lets one finish: every record
// is there once, as a clean run writes it, and a resumed run reads on from the last commit rather than
// from the start (one shard: exactly from there, so nothing is even met twice).
// `watched` is the database whose commits are counted: the only one, or shard 0. Sharded, each shard commits
// on its own, so the database as a whole is no prefix of the input, only each shard is.
void kill_and_resume(std::uint32_t shards, const std::string& watched, std::vector<Xapian::rev> kills, bool exact) {
  TempDir dir, clean;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(kRecords));
  const std::vector<std::string> extra = {"--shards", std::to_string(shards)};
  const std::vector<std::string> resume = {"--shards", std::to_string(shards), "--resume"};
  create_empty_database(dir, shards);
  for (const Xapian::rev commits : kills) {
    const std::string db = dir / watched;
    const Xapian::rev before = revision(db);
    const pid_t pid = spawn(dir, input, resume);
    ASSERT_TRUE(wait_for_commits(pid, db, before, commits)) << "ended before " << commits << " commits";
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    if (exact) check_committed_prefix(db);
  }
  const std::uint64_t committed = Xapian::Database(dir / "db").get_doccount();
  ASSERT_LT(committed, kRecords) << "kill earlier: the last run had nothing left to do";
  const pid_t pid = spawn(dir, input, resume);
  ASSERT_EQ(wait_exit_status(pid), 0) << read_text_file(dir / "err.txt");
  const std::string summary = read_text_file(dir / "out.txt");
  EXPECT_EQ(summary_count(summary, "added"), static_cast<long long>(kRecords - committed)) << summary;
  if (exact) {
    EXPECT_EQ(summary_count(summary, "unchanged"), 0) << summary;
  } else {
    EXPECT_LT(summary_count(summary, "unchanged"), static_cast<long long>(committed)) << "read from the start";
  }

  const Xapian::Database db(dir / "db");
  ASSERT_EQ(db.get_doccount(), kRecords);
  EXPECT_EQ(testing::unique_ids(db).size(), kRecords);
  create_empty_database(clean, shards);
  ASSERT_EQ(wait_exit_status(spawn(clean, input, extra)), 0) << read_text_file(clean / "err.txt");
  const Xapian::Database reference(clean / "db");
  for (const std::uint64_t n : {std::uint64_t{0}, committed - 1, committed, kRecords - 1}) {
    const std::string id = std::string("r").append(std::to_string(n));
    EXPECT_EQ(testing::rendered(db, id), testing::rendered(reference, id)) << id;
  }
  EXPECT_EQ(testing::story_groups(db), testing::story_groups(reference));
}

TEST(Faults, SigkillThenResumeReadsOnFromTheLastCommit) { kill_and_resume(1, "db", {2, 3, 4}, true); }

TEST(Faults, SigkillThenResumeWithShards) {
  // Shard 0 commits every 2 × kBatch records of the input.
  kill_and_resume(2, "db/shard_000", {1, 2, 2}, false);
}

TEST(Faults, SigkillDuringAFirstBuildLeavesNoDatabaseOrAWholeOne) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(kRecords));
  for (const auto delay : {100ms, 400ms, 700ms, 1000ms}) {
    const pid_t pid = spawn(dir, input);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    if (!std::filesystem::exists(dir / "db")) continue;
    const Xapian::Database db(dir / "db");
    EXPECT_EQ(db.get_doccount(), kRecords) << "half a database after " << delay.count() << " ms";
    EXPECT_EQ(testing::unique_ids(db).size(), kRecords);
    return;
  }
  ASSERT_EQ(wait_exit_status(spawn(dir, input)), 0)
      << "a killed build's leftovers are cleared" << read_text_file(dir / "err.txt");
  EXPECT_EQ(testing::unique_ids(Xapian::Database(dir / "db")).size(), kRecords);
  EXPECT_FALSE(std::filesystem::exists(dir / "db.building"));
}

class Sigint : public ::testing::TestWithParam<bool> {};

// The bound a user sees is the release build's; AddressSanitizer makes the commit on the way out
// several times slower, and CI runs other tests beside it.
#if defined(__SANITIZE_ADDRESS__)
constexpr auto kExitBound = 2s;
#else
constexpr auto kExitBound = 1s;
#endif

// A first build (partitions merged when stopped) and a database added to.
TEST_P(Sigint, CommitsWhatIsDoneAndExitsWithinASecondThenResumeCompletes) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(kRecords * 4));
  if (GetParam()) create_empty_database(dir, 1);
  const pid_t pid = spawn(dir, input);
  std::this_thread::sleep_for(600ms);
  const auto interrupted = std::chrono::steady_clock::now();
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit_status(pid), 128 + SIGINT) << read_text_file(dir / "err.txt");
  const auto took = std::chrono::steady_clock::now() - interrupted;
  std::cout << "exited " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms after SIGINT\n";
  EXPECT_LT(took, kExitBound);
  const std::string summary = read_text_file(dir / "out.txt");
  EXPECT_NE(summary.find("(interrupted)"), std::string::npos) << summary;
  const Xapian::Database db(dir / "db");
  const std::uint64_t count = db.get_doccount();
  EXPECT_GT(count, 0u);
  EXPECT_LT(count, kRecords * 4) << "the run ended early";
  EXPECT_NE(summary.find("added " + std::to_string(count) + ","), std::string::npos)
      << "everything reported as added is committed: " << summary;

  ASSERT_EQ(wait_exit_status(spawn(dir, input, {"--resume"})), 0) << read_text_file(dir / "err.txt");
  const std::string resumed = read_text_file(dir / "out.txt");
  EXPECT_EQ(summary_count(resumed, "added"), static_cast<long long>(kRecords * 4 - count)) << resumed;
  EXPECT_EQ(summary_count(resumed, "unchanged"), 0) << resumed;
  EXPECT_EQ(testing::unique_ids(Xapian::Database(dir / "db")).size(), kRecords * 4);
}

INSTANTIATE_TEST_SUITE_P(Faults, Sigint, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "AddingToADatabase" : "FirstBuild"; });

}  // namespace
}  // namespace kavosh::index
