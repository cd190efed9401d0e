// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Articles with marked near-copies (`dup_of`), indexed to compare the stories kavosh-index finds with the
// marks: shared by stories_test and story_report.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace kavosh::testing {

struct Article {
  std::string id;
  std::string source;
  std::string title;
  std::string body;
  std::string dup_of;  ///< the id of the article this one republishes; empty when none
  std::string line;    ///< the JSONL record
};

/// The articles of JSONL files, in order; lines that are not a JSON object with a string id are skipped.
std::vector<Article> read_articles(const std::vector<std::string>& paths);

/// The marked story of each article: the end of its `dup_of` chain (its own id when unmarked).
std::map<std::string, std::string> marked_stories(const std::vector<Article>& articles);

/// Indexes the articles in their order into a new database at `db` (records kavosh-index refuses are
/// skipped) and returns each document's story.
std::map<std::string, std::string> indexed_stories(const std::string& db, const std::vector<Article>& articles);

}  // namespace kavosh::testing
