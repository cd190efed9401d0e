// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "kavosh/searcher.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "cluster.h"
#include "date_windows.h"
#include "deadline.h"
#include "docid_filter.h"
#include "facets.h"
#include "hits.h"
#include "kavosh/error.h"
#include "kavosh/schema.h"
#include "kavosh/search/query.h"
#include "kavosh/search/query_builder.h"
#include "kavosh/search/ranking.h"
#include "kavosh/synonyms_text.h"
#include "related.h"
#include "stories.h"
#include "suggest.h"

namespace kavosh::search {
namespace {

/// Large enough for any page a person or an evaluation asks for; bounds the work of one call.
constexpr std::uint32_t kMaxLimit = 10000;
/// Documents of the first window of months a newest-first search looks in (Searcher::Impl::newest_first).
constexpr Xapian::doccount kFirstDateWindow = 2000;

std::optional<int> metadata_number(const Xapian::Database& database, std::string_view key) {
  const std::string text = database.get_metadata(std::string(key));
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void check_version(const Xapian::Database& database, const std::string& path, std::string_view key, int expected,
                   std::string_view what) {
  const auto version = metadata_number(database, key);
  if (!version)
    throw EnvironmentError("'" + path + "' is not a Kavosh database (no " + std::string(what) + " version)");
  if (*version != expected) {
    throw EnvironmentError("'" + path + "' was built with " + std::string(what) + " version " +
                           std::to_string(*version) + ", this program uses " + std::to_string(expected) +
                           ": rebuild it with kavosh-index");
  }
}

void check_versions(const Xapian::Database& database, const std::string& path) {
  check_version(database, path, schema::kAnalyzerVersionKey, analysis::kAnalyzerVersion, "analyzer");
  check_version(database, path, schema::kSchemaVersionKey, schema::kSchemaVersion, "schema");
}

Xapian::Database open_database(const std::string& path) {
  try {
    Xapian::Database database(path);
    check_versions(database, path);
    database.get_doccount();
    return database;
  } catch (const Xapian::Error& error) {
    throw EnvironmentError("cannot open database '" + path + "': " + error.get_msg());
  }
}

/// The cluster of a cluster file, or nullopt for a database directory or a Xapian stub.
std::optional<detail::Cluster> open_cluster(const std::string& path) {
  if (!detail::is_cluster_file(path)) return std::nullopt;
  return std::optional<detail::Cluster>(std::in_place, detail::read_cluster_file(path), check_versions);
}

/// Adds the request's filters and dates to those written in the query; dates that leave no day (said
/// here unless the query's own dates already did) match nothing.
void add_request_constraints(const SearchRequest& request, ParsedQuery& parsed) {
  const bool empty_before = empty_range_warning(parsed).has_value();
  for (const std::string& value : request.sources) parsed.filters.push_back({FilterField::kSource, value});
  for (const std::string& value : request.categories) parsed.filters.push_back({FilterField::kCategory, value});
  for (const std::string& value : request.provinces) parsed.filters.push_back({FilterField::kProvince, value});
  const auto narrow = [&](const std::string& text, bool upper, std::optional<std::string>& bound) {
    if (text.empty()) return;
    const auto date = parse_date_bound(text, upper);
    if (!date) {
      parsed.warnings.push_back("unreadable date '" + text + "': date ignored");
    } else if (!bound || (upper ? *date < *bound : *date > *bound)) {
      bound = date;
    }
  };
  narrow(request.from, false, parsed.date_from);
  narrow(request.to, true, parsed.date_to);
  if (auto warning = empty_range_warning(parsed); warning && !empty_before)
    parsed.warnings.push_back(std::move(*warning));
}

/// A database directory of one local shard (not a stub file or a folder holding one): its docids are
/// the shard's own, so a posting source over them can filter it.
bool is_one_local_shard(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  return fs::exists(fs::path(path) / "iamglass", error) || fs::exists(fs::path(path) / "iamchert", error);
}

/// How a match orders documents of equal weight under SortOrder::kRelevance.
enum class Ties {
  kNewestFirst,      ///< by the date slot: Xapian reads the date of every candidate
  kLaterDocidFirst,  ///< the later-indexed first, at no cost: for a first pass, whose ties in its top
                     ///< window the second pass orders newest first, and below it stay in this order
};

/// Weighting, order and collapsing; the first match of a search with a time budget also carries its deadline (the
/// query must be set before). Later matches of the search (a rescoring pass over a window of
/// documents) are small and run whole, so a cut first pass still gets its window rescored.
void configure(Xapian::Enquire& enquire, SortOrder sort, Ties ties, bool collapse, detail::Budget& budget) {
  if (budget.limited() && !budget.armed) {
    budget.armed = true;
    enquire.set_query(detail::with_deadline(enquire.get_query(), budget));
  }
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(ranking::kK1, ranking::kK2, ranking::kK3, ranking::kB, ranking::kMinNormLen));
  if (sort == SortOrder::kDate) {
    enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
  } else if (ties == Ties::kNewestFirst) {
    enquire.set_sort_by_relevance_then_value(schema::kDateSlot, true);
  } else {
    enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  }
  if (collapse) enquire.set_collapse_key(schema::kStorySlot);
}

/// What an MSet says of the number of matches: exact when its bounds meet.
struct MatchCount {
  std::uint64_t estimate = 0;
  std::uint64_t lower = 0;
  std::uint64_t upper = 0;

