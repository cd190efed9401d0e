// kavosh-stem: `word<TAB>normalized<TAB>stem` for each word given as an argument, or else for each line
// of standard input (one word per line, same order, an empty line stays empty).
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/analysis/stemmer.h"
#include "kavosh/cli/tool.h"

namespace {

void print_stem(const kavosh::analysis::PersianNormalizer& normalizer, const kavosh::analysis::PersianStemmer& stemmer,
                const std::string& word) {
  if (word.empty()) {
    std::cout << '\n';
    return;
  }
  const std::string normalized = normalizer.normalize(word);
  std::cout << word << '\t' << normalized << '\t' << stemmer.stem(normalized) << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Stems Persian words: prints word<TAB>normalized<TAB>stem for each WORD, or for each line of standard "
               "input when no word is given.",
               "kavosh-stem"};
  std::vector<std::string> words;
  app.add_option("word", words, "Words to stem (default: one word per line of standard input)");
  kavosh::cli::add_standard_options(app);
  if (const auto code = kavosh::cli::parse(app, argc, argv)) return *code;
  std::ios::sync_with_stdio(false);
  const kavosh::analysis::PersianNormalizer normalizer;
  const kavosh::analysis::PersianStemmer stemmer;
  if (!words.empty()) {
    for (const std::string& word : words) print_stem(normalizer, stemmer, word);
    return kavosh::cli::finish_output(std::cout, std::cerr, app.get_name());
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    print_stem(normalizer, stemmer, line);
  }
  return kavosh::cli::finish_output(std::cout, std::cerr, app.get_name());
}
