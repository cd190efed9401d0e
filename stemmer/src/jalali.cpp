#include "kavosh/analysis/jalali.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "kavosh/analysis/normalizer.h"

namespace kavosh::analysis {
namespace {

constexpr int kFirstGregorianYear = 1700;

std::unique_ptr<icu::Calendar> make_calendar(bool persian) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale(persian ? "fa_IR@calendar=persian" : "en_US@calendar=gregorian"),
      status));
  if (U_FAILURE(status)) return nullptr;
  cal->setLenient(false);
  return cal;
}

// Converts `date` from one calendar to the other; nullopt when `date` does not exist in the first.
std::optional<CivilDate> convert(CivilDate date, bool from_persian) {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31 || date.year < 1 || date.year > 9999) {
    return std::nullopt;
  }
  thread_local std::unique_ptr<icu::Calendar> persian = make_calendar(true);
  thread_local std::unique_ptr<icu::Calendar> gregorian = make_calendar(false);
  icu::Calendar* from = from_persian ? persian.get() : gregorian.get();
  icu::Calendar* to = from_persian ? gregorian.get() : persian.get();
  if (from == nullptr || to == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  from->clear();
  from->set(date.year, date.month - 1, date.day, 12, 0, 0);
  const UDate when = from->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;  // not lenient: an impossible day fails here
  to->setTime(when, status);
  CivilDate out{to->get(UCAL_EXTENDED_YEAR, status), to->get(UCAL_MONTH, status) + 1, to->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

// Splits `1402/12/11` or `2024-03-01` (ASCII digits) into three numbers.
std::optional<CivilDate> split_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  char sep1 = 0, sep2 = 0;
  int consumed = 0;
  const std::string text(s);
  if (std::sscanf(text.c_str(), "%5d%c%2d%c%2d%n", &y, &sep1, &m, &sep2, &d, &consumed) != 5) return std::nullopt;
  if (sep1 != sep2 || (sep1 != '/' && sep1 != '-' && sep1 != '.')) return std::nullopt;
  const std::string_view rest = s.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() != 't' && rest.front() != ' ') return std::nullopt;  // 'T', case-folded
  return CivilDate{y, m, d};
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::optional<CivilDate> jalali_to_gregorian(CivilDate jalali) { return convert(jalali, true); }
std::optional<CivilDate> gregorian_to_jalali(CivilDate gregorian) { return convert(gregorian, false); }

std::optional<DateInfo> parse_date(std::string_view text) {
  const auto date = split_date(trim(PersianNormalizer().normalize(text)));
  if (!date) return std::nullopt;
  if (date->year < kFirstGregorianYear) {
    const auto g = jalali_to_gregorian(*date);
    if (!g) return std::nullopt;
    return DateInfo{*g, *date};
  }
  const auto j = gregorian_to_jalali(*date);
  if (!j) return std::nullopt;
  return DateInfo{*date, *j};
}

std::string format_iso(CivilDate date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string format_jalali(CivilDate date, bool persian_digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", date.year, date.month, date.day);
  if (!persian_digits) return buf;
  std::string out;
  for (const char* p = buf; *p != '\0'; ++p) {
    if (*p >= '0' && *p <= '9') {
      const char32_t cp = U'\u06F0' + static_cast<char32_t>(*p - '0');
      out += static_cast<char>(0xDB);
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += *p;
    }
  }
  return out;
}

}  // namespace kavosh::analysis
