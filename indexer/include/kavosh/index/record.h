// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kavosh/analysis/jalali.h"

namespace kavosh::index {

/// One news article as it arrives. Only `id` is required; the raw JSON keeps unknown fields.
struct Record {
  std::string id;
  std::string title;
  std::string body;
  std::string date;  ///< as written: ISO, Jalali, any digits; may be empty
  std::optional<analysis::DateInfo> parsed_date;
  std::string source;
  std::string url;
  std::string category;
  std::string province;
  std::vector<std::string> tags;
  nlohmann::json raw;  ///< the whole record as received, stored as the document data
};

/// Parses one JSONL line; throws kavosh::InvalidInputError with a reason (no file/line: the caller adds them)
/// for malformed JSON, a missing/empty/non-string id, a wrong field type or invalid UTF-8.
Record parse_record(std::string_view json_line);

}  // namespace kavosh::index
