// Analysis throughput (MB/s of original text) on real Persian news, one core.
// Input: the files named by KAVOSH_BENCH_NEWS (colon-separated JSONL, `title`+`body` used), by default
// ../shared/dev-data/news/*.jsonl when present; otherwise generated Persian-like text.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kavosh/analysis/analyzer.h"

namespace {

std::vector<std::string> default_news_files() {
  if (const char* env = std::getenv("KAVOSH_BENCH_NEWS")) {
    std::vector<std::string> files;
    std::stringstream ss(env);
    for (std::string f; std::getline(ss, f, ':');) files.push_back(f);
    return files;
  }
  std::vector<std::string> files;
  const std::filesystem::path dir = std::filesystem::path(KAVOSH_SOURCE_DIR) / ".." / "shared" / "dev-data" / "news";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
  }
  return files;
}

std::vector<std::string> load_texts() {
  std::vector<std::string> texts;
  for (const auto& file : default_news_files()) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object()) texts.push_back(j.value("title", "") + "\n" + j.value("body", ""));
    }
  }
  if (!texts.empty()) return texts;
  // Generated fallback: words with half-spaces, Arabic letters and digits in news-like proportions.
  const std::vector<std::string> words = {"انتخابات", "مجلس", "خبرگان", "می‌شود",     "هماهنگی های", "نمایندگان",
                                          "تهران",    "رأي",  "۱۴۰۲",   "حوزه‌های", "انتخابیه",    "برگزار",
                                          "شد",       "در",   "و"};
  std::mt19937 rng(42);
  for (int doc = 0; doc < 2000; ++doc) {
    std::string text;
    for (int w = 0; w < 300; ++w) text += words[rng() % words.size()] + " ";
    texts.push_back(std::move(text));
  }
  return texts;
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = load_texts();
  return all;
}

void BM_Analyze(benchmark::State& state) {
  const kavosh::analysis::Analyzer analyzer;
  std::size_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& text = texts()[i++ % texts().size()];
    benchmark::DoNotOptimize(analyzer.analyze(text));
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["docs"] = static_cast<double>(texts().size());
}
BENCHMARK(BM_Analyze)->MinTime(3.0);

void BM_Normalize(benchmark::State& state) {
  const kavosh::analysis::PersianNormalizer normalizer;
  std::size_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& text = texts()[i++ % texts().size()];
    benchmark::DoNotOptimize(normalizer.normalize_with_origin(text));
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Normalize)->MinTime(2.0);

// Normalization plus tokenization (no stemming): the difference to BM_Normalize is the tokenizer's cost.
void BM_NormalizeTokenize(benchmark::State& state) {
  const kavosh::analysis::PersianNormalizer normalizer;
  const kavosh::analysis::Tokenizer tokenizer;
  std::size_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& text = texts()[i++ % texts().size()];
    benchmark::DoNotOptimize(tokenizer.tokenize(normalizer.normalize_with_origin(text).text));
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_NormalizeTokenize)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
