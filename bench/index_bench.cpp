// Kavosh: Persian full-text search. GPL-2.0-or-later.
// index_bench: indexing throughput, peak memory and database size of kavosh-index against a plain Xapian
// TermGenerator indexer (bench/plain_xapian_index) over the same input, in the same run. Each indexer runs
// in a child process so its peak RSS is its own.
// Usage: index_bench [--mb N] [--threads N] [--batch N] [--shards 1,2] [--phases]
// [--pieces | --pieces-only] [--repeat N] [--no-rerun] [--no-remote] [--queries TSV] [--work DIR] [INPUT...];
// INPUT are JSONL files or directories (e.g. ../shared/dev-data/news), recombined into new articles up to
// N MB as bench/scale_corpus.py recombines corpus/ (--copies: repeated verbatim with fresh ids, every
// article then a near-copy of itself per repetition); without INPUT, Persian-like text is generated. --phases also splits each indexer's CPU time into making the
// documents and Xapian writing them (one thread, documents held in memory between the two): Xapian's part
// is a floor that no analysis speed-up or threading removes.
// Besides, for kavosh-index: records/s over the first and the last fifth of the input; the same input
// indexed again into the built database (every record unchanged), then with 1% of the bodies changed
// (--no-rerun: neither); query latency through kavosh::Searcher on the database and through
// xapian-tcpsrv serving it (--no-remote: not). --pieces builds kavosh databases (one thread, one
// database) each without one piece of what the indexer writes, to measure what each piece costs.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "cpu_time.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/input.h"
#include "kavosh/index/pipeline.h"
#include "kavosh/schema.h"
#include "kavosh/searcher.h"

namespace {

namespace fs = std::filesystem;
using kavosh::bench::cpu_seconds;
using kavosh::bench::write_split;
using nlohmann::json;

struct Settings {
  double megabytes = 100;
  std::uint32_t threads = 0;
  std::uint32_t batch = 10000;
  std::vector<std::uint32_t> shards{1};
  std::string work = "/tmp/kavosh-index-bench";
  std::vector<std::string> inputs;
  bool copies = false;
  bool phases = false;
  bool no_rerun = false;
  bool no_remote = false;
  std::string queries;  ///< `id<TAB>query` lines; default: titles of the input's records
  bool pieces = false;
  bool pieces_only = false;
  std::uint32_t repeat = 1;  ///< rounds of the --pieces builds
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

// The sentences of a text: split after `.`, `!`, `?` or `؟` followed by white space, and at line breaks.
std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  const auto cut = [&](std::size_t end, std::size_t next) {
    std::string_view sentence = text.substr(start, end - start);
    while (!sentence.empty() && std::isspace(static_cast<unsigned char>(sentence.front()))) sentence.remove_prefix(1);
    if (!sentence.empty()) out.emplace_back(sentence);
    start = next;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool space_after = i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\n');
    if (text[i] == '\n') {
      cut(i, i + 1);
    } else if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && space_after) {
      cut(i + 1, i + 1);
    } else if (text.substr(i, 2) == "\u061F" && i + 2 < text.size() && text[i + 2] == ' ') {
      cut(i + 2, i + 2);
    }
  }
  cut(text.size(), text.size());
  return out;
}

std::string joined(const std::vector<std::string>& sentences) {
  std::string text;
  for (const std::string& sentence : sentences) text.append(text.empty() ? "" : " ").append(sentence);
  return text;
}

