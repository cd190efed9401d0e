// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kavosh/analysis/jalali.h"

namespace kavosh::index {

/// A record longer than this (JSONL line or .txt file) is refused rather than indexed.
inline constexpr std::size_t kMaxRecordBytes = 10 * 1024 * 1024;
/// The id term `Q` + id must fit Xapian's 245-byte term limit.
inline constexpr std::size_t kMaxIdBytes = 240;

/// Throws kavosh::InvalidInputError when `id` cannot be a record's id: blank, or over kMaxIdBytes.
void check_id(const std::string& id);

/// One news article as it arrives. Only `id` is required; the raw JSON keeps unknown fields.
struct Record {
  std::string id;
  std::string title;
  std::string body;
  std::string date;                               ///< as written: ISO, Jalali, any digits; may be empty
  std::optional<analysis::DateInfo> parsed_date;  ///< nullopt when `date` is empty or not a date
  std::string source;
  std::string url;
  std::string category;
  std::string province;
  std::vector<std::string> tags;
  nlohmann::json raw;  ///< the whole record as received, stored as the document data
};

/// Parses one JSONL line; throws kavosh::InvalidInputError with a reason (no file/line: the caller adds them)
/// for malformed JSON, a line that is not an object, a missing/empty/non-string/too long id, a field of the
/// wrong type (text fields: string or null; `tags`: array of strings, or null), invalid UTF-8 or a line
/// over kMaxRecordBytes. A date that parse_date does not recognize is not an error: it is kept in `raw`
/// and `parsed_date` stays empty.
Record parse_record(std::string_view json_line);

/// A plain-text article (`*.txt`, one per file as news archives export them): the first non-empty line
/// is the title, joined with the next line when those two form the first paragraph and the second does
/// not end a sentence (a title wrapped by the writer, not a one-line lead); the rest is the body. Throws kavosh::InvalidInputError for invalid UTF-8, an oversized text or a bad id.
Record record_from_text(std::string id, std::string_view text);

}  // namespace kavosh::index
