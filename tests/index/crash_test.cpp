// Faults on a real kavosh-index process: SIGKILL at several moments of a run leaves a database that
// opens at a commit point, and running the same input again completes it without duplicates; SIGINT
// commits what is done and exits cleanly.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "test_util.h"

namespace kavosh::index {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

constexpr std::uint64_t kRecords = 4000;
constexpr std::uint64_t kBatch = 250;

// Starts kavosh-index with stdout and stderr in files of `dir`; returns its pid.
pid_t spawn(const TempDir& dir, const std::string& input) {
  const std::string binary = KAVOSH_BINARY_DIR "/indexer/kavosh-index";
  const std::string db = dir / "db", out = dir / "out.txt", batch = std::to_string(kBatch);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDOUT_FILENO);
    ::dup2(::open((dir / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDERR_FILENO);
    ::execl(binary.c_str(), binary.c_str(), "--db", db.c_str(), "--batch", batch.c_str(), "--threads", "2",
            input.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_exit_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
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
  EXPECT_EQ(wait_exit_status(pid), 0) << read_file(dir / "err.txt");
  EXPECT_EQ(check_committed_prefix(dir / "db"), kRecords);
}

TEST(Faults, SigintCommitsWhatIsDoneAndExitsCleanly) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(kRecords * 4));
  const pid_t pid = spawn(dir, input);
  std::this_thread::sleep_for(600ms);
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_exit_status(pid), 128 + SIGINT) << read_file(dir / "err.txt");
  const std::string summary = read_file(dir / "out.txt");
  EXPECT_NE(summary.find("(interrupted)"), std::string::npos) << summary;
  const Xapian::Database db(dir / "db");
  const std::uint64_t count = db.get_doccount();
  EXPECT_GT(count, 0u);
  EXPECT_LT(count, kRecords * 4) << "the run ended early";
  EXPECT_NE(summary.find("added " + std::to_string(count) + ","), std::string::npos)
      << "everything reported as added is committed: " << summary;
}

}  // namespace
}  // namespace kavosh::index
