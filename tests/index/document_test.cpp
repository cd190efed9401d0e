// make_document: the exact terms, positions, filters, values and data of small records.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kavosh/body_offsets.h"
#include "kavosh/hit_fields.h"
#include "kavosh/index/index_writer.h"
#include "kavosh/schema.h"
#include "kavosh/synonyms_text.h"

namespace kavosh::index {
namespace {

const analysis::Analyzer& analyzer() {
  static const analysis::Analyzer instance;
  return instance;
}

// One line per term: `term wdf [positions]`, in term order (Xapian's termgenerator tests do the same).
std::string render(const Xapian::Document& document) {
  std::ostringstream out;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    out << *it << ' ' << it.get_wdf() << " [";
    const char* separator = "";
    for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p, separator = ",") out << separator << *p;
    out << "]\n";
  }
  return out.str();
}

std::string render(const std::map<std::string, std::string>& terms) {
  std::string out;
  for (const auto& [term, rest] : terms) out += term + ' ' + rest + '\n';
  return out;
}

// Stems come from the analyzer itself, so the test pins positions and layout, not the stemmer's rules.
// Schema v2: the stem term exists only when the stem differs from the word.
void expect_word(std::map<std::string, std::string>& terms, const std::string& word, const std::string& wdf_positions,
                 const std::string& prefix = "", const std::string& stem_prefix = "Z") {
  terms[prefix + word] = wdf_positions;
  const std::string stem = analyzer().stemmer().stem(word);
  if (stem == word) return;
  const std::string stem_term = stem_prefix + stem;
  ASSERT_FALSE(terms.contains(stem_term)) << "two test words share a stem: pick others";
  terms[stem_term] = wdf_positions;
}

TEST(MakeDocument, TitleAndBodyTermsWithHalfSpaceSpellings) {
  Record record;
  record.id = "t1";
  record.title = "نتایج انتخابات";
  // The half-space word in its three spellings: ZWNJ, space, joined. All are one term at one position each.
  record.body = "نامزدها می\u200Cشود. نامزدها می شود، نامزدها میشود";
  std::map<std::string, std::string> expected;
  expect_word(expected, "نتایج", "3 [1]");  // title words weigh kTitleWdf in the combined field
  expect_word(expected, "انتخابات", "3 [2]");
  expect_word(expected, "نتایج", "1 [1]", "S", "ZS");
  expect_word(expected, "انتخابات", "1 [2]", "S", "ZS");
  // The body starts kFieldPositionGap after the title's last position, so no phrase spans the two.
  expect_word(expected, "نامزدها", "3 [102,104,106]");
  expect_word(expected, "میشود", "3 [103,105,107]");
  expected["Qt1"] = "0 []";
  EXPECT_EQ(render(make_document(record, analyzer())), render(expected));
}

TEST(MakeDocument, StemTermOnlyWhenTheStemDiffersFromTheWord) {
  Record record;
  record.id = "t5";
  record.title = "مجلس";
  record.body = "نمایندگان مجلس";
  ASSERT_EQ(analyzer().stemmer().stem("مجلس"), "مجلس");
  ASSERT_EQ(analyzer().stemmer().stem("نمایندگان"), "نماینده");
  // مجلس is its own stem: surface terms only, found by a stem query through `Zمجلس OR مجلس`.
  // نمایندگان has the stem term at its position; the title has no ZS term for مجلس either.
  const std::string expected = "Qt5 0 []\n"
                               "Sمجلس 1 [1]\n"
                               "Zنماینده 1 [101]\n"
                               "مجلس 4 [1,102]\n"
                               "نمایندگان 1 [101]\n";
  EXPECT_EQ(render(make_document(record, analyzer())), expected);
}

