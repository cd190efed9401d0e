// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Retrieval evaluation over TREC files: what the corpus tests and the README's relevance table use.
#pragma once
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace kavosh::eval {

/// Graded judgments: qid → docid → grade (0 = judged not relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// One ranked document of a run.
struct RankedDoc {
  std::string docid;
  double score = 0;
};
/// A run: qid → documents, best first (read_run sorts them as trec_eval does).
using Run = std::map<std::string, std::vector<RankedDoc>>;

/// Reads `qid ITER docid grade` lines; throws kavosh::InvalidInputError naming the line when malformed.
Qrels read_qrels(std::istream& in, const std::string& name = "qrels");
/// Reads `qid Q0 docid rank score tag` lines and orders each query's documents by score, highest
/// first, ties by docid descending (trec_eval's order; the rank column is ignored, as trec_eval does).
Run read_run(std::istream& in, const std::string& name = "run");

/// Scores of one query or their mean over queries.
struct Metrics {
  double ndcg10 = 0;     ///< nDCG@10, gain = grade, discount log2(rank + 1), ideal from all judgments
  double mrr10 = 0;      ///< reciprocal rank of the first relevant (grade > 0) document in the top 10
  double map = 0;        ///< average precision over all relevant documents (unretrieved ones count 0)
  double recall100 = 0;  ///< share of the relevant documents in the top 100
};

/// Scores one query's ranking against its judgments.
Metrics score_query(const std::map<std::string, int>& judgments, const std::vector<RankedDoc>& ranking);

/// Mean over every query that has at least one relevant document; a query the run lacks scores 0.
struct Evaluation {
  Metrics mean;
  std::map<std::string, Metrics> per_query;
};
Evaluation evaluate(const Qrels& qrels, const Run& run);

/// Agreement of a grouping (near-copies into stories) with marked groups, over pairs of documents: a
/// pair is grouped when both documents have the same label.
struct GroupScores {
  std::uint64_t predicted_pairs = 0;  ///< pairs grouped by `predicted`
  std::uint64_t true_pairs = 0;       ///< pairs grouped by `truth`
  std::uint64_t correct_pairs = 0;    ///< pairs grouped by both
  double precision = 1;               ///< correct / predicted (1 when nothing is grouped)
  double recall = 1;                  ///< correct / true (1 when nothing should be)
};

/// Scores `predicted` (document → group label) against `truth` (document → group label); documents missing
/// from one side are alone there.
GroupScores score_groups(const std::map<std::string, std::string>& predicted,
                         const std::map<std::string, std::string>& truth);

}  // namespace kavosh::eval
