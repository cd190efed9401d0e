// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Which partition of a first build (partitions.h) each record goes to.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "kavosh/index/stories.h"

namespace kavosh::index {

/// Chooses the partition of each record of a first build, in input order. A near-copy of one of the last
/// `window` records goes to that record's partition, so each partition groups its copies into stories as
/// it writes, and the merge has few left to regroup: moving a written document to another story rewrites
/// it whole, about as costly as writing it. Any other record goes by its id (shard_of), and an id keeps
/// its partition: a later record of the same id replaces it there. Memory: the window's signatures and
/// band hashes, the ids moved off their own partition, and a fixed filter of the ids seen.
class CopyRouter {
 public:
  /// Records looked back at: republications come within hours, a few thousand records of a large portal.
  static constexpr std::size_t kWindow = 50000;

  explicit CopyRouter(std::uint32_t partitions, std::size_t window = kWindow);

  /// The partition of the record `id` whose document (make_document's) is `document`.
  std::uint32_t partition_of(const std::string& id, const Xapian::Document& document);

 private:
  struct Recent {
    std::uint64_t sequence = 0;
    std::uint32_t partition = 0;
    Signature signature;
    std::vector<std::uint64_t> bands;
  };
  /// The partition of the most similar near-copy in the window of `signature`, or `home`.
  std::uint32_t partition_of_copy(const Signature& signature, const std::vector<std::uint64_t>& bands,
                                  std::uint32_t home) const;
  void remember(Signature signature, std::vector<std::uint64_t> bands, std::uint32_t partition);
  /// True when `id` may have been seen before (a Bloom filter: never wrong when it says no), and notes it.
  bool seen_before(const std::string& id);

  std::uint32_t partitions_;
  std::vector<Recent> recent_;  ///< a ring of the last records with a signature, by sequence % size
  std::uint64_t next_sequence_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> by_band_;  ///< band hash → the latest sequence holding it
  std::unordered_map<std::string, std::uint32_t> moved_;      ///< ids written to another partition than their own
  std::vector<std::uint64_t> seen_;                           ///< the Bloom filter's bits
};

}  // namespace kavosh::index
