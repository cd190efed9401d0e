// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "kavosh/search/cli.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>

#include "kavosh/cli/tool.h"
#include "kavosh/error.h"

namespace kavosh::search {
namespace {

SearchRequest make_request(const Options& options, std::string query, std::uint32_t default_limit) {
  SearchRequest request = options.request;
  request.query = std::move(query);
  request.limit = options.limit.value_or(default_limit);
  return request;
}

void write_results(std::ostream& out, const Options& options, const SearchResults& results, const std::string* qid) {
  switch (options.format) {
    case OutputFormat::kJson: return write_json(out, results, qid);
    case OutputFormat::kText: return write_text(out, results, options.color);
    case OutputFormat::kTrec: return write_trec(out, results, qid ? *qid : std::string("1"));
  }
}

/// `qid<TAB>query` lines; a line without a tab is a query numbered by its line.
void run_batch(const Options& options, const Searcher& searcher, std::ostream& out) {
  std::ifstream in(options.batch, std::ios::binary);
  if (!in) throw EnvironmentError("cannot read batch file '" + options.batch + "'");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == line.npos) continue;
    const std::size_t tab = line.find('\t');
    const std::string qid = tab == line.npos ? std::to_string(number) : line.substr(0, tab);
    const std::string query = tab == line.npos ? line : line.substr(tab + 1);
    write_results(out, options, searcher.search(make_request(options, query, 100)), &qid);
  }
}

/// The query words are every argument that is no option, in order: a word may start with '-' (an
/// exclusion, `-ریاست`) without a `--` before it. An unknown `--name` is still a usage error.
void take_query_words(const CLI::App& app, Options& options) {
  options.query = app.remaining();
  // CLI11 keeps the `--` that ends the options among the arguments it did not take.
  if (const auto separator = std::ranges::find(options.query, "--"); separator != options.query.end()) {
    options.query.erase(separator);
  }
  for (const std::string& word : options.query) {
    const char first = word.size() > 2 && word.starts_with("--") ? word[2] : '\0';
    if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) throw CLI::ExtrasError({word});
  }
}

}  // namespace

std::unique_ptr<CLI::App> make_app(Options& options) {
  auto app = std::make_unique<CLI::App>(
      "Ranked Persian search over a Kavosh database.\n"
      "Usage: kavosh-search --db DB [OPTIONS] QUERY WORDS... (a word may start with '-': an exclusion)",
      "kavosh-search");
  app->add_option("--db", options.db,
                  "Database directory, Xapian stub file of shards, or cluster file (docs/serving.md)")
      ->required();
  app->add_option("--limit", options.limit, "Results to show (default 10; 100 with --batch)");
  app->add_option("--offset", options.request.offset, "Results to skip");
  cli::add_choice<OutputFormat>(
      *app, "--format", options.format,
      {{"text", OutputFormat::kText}, {"json", OutputFormat::kJson}, {"trec", OutputFormat::kTrec}},
      "Output format (default text; json: one object per query; trec: run lines)");
  app->add_option("--from", options.request.from, "Earliest date (Jalali or ISO, any digits)");
  app->add_option("--to", options.request.to, "Latest date (Jalali or ISO, any digits)");
  app->add_option("--source", options.request.sources, "Only this source (repeatable)");
  app->add_option("--category", options.request.categories, "Only this category (repeatable)");
  app->add_option("--province", options.request.provinces, "Only this province (repeatable)");
  app->add_option("--tag", options.request.tags, "Only this tag (repeatable)");
  app->add_option("--year", options.request.years, "Only this Jalali year, 1402 (repeatable)");
  app->add_option("--month", options.request.months, "Only this Jalali month, 1402/12 (repeatable)");
  std::vector<std::string> facet_names;
  for (const Facet facet : kFacets) facet_names.emplace_back(facet_name(facet));
  CLI::Option* facets = app->add_option_function<std::vector<std::string>>(
      "--facets",
      [&options](const std::vector<std::string>& names) {
        for (const std::string& name : names) {
          for (const Facet facet : kFacets) {
            if (facet_name(facet) == name) options.request.facets.push_back(facet);
          }
        }
      },
      "Count these over all matches (comma-separated)");
  cli::detail::restrict_to(facets->delimiter(','), facet_names);
  app->add_option("--facet-limit", options.request.facet_limit, "Values per facet (default 10)");
  cli::add_choice<SortOrder>(*app, "--sort", options.request.sort,
                             {{"relevance", SortOrder::kRelevance}, {"date", SortOrder::kDate}},
                             "Order of the results (default relevance; date: newest first)");
  app->add_flag_callback(
      "--no-collapse", [&options] { options.request.collapse = false; },
      "Show every copy of a story republished by several agencies as a hit of its own");
  app->add_flag("--partial", options.request.partial, "Treat the last word as a prefix (autocomplete)");
  app->add_option("--time-limit-ms", options.request.time_limit_ms,
                  "Stop matching after this long and show the best found so far (0: no limit)");
  app->add_option("--batch", options.batch, "File of qid<TAB>query lines");
  app->add_option("--related", options.related, "Articles related to the article of this id (no query)");
  app->allow_extras();
  app->callback([&options, &app = *app] {
    take_query_words(app, options);
    if (auto error = date_range_error(options.request)) throw CLI::ValidationError(*error);
  });
  cli::add_standard_options(*app);
  return app;
}

int run(const Options& options, std::ostream& out, std::ostream& err) {
  try {
    const Searcher searcher(options.db);
    if (!options.related.empty()) {
      const auto related = searcher.related(options.related, options.limit.value_or(5));
      if (!related) throw InvalidInputError("no document with id '" + options.related + "'");
      if (options.format == OutputFormat::kJson) {
        write_related_json(out, *related);
      } else {
        write_related_text(out, *related, options.color);
      }
    } else if (!options.batch.empty()) {
      run_batch(options, searcher, out);
    } else {
      std::string query;
      for (const std::string& word : options.query) query += (query.empty() ? "" : " ") + word;
      write_results(out, options, searcher.search(make_request(options, query, 10)), nullptr);
    }
    return cli::finish_output(out, err, "kavosh-search");
  } catch (const Error& error) {
    err << "kavosh-search: error: " << error.what() << '\n';
    return cli::kExitRuntime;
  }
}

}  // namespace kavosh::search
