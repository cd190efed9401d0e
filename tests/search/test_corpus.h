// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Small databases built in a test with kavosh::index, and helpers to read results.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../common/temp_dir.h"
#include "kavosh/searcher.h"

namespace kavosh::search::testing {

using kavosh::testing::TempDir;

/// Indexes JSONL `records` into a new database at `db` with the IndexWriter; `synonyms` is the text of
/// a synonyms file (empty: none).
void build_database(const std::string& db, const std::vector<std::string>& records, const std::string& synonyms = "");

/// The rule corpus of search_rules_test: one or a few documents per matching and ranking rule.
const std::vector<std::string>& rule_records();
/// The synonyms file text used with rule_records().
const std::string& rule_synonyms();

/// The ids of the hits, in rank order.
std::vector<std::string> ids(const SearchResults& results);

/// Searches `query` with default options otherwise.
SearchResults run_query(const Searcher& searcher, const std::string& query, std::uint32_t limit = 20);

/// A suite over a database of Records(), built once.
template <std::vector<std::string> (*Records)()>
class Indexed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    build_database(dir_->path() + "/db", Records());
    searcher_ = std::make_unique<Searcher>(dir_->path() + "/db");
  }
  static void TearDownTestSuite() {
    searcher_.reset();
    dir_.reset();
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<Searcher> searcher_;
};

}  // namespace kavosh::search::testing
