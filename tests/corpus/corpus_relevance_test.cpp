// Relevance is a product feature: index the bundled corpus, run its 65 judged queries through the
// Searcher and fail when the scores fall below the recorded floors (README, "Relevance").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kavosh/eval.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "kavosh/searcher.h"

namespace kavosh::testing {
namespace {

// Measured 2026-11-23 (nDCG@10 0.822, MRR@10 0.929); the floors leave room for noise, not for regressions.
constexpr double kNdcgFloor = 0.80;
constexpr double kMrrFloor = 0.90;

const std::string kCorpus = std::string(KAVOSH_SOURCE_DIR) + "/corpus/";

class CorpusRelevance : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = std::filesystem::temp_directory_path() / ("kavosh-corpus-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(db_);
    index::IndexWriter writer({db_.string(), 1000, ""});
    std::ifstream in(kCorpus + "articles.jsonl");
    for (std::string line; std::getline(in, line);) writer.add(index::parse_record(line));
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(db_); }

  static eval::Evaluation evaluate_queries() {
    const Searcher searcher(db_.string());
    std::ifstream queries(kCorpus + "queries.tsv");
    eval::Run run;
    for (std::string line; std::getline(queries, line);) {
      const auto tab = line.find('\t');
      SearchRequest request;
      request.query = line.substr(tab + 1);
      request.limit = 100;
      request.collapse = false;  // judgments are of documents: every copy is ranked
      for (const auto& hit : searcher.search(request).hits) {
        run[line.substr(0, tab)].push_back({hit.id, 1000.0 - hit.rank});
      }
    }
    std::ifstream qrels(kCorpus + "qrels.txt");
    return eval::evaluate(eval::read_qrels(qrels), run);
  }

  static std::filesystem::path db_;
};
std::filesystem::path CorpusRelevance::db_;

TEST_F(CorpusRelevance, AllArticlesAreIndexed) {
  const Searcher searcher(db_.string());
  EXPECT_TRUE(searcher.document("a001").has_value());
  EXPECT_TRUE(searcher.document("d035").has_value());
}

TEST_F(CorpusRelevance, ScoresStayAboveTheFloor) {
  const auto e = evaluate_queries();
  EXPECT_EQ(e.per_query.size(), 65u);
  EXPECT_GE(e.mean.ndcg10, kNdcgFloor);
  EXPECT_GE(e.mean.mrr10, kMrrFloor);
  std::printf("corpus: nDCG@10 %.3f  MRR@10 %.3f  MAP %.3f  Recall@100 %.3f\n", e.mean.ndcg10, e.mean.mrr10, e.mean.map,
              e.mean.recall100);
}

}  // namespace
}  // namespace kavosh::testing
