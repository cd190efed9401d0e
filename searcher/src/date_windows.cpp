// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "date_windows.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string>

#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

/// `XM140212`: a four-digit year and a two-digit month, so that the terms sort as the months do.
bool written_month(const std::string& term) {
  constexpr std::size_t kDigits = 6;
  const std::string_view digits = std::string_view(term).substr(schema::kYearMonthPrefix.size());
  return digits.size() == kDigits && std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<Xapian::Query> month_windows(const Xapian::Database& database, Xapian::doccount first_size) {
  const std::string prefix(schema::kYearMonthPrefix);
  std::vector<std::pair<std::string, Xapian::doccount>> months;  // oldest first, as the terms sort
  for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
    if (!written_month(*it)) return {};
    months.emplace_back(*it, it.get_termfreq());
  }
  std::vector<Xapian::Query> windows;
  std::vector<Xapian::Query> window;
  Xapian::doccount size = 0;
  Xapian::doccount wanted = std::max<Xapian::doccount>(first_size, 1);
  for (auto month = months.rbegin(); month != months.rend(); ++month) {
    window.emplace_back(month->first);
    size += month->second;
    if (size < wanted && month + 1 != months.rend()) continue;
    windows.emplace_back(Xapian::Query::OP_OR, window.begin(), window.end());
    window.clear();
    size = 0;
    wanted = wanted > std::numeric_limits<Xapian::doccount>::max() / 4 ? wanted : wanted * 4;
  }
  return windows;
}

std::vector<PageMatch> newest_matches(const std::vector<Xapian::Query>& windows, Xapian::doccount end,
                                      const WindowMatch& match) {
  std::vector<PageMatch> newest;
  std::set<std::string> stories;
  for (const Xapian::Query& window : windows) {
    const Xapian::MSet matches = match(window, end);  // `end` leaves room for the stories already shown
    for (auto it = matches.begin(); it != matches.end() && newest.size() < end; ++it) {
      const std::string story = it.get_collapse_key();
      if (story.empty() || stories.insert(story).second)
        newest.push_back({*it, it.get_weight(), static_cast<Xapian::doccount>(newest.size())});
    }
    if (newest.size() == end) break;
  }
  return newest;
}

}  // namespace kavosh::search::detail
