// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The match spy counting the stories a match visits (searcher/src/stories.h).
#include "stories.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kavosh/schema.h"

namespace kavosh::search::detail {
namespace {

/// One document per key, the key in the story slot; an empty key: a document without one.
Xapian::Database documents_with_story_keys(const std::vector<std::string>& keys) {
  Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const std::string& key : keys) {
    Xapian::Document document;
    document.add_term("all");
    if (!key.empty()) document.add_value(schema::kStorySlot, key);
    database.add_document(document);
  }
  return database;
}

/// Runs a match over every document of `database` with `counter` as its spy.
void count(const Xapian::Database& database, StoryCounter& counter) {
  Xapian::Enquire enquire(database);
  enquire.set_query(Xapian::Query("all"));
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, database.get_doccount());
}

TEST(StoryCounter, CountsDocumentsAndDistinctStories) {
  StoryCounter counter;
  count(documents_with_story_keys({"s2", "s1", "s2", "s3", "s1", "s2"}), counter);
  EXPECT_EQ(counter.documents(), 6u);
  EXPECT_EQ(counter.stories(), 3u);
  EXPECT_EQ(counter.documents(), 6u) << "counting stories leaves the documents as they were";
}

TEST(StoryCounter, ADocumentWithoutAKeyIsAStoryOfItsOwn) {
  StoryCounter counter;
  count(documents_with_story_keys({"", "s1", "", "s1", ""}), counter);
  EXPECT_EQ(counter.documents(), 5u);
  EXPECT_EQ(counter.stories(), 4u);
}

TEST(StoryCounter, KeysThatDifferOnlyLateAreDifferentStories) {
  const std::string stem(200, 'k');
  StoryCounter counter;
  count(documents_with_story_keys({stem + "a", stem + "b", stem + "a", "ک", "ك"}), counter);
  EXPECT_EQ(counter.stories(), 4u);
}

TEST(StoryCounter, NothingSeenIsNoStory) {
  StoryCounter counter;
  EXPECT_EQ(counter.documents(), 0u);
  EXPECT_EQ(counter.stories(), 0u);
}

}  // namespace
}  // namespace kavosh::search::detail
