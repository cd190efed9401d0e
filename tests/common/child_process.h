// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A program started as a child process, to be killed or waited for: the fault tests of the indexer.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kavosh::testing {

/// Starts `args[0]` with `args`, standard output into `out_path` and standard error into `err_path`;
/// returns its pid. Between fork and exec only async-signal-safe calls: the parent may run threads.
inline pid_t spawn_program(std::vector<std::string> args, const std::string& out_path, const std::string& err_path) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDOUT_FILENO);
    ::dup2(::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

/// Waits for `pid`: its exit code, or 128 + the signal that ended it, as a shell reports it.
inline int wait_exit_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// The whole content of a text file ("" when missing).
inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace kavosh::testing
