// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "copy_router.h"

#include <algorithm>
#include <map>

#include "hash.h"
#include "kavosh/index/shards.h"
#include "kavosh/schema.h"

namespace kavosh::index {
namespace {

constexpr std::size_t kFilterBits = std::size_t{1} << 27;  // 16 MB: under 1e-4 false "seen" at two million ids

}  // namespace

CopyRouter::CopyRouter(std::uint32_t partitions, std::size_t window)
    : partitions_(std::max<std::uint32_t>(partitions, 1)),
      recent_(std::max<std::size_t>(window, 1)),
      seen_(kFilterBits / 64) {}

std::uint32_t CopyRouter::partition_of(const std::string& id, const Xapian::Document& document) {
  if (const auto moved = moved_.find(id); moved != moved_.end()) return moved->second;
  const std::uint32_t home = shard_of(id, partitions_);
  // An id seen before went to its own partition (it is not among the moved): its replacement follows it.
  if (seen_before(id) || partitions_ == 1) return home;
  Signature signature = decode_signature(document.get_value(schema::kSignatureSlot));
  if (signature.empty()) return home;
  std::vector<std::uint64_t> bands = band_hashes(signature);
  const std::uint32_t partition = partition_of_copy(signature, bands, home);
  if (partition != home) moved_.emplace(id, partition);
  remember(std::move(signature), std::move(bands), partition);
  return partition;
}

std::uint32_t CopyRouter::partition_of_copy(const Signature& signature, const std::vector<std::uint64_t>& bands,
                                            std::uint32_t home) const {
  std::map<std::uint64_t, std::size_t> shared;  // sequence → bands shared
  for (const std::uint64_t band : bands) {
    if (const auto found = by_band_.find(band); found != by_band_.end()) ++shared[found->second];
  }
  std::uint32_t partition = home;
  double best = 0;
  for (const std::uint64_t sequence : most_shared<std::uint64_t>({shared.begin(), shared.end()})) {
    const Recent& candidate = recent_[sequence % recent_.size()];
    if (candidate.sequence != sequence) continue;  // left the window
    const double similar = similarity(signature, candidate.signature);
    if (near_copies(signature, candidate.signature) && similar > best) {
      best = similar;
      partition = candidate.partition;
    }
  }
  return partition;
}

void CopyRouter::remember(Signature signature, std::vector<std::uint64_t> bands, std::uint32_t partition) {
  const std::uint64_t sequence = next_sequence_++;
  Recent& slot = recent_[sequence % recent_.size()];
  for (const std::uint64_t band : slot.bands) {  // the record leaving the window
    if (const auto found = by_band_.find(band); found != by_band_.end() && found->second == slot.sequence) {
      by_band_.erase(found);
    }
  }
  for (const std::uint64_t band : bands) by_band_[band] = sequence;
  slot = Recent{sequence, partition, std::move(signature), std::move(bands)};
}

bool CopyRouter::seen_before(const std::string& id) {
  const std::uint64_t hash = fnv1a_64(id);
  bool seen = true;
  const std::uint64_t mixed = hash * std::uint64_t{0x9E3779B97F4A7C15};
  for (const std::uint64_t bit : {hash % kFilterBits, (hash >> 27) % kFilterBits, (mixed >> 37) % kFilterBits}) {
    std::uint64_t& word = seen_[bit / 64];
    const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    seen = seen && (word & mask) != 0;
    word |= mask;
  }
  return seen;
}

}  // namespace kavosh::index
