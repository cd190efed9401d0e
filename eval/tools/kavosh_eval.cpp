// kavosh-eval: nDCG@10, MRR@10, MAP and Recall@100 of a TREC run against TREC qrels.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "kavosh/cli/tool.h"
#include "kavosh/error.h"
#include "kavosh/eval.h"

int main(int argc, char** argv) {
  CLI::App app{"Score a TREC run against TREC qrels: nDCG@10, MRR@10, MAP, Recall@100.", "kavosh-eval"};
  std::string qrels_path, run_path;
  bool per_query = false;
  app.add_option("qrels", qrels_path, "TREC qrels: qid iter docid grade")->required()->check(CLI::ExistingFile);
  app.add_option("run", run_path, "TREC run: qid Q0 docid rank score tag (- for stdin)")->required();
  app.add_flag("--per-query", per_query, "Also print one line per query");
  kavosh::cli::add_standard_options(app);
  if (const auto code = kavosh::cli::parse(app, argc, argv)) return *code;
  try {
    std::ifstream qrels_in(qrels_path);
    const auto qrels = kavosh::eval::read_qrels(qrels_in, qrels_path);
    std::ifstream run_file;
    if (run_path != "-") {
      run_file.open(run_path);
      if (!run_file) throw kavosh::EnvironmentError("cannot open " + run_path);
    }
    const auto run = kavosh::eval::read_run(run_path == "-" ? std::cin : run_file, run_path);
    const auto e = kavosh::eval::evaluate(qrels, run);
    if (per_query) {
      for (const auto& [qid, m] : e.per_query) {
        std::printf("%s\tndcg@10=%.4f\tmrr@10=%.4f\tmap=%.4f\trecall@100=%.4f\n", qid.c_str(), m.ndcg10, m.mrr10, m.map,
                    m.recall100);
      }
    }
    std::printf("queries=%zu\tndcg@10=%.4f\tmrr@10=%.4f\tmap=%.4f\trecall@100=%.4f\n", e.per_query.size(),
                e.mean.ndcg10, e.mean.mrr10, e.mean.map, e.mean.recall100);
    return kavosh::cli::kExitOk;
  } catch (const kavosh::Error& e) {
    std::cerr << "kavosh-eval: error: " << e.what() << '\n';
    return kavosh::cli::kExitRuntime;
  }
}
