// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Which partition of a first build each record goes to (indexer/src/copy_router.h).
#include "copy_router.h"

#include <string>

#include <gtest/gtest.h>

#include "../common/story_texts.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/index/record.h"
#include "kavosh/index/shards.h"
#include <nlohmann/json.hpp>

namespace kavosh::index {
namespace {

namespace texts = kavosh::testing::story_texts;

constexpr std::uint32_t kPartitions = 2;

Xapian::Document document_of(const std::string& id, const std::string& body) {
  static const analysis::Analyzer analyzer;
  const std::string line = nlohmann::json{{"id", id}, {"title", "خبر"}, {"body", body}}.dump();
  return make_document(parse_record(line), analyzer);
}

/// An id of the given own partition (shard_of), made from `stem`.
std::string id_at(std::uint32_t partition, const std::string& stem) {
  for (int n = 0;; ++n) {
    std::string id = stem + std::to_string(n);
    if (shard_of(id, kPartitions) == partition) return id;
  }
}

TEST(CopyRouter, ANearCopyGoesToThePartitionOfItsOriginal) {
  CopyRouter router(kPartitions);
  const std::string original = id_at(0, "o"), copy = id_at(1, "c"), other = id_at(1, "f");
  EXPECT_EQ(router.partition_of(original, document_of(original, texts::kOriginal)), 0u);
  EXPECT_EQ(router.partition_of(copy, document_of(copy, texts::kCopy)), 0u) << "with its original, not at 1";
  EXPECT_EQ(router.partition_of(other, document_of(other, texts::kOtherField)), 1u) << "another story: by its id";
  const std::string brief = id_at(1, "s");
  EXPECT_EQ(router.partition_of(brief, document_of(brief, "خبر کوتاه")), 1u) << "too short to have a signature";
}

TEST(CopyRouter, AnIdKeepsThePartitionItFirstWentTo) {
  CopyRouter router(kPartitions);
  const std::string original = id_at(0, "o"), copy = id_at(1, "c"), other = id_at(1, "f");
  router.partition_of(original, document_of(original, texts::kOriginal));
  ASSERT_EQ(router.partition_of(copy, document_of(copy, texts::kCopy)), 0u);
  EXPECT_EQ(router.partition_of(copy, document_of(copy, texts::kOtherField)), 0u)
      << "rewritten into another story, it still replaces its earlier record";
  ASSERT_EQ(router.partition_of(other, document_of(other, texts::kSameTopic)), 1u);
  EXPECT_EQ(router.partition_of(other, document_of(other, texts::kOriginal)), 1u)
      << "rewritten into a copy of a story elsewhere, it still replaces its earlier record";
}

TEST(CopyRouter, AnOriginalThatLeftTheWindowIsNotLookedFor) {
  CopyRouter router(kPartitions, 2);
  const std::string original = id_at(0, "o"), copy = id_at(1, "c");
  router.partition_of(original, document_of(original, texts::kOriginal));
  for (const char* stem : {"x", "y"}) {
    const std::string id = id_at(0, stem);
    router.partition_of(id, document_of(id, stem == std::string("x") ? texts::kOtherField : texts::kSameTopic));
  }
  EXPECT_EQ(router.partition_of(copy, document_of(copy, texts::kCopy)), 1u) << "two records since: by its id";
}

}  // namespace
}  // namespace kavosh::index
