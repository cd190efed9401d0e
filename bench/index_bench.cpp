// Kavosh: Persian full-text search. GPL-2.0-or-later.
// index_bench: indexing throughput, peak memory and database size of kavosh-index against a plain Xapian
// TermGenerator indexer over the same input, in the same run. Each indexer runs in a child process so
// its peak RSS is its own. Usage: index_bench [--mb N] [--threads N] [--batch N] [--shards 1,2] [--phases]
// [--work DIR] [INPUT...]; INPUT are JSONL files or directories (e.g. ../shared/dev-data/news), repeated
// with fresh ids up to N MB; without INPUT, Persian-like text is generated. --phases also splits each
// indexer's CPU time into making the documents and Xapian writing them (one thread, documents held in
// memory between the two): Xapian's part is a floor that no analysis speed-up or threading removes.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "kavosh/index/index_writer.h"
#include "kavosh/index/input.h"
#include "kavosh/index/pipeline.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Settings {
  double megabytes = 100;
  std::uint32_t threads = 0;
  std::uint32_t batch = 10000;
  std::vector<std::uint32_t> shards{1};
  std::string work = "/tmp/kavosh-index-bench";
  std::vector<std::string> inputs;
  bool phases = false;
};

struct Measure {
  std::string name;
  double seconds = 0;
  double cpu_seconds = 0;  ///< user + system time of the child: the work done, whatever the other load
  long peak_rss_kb = 0;
  std::uint64_t size = 0, compacted = 0;
};

// Copies of the inputs' records with fresh ids (`<copy>:<id>`) until the output holds `bytes`.
std::uint64_t repeat_inputs(const std::vector<std::string>& inputs, std::uint64_t bytes, std::ofstream& out) {
  std::uint64_t written = 0;
  for (int copy = 0; written < bytes; ++copy) {
    kavosh::index::InputReader reader(kavosh::index::expand_inputs(inputs));
    std::uint64_t before = written;
    for (kavosh::index::InputItem item; reader.next(item) && written < bytes;) {
      json record = json::parse(item.text, nullptr, false);
      if (!record.is_object() || !record.contains("id")) continue;
      record["id"] = std::to_string(copy) + ":" + record["id"].dump();
      const std::string line = record.dump(-1, ' ', false, json::error_handler_t::replace);
      out << line << '\n';
      written += line.size() + 1;
    }
    if (written == before) throw std::runtime_error("no records in the inputs");
  }
  return written;
}

// Zipf-distributed words over a vocabulary of Persian letter strings, some with a half-space.
std::uint64_t generate_input(std::uint64_t bytes, std::ofstream& out) {
  static const char* const kLetters[] = {"ا", "ب", "پ", "ت", "ج", "د", "ر", "ز", "س",
                                         "ش", "ک", "گ", "ل", "م", "ن", "و", "ه", "ی"};
  std::mt19937 random(42);
  std::vector<std::string> vocabulary(50000);
  for (std::size_t w = 0; w < vocabulary.size(); ++w) {
    const int length = 2 + static_cast<int>(random() % 7);
    for (int i = 0; i < length; ++i) vocabulary[w] += kLetters[random() % 18];
    if (w % 13 == 0) vocabulary[w] += "\u200Cها";
  }
  std::vector<double> weights(vocabulary.size());
  for (std::size_t w = 0; w < weights.size(); ++w) weights[w] = 1.0 / static_cast<double>(w + 1);
  std::discrete_distribution<std::size_t> zipf(weights.begin(), weights.end());
  const auto words = [&](int count) {
    std::string text;
    for (int i = 0; i < count; ++i) text += vocabulary[zipf(random)] + (i % 17 == 16 ? ". " : " ");
    return text;
  };
  std::uint64_t written = 0;
  for (std::uint64_t n = 0; written < bytes; ++n) {
    const json record = {{"id", "g" + std::to_string(n)},
                         {"title", words(10)},
                         {"body", words(400)},
                         {"date", "1402/" + std::to_string(1 + n % 12) + "/" + std::to_string(1 + n % 28)}};
    const std::string line = record.dump();
    out << line << '\n';
    written += line.size() + 1;
  }
  return written;
}

// The plain Xapian way (its documentation's indexer): TermGenerator, no stemmer (Xapian has no Persian
// one), title under `S` and in the text, id term, the record as data, default flushing, one thread.
Xapian::Document plain_document(Xapian::TermGenerator& generator, const std::string& line, std::string& id_term) {
  const json record = json::parse(line);
  Xapian::Document document;
  generator.set_document(document);
  const std::string title = record.value("title", "");
  id_term = "Q" + record["id"].get<std::string>();
  generator.index_text(title, 1, "S");
  generator.index_text(title);
  generator.increase_termpos();
  generator.index_text(record.value("body", ""));
  document.add_boolean_term(id_term);
  document.set_data(line);
  return document;
}

