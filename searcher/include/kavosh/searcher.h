// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The searcher's public API: what kavosh-search, the HTTP service and a portal use.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kavosh/search/query.h"

namespace kavosh::search {

enum class SortOrder : unsigned char {
  kRelevance,  ///< best match first; among equal scores, newest first
  kDate,       ///< newest first; undated documents last
};

/// A field whose values are counted over all the matches of a query (a facet), and filtered on.
enum class Facet : unsigned char {
  kSource,    ///< `source`: the source as written
  kCategory,  ///< `category`
  kProvince,  ///< `province`
  kTag,       ///< `tag`: each tag of a document counts once
  kYear,      ///< `year`: Jalali year, `1402`
  kMonth,     ///< `month`: Jalali year and month, `1402/12`
};
/// Every facet, in the order above.
inline constexpr Facet kFacets[] = {Facet::kSource, Facet::kCategory, Facet::kProvince,
                                    Facet::kTag,    Facet::kYear,     Facet::kMonth};
/// The facet's name (`source`, `category`, `province`, `tag`, `year`, `month`), as the CLI and HTTP take it.
std::string_view facet_name(Facet facet);
/// The facet of a name (ASCII, as facet_name() gives it), or nullopt.
std::optional<Facet> facet_named(std::string_view name);

/// Default of SearchRequest::exact_count_up_to: counting 1,000 matches exactly costs little (docs/search.md).
inline constexpr std::uint32_t kExactCountUpTo = 1000;

/// One search. Only `query` is needed; everything else has a usable default.
struct SearchRequest {
  /// The query language (docs/search.md): words, "phrase" or «phrase», OR/یا, -word, title:/عنوان:,
  /// source:/منبع:, category:/دسته:, province:/استان:, tag:/برچسب:, date:A..B, story:ID. Any string is accepted: a syntax
  /// error falls back to plain words and adds a warning, it never throws.
  std::string query;
  std::uint32_t limit = 10;
  std::uint32_t offset = 0;
  /// Inclusive date bounds as a user writes them (`1402/01/01`, `۱۴۰۲-۱-۱`, `2024-03-01`); empty = open.
  /// An unparsable bound is ignored with a warning.
  std::string from;
  std::string to;
  /// Filters: a document passes when it has one of the listed values (per field; fields are ANDed).
  std::vector<std::string> sources;
  std::vector<std::string> categories;
  std::vector<std::string> provinces;
  std::vector<std::string> tags;
  std::vector<std::string> years;   ///< Jalali years, `1402` (any digits); an unreadable one: ignored, warning
  std::vector<std::string> months;  ///< Jalali year-months, `1402/12` (any digits); likewise
  SortOrder sort = SortOrder::kRelevance;
  /// Treat the last query word as a prefix (autocomplete as you type).
  bool partial = false;
  /// false: hits without snippets (a caller that shows only titles saves the snippet analysis).
  bool snippets = true;
  /// Matches are counted exactly up to this many (Xapian's check_at_least); past it `total` may be an
  /// estimate (SearchResults::total_is_estimate). 0: only as many as the page needs.
  std::uint32_t exact_count_up_to = kExactCountUpTo;
  /// Facets to count over every match (not only the page). A facet's counts apply every filter but its
  /// own (drill-down): with `source=ایرنا`, the source facet still lists the other sources' counts.
  std::vector<Facet> facets;
  std::uint32_t facet_limit = 10;  ///< values per facet, most frequent first
  /// Time budget of the match in milliseconds; 0 = none. When it runs out the match stops where it
  /// stands: hits are the best of the documents it reached, `total` is a rougher estimate, and a
  /// warning says so. Applies to a database directory or a stub of local shards (not to remote ones).
  std::uint32_t time_limit_ms = 0;
  /// One hit per story: near-copies of an article (the same story republished by other agencies) are
  /// collapsed into their best-ranked copy, which carries the number and sources of the others
  /// (Hit::copies, Hit::other_sources), and `total` counts stories. A query with `story:ID` lists every
  /// copy whatever this says. false: every matching document is a hit of its own.
  bool collapse = true;
  /// "Did you mean" (SearchResults::suggestion). A word the index holds in no form is looked up in the
  /// spelling table, a few milliseconds per such word at 200,000 documents: false saves them.
  bool suggest = true;
};

/// The usage error of a request whose `from` is after its `to` (both readable), or nullopt: kavosh-search
/// exits 2 and the HTTP service answers 400 with it. A Searcher given such a request matches nothing and
/// says why in a warning, as for `date:` terms of the query that do not overlap.
std::optional<std::string> date_range_error(const SearchRequest& request);

/// Snippet highlight marking: every matched span of the original text is wrapped in
/// kHighlightBegin (U+0002 START OF TEXT) … kHighlightEnd (U+0003 END OF TEXT). The snippet text
/// itself never contains these characters (or any other control character), so a client can
/// HTML-escape the snippet and then replace the two markers by `<mark>`/`</mark>`, or colours;
/// render_snippet() does the replacement.
inline constexpr std::string_view kHighlightBegin = "\x02";
inline constexpr std::string_view kHighlightEnd = "\x03";

/// Replaces the highlight markers of `snippet` by `begin` and `end` (no other change, no escaping).
std::string render_snippet(std::string_view snippet, std::string_view begin, std::string_view end);

/// One result.
struct Hit {
  std::string id;
  std::uint32_t rank = 0;   ///< 1-based rank in the whole result list (offset + 1 for the first hit)
  double score = 0;         ///< relevance weight (also under SortOrder::kDate)
  std::string title;        ///< as stored (original spelling)
  std::string date;         ///< ISO `2024-03-01`, empty when the record has no date
  std::string date_jalali;  ///< `1402/12/11` (ASCII digits), empty when no date
  std::string source;
  std::string url;
  std::string snippet;  ///< original text around the best passage, highlights marked (see above)
  std::string story;    ///< id of the story (near-copy group) of the document; `story:ID` lists its copies
  /// Collapsed searches and related articles: the story's other documents in the index (whether they
  /// match the query or not), and their distinct sources other than this hit's, as written; 0 and empty
  /// otherwise.
  std::uint32_t copies = 0;
  std::vector<std::string> other_sources;
};

/// A value of a facet and the number of matches that have it. `value` is as the records write it (the
/// most frequent spelling of those that filter alike); passing it back as a filter selects exactly them.
struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

/// One facet's most frequent values (count descending, then value), at most SearchRequest::facet_limit.
struct FacetCounts {
  Facet facet = Facet::kSource;
  std::vector<FacetValue> values;
};

struct SearchResults {
  std::string query;  ///< the query string as given
  /// Number of matching documents, or of matching stories when the search collapses (a story counts
  /// once however many of its copies match): exact unless total_is_estimate, then Xapian's estimate,
  /// which lies in [total_lower, total_upper].
  std::uint64_t total = 0;
  std::uint32_t offset = 0;
  std::vector<Hit> hits;
  std::optional<std::string> suggestion;  ///< "did you mean" query, when a word is in the index in no form
  std::vector<std::string> warnings;      ///< e.g. a syntax error fallback or an ignored date
  std::vector<WrittenReading> readings;   ///< informal query words also searched in a written form
  bool total_is_estimate = false;         ///< true when `total` is not an exact count
  std::uint64_t total_lower = 0;          ///< at least this many match (= total when exact)
  std::uint64_t total_upper = 0;          ///< at most this many match (= total when exact)
  /// The facets asked for, in the request's order. Counting them visits every match, so `total` is
  /// then exact whatever exact_count_up_to says.
  std::vector<FacetCounts> facets;
  /// A cluster with shards no replica answered for: the results (hits, total, facets) are those of the
  /// other shards only. Always false for a database directory or a Xapian stub (those fail whole).
  bool partial = false;
  /// The shards that did not answer, 0-based in the order of the cluster file; empty unless `partial`.
  std::vector<std::uint32_t> failed_shards;
  /// The request's time limit stopped the match (a warning says so): the answer depends on the load
  /// of the moment, and a cache must not keep it.
  bool time_limit_reached = false;
};

/// Articles related to one article (Searcher::related).
struct RelatedResults {
  std::string id;                  ///< the article asked about
  std::vector<std::string> terms;  ///< its most characteristic words, the query of the related articles
  /// Best first, without snippets, one per story; neither the article itself nor its copies are among them.
  std::vector<Hit> hits;
};

/// Size and version of the open database, for monitoring (kavosh-serve's /metrics).
struct IndexStats {
  std::uint64_t documents = 0;
  std::uint64_t revision = 0;  ///< commit revision of a single database; 0 for a stub of several shards
};

/// Searches a Kavosh database. PATH is a database directory, a Xapian stub file listing shards (local
/// paths and `remote HOST:PORT` lines served by xapian-tcpsrv), or a cluster file (docs/serving.md): per
/// shard, replicas tried in order. Results are the same either way. Over a cluster, a replica that fails
/// is left for the shard's next one, a shard none of whose replicas answers is left out of the results
/// (SearchResults::partial), and failed replicas are tried again, every few seconds at most, by the
/// next call or reopen().
/// Not safe for concurrent calls: use one Searcher per thread (opening is cheap).
class Searcher {
 public:
  /// Opens PATH; throws kavosh::EnvironmentError (one-line message) when it is missing, corrupt,
  /// not a Kavosh database, or built with another analyzer or schema version.
  explicit Searcher(const std::string& path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Runs one search. Throws kavosh::EnvironmentError only when the database fails underneath
  /// (a remote shard of a stub is down, every shard of a cluster is); never for the content of the request.
  SearchResults search(const SearchRequest& request) const;

  /// Autocomplete: words of the index that start with the last word of `prefix` (analyzed like a query
  /// word), no stopword, number or word repeated joined; after a word, those found right after it
  /// (`مجلس خبرگ` → `مجلس خبرگان`) in the newest 10,000 documents of each local shard (in all of a
  /// remote one), most such documents first; else the most frequent. Each is `prefix` with its last word
  /// completed; at most `limit`.
  std::vector<std::string> suggest(std::string_view prefix, std::uint32_t limit = 10) const;

  /// Up to `limit` articles most like article `id`, or nullopt when there is no such article. Its most
  /// characteristic words (Xapian's ESet over its own termlist with itself as the relevant set; stopwords,
  /// numbers, prefixed terms and words of more than a fifth of the documents left out) are searched,
  /// weighted by their expansion weight.
  std::optional<RelatedResults> related(std::string_view id, std::uint32_t limit = 5) const;

  /// The stored record of `id` as JSON text (as the indexer received it), or nullopt.
  std::optional<std::string> document(std::string_view id) const;

  /// Documents and revision of the revision currently open.
  IndexStats stats() const;

  /// Picks up commits made since opening (or the last reopen), and over a cluster tries again the
  /// replicas that failed (unless tried within the cluster's retry-ms); true when the database changed.
  bool reopen();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kavosh::search

namespace kavosh {
// The names a portal uses most, at the top of the project's namespace.
using search::Facet;
using search::FacetCounts;
using search::FacetValue;
using search::Hit;
using search::IndexStats;
using search::RelatedResults;
using search::Searcher;
using search::SearchRequest;
using search::SearchResults;
using search::SortOrder;
}  // namespace kavosh
