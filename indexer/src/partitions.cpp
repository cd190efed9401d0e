#include "partitions.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <xapian.h>

#include "kavosh/error.h"
#include "kavosh/index/stories.h"
#include "kavosh/schema.h"

namespace kavosh::index {
namespace fs = std::filesystem;

std::string building_directory(const std::string& target) { return target + ".building"; }

std::vector<std::string> prepare_partitions(const std::string& target, std::uint32_t count) {
  const fs::path building = building_directory(target);
  fs::remove_all(building);
  fs::create_directories(building);
  std::vector<std::string> paths;
  for (std::uint32_t p = 0; p < count; ++p) {
    char name[32];
    std::snprintf(name, sizeof name, "part_%03u", p);
    paths.push_back(building / name);
  }
  return paths;
}

namespace {

/// Where each partition after the first begins in `merged` (the docid of its first document there).
/// compact() keeps the sources' order, so a partition's documents follow those of the one before.
std::vector<Xapian::docid> merged_starts(const std::vector<std::string>& partitions, const Xapian::Database& merged) {
  std::vector<Xapian::docid> starts;
  for (std::size_t p = 1; p < partitions.size(); ++p) {
    const Xapian::Database partition(partitions[p]);
    const Xapian::PostingIterator first = partition.postlist_begin("");
    if (first == partition.postlist_end("")) continue;
    std::string id_term(schema::kIdPrefix);
    id_term.append(partition.get_document(*first).get_value(schema::kIdSlot));
    const Xapian::PostingIterator there = merged.postlist_begin(id_term);
    if (there != merged.postlist_end(id_term)) starts.push_back(*there);
  }
  return starts;
}

}  // namespace

void merge_partitions(const std::vector<std::string>& partitions, const std::string& target,
                      const std::string& resume_point, bool regroup) {
  const fs::path merged = fs::path(building_directory(target)) / "merged";
  Xapian::Database all;
  for (const std::string& partition : partitions) all.add_database(Xapian::Database(partition));
  all.compact(merged, Xapian::DBCOMPACT_MULTIPASS);
  Xapian::WritableDatabase database(merged, Xapian::DB_OPEN);
  const std::vector<Xapian::docid> later_starts = merged_starts(partitions, database);
  // compact() keeps the first partition's value of a metadata key; the resume point is the whole job's.
  if (!resume_point.empty()) database.set_metadata(std::string(schema::kResumeKey), resume_point);
  // Near-copies written to different partitions did not see each other: grouped now, or by the next
  // writer to open the database (kRegroupKey).
  if (regroup) {
    regroup_stories(database, later_starts);
  } else {
    database.set_metadata(std::string(schema::kRegroupKey), "1");
  }
  database.commit();
  database.close();
  if (::rename(merged.c_str(), target.c_str()) != 0) {
    throw EnvironmentError("cannot rename the built database " + merged.string() + " to " + target + ": " +
                           std::strerror(errno));
  }
  fs::remove_all(building_directory(target));
}

void discard_partitions(const std::string& target) {
  std::error_code ignored;
  fs::remove_all(building_directory(target), ignored);
}

}  // namespace kavosh::index
