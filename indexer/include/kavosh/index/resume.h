// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Resuming a job: each commit stores where the input stood (schema::kResumeKey), and `--resume` reads on
// from there instead of from the start.
#pragma once
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::index {

/// An input file as a job found it: a resume point is honoured only while the file is still this one.
struct FileIdentity {
  std::string path;  ///< as expanded from the INPUT arguments
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  ///< modification time, nanoseconds since the epoch
  bool seekable = false;      ///< false for stdin: nothing to resume from
};

/// Identities of the expanded inputs (stdin: not seekable). Throws kavosh::EnvironmentError when a file
/// cannot be read.
std::vector<FileIdentity> identify_inputs(const std::vector<std::filesystem::path>& files);

/// Where the input stood after a record: its file, the byte offset just past it and its line number.
struct ResumePoint {
  FileIdentity file;
  std::uint64_t offset = 0;
  std::uint64_t line = 0;
};

/// `OFFSET LINE SIZE MTIME PATH`, the path last (it may hold spaces).
std::string encode_resume_point(const ResumePoint& point);
/// nullopt when `text` is not an encoded resume point.
std::optional<ResumePoint> decode_resume_point(std::string_view text);

/// Where a reader starts: the file at index `file` of the inputs, at `offset` bytes, after `line` lines.
struct InputStart {
  std::size_t file = 0;
  std::uint64_t offset = 0;
  std::uint64_t line = 0;
};

/// Where a resumed job starts reading, given each shard's stored point (every shard holds all of its records
/// before its point): the earliest of the points, so no record is lost; the records of other shards
/// read again are found unchanged and skipped. A shard without a point of these inputs, or whose file has
/// changed since (size or modification time), makes the job start from the beginning, with a warning on
/// `diagnostics`: resuming never loses a record, at worst it reads more.
InputStart resume_start(const std::vector<FileIdentity>& inputs, const std::vector<std::string>& stored_points,
                        std::ostream& diagnostics);

}  // namespace kavosh::index
