// kavosh-stem: one word per line in, `word<TAB>normalized<TAB>stem` per line out, same order.
#include <iostream>
#include <string>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/analysis/stemmer.h"

int main() {
  std::ios::sync_with_stdio(false);
  const kavosh::analysis::PersianNormalizer normalizer;
  const kavosh::analysis::PersianStemmer stemmer;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      std::cout << '\n';
      continue;
    }
    const std::string normalized = normalizer.normalize(line);
    std::cout << line << '\t' << normalized << '\t' << stemmer.stem(normalized) << '\n';
  }
  return 0;
}
