// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Query latency: kavosh::Searcher beside a plain Xapian QueryParser (BM25) over a plain TermGenerator index
// of the same text, in the same run, top 10 and top 100. The collection is ../shared/dev-data/news (when
// present) replicated with variations up to --docs. Queries are real ones, as people type them: every
// query of the files given by --query-files (colon-separated `qid<TAB>query` files; by default the
// news_topics topics and the parsinlu_rc questions of ../shared/dev-data/retrieval when present), or else
// 1–3 consecutive words of random titles (--queries of them).
// Usage: search_bench [--docs N] [--queries N] [--query-files F:G] [--work DIR] [--news DIR] [--only searcher|portal]
// (--only searcher: the first row alone, e.g. to count block reads with `strace -c -e trace=pread64`;
// --only portal: what a portal's search page adds, exact counts and facets, against a page alone).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "kavosh/schema.h"
#include "kavosh/searcher.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Config {
  std::size_t docs = 100000;
  std::size_t queries = 250;
  std::string work = "/tmp/kavosh-search-bench";
  std::string news = KAVOSH_SOURCE_DIR "/../shared/dev-data/news";
  std::string query_files = KAVOSH_SOURCE_DIR "/../shared/dev-data/retrieval/news_topics/queries.tsv:" KAVOSH_SOURCE_DIR
                                              "/../shared/dev-data/retrieval/parsinlu_rc/queries.tsv";
  bool searcher_only = false;
  bool portal_only = false;
};

Config parse_args(int argc, char** argv) {
  Config config;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--docs") config.docs = std::stoul(argv[i + 1]);
    if (key == "--queries") config.queries = std::stoul(argv[i + 1]);
    if (key == "--work") config.work = argv[i + 1];
    if (key == "--news") config.news = argv[i + 1];
    if (key == "--query-files") config.query_files = argv[i + 1];
    if (key == "--only") config.searcher_only = std::string(argv[i + 1]) == "searcher";
    if (key == "--only") config.portal_only = std::string(argv[i + 1]) == "portal";
  }
  return config;
}

/// The base articles: every *.jsonl of the news folder, or generated text when it is absent.
std::vector<nlohmann::json> load_articles(const std::string& folder) {
  std::vector<nlohmann::json> out;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() != ".jsonl") continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        auto json = nlohmann::json::parse(line, nullptr, false);
        if (json.is_object() && json.contains("title")) out.push_back(std::move(json));
      }
    }
  }
  if (out.empty()) {  // no dev data: sentences of election words, enough variety for a latency test
    const std::vector<std::string> words = {"انتخابات", "مجلس",  "خبرگان", "نامزد", "ثبت‌نام", "ستاد",
                                            "استان",    "رای",   "مشارکت", "شورای", "نگهبان",          "صندوق",
                                            "شهر",      "تهران", "اصفهان", "نتایج"};
    std::mt19937 random(1);
    for (int i = 0; i < 2000; ++i) {
      std::string title, body;
      for (int w = 0; w < 8; ++w) title.append(words[random() % words.size()]).append(" ");
      for (int w = 0; w < 300; ++w) body.append(words[random() % words.size()]).append(w % 12 == 11 ? ". " : " ");
      out.push_back({{"id", std::to_string(i)}, {"title", title}, {"body", body}, {"date", "2024-01-01"}});
    }
  }
  return out;
}

/// Copy `k` of an article: its body's sentences rotated by k, so copies are not identical documents.
nlohmann::json variant(const nlohmann::json& article, std::size_t k) {
  nlohmann::json copy = article;
  copy["id"] = article.value("id", std::string("a")).append("-").append(std::to_string(k));
  std::string body = article.value("body", std::string());
  if (k > 0 && !body.empty()) {
    const std::size_t cut = body.find(' ', (k * 997) % body.size());
    if (cut != body.npos) body = std::string(body.substr(cut + 1)).append(" ").append(body.substr(0, cut));
  }
  copy["body"] = body;
  // The dev news has no category, province or tags and few dates: give each copy some, so facets count
  // a realistic spread (a dozen categories, 31 provinces, tags from a list of 400, ten years).
  const std::size_t h = std::hash<std::string>{}(copy["id"].get<std::string>());
  if (!copy.contains("category")) copy["category"] = "دسته " + std::to_string(h % 12);
  if (!copy.contains("province")) copy["province"] = "استان " + std::to_string((h >> 8) % 31);
  if (!copy.contains("tags")) {
    copy["tags"] = {"برچسب " + std::to_string((h >> 16) % 400), "برچسب " + std::to_string((h >> 24) % 40)};
  }
  if (copy.value("date", std::string()).empty()) {
    copy["date"] = std::to_string(1393 + (h >> 32) % 10) + "/" + std::to_string(1 + (h >> 40) % 12) + "/" +
                   std::to_string(1 + (h >> 48) % 28);
  }
  return copy;
}

