// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Date bounds of `date:` and --from/--to: full dates through the analysis library's parse_date,
// plus whole Jalali (or Gregorian) years and months, which a news reader types often.
#include <charconv>

#include "kavosh/analysis/jalali.h"
#include "kavosh/analysis/normalizer.h"
#include "kavosh/search/query.h"

namespace kavosh::search {
namespace {

using analysis::CivilDate;

std::optional<int> read_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

/// `date` when it is a real Gregorian day (the calendar conversion validates it).
std::optional<CivilDate> valid_gregorian(CivilDate date) {
  return analysis::gregorian_to_jalali(date) ? std::optional<CivilDate>(date) : std::nullopt;
}

/// The Gregorian date of a year or month bound: its first day, or its last when `upper`.
std::optional<CivilDate> month_bound(int year, int first_month, int last_month, bool upper) {
  const bool jalali = year < 1700;  // the same rule as parse_date
  if (!upper) {
    const CivilDate first{year, first_month, 1};
    return jalali ? analysis::jalali_to_gregorian(first) : valid_gregorian(first);
  }
  for (int day = 31; day >= 28; --day) {  // the first valid day from the top is the month's last
    const CivilDate last{year, last_month, day};
    const auto date = jalali ? analysis::jalali_to_gregorian(last) : valid_gregorian(last);
    if (date) return date;
  }
  return std::nullopt;
}

/// `1402`, `1402/12`, `1402-3`, `2024-03`: a year or a month, as a Gregorian date bound.
std::optional<CivilDate> partial_bound(std::string_view text, bool upper) {
  const std::size_t sep = text.find_first_of("/-");
  const auto year = read_number(text.substr(0, sep));
  if (!year || text.substr(0, sep).size() != 4) return std::nullopt;
  if (sep == text.npos) return month_bound(*year, 1, 12, upper);
  const auto month = read_number(text.substr(sep + 1));
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  return month_bound(*year, *month, *month, upper);
}

}  // namespace

std::optional<std::string> parse_date_bound(std::string_view text, bool upper) {
  static const analysis::PersianNormalizer normalizer;
  std::string plain = normalizer.normalize(text);  // any digits → ASCII
  const std::size_t begin = plain.find_first_not_of(' ');
  if (begin == plain.npos) return std::nullopt;
  plain = plain.substr(begin, plain.find_last_not_of(' ') + 1 - begin);
  if (const auto date = analysis::parse_date(plain)) return analysis::format_iso(date->gregorian);
  if (const auto date = partial_bound(plain, upper)) return analysis::format_iso(*date);
  return std::nullopt;
}

std::optional<std::string> empty_range_warning(const ParsedQuery& query) {
  if (!query.date_from || !query.date_to || *query.date_from <= *query.date_to) return std::nullopt;
  return "the dates do not overlap (" + *query.date_from + " is after " + *query.date_to + "): nothing matches";
}

}  // namespace kavosh::search
