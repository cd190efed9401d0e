#include "kavosh/index/stories.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "hash.h"
#include "kavosh/schema.h"

namespace kavosh::index {
namespace {

constexpr std::size_t kRows = kSignatureHashes / kBands;
static_assert(kRows * kBands == kSignatureHashes);

/// Postings read per band term at most, oldest first: a band many documents share (a story copied many
/// times, boilerplate) costs no more than a rare one, and the oldest documents holding it name its story.
constexpr std::size_t kPostingsPerBand = 16;

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer: a fixed, well-spread permutation
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::vector<std::string_view> words_of(const std::vector<analysis::Token>& tokens) {
  std::vector<std::string_view> words;
  for (const analysis::Token& token : tokens) {
    if (!token.part) words.push_back(token.text);
  }
  return words;
}

std::vector<std::uint64_t> shingle_hashes(const std::vector<std::string_view>& words) {
  std::vector<std::uint64_t> hashes;
  for (std::size_t first = 0; first + kShingleWords <= words.size(); ++first) {
    std::string shingle;
    for (std::size_t i = first; i < first + kShingleWords; ++i) shingle.append(words[i]).push_back(' ');
    hashes.push_back(fnv1a_64(shingle));
  }
  return hashes;
}

std::string hex(std::uint64_t value, int digits) {
  char text[17];
  std::snprintf(text, sizeof text, "%0*llx", digits, static_cast<unsigned long long>(value));
  return text;
}

std::string doc_id(const Xapian::Document& document) { return document.get_value(schema::kIdSlot); }

std::string story_of(const Xapian::Document& document) {
  std::string story = document.get_value(schema::kStorySlot);
  return story.empty() ? doc_id(document) : story;
}

/// The document's band terms.
std::vector<std::string> bands_of(const Xapian::Document& document) {
  std::vector<std::string> bands;
  const std::string prefix(schema::kBandPrefix);
  Xapian::TermIterator term = document.termlist_begin();
  for (term.skip_to(prefix); term != document.termlist_end() && (*term).starts_with(prefix); ++term) {
    bands.push_back(*term);
  }
  return bands;
}

/// Docids holding the document's band terms (below `skip_from` when it is not 0), those sharing the most
/// bands first, ties by docid; at most kMaxVerified.
std::vector<Xapian::docid> candidates(const Xapian::Database& db, const Xapian::Document& document,
                                      Xapian::docid skip_from) {
  std::map<Xapian::docid, std::size_t> shared;
  for (const std::string& band : bands_of(document)) {
    std::size_t read = 0;
    for (auto post = db.postlist_begin(band); post != db.postlist_end(band) && read < kPostingsPerBand;
         ++post, ++read) {
      if (skip_from != 0 && *post >= skip_from) break;
      ++shared[*post];
    }
  }
  return most_shared<Xapian::docid>({shared.begin(), shared.end()});
}

/// True when a document other than `id`'s is of story `story`.
bool held_by_others(const Xapian::Database& db, const std::string& story, std::string_view id) {
  const std::string term = std::string(schema::kStoryPrefix) + story;
  for (auto post = db.postlist_begin(term); post != db.postlist_end(term); ++post) {
    if (doc_id(db.get_document(*post, Xapian::DOC_ASSUME_VALID)) != id) return true;
  }
  return false;
}

/// The story of a document without a near-copy: its id, unless the document began a story and was
/// rewritten into another text, and the story named after it goes on without it (`taken`): then a new name.
std::string own_story(const Xapian::Database& db, std::string_view id, bool taken) {
  std::string story(id);
  if (taken) story.append(1, '~').append(std::to_string(db.get_lastdocid() + 1));
  return story;
}

}  // namespace

Signature signature(std::string_view text, const analysis::Analyzer& analyzer) {
  return signature(analyzer.analyze(text));
}

Signature signature(const std::vector<analysis::Token>& tokens) {
  const std::vector<std::string_view> words = words_of(tokens);
  if (words.size() < kMinSignedWords) return {};
  const std::vector<std::uint64_t> shingles = shingle_hashes(words);
  Signature out{std::vector<std::uint32_t>(kSignatureHashes, std::numeric_limits<std::uint32_t>::max()), 0};
  out.shingles = static_cast<std::uint32_t>(std::set<std::uint64_t>(shingles.begin(), shingles.end()).size());
  for (std::size_t i = 0; i < kSignatureHashes; ++i) {
    const std::uint64_t seed = mix(i + 1);
    for (const std::uint64_t shingle : shingles) {
      out.minima[i] = std::min(out.minima[i], static_cast<std::uint32_t>(mix(shingle ^ seed) >> 32));
    }
  }
  return out;
}

double similarity(const Signature& a, const Signature& b) {
  if (a.empty() || a.minima.size() != b.minima.size()) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.minima.size(); ++i) equal += a.minima[i] == b.minima[i];
  return static_cast<double>(equal) / static_cast<double>(a.minima.size());
}