void build_indexes(const Config& config, const std::vector<nlohmann::json>& articles) {
  const std::string kavosh_db = config.work + "/kavosh";
  const std::string plain_db = config.work + "/plain";
  // Reused while it was built from as many documents with this schema and this analyzer.
  if (fs::exists(kavosh_db) && fs::exists(plain_db) && Xapian::Database(plain_db).get_doccount() == config.docs) {
    const Xapian::Database existing(kavosh_db);
    if (existing.get_metadata(std::string(kavosh::schema::kSchemaVersionKey)) ==
            std::to_string(kavosh::schema::kSchemaVersion) &&
        existing.get_metadata(std::string(kavosh::schema::kAnalyzerVersionKey)) ==
            std::to_string(kavosh::analysis::kAnalyzerVersion)) {
      return;
    }
  }
  fs::remove_all(config.work);
  fs::create_directories(config.work);
  kavosh::index::IndexWriter writer({kavosh_db, 10000, ""});
  Xapian::WritableDatabase plain(plain_db, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < config.docs; ++i) {
    const nlohmann::json record = variant(articles[i % articles.size()], i / articles.size());
    writer.add(kavosh::index::parse_record(record.dump()));
    Xapian::Document document;
    generator.set_document(document);
    generator.index_text(record.value("title", std::string()));
    generator.increase_termpos();
    generator.index_text(record.value("body", std::string()));
    document.set_data(record.value("id", std::string()));
    plain.add_document(document);
  }
  writer.commit();
  plain.commit();
  std::cerr << "indexed " << config.docs << " documents twice in "
            << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
}

/// The queries of the `qid<TAB>query` files named in `files` (colon-separated) that exist.
std::vector<std::string> read_queries(const std::string& files) {
  std::vector<std::string> out;
  for (std::size_t begin = 0; begin <= files.size();) {
    const std::size_t end = std::min(files.find(':', begin), files.size());
    std::ifstream in(files.substr(begin, end - begin));
    for (std::string line; std::getline(in, line);) {
      if (const std::size_t tab = line.find('\t'); tab != line.npos && tab + 1 < line.size())
        out.push_back(line.substr(tab + 1));
    }
    begin = end + 1;
  }
  return out;
}

/// 1–3 consecutive non-stopword words of a random title, as the title spells them.
std::vector<std::string> title_queries(const Config& config, const std::vector<nlohmann::json>& articles) {
  const kavosh::analysis::Analyzer analyzer;
  std::mt19937 random(5);
  std::vector<std::string> out;
  while (out.size() < config.queries) {
    const std::string title = articles[random() % articles.size()].value("title", std::string());
    std::vector<kavosh::analysis::Token> words;
    for (auto& token : analyzer.analyze(title)) {
      if (!token.stopword && !token.part && token.kind == kavosh::analysis::TokenKind::kWord) words.push_back(token);
    }
    if (words.empty()) continue;
    const std::size_t length = std::min<std::size_t>(1 + random() % 3, words.size());
    const std::size_t first = random() % (words.size() - length + 1);
    const auto& a = words[first].span;
    const auto& b = words[first + length - 1].span;
    out.push_back(title.substr(a.begin, b.end - a.begin));
  }
  return out;
}

struct Latency {
  std::vector<double> ms;
  double percentile(double p) {
    std::ranges::sort(ms);
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
  }
};

