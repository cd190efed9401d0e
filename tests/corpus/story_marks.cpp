// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "story_marks.h"

#include <fstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "kavosh/error.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "kavosh/index/stories.h"

namespace kavosh::testing {
namespace {

std::string text_field(const nlohmann::json& record, const char* name) {
  const auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<Article> read_articles(const std::vector<std::string>& paths) {
  std::vector<Article> articles;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
      if (!record.is_object() || text_field(record, "id").empty()) continue;
      articles.push_back({text_field(record, "id"), text_field(record, "source"), text_field(record, "title"),
                          text_field(record, "body"), text_field(record, "dup_of"), line});
    }
  }
  return articles;
}

std::map<std::string, std::string> marked_stories(const std::vector<Article>& articles) {
  std::map<std::string, std::string> dup_of;
  for (const Article& article : articles) dup_of[article.id] = article.dup_of;
  std::map<std::string, std::string> stories;
  for (const Article& article : articles) {
    std::string story = article.id;
    for (std::size_t hops = 0; hops < articles.size() && !dup_of[story].empty(); ++hops) story = dup_of[story];
    stories[article.id] = story;
  }
  return stories;
}

std::map<std::string, std::string> indexed_stories(const std::string& db, const std::vector<Article>& articles) {
  {
    index::IndexWriter writer({db, 1000, ""});
    for (const Article& article : articles) {
      try {
        writer.add(index::parse_record(article.line));
      } catch (const InvalidInputError&) {
        // kavosh-index would skip it too
      }
    }
  }
  return index::read_stories(Xapian::Database(db));
}

}  // namespace kavosh::testing
