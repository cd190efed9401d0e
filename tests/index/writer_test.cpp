// IndexWriter: replace by id, delete, metadata versions, spelling, synonyms; shards and the stub.
#include <gtest/gtest.h>

#include "kavosh/error.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/shards.h"
#include "kavosh/index/synonyms.h"
#include "kavosh/schema.h"
#include "test_util.h"

namespace kavosh::index {
namespace {

using testing::TempDir;

Record record(const std::string& id, const std::string& title) {
  Record r;
  r.id = id;
  r.title = title;
  r.raw = {{"id", id}, {"title", title}};
  return r;
}

std::vector<std::string> synonyms_of(const Xapian::Database& db, const std::string& key) {
  return {db.synonyms_begin(key), db.synonyms_end(key)};
}

TEST(IndexWriter, SameIdReplacesWithinAndAcrossCommits) {
  TempDir dir;
  {
    IndexWriter writer({dir / "db", 100, {}});
    EXPECT_FALSE(writer.add(record("a", "اول")));
    EXPECT_TRUE(writer.add(record("a", "دوم")));  // same batch, not committed yet
    writer.commit();
    EXPECT_TRUE(writer.add(record("a", "سوم")));
  }
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(testing::unique_ids(db), std::vector<std::string>{"a"});
  EXPECT_NE(db.get_document(*db.postlist_begin("Qa")).get_data().find("سوم"), std::string::npos);
  EXPECT_EQ(db.get_termfreq("اول"), 0u) << "the replaced version's terms are gone";
}

TEST(IndexWriter, DeleteById) {
  TempDir dir;
  {
    IndexWriter writer({dir / "db", 100, {}});
    writer.add(record("a", "اول"));
    writer.add(record("b", "دوم"));
    EXPECT_TRUE(writer.remove("a"));
    EXPECT_FALSE(writer.remove("a"));
    EXPECT_FALSE(writer.remove("missing"));
  }
  EXPECT_EQ(testing::unique_ids(Xapian::Database(dir / "db")), std::vector<std::string>{"b"});
}

TEST(IndexWriter, CommitsEveryBatch) {
  TempDir dir;
  IndexWriter writer({dir / "db", 2, {}});
  writer.add(record("a", "x"));
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 0u);
  writer.add(record("b", "x"));
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 2u);
}

TEST(IndexWriter, StoresVersionsAndRefusesAnotherAnalyzer) {
  TempDir dir;
  {
    IndexWriter writer({dir / "db", 10, {}});
    writer.add(record("a", "x"));
  }
  {
    Xapian::WritableDatabase db(dir / "db");
    EXPECT_EQ(db.get_metadata(std::string(schema::kAnalyzerVersionKey)), std::to_string(analysis::kAnalyzerVersion));
    EXPECT_EQ(db.get_metadata(std::string(schema::kSchemaVersionKey)), std::to_string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kAnalyzerVersionKey), "0");
  }
  EXPECT_THROW(IndexWriter({dir / "db", 10, {}}), EnvironmentError);
}

TEST(IndexWriter, SpellingTableHoldsNormalizedWordsOfThreeLettersNotNumbers) {
  TempDir dir;
  {
    IndexWriter writer({dir / "db", 10, {}});
    writer.add(record("a", "انتخابات رياست 1402 از ما x1"));  // Arabic yeh in the input; two 2-letter words
  }
  Xapian::Database db(dir / "db");
  const std::vector<std::string> words(db.spellings_begin(), db.spellings_end());
  EXPECT_EQ(words, (std::vector<std::string>{"انتخابات", "ریاست"}));
  EXPECT_EQ(db.get_spelling_suggestion("انتخاباط"), "انتخابات");
}

TEST(IndexWriter, SpellingWaitsForTheLastCommitNotEveryBatch) {
  TempDir dir;
  IndexWriter writer({dir / "db", 2, {}});
  writer.add(record("a", "انتخابات"));
  writer.add(record("b", "انتخابات"));  // a batch: committed
  Xapian::Database committed(dir / "db");
  EXPECT_EQ(committed.get_doccount(), 2u);
  EXPECT_EQ(committed.spellings_begin(), committed.spellings_end()) << "spelling rewritten every 50,000 records";
  writer.commit();
  Xapian::Database db(dir / "db");
  auto word = db.spellings_begin();
  ASSERT_NE(word, db.spellings_end());
  EXPECT_EQ(*word, "انتخابات");
  EXPECT_EQ(word.get_termfreq(), 2u);
}

TEST(IndexWriter, SynonymsAreKeyedLikeTheAnalyzer) {
  TempDir dir;
  testing::write_file(
      dir / "syn.tsv",
      "# comment\nنامزد\tكانديدا\tداوطلب\nمجلس\tمجلس شورای اسلامی\nریاست جمهوری\tریاست\u200Cجمهوری\n\n");
  { IndexWriter writer({dir / "db", 10, dir / "syn.tsv"}); }
  Xapian::Database db(dir / "db");
  EXPECT_EQ(synonyms_of(db, "نامزد"), (std::vector<std::string>{"داوطلب", "کاندیدا"}));
  EXPECT_EQ(synonyms_of(db, "مجلس شورای اسلامی"), std::vector<std::string>{"مجلس"});
  EXPECT_EQ(synonyms_of(db, "ریاستجمهوری"), std::vector<std::string>{"ریاست جمهوری"});
}

TEST(Synonyms, ShippedElectionListLoads) {
  const analysis::Analyzer analyzer;
  const auto groups = load_synonyms(KAVOSH_SOURCE_DIR "/indexer/data/synonyms.tsv", analyzer);
  EXPECT_GE(groups.size(), 20u);
  EXPECT_LE(groups.size(), 40u);
  for (const auto& group : groups) {
    for (const auto& key : group) EXPECT_EQ(schema::synonym_key(analyzer, key), key) << "keys are fixed points";
  }
}

TEST(Shards, RoutingIsStable) {
  EXPECT_EQ(shard_of("abc", 1), 0u);
  EXPECT_EQ(shard_of("abc", 1000), 0xe71fa2190541574bull % 1000);  // FNV-1a 64 of "abc"
}

TEST(Shards, StubOpensAllShardsAndShardCountIsKept) {
  TempDir dir;
  const std::string path = dir / "db";
  const auto paths = prepare_shards(path, 3);
  ASSERT_EQ(paths.size(), 3u);
  for (const std::string id : {"a", "b", "c", "d", "e", "f"}) {
    IndexWriter({paths[shard_of(id, 3)], 10, {}}).add(record(id, "خبر"));
  }
  Xapian::Database db(path);  // the stub PATH/XAPIANDB
  EXPECT_EQ(db.get_doccount(), 6u);
  EXPECT_EQ(db.get_termfreq("خبر"), 6u);
  EXPECT_EQ(prepare_shards(path, 0), paths) << "0 keeps the existing layout";
  EXPECT_THROW(prepare_shards(path, 2), EnvironmentError);
  EXPECT_EQ(prepare_shards(dir / "single", 0), std::vector<std::string>{dir / "single"});
}

}  // namespace
}  // namespace kavosh::index