bool near_copies(const Signature& a, const Signature& b) {
  const bool brief = std::min(a.shingles, b.shingles) < kShortShingles;
  return similarity(a, b) >= (brief ? kShortNearCopySimilarity : kNearCopySimilarity);
}

std::string encode_signature(const Signature& signature) {
  std::string out;
  if (signature.empty()) return out;
  const auto put = [&out](std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
  };
  put(signature.shingles);
  for (const std::uint32_t value : signature.minima) put(value);
  return out;
}

Signature decode_signature(std::string_view value) {
  if (value.size() != (kSignatureHashes + 1) * 4) return {};
  const auto get = [value](std::size_t at) {
    std::uint32_t number = 0;
    for (std::size_t b = 0; b < 4; ++b) number = (number << 8) | static_cast<unsigned char>(value[at + b]);
    return number;
  };
  Signature out{{}, get(0)};
  for (std::size_t at = 4; at < value.size(); at += 4) out.minima.push_back(get(at));
  return out;
}

std::vector<std::uint64_t> band_hashes(const Signature& signature) {
  std::vector<std::uint64_t> hashes;
  if (signature.empty()) return hashes;
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t hash = mix(band);
    for (std::size_t row = band * kRows; row < (band + 1) * kRows; ++row) hash = mix(hash ^ signature.minima[row]);
    hashes.push_back(hash);
  }
  return hashes;
}

std::vector<std::string> band_terms(const Signature& signature) {
  std::vector<std::string> terms;
  const std::vector<std::uint64_t> hashes = band_hashes(signature);
  for (std::size_t band = 0; band < hashes.size(); ++band) {
    terms.push_back(std::string(schema::kBandPrefix) + hex(band, 2) + hex(hashes[band], 16));
  }
  return terms;
}

