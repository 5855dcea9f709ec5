// `basis why` end to end: runs the built executable from the source directory on
// samples/software/portal-v3.yaml (the standard library's software rules, chosen by the
// estimate's domain) and on tests/data/why/testing-lines.yaml, and checks each printed part
// of a condition with its value, the verdict, the group tiers, the metrics and the exit
// codes.
//
// Every figure below was worked out by hand from samples/software/portal-v3.yaml:
//   - three-point hours are PERT means, (low + 4 x likely + high) / 6 (the sample sets
//     `three_point: pert`): DEV-02 (280 + 1360 + 460) / 6 = 350, DEV-04 (200 + 1040 + 380)
//     / 6 = 270, DEV-06 (320 + 1600 + 600) / 6 = 420, QA-02 (300 + 1440 + 480) / 6 = 370;
//   - dev_hours, the development lines: 240 + 350 + 340 + 270 + 220 + 420 + 120 + 160 + 140
//     + 160 + 180 = 2600;
//   - test_hours, the testing lines QA-01..QA-07: 60 + 370 + 100 + 160 + 60 + 80 + 80 = 910;
//   - test_ratio = share(910, 2600) = 0.35 exactly;
//   - regulated: client.industry is "healthcare", which is in the metric's list: true.
// So testing-regulated (regulated and test_ratio >= 25%) holds, testing-thin (test_ratio <
// 15% or (regulated and test_ratio < 25%)) does not, and of the group testing-depth
// (priorities thin 40, regulated 30, heavy 25, standard 20) the highest tier that holds,
// testing-regulated, is kept.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run_support.hpp"

namespace {

namespace fs = std::filesystem;

using Result = basis::cli_testing::BasisRun;
using basis::cli_testing::run_basis;

using basis::cli_testing::read_file;

using basis::cli_testing::quote;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// The lines of the block that starts with the line `header` (up to the next blank line).
std::vector<std::string> block(const std::string& text, const std::string& header) {
  std::vector<std::string> out;
  bool inside = false;
  for (const std::string& line : lines_of(text)) {
    if (!inside) {
      inside = line == header;
      continue;
    }
    if (line.empty()) break;
    out.push_back(line);
  }
  return out;
}

class CliWhy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("basis-cli-why-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `basis ARGS` in the source directory, so that the paths it prints are relative.
  Result basis(const std::string& args) {
    return run_basis(args, dir_ / "run", BASIS_SOURCE_DIR, "env -u BASIS_RULES_DIR");
  }

  fs::path dir_;
};

constexpr const char* kPortal = "samples/software/portal-v3.yaml";
constexpr const char* kTestingLines = "--rules tests/data/why/testing-lines.yaml";

TEST_F(CliWhy, RuleThatFires) {
  const Result r = basis(std::string("why testing-regulated ") + kPortal);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // The whole output: the rule with its file position (line 32, column 9 of the library's
  // rule set, relative to the current directory), the verdict, the group, each part of
  // `when` with its value, the testing lines it explains and the metrics it uses, with
  // their definitions and values (worked out at the top of this file).
  EXPECT_EQ(r.out,
            "rule 'testing-regulated' (Validation effort in a regulated industry), "
            "rules/software-delivery.yaml:32:9\n"
            "fired: its condition holds\n"
            "group 'testing-depth', tiers from the highest priority: 'testing-thin' (40), "
            "'testing-regulated' (30), 'testing-heavy' (25), 'testing-standard' (20)\n"
            "kept tier: 'testing-regulated' (this rule)\n"
            "\n"
            "when: regulated and test_ratio >= 25%\n"
            "  regulated and test_ratio >= 25%  = true\n"
            "    regulated                      = true\n"
            "    test_ratio >= 25%              = true\n"
            "      test_ratio                   = 0.35\n"
            "      25%                          = 0.25\n"
            "\n"
            "explains: QA-01, QA-02, QA-03, QA-04, QA-05, QA-06, QA-07\n"
            "\n"
            "metrics used (value, then definition):\n"
            "  regulated    = true   estimate.client.industry in [\"healthcare\", \"pharma\", "
            "\"medical-devices\", \"finance\", \"insurance\"]\n"
            "  test_ratio   = 0.35   share(test_hours, dev_hours)\n"
            "    test_hours = 910    sum(items.hours where category == \"testing\")\n"
            "    dev_hours  = 2600   sum(items.hours where category == \"development\")\n");
}

TEST_F(CliWhy, RuleThatDoesNotFire) {
  const Result r = basis(std::string("why testing-thin ") + kPortal);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> out = lines_of(r.out);
  ASSERT_GE(out.size(), 4u) << r.out;
  EXPECT_EQ(out[0],
            "rule 'testing-thin' (Testing below the usual range), "
            "rules/software-delivery.yaml:121:9");
  EXPECT_EQ(out[1], "not fired: its condition is false");
  EXPECT_EQ(out[3], "kept tier: 'testing-regulated'");
  // 0.35 < 0.15 is false; regulated is true but 0.35 < 0.25 is false: false or false.
  EXPECT_EQ(block(r.out, "when: test_ratio < 15% or (regulated and test_ratio < 25%)"),
            (std::vector<std::string>{
                "  test_ratio < 15% or (regulated and test_ratio < 25%)  = false",
                "    test_ratio < 15%                                    = false",
                "      test_ratio                                        = 0.35",
                "      15%                                               = 0.15",
                "    (regulated and test_ratio < 25%)                    = false",
                "      regulated                                         = true",
                "      test_ratio < 25%                                  = false",
                "        test_ratio                                      = 0.35",
                "        25%                                             = 0.25",
            }));
  // A rule that did not fire explains nothing.
  EXPECT_EQ(r.out.find("explains:"), std::string::npos);
  // Metrics in the order the condition uses them, each once, with what they use beneath.
  EXPECT_EQ(block(r.out, "metrics used (value, then definition):"),
            (std::vector<std::string>{
                "  test_ratio   = 0.35   share(test_hours, dev_hours)",
                "    test_hours = 910    sum(items.hours where category == \"testing\")",
                "    dev_hours  = 2600   sum(items.hours where category == \"development\")",
                "  regulated    = true   estimate.client.industry in [\"healthcare\", "
                "\"pharma\", \"medical-devices\", \"finance\", \"insurance\"]",
            }));
}

TEST_F(CliWhy, SuppressedTierNamesTheKeptOne) {
  // testing-heavy: 0.35 > 0.30 holds, but testing-regulated (priority 30 > 25) is kept.
  const Result r = basis(std::string("why testing-heavy ") + kPortal);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> out = lines_of(r.out);
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[1],
            "suppressed: its condition holds, but 'testing-regulated', a higher tier of its "
            "group, is kept");
  EXPECT_EQ(block(r.out, "when: test_ratio > 30%"),
            (std::vector<std::string>{"  test_ratio > 30%  = true", "    test_ratio      = 0.35",
                                      "    30%             = 0.3"}));
}

