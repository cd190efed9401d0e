// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "params.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

namespace kavosh::serve {
namespace {

constexpr std::uint32_t kMaxFacetLimit = 100;  // a side panel shows a few; more is a listing, not a facet

std::optional<std::string> single(const Params& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return std::nullopt;
  if (std::next(first) != last) throw HttpError(400, "parameter '" + name + "' given more than once");
  return first->second;
}

std::vector<std::string> all(const Params& params, const std::string& name) {
  std::vector<std::string> values;
  const auto [first, last] = params.equal_range(name);
  for (auto it = first; it != last; ++it) {
    if (!valid_utf8(it->second)) throw HttpError(400, "parameter '" + name + "' is not valid UTF-8");
    if (!it->second.empty()) values.push_back(it->second);
  }
  return values;
}

std::uint32_t number(const Params& params, const std::string& name, std::uint32_t fallback, std::uint32_t low,
                     std::uint32_t high) {
  const auto text = single(params, name);
  if (!text || text->empty()) return fallback;
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value < low || value > high) {
    throw HttpError(400, "parameter '" + name + "' must be an integer from " + std::to_string(low) + " to " +
                             std::to_string(high));
  }
  return value;
}

/// The query text: required, UTF-8, within the byte limit (the limit bounds the analysis work).
std::string query_text(const Params& params, const Limits& limits) {
  auto q = single(params, "q");
  if (!q) throw HttpError(400, "missing parameter 'q'");
  if (q->size() > limits.max_query_bytes) {
    throw HttpError(limits.too_long_status, "query longer than " + std::to_string(limits.max_query_bytes) + " bytes");
  }
  if (!valid_utf8(*q)) throw HttpError(400, "parameter 'q' is not valid UTF-8");
  return std::move(*q);
}

std::string short_text(const Params& params, const std::string& name) {
  constexpr std::size_t kMaxBytes = 64;  // a date bound is ~10 bytes; more is not a date
  auto text = single(params, name).value_or("");
  if (text.size() > kMaxBytes || !valid_utf8(text)) throw HttpError(400, "parameter '" + name + "' is not a date");
  return text;
}

SortOrder sort_order(const Params& params) {
  const auto text = single(params, "sort").value_or("relevance");
  if (text == "relevance" || text.empty()) return SortOrder::kRelevance;
  if (text == "date") return SortOrder::kDate;
  throw HttpError(400, "parameter 'sort' must be 'relevance' or 'date'");
}

/// `collapse=on` (default) or `off`; a JSON body's true/false arrive as `1`/`0`.
bool collapse(const Params& params) {
  const auto text = single(params, "collapse").value_or("on");
  if (text == "on" || text == "1" || text.empty()) return true;
  if (text == "off" || text == "0") return false;
  throw HttpError(400, "parameter 'collapse' must be 'on' or 'off'");
}

/// `facets=source,year` (also repeated, or an array in a JSON body): each name must be a facet's.
std::vector<Facet> facet_list(const Params& params) {
  std::vector<Facet> facets;
  for (const std::string& list : all(params, "facets")) {
    for (std::size_t begin = 0; begin <= list.size();) {
      const std::size_t end = std::min(list.find(',', begin), list.size());
      const std::string name = list.substr(begin, end - begin);
      begin = end + 1;
      if (name.empty()) continue;
      const auto facet = search::facet_named(name);
      if (!facet) {
        throw HttpError(400, "unknown facet '" + name + "' (source, category, province, tag, year, month)");
      }
      if (std::ranges::find(facets, *facet) == facets.end()) facets.push_back(*facet);
    }
  }
  return facets;
}

void add_json_value(Params& params, const std::string& name, const nlohmann::json& value) {
  if (value.is_string()) {
    params.emplace(name, value.get<std::string>());
  } else if (value.is_number_unsigned() || value.is_number_integer()) {
    params.emplace(name, value.dump());
  } else if (value.is_boolean()) {
    params.emplace(name, value.get<bool>() ? "1" : "0");
  } else if (!value.is_null()) {
    throw HttpError(400, "field '" + name + "' must be a string, an integer or an array of strings");
  }
}

}  // namespace

bool valid_utf8(const std::string& text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c <= 0) return false;  // negative: ill-formed; 0: NUL, which no term may hold
  }
  return true;
}

SearchRequest parse_search(const Params& params, const Limits& limits) {
  SearchRequest request;
  request.query = query_text(params, limits);
  request.limit = number(params, "limit", 10, 0, limits.max_limit);
  request.offset = number(params, "offset", 0, 0, limits.max_offset);
  request.from = short_text(params, "from");
  request.to = short_text(params, "to");
  if (auto error = date_range_error(request)) throw HttpError(400, *error);
  request.sources = all(params, "source");
  request.categories = all(params, "category");
  request.provinces = all(params, "province");
  request.tags = all(params, "tag");
  request.years = all(params, "year");
  request.months = all(params, "month");
  request.facets = facet_list(params);
  request.facet_limit = number(params, "facet_limit", 10, 1, kMaxFacetLimit);
  request.sort = sort_order(params);
  request.partial = number(params, "partial", 0, 0, 1) == 1;
  request.collapse = collapse(params);
  return request;
}

std::uint32_t parse_related_limit(const Params& params, const Limits& limits) {
  return number(params, "limit", 5, 1, limits.max_limit);
}

SuggestRequest parse_suggest(const Params& params, const Limits& limits) {
  constexpr std::uint32_t kMaxCompletions = 20;
  return SuggestRequest{query_text(params, limits), number(params, "limit", 8, 1, kMaxCompletions)};
}

Params params_from_json(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) throw HttpError(400, "body must be a JSON object");
  Params params;
  for (const auto& [name, value] : json.items()) {
    if (value.is_array()) {
      for (const auto& item : value) add_json_value(params, name, item);
    } else {
      add_json_value(params, name, value);
    }
  }
  return params;
}

}  // namespace kavosh::serve
