// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh::cli in-process: the --version line, choice options, the colour decision.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/cli/tool.h"
#include "kavosh/schema.h"
#include "kavosh/version.h"

namespace kavosh::cli {
namespace {

TEST(VersionLine, NamesProgramReleaseAnalyzerAndSchema) {
  EXPECT_EQ(version_line("kavosh-search"), "kavosh-search " KAVOSH_VERSION " (analyzer " +
                                               std::to_string(analysis::kAnalyzerVersion) + ", schema " +
                                               std::to_string(schema::kSchemaVersion) + ")");
  EXPECT_THAT(std::string(kVersion), ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+"));
}

enum class Shape : unsigned char { kRound, kSquare };

class Choice : public ::testing::Test {
 protected:
  Choice() {
    add_choice<Shape>(app_, "--shape", shape_, {{"round", Shape::kRound}, {"square", Shape::kSquare}}, "A shape");
  }
  /// Parses `--shape VALUE`; returns CLI11's error message, empty when accepted.
  std::string parse(const std::string& value) {
    const char* argv[] = {"test", "--shape", value.c_str()};
    try {
      app_.parse(3, argv);
      return {};
    } catch (const CLI::ParseError& error) {
      return error.what();
    }
  }
  CLI::App app_{"test", "test"};
  Shape shape_ = Shape::kRound;
};

TEST_F(Choice, AcceptsEveryNameInAnyCase) {
  EXPECT_EQ(parse("square"), "");
  EXPECT_EQ(shape_, Shape::kSquare);
  EXPECT_EQ(parse("ROUND"), "");
  EXPECT_EQ(shape_, Shape::kRound);
  EXPECT_EQ(parse("Square"), "");
  EXPECT_EQ(shape_, Shape::kSquare);
}

TEST_F(Choice, RefusesOtherValuesNamingTheChoices) {
  EXPECT_THAT(parse("oval"), ::testing::HasSubstr("'oval' is not one of round|square"));
  EXPECT_EQ(shape_, Shape::kRound);
}

TEST_F(Choice, HelpShowsTheChoicesPlainly) {
  const std::string help = app_.help();
  EXPECT_THAT(help, ::testing::HasSubstr("--shape round|square"));
  EXPECT_THAT(help, ::testing::Not(::testing::HasSubstr("->")));
}

TEST(ColorWanted, OnlyOnATerminalWithoutNoColor) {
  EXPECT_TRUE(color_wanted(true, nullptr));
  EXPECT_TRUE(color_wanted(true, ""));  // no-color.org: an empty NO_COLOR does not count
  EXPECT_FALSE(color_wanted(true, "1"));
  EXPECT_FALSE(color_wanted(false, nullptr));
  EXPECT_FALSE(color_wanted(false, "1"));
}

}  // namespace
}  // namespace kavosh::cli
