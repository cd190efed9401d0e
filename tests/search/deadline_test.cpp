// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The time budget of a search (searcher/src/deadline.h): the match ends at the deadline, not before.
#include "deadline.h"

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "test_corpus.h"

namespace kavosh::search::detail {
namespace {

using Q = Xapian::Query;

/// 1000 documents holding `common`; every tenth also holds `tenth`.
Xapian::Database many_documents() {
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 1; i <= 1000; ++i) {
    Xapian::Document document;
    document.add_term("common");
    if (i % 10 == 0) document.add_term("tenth", 2);
    database.add_document(document);
  }
  return database;
}

Xapian::MSet run(const Xapian::Database& database, const Q& query) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  return enquire.get_mset(0, 2000);
}

TEST(Deadline, NoLimitUnlessAskedFor) {
  EXPECT_FALSE(Budget::from_now(0).limited());
  EXPECT_TRUE(Budget::from_now(1).limited());
}

TEST(Deadline, BeforeTheDeadlineResultsAndEstimatesAreUnchanged) {
  const Xapian::Database database = many_documents();
  const Q query(Q::OP_OR, Q("common"), Q("tenth"));
  Budget budget = Budget::from_now(60000);
  const Xapian::MSet plain = run(database, query);
  const Xapian::MSet limited = run(database, with_deadline(query, budget));
  EXPECT_FALSE(budget.spent);
  ASSERT_EQ(limited.size(), plain.size());
  EXPECT_EQ(limited.get_matches_estimated(), plain.get_matches_estimated());
  for (Xapian::doccount i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(*limited[i], *plain[i]);
    EXPECT_DOUBLE_EQ(limited[i].get_weight(), plain[i].get_weight());
  }
  // A small page stops early on its own; its estimates stay those of the plain query too.
  Xapian::Enquire enquire(database);
  enquire.set_query(with_deadline(query, budget));
  Xapian::Enquire plain_enquire(database);
  plain_enquire.set_query(query);
  EXPECT_EQ(enquire.get_mset(0, 10).get_matches_estimated(), plain_enquire.get_mset(0, 10).get_matches_estimated());
}

TEST(Deadline, PastTheDeadlineTheMatchStopsWithWhatItHas) {
  const Xapian::Database database = many_documents();
  Budget budget;
  budget.deadline = Budget::Clock::now() - std::chrono::seconds(1);
  const Xapian::MSet cut = run(database, with_deadline(Q("common"), budget));
  EXPECT_TRUE(budget.spent);
  EXPECT_GT(cut.size(), 0u);  // the documents reached before the first look at the clock
  EXPECT_LT(cut.size(), 100u);
  EXPECT_TRUE(with_deadline(Q(), budget).empty());
}

TEST(Deadline, RemoteShardsAreNoticed) {
  testing::TempDir dir;
  EXPECT_TRUE(all_shards_local(dir.path()));
  std::ofstream(dir.path() + "/local.stub") << "glass " << dir.path() << "/a\nglass " << dir.path() << "/b\n";
  std::ofstream(dir.path() + "/remote.stub") << "glass " << dir.path() << "/a\nremote 127.0.0.1:7000\n";
  EXPECT_TRUE(all_shards_local(dir.path() + "/local.stub"));
  EXPECT_FALSE(all_shards_local(dir.path() + "/remote.stub"));
}

TEST(Deadline, ASearchWithinItsTimeLimitIsTheSearchWithout) {
  testing::TempDir dir;
  testing::build_database(dir.path() + "/db", testing::rule_records(), testing::rule_synonyms());
  const Searcher searcher(dir.path() + "/db");
  for (const std::string query : {"انتخابات مجلس", "\"شورای نگهبان\"", "کتاب -درسی", "تهران OR اصفهان"}) {
    SearchRequest request;
    request.query = query;
    const SearchResults plain = searcher.search(request);
    request.time_limit_ms = 60000;
    const SearchResults limited = searcher.search(request);
    EXPECT_EQ(testing::ids(limited), testing::ids(plain)) << query;
    EXPECT_EQ(limited.total, plain.total) << query;
    EXPECT_EQ(limited.warnings, plain.warnings) << query;
  }
}

}  // namespace
}  // namespace kavosh::search::detail
