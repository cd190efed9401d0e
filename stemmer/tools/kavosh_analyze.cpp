// kavosh-analyze: shows how Kavosh analyzes a text, token by token (why a document matched or not).
#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/cli/tool.h"

namespace {

std::string kind_name(kavosh::analysis::TokenKind kind) {
  return kind == kavosh::analysis::TokenKind::kNumber ? "number" : "word";
}

void print_text(std::string_view input, const std::vector<kavosh::analysis::Token>& tokens) {
  std::cout << "pos\toriginal\tnormalized\tstem\tkind\tflags\n";
  for (const auto& t : tokens) {
    std::cout << t.position << '\t' << input.substr(t.span.begin, t.span.end - t.span.begin) << '\t' << t.text << '\t'
              << t.stem << '\t' << kind_name(t.kind) << '\t' << (t.stopword ? "stop" : "")
              << (t.part ? (t.stopword ? ",part" : "part") : "") << '\n';
  }
}

void print_json(std::string_view input, const std::vector<kavosh::analysis::Token>& tokens) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& t : tokens) {
    rows.push_back({{"original", std::string(input.substr(t.span.begin, t.span.end - t.span.begin))},
                    {"normalized", t.text},
                    {"stem", t.stem},
                    {"position", t.position},
                    {"begin", t.span.begin},
                    {"end", t.span.end},
                    {"kind", kind_name(t.kind)},
                    {"stopword", t.stopword},
                    {"part", t.part}});
  }
  nlohmann::json out = {{"analyzer_version", kavosh::analysis::kAnalyzerVersion}, {"tokens", rows}};
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Show how Kavosh analyzes Persian text: one row per token.", "kavosh-analyze"};
  bool json = false;
  std::vector<std::string> words;
  kavosh::cli::add_choice<bool>(app, "--format", json, {{"text", false}, {"json", true}},
                                "Output format (default text: a tab-separated table)");
  app.add_option("text", words, "Text to analyze (standard input when absent)");
  kavosh::cli::add_standard_options(app);
  if (const auto code = kavosh::cli::parse(app, argc, argv)) return *code;
  std::string input;
  if (words.empty()) {
    input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    for (const auto& w : words) input += (input.empty() ? "" : " ") + w;
  }
  const kavosh::analysis::Analyzer analyzer;
  const auto tokens = analyzer.analyze(input);
  if (json) print_json(input, tokens);
  else print_text(input, tokens);
  return kavosh::cli::finish_output(std::cout, std::cerr, app.get_name());
}
