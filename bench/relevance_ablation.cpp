// Relevance ablation: what each stage of the Persian analysis adds, on a corpus with judgments.
//   1 raw terms: Xapian TermGenerator/QueryParser on the text as written (plain Xapian)
//   2 + normalization: the same over PersianNormalizer output
//   3 + half-space rule: the Kavosh tokenizer's surface terms (joined forms and parts), no stems
//   4 + stemming: surface and stem terms, each query word as surface OR stem
//   5 final: kavosh-index + kavosh::Searcher (weights, all-words-first, phrases, proximity, ...)
// Stages 1–4 rank with BM25 over OR queries. The final ranking is also scored on each half of the
// queries split by the number ending the qid (even: the half ranking constants are tuned on; odd: held
// out, docs/search.md "Tuning"). Usage:
//   relevance_ablation CORPUS.jsonl QUERIES.tsv QRELS.txt [NAME]
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/eval.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "kavosh/searcher.h"

namespace {

using kavosh::analysis::Analyzer;

struct Doc {
  std::string id;
  std::string text;
  std::string line;
};

std::vector<Doc> read_corpus(const std::string& path) {
  std::vector<Doc> docs;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    docs.push_back({j.value("id", ""), j.value("title", "") + "\n" + j.value("body", ""), line});
  }
  return docs;
}

std::vector<std::pair<std::string, std::string>> read_queries(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

enum class Stage { kRaw, kNormalized, kHalfSpace, kStemmed };

// Terms of a text for stages 3 and 4 (positions are not needed for OR queries).
void add_kavosh_terms(Xapian::Document& doc, const Analyzer& analyzer, const std::string& text, bool stems) {
  for (const auto& t : analyzer.analyze(text)) {
    doc.add_term(t.text);
    if (stems) doc.add_term("Z" + t.stem);
  }
}

Xapian::Query kavosh_query(const Analyzer& analyzer, const std::string& query, bool stems) {
  std::vector<Xapian::Query> words;
  for (const auto& t : analyzer.analyze(query)) {
    if (stems) {
      words.emplace_back(Xapian::Query::OP_OR, Xapian::Query(t.text), Xapian::Query("Z" + t.stem));
    } else {
      words.emplace_back(t.text);
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

kavosh::eval::Run run_stage(Stage stage, const std::vector<Doc>& docs,
                            const std::vector<std::pair<std::string, std::string>>& queries) {
  const Analyzer analyzer;
  const auto& normalizer = analyzer.normalizer();
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator tg;
  for (const auto& d : docs) {
    Xapian::Document doc;
    doc.set_data(d.id);
    if (stage == Stage::kRaw || stage == Stage::kNormalized) {
      tg.set_document(doc);
      tg.index_text(stage == Stage::kRaw ? d.text : normalizer.normalize(d.text));
    } else {
      add_kavosh_terms(doc, analyzer, d.text, stage == Stage::kStemmed);
    }
    db.add_document(doc);
  }
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_OR);
  Xapian::Enquire enquire(db);
  kavosh::eval::Run run;
  for (const auto& [qid, text] : queries) {
    Xapian::Query q;
    if (stage == Stage::kRaw || stage == Stage::kNormalized) {
      try {
        q = qp.parse_query(stage == Stage::kRaw ? text : normalizer.normalize(text));
      } catch (const Xapian::QueryParserError&) {
        continue;
      }
    } else {
      q = kavosh_query(analyzer, text, stage == Stage::kStemmed);
    }
    enquire.set_query(q);
    for (auto it = enquire.get_mset(0, 100).begin(); it != enquire.get_mset(0, 100).end(); ++it) {
      run[qid].push_back({it.get_document().get_data(), it.get_weight()});
    }
  }
  return run;
}

kavosh::eval::Run run_final(const std::vector<Doc>& docs,
                            const std::vector<std::pair<std::string, std::string>>& queries) {
  const auto dir = std::filesystem::temp_directory_path() / ("kavosh-ablation-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    kavosh::index::IndexWriter writer({dir.string(), 10000, ""});
    for (const auto& d : docs) writer.add(kavosh::index::parse_record(d.line));
  }
  const kavosh::Searcher searcher(dir.string());
  kavosh::eval::Run run;
  for (const auto& [qid, text] : queries) {
    kavosh::SearchRequest request;
    request.query = text;
    request.limit = 100;
    request.collapse = false;  // judgments are of documents: every copy is ranked
    for (const auto& hit : searcher.search(request).hits) run[qid].push_back({hit.id, 1000.0 - hit.rank});
  }
  std::filesystem::remove_all(dir);
  return run;
}

/// Mean of the queries whose qid ends in a number of the given parity (qids without one are left out).
kavosh::eval::Metrics half_mean(const kavosh::eval::Evaluation& evaluation, int parity) {
  kavosh::eval::Metrics sum;
  int count = 0;
  for (const auto& [qid, m] : evaluation.per_query) {
    const std::size_t digits = qid.find_last_not_of("0123456789") + 1;
    if (digits == qid.size() || (qid.back() - '0') % 2 != parity) continue;
    sum.ndcg10 += m.ndcg10;
    sum.mrr10 += m.mrr10;
    sum.map += m.map;
    sum.recall100 += m.recall100;
    ++count;
  }
  if (count > 0) {
    for (double* v : {&sum.ndcg10, &sum.mrr10, &sum.map, &sum.recall100}) *v /= count;
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: relevance_ablation CORPUS.jsonl QUERIES.tsv QRELS.txt [NAME]\n";
    return 2;
  }
  const auto docs = read_corpus(argv[1]);
  const auto queries = read_queries(argv[2]);
  std::ifstream qrels_in(argv[3]);
  const auto qrels = kavosh::eval::read_qrels(qrels_in, argv[3]);
  const std::string name = argc > 4 ? argv[4] : argv[1];
  std::cout << "| " << name << " (" << docs.size() << " docs, " << queries.size()
            << " queries) | nDCG@10 | MRR@10 | MAP | Recall@100 |\n|---|---|---|---|---|\n";
  const std::pair<const char*, Stage> stages[] = {{"raw terms (plain Xapian)", Stage::kRaw},
                                                  {"+ normalization", Stage::kNormalized},
                                                  {"+ half-space rule", Stage::kHalfSpace},
                                                  {"+ stemming", Stage::kStemmed}};
  auto print = [](const char* label, const kavosh::eval::Metrics& m) {
    std::printf("| %s | %.3f | %.3f | %.3f | %.3f |\n", label, m.ndcg10, m.mrr10, m.map, m.recall100);
  };
  for (const auto& [label, stage] : stages)
    print(label, kavosh::eval::evaluate(qrels, run_stage(stage, docs, queries)).mean);
  const kavosh::eval::Evaluation final = kavosh::eval::evaluate(qrels, run_final(docs, queries));
  print("final ranking (kavosh-search)", final.mean);
  print("final, even qids (tuning half)", half_mean(final, 0));
  print("final, odd qids (held out)", half_mean(final, 1));
  return 0;
}
