// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Filters by docid (searcher/src/docid_filter.h): the second pass's on the first pass's documents, and
// the newest documents.
#include "docid_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kavosh::search::detail {
namespace {

using ::testing::ElementsAre;
using Q = Xapian::Query;

/// Documents 1..8; the even ones hold the term `even`.
Xapian::Database numbered_documents() {
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 1; i <= 8; ++i) {
    Xapian::Document document;
    if (i % 2 == 0) document.add_term("even");
    database.add_document(document);
  }
  return database;
}

std::vector<Xapian::docid> matches(const Xapian::Database& database, const Q& query) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> out;
  const Xapian::MSet found = enquire.get_mset(0, 100);
  for (auto it = found.begin(); it != found.end(); ++it) out.push_back(*it);
  return out;
}

TEST(DocidFilter, MatchesExactlyTheGivenDocumentsInAnyOrderWithRepeats) {
  const Xapian::Database database = numbered_documents();
  EXPECT_THAT(matches(database, Q(Q::OP_FILTER, Q::MatchAll, docid_filter({5, 2, 7, 2}))), ElementsAre(2, 5, 7));
  EXPECT_TRUE(matches(database, Q(Q::OP_FILTER, Q::MatchAll, docid_filter({}))).empty());
}

TEST(DocidFilter, SkipsAlongsideATermsPostings) {
  const Xapian::Database database = numbered_documents();
  // AND drives both lists by skip_to; FILTER by check: both must land on the shared documents only.
  EXPECT_THAT(matches(database, Q(Q::OP_AND, Q("even"), docid_filter({1, 2, 3, 4, 8}))), ElementsAre(2, 4, 8));
  EXPECT_THAT(matches(database, Q(Q::OP_FILTER, Q("even"), docid_filter({8, 1, 6}))), ElementsAre(6, 8));
  EXPECT_THAT(matches(database, Q(Q::OP_AND_NOT, Q::MatchAll, docid_filter({1, 3, 5, 7}))), ElementsAre(2, 4, 6, 8));
}

TEST(NewestDocuments, MatchesTheHighestDocids) {
  const Xapian::Database database = numbered_documents();
  EXPECT_THAT(matches(database, Q(Q::OP_FILTER, Q::MatchAll, newest_documents(3))), ElementsAre(6, 7, 8));
  EXPECT_THAT(matches(database, Q(Q::OP_AND, Q("even"), newest_documents(5))), ElementsAre(4, 6, 8));
  EXPECT_THAT(matches(database, Q(Q::OP_FILTER, Q("even"), newest_documents(3))), ElementsAre(6, 8));
  EXPECT_THAT(matches(database, Q(Q::OP_FILTER, Q("even"), newest_documents(100))), ElementsAre(2, 4, 6, 8));
  EXPECT_TRUE(matches(database, Q(Q::OP_FILTER, Q::MatchAll, newest_documents(0))).empty());
}

TEST(NewestDocuments, TakesTheNewestOfEachShard) {
  Xapian::Database both = numbered_documents();
  both.add_database(numbered_documents());  // docid d of the first shard is 2d - 1, of the second 2d
  EXPECT_THAT(matches(both, Q(Q::OP_FILTER, Q::MatchAll, newest_documents(2))), ElementsAre(13, 14, 15, 16));
  EXPECT_THAT(matches(both, Q(Q::OP_FILTER, Q("even"), newest_documents(1))), ElementsAre(15, 16));
}

}  // namespace
}  // namespace kavosh::search::detail