namespace {

/// The story of the most similar near-copy among `candidates` of other ids than `id`, and its
/// similarity to `own`; an empty story when none is.
std::pair<std::string, double> best_copy(const Xapian::Database& db, const Signature& own, std::string_view id,
                                         const std::vector<Xapian::docid>& candidates) {
  double best = 0;
  std::string story;
  for (const Xapian::docid docid : candidates) {
    const Xapian::Document candidate = db.get_document(docid, Xapian::DOC_ASSUME_VALID);
    if (doc_id(candidate) == id) continue;  // the document's own earlier version
    const Signature other = decode_signature(candidate.get_value(schema::kSignatureSlot));
    const double similar = similarity(own, other);
    if (near_copies(own, other) && similar > best) {  // ties: the first candidate
      best = similar;
      story = story_of(candidate);
    }
    if (best == 1.0) break;  // an identical copy (the commonest case): no better one to read
  }
  return {story, best};
}

/// The story of the document's most similar near-copy (docids below `skip_from` when it is not 0, other
/// ids than `id`) and its similarity; an empty story when it has none.
std::pair<std::string, double> copy_story(const Xapian::Database& db, const Xapian::Document& document,
                                          std::string_view id, Xapian::docid skip_from) {
  const Signature own = decode_signature(document.get_value(schema::kSignatureSlot));
  return best_copy(db, own, id, candidates(db, document, skip_from));
}

/// A document of a later partition and a document of an earlier one that share a band term.
struct SharedBand {
  Xapian::docid later;
  Xapian::docid earlier;
};

/// Each pair of a document of a later partition and one of an earlier partition among a band's
/// kPostingsPerBand oldest documents (as candidates() reads them), once per band they share, sorted. One
/// pass over the band terms' posting lists, read before any write (a posting list is not to be read
/// across changes of the database).
std::vector<SharedBand> shared_across(const Xapian::Database& db, const std::vector<Xapian::docid>& later_starts) {
  const auto partition = [&](Xapian::docid docid) {
    return std::ranges::upper_bound(later_starts, docid) - later_starts.begin();
  };
  std::vector<SharedBand> pairs;
  const std::string prefix(schema::kBandPrefix);
  std::vector<Xapian::docid> postings;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    if (term.get_termfreq() < 2) continue;
    postings.assign(db.postlist_begin(*term), db.postlist_end(*term));
    if (partition(postings.front()) == partition(postings.back())) continue;  // within one partition
    const std::size_t oldest = std::min(postings.size(), kPostingsPerBand);
    for (std::size_t later = 1; later < postings.size(); ++later) {
      const auto own = partition(postings[later]);
      for (std::size_t i = 0; i < oldest && partition(postings[i]) < own; ++i)
        pairs.push_back({postings[later], postings[i]});
    }
  }
  std::ranges::sort(pairs, {}, [](const SharedBand& pair) { return std::pair{pair.later, pair.earlier}; });
  return pairs;
}

/// Calls `fn(later, candidates)` for each later document of `pairs` (sorted), in docid order, with its
/// candidates ranked by most_shared().
template <class F>
void for_each_later(const std::vector<SharedBand>& pairs, F&& fn) {
  std::vector<std::pair<Xapian::docid, std::size_t>> shared;
  for (std::size_t i = 0; i < pairs.size();) {
    const Xapian::docid later = pairs[i].later;
    shared.clear();
    for (; i < pairs.size() && pairs[i].later == later; ++i) {
      if (!shared.empty() && shared.back().first == pairs[i].earlier) {
        ++shared.back().second;
      } else {
        shared.emplace_back(pairs[i].earlier, 1);
      }
    }
    fn(later, most_shared(shared));
  }
}

/// The documents that share a band term with another: the only ones a merge can regroup. Read before
/// any write (a posting list is not to be read across changes of the database).
std::set<Xapian::docid> sharing_a_band(const Xapian::Database& db) {
  std::set<Xapian::docid> docids;
  const std::string prefix(schema::kBandPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    if (term.get_termfreq() < 2) continue;
    docids.insert(db.postlist_begin(*term), db.postlist_end(*term));
  }
  return docids;
}

/// Moves every document of story `from` to story `to`; returns how many.
std::uint64_t relabel(Xapian::WritableDatabase& db, const std::string& from, const std::string& to) {
  const std::string term = std::string(schema::kStoryPrefix) + from;
  const std::vector<Xapian::docid> members(db.postlist_begin(term), db.postlist_end(term));
  for (const Xapian::docid docid : members) {
    Xapian::Document document = db.get_document(docid);
    set_story(document, to);
    db.replace_document(docid, document);
  }
  return members.size();
}

}  // namespace

std::string find_story(const Xapian::Database& db, const Xapian::Document& document, std::string_view id,
                       Xapian::docid skip_from) {
  std::string story = copy_story(db, document, id, skip_from).first;
  return story.empty() ? own_story(db, id, held_by_others(db, std::string(id), id)) : story;
}