// for_each rules of tests/data/why/testing-lines.yaml over the seven testing lines, whose
// hours are QA-01 60, QA-02 370 (PERT, above), QA-03 100, QA-04 160, QA-05 60, QA-06 80,
// QA-07 80.
const std::vector<std::string> kTestingCollection = {
    "  items where category == \"testing\"  = [item QA-01, item QA-02, item QA-03, item QA-04, "
    "item QA-05, item QA-06, item QA-07]",
    // 34 items in the sample: the first ten are shown.
    "    items                            = [item DEV-01, item DEV-02, item DEV-03, item "
    "DEV-04, item DEV-05, item DEV-06, item DEV-07, item DEV-08, item DEV-09, item DEV-10, ... "
    "24 more]",
    "  items: QA-01, QA-02, QA-03, QA-04, QA-05, QA-06, QA-07",
};

TEST_F(CliWhy, ForEachRuleThatFiresWithoutItem) {
  // hours > 300 holds for QA-02 (370) alone.
  const Result r = basis(std::string("why longest-test-line ") + kPortal + " " + kTestingLines);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> out = lines_of(r.out);
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0],
            "rule 'longest-test-line' (Testing lines over 300 hours), "
            "tests/data/why/testing-lines.yaml:15:9");
  EXPECT_EQ(out[1],
            "fired: its condition holds for 1 of the 7 elements of its for_each collection");
  std::vector<std::string> collection = kTestingCollection;
  collection.push_back("  matching the condition: QA-02");
  EXPECT_EQ(block(r.out, "for_each: items where category == \"testing\""), collection);
  // Without --item the condition is shown for the first element it holds for.
  EXPECT_EQ(block(r.out, "when: hours > 300"),
            (std::vector<std::string>{
                "  evaluated for item QA-02 (the first element it holds for; choose another "
                "with --item)",
                "  hours > 300  = true",
                "    hours      = 370",
                "    300        = 300",
            }));
  EXPECT_NE(r.out.find("\nexplains: QA-02\n"), std::string::npos);
}

