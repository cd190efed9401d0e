// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Facet filters and facet counts: Searcher applies every facet filter to the ranking and all but one to
// each facet's counts (drill-down), counted by a match spy per value slot over every match.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/normalizer.h"
#include "kavosh/search/query.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// The filter terms of one search, per facet: the query's `source:`/`category:`/`province:`/`tag:` fields
/// and the request's lists. They are taken out of the parse so that the query builder leaves them to
/// the searcher: a facet's counts need the query without that facet's own filter.
class FacetFilters {
 public:
  /// Moves `parsed.filters` here and adds the request's tags, years and months; an unreadable year or
  /// month is left out with a warning in `parsed.warnings`.
  FacetFilters(const analysis::PersianNormalizer& normalizer, const SearchRequest& request, ParsedQuery& parsed);

  /// AND over the facets of the OR of each facet's values, leaving out `skip`'s; empty when none.
  Xapian::Query except(std::optional<Facet> skip) const;
  Xapian::Query all() const { return except(std::nullopt); }
  bool has(Facet facet) const { return !terms_[static_cast<std::size_t>(facet)].empty(); }
  /// True when count_facets() runs the pass with every filter, which counts the total exactly: some
  /// facet of `request` has no filter of its own.
  bool count_total(const SearchRequest& request) const;

 private:
  std::array<std::vector<std::string>, std::size(kFacets)> terms_;
};

/// `query` restricted by `filter`: every document when `query` is empty (a query of filters only),
/// nothing when both are.
Xapian::Query filtered(const Xapian::Query& query, const Xapian::Query& filter);

/// The counts of `request.facets` over the matches of `base` (the query without facet filters), with
/// drill-down: one pass with every filter for the facets without a filter of their own, one pass per
/// facet with one. `exact_total` receives the number of matches of the pass with every filter, when run:
/// of stories when `collapse` (the counts are of documents, every copy of a story counted). With
/// `local_shards` false, counted by match spies a remote shard can run (Xapian::ValueCountMatchSpy).
std::vector<FacetCounts> count_facets(const Xapian::Database& database, const Xapian::Query& base,
                                      const FacetFilters& filters, const SearchRequest& request, bool collapse,
                                      bool local_shards, const analysis::PersianNormalizer& normalizer,
                                      std::optional<Xapian::doccount>& exact_total);

}  // namespace kavosh::search::detail
