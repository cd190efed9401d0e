// Kavosh: Persian full-text search. GPL-2.0-or-later.
// CPU time for index_bench and the plain Xapian indexer it runs: a child's, this process's, and the
// split of an indexer's CPU time into making and writing documents (--phases).
#pragma once
#include <sys/resource.h>

#include <fstream>
#include <string>

namespace kavosh::bench {

/// User + system seconds of `usage`.
inline double cpu_seconds(const rusage& usage) {
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// This process's CPU seconds so far.
inline double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return cpu_seconds(usage);
}

/// Writes an indexer's two phases to `path` as "make write": from `started` to `made`, and from `made` to
/// now (the phases run in a child process, like the indexers themselves).
inline void write_split(const std::string& path, double started, double made) {
  std::ofstream(path) << made - started << ' ' << cpu_seconds() - made << '\n';
}

}  // namespace kavosh::bench