  explicit MatchCount(const Xapian::MSet& matches)
      : estimate(matches.get_matches_estimated()),
        lower(matches.get_matches_lower_bound()),
        upper(matches.get_matches_upper_bound()) {}
  MatchCount() = default;

  /// An exact count (e.g. from counting facets over every match).
  explicit MatchCount(std::uint64_t exact) : estimate(exact), lower(exact), upper(exact) {}

  void write_to(SearchResults& results) const {
    results.total_is_estimate = lower != upper;
    results.total = results.total_is_estimate ? estimate : lower;
    results.total_lower = lower;
    results.total_upper = upper;
  }
};

}  // namespace

struct Searcher::Impl {
  std::string path;
  std::optional<detail::Cluster> cluster;
  Xapian::Database database;  ///< of a cluster: its combination of the shards in use, set by guarded()
  analysis::Analyzer analyzer;
  bool one_local_shard;
  bool local_shards;              ///< no remote shard: time budgets and value streams apply
  mutable detail::Budget budget;  ///< of the search running
  mutable bool collapse = false;  ///< the search running keeps one match per story
  /// The search running counts its matches exactly up to this many: the request's bound, or 0 when
  /// the facets' pass counts them all anyway.
  mutable Xapian::doccount count_up_to = kExactCountUpTo;
  mutable std::string synonyms_text;  ///< schema::kSynonymsKey as last read, and its table
  mutable SynonymMap synonyms_table;
  mutable detail::Corrections corrections;  ///< "did you mean" look-ups, kept while the index changes little

  explicit Impl(const std::string& p)
      : path(p),
        cluster(open_cluster(p)),
        database(cluster ? cluster->database() : open_database(p)),
        one_local_shard(!cluster && is_one_local_shard(p)),
        local_shards(cluster ? cluster->all_local() : detail::all_shards_local(p)) {}

  template <class F>
  auto guarded(std::string_view what, F&& fn);
  const SynonymMap* synonyms() const;
  bool recovered(int attempt);

  SearchResults run(const SearchRequest& request) const;
  Xapian::doccount check_at_least(const SearchRequest& request, Xapian::doccount end) const;

  /// The documents of ranks [first, first + count) by `ranking`, and the number of matches.
  struct Ranked {
    Xapian::MSet matches;
    MatchCount count;
  };
  MatchCount count_stories(const Xapian::Query& query, Xapian::doccount check_at_least) const;
  bool counts_apart(Xapian::doccount end, Xapian::doccount check_at_least) const;
  MatchCount counted(const Xapian::Query& query, Xapian::doccount check_at_least) const;
  Ranked ranked(const Xapian::Query& ranking, Xapian::doccount first, Xapian::doccount count,
                Xapian::doccount check_at_least, SortOrder sort, Ties ties) const;