void plain_xapian_index(const std::string& input, const std::string& db_path) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
  Xapian::TermGenerator generator;
  std::ifstream in(input);
  std::string id_term;
  for (std::string line; std::getline(in, line);) {
    const Xapian::Document document = plain_document(generator, line, id_term);
    db.replace_document(id_term, document);
  }
  db.commit();
}

/// User + system seconds of `usage`.
double cpu_seconds(const rusage& usage) {
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// This process's CPU seconds so far.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return cpu_seconds(usage);
}

/// CPU seconds of the two phases of one indexer, measured in one thread.
struct PhaseSplit {
  double make = 0, write = 0;
};

// Writes the split to `path`: the phases run in a child process, like the indexers themselves.
void write_split(const std::string& path, double started, double made) {
  std::ofstream(path) << made - started << ' ' << cpu_seconds() - made << '\n';
}

void plain_phases(const std::string& input, const std::string& db_path, const std::string& split_path) {
  std::vector<std::pair<std::string, Xapian::Document>> documents;
  const double started = cpu_seconds();
  {
    Xapian::TermGenerator generator;
    std::ifstream in(input);
    std::string id_term;
    for (std::string line; std::getline(in, line);) {
      Xapian::Document document = plain_document(generator, line, id_term);
      documents.emplace_back(id_term, std::move(document));
    }
  }
  const double made = cpu_seconds();
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
  for (const auto& [id_term, document] : documents) db.replace_document(id_term, document);
  db.commit();
  write_split(split_path, started, made);
}

void kavosh_phases(const Settings& settings, const std::string& input, const std::string& db_path,
                   const std::string& split_path) {
  struct Made {
    std::string id;
    Xapian::Document document;
    std::vector<std::string> spelling;
  };
  std::vector<Made> documents;
  const double started = cpu_seconds();
  {
    const kavosh::analysis::Analyzer analyzer;
    std::ifstream in(input);
    for (std::string line; std::getline(in, line);) {
      const kavosh::index::Record record = kavosh::index::parse_record(line);
      Xapian::Document document = kavosh::index::make_document(record, analyzer);
      std::vector<std::string> spelling = kavosh::index::spelling_words(document);
      documents.push_back({record.id, std::move(document), std::move(spelling)});
    }
  }
  const double made = cpu_seconds();
  kavosh::index::IndexWriter writer({db_path, settings.batch, ""});
  for (const Made& made_document : documents)
    writer.add_document(made_document.id, made_document.document, made_document.spelling);
  writer.commit();
  write_split(split_path, started, made);
}

void kavosh_index(const Settings& settings, std::uint32_t shards, const std::string& input, const std::string& db) {
  kavosh::index::JobOptions options;
  options.db_path = db;
  options.inputs = {input};
  options.threads = settings.threads;
  options.batch = settings.batch;
  options.shards = shards;
  options.progress = kavosh::index::ProgressMode::kNever;
  std::ostringstream diagnostics;
  kavosh::index::run_index(options, diagnostics);
}

// Runs `job` in a child process; returns its wall time and peak RSS.
Measure run_child(const std::string& name, const std::function<void()>& job) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    try {
      job();
      std::_Exit(0);
    } catch (const std::exception& e) {
      std::cerr << name << ": " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
      std::cerr << name << ": " << e.get_description() << '\n';
    }
    std::_Exit(1);
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(name + " failed");
  return {name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), cpu_seconds(usage),
          usage.ru_maxrss};
}