std::string find_story(const Xapian::Database& committed, const PendingStories& pending,
                       const Xapian::Document& document, std::string_view id) {
  auto [story, similar] = pending.best(document, id);
  // An identical copy written since the last commit already took the best story there was.
  if (similar < 1.0) {
    if (auto [committed_story, committed_similar] = copy_story(committed, document, id, 0);
        committed_similar > similar) {
      story = std::move(committed_story);
    }
  }
  if (!story.empty()) return story;
  return own_story(committed, id, held_by_others(committed, std::string(id), id) || pending.holds(id, id));
}

void PendingStories::add(const Xapian::Document& document, const std::string& id, const std::string& story) {
  Signature signature = decode_signature(document.get_value(schema::kSignatureSlot));
  if (signature.empty()) return;
  for (const std::string& band : bands_of(document)) {
    std::vector<std::size_t>& entries = by_band_[band];
    if (entries.size() < kPostingsPerBand) entries.push_back(entries_.size());
  }
  entries_.push_back({id, story, std::move(signature)});
}

bool PendingStories::holds(std::string_view story, std::string_view id) const {
  return std::ranges::any_of(entries_, [&](const Entry& entry) { return entry.story == story && entry.id != id; });
}

void PendingStories::clear() {
  entries_.clear();
  by_band_.clear();
}

std::pair<std::string, double> PendingStories::best(const Xapian::Document& document, std::string_view id) const {
  const Signature own = decode_signature(document.get_value(schema::kSignatureSlot));
  std::pair<std::string, double> out{std::string(), 0.0};
  for (const std::string& band : bands_of(document)) {
    const auto found = by_band_.find(band);
    if (found == by_band_.end()) continue;
    for (const std::size_t index : found->second) {
      const Entry& entry = entries_[index];
      const double similar = similarity(own, entry.signature);
      if (entry.id != id && near_copies(own, entry.signature) && similar > out.second) out = {entry.story, similar};
    }
  }
  return out;
}

void set_story(Xapian::Document& document, const std::string& story) {
  const std::string prefix(schema::kStoryPrefix);
  Xapian::TermIterator term = document.termlist_begin();
  term.skip_to(prefix);
  if (term != document.termlist_end() && (*term).starts_with(prefix)) document.remove_term(*term);
  document.add_value(schema::kStorySlot, story);
  if (prefix.size() + story.size() <= schema::kMaxTermBytes) document.add_boolean_term(prefix + story);
}

// Each database grouped its own copies, so only a story's first document (the one it is named after) can
// meet a near-copy written elsewhere, in a database merged before its own; its story's documents follow it.
std::uint64_t regroup_stories(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& later_starts) {
  std::uint64_t changed = 0;
  // `candidates_of(document)` is only asked for a story's first document.
  const auto regroup = [&](Xapian::docid docid, const auto& candidates_of) {
    const Xapian::Document document = db.get_document(docid);
    const std::string id = doc_id(document);
    if (story_of(document) != id) return;  // a copy: it follows its story
    const Signature own = decode_signature(document.get_value(schema::kSignatureSlot));
    const std::string story = best_copy(db, own, id, candidates_of(document)).first;
    if (!story.empty()) changed += relabel(db, id, story);
  };
  if (later_starts.empty()) {
    for (const Xapian::docid docid : sharing_a_band(db)) {
      regroup(docid, [&](const Xapian::Document& document) { return candidates(db, document, docid); });
    }
  } else {
    for_each_later(shared_across(db, later_starts), [&](Xapian::docid docid, const std::vector<Xapian::docid>& ranked) {
      regroup(docid, [&](const Xapian::Document&) { return ranked; });
    });
  }
  return changed;
}

std::map<std::string, std::string> read_stories(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  const std::string all;
  for (auto post = db.postlist_begin(all); post != db.postlist_end(all); ++post) {
    const Xapian::Document document = db.get_document(*post, Xapian::DOC_ASSUME_VALID);
    out.emplace(doc_id(document), story_of(document));
  }
  return out;
}

}  // namespace kavosh::index