  std::optional<Xapian::Query> window_filter(const Xapian::MSet& matches) const;

  bool rescore(const BuiltQuery& built, const SearchRequest& request, std::uint32_t limit, MatchCount& count,
               std::vector<detail::PageMatch>& page) const;
  bool newest_first(const BuiltQuery& built, const SearchRequest& request, std::uint32_t limit, MatchCount& count,
                    std::vector<detail::PageMatch>& page) const;
};

/// Xapian's check_at_least for a page ending at `end`: every match up to count_up_to is counted (the
/// matcher then visits at least that many documents), and one past a page. Without a page and without
/// an exact count, 0: Xapian then estimates the count from its statistics alone.
Xapian::doccount Searcher::Impl::check_at_least(const SearchRequest& request, Xapian::doccount end) const {
  if (request.limit == 0) return count_up_to;
  return std::max<Xapian::doccount>(end + 1, count_up_to);
}

/// The number of stories `query` matches, from a pass that visits up to `check_at_least` documents
/// unweighted and reads their story keys; exact when it saw every match. Cheaper than Xapian's
/// collapsing over those documents, which keeps a best document per story for each, when most stories
/// have one document (docs/search.md, "One result per story").
MatchCount Searcher::Impl::count_stories(const Xapian::Query& query, Xapian::doccount check_at_least) const {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  detail::StoryCounter counter;
  enquire.add_matchspy(&counter);
  const Xapian::MSet documents = enquire.get_mset(0, 0, check_at_least);
  const Xapian::doccount seen = counter.documents();
  const Xapian::doccount stories = counter.stories();
  // The bounds can meet from the posting lists' statistics alone: the spy saw every match only when no
  // more can match than it saw.
  if (documents.get_matches_upper_bound() == seen && !budget.spent) return MatchCount(stories);
  // As Xapian bounds and estimates a collapsed count: the copies seen cannot be stories.
  MatchCount count;
  count.lower = stories;
  count.upper = documents.get_matches_upper_bound() - (seen - stories);
  const double unique_rate = seen == 0 ? 1.0 : static_cast<double>(stories) / seen;
  count.estimate = std::clamp<std::uint64_t>(std::llround(documents.get_matches_estimated() * unique_rate), count.lower,
                                             count.upper);
  return count;
}

/// Whether stories past a page ending at `end` are counted in a pass of their own (count_stories()):
/// on local shards only, since a remote shard runs only the match spies Xapian can serialise.
bool Searcher::Impl::counts_apart(Xapian::doccount end, Xapian::doccount check_at_least) const {
  return collapse && local_shards && check_at_least > end + 1;
}

/// The count of `query`'s matches (stories when collapsing) for a page ranked by other means: no
/// weighted pass when the stories are counted apart.
MatchCount Searcher::Impl::counted(const Xapian::Query& query, Xapian::doccount check_at_least) const {
  if (counts_apart(1, check_at_least)) return count_stories(query, check_at_least);
  return ranked(query, 0, 1, check_at_least, SortOrder::kRelevance, Ties::kLaterDocidFirst).count;
}

Searcher::Impl::Ranked Searcher::Impl::ranked(const Xapian::Query& ranking, Xapian::doccount first,
                                              Xapian::doccount count, Xapian::doccount check_at_least, SortOrder sort,
                                              Ties ties) const {
  Xapian::Enquire enquire(database);
  enquire.set_query(ranking);
  configure(enquire, sort, ties, collapse, budget);
  if (counts_apart(first + count, check_at_least)) {
    Xapian::MSet matches = enquire.get_mset(first, count);
    return {std::move(matches), count_stories(enquire.get_query(), check_at_least)};
  }
  Xapian::MSet matches = enquire.get_mset(first, count, check_at_least);
  MatchCount matched(matches);
  // Collapsing, Xapian leaves the bounds apart even when it saw every match. It saw them all when fewer
  // documents can match than it was to check (and no deadline cut the match): then its lower bound,
  // the stories seen, is the count.
  if (collapse && matches.get_uncollapsed_matches_upper_bound() < check_at_least && !budget.spent) {
    matched = MatchCount(matches.get_matches_lower_bound());
  }
  return {std::move(matches), matched};
}

/// A boolean filter matching the first kRescoreWindow documents of `matches`: their docids on one
/// local shard, else their id terms (remote shards take those too); nullopt when a document has no id.
std::optional<Xapian::Query> Searcher::Impl::window_filter(const Xapian::MSet& matches) const {
  const auto window = std::min<Xapian::doccount>(matches.size(), kRescoreWindow);
  if (one_local_shard) {
    std::vector<Xapian::docid> docids;
    for (Xapian::doccount rank = 0; rank < window; ++rank) docids.push_back(*matches[rank]);
    return detail::docid_filter(std::move(docids));
  }
  std::vector<Xapian::Query> ids;
  for (Xapian::doccount rank = 0; rank < window; ++rank) {
    std::string id = database.get_document(*matches[rank], Xapian::DOC_ASSUME_VALID).get_value(schema::kIdSlot);
    if (id.empty()) return std::nullopt;  // not written by kavosh-index
    ids.emplace_back(std::string(schema::kIdPrefix) + id);
  }
  return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

/// Two passes for a query with second-pass boosts (positional, stopwords), ranked by relevance: the
/// first pass ranks by built.first_pass (no PHRASE/NEAR, so no position list is read, and no stopword
/// posting list) and gives the total; the second runs the whole query over the first pass's top
/// kRescoreWindow documents only (window_filter()) and orders them as one pass would. Ranks from
/// kRescoreWindow on keep their first-pass order, on every page, so a document has one rank whatever
/// the page asked. False (nothing done) when one pass is the plan: no second-pass boost, or date order.
bool Searcher::Impl::rescore(const BuiltQuery& built, const SearchRequest& request, std::uint32_t limit,
                             MatchCount& count, std::vector<detail::PageMatch>& page) const {
  using Q = Xapian::Query;
  if (built.first_pass.empty() || request.sort != SortOrder::kRelevance) return false;
  const Xapian::doccount end = request.offset + limit;
  if (request.offset >= kRescoreWindow) {  // a page below the window: first-pass ranks only
    const Ranked below = ranked(built.first_pass, request.offset, limit, check_at_least(request, end), request.sort,
                                Ties::kLaterDocidFirst);
    count = below.count;
    detail::append_matches(page, below.matches, 0, below.matches.size());
    return true;
  }
  const Ranked first = ranked(built.first_pass, 0, std::max<Xapian::doccount>(end, kRescoreWindow),
                              check_at_least(request, end), request.sort, Ties::kLaterDocidFirst);
  const std::optional<Q> window_only = window_filter(first.matches);
  if (!window_only) return false;  // rank in one pass
  count = first.count;
  const auto window = std::min<Xapian::doccount>(first.matches.size(), kRescoreWindow);
  if (request.offset < window) {
    Xapian::Enquire second(database);
    second.set_query(Q(Q::OP_FILTER, built.query, *window_only));
    configure(second, request.sort, Ties::kNewestFirst, collapse, budget);
    const Xapian::MSet top = second.get_mset(request.offset, std::min(end, window) - request.offset);
    detail::append_matches(page, top, 0, top.size());
  }
  detail::append_matches(page, first.matches, std::max(request.offset, window), end);
  return true;
}

/// Date order by windows of months (detail::month_windows()), newest first: the page is the newest matches
/// of the first windows that hold enough of them, a story shown once, from its newest window (as one
/// collapsed match over all would); matches of one day by the first pass's weight (the boosts are for
/// ranking by relevance; Xapian also weighs them differently under a narrow filter). The count is the
/// relevance order's (counted()), which needs no date of a match. False (nothing done) for relevance
/// order, or when the windows hold too few matches for the page (undated documents are in none): then
/// one pass sorts all the matches by date.
bool Searcher::Impl::newest_first(const BuiltQuery& built, const SearchRequest& request, std::uint32_t limit,
                                  MatchCount& count, std::vector<detail::PageMatch>& page) const {
  using Q = Xapian::Query;
  if (request.sort != SortOrder::kDate || limit == 0) return false;
  const Xapian::doccount end = request.offset + limit;
  const Q& query = built.first_pass.empty() ? built.query : built.first_pass;
  const std::vector<detail::PageMatch> newest = detail::newest_matches(
      detail::month_windows(database, kFirstDateWindow), end, [&](const Q& window, Xapian::doccount count) {
        Xapian::Enquire enquire(database);
        enquire.set_query(Q(Q::OP_FILTER, query, window));
        configure(enquire, request.sort, Ties::kNewestFirst, collapse, budget);
        return enquire.get_mset(0, count);
      });
  if (newest.size() < end) return false;
  count = counted(query, check_at_least(request, end));
  page.insert(page.end(), newest.begin() + request.offset, newest.end());
  return true;
}

/// Over remote shards, whose synonym table Xapian cannot read, the copy kavosh-index keeps in metadata
/// (parsed again when it changed); nullptr (the database's table) for local shards or a database
/// indexed before that copy existed.
const SynonymMap* Searcher::Impl::synonyms() const {
  if (local_shards) return nullptr;
  std::string text = database.get_metadata(std::string(schema::kSynonymsKey));
  if (text.empty()) return nullptr;
  if (text != synonyms_text) {
    synonyms_table = schema::decode_synonyms(text);
    synonyms_text = std::move(text);
  }
  return &synonyms_table;
}

SearchResults Searcher::Impl::run(const SearchRequest& request) const {
  ParsedQuery parsed = parse_query(request.query);
  add_request_constraints(request, parsed);
  collapse = request.collapse && !parsed.story;  // a story's copies are what `story:` asks for
  const detail::FacetFilters facet_filters(analyzer.normalizer(), request, parsed);  // takes the filters
  count_up_to = facet_filters.count_total(request) ? 0 : request.exact_count_up_to;
  BuiltQuery built = QueryBuilder(analyzer, database, synonyms()).build(parsed, request.partial);
  const Xapian::Query unfiltered = built.query;
  built.query = detail::filtered(built.query, facet_filters.all());
  if (!built.first_pass.empty()) built.first_pass = detail::filtered(built.first_pass, facet_filters.all());
  SearchResults results;
  results.query = request.query;
  results.offset = request.offset;
  results.warnings = std::move(parsed.warnings);
  results.readings = std::move(built.readings);
  results.warnings.insert(results.warnings.end(), built.warnings.begin(), built.warnings.end());
  if (!built.query.empty()) {
    const std::uint32_t limit = std::min(request.limit, kMaxLimit);
    std::vector<detail::PageMatch> page;
    MatchCount count;
    // Without a page (a count, a "did you mean") there is nothing for the boosts to order: the first
    // pass's query matches the same documents without them.
    const bool count_only = limit == 0 && !built.first_pass.empty();
    if (count_only ||
        (!rescore(built, request, limit, count, page) && !newest_first(built, request, limit, count, page))) {
      const Ranked one_pass = ranked(count_only ? built.first_pass : built.query, request.offset, limit,
                                     check_at_least(request, request.offset + limit), request.sort, Ties::kNewestFirst);
      count = one_pass.count;
      detail::append_matches(page, one_pass.matches, 0, one_pass.matches.size());
    }
    results.hits = detail::HitMaker(database, built.keys, analyzer, request.snippets, local_shards).make(page);
    if (collapse) detail::add_copies(database, analyzer.normalizer(), local_shards, results.hits);
    if (!request.facets.empty()) {
      std::optional<Xapian::doccount> exact;
      results.facets = detail::count_facets(database, unfiltered, facet_filters, request, collapse, local_shards,
                                            analyzer.normalizer(), exact);
      if (exact) count = MatchCount(*exact);
    }
    count.write_to(results);
  } else {
    for (const Facet facet : request.facets) results.facets.push_back({facet, {}});
  }
  if (request.suggest) {
    results.suggestion = detail::spelling_suggestion(database, request.query, built.words, corrections, local_shards);
  }
  return results;
}

/// Runs `fn` over `database`. A cluster whose shard failed: the shard moves on to its next replica, or
/// out of the combination, and `fn` runs again. A Xapian error left becomes an EnvironmentError.
template <class F>
auto Searcher::Impl::guarded(std::string_view what, F&& fn) {
  const auto failure = [&](const Xapian::Error& error) {
    return EnvironmentError(std::string(what) + " failed on '" + path + "': " + error.get_description());
  };
  if (cluster) {
    cluster->retry();
    database = cluster->database();
  }
  bool modified = false;  // a writer committed twice under `fn`: run it once more on the newest revision
  for (int attempt = 0;; ++attempt) {
    try {
      if (modified) database.reopen();
      return fn();
    } catch (const Xapian::DatabaseModifiedError& error) {
      if (modified) throw failure(error);
      modified = true;
    } catch (const Xapian::Error& error) {
      if (!recovered(attempt)) throw failure(error);
    }
  }
}

/// After a failure: true when the cluster left a failed replica (`database` is then the new
/// combination, so no docid of the failed one is read again); bounded so a flapping replica cannot loop.
bool Searcher::Impl::recovered(int attempt) {
  if (!cluster || static_cast<std::size_t>(attempt) > cluster->replica_count() || !cluster->recover()) return false;
  database = cluster->database();  // throws EnvironmentError when no shard is left
  return true;
}

std::optional<std::string> date_range_error(const SearchRequest& request) {
  const auto from = parse_date_bound(request.from, false);
  const auto to = parse_date_bound(request.to, true);
  if (!from || !to || *from <= *to) return std::nullopt;
  return "the date range is reversed: from '" + request.from + "' (" + *from + ") is after to '" + request.to + "' (" +
         *to + ")";
}

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) const {
  impl_->budget = detail::Budget::from_now(impl_->local_shards ? request.time_limit_ms : 0);
  SearchResults results = impl_->guarded("search", [&] {
    impl_->budget.armed = impl_->budget.spent = false;
    return impl_->run(request);
  });
  if (impl_->budget.spent) {
    results.time_limit_reached = true;
    results.warnings.push_back("time limit of " + std::to_string(request.time_limit_ms) +
                               " ms reached: results are the best of the documents searched so far");
  }
  if (impl_->cluster) {
    results.failed_shards = impl_->cluster->failed_shards();
    results.partial = !results.failed_shards.empty();
  }
  return results;
}

std::vector<std::string> Searcher::suggest(std::string_view prefix, std::uint32_t limit) const {
  return impl_->guarded("suggest", [&] {
    return detail::completions(impl_->database, impl_->analyzer, prefix, limit,
                               impl_->local_shards ? detail::kPhraseWindow : 0);
  });
}

std::optional<RelatedResults> Searcher::related(std::string_view id, std::uint32_t limit) const {
  return impl_->guarded("related articles", [&] {
    return detail::related(impl_->database, impl_->analyzer, impl_->local_shards, id, std::min(limit, kMaxLimit));
  });
}

std::optional<std::string> Searcher::document(std::string_view id) const {
  return impl_->guarded("document lookup", [&]() -> std::optional<std::string> {
    const std::string term = std::string(schema::kIdPrefix) + std::string(id);
    const auto it = impl_->database.postlist_begin(term);
    if (it == impl_->database.postlist_end(term)) return std::nullopt;
    return impl_->database.get_document(*it).get_data();
  });
}

IndexStats Searcher::stats() const {
  return impl_->guarded("stats", [&] {
    const Xapian::Database& database = impl_->database;
    IndexStats stats{database.get_doccount(), 0};
    try {
      if (!impl_->cluster && database.size() == 1) stats.revision = database.get_revision();
    } catch (const Xapian::InvalidOperationError&) {  // a remote shard or a stub: no one revision
    } catch (const Xapian::UnimplementedError&) {
    }
    return stats;
  });
}

bool Searcher::reopen() {
  try {
    bool changed = false;
    if (impl_->cluster) {
      changed = impl_->cluster->reopen();
      impl_->database = impl_->cluster->database();
    } else {
      changed = impl_->database.reopen();
    }
    return changed;
  } catch (const Xapian::Error& error) {
    throw EnvironmentError("reopen failed on '" + impl_->path + "': " + error.get_description());
  }
}

}  // namespace kavosh::search
