#include <gtest/gtest.h>

#include "kavosh/analysis/jalali.h"

namespace kavosh::testing {
namespace {

using analysis::CivilDate;
using analysis::parse_date;

struct DateRow {
  const char* input;
  const char* iso;     // "" when invalid
  const char* jalali;  // ASCII digits
};

class DateParsing : public ::testing::TestWithParam<DateRow> {};

TEST_P(DateParsing, ParsesBothCalendars) {
  const auto& row = GetParam();
  const auto d = parse_date(row.input);
  if (std::string(row.iso).empty()) {
    EXPECT_FALSE(d.has_value()) << row.input;
    return;
  }
  ASSERT_TRUE(d.has_value()) << row.input;
  EXPECT_EQ(analysis::format_iso(d->gregorian), row.iso);
  EXPECT_EQ(analysis::format_jalali(d->jalali, false), row.jalali);
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateParsing,
    ::testing::Values(
        DateRow{"1402/12/11", "2024-03-01", "1402/12/11"}, DateRow{"۱۴۰۲/۱۲/۱۱", "2024-03-01", "1402/12/11"},
        DateRow{"١٤٠٢/١٢/١١", "2024-03-01", "1402/12/11"}, DateRow{"1402-12-11", "2024-03-01", "1402/12/11"},
        DateRow{"2024-03-01", "2024-03-01", "1402/12/11"}, DateRow{"2024-03-01T08:30:00Z", "2024-03-01", "1402/12/11"},
        DateRow{" 1403/04/15 ", "2024-07-05", "1403/04/15"}, DateRow{"1403/1/1", "2024-03-20", "1403/01/01"},
        DateRow{"1400/03/28", "2021-06-18", "1400/03/28"},
        DateRow{"1399/12/30", "2021-03-20", "1399/12/30"},  // leap year: Esfand has 30 days
        DateRow{"1402/12/30", "", ""},                      // not a leap year
        DateRow{"1402/13/01", "", ""}, DateRow{"1402/00/10", "", ""}, DateRow{"2023-02-29", "", ""},
        DateRow{"2024-02-29", "2024-02-29", "1402/12/10"}, DateRow{"1402/12", "", ""}, DateRow{"1402/12/11/5", "", ""},
        DateRow{"دیروز", "", ""}, DateRow{"", "", ""}, DateRow{"1402/12-11", "", ""}));

TEST(Jalali, FormatsWithPersianDigits) {
  EXPECT_EQ(analysis::format_jalali(CivilDate{1402, 12, 11}, true), "۱۴۰۲/۱۲/۱۱");
}

TEST(Jalali, RoundTripsEveryDayOfAYear) {
  for (int day = 0; day < 366; ++day) {
    const int month = day < 186 ? day / 31 + 1 : (day - 186) / 30 + 7;
    const int dom = day < 186 ? day % 31 + 1 : (day - 186) % 30 + 1;
    if (month > 12) break;
    const CivilDate j{1403, month, dom};
    const auto g = analysis::jalali_to_gregorian(j);
    ASSERT_TRUE(g.has_value()) << month << "/" << dom;
    EXPECT_EQ(analysis::gregorian_to_jalali(*g), j);
  }
}

}  // namespace
}  // namespace kavosh::testing
