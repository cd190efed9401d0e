// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The stories kavosh-index groups in the bundled corpus against its `dup_of` marks (republished copies),
// as pairs of documents; figures printed, floors asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "../common/temp_dir.h"
#include "kavosh/eval.h"
#include "story_marks.h"

namespace kavosh::testing {
namespace {

// Measured on corpus/articles.jsonl (15 marked copies): see CHANGELOG.md; the floors leave room for a
// changed analyzer, not for losing copies or grouping different stories.
constexpr double kPrecisionFloor = 0.95;
constexpr double kRecallFloor = 0.93;

const std::string kArticles = std::string(KAVOSH_SOURCE_DIR) + "/corpus/articles.jsonl";

TEST(CorpusStories, GroupsTheMarkedCopies) {
  const std::vector<Article> articles = read_articles({kArticles});
  ASSERT_EQ(articles.size(), 170u);
  const TempDir dir;
  const auto scores = eval::score_groups(indexed_stories(dir / "db", articles), marked_stories(articles));
  std::printf("corpus stories: marked pairs %llu, grouped pairs %llu, precision %.3f, recall %.3f\n",
              static_cast<unsigned long long>(scores.true_pairs),
              static_cast<unsigned long long>(scores.predicted_pairs), scores.precision, scores.recall);
  EXPECT_EQ(scores.true_pairs, 15u);
  EXPECT_GE(scores.precision, kPrecisionFloor);
  EXPECT_GE(scores.recall, kRecallFloor);
}

TEST(CorpusStories, SameGroupsInAnotherOrder) {
  std::vector<Article> articles = read_articles({kArticles});
  const TempDir dir;
  const auto forward = indexed_stories(dir / "forward", articles);
  std::ranges::reverse(articles);
  const auto reverse = indexed_stories(dir / "reverse", articles);
  const auto agreement = eval::score_groups(reverse, forward);
  EXPECT_GT(agreement.true_pairs, 0u);
  EXPECT_EQ(agreement.precision, 1.0);
  EXPECT_EQ(agreement.recall, 1.0);
  // A story is named after the copy indexed first.
  EXPECT_EQ(forward.at("a041"), "a004");
  EXPECT_EQ(reverse.at("a004"), "a041");
}

TEST(GroupScores, CountsPairs) {
  const std::map<std::string, std::string> truth{{"a", "a"}, {"b", "a"}, {"c", "a"}, {"d", "d"}};
  const std::map<std::string, std::string> predicted{{"a", "x"}, {"b", "x"}, {"c", "c"}, {"d", "x"}};
  const auto scores = eval::score_groups(predicted, truth);
  EXPECT_EQ(scores.true_pairs, 3u);       // ab ac bc
  EXPECT_EQ(scores.predicted_pairs, 3u);  // ab ad bd
  EXPECT_EQ(scores.correct_pairs, 1u);    // ab
  EXPECT_DOUBLE_EQ(scores.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(scores.recall, 1.0 / 3);
}

}  // namespace
}  // namespace kavosh::testing
