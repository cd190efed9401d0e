#include <gtest/gtest.h>

#include <sstream>

#include "kavosh/error.h"
#include "kavosh/eval.h"

namespace kavosh::testing {
namespace {

using eval::evaluate;
using eval::read_qrels;
using eval::read_run;

// Hand-computed example (see the comments for each figure).
// q1: judged d1=2, d2=1, d3=0, d4=1 (d4 never retrieved); ranking d3 d1 d5 d2.
// q2: judged d7=1; the run has no line for q2. q3: only a non-relevant judgment, so it is not averaged.
constexpr const char* kQrels = "q1 0 d1 2\nq1 0 d2 1\nq1 0 d3 0\nq1 0 d4 1\n"
                               "q2 0 d7 1\n"
                               "q3 0 d9 0\n";
constexpr const char* kRun = "q1 Q0 d2 4 1.0 t\nq1 Q0 d3 1 3.0 t\nq1 Q0 d5 3 1.5 t\nq1 Q0 d1 2 2.0 t\n"
                             "q3 Q0 d9 1 1.0 t\n";

eval::Evaluation run_example() {
  std::istringstream qrels(kQrels), run(kRun);
  return evaluate(read_qrels(qrels), read_run(run));
}

TEST(Eval, ScoresAHandComputedQuery) {
  const auto q1 = run_example().per_query.at("q1");
  // DCG = 2/log2(3) + 1/log2(5) = 1.692536; ideal = 2 + 1/log2(3) + 1/log2(4) = 3.130930.
  EXPECT_NEAR(q1.ndcg10, 1.692536 / 3.130930, 1e-5);
  EXPECT_DOUBLE_EQ(q1.mrr10, 0.5);                     // first relevant at rank 2
  EXPECT_NEAR(q1.map, (1.0 / 2 + 2.0 / 4) / 3, 1e-9);  // hits at ranks 2 and 4, three relevant
  EXPECT_NEAR(q1.recall100, 2.0 / 3, 1e-9);
}

TEST(Eval, AMissingQueryScoresZeroAndUnjudgedQueriesAreSkipped) {
  const auto e = run_example();
  ASSERT_EQ(e.per_query.size(), 2u);  // q1 and q2; q3 has no relevant document
  EXPECT_EQ(e.per_query.at("q2").ndcg10, 0);
  EXPECT_NEAR(e.mean.ndcg10, 1.692536 / 3.130930 / 2, 1e-5);
  EXPECT_DOUBLE_EQ(e.mean.mrr10, 0.25);
  EXPECT_NEAR(e.mean.recall100, 1.0 / 3, 1e-9);
}

TEST(Eval, RunIsOrderedByScoreThenDocidDescending) {
  std::istringstream run("q Q0 a 1 1.0 t\nq Q0 b 2 1.0 t\nq Q0 c 3 5.0 t\n");
  const auto r = read_run(run);
  ASSERT_EQ(r.at("q").size(), 3u);
  EXPECT_EQ(r.at("q")[0].docid, "c");
  EXPECT_EQ(r.at("q")[1].docid, "b");
  EXPECT_EQ(r.at("q")[2].docid, "a");
}

TEST(Eval, PerfectRankingScoresOne) {
  std::istringstream qrels("q 0 a 2\nq 0 b 1\n"), run("q Q0 a 1 2 t\nq Q0 b 2 1 t\n");
  const auto m = evaluate(read_qrels(qrels), read_run(run)).mean;
  EXPECT_DOUBLE_EQ(m.ndcg10, 1.0);
  EXPECT_DOUBLE_EQ(m.mrr10, 1.0);
  EXPECT_DOUBLE_EQ(m.map, 1.0);
  EXPECT_DOUBLE_EQ(m.recall100, 1.0);
}

TEST(Eval, MalformedLinesNameTheFileAndLine) {
  std::istringstream bad_qrels("q 0 a 1\nq 0 b\n");
  try {
    read_qrels(bad_qrels, "x.qrels");
    FAIL() << "no error";
  } catch (const InvalidInputError& e) {
    EXPECT_STREQ(e.what(), "x.qrels:2: expected `qid iter docid grade`");
  }
  std::istringstream bad_run("q Q0 a 1 high t\n");
  EXPECT_THROW(read_run(bad_run, "r"), InvalidInputError);
}

}  // namespace
}  // namespace kavosh::testing
