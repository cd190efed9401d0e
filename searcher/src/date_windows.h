// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Newest-first order by windows of months (internal to kavosh_search).
#pragma once
#include <functional>
#include <vector>

#include <xapian.h>

#include "hits.h"

namespace kavosh::search::detail {

/// The index's documents by date, newest first, in windows of whole Jalali months (boolean filters on
/// their `XM` terms), each of at least `first_size` documents and four times the one before, the last
/// with what is left: a newest-first page is the newest matches of the first windows that hold enough of
/// them, whereas sorting all the matches by date reads every one. Empty when a month term is not of the
/// form the indexer writes (then months would not sort as dates). Undated documents are in no window.
std::vector<Xapian::Query> month_windows(const Xapian::Database& database, Xapian::doccount first_size);

/// Runs a date-ordered match restricted to a window and returns its first `count` matches, collapsed by
/// story or not.
using WindowMatch = std::function<Xapian::MSet(const Xapian::Query& window, Xapian::doccount count)>;

/// The first `end` matches newest first, window after window (`windows` newest first, as month_windows()
/// gives), ranked 0, 1, …; a story (a match's collapse key) only at its first, which is its newest copy,
/// as one collapsed match over all the windows would give. Fewer when the windows hold fewer.
std::vector<PageMatch> newest_matches(const std::vector<Xapian::Query>& windows, Xapian::doccount end,
                                      const WindowMatch& match);

}  // namespace kavosh::search::detail