TEST_F(CliWhy, ForEachRuleThatFiresWithItem) {
  // --item QA-04: 160 > 300 is false for that line, though the rule fired for QA-02.
  const Result r = basis(std::string("why longest-test-line ") + kPortal + " " + kTestingLines +
                         " --item QA-04");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out).at(1),
            "fired: its condition holds for 1 of the 7 elements of its for_each collection");
  EXPECT_EQ(block(r.out, "when: hours > 300"), (std::vector<std::string>{
                                                   "  evaluated for item QA-04",
                                                   "  hours > 300  = false",
                                                   "    hours      = 160",
                                                   "    300        = 300",
                                               }));
}

TEST_F(CliWhy, ForEachRuleThatDoesNotFire) {
  // hours > long_line (400): no testing line has more than 370 hours.
  const Result plain = basis(std::string("why long-test-lines ") + kPortal + " " + kTestingLines);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(lines_of(plain.out).at(1),
            "not fired: its condition holds for none of the 7 elements of its for_each "
            "collection");
  EXPECT_EQ(block(plain.out, "for_each: items where category == \"testing\""), kTestingCollection);
  // Holding for none, it is shown for the first element, QA-01 (60 hours).
  EXPECT_EQ(block(plain.out, "when: hours > long_line"),
            (std::vector<std::string>{
                "  evaluated for item QA-01 (the first element; choose another with --item)",
                "  hours > long_line  = false",
                "    hours            = 60",
                "    long_line        = 400",
            }));
  EXPECT_EQ(block(plain.out, "metrics used (value, then definition):"),
            std::vector<std::string>{"  long_line = 400   400"});

  // --item QA-02, the longest line: 370 > 400 is still false.
  const Result item =
      basis(std::string("why long-test-lines ") + kPortal + " " + kTestingLines + " --item QA-02");
  ASSERT_EQ(item.exit_code, 0) << item.err;
  EXPECT_EQ(block(item.out, "when: hours > long_line"), (std::vector<std::string>{
                                                            "  evaluated for item QA-02",
                                                            "  hours > long_line  = false",
                                                            "    hours            = 370",
                                                            "    long_line        = 400",
                                                        }));
}

TEST_F(CliWhy, ItemOutsideTheCollection) {
  // integration-range: only DEV-06 has an `integration` field. DEV-02 is not in the
  // collection; its hours_high (460) is shown all the same.
  const Result r = basis(std::string("why integration-range ") + kPortal + " --item DEV-02");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> out = lines_of(r.out);
  EXPECT_EQ(out.at(0),
            "rule 'integration-range' (Integration work carried as a range), "
            "rules/software-delivery.yaml:135:9");
  EXPECT_EQ(out.at(1),
            "fired: its condition holds for 1 of the 1 element of its for_each collection");
  const std::vector<std::string> for_each =
      block(r.out, "for_each: items where integration != null");
  ASSERT_EQ(for_each.size(), 5u) << r.out;
  EXPECT_EQ(for_each[0], "  items where integration != null  = [item DEV-06]");
  EXPECT_EQ(for_each[2], "  items: DEV-06");
  EXPECT_EQ(for_each[3], "  matching the condition: DEV-06");
  EXPECT_EQ(for_each[4], "  item DEV-02 is not an element of the collection");
  EXPECT_EQ(block(r.out, "when: hours_high != null"), (std::vector<std::string>{
                                                          "  evaluated for item DEV-02",
                                                          "  hours_high != null  = true",
                                                          "    hours_high        = 460",
                                                          "    null              = null",
                                                      }));
  EXPECT_NE(r.out.find("\nexplains: DEV-06\n"), std::string::npos);
}

TEST_F(CliWhy, UnknownRuleIsAnErrorWithASuggestion) {
  const Result r = basis(std::string("why testing-regulatd ") + kPortal);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "basis: error: unknown rule 'testing-regulatd'; did you mean 'testing-regulated'?\n");
}

TEST_F(CliWhy, UnknownItemIsAnErrorWithASuggestion) {
  const Result r = basis(std::string("why integration-range ") + kPortal + " --item DEV-6");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "basis: error: the estimate has no item 'DEV-6'; did you mean 'DEV-06'?\n");
}

TEST_F(CliWhy, PrintsNoAbsolutePath) {
  const Result r = basis(std::string("why testing-standard ") + kPortal);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find(BASIS_SOURCE_DIR), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", rules/software-delivery.yaml:101:9\n"), std::string::npos) << r.out;
}

TEST_F(CliWhy, HelpAndUsage) {
  const Result help = basis("why --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: basis why [OPTIONS] RULE_ID ESTIMATE"), std::string::npos)
      << help.out;
  EXPECT_NE(help.out.find("--item ID"), std::string::npos);
  const Result missing = basis("why testing-regulated");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("ESTIMATE"), std::string::npos) << missing.err;
}

}  // namespace
