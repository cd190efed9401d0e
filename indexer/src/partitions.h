// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A new database built fast: partitions written in parallel beside the target, merged into it at the end.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kavosh::index {

/// Records a partition takes between flushes, whatever --batch says (which sets how much a crash of a
/// job adding to a database can lose; a first build killed before its merge leaves nothing anyway).
/// Measured (docs/benchmarks.md, 50 MB of news, two partitions): 10,000 took 34.2 CPU s and 611 MB,
/// 2,000 26.6 CPU s, 1,000 22.8 CPU s and 292 MB: Xapian's flush of a large batch costs more per record.
inline constexpr std::uint32_t kPartitionBatch = 1000;

/// Where the partitions of a build of `target` are written, and the merged database before it is
/// renamed into place: `TARGET.building`, removed when the build ends (a build killed before leaves it
/// behind; the next build of TARGET removes it first).
std::string building_directory(const std::string& target);

/// Creates an empty building directory for `target` and returns the paths of `count` partitions in it.
std::vector<std::string> prepare_partitions(const std::string& target, std::uint32_t count);

/// Merges the partitions into one compact database with Xapian::Database::compact (DBCOMPACT_MULTIPASS;
/// document ids renumbered, spelling and synonym tables merged), stores `resume_point` in it, renames
/// it to `target` (which must not exist) and removes the building directory. Groups the near-copies the
/// partitions wrote apart (regroup_stories) when `regroup`, else leaves that to the next writer
/// (schema::kRegroupKey), so a stopped build ends at once. A crash before the rename
/// leaves no database at `target`, never half of one. Throws kavosh::EnvironmentError or Xapian::Error.
void merge_partitions(const std::vector<std::string>& partitions, const std::string& target,
                      const std::string& resume_point, bool regroup);

/// Removes the building directory of `target`, if any (a failed build).
void discard_partitions(const std::string& target);

}  // namespace kavosh::index
