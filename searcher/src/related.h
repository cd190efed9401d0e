// Kavosh: Persian full-text search. GPL-2.0-or-later.
// "Related articles": an article's most characteristic words, searched (internal to kavosh_search).
#pragma once
#include <optional>
#include <string_view>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/searcher.h"

namespace kavosh::search::detail {

/// Searcher::related over `database` (`local_shards`: no remote shard in it, see HitMaker).
std::optional<RelatedResults> related(const Xapian::Database& database, const analysis::Analyzer& analyzer,
                                      bool local_shards, std::string_view id, std::uint32_t limit);

}  // namespace kavosh::search::detail