// New articles from the inputs' records, as bench/scale_corpus.py makes them from corpus/ (the peers' scale
// corpus is made so too): an article's title, source and category over a body re-made from 30-60% of its own
// sentences and 1-3 sentences of each of 2-4 other articles, shuffled, dated over five years; 3% republish
// one of the last 2,000 records under another source with a sentence dropped, as agencies do.
std::uint64_t recombine_inputs(const std::vector<std::string>& inputs, std::uint64_t bytes, std::ofstream& out) {
  constexpr double kRepublished = 0.03;
  constexpr std::size_t kRecent = 2000;
  std::vector<json> articles;
  kavosh::index::InputReader reader(kavosh::index::expand_inputs(inputs));
  for (kavosh::index::InputItem item; reader.next(item);) {
    json record = json::parse(item.text, nullptr, false);
    if (record.is_object() && record.contains("body") && record["body"].is_string()) articles.push_back(record);
  }
  if (articles.empty()) throw std::runtime_error("no records with a body in the inputs");
  std::vector<std::vector<std::string>> pools;
  std::vector<std::string> sources;
  for (const json& article : articles) {
    pools.push_back(sentences_of(article["body"].get<std::string>()));
    if (article.contains("source") && article["source"].is_string()) sources.push_back(article["source"]);
  }
  std::ranges::sort(sources);
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  if (sources.empty()) sources.emplace_back("");
  std::mt19937_64 random(6);
  const auto uniform = [&](double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
  };
  const auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  std::deque<json> recent;
  std::uint64_t written = 0;
  for (std::uint64_t n = 0; written < bytes; ++n) {
    json record;
    if (!recent.empty() && uniform(0, 1) < kRepublished) {
      record = recent[below(recent.size())];
      std::vector<std::string> body = sentences_of(record["body"].get<std::string>());
      if (body.size() > 2) body.erase(body.begin() + static_cast<std::ptrdiff_t>(below(body.size())));
      record["body"] = joined(body);
      std::vector<std::string> others;
      std::ranges::copy_if(sources, std::back_inserter(others),
                           [&](const std::string& s) { return record.value("source", "") != s; });
      record["source"] = others.empty() ? sources.front() : others[below(others.size())];
      record.erase("url");
    } else {
      const std::size_t i = n % articles.size();
      record = articles[i];
      std::vector<std::string> own = pools[i];
      std::ranges::shuffle(own, random);
      own.resize(
          std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(own.size()) * uniform(0.3, 0.6))));
      for (std::size_t others = 2 + below(3); others > 0; --others) {
        std::vector<std::string> other = pools[below(pools.size())];
        std::ranges::shuffle(other, random);
        other.resize(std::min(other.size(), 1 + below(3)));
        own.insert(own.end(), other.begin(), other.end());
      }
      std::ranges::shuffle(own, random);
      record["body"] = joined(own);
      const std::chrono::year_month_day day{std::chrono::sys_days{std::chrono::year{2019} / 1 / 1} +
                                            std::chrono::days{static_cast<int>(below(5 * 365))}};
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(day.year()),
                    static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
      record["date"] = date;
    }
    record["id"] = "s" + std::to_string(n);
    recent.push_back(record);
    if (recent.size() > kRecent) recent.pop_front();
    const std::string line = record.dump(-1, ' ', false, json::error_handler_t::replace);
    out << line << '\n';
    written += line.size() + 1;
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

/// Replaces this (child) process with bench/plain_xapian_index, built beside this program, given `args`:
/// plain Xapian runs with the C library's allocator, not with the one this program is linked with.
[[noreturn]] void run_plain_xapian(std::vector<std::string> args) {
  const fs::path program = fs::read_symlink("/proc/self/exe").parent_path() / "plain_xapian_index";
  args.insert(args.begin(), program.string());
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  throw std::runtime_error("cannot run " + program.string() + ": " + std::strerror(errno));
}

/// CPU seconds of the two phases of one indexer, measured in one thread.
struct PhaseSplit {
  double make = 0, write = 0;
};

/// A piece of what kavosh-index writes, left out of a build to measure what it costs (--pieces).
enum class Piece { kNothing, kStemPositions, kTitleTerms, kSpelling, kStoredRecord, kBandTerms };

struct PieceLabel {
  Piece piece;
  const char* label;
};

constexpr PieceLabel kPieces[] = {
    {Piece::kNothing, "nothing (full build)"},
    {Piece::kStemPositions, "positions of stem terms (`Z`, `ZS` kept, without positions)"},
    {Piece::kTitleTerms, "title terms (`S`, `ZS`)"},
    {Piece::kSpelling, "spelling table"},
    {Piece::kStoredRecord, "stored record (document data)"},
    {Piece::kBandTerms, "near-duplicate band terms (`XB`) and the signature value"},
};

bool left_out_term(const std::string& term, Piece piece) {
  using namespace kavosh::schema;
  if (piece == Piece::kTitleTerms) return term.starts_with(kTitlePrefix) || term.starts_with(kTitleStemPrefix);
  return piece == Piece::kBandTerms && term.starts_with(kBandPrefix);
}

