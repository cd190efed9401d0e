// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The bundled corpus indexed once per fuzzing process, for the targets that search.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"

namespace kavosh::fuzzing {

inline void check(bool ok) {
  if (!ok) std::abort();
}

/// corpus/articles.jsonl indexed in a fresh temporary directory, removed at exit; returns the database path.
inline const std::string& corpus_database() {
  static const std::string path = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "kavosh-fuzz-XXXXXX").string();
    check(::mkdtemp(dir.data()) != nullptr);
    static const std::string removed_at_exit = dir;
    std::atexit([] { std::filesystem::remove_all(removed_at_exit); });
    index::IndexOptions options;
    options.db_path = dir + "/db";
    index::IndexWriter writer(options);
    std::ifstream in(std::string(KAVOSH_SOURCE_DIR) + "/corpus/articles.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) writer.add(index::parse_record(line));
    }
    writer.commit();
    return options.db_path;
  }();
  return path;
}

}  // namespace kavosh::fuzzing
