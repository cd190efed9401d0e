// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "stories.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "hits.h"
#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

/// Copies whose source is read at most: a story republished by every agency still costs little.
constexpr Xapian::doccount kMaxCopiesRead = 100;

/// Sets hit.copies; returns the first kMaxCopiesRead documents of the hit's story (the hit among them),
/// none when it has no copy.
std::vector<Xapian::docid> story_documents(const Xapian::Database& database, Hit& hit) {
  if (hit.story.empty()) return {};
  const std::string term = std::string(schema::kStoryPrefix) + hit.story;
  const Xapian::doccount documents = database.get_termfreq(term);
  hit.copies = documents > 0 ? documents - 1 : 0;
  std::vector<Xapian::docid> docids;
  if (hit.copies == 0) return docids;
  for (auto post = database.postlist_begin(term); post != database.postlist_end(term); ++post) {
    if (docids.size() == kMaxCopiesRead) break;
    docids.push_back(*post);
  }
  return docids;
}

/// The sources of `copies` other than the hit's own, each once (as filter_key() compares them).
void add_other_sources(const analysis::PersianNormalizer& normalizer, const std::vector<std::string>& copies,
                       Hit& hit) {
  std::vector<std::string> keys{schema::filter_key(normalizer, hit.source)};
  std::vector<std::string> seen{hit.source};  // as written: most copies repeat a spelling already keyed
  for (const std::string& source : copies) {
    if (std::ranges::find(seen, source) != seen.end()) continue;
    seen.push_back(source);
    std::string key = schema::filter_key(normalizer, source);
    if (key.empty() || std::ranges::find(keys, key) != keys.end()) continue;
    keys.push_back(std::move(key));
    hit.other_sources.push_back(source);
  }
}

}  // namespace

void StoryCounter::operator()(const Xapian::Document& document, double /*weight*/) {
  const std::string key = document.get_value(schema::kStorySlot);
  if (key.empty()) {
    ++keyless_;
  } else {
    hashes_.push_back(std::hash<std::string>{}(key));
  }
}

Xapian::doccount StoryCounter::stories() {
  std::ranges::sort(hashes_);
  Xapian::doccount stories = keyless_;
  for (std::size_t k = 0; k < hashes_.size(); ++k) {
    if (k == 0 || hashes_[k] != hashes_[k - 1]) ++stories;
  }
  return stories;
}

void add_copies(const Xapian::Database& database, const analysis::PersianNormalizer& normalizer, bool local_shards,
                std::vector<Hit>& hits) {
  std::vector<std::vector<Xapian::docid>> copies;
  std::vector<Xapian::docid> all;  // every hit's copies, read in one pass over the source values
  for (Hit& hit : hits) {
    copies.push_back(story_documents(database, hit));
    all.insert(all.end(), copies.back().begin(), copies.back().end());
  }
  std::ranges::sort(all);
  all.erase(std::unique(all.begin(), all.end()), all.end());
  const std::vector<std::string> sources = slot_values(database, schema::kSourceSlot, all, local_shards);
  for (std::size_t k = 0; k < hits.size(); ++k) {
    std::vector<std::string> of_hit;
    for (const Xapian::docid docid : copies[k])
      of_hit.push_back(sources[std::ranges::lower_bound(all, docid) - all.begin()]);
    add_other_sources(normalizer, of_hit, hits[k]);
  }
}

}  // namespace kavosh::search::detail
