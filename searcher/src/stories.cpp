// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "stories.h"

#include <algorithm>

#include "hits.h"
#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

/// Copies whose source is read at most: a story republished by every agency still costs little.
constexpr Xapian::doccount kMaxCopiesRead = 100;

}  // namespace

void add_copies(const Xapian::Database& database, const analysis::PersianNormalizer& normalizer, bool local_shards,
                Hit& hit) {
  if (hit.story.empty()) return;
  const std::string term = std::string(schema::kStoryPrefix) + hit.story;
  const Xapian::doccount documents = database.get_termfreq(term);
  hit.copies = documents > 0 ? documents - 1 : 0;
  if (hit.copies == 0) return;
  std::vector<Xapian::docid> docids;
  for (auto post = database.postlist_begin(term); post != database.postlist_end(term); ++post) {
    if (docids.size() == kMaxCopiesRead) break;
    docids.push_back(*post);
  }
  std::vector<std::string> keys{schema::filter_key(normalizer, hit.source)};
  std::vector<std::string> seen{hit.source};  // as written: most copies repeat a spelling already keyed
  for (std::string& source : slot_values(database, schema::kSourceSlot, docids, local_shards)) {
    if (std::ranges::find(seen, source) != seen.end()) continue;
    seen.push_back(source);
    std::string key = schema::filter_key(normalizer, source);
    if (key.empty() || std::ranges::find(keys, key) != keys.end()) continue;
    keys.push_back(std::move(key));
    hit.other_sources.push_back(std::move(source));
  }
}

}  // namespace kavosh::search::detail
