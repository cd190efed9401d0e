// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Runs a program as a user does, from a shell, for the tests of the command-line tools.
#pragma once
#include <stdio.h>     // popen
#include <stdlib.h>    // mkstemp
#include <sys/wait.h>  // WEXITSTATUS
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kavosh::testing {

struct CommandResult {
  int status = -1;  ///< exit code, or -1 when the command did not exit normally
  std::string out;  ///< standard output (append `2>&1` to the command to get standard error too)
};

/// Runs `command` through /bin/sh with `input` on its standard input.
inline CommandResult run_command(const std::string& command, const std::string& input = "") {
  // Standard input through a file of its own: writing to a pipe that the command never reads could block.
  std::string in_path = (std::filesystem::temp_directory_path() / "kavosh-stdin-XXXXXX").string();
  const int fd = ::mkstemp(in_path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  std::ofstream(in_path, std::ios::binary) << input;
  CommandResult result;
  FILE* pipe = ::popen((command + " < '" + in_path + "'").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) result.out.append(buf, n);
  const int status = ::pclose(pipe);
  std::filesystem::remove(in_path);
  if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
  return result;
}

}  // namespace kavosh::testing
