// kavosh-stem and kavosh-analyze as a user runs them.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "../common/run_command.h"

namespace kavosh::testing {
namespace {

// Runs `command` with `input` on stdin; expects exit status 0 and returns stdout.
std::string run(const std::string& command, const std::string& input) {
  const CommandResult result = run_command(command, input);
  EXPECT_EQ(result.status, 0) << command;
  return result.out;
}

TEST(KavoshStem, OneLineOutPerLineInSameOrderEmptyStaysEmpty) {
  const std::string out = run(KAVOSH_STEM_BIN, "كتابهاي\n\nمی‌روند\nحرم\n");
  EXPECT_EQ(
      out,
      "كتابهاي\tکتابهای\tکتاب\n\nمی‌روند\tمی‌روند\tرفت\nحرم\tحرم\tحرم\n");
}

TEST(KavoshStem, InvalidBytesStillGiveOneLine) {
  const std::string out = run(KAVOSH_STEM_BIN, "\xff\xfe\nتهران\n");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  EXPECT_NE(out.find("تهران\tتهران\tتهران\n"), std::string::npos);
}

TEST(KavoshStem, WordsAsArgumentsAndHelpDoNotReadStandardInput) {
  // stdin holds a word that must not be read when words are given (or --help is asked).
  EXPECT_EQ(run(std::string(KAVOSH_STEM_BIN) + " نمایندگان حرم", "تهران\n"),
            "نمایندگان\tنمایندگان\tنماینده\nحرم\tحرم\tحرم\n");
  const std::string help = run(std::string(KAVOSH_STEM_BIN) + " --help", "تهران\n");
  EXPECT_NE(help.find("Usage"), std::string::npos) << help;
  EXPECT_EQ(help.find("تهران"), std::string::npos) << help;
}

TEST(KavoshAnalyze, JsonRowsCarryOriginalNormalizedStemAndPosition) {
  const auto j = nlohmann::json::parse(run(std::string(KAVOSH_ANALYZE_BIN) + " --format json", "نمایندگان در مجلس"));
  ASSERT_EQ(j["tokens"].size(), 3u);
  EXPECT_EQ(j["tokens"][0]["original"], "نمایندگان");
  EXPECT_EQ(j["tokens"][0]["stem"], "نماینده");
  EXPECT_EQ(j["tokens"][1]["stopword"], true);
  EXPECT_EQ(j["tokens"][2]["position"], 3);
}

TEST(KavoshAnalyze, TextTableHasARowPerToken) {
  const std::string out = run(std::string(KAVOSH_ANALYZE_BIN) + " 'هماهنگي های'", "");
  EXPECT_NE(out.find("1\tهماهنگي های\tهماهنگیهای\tهماهنگی\tword"), std::string::npos) << out;
}

}  // namespace
}  // namespace kavosh::testing
