// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-search's command line, in the library so tests parse argv in-process.
#pragma once
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "kavosh/searcher.h"

namespace kavosh::search {

enum class OutputFormat : unsigned char { kText, kJson, kTrec };

struct Options {
  std::string db;
  std::optional<std::uint32_t> limit;  ///< default 10, or 100 with --batch
  SearchRequest request;               ///< offset, dates, filters, sort, partial (query and limit set per query)
  OutputFormat format = OutputFormat::kText;
  std::string batch;               ///< file of `qid<TAB>query` lines
  std::string related;             ///< --related ID: the articles related to this one (default 5)
  std::vector<std::string> query;  ///< words, joined by spaces
  bool color = false;              ///< text format: ANSI colours (main sets it for a terminal)
};

/// The CLI11 app of kavosh-search, writing into `options`.
std::unique_ptr<CLI::App> make_app(Options& options);

/// Runs kavosh-search; returns the exit code (0 for any query, 1 when the database cannot be used,
/// the batch file cannot be read or `out` cannot be written, after one line `kavosh-search: error: …`
/// on `err`).
int run(const Options& options, std::ostream& out, std::ostream& err);

/// Writers of one result set (--format): JSON object on one line, text for people, TREC run lines.
void write_json(std::ostream& out, const SearchResults& results, const std::string* qid = nullptr);
void write_text(std::ostream& out, const SearchResults& results, bool color);
void write_trec(std::ostream& out, const SearchResults& results, const std::string& qid);
/// Related articles: `{"id","terms","hits":[…]}` (hits as in write_json), or a text list.
void write_related_json(std::ostream& out, const RelatedResults& related);
void write_related_text(std::ostream& out, const RelatedResults& related, bool color);

}  // namespace kavosh::search
