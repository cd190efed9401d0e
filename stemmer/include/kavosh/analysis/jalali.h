// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::analysis {

/// A calendar date (year, month 1–12, day 1–31) in whichever calendar the function says.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// A date known in both calendars.
struct DateInfo {
  CivilDate gregorian;
  CivilDate jalali;
};

/// Solar Hijri ↔ Gregorian conversion with ICU's Persian calendar (DESIGN.md §5); nullopt when invalid.
std::optional<CivilDate> jalali_to_gregorian(CivilDate jalali);
std::optional<CivilDate> gregorian_to_jalali(CivilDate gregorian);

/// Parses a date as news writes it: Jalali `1402/12/11`, `۱۴۰۲/۱۲/۱۱`, `1402-12-11`, or ISO `2024-03-01`
/// (optionally followed by a time, `2024-03-01T08:30:00Z`). Years below 1700 are Jalali. Any digits.
/// Returns nullopt for anything else, including impossible days (`1402/12/31`, `2023-02-30`).
std::optional<DateInfo> parse_date(std::string_view text);

/// `2024-03-01`: sorts as text in date order.
std::string format_iso(CivilDate date);
/// `1402/12/11`, or `۱۴۰۲/۱۲/۱۱` with Persian digits.
std::string format_jalali(CivilDate date, bool persian_digits);

}  // namespace kavosh::analysis
