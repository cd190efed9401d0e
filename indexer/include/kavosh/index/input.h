// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kavosh/index/record.h"
#include "kavosh/index/resume.h"

namespace kavosh::index {

/// One record's worth of input, before parsing (parsing happens on worker threads).
struct InputItem {
  std::string file;            ///< path as it will appear in `FILE:LINE: reason`, `-` for stdin
  std::uint64_t line = 0;      ///< 1-based line of a JSONL record; 1 for a whole .txt article
  std::string text;            ///< one JSONL line (cut after kMaxRecordBytes + 1 bytes), or a whole .txt file
  std::string text_id;         ///< the id of a .txt article (its file stem); empty for JSONL
  std::uint64_t bytes = 0;     ///< input bytes this item consumed, newline included
  std::size_t file_index = 0;  ///< which of the reader's files
  std::uint64_t end = 0;       ///< byte offset in that file just past this item (a resume point)
};

/// Parses an item: JSONL through parse_record, a .txt article through record_from_text.
Record parse_item(const InputItem& item);

/// The files named by INPUT arguments, in order: files as given (`-` kept), directories expanded
/// recursively to their `*.jsonl` and `*.txt` files in path order. Throws kavosh::EnvironmentError for
/// a path that does not exist.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& inputs);

/// The ids of a --delete-ids file: one per line, as written (a trailing CR dropped); blank lines are
/// skipped. Throws kavosh::InvalidInputError naming the file and line for a line that is no id (invalid
/// UTF-8, over kMaxIdBytes), before anything is deleted; kavosh::EnvironmentError if unreadable.
std::vector<std::string> read_ids(const std::string& path);

/// Total bytes of the expanded inputs; nullopt when one is stdin (the size is unknown).
std::optional<std::uint64_t> total_input_bytes(const std::vector<std::filesystem::path>& files);

/// Reads the expanded inputs one item at a time, from `start` on (a resumed job: earlier files are not
/// opened, the start file is read from its offset, a .txt article at a non-zero offset was read whole).
/// Empty lines are skipped. Waiting on a pipe, it checks `stop` several times a second, so a signal
/// stops it even when stdin is idle.
class InputReader {
 public:
  InputReader(std::vector<std::filesystem::path> files, const std::atomic<bool>* stop = nullptr, InputStart start = {});
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  /// The next item; false at the end of the last input or when stopped.
  bool next(InputItem& item);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kavosh::index