TEST(MakeDocument, CompoundYieldsJoinedFormAndParts) {
  Record record;
  record.id = "t2";
  record.body = "جمهوری\u200Cخواه";
  const std::string terms = render(make_document(record, analyzer()));
  EXPECT_NE(terms.find("جمهوریخواه 1 [100]\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("جمهوری 1 [100]\n"), std::string::npos) << terms;
  EXPECT_NE(terms.find("خواه 1 [101]\n"), std::string::npos) << terms;
}

TEST(MakeDocument, FiltersValuesAndData) {
  Record record;
  record.id = "t3";
  record.source = " خبرگزاري  فارس ";  // Arabic yeh, doubled and edge spaces
  record.category = "سياسي";
  record.province = "تهران";
  record.tags = {"ریاست\u200Cجمهوری", ""};
  record.date = "۱۴۰۲/۱۲/۱۱";
  record.parsed_date = analysis::parse_date(record.date);
  record.raw = {{"id", "t3"}, {"extra", 7}};
  const Xapian::Document document = make_document(record, analyzer());
  const std::string terms = render(document);
  for (const char* term : {"XSخبرگزاری فارس", "XCسیاسی", "XPتهران", "Kریاستجمهوری", "XY1402", "XM140212", "Qt3"}) {
    EXPECT_NE(terms.find(std::string(term) + " 0 []\n"), std::string::npos) << term << " missing in\n" << terms;
  }
  EXPECT_EQ(terms.find("K 0"), std::string::npos) << "an empty tag adds no term";
  EXPECT_EQ(document.get_value(schema::kDateSlot), "2024-03-01");
  EXPECT_EQ(document.get_value(schema::kJalaliDateSlot), "1402/12/11");
  EXPECT_EQ(document.get_value(schema::kSourceSlot), " خبرگزاري  فارس ");
  EXPECT_EQ(document.get_value(schema::kIdSlot), "t3");
  EXPECT_EQ(schema::decode_hit_fields(document.get_value(schema::kHitSlot)),
            (schema::HitFields{"t3", "", "", " خبرگزاري  فارس ", "2024-03-01"}));
  EXPECT_EQ(nlohmann::json::parse(document.get_data()), record.raw);
}

TEST(SynonymsText, ALinePerKeyAndBack) {
  const std::map<std::string, std::set<std::string>> table{{"مجلس", {"پارلمان", "مجلس شورا"}}, {"تهران", {"طهران"}}};
  const std::string text = schema::encode_synonyms(table);
  EXPECT_EQ(text, "تهران\tطهران\nمجلس\tمجلس شورا\tپارلمان\n");
  const auto decoded = schema::decode_synonyms(text);
  ASSERT_EQ(decoded.size(), 2U);
  EXPECT_EQ(decoded.at("مجلس"), (std::vector<std::string>{"مجلس شورا", "پارلمان"}));
  EXPECT_EQ(decoded.at("تهران"), (std::vector<std::string>{"طهران"}));
  EXPECT_TRUE(schema::decode_synonyms("").empty()) << "a database indexed without synonyms";
}

TEST(HitFields, RoundTripSeparatorDroppedMalformedValues) {
  const schema::HitFields fields{"a1", "عنوان\x1F خبر", "https://x.ir/1", "ایرنا", "2024-03-01"};
  const std::string value = schema::encode_hit_fields(fields);
  EXPECT_EQ(std::ranges::count(value, schema::kHitFieldSeparator), 4) << "a separator inside a field is dropped";
  EXPECT_EQ(schema::decode_hit_fields(value),
            (schema::HitFields{"a1", "عنوان خبر", "https://x.ir/1", "ایرنا", "2024-03-01"}));
  const schema::HitFields empty_but_id{"a2", "", "", "", ""};
  EXPECT_EQ(schema::decode_hit_fields(schema::encode_hit_fields(empty_but_id)), empty_but_id);
  EXPECT_EQ(schema::decode_hit_fields(""), std::nullopt) << "no value: another tool's document";
  EXPECT_EQ(schema::decode_hit_fields("a\x1F"
                                      "b\x1F"
                                      "c\x1F"
                                      "d"),
            std::nullopt)
      << "four fields";
  EXPECT_EQ(schema::decode_hit_fields("a\x1F"
                                      "b\x1F"
                                      "c\x1F"
                                      "d\x1F"
                                      "e\x1F"
                                      "f"),
            std::nullopt)
      << "six fields";
}

// Each repeat: `شهر` (7 bytes with its space), the compound (joined form and its two parts, 24 bytes):
// 3 positions in 31 bytes. A checkpoint falling on a part moves to the next whole token.
TEST(MakeDocument, BodyOffsetsCheckpointEveryStrideAtAWholeToken) {
  static_assert(schema::kBodyOffsetStride == 8);
  Record record;
  record.id = "t5";
  record.title = "عنوان";
  for (int i = 0; i < 12; ++i) record.body += "شهر جمهوری\u200Cخواه ";
  const Xapian::Document document = make_document(record, analyzer());
  const auto offsets = schema::decode_body_offsets(document.get_value(schema::kBodyOffsetsSlot));
  ASSERT_TRUE(offsets);
  EXPECT_EQ(offsets->first_position, 1U + schema::kFieldPositionGap);
  // Position 8: a part of repeat 2, so repeat 3's `شهر` (3 × 31); 16: the compound of repeat 5
  // (5 × 31 + 7); 24: repeat 8's `شهر`; 32: a part of repeat 10, so repeat 11's `شهر`.
  EXPECT_EQ(offsets->starts, (std::vector<std::uint32_t>{0, 93, 162, 248, 341}));

  record.body = "";
  EXPECT_EQ(make_document(record, analyzer()).get_value(schema::kBodyOffsetsSlot), "") << "no body, no offsets";
}

TEST(BodyOffsets, RoundTripAndMalformedValues) {
  const schema::BodyOffsets offsets{101, 8, {0, 162, 341, 70000, 4000000000U}};
  EXPECT_EQ(schema::decode_body_offsets(schema::encode_body_offsets(offsets)), offsets);
  const std::string good = schema::encode_body_offsets(offsets);
  EXPECT_EQ(schema::decode_body_offsets(""), std::nullopt);
  EXPECT_EQ(schema::decode_body_offsets(good.substr(0, good.size() - 1)), std::nullopt) << "truncated";
  EXPECT_EQ(schema::decode_body_offsets(good + "x"), std::nullopt) << "trailing bytes";
  EXPECT_EQ(schema::decode_body_offsets("\xff\xff\xff\xff\xff\x01"), std::nullopt) << "varint too long";
  EXPECT_EQ(schema::decode_body_offsets(std::string("\x01\x08\x7f", 3)), std::nullopt) << "count beyond the value";
  EXPECT_EQ(schema::decode_body_offsets(std::string("\x01\x00\x00", 3)), std::nullopt) << "stride 0";
  EXPECT_EQ(schema::decode_body_offsets(std::string("\x01\x08\x02\xff\xff\xff\xff\x0f\x01", 9)), std::nullopt)
      << "offsets past 4 GiB";
}

TEST(MakeDocument, OverlongWordIsNotIndexed) {
  Record record;
  record.id = "t4";
  record.body = std::string(300, 'a') + " short";
  const std::string terms = render(make_document(record, analyzer()));
  EXPECT_EQ(terms.find("aaaa"), std::string::npos);
  EXPECT_NE(terms.find("short 1 [101]\n"), std::string::npos) << terms;
}

TEST(FilterKey, NormalizesTrimsAndDropsZwnj) {
  const analysis::PersianNormalizer normalizer;
  EXPECT_EQ(schema::filter_key(normalizer, "  كرمان\u200Cشاه \u00A0 غربي "), "کرمانشاه غربی");
  EXPECT_EQ(schema::filter_key(normalizer, " \t "), "");
}

}  // namespace
}  // namespace kavosh::index
