// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Newest first by windows of months (searcher/src/date_windows.h): the same page as one match sorting
// every match by date.
#include "date_windows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

using ::testing::ElementsAre;
using Q = Xapian::Query;

struct Article {
  Article(std::string d, std::string m, std::string s = "", bool match = true)
      : date(std::move(d)), month(std::move(m)), story(std::move(s)), matches(match) {}
  std::string date;   ///< ISO; "" for an undated one
  std::string month;  ///< `XM` term digits; "" for an undated one
  std::string story;  ///< "" for a story of its own
  bool matches;       ///< holds the searched word
};

Xapian::WritableDatabase articles(const std::vector<Article>& list) {
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const Article& article : list) {
    Xapian::Document document;
    if (article.matches) document.add_term("word");
    document.add_term("all");
    if (!article.month.empty()) document.add_boolean_term(std::string(schema::kYearMonthPrefix) + article.month);
    if (!article.date.empty()) document.add_value(schema::kDateSlot, article.date);
    if (!article.story.empty()) document.add_value(schema::kStorySlot, article.story);
    database.add_document(document);
  }
  return database;
}

/// Docids matching `query` as a boolean filter, ascending.
std::vector<Xapian::docid> filtered(const Xapian::Database& database, const Q& query) {
  Xapian::Enquire enquire(database);
  enquire.set_query(Q(Q::OP_FILTER, Q("all"), query));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::vector<Xapian::docid> out;
  const Xapian::MSet found = enquire.get_mset(0, 100);
  for (auto it = found.begin(); it != found.end(); ++it) out.push_back(*it);
  return out;
}

/// A date-ordered, story-collapsed match of "word" within `window` (everything when empty).
Xapian::MSet newest_of(const Xapian::Database& database, const Q& window, Xapian::doccount count) {
  Xapian::Enquire enquire(database);
  enquire.set_query(window.empty() ? Q("word") : Q(Q::OP_FILTER, Q("word"), window));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
  enquire.set_collapse_key(schema::kStorySlot);
  return enquire.get_mset(0, count);
}

TEST(MonthWindows, NewestMonthsFirstEachWindowFourTimesTheLast) {
  const Xapian::WritableDatabase database = articles({{"2022-03-21", "140101"},
                                                      {"2022-03-22", "140101"},
                                                      {"2022-03-23", "140101"},
                                                      {"2022-04-21", "140102"},
                                                      {"2022-05-22", "140103"},
                                                      {"2022-05-23", "140103"},
                                                      {"2022-06-22", "140104"},
                                                      {"", ""}});
  const std::vector<Q> windows = month_windows(database, 2);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_THAT(filtered(database, windows[0]), ElementsAre(5, 6, 7));     // 140104 (1), then 140103: 3 ≥ 2
  EXPECT_THAT(filtered(database, windows[1]), ElementsAre(1, 2, 3, 4));  // what is left, under 8
  EXPECT_EQ(month_windows(database, 100).size(), 1u);
}

TEST(MonthWindows, NoneWhenAMonthTermIsNotFourDigitsAndTwo) {
  EXPECT_TRUE(month_windows(articles({{"2022-03-21", "140101"}, {"0622-03-21", "1401"}}), 1).empty());
  EXPECT_TRUE(month_windows(articles({{"", ""}}), 1).empty());
}

TEST(NewestMatches, AreOneCollapsedMatchSortedByDate) {
  // Stories "a", "b" and "c" have copies in several months; some articles do not match.
  const Xapian::WritableDatabase database = articles({
      {"2022-03-21", "140101", "a"},
      {"2022-03-25", "140101", ""},
      {"2022-04-01", "140101", "b", false},
      {"2022-04-22", "140102", "b"},
      {"2022-04-30", "140102", "a"},
      {"2022-05-22", "140103", ""},
      {"2022-05-30", "140103", "b"},
      {"2022-06-01", "140103", "c"},
      {"2022-06-25", "140104", "c"},
      {"2022-07-01", "140104", "a", false},
      {"2022-07-23", "140105", ""},
      {"2022-07-24", "140105", "c"},
  });
  std::vector<Xapian::docid> all;  // the reference: one match over every dated article
  const Xapian::MSet one = newest_of(database, Q::MatchAll, 100);
  for (auto it = one.begin(); it != one.end(); ++it) all.push_back(*it);
  ASSERT_EQ(all, (std::vector<Xapian::docid>{12, 11, 7, 6, 5, 2}));  // c, –, b, –, a, –
  const auto match = [&](const Q& window, Xapian::doccount count) { return newest_of(database, window, count); };
  for (const Xapian::doccount first_size : {1u, 2u, 3u, 100u}) {
    const std::vector<Q> windows = month_windows(database, first_size);
    for (Xapian::doccount end = 1; end <= all.size() + 1; ++end) {
      std::vector<Xapian::docid> got;
      for (const PageMatch& m : newest_matches(windows, end, match)) {
        EXPECT_EQ(m.rank, got.size());
        got.push_back(m.docid);
      }
      const std::vector<Xapian::docid> want(all.begin(), all.begin() + std::min<std::size_t>(end, all.size()));
      EXPECT_EQ(got, want) << "first window " << first_size << ", " << end << " matches";
    }
  }
}

}  // namespace
}  // namespace kavosh::search::detail
