// Record parsing: every refusal with its reason, and what a good record keeps.
#include <gtest/gtest.h>

#include "kavosh/error.h"
#include "kavosh/index/record.h"

namespace kavosh::index {
namespace {

struct BadRecord {
  const char* rule;
  std::string line;
  const char* reason;  // the start of the expected message
};

class BadRecordTest : public ::testing::TestWithParam<BadRecord> {};

TEST_P(BadRecordTest, IsRefusedWithItsReason) {
  const BadRecord& row = GetParam();
  try {
    parse_record(row.line);
    FAIL() << "accepted: " << row.line;
  } catch (const InvalidInputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(row.reason)) << "got: " << e.what() << "\nwanted: " << row.reason;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, BadRecordTest,
    ::testing::Values(
        BadRecord{"MalformedJson", R"({"id": "a", "title": )", "malformed JSON: "},
        BadRecord{"NotAnObject", R"(["a", "b"])", "record must be a JSON object, not array"},
        BadRecord{"MissingId", R"({"title": "عنوان"})", "missing id"},
        BadRecord{"NullId", R"({"id": null})", "missing id"}, BadRecord{"EmptyId", R"({"id": ""})", "empty id"},
        BadRecord{"BlankId", R"({"id": "  "})", "empty id"},
        BadRecord{"NumericId", R"({"id": 12})", "id must be a string, not number"},
        BadRecord{"LongId", R"({"id": ")" + std::string(241, 'x') + R"("})", "id over 240 bytes"},
        BadRecord{"TitleNotString", R"({"id": "a", "title": ["x"]})", "field \"title\" must be a string, not array"},
        BadRecord{"DateNotString", R"({"id": "a", "date": 14021211})", "field \"date\" must be a string, not number"},
        BadRecord{"TagsNotArray", R"({"id": "a", "tags": "انتخابات"})",
                  "field \"tags\" must be an array of strings, not string"},
        BadRecord{"TagNotString", R"({"id": "a", "tags": ["x", 3]})", "field \"tags\" holds a number, not a string"},
        BadRecord{"InvalidUtf8", "{\"id\": \"a\", \"body\": \"\xD8\"}", "invalid UTF-8 at byte 22"},
        BadRecord{"Surrogate", "{\"id\": \"a\", \"body\": \"\xED\xA0\x80\"}", "invalid UTF-8 at byte 22"},
        BadRecord{"Oversized", R"({"id": "a", "body": ")" + std::string(kMaxRecordBytes, 'x') + R"("})",
                  "record over 10 MB"}),
    [](const auto& info) { return std::string(info.param.rule); });

TEST(ParseRecord, KeepsEveryFieldAndUnknownOnes) {
  const Record r = parse_record(
      R"({"id": "x1", "title": "عنوان", "body": "متن", "date": "۱۴۰۲/۱۲/۱۱", "source": "ایرنا", "url": "https://a/b",)"
      R"( "category": "سیاسی", "province": "تهران", "tags": ["انتخابات", null, "مجلس"], "author": {"name": "ن"}})");
  EXPECT_EQ(r.id, "x1");
  EXPECT_EQ(r.title, "عنوان");
  EXPECT_EQ(r.body, "متن");
  EXPECT_EQ(r.source, "ایرنا");
  EXPECT_EQ(r.url, "https://a/b");
  EXPECT_EQ(r.category, "سیاسی");
  EXPECT_EQ(r.province, "تهران");
  EXPECT_EQ(r.tags, (std::vector<std::string>{"انتخابات", "مجلس"}));
  ASSERT_TRUE(r.parsed_date);
  EXPECT_EQ(r.parsed_date->gregorian, (analysis::CivilDate{2024, 3, 1}));
  EXPECT_EQ(r.raw["author"]["name"], "ن");
}

TEST(ParseRecord, OnlyIdIsRequired) {
  const Record r = parse_record(R"({"id": "x2", "title": null, "body": "", "tags": null, "date": null})");
  EXPECT_EQ(r.id, "x2");
  EXPECT_TRUE(r.title.empty());
  EXPECT_TRUE(r.tags.empty());
  EXPECT_FALSE(r.parsed_date);
}

TEST(ParseRecord, DatesInEveryWritingConvertToBothCalendars) {
  for (const char* date : {"2024-03-01", "1402/12/11", "1402-12-11", "۱۴۰۲/۱۲/۱۱"}) {
    const Record r = parse_record(std::string(R"({"id": "d", "date": ")") + date + "\"}");
    ASSERT_TRUE(r.parsed_date) << date;
    EXPECT_EQ(r.parsed_date->gregorian, (analysis::CivilDate{2024, 3, 1})) << date;
    EXPECT_EQ(r.parsed_date->jalali, (analysis::CivilDate{1402, 12, 11})) << date;
  }
}

TEST(ParseRecord, UnrecognizedDateIsKeptButNotParsed) {
  const Record r = parse_record(R"({"id": "d", "date": "yesterday"})");
  EXPECT_EQ(r.date, "yesterday");
  EXPECT_FALSE(r.parsed_date);
}

TEST(RecordFromText, FirstLineIsTitleRestIsBody) {
  const Record r = record_from_text("a1", "\n  عنوان خبر  \nخط اول متن.\n\nبند دوم.\n");
  EXPECT_EQ(r.id, "a1");
  EXPECT_EQ(r.title, "عنوان خبر");
  EXPECT_EQ(r.body, "خط اول متن.\n\nبند دوم.");
  EXPECT_EQ(r.raw["title"], "عنوان خبر");
}

TEST(RecordFromText, WrappedTitleIsJoined) {
  const Record r = record_from_text("a2", " نشست ششمین دوره مجلس خبرگان در\nتهران برگزار شد\n\nمتن خبر.\n");
  EXPECT_EQ(r.title, "نشست ششمین دوره مجلس خبرگان در تهران برگزار شد");
  EXPECT_EQ(r.body, "متن خبر.");
}

TEST(RecordFromText, RefusesInvalidUtf8) { EXPECT_THROW(record_from_text("a3", "title\n\xFF"), InvalidInputError); }

}  // namespace
}  // namespace kavosh::index
