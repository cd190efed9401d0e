#include "kavosh/eval.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "kavosh/error.h"

namespace kavosh::eval {
namespace {

[[noreturn]] void fail(const std::string& name, int line, const std::string& why) {
  throw InvalidInputError(name + ":" + std::to_string(line) + ": " + why);
}

// Splits a line on whitespace.
std::vector<std::string> fields(const std::string& line) {
  std::istringstream ss(line);
  std::vector<std::string> out;
  for (std::string f; ss >> f;) out.push_back(f);
  return out;
}

double dcg(const std::vector<int>& gains) {
  double sum = 0;
  for (std::size_t i = 0; i < gains.size(); ++i) sum += gains[i] / std::log2(static_cast<double>(i) + 2.0);
  return sum;
}

double ndcg_at(const std::map<std::string, int>& judged, const std::vector<RankedDoc>& ranking, std::size_t k) {
  std::vector<int> gains;
  for (std::size_t i = 0; i < ranking.size() && i < k; ++i) {
    const auto it = judged.find(ranking[i].docid);
    gains.push_back(it == judged.end() ? 0 : std::max(0, it->second));
  }
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judged) {
    if (grade > 0) ideal.push_back(grade);
  }
  std::sort(ideal.rbegin(), ideal.rend());
  if (ideal.size() > k) ideal.resize(k);
  const double best = dcg(ideal);
  return best > 0 ? dcg(gains) / best : 0;
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const auto f = fields(line);
    if (f.empty()) continue;
    if (f.size() != 4) fail(name, n, "expected `qid iter docid grade`");
    try {
      qrels[f[0]][f[2]] = std::stoi(f[3]);
    } catch (const std::exception&) {
      fail(name, n, "grade is not a number: " + f[3]);
    }
  }
  return qrels;
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const auto f = fields(line);
    if (f.empty()) continue;
    if (f.size() != 6) fail(name, n, "expected `qid Q0 docid rank score tag`");
    try {
      run[f[0]].push_back({f[2], std::stod(f[4])});
    } catch (const std::exception&) {
      fail(name, n, "score is not a number: " + f[4]);
    }
  }
  for (auto& [qid, docs] : run) {
    std::stable_sort(docs.begin(), docs.end(), [](const RankedDoc& a, const RankedDoc& b) {
      return a.score != b.score ? a.score > b.score : a.docid > b.docid;
    });
  }
  return run;
}

Metrics score_query(const std::map<std::string, int>& judgments, const std::vector<RankedDoc>& ranking) {
  const auto relevant = static_cast<double>(
      std::count_if(judgments.begin(), judgments.end(), [](const auto& j) { return j.second > 0; }));
  Metrics m;
  if (relevant == 0) return m;
  m.ndcg10 = ndcg_at(judgments, ranking, 10);
  double hits = 0, precision_sum = 0;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    const auto it = judgments.find(ranking[i].docid);
    if (it == judgments.end() || it->second <= 0) continue;
    hits += 1;
    precision_sum += hits / static_cast<double>(i + 1);
    if (m.mrr10 == 0 && i < 10) m.mrr10 = 1.0 / static_cast<double>(i + 1);
    if (i < 100) m.recall100 += 1.0 / relevant;
  }
  m.map = precision_sum / relevant;
  return m;
}

Evaluation evaluate(const Qrels& qrels, const Run& run) {
  Evaluation e;
  static const std::vector<RankedDoc> kNothing;
  for (const auto& [qid, judgments] : qrels) {
    if (std::none_of(judgments.begin(), judgments.end(), [](const auto& j) { return j.second > 0; })) continue;
    const auto it = run.find(qid);
    e.per_query[qid] = score_query(judgments, it == run.end() ? kNothing : it->second);
  }
  if (e.per_query.empty()) return e;
  for (const auto& [qid, m] : e.per_query) {
    e.mean.ndcg10 += m.ndcg10;
    e.mean.mrr10 += m.mrr10;
    e.mean.map += m.map;
    e.mean.recall100 += m.recall100;
  }
  const auto n = static_cast<double>(e.per_query.size());
  e.mean = {e.mean.ndcg10 / n, e.mean.mrr10 / n, e.mean.map / n, e.mean.recall100 / n};
  return e;
}

namespace {

std::uint64_t pairs_of(std::uint64_t n) { return n * (n - 1) / 2; }

/// The number of pairs sharing a key, for keys counted in `sizes`.
template <typename Key>
std::uint64_t grouped_pairs(const std::map<Key, std::uint64_t>& sizes) {
  std::uint64_t pairs = 0;
  for (const auto& [key, size] : sizes) pairs += pairs_of(size);
  return pairs;
}

/// A document's label, or a label of its own when `labels` has none.
std::string label_of(const std::map<std::string, std::string>& labels, const std::string& id) {
  const auto it = labels.find(id);
  return it != labels.end() ? it->second : "\x01" + id;
}

}  // namespace

GroupScores score_groups(const std::map<std::string, std::string>& predicted,
                         const std::map<std::string, std::string>& truth) {
  std::map<std::string, std::uint64_t> predicted_sizes, true_sizes;
  std::map<std::pair<std::string, std::string>, std::uint64_t> both_sizes;
  std::set<std::string> ids;
  for (const auto& [id, label] : predicted) ids.insert(id);
  for (const auto& [id, label] : truth) ids.insert(id);
  for (const std::string& id : ids) {
    const std::string p = label_of(predicted, id);
    const std::string t = label_of(truth, id);
    ++predicted_sizes[p];
    ++true_sizes[t];
    ++both_sizes[{p, t}];
  }
  GroupScores scores{grouped_pairs(predicted_sizes), grouped_pairs(true_sizes), grouped_pairs(both_sizes), 1, 1};
  if (scores.predicted_pairs) scores.precision = static_cast<double>(scores.correct_pairs) / scores.predicted_pairs;
  if (scores.true_pairs) scores.recall = static_cast<double>(scores.correct_pairs) / scores.true_pairs;
  return scores;
}

}  // namespace kavosh::eval
