// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The stories (near-copy groups) kavosh-index finds in JSONL files: counts, agreement with the `dup_of`
// marks when the files have some, and the largest groups to read.
//   story_report [--show N] FILE.jsonl...
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "../common/temp_dir.h"
#include "kavosh/eval.h"
#include "kavosh/index/stories.h"
#include "story_marks.h"

namespace {

using kavosh::testing::Article;

void print_groups(const std::vector<Article>& articles, const std::map<std::string, std::string>& stories,
                  std::size_t show) {
  std::map<std::string, std::vector<const Article*>> groups;
  for (const Article& article : articles) {
    if (const auto it = stories.find(article.id); it != stories.end()) groups[it->second].push_back(&article);
  }
  std::vector<const std::vector<const Article*>*> grouped;
  for (const auto& [story, members] : groups) {
    if (members.size() > 1) grouped.push_back(&members);
  }
  std::size_t copies = 0;
  for (const auto* members : grouped) copies += members->size() - 1;
  std::printf("documents %zu, stories %zu, stories with copies %zu, copies %zu\n", stories.size(), groups.size(),
              grouped.size(), copies);
  std::ranges::stable_sort(grouped, [](const auto* a, const auto* b) { return a->size() > b->size(); });
  const kavosh::analysis::Analyzer analyzer;
  for (std::size_t g = 0; g < std::min(show, grouped.size()); ++g) {
    std::printf("story %s:\n", stories.at(grouped[g]->front()->id).c_str());
    const auto first = kavosh::index::signature(grouped[g]->front()->body, analyzer);
    for (const Article* article : *grouped[g]) {
      // The estimated similarity to the group's first document, then the article.
      const double similar = kavosh::index::similarity(first, kavosh::index::signature(article->body, analyzer));
      std::printf("  %.2f  %s  %s  %s\n", similar, article->id.c_str(), article->source.c_str(),
                  article->title.c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t show = 10;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--show" && i + 1 < argc) {
      show = std::stoul(argv[++i]);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: story_report [--show N] FILE.jsonl...\n";
    return 2;
  }
  const std::vector<Article> articles = kavosh::testing::read_articles(paths);
  const kavosh::testing::TempDir dir;
  const auto stories = kavosh::testing::indexed_stories(dir / "db", articles);
  print_groups(articles, stories, show);
  if (std::ranges::any_of(articles, [](const Article& a) { return !a.dup_of.empty(); })) {
    const auto scores = kavosh::eval::score_groups(stories, kavosh::testing::marked_stories(articles));
    std::printf("marked pairs %llu, grouped pairs %llu, correct %llu: precision %.3f, recall %.3f\n",
                static_cast<unsigned long long>(scores.true_pairs),
                static_cast<unsigned long long>(scores.predicted_pairs),
                static_cast<unsigned long long>(scores.correct_pairs), scores.precision, scores.recall);
  }
  return 0;
}