std::uint64_t tree_size(const fs::path& path) {
  if (fs::is_regular_file(path)) return fs::file_size(path);  // a single-file database
  std::uint64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// Sizes as built and after xapian-compact (which merges shards into one database, as a deployment would).
void measure_size(Measure& m, const fs::path& db) {
  m.size = tree_size(db);
  const fs::path compacted = db.string() + ".compact";
  fs::remove_all(compacted);
  const std::string command = "xapian-compact -s '" + db.string() + "' '" + compacted.string() + "' > /dev/null";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("xapian-compact failed");
  m.compacted = tree_size(compacted);
}

void print_table(const std::vector<Measure>& measures, std::uint64_t input_bytes, std::uint64_t records) {
  const double mb = input_bytes / 1e6;
  std::printf("input: %.1f MB, %llu records\n\n", mb, static_cast<unsigned long long>(records));
  std::printf(
      "| indexer | seconds | CPU s | records/s | MB/s | peak RSS MB | size MB (×input) | compacted MB (×input) |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Measure& m : measures) {
    std::printf("| %s | %.1f | %.1f | %.0f | %.2f | %.0f | %.1f (%.2f) | %.1f (%.2f) |\n", m.name.c_str(), m.seconds,
                m.cpu_seconds, records / m.seconds, mb / m.seconds, m.peak_rss_kb / 1024.0, m.size / 1e6,
                m.size / 1e6 / mb, m.compacted / 1e6, m.compacted / 1e6 / mb);
  }
  const Measure& plain = measures.front();
  for (std::size_t i = 1; i < measures.size(); ++i) {
    std::printf("\n%s vs plain Xapian: %.2f× throughput, %.2f× compacted size", measures[i].name.c_str(),
                plain.seconds / measures[i].seconds, static_cast<double>(measures[i].compacted) / plain.compacted);
  }
  std::printf("\n");
}

PhaseSplit read_split(const std::string& path) {
  PhaseSplit split;
  std::ifstream(path) >> split.make >> split.write;
  return split;
}

// Each indexer's CPU time split into its two phases, run one after the other in one thread.
void print_phases(const Settings& settings, const std::string& input) {
  const std::string split_path = settings.work + "/split.txt", db = settings.work + "/phases";
  std::vector<std::pair<std::string, PhaseSplit>> splits;
  fs::remove_all(db);
  run_child("plain phases", [&] { plain_phases(input, db, split_path); });
  splits.emplace_back("plain Xapian TermGenerator", read_split(split_path));
  fs::remove_all(db);
  run_child("kavosh phases", [&] { kavosh_phases(settings, input, db, split_path); });
  splits.emplace_back("kavosh-index (1 shard)", read_split(split_path));
  std::printf("\n| indexer, phases in one thread | make documents CPU s | Xapian writes them CPU s | total CPU s |\n");
  std::printf("|---|---:|---:|---:|\n");
  for (const auto& [name, split] : splits) {
    std::printf("| %s | %.1f | %.1f | %.1f |\n", name.c_str(), split.make, split.write, split.make + split.write);
  }
  const double plain_total = splits[0].second.make + splits[0].second.write;
  std::printf(
      "\nkavosh's Xapian writes alone: %.2f× plain Xapian's whole CPU time; with every core busy, two cores give "
      "kavosh-index at most %.2f× plain Xapian's throughput\n",
      splits[1].second.write / plain_total, 2 * plain_total / (splits[1].second.make + splits[1].second.write));
}

std::uint64_t count_lines(const std::string& path) {
  std::ifstream in(path);
  std::uint64_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

int run(const Settings& settings) {
  fs::remove_all(settings.work);
  fs::create_directories(settings.work);
  const std::string input = settings.work + "/input.jsonl";
  std::uint64_t input_bytes = 0;
  {
    std::ofstream out(input);
    const auto target = static_cast<std::uint64_t>(settings.megabytes * 1e6);
    input_bytes = settings.inputs.empty() ? generate_input(target, out) : repeat_inputs(settings.inputs, target, out);
  }
  std::vector<Measure> measures;
  const std::string plain_db = settings.work + "/plain";
  measures.push_back(run_child("plain Xapian TermGenerator (1 thread)", [&] { plain_xapian_index(input, plain_db); }));
  measure_size(measures.back(), plain_db);
  for (const std::uint32_t shards : settings.shards) {
    const std::string db = settings.work + "/kavosh-" + std::to_string(shards);
    measures.push_back(run_child("kavosh-index, " + std::to_string(shards) + " shard(s)",
                                 [&] { kavosh_index(settings, shards, input, db); }));
    measure_size(measures.back(), db);
  }
  print_table(measures, input_bytes, count_lines(input));
  if (settings.phases) print_phases(settings, input);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  CLI::App app("Indexing benchmark: kavosh-index against plain Xapian on the same input", "index_bench");
  // The last --mb wins, so bench/run_index_bench.sh's default can be overridden.
  app.add_option("--mb", settings.megabytes, "Input size in MB")
      ->capture_default_str()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--threads", settings.threads, "kavosh-index analysis threads (0: one per core)");
  app.add_option("--batch", settings.batch, "kavosh-index commit batch")->capture_default_str();
  app.add_option("--shards", settings.shards, "kavosh-index runs, one per shard count (1,2)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_flag("--phases", settings.phases, "Also split each indexer's CPU time into making and writing documents");
  app.add_option("--work", settings.work, "Scratch directory (removed first)")->capture_default_str();
  app.add_option("INPUT", settings.inputs, "JSONL files or directories to repeat (default: generated text)");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(settings);
  } catch (const std::exception& e) {
    std::cerr << "index_bench: " << e.what() << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "index_bench: " << e.get_description() << '\n';
  }
  return 1;
}
