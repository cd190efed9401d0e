// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The service while a real kavosh-index process adds to its database and fails: killed with SIGKILL
// between commits, or stopped by a full disk (a small tmpfs). Not one request fails, the service answers
// at the database's last commit, the indexer says what happened, and a run with --resume completes.
// The test program enters a mount namespace of its own first (main below), so that it may mount a tmpfs
// without touching the machine's mounts; where the system forbids that, the disk-full test is skipped.
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "../common/child_process.h"
#include "serve_fixture.h"

namespace kavosh::serve::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kBatch = 100;

/// Why this process may not mount (empty: it may).
std::string& mount_refusal() {
  static std::string why = "not checked";
  return why;
}

bool write_proc(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out.flush());
}

/// A mount namespace of this process's own, its mounts private: as root, or as root of a new user
/// namespace (unprivileged user namespaces). Must run before any thread starts.
void enter_mount_namespace() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWNS) != 0) {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
      mount_refusal() = std::string("no mount namespace: ") + std::strerror(errno);
      return;
    }
    write_proc("/proc/self/setgroups", "deny");
    if (!write_proc("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !write_proc("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
      mount_refusal() = "cannot map this user into a user namespace";
      return;
    }
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    mount_refusal() = std::string("cannot make mounts private: ") + std::strerror(errno);
    return;
  }
  mount_refusal().clear();
}

/// A tmpfs of `megabytes` on `path`, unmounted (its content gone) when the object goes.
class Tmpfs {
 public:
  Tmpfs(std::string path, int megabytes) : path_(std::move(path)) {
    std::filesystem::create_directories(path_);
    mounted_ = ::mount("tmpfs", path_.c_str(), "tmpfs", 0, options(megabytes).c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  bool resize(int megabytes) {
    return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT, options(megabytes).c_str()) == 0;
  }

 private:
  static std::string options(int megabytes) { return "size=" + std::to_string(megabytes) + "m"; }
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

/// `count` new records (ids `new-N`) made of the corpus's articles: JSONL for kavosh-index.
std::string new_records(std::size_t count) {
  std::string out;
  const auto& records = corpus_records();
  for (std::size_t n = 0; n < count; ++n) {
    nlohmann::json record = nlohmann::json::parse(records[n % records.size()]);
    record["id"] = "new-" + std::to_string(n);
    out += record.dump() + '\n';
  }
  return out;
}

Xapian::rev revision(const std::string& db) { return Xapian::Database(db).get_revision(); }

std::size_t documents(const std::string& db) { return Xapian::Database(db).get_doccount(); }

/// A database of the corpus served by kavosh-serve with three clients querying it, and kavosh-index runs
/// adding `new_records()` to it.
class IndexerFaults : public ::testing::Test {
 protected:
  /// Builds the corpus into `db`, writes `count` new records, starts the service and its clients.
  void start(const std::string& db, std::size_t count) {
    db_ = db;
    input_ = dir_ / "new.jsonl";
    std::ofstream(input_) << new_records(count);
    search::testing::build_database(db_, corpus_records());
    Options options;
    options.db = db_;
    options.threads = 2;
    server_ = std::make_unique<RunningServer>(options);
    for (int seed = 0; seed < 3; ++seed) {
      clients_.emplace_back([this, seed] { portal_traffic(*server_, done_, seed, tally_); });
    }
  }

  void TearDown() override { stop_clients(); }

  void stop_clients() {
    done_ = true;
    for (std::thread& client : clients_) client.join();
    clients_.clear();
  }

  /// Starts kavosh-index adding the new records (with `extra` options); returns its pid.
  pid_t index(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {KAVOSH_BINARY_DIR "/indexer/kavosh-index",
                                     "--db",
                                     db_,
                                     "--batch",
                                     std::to_string(kBatch),
                                     "--threads",
                                     "2",
                                     "--progress",
                                     "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(input_);
    return kavosh::testing::spawn_program(std::move(args), dir_ / "out.txt", dir_ / "err.txt");
  }

  std::string indexer_errors() const { return kavosh::testing::read_text_file(dir_ / "err.txt"); }

  /// Runs kavosh-index with --resume to its end: every record is then in the database, once, and served.
  void resume_to_the_end(std::size_t count) {
    ASSERT_EQ(kavosh::testing::wait_exit_status(index({"--resume"})), 0) << indexer_errors();
    const std::size_t expected = corpus_records().size() + count;
    EXPECT_EQ(documents(db_), expected);
    EXPECT_EQ(served_documents(*server_, expected), expected);
  }

  void expect_no_failed_request() {
    stop_clients();
    EXPECT_EQ(tally_.failed.load(), 0) << ::testing::PrintToString(tally_.failures);
    EXPECT_GT(tally_.ok.load(), 0);
    std::printf("requests answered during the faults: %d, failed: %d\n", tally_.ok.load(), tally_.failed.load());
  }

  search::testing::TempDir dir_;
  std::string db_;
  std::string input_;
  std::unique_ptr<RunningServer> server_;
  RequestTally tally_;
  std::atomic<bool> done_{false};
  std::vector<std::thread> clients_;
};

TEST_F(IndexerFaults, SigkillBetweenCommitsThenResume) {
  constexpr std::size_t kCount = 1500;
  start(dir_ / "db", kCount);
  const Xapian::rev before = revision(db_);
  const pid_t pid = index();
  for (const auto until = std::chrono::steady_clock::now() + 60s;
       revision(db_) < before + 2 && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(2ms);
  }
  ::kill(pid, SIGKILL);
  EXPECT_EQ(kavosh::testing::wait_exit_status(pid), 128 + SIGKILL) << "ended before it was killed";
  const std::size_t committed = documents(db_);
  EXPECT_GT(committed, corpus_records().size());
  EXPECT_LT(committed, corpus_records().size() + kCount);
  EXPECT_EQ(served_documents(*server_, committed), committed) << "the service answers at the last commit";
  resume_to_the_end(kCount);
  expect_no_failed_request();
}

TEST_F(IndexerFaults, DiskFullIsReportedAndTheDatabaseKeepsItsLastCommit) {
  if (!mount_refusal().empty()) GTEST_SKIP() << mount_refusal();
  Tmpfs disk(dir_ / "disk", 6);  // the corpus takes about 2.5 MB, the new records would need about 10
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs: " << disk.error();
  constexpr std::size_t kCount = 3000;
  start(dir_ / "disk/db", kCount);

  EXPECT_EQ(kavosh::testing::wait_exit_status(index()), 1);
  const std::string errors = indexer_errors();
  EXPECT_NE(errors.find("No space left on device"), std::string::npos) << errors;
  EXPECT_NE(errors.find("keeps its last commit"), std::string::npos) << errors;
  const std::size_t committed = documents(db_);
  EXPECT_GE(committed, corpus_records().size());
  EXPECT_LT(committed, corpus_records().size() + kCount);
  EXPECT_EQ(served_documents(*server_, committed), committed) << "the service answers at the last commit";

  ASSERT_TRUE(disk.resize(64));
  resume_to_the_end(kCount);
  expect_no_failed_request();
}

}  // namespace
}  // namespace kavosh::serve::testing

int main(int argc, char** argv) {
  kavosh::serve::testing::enter_mount_namespace();  // before gtest or any other thread starts
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
