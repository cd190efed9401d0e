// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Near-copy signatures and the story a document joins when it is written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "../common/story_texts.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/stories.h"
#include "kavosh/schema.h"
#include "test_util.h"

namespace kavosh::index {
namespace {

namespace texts = kavosh::testing::story_texts;

const analysis::Analyzer& analyzer() {
  static const analysis::Analyzer instance;
  return instance;
}

Signature of(const std::string& text) { return signature(text, analyzer()); }

TEST(Signature, IdenticalTextsAreEqual) {
  EXPECT_EQ(of(texts::kOriginal).minima, of(texts::kOriginal).minima);
  EXPECT_EQ(of(texts::kOriginal).minima.size(), kSignatureHashes);
  EXPECT_EQ(band_terms(of(texts::kOriginal)), band_terms(of(texts::kOriginal)));
}

TEST(Signature, SpellingNoiseIsNoEdit) { EXPECT_EQ(similarity(of(texts::kOriginal), of(texts::kNoisyOriginal)), 1.0); }

TEST(Signature, SmallEditIsANearCopy) {
  EXPECT_TRUE(near_copies(of(texts::kOriginal), of(texts::kCopy)));
  EXPECT_LT(similarity(of(texts::kOriginal), of(texts::kCopy)), 1.0);
}

TEST(Signature, OtherStoriesAreNot) {
  EXPECT_FALSE(near_copies(of(texts::kOriginal), of(texts::kSameTopic)));
  EXPECT_FALSE(near_copies(of(texts::kOriginal), of(texts::kOtherField)));
  EXPECT_LT(similarity(of(texts::kOriginal), of(texts::kSameTopic)), kNearCopySimilarity);
}

TEST(Signature, BriefsNeedToBeNearlyIdentical) {
  const std::string brief = texts::kOriginal.substr(0, texts::kOriginal.find('.'));  // one sentence
  EXPECT_LT(of(brief).shingles, kShortShingles);
  EXPECT_TRUE(near_copies(of(brief), of(brief)));
  Signature edited = of(brief);
  Signature same = edited;
  for (std::size_t i = 0; i < kSignatureHashes / 2; ++i) edited.minima[i] ^= 1;  // half the minima differ
  EXPECT_EQ(similarity(same, edited), 0.5);
  EXPECT_FALSE(near_copies(same, edited));
  edited.shingles = same.shingles = kShortShingles;  // the same similarity between long texts
  EXPECT_TRUE(near_copies(same, edited));
}

TEST(Signature, ShortTextHasNone) {
  EXPECT_TRUE(of("").empty());
  EXPECT_TRUE(of("ثبت‌نام داوطلبان انتخابات مجلس خبرگان آغاز شد").empty());
  EXPECT_TRUE(band_terms(of("")).empty());
  EXPECT_EQ(similarity(of(""), of("")), 0.0);
}

TEST(Signature, StoredAndReadBack) {
  const Signature original = of(texts::kOriginal);
  EXPECT_EQ(decode_signature(encode_signature(original)).minima, original.minima);
  EXPECT_EQ(decode_signature(encode_signature(original)).shingles, original.shingles);
  EXPECT_TRUE(decode_signature("short").empty());
  const std::vector<std::string> bands = band_terms(original);
  ASSERT_EQ(bands.size(), kBands);
  for (const std::string& term : bands) EXPECT_TRUE(term.starts_with(schema::kBandPrefix)) << term;
}

std::string record(const std::string& id, const std::string& body) {
  return nlohmann::json{{"id", id}, {"title", "خبر " + id}, {"body", body}, {"source", "ایرنا"}}.dump();
}

/// Writes `records` in order into a new database and returns each document's story.
std::map<std::string, std::string> stories_after(const std::string& db, const std::vector<std::string>& records) {
  {
    IndexWriter writer({db, 100, ""});
    for (const std::string& line : records) writer.add(parse_record(line));
  }
  return read_stories(Xapian::Database(db));
}

TEST(Stories, CopyJoinsTheStoryIndexedFirst) {
  const testing::TempDir dir;
  const auto stories = stories_after(dir / "db", {record("o", texts::kOriginal), record("t", texts::kSameTopic),
                                                  record("c", texts::kCopy), record("n", texts::kNoisyOriginal),
                                                  record("f", texts::kOtherField), record("s", "خبر کوتاه")});
  const std::map<std::string, std::string> expected{{"o", "o"}, {"c", "o"}, {"n", "o"},
                                                    {"t", "t"}, {"f", "f"}, {"s", "s"}};
  EXPECT_EQ(stories, expected);
  const Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq(std::string(schema::kStoryPrefix) + "o"), 3u);
}

TEST(Stories, SameGroupsInAnotherOrder) {
  const testing::TempDir dir;
  const auto stories = stories_after(dir / "db", {record("c", texts::kCopy), record("f", texts::kOtherField),
                                                  record("o", texts::kOriginal), record("t", texts::kSameTopic)});
  const std::map<std::string, std::string> expected{{"c", "c"}, {"o", "c"}, {"t", "t"}, {"f", "f"}};
  EXPECT_EQ(stories, expected);
}

TEST(Stories, StableWhenDocumentsAreAddedLater) {
  const testing::TempDir dir;
  stories_after(dir / "db", {record("o", texts::kOriginal), record("f", texts::kOtherField)});
  const auto later = stories_after(dir / "db", {record("c", texts::kCopy)});
  EXPECT_EQ(later.at("o"), "o");
  EXPECT_EQ(later.at("c"), "o");
  // A copy rewritten into another story leaves the group.
  const auto rewritten = stories_after(dir / "db", {record("c", texts::kOtherField)});
  EXPECT_EQ(rewritten.at("c"), "f");
  EXPECT_EQ(Xapian::Database(dir / "db").get_termfreq(std::string(schema::kStoryPrefix) + "o"), 1u);
}

TEST(Stories, RewrittenFounderLeavesItsStoryToTheCopies) {
  const testing::TempDir dir;
  stories_after(dir / "db", {record("o", texts::kOriginal), record("c", texts::kCopy)});
  const auto rewritten = stories_after(dir / "db", {record("o", texts::kSameTopic)});
  EXPECT_EQ(rewritten.at("c"), "o");
  EXPECT_TRUE(rewritten.at("o").starts_with("o~")) << rewritten.at("o");
}

/// The original and its copy written to two databases, merged into `dir`/merged as a first build merges
/// its partitions.
std::string merged_apart(const testing::TempDir& dir) {
  stories_after(dir / "a", {record("o", texts::kOriginal), record("f", texts::kOtherField)});
  stories_after(dir / "b", {record("c", texts::kCopy), record("t", texts::kSameTopic)});
  Xapian::Database both(dir / "a");
  both.add_database(Xapian::Database(dir / "b"));
  both.compact(dir / "merged");
  return dir / "merged";
}

const std::map<std::string, std::string> kRegrouped{{"o", "o"}, {"c", "o"}, {"t", "t"}, {"f", "f"}};

TEST(Stories, RegroupFindsCopiesWrittenApart) {
  const testing::TempDir dir;
  Xapian::WritableDatabase merged(merged_apart(dir), Xapian::DB_OPEN);
  EXPECT_EQ(read_stories(merged).at("c"), "c");
  EXPECT_EQ(regroup_stories(merged), 1u);
  merged.commit();
  EXPECT_EQ(read_stories(merged), kRegrouped);
  EXPECT_EQ(merged.get_termfreq(std::string(schema::kStoryPrefix) + "c"), 0u);
}

TEST(Stories, RegroupOfPartitionsLooksOnlyInTheEarlierOnes) {
  const testing::TempDir dir;
  Xapian::WritableDatabase merged(merged_apart(dir), Xapian::DB_OPEN);
  const Xapian::docid second_starts = Xapian::Database(dir / "a").get_lastdocid() + 1;
  EXPECT_EQ(regroup_stories(merged, {second_starts}), 1u);
  merged.commit();
  EXPECT_EQ(read_stories(merged), kRegrouped);
}

TEST(Stories, AStoppedBuildIsRegroupedByTheNextWriter) {
  const testing::TempDir dir;
  const std::string path = merged_apart(dir);
  {
    Xapian::WritableDatabase merged(path, Xapian::DB_OPEN);
    merged.set_metadata(std::string(schema::kRegroupKey), "1");
    merged.commit();
  }
  EXPECT_EQ(stories_after(path, {}), kRegrouped);
  EXPECT_EQ(Xapian::Database(path).get_metadata(std::string(schema::kRegroupKey)), "");
}

}  // namespace
}  // namespace kavosh::index
