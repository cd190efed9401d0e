// Kavosh: Persian full-text search. GPL-2.0-or-later.
// "Did you mean" from the index's words, for shards whose spelling table Xapian cannot reach.
#pragma once
#include <string>

#include <xapian.h>

namespace kavosh::search::detail {

/// The index word nearest to `word`: at most two edits away (letters inserted, deleted, replaced or
/// swapped), fewer edits than it has letters, the most documents among the nearest; empty when none.
/// Xapian's remote backend serves no spelling table, but it serves the term list: candidates are the
/// words starting with the first letter of `word`, at most kScanTerms of them.
std::string nearest_term(const Xapian::Database& database, const std::string& word);

}  // namespace kavosh::search::detail
