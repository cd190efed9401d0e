// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-search's output formats.
#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "kavosh/search/cli.h"

namespace kavosh::search {
namespace {

using Json = nlohmann::ordered_json;

std::string persian_digits(std::string_view text) {
  static constexpr std::string_view kDigits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      out += kDigits[c - '0'];
    } else {
      out += c;
    }
  }
  return out;
}

Json hit_json(const Hit& hit) {
  return Json{{"id", hit.id},         {"rank", hit.rank},     {"score", hit.score},
              {"title", hit.title},   {"date", hit.date},     {"date_jalali", hit.date_jalali},
              {"source", hit.source}, {"url", hit.url},       {"snippet", hit.snippet},
              {"story", hit.story},   {"copies", hit.copies}, {"other_sources", hit.other_sources}};
}

/// `   + ۳ خبرگزاری دیگر: مهر، فارس، ایسنا (story:a001)` under a hit with copies (a collapsed search).
void write_copies(std::ostream& out, const Hit& hit) {
  if (hit.copies == 0) return;
  out << "   + ";
  if (hit.other_sources.empty()) {
    out << persian_digits(std::to_string(hit.copies)) << " نسخهٔ دیگر";
  } else {
    out << persian_digits(std::to_string(hit.other_sources.size())) << " خبرگزاری دیگر:";
    for (std::size_t i = 0; i < hit.other_sources.size(); ++i) out << (i ? "، " : " ") << hit.other_sources[i];
  }
  out << " (story:" << hit.story << ")\n";
}

/// The label of a facet in text output.
std::string_view facet_label(Facet facet) {
  switch (facet) {
    case Facet::kSource: return "منبع";
    case Facet::kCategory: return "دسته";
    case Facet::kProvince: return "استان";
    case Facet::kTag: return "برچسب";
    case Facet::kYear: return "سال";
    case Facet::kMonth: return "ماه";
  }
  return "";
}

/// `منبع: ایرنا (۱۲) · مهر (۸)`, a line per facet.
void write_facets(std::ostream& out, const std::vector<FacetCounts>& facets) {
  for (const FacetCounts& counts : facets) {
    out << facet_label(counts.facet) << ':';
    for (std::size_t i = 0; i < counts.values.size(); ++i) {
      const FacetValue& value = counts.values[i];
      const bool dated = counts.facet == Facet::kYear || counts.facet == Facet::kMonth;
      out << (i ? " · " : " ") << (dated ? persian_digits(value.value) : value.value) << " ("
          << persian_digits(std::to_string(value.count)) << ')';
    }
    out << '\n';
  }
}

/// `! partial results: shards 0, 2 did not answer` when a cluster answered without them.
void write_failed_shards(std::ostream& out, const std::vector<std::uint32_t>& failed) {
  if (failed.empty()) return;
  out << "! partial results: shard" << (failed.size() > 1 ? "s" : "");
  for (std::size_t i = 0; i < failed.size(); ++i) out << (i ? ", " : " ") << failed[i];
  out << " did not answer\n";
}

}  // namespace

void write_json(std::ostream& out, const SearchResults& results, const std::string* qid) {
  Json json;
  if (qid) json["qid"] = *qid;
  json["query"] = results.query;
  json["total"] = results.total;
  json["total_is_estimate"] = results.total_is_estimate;
  json["total_lower"] = results.total_lower;
  json["total_upper"] = results.total_upper;
  json["offset"] = results.offset;
  json["hits"] = Json::array();
  for (const Hit& hit : results.hits) json["hits"].push_back(hit_json(hit));
  json["suggestion"] = results.suggestion ? Json(*results.suggestion) : Json(nullptr);
  json["readings"] = Json::array();
  for (const WrittenReading& reading : results.readings) {
    json["readings"].push_back(Json{{"typed", reading.typed}, {"written", reading.written}});
  }
  json["facets"] = Json::object();
  for (const FacetCounts& counts : results.facets) {
    Json& values = json["facets"][std::string(facet_name(counts.facet))] = Json::array();
    for (const FacetValue& value : counts.values)
      values.push_back(Json{{"value", value.value}, {"count", value.count}});
  }
  json["warnings"] = results.warnings;
  json["partial"] = results.partial;
  json["failed_shards"] = results.failed_shards;
  // The query may be any bytes: invalid UTF-8 becomes U+FFFD rather than an exception.
  out << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_text(std::ostream& out, const SearchResults& results, bool color) {
  const std::string_view begin = color ? "\x1b[1;33m" : "[";
  const std::string_view end = color ? "\x1b[0m" : "]";
  for (const std::string& warning : results.warnings) out << "! " << warning << '\n';
  write_failed_shards(out, results.failed_shards);
  if (results.suggestion) out << "آیا منظورتان «" << *results.suggestion << "» بود؟\n";
  for (const WrittenReading& reading : results.readings) {
    out << "«" << reading.typed << "» به صورت «" << reading.written << "» هم جست‌وجو شد.\n";
  }
  if (results.total == 0) {
    out << "نتیجه‌ای یافت نشد.\n";
    return;
  }
  // «حدود» (about) only when the count is Xapian's estimate; `--limit 0` prints the count alone.
  out << (results.total_is_estimate ? "حدود " : "") << persian_digits(std::to_string(results.total)) << " نتیجه\n";
  write_facets(out, results.facets);
  if (!results.hits.empty()) out << '\n';
  for (const Hit& hit : results.hits) {
    out << persian_digits(std::to_string(hit.rank)) << ". " << (color ? "\x1b[1m" : "") << hit.title
        << (color ? "\x1b[0m" : "") << '\n';
    out << "   " << persian_digits(hit.date_jalali) << (hit.source.empty() ? "" : " · ") << hit.source << '\n';
    write_copies(out, hit);
    out << "   " << render_snippet(hit.snippet, begin, end) << '\n';
    if (!hit.url.empty()) out << "   " << hit.url << '\n';
    out << '\n';
  }
}

void write_related_json(std::ostream& out, const RelatedResults& related) {
  Json json{{"id", related.id}, {"terms", related.terms}, {"hits", Json::array()}};
  for (const Hit& hit : related.hits) json["hits"].push_back(hit_json(hit));
  out << json.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_related_text(std::ostream& out, const RelatedResults& related, bool color) {
  if (related.hits.empty()) {
    out << "خبر مرتبطی یافت نشد.\n";
    return;
  }
  for (const Hit& hit : related.hits) {
    out << persian_digits(std::to_string(hit.rank)) << ". " << (color ? "\x1b[1m" : "") << hit.title
        << (color ? "\x1b[0m" : "") << "  (" << hit.id << ")\n";
    out << "   " << persian_digits(hit.date_jalali) << (hit.source.empty() ? "" : " · ") << hit.source << '\n';
    write_copies(out, hit);
  }
}

void write_trec(std::ostream& out, const SearchResults& results, const std::string& qid) {
  for (const Hit& hit : results.hits) {
    out << qid << " Q0 " << hit.id << ' ' << hit.rank << ' ' << std::fixed << std::setprecision(6) << hit.score
        << " kavosh\n";
  }
  out.unsetf(std::ios::floatfield);
}

}  // namespace kavosh::search
