// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Shared helpers of the indexer tests: scratch directories, files, generated records, database checks.
#pragma once
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "../common/temp_dir.h"

namespace kavosh::index::testing {

using kavosh::testing::TempDir;

void write_file(const std::filesystem::path& path, const std::string& text);

/// A JSONL line for record number `n` (id `r<n>`), with a few Persian sentences that vary with n.
std::string generated_record(std::uint64_t n);
/// `count` generated records, one per line.
std::string generated_input(std::uint64_t count);

/// Ids of every document (from the `Q` terms), failing the test if one is held twice.
std::vector<std::string> unique_ids(const Xapian::Database& db);

/// The document of this id rendered whole: each term with its wdf and positions, the values, the data;
/// equal for two builds of the same record. Its story is left out: a story is named after the copy
/// written first, which differs between a build in parallel partitions and one in input order, so
/// builds compare their story_groups().
std::string rendered(const Xapian::Database& db, const std::string& id);

/// The documents grouped by story: the ids of each story's documents.
std::set<std::set<std::string>> story_groups(const Xapian::Database& db);

}  // namespace kavosh::index::testing