template <typename Run>
Latency measure(const std::vector<std::string>& queries, Run run) {
  for (const std::string& query : queries) run(query);  // warm the caches once
  Latency latency;
  for (int pass = 0; pass < 3; ++pass) {
    for (const std::string& query : queries) {
      const auto start = Clock::now();
      run(query);
      latency.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  return latency;
}

/// Two ways of answering the same queries, measured query by query alternately (one, then the other), so
/// that a shared machine's drift between minutes weighs on both alike.
template <typename RunA, typename RunB>
std::pair<Latency, Latency> paired(const std::vector<std::string>& queries, RunA run_a, RunB run_b) {
  for (const std::string& query : queries) {  // warm the caches once
    run_a(query);
    run_b(query);
  }
  std::pair<Latency, Latency> out;
  const auto time = [](auto& run, const std::string& query, Latency& latency) {
    const auto start = Clock::now();
    run(query);
    latency.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  };
  for (int pass = 0; pass < 3; ++pass) {
    for (const std::string& query : queries) {
      time(run_a, query, out.first);
      time(run_b, query, out.second);
    }
  }
  return out;
}

struct Percentiles {
  double p50 = 0;
  double p99 = 0;
};

Percentiles report(const char* name, Latency latency) {
  const Percentiles out{latency.percentile(0.50), latency.percentile(0.99)};
  std::printf("%-48s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", name, out.p50, out.p99, latency.percentile(1.0));
  return out;
}

/// One search through kavosh::Searcher (hits with their fields, counted exactly up to 1,000), by default
/// one per story and with "did you mean"; `plain_work`: neither, the work plain Xapian does.
auto kavosh_search(const kavosh::Searcher& searcher, std::uint32_t limit, bool snippets, bool plain_work = false) {
  return [&searcher, limit, snippets, plain_work](const std::string& q) {
    kavosh::SearchRequest request;
    request.query = q;
    request.limit = limit;
    request.snippets = snippets;
    request.suggest = !plain_work;
    request.collapse = !plain_work;
    searcher.search(request);
  };
}

Latency kavosh_latency(const kavosh::Searcher& searcher, const std::vector<std::string>& queries, std::uint32_t limit,
                       bool snippets) {
  return measure(queries, kavosh_search(searcher, limit, snippets));
}

/// A portal's page of 10 without snippets, counting exactly up to `exact_up_to` matches, with `facets`
/// (and a source filter on the first source, for drill-down), one hit per story unless `collapse` is off.
Latency portal_latency(const kavosh::Searcher& searcher, const std::vector<std::string>& queries,
                       std::uint32_t exact_up_to, std::vector<kavosh::Facet> facets = {}, bool filtered = false,
                       bool collapse = true) {
  return measure(queries, [&](const std::string& q) {
    kavosh::SearchRequest request;
    request.query = q;
    request.limit = 10;
    request.snippets = false;
    request.collapse = collapse;
    request.exact_count_up_to = exact_up_to;
    request.facets = facets;
    if (filtered) request.sources = {"Fars News (farsnews.ir)"};
    searcher.search(request);
  });
}

/// Counts a facet's values from each match's termlist: the alternative to a value slot per facet.
class TermlistSpy : public Xapian::MatchSpy {
 public:
  explicit TermlistSpy(std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {}
  void operator()(const Xapian::Document& doc, double) override {
    Xapian::TermIterator it = doc.termlist_begin();
    for (const std::string& prefix : prefixes_) {  // sorted: one forward pass through the termlist
      it.skip_to(prefix);
      for (; it != doc.termlist_end() && (*it).starts_with(prefix); ++it) ++counts_[*it];
    }
  }
  std::size_t size() const { return counts_.size(); }

 private:
  std::vector<std::string> prefixes_;
  std::map<std::string, Xapian::doccount> counts_;
};

/// Facet counts over every match of a plain QueryParser query on the Kavosh index, two ways.
Latency counting_latency(const Xapian::Database& db, const std::vector<std::string>& queries, bool termlists) {
  using kavosh::schema::kCategoryPrefix, kavosh::schema::kProvincePrefix, kavosh::schema::kSourcePrefix;
  using kavosh::schema::kTagPrefix, kavosh::schema::kYearMonthPrefix, kavosh::schema::kYearPrefix;
  return measure(queries, [&](const std::string& q) {
    Xapian::QueryParser parser;
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    try {
      enquire.set_query(parser.parse_query(q));
    } catch (const Xapian::QueryParserError&) {
      return;
    }
    std::vector<std::string> prefixes{std::string(kTagPrefix),       std::string(kCategoryPrefix),
                                      std::string(kYearMonthPrefix), std::string(kProvincePrefix),
                                      std::string(kSourcePrefix),    std::string(kYearPrefix)};
    TermlistSpy terms(prefixes);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> values;
    if (termlists) {
      enquire.add_matchspy(&terms);
    } else {
      for (unsigned slot : {kavosh::schema::kSourceSlot, kavosh::schema::kCategorySlot, kavosh::schema::kProvinceSlot,
                            kavosh::schema::kTagsSlot, kavosh::schema::kJalaliDateSlot}) {
        values.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire.add_matchspy(values.back().get());
      }
    }
    enquire.get_mset(0, 0, db.get_doccount());
  });
}

void report_portal(const kavosh::Searcher& searcher, const std::vector<std::string>& queries,
                   const Xapian::Database& db) {
  using kavosh::Facet;
  const std::vector<Facet> all(std::begin(kavosh::search::kFacets), std::end(kavosh::search::kFacets));
  report("(warm-up) top 10, count the page only", portal_latency(searcher, queries, 0));
  report("top 10, count the page only", portal_latency(searcher, queries, 0));
  report("top 10, count exactly up to 1,000", portal_latency(searcher, queries, 1000));
  report("top 10, count exactly up to 1,000, no collapsing", portal_latency(searcher, queries, 1000, {}, false, false));
  report("top 10, count exactly up to 10,000", portal_latency(searcher, queries, 10000));
  report("top 10 + facet source", portal_latency(searcher, queries, 1000, {Facet::kSource}));
  report("top 10 + all six facets", portal_latency(searcher, queries, 1000, all));
  report("top 10 + all six facets, no collapsing", portal_latency(searcher, queries, 1000, all, false, false));
  report("top 10 + all six facets, a source filter", portal_latency(searcher, queries, 1000, all, true));
  report("count six facets from value slots (QueryParser)", counting_latency(db, queries, false));
  report("count six facets from termlists (QueryParser)", counting_latency(db, queries, true));
  std::size_t estimated = 0;
  for (const std::string& q : queries) {
    kavosh::SearchRequest request;
    request.query = q;
    request.snippets = false;
    estimated += searcher.search(request).total_is_estimate;
  }
  std::printf("queries whose count stays an estimate at 1,000: %zu of %zu\n", estimated, queries.size());
}

/// One search as plain Xapian answers it: QueryParser, BM25, the top `limit` docids.
auto plain_search(const Xapian::Database& db, Xapian::doccount limit) {
  return [&db, limit](const std::string& q) {
    Xapian::QueryParser parser;
    parser.set_database(db);
    Xapian::Enquire enquire(db);
    try {
      enquire.set_query(parser.parse_query(q));
    } catch (const Xapian::QueryParserError&) {
      return;
    }
    enquire.get_mset(0, limit);
  };
}

Latency plain_latency(const Xapian::Database& db, const std::vector<std::string>& queries, Xapian::doccount limit) {
  return measure(queries, plain_search(db, limit));
}

}  // namespace

int main(int argc, char** argv) {
  const Config config = parse_args(argc, argv);
  const auto articles = load_articles(config.news);
  build_indexes(config, articles);
  std::vector<std::string> queries = read_queries(config.query_files);
  const bool real = !queries.empty();
  if (!real) queries = title_queries(config, articles);

  const kavosh::Searcher searcher(config.work + "/kavosh");
  const Xapian::Database plain_db(config.work + "/plain");
  std::printf("%zu documents, %zu %s x 3 passes\n", static_cast<std::size_t>(plain_db.get_doccount()), queries.size(),
              real ? "real queries" : "title fragments");

  if (config.portal_only) {
    report_portal(searcher, queries, Xapian::Database(config.work + "/kavosh"));
    return 0;
  }
  const Percentiles top10_snippets =
      report("kavosh top 10, hits + snippets", kavosh_latency(searcher, queries, 10, true));
  if (config.searcher_only) return 0;
  report("kavosh top 10, no snippets", kavosh_latency(searcher, queries, 10, false));
  report("kavosh top 100, no snippets", kavosh_latency(searcher, queries, 100, false));
  const Percentiles kavosh100 = report("kavosh top 100, no snippets, no collapse, no d-y-m",
                                       measure(queries, kavosh_search(searcher, 100, false, true)));
  report("kavosh top 100, hits + snippets", kavosh_latency(searcher, queries, 100, true));
  report("plain Xapian (QueryParser, BM25), top 10", plain_latency(plain_db, queries, 10));
  const Percentiles plain100 =
      report("plain Xapian (QueryParser, BM25), top 100", plain_latency(plain_db, queries, 100));
  // Alternating, the same work as plain Xapian: a ranked page, no story collapsing, no spelling look-up.
  auto [kavosh_paired, plain_paired] =
      paired(queries, kavosh_search(searcher, 100, false, true), plain_search(plain_db, 100));
  const Percentiles a = report("alternating: kavosh top 100, as plain (no collapse, d-y-m)", std::move(kavosh_paired));
  const Percentiles b = report("alternating: plain Xapian top 100", std::move(plain_paired));
  std::printf(
      "top 100 without snippets, kavosh doing plain Xapian's work / plain Xapian: p50 %.2fx, p99 %.2fx (rows apart), "
      "p50 %.2fx, p99 %.2fx (alternating); top 10 with snippets p99 %.1f ms\n",
      kavosh100.p50 / plain100.p50, kavosh100.p99 / plain100.p99, a.p50 / b.p50, a.p99 / b.p99, top10_snippets.p99);
  return 0;
}