// A copy of a made document without `piece` (the same document for Piece::kNothing): terms with their
// wdf and positions, values, data.
Xapian::Document without_piece(const Xapian::Document& made, Piece piece) {
  Xapian::Document copy;
  copy.set_data(piece == Piece::kStoredRecord ? std::string() : made.get_data());
  for (auto value = made.values_begin(); value != made.values_end(); ++value) {
    if (piece == Piece::kBandTerms && value.get_valueno() == kavosh::schema::kSignatureSlot) continue;
    copy.add_value(value.get_valueno(), *value);
  }
  for (auto term = made.termlist_begin(); term != made.termlist_end(); ++term) {
    const std::string name = *term;
    if (left_out_term(name, piece)) continue;
    if (piece != Piece::kStemPositions || !name.starts_with(kavosh::schema::kStemPrefix)) {
      for (auto position = term.positionlist_begin(); position != term.positionlist_end(); ++position) {
        copy.add_posting(name, *position, 0);
      }
    }
    copy.add_term(name, term.get_wdf());
  }
  return copy;
}

// `left_out`: each made document is copied without that piece (--pieces); nullopt: written as made.
void kavosh_phases(const Settings& settings, const std::string& input, const std::string& db_path,
                   const std::string& split_path, std::optional<Piece> left_out = std::nullopt) {
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
      if (left_out) document = without_piece(document, *left_out);
      std::vector<std::string> spelling;
      if (left_out != Piece::kSpelling) spelling = kavosh::index::spelling_words(document);
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

/// A diagnostics stream that timestamps the progress bar's redraws (each ends with a flush): how many
/// records the pipeline had taken when. The last sample is the bar's erasure once every record is taken.
class ProgressLog : public std::stringbuf {
 public:
  struct Sample {
    double seconds = 0;
    std::uint64_t records = 0;
  };
  const std::vector<Sample>& samples() const { return samples_; }

 protected:
  int sync() override {
    const std::string text = str();
    str({});
    Sample sample{std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(),
                  samples_.empty() ? 0 : samples_.back().records};
    const std::size_t words = text.rfind(" records  ");
    std::size_t digits = words;
    while (words != std::string::npos && digits > 0 && std::isdigit(static_cast<unsigned char>(text[digits - 1])))
      --digits;
    if (words != std::string::npos && digits < words) sample.records = std::stoull(text.substr(digits, words - digits));
    samples_.push_back(sample);
    return 0;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<Sample> samples_;
};

/// What a kavosh-index child reports besides its times: its summary counts and its pace.
struct JobReport {
  std::uint64_t added = 0, replaced = 0, unchanged = 0;
  double first_rate = 0, last_rate = 0;  ///< records/s over the first and the last fifth of the records
  double last_record = 0;                ///< seconds until the pipeline had taken every record
};

// Records/s over the first and the last fifth of `records`, from the progress samples.
void fifth_rates(const std::vector<ProgressLog::Sample>& samples, std::uint64_t records, JobReport& report) {
  if (samples.size() < 2 || records == 0) return;
  const ProgressLog::Sample end = samples.back();
  report.last_record = end.seconds;
  const auto first = std::ranges::find_if(samples, [&](const auto& s) { return s.records * 5 >= records; });
  if (first != samples.end() && first->seconds > 0) report.first_rate = first->records / first->seconds;
  ProgressLog::Sample from;
  for (const ProgressLog::Sample& s : samples) {
    if (s.records * 5 <= records * 4) from = s;
  }
  if (end.seconds > from.seconds) report.last_rate = (records - from.records) / (end.seconds - from.seconds);
}

void kavosh_index(const Settings& settings, std::uint32_t shards, const std::string& input, const std::string& db,
                  std::uint64_t records, const std::string& report_path) {
  kavosh::index::JobOptions options;
  options.db_path = db;
  options.inputs = {input};
  options.threads = settings.threads;
  options.batch = settings.batch;
  options.shards = shards;
  options.progress = kavosh::index::ProgressMode::kAlways;  // into the log, for the pace
  ProgressLog log;
  std::ostream diagnostics(&log);
  const kavosh::index::JobStats stats = kavosh::index::run_index(options, diagnostics);
  JobReport report{stats.added, stats.replaced, stats.unchanged};
  fifth_rates(log.samples(), records, report);
  std::ofstream(report_path) << report.added << ' ' << report.replaced << ' ' << report.unchanged << ' '
                             << report.first_rate << ' ' << report.last_rate << ' ' << report.last_record << '\n';
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

// One phases job in a child, into a new `db`: its two phases and its times.
std::pair<PhaseSplit, Measure> run_phases(const std::string& name, const std::string& db, const std::string& split_path,
                                          const std::function<void()>& job) {
  fs::remove_all(db);
  Measure measure = run_child(name, job);
  return {read_split(split_path), measure};
}

// Each indexer's CPU time split into its two phases, run one after the other in one thread.
void print_phases(const Settings& settings, const std::string& input) {
  const std::string split_path = settings.work + "/split.txt", db = settings.work + "/phases";
  std::vector<std::pair<std::string, PhaseSplit>> splits;
  splits.emplace_back("plain Xapian TermGenerator", run_phases("plain phases", db, split_path, [&] {
                                                      run_plain_xapian({input, db, split_path});
                                                    }).first);
  splits.emplace_back("kavosh-index (1 shard)", run_phases("kavosh phases", db, split_path, [&] {
                                                  kavosh_phases(settings, input, db, split_path);
                                                }).first);
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

// One kavosh database per piece left out, built in one thread into one database (--phases' path), each
// made document copied without the piece before it is written (the full build is copied too). The builds
// run in --repeat rounds, each round every piece in turn; times are the least of the rounds (the other
// load of a shared machine only adds), sizes those of the first round.
void print_pieces(const Settings& settings, const std::string& input) {
  const std::string split_path = settings.work + "/split.txt", db = settings.work + "/piece";
  std::vector<std::pair<PhaseSplit, Measure>> least;
  for (std::uint32_t round = 0; round < std::max(1u, settings.repeat); ++round) {
    for (std::size_t i = 0; i < std::size(kPieces); ++i) {
      const auto& piece = kPieces[i].piece;
      const auto& label = kPieces[i].label;
      auto run = run_phases(label, db, split_path, [&] { kavosh_phases(settings, input, db, split_path, piece); });
      if (round == 0) {
        measure_size(run.second, db);
        least.push_back(run);
        continue;
      }
      auto& [split, m] = least[i];
      split.make = std::min(split.make, run.first.make);
      split.write = std::min(split.write, run.first.write);
      m.seconds = std::min(m.seconds, run.second.seconds);
      m.cpu_seconds = std::min(m.cpu_seconds, run.second.cpu_seconds);
    }
  }
  std::printf(
      "\n| left out (one thread, one database) | seconds | make CPU s | Xapian write CPU s | total CPU s | size MB "
      "| compacted MB | Δ write CPU s | Δ total CPU s | Δ compacted MB |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  const auto& [full_split, full] = least.front();
  for (std::size_t i = 0; i < least.size(); ++i) {
    const auto& [split, m] = least[i];
    std::printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %+.1f | %+.1f | %+.1f |\n", kPieces[i].label,
                m.seconds, split.make, split.write, m.cpu_seconds, m.size / 1e6, m.compacted / 1e6,
                split.write - full_split.write, m.cpu_seconds - full.cpu_seconds,
                (static_cast<double>(m.compacted) - static_cast<double>(full.compacted)) / 1e6);
  }
}

std::uint64_t count_lines(const std::string& path) {
  std::ifstream in(path);
  std::uint64_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

// kavosh-index in a child (`shards` 0: the layout the database has); its report through a file.
std::pair<Measure, JobReport> kavosh_run(const Settings& settings, const std::string& name, std::uint32_t shards,
                                         const std::string& input, const std::string& db, std::uint64_t records) {
  const std::string report_path = settings.work + "/job-report.txt";
  Measure measure = run_child(name, [&] { kavosh_index(settings, shards, input, db, records, report_path); });
  JobReport report;
  std::ifstream(report_path) >> report.added >> report.replaced >> report.unchanged >> report.first_rate >>
      report.last_rate >> report.last_record;
  return {measure, report};
}

void print_pace(const std::vector<std::pair<Measure, JobReport>>& runs) {
  std::printf("\n| kavosh-index, pace | records/s, first fifth | records/s, last fifth | last record taken at s | "
              "then merge and commit s |\n");
  std::printf("|---|---:|---:|---:|---:|\n");
  for (const auto& [m, report] : runs) {
    std::printf("| %s | %.0f | %.0f | %.1f | %.1f |\n", m.name.c_str(), report.first_rate, report.last_rate,
                report.last_record, m.seconds - report.last_record);
  }
}

// A copy of `input` where every 100th record's body has one more sentence; returns how many.
std::uint64_t write_changed_input(const std::string& input, const std::string& changed) {
  std::ifstream in(input);
  std::ofstream out(changed);
  std::uint64_t n = 0, edited = 0;
  for (std::string line; std::getline(in, line); ++n) {
    if (n % 100 == 99) {
      json record = json::parse(line);
      record["body"] = record.value("body", "") + " این خبر ویرایش " + std::to_string(n) + " دارد.";
      line = record.dump(-1, ' ', false, json::error_handler_t::replace);
      ++edited;
    }
    out << line << '\n';
  }
  return edited;
}

// The same input indexed again into the built database, unchanged, then with 1% of the bodies changed.
void print_reruns(const Settings& settings, const std::string& input, std::uint64_t records, const std::string& db,
                  const Measure& first) {
  const std::string changed = settings.work + "/changed.jsonl";
  const std::uint64_t edited = write_changed_input(input, changed);
  const std::vector<std::pair<Measure, JobReport>> runs = {
      kavosh_run(settings, "same input again, unchanged", 0, input, db, records),
      kavosh_run(settings, "same input again, " + std::to_string(edited) + " bodies (1%) changed", 0, changed, db,
                 records)};
  std::printf("\n| kavosh-index into the built database | seconds | CPU s | %% of first run (s / CPU) | summary |\n");
  std::printf("|---|---:|---:|---:|---|\n");
  for (const auto& [m, report] : runs) {
    std::printf("| %s | %.1f | %.1f | %.1f%% / %.1f%% | added %llu, replaced %llu, unchanged %llu |\n", m.name.c_str(),
                m.seconds, m.cpu_seconds, 100 * m.seconds / first.seconds, 100 * m.cpu_seconds / first.cpu_seconds,
                static_cast<unsigned long long>(report.added), static_cast<unsigned long long>(report.replaced),
                static_cast<unsigned long long>(report.unchanged));
  }
}

// The queries of --queries (`id<TAB>query`), else the titles of ~100 records spread over the input.
std::vector<std::string> bench_queries(const Settings& settings, const std::string& input, std::uint64_t records) {
  std::vector<std::string> queries;
  if (!settings.queries.empty()) {
    std::ifstream in(settings.queries);
    for (std::string line; std::getline(in, line);) {
      const std::size_t tab = line.find('\t');
      if (tab != std::string::npos && tab + 1 < line.size()) queries.push_back(line.substr(tab + 1));
    }
    if (queries.empty()) throw std::runtime_error(settings.queries + ": no `id<TAB>query` line");
    return queries;
  }
  const std::uint64_t step = std::max<std::uint64_t>(1, records / 100);
  std::ifstream in(input);
  std::uint64_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    if (n % step != 0) continue;
    const std::string title = json::parse(line).value("title", "");
    if (!title.empty()) queries.push_back(title);
  }
  return queries;
}

struct Latency {
  double p50 = 0, p99 = 0;
};

// kavosh::Searcher's defaults (top 10, snippets, stories collapsed) over `path`: a warm-up pass, then one
// timed pass.
Latency search_latency(const std::string& path, const std::vector<std::string>& queries) {
  const kavosh::Searcher searcher(path);
  kavosh::SearchRequest request;
  for (const std::string& query : queries) {
    request.query = query;
    searcher.search(request);
  }
  std::vector<double> ms;
  for (const std::string& query : queries) {
    request.query = query;
    const auto start = std::chrono::steady_clock::now();
    searcher.search(request);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::ranges::sort(ms);
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {at(0.5), at(0.99)};
}

/// xapian-tcpsrv serving one database on 127.0.0.1, a child stopped (by its pid) on destruction, and
/// killed with this process.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) {
    const Xapian::doccount documents = Xapian::Database(db).get_doccount();
    for (int attempt = 0; attempt < 20 && pid_ < 0; ++attempt) {
      port_ = 20000 + static_cast<int>((::getpid() * 7919L + attempt * 104729L) % 40000);
      start(db, documents);
    }
    if (pid_ < 0) throw std::runtime_error("xapian-tcpsrv did not start");
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return port_; }

 private:
  // Starts a server on port_; pid_ stays -1 when it exits (the port is taken) or serves something else.
  void start(const std::string& db, Xapian::doccount documents) {
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);  // xapian-tcpsrv signals its whole process group on exit: keep the bench out of it
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) std::_Exit(126);
      const std::string port = std::to_string(port_);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
               db.c_str(), static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    for (int tries = 0; tries < 200; ++tries) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      try {
        if (Xapian::Remote::open("127.0.0.1", port_, 2000, 2000).get_doccount() == documents) return;
        break;  // another server on this port
      } catch (const Xapian::NetworkError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
      }
    }
    stop();
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port_ = 0;
  pid_t pid_ = -1;
};

// The same queries through kavosh::Searcher on the database, and on a stub of xapian-tcpsrv serving it.
void print_remote_latency(const Settings& settings, const std::string& input, std::uint64_t records,
                          const std::string& db) {
  if (std::system("command -v xapian-tcpsrv > /dev/null 2>&1") != 0) {
    std::printf("\nxapian-tcpsrv not found: no remote query latency\n");
    return;
  }
  const std::vector<std::string> queries = bench_queries(settings, input, records);
  const Latency local = search_latency(db, queries);
  Latency remote;
  {
    const TcpServer server(db);
    const std::string stub = settings.work + "/remote.stub";
    std::ofstream(stub) << "remote 127.0.0.1:" << server.port() << '\n';
    remote = search_latency(stub, queries);
  }
  std::printf("\n| kavosh::Searcher, %zu queries (top 10, snippets), after a warm-up pass | p50 ms | p99 ms |\n",
              queries.size());
  std::printf("|---|---:|---:|\n");
  std::printf("| local database | %.2f | %.2f |\n", local.p50, local.p99);
  std::printf("| xapian-tcpsrv on 127.0.0.1 (stub `remote 127.0.0.1:PORT`) | %.2f | %.2f |\n", remote.p50, remote.p99);
}

// Plain Xapian and kavosh-index side by side, then kavosh-index's pace, re-runs and remote latency.
void compare(const Settings& settings, const std::string& input, std::uint64_t input_bytes, std::uint64_t records) {
  std::vector<Measure> measures;
  const std::string plain_db = settings.work + "/plain";
  measures.push_back(run_child("plain Xapian TermGenerator (1 thread)", [&] { run_plain_xapian({input, plain_db}); }));
  measure_size(measures.back(), plain_db);
  std::vector<std::pair<Measure, JobReport>> runs;
  for (const std::uint32_t shards : settings.shards) {
    const std::string db = settings.work + "/kavosh-" + std::to_string(shards);
    runs.push_back(
        kavosh_run(settings, "kavosh-index, " + std::to_string(shards) + " shard(s)", shards, input, db, records));
    measure_size(runs.back().first, db);
    measures.push_back(runs.back().first);
  }
  print_table(measures, input_bytes, records);
  print_pace(runs);
  std::fflush(stdout);
  const std::string db = settings.work + "/kavosh-" + std::to_string(settings.shards.front());
  if (!settings.no_rerun) print_reruns(settings, input, records, db, runs.front().first);
  std::fflush(stdout);
  if (!settings.no_remote) print_remote_latency(settings, input, records, db);
}

int run(const Settings& settings) {
  fs::remove_all(settings.work);
  fs::create_directories(settings.work);
  const std::string input = settings.work + "/input.jsonl";
  std::uint64_t input_bytes = 0;
  {
    std::ofstream out(input);
    const auto target = static_cast<std::uint64_t>(settings.megabytes * 1e6);
    if (settings.inputs.empty()) {
      input_bytes = generate_input(target, out);
    } else {
      input_bytes = settings.copies ? repeat_inputs(settings.inputs, target, out)
                                    : recombine_inputs(settings.inputs, target, out);
    }
  }
  const std::uint64_t records = count_lines(input);
  if (settings.pieces_only) {
    std::printf("input: %.1f MB, %llu records\n", input_bytes / 1e6, static_cast<unsigned long long>(records));
  } else {
    compare(settings, input, input_bytes, records);
  }
  std::fflush(stdout);
  if (settings.phases) print_phases(settings, input);
  if (settings.pieces || settings.pieces_only) print_pieces(settings, input);
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
  app.add_flag("--no-rerun", settings.no_rerun, "Skip indexing the same input again (unchanged, 1% changed)");
  app.add_flag("--no-remote", settings.no_remote, "Skip the query latency through xapian-tcpsrv");
  app.add_option("--queries", settings.queries, "`id<TAB>query` file for the latency (default: record titles)");
  app.add_flag("--pieces", settings.pieces, "Also build kavosh databases each without one piece, in one thread");
  app.add_flag("--pieces-only", settings.pieces_only, "Only the --pieces builds");
  app.add_option("--repeat", settings.repeat, "Rounds of the --pieces builds (times: the least of the rounds)")
      ->capture_default_str();
  app.add_option("--work", settings.work, "Scratch directory (removed first)")->capture_default_str();
  app.add_flag("--copies", settings.copies,
               "Repeat the INPUT records verbatim under fresh ids rather than recombine their sentences (each "
               "repetition a near-copy of every article: the worst case of story grouping)");
  app.add_option("INPUT", settings.inputs, "JSONL files or directories to make articles of (default: generated text)");
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
