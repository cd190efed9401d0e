// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Request parameters → SearchRequest: every check that turns a request into a 4xx lives here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include "kavosh/searcher.h"

namespace kavosh::serve {

/// A request the service refuses, with its HTTP status (400, 404, 413, 414).
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

/// Query-string or JSON-body parameters; a name may repeat (`source=a&source=b`).
using Params = std::multimap<std::string, std::string>;

struct Limits {
  std::size_t max_query_bytes = 1024;
  std::uint32_t max_limit = 100;
  std::uint32_t max_offset = 10000;
  int too_long_status = 414;  ///< 414 when `q` came in the URL, 413 when it came in a body
};

/// /api/search parameters: q (required), limit, offset, from, to, source, category, province, sort
/// (relevance|date), partial (0|1). Unknown names are ignored (cache busters). Throws HttpError.
SearchRequest parse_search(const Params& params, const Limits& limits);

/// `limit` of /api/related: 1 to max_limit, default 5.
std::uint32_t parse_related_limit(const Params& params, const Limits& limits);

/// /api/suggest parameters: q (required, may be empty) and limit (1..20, default 8).
struct SuggestRequest {
  std::string prefix;
  std::uint32_t limit = 8;
};
SuggestRequest parse_suggest(const Params& params, const Limits& limits);

/// A JSON object body (POST /api/search) as Params: strings and numbers as text, arrays repeated.
/// Throws HttpError 400 for anything else.
Params params_from_json(const std::string& body);

/// True when `text` is well-formed UTF-8 without NUL (what the analyzer and Xapian terms accept).
bool valid_utf8(const std::string& text);

}  // namespace kavosh::serve
