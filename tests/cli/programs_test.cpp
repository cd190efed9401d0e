// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Every kavosh-* program as a user runs it: --version, --help, exit codes, colour only on a terminal.
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../common/run_command.h"
#include "../common/temp_dir.h"
#include "kavosh/cli/tool.h"

namespace kavosh::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Program {
  std::string name;
  std::string path;
};

const std::vector<Program>& programs() {
  static const std::vector<Program> all{{"kavosh-index", KAVOSH_INDEX_BIN}, {"kavosh-search", KAVOSH_SEARCH_BIN},
                                        {"kavosh-serve", KAVOSH_SERVE_BIN}, {"kavosh-analyze", KAVOSH_ANALYZE_BIN},
                                        {"kavosh-stem", KAVOSH_STEM_BIN},   {"kavosh-eval", KAVOSH_EVAL_BIN}};
  return all;
}

std::string shell_quoted(const std::string& text) { return "'" + text + "'"; }

/// Runs `args` with its standard output on a pseudo-terminal, NO_COLOR set to `no_color` (unset when
/// null); returns what the program wrote there.
std::string run_on_terminal(std::vector<std::string> args, const char* no_color) {
  int terminal = -1;
  const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    if (no_color != nullptr) ::setenv("NO_COLOR", no_color, 1);
    else ::unsetenv("NO_COLOR");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::string out;
  char buf[4096];
  // read() fails with EIO once the program has exited and closed its side.
  for (ssize_t n; (n = ::read(terminal, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(terminal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  return out;
}

class Programs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    db_ = dir_->path() + "/db";
    std::ofstream(dir_->path() + "/news.jsonl")
        << R"({"id":"a","title":"انتخابات مجلس","body":"نامزدهای انتخابات مجلس ثبت‌نام کردند.","date":"2024-02-01"})"
           "\n"
        << R"({"id":"b","title":"بازار تهران","body":"قیمت‌ها در بازار تهران بالا رفت.","date":"2024-02-02"})"
           "\n";
    const auto indexed = run_command(std::string(KAVOSH_INDEX_BIN) + " --progress never --db " + shell_quoted(db_) +
                                     " " + shell_quoted(dir_->path() + "/news.jsonl") + " 2>&1");
    ASSERT_EQ(indexed.status, 0) << indexed.out;
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::string search(const std::string& args) {
    return std::string(KAVOSH_SEARCH_BIN) + " --db " + shell_quoted(db_) + " " + args;
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::string db_;
};

TEST_F(Programs, VersionIsOneLineWithReleaseAnalyzerAndSchema) {
  for (const Program& program : programs()) {
    const auto result = run_command(program.path + " --version");
    EXPECT_EQ(result.status, 0) << program.name;
    EXPECT_EQ(result.out, cli::version_line(program.name) + "\n");
  }
}

TEST_F(Programs, HelpEndsWithTheExitStatus) {
  for (const Program& program : programs()) {
    const auto result = run_command(program.path + " --help");
    EXPECT_EQ(result.status, 0) << program.name;
    EXPECT_THAT(result.out, HasSubstr("--version")) << program.name;
    EXPECT_THAT(result.out, HasSubstr("Exit status:\n  0  success\n  1  runtime error")) << program.name;
    EXPECT_THAT(result.out, HasSubstr("  2  usage error")) << program.name;
  }
  EXPECT_THAT(run_command(std::string(KAVOSH_INDEX_BIN) + " --help").out, HasSubstr("  3  some records were skipped"));
}

TEST_F(Programs, AnUnknownOptionIsAUsageError) {
  for (const Program& program : programs()) {
    const auto result = run_command(program.path + " --no-such-option 2>&1");
    EXPECT_EQ(result.status, cli::kExitUsage) << program.name << ": " << result.out;
    EXPECT_THAT(result.out, HasSubstr("Run with --help for more information.")) << program.name;
  }
}

TEST_F(Programs, ChoicesAreShownPlainlyAndMatchedIgnoringCase) {
  const std::string help = run_command(std::string(KAVOSH_SEARCH_BIN) + " --help").out;
  EXPECT_THAT(help, HasSubstr("--format text|json|trec"));
  EXPECT_THAT(help, HasSubstr("--sort relevance|date"));
  EXPECT_THAT(help, Not(HasSubstr("->")));
  EXPECT_THAT(run_command(std::string(KAVOSH_INDEX_BIN) + " --help").out, HasSubstr("--progress auto|always|never"));
  EXPECT_THAT(run_command(std::string(KAVOSH_ANALYZE_BIN) + " --help").out, HasSubstr("--format text|json"));

  const auto json = run_command(search("--format JSON --sort Date انتخابات"));
  EXPECT_EQ(json.status, 0);
  EXPECT_THAT(json.out, HasSubstr(R"("id":"a")"));
  EXPECT_EQ(run_command(std::string(KAVOSH_ANALYZE_BIN) + " --format Json مجلس").out.front(), '{');
  const auto bad = run_command(search("--format yaml انتخابات 2>&1"));
  EXPECT_EQ(bad.status, cli::kExitUsage);
  EXPECT_THAT(bad.out, HasSubstr("'yaml' is not one of text|json|trec"));
}

TEST_F(Programs, AMissingOrCorruptDatabaseIsARuntimeError) {
  const auto missing = run_command(std::string(KAVOSH_SEARCH_BIN) + " --db " + shell_quoted(dir_->path() + "/missing") +
                                   " انتخابات 2>&1");
  EXPECT_EQ(missing.status, cli::kExitRuntime);
  EXPECT_THAT(missing.out, ::testing::StartsWith("kavosh-search: error: "));
  const std::string garbage = dir_->path() + "/garbage";
  std::ofstream(garbage) << "not a database\n";
  EXPECT_EQ(run_command(std::string(KAVOSH_SEARCH_BIN) + " --db " + shell_quoted(garbage) + " x 2>/dev/null").status,
            cli::kExitRuntime);
  // A missing --db is the caller's mistake, not the database's.
  EXPECT_EQ(run_command(std::string(KAVOSH_SEARCH_BIN) + " انتخابات 2>/dev/null").status, cli::kExitUsage);
}

TEST_F(Programs, EachToolKeepsUsageAndRuntimeErrorsApart) {
  const std::string run = shell_quoted(dir_->path() + "/missing.run");
  const std::string qrels = dir_->path() + "/qrels.txt";
  std::ofstream(qrels) << "1 0 a 1\n";
  EXPECT_EQ(run_command(std::string(KAVOSH_EVAL_BIN) + " " + shell_quoted(qrels) + " " + run + " 2>/dev/null").status,
            cli::kExitRuntime);
  const std::string serve = std::string(KAVOSH_SERVE_BIN) + " --db " + shell_quoted(db_);
  EXPECT_EQ(run_command(serve + " --listen nowhere 2>/dev/null").status, cli::kExitUsage);
  EXPECT_EQ(run_command(std::string(KAVOSH_INDEX_BIN) + " --db " + shell_quoted(dir_->path() + "/db2") + " " +
                        shell_quoted(dir_->path() + "/no-such.jsonl") + " 2>/dev/null")
                .status,
            cli::kExitUsage);
}

/// A kavosh-serve on a free loopback port, stopped with SIGTERM when destroyed.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execl(KAVOSH_SERVE_BIN, "kavosh-serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", "--threads", "2",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    err_ = ::fdopen(fds[0], "r");
    // The first line names the port; the program writes it once it listens (or exits, closing the pipe).
    char line[512];
    if (err_ != nullptr && std::fgets(line, sizeof line, err_) != nullptr) {
      std::sscanf(line, "kavosh-serve: listening on port %d", &port_);
    }
  }
  ~ServeProcess() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    if (err_ != nullptr) std::fclose(err_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::FILE* err_ = nullptr;
  int port_ = 0;
};

TEST_F(Programs, ServeRefusesAPortAnotherProcessListensOn) {
  const ServeProcess first(db_);
  ASSERT_GT(first.port(), 0);
  // `timeout`: should the second one start after all, the test fails instead of hanging.
  const auto second = run_command("timeout 5 " + std::string(KAVOSH_SERVE_BIN) + " --db " + shell_quoted(db_) +
                                  " --listen 127.0.0.1:" + std::to_string(first.port()) + " 2>&1");
  EXPECT_EQ(second.status, cli::kExitRuntime) << second.out;
  EXPECT_THAT(second.out, HasSubstr("kavosh-serve: error: cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                                    ": port " + std::to_string(first.port()) + " is already in use"));
}

TEST_F(Programs, OutputThatCannotBeWrittenIsARuntimeError) {
  for (const std::string& command :
       {std::string(KAVOSH_STEM_BIN) + " کتاب", std::string(KAVOSH_ANALYZE_BIN) + " کتاب", search("انتخابات")}) {
    const auto result = run_command(command + " 2>&1 >/dev/full");
    EXPECT_EQ(result.status, cli::kExitRuntime) << command;
    EXPECT_THAT(result.out, HasSubstr(": error: cannot write the output")) << command;
  }
}

TEST_F(Programs, SkippedRecordsExitThree) {
  const std::string input = dir_->path() + "/bad.jsonl";
  std::ofstream(input) << R"({"id":"c","title":"خبر"})"
                          "\n"
                       << R"({"title":"no id"})"
                          "\n";
  const auto result = run_command(std::string(KAVOSH_INDEX_BIN) + " --progress never --db " +
                                  shell_quoted(dir_->path() + "/db3") + " " + shell_quoted(input) + " 2>/dev/null");
  EXPECT_EQ(result.status, cli::kExitSkipped);
  EXPECT_THAT(result.out, HasSubstr("added 1,"));
}

TEST_F(Programs, SearchColoursHighlightsOnlyOnATerminalWithoutNoColor) {
  const std::vector<std::string> args{KAVOSH_SEARCH_BIN, "--db", db_, "انتخابات"};
  EXPECT_THAT(run_on_terminal(args, nullptr), HasSubstr("\x1b[1;33mانتخابات\x1b[0m"));
  const std::string plain = run_on_terminal(args, "1");
  EXPECT_THAT(plain, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(plain, HasSubstr("[انتخابات]"));
  // Through a pipe: never colour, NO_COLOR or not.
  const auto piped = run_command(search("انتخابات"));
  EXPECT_THAT(piped.out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(piped.out, HasSubstr("[انتخابات]"));
}

}  // namespace
}  // namespace kavosh::testing
