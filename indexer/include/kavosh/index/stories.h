// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Near-duplicate detection: a MinHash signature of a body's word shingles, LSH band terms that find a
// document's near-copies through posting lists, and the story (cluster) a document joins.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::index {

/// MinHash of the set of a text's word shingles: kSignatureHashes minima, one per hash function.
/// Empty for a text of fewer than kMinSignedWords words. Two signatures agree at each minimum with probability equal to the
/// Jaccard similarity of the two shingle sets.
struct Signature {
  std::vector<std::uint32_t> minima;
  std::uint32_t shingles = 0;  ///< the size of the shingle set (of the text's length, so)
  bool empty() const { return minima.empty(); }
};

inline constexpr std::size_t kSignatureHashes = 64;
/// Words per shingle: three consecutive words of the normalized text.
inline constexpr std::size_t kShingleWords = 3;
/// A shorter text has no signature, so it is never grouped: a brief says too little to tell a
/// republished copy from another brief of the same event (and a handful of words shares most shingles).
inline constexpr std::size_t kMinSignedWords = 20;
/// LSH: the minima split into kBands bands of kSignatureHashes / kBands rows; two texts sharing one
/// whole band are candidates: with 2 rows, 99% of the pairs of Jaccard similarity 0.36 are.
inline constexpr std::size_t kBands = 32;
/// A candidate is a near-copy when at least this share of the minima agree (estimated Jaccard of the
/// shingle sets). Measured on corpus/ (3-word shingles): a republished copy with small edits has 0.36–0.73
/// with its original, two different stories at most 0.11.
inline constexpr double kNearCopySimilarity = 0.3;
/// When the shorter text has fewer than kShortShingles shingles (a brief, of some 100 words or fewer),
/// the pair needs kShortNearCopySimilarity: briefs made from one template (daily exchange rates, air
/// quality) share 0.3–0.55 of their shingles though each reports another day (measured on the dev news:
/// Hamshahri RSS briefs), while a republished brief is nearly identical.
inline constexpr std::uint32_t kShortShingles = 100;
inline constexpr double kShortNearCopySimilarity = 0.7;
/// Candidates whose signatures are read at most, those sharing the most bands first (the number of shared
/// bands grows with the similarity), so the time per document stays bounded.
inline constexpr std::size_t kMaxVerified = 8;

/// The kMaxVerified keys sharing the most bands, ties in the order given: `shared` holds (key, bands shared).
template <class Key>
std::vector<Key> most_shared(std::vector<std::pair<Key, std::size_t>> shared) {
  std::ranges::stable_sort(shared, [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<Key> out;
  for (std::size_t i = 0; i < std::min(shared.size(), kMaxVerified); ++i) out.push_back(shared[i].first);
  return out;
}

/// The signature of `text`, over the analyzer's words (normalized, joined forms of compounds; numbers
/// and stopwords included), so spelling noise (Arabic letters, half-space spellings, digits) does not
/// count as an edit.
Signature signature(std::string_view text, const analysis::Analyzer& analyzer);
/// The same from the text's tokens (the analyzer's output), so an indexed body is analyzed once.
Signature signature(const std::vector<analysis::Token>& tokens);

/// Estimated Jaccard similarity: the share of equal minima; 0 when either is empty or they differ in size.
double similarity(const Signature& a, const Signature& b);

/// True when `a` and `b` are signatures of near-copies: similar enough for the shorter's length.
bool near_copies(const Signature& a, const Signature& b);

/// The signature as stored in schema::kSignatureSlot (the shingle count, then the minima: 4 bytes each,
/// big-endian), and back; a malformed value decodes to an empty signature.
std::string encode_signature(const Signature& signature);
Signature decode_signature(std::string_view value);

/// The hash of each LSH band of a signature (kBands of them; none for an empty signature): two signatures
/// of near-copies share one with high probability.
std::vector<std::uint64_t> band_hashes(const Signature& signature);

/// The LSH band terms of a signature (schema::kBandPrefix + band number + the band's hash in hex), none
/// for an empty signature.
std::vector<std::string> band_terms(const Signature& signature);

/// The story of `document` (made by make_document, not yet in `db`): the story of its most similar
/// near-copy in `db` (found through its band terms, confirmed by near_copies()), else `id`. Documents
/// with this id and docids from `skip_from` on are not candidates.
std::string find_story(const Xapian::Database& db, const Xapian::Document& document, std::string_view id,
                       Xapian::docid skip_from = 0);

/// The documents a writer has written since its last commit, by band term. A writer looks up its
/// uncommitted near-copies here and its committed ones in the last committed revision, never through its
/// own uncommitted changes: Xapian writes a term's pending postings out at each look-up of the term, and
/// a band many new documents share would be rewritten for each of them.
class PendingStories {
 public:
  /// Records a document made by make_document, of this id and story.
  void add(const Xapian::Document& document, const std::string& id, const std::string& story);
  void clear();
  /// True when a document of another id than `id` is of story `story`.
  bool holds(std::string_view story, std::string_view id) const;
  /// The story of the most similar near-copy among them of another id than `id`, and its similarity;
  /// an empty story when none.
  std::pair<std::string, double> best(const Xapian::Document& document, std::string_view id) const;

 private:
  struct Entry {
    std::string id;
    std::string story;
    Signature signature;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_band_;
};

/// find_story for a writer: near-copies in its last committed revision `committed` and in `pending`.
std::string find_story(const Xapian::Database& committed, const PendingStories& pending,
                       const Xapian::Document& document, std::string_view id);

/// Records `story` in the document: schema::kStorySlot and the schema::kStoryPrefix term (any earlier one
/// removed).
void set_story(Xapian::Document& document, const std::string& story);

/// Groups the documents of `db` again after merging databases written apart (a first build's
/// partitions), whose copies could not see each other: in docid order, each document that began a story
/// and shares a band with another joins the story of its most similar near-copy of a lower docid, with
/// its story's other documents. `later_starts`: the first docid of each merged database after the first,
/// ascending, when each grouped its own documents as it wrote them: a document then only looks for a
/// near-copy in the databases before its own. Rewrites only the documents whose story changes; returns
/// how many. Does not commit.
std::uint64_t regroup_stories(Xapian::WritableDatabase& db, const std::vector<Xapian::docid>& later_starts = {});

/// Every document's story: id → story id (kStorySlot; the id itself when the slot is empty).
std::map<std::string, std::string> read_stories(const Xapian::Database& db);

}  // namespace kavosh::index
