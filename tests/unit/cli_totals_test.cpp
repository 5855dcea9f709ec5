// `basis totals` end to end: runs the built executable on the samples and checks exit
// codes, key output lines, -o and what a failed run leaves behind.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_run_support.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

using basis::cli_testing::read_file;

using basis::cli_testing::quote;

class CliTotals : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("basis-cli-totals-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `basis ARGS` (ARGS already quoted where needed).
  Result basis(const std::string& args) {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const std::string command = quote(BASIS_BINARY) + " " + args + " >" + quote(out.string()) +
                                " 2>" + quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    Result run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_file(out);
    run.err = read_file(err);
    return run;
  }

  static std::string sample(const std::string& relative) {
    return quote(std::string(BASIS_SOURCE_DIR) + "/samples/" + relative);
  }

  fs::path dir_;
};

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    if (l == line) return true;
  }
  return false;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

TEST_F(CliTotals, PortalV2Text) {
  Result run = basis("totals " + sample("software/portal-v2.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(has_line(run.out, "CVH-PORTAL: Cedar Valley Health patient portal rebuild"))
      << run.out;
  EXPECT_TRUE(has_line(run.out, "infrastructure          3    280   $59,499.20    8.2%"))
      << run.out;
  EXPECT_TRUE(has_line(run.out, "Direct cost            33  5,020  $720,938.90  100.0%"))
      << run.out;
  EXPECT_NE(run.out.find("  overhead: 8% of direct cost $720,938.90\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("  contingency: 12% of subtotal $778,614.01\n"), std::string::npos);
  EXPECT_NE(run.out.find("  discount: fixed amount\n"), std::string::npos);
  EXPECT_NE(run.out.find("$864,547.69\n"), std::string::npos);
  EXPECT_TRUE(
      has_line(run.out, "  expected between $691,638 and $1,123,912 (-20% / +30%, AACE class 3)"))
      << run.out;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(code_points(line), 80u) << line;
  }
}

TEST_F(CliTotals, DataPlatformFromCsvHasNoRange) {
  Result run = basis("totals " + sample("consulting/data-platform.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("48.5%"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("$475,574.11\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1,952.5"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("expected between"), std::string::npos);
}

TEST_F(CliTotals, Json) {
  Result run = basis("totals --format json " + sample("software/portal-v2.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["estimate"]["id"], "CVH-PORTAL");
  EXPECT_EQ(json["estimate"]["currency"], "USD");
  EXPECT_EQ(json["direct"], "720938.90");
  EXPECT_EQ(json["total"], "864547.69");
  EXPECT_EQ(json["total_formatted"], "$864,547.69");
  ASSERT_EQ(json["adjustments"].size(), 3u);
  EXPECT_EQ(json["adjustments"][1]["id"], "contingency");
  EXPECT_EQ(json["adjustments"][1]["base_kind"], "subtotal");
  EXPECT_EQ(json["adjustments"][1]["base"], "778614.01");
  EXPECT_EQ(json["adjustments"][1]["amount"], "93433.68");
  EXPECT_EQ(json["adjustments"][2]["amount"], "-7500.00");
  EXPECT_EQ(json["accuracy"]["low"], "691638");
  EXPECT_EQ(json["accuracy"]["high_formatted"], "$1,123,912");
  int shares = 0;
  for (const auto& g : json["groups"]) shares += g["share_tenths"].get<int>();
  EXPECT_EQ(shares, 1000);
  EXPECT_EQ(json["groups"][4]["key"], "infrastructure");
  EXPECT_EQ(json["groups"][4]["share_formatted"], "8.2%");
  // the same input gives the same bytes
  EXPECT_EQ(basis("totals --format json " + sample("software/portal-v2.yaml")).out, run.out);
}

TEST_F(CliTotals, Markdown) {
  Result run = basis("totals --format md " + sample("software/portal-v3.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(has_line(run.out, "| **Total** | | | **$880,365.22** |")) << run.out;
  EXPECT_TRUE(has_line(run.out, "|:---|---:|---:|---:|---:|"));
  EXPECT_NE(run.out.find("| $59,788.90 |"), std::string::npos);
}

TEST_F(CliTotals, ByAnotherField) {
  Result run = basis("totals --by phase " + sample("software/portal-v2.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Direct cost by phase"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(none)"), std::string::npos);
}

TEST_F(CliTotals, UnknownByFieldIsAUsageError) {
  Result run = basis("totals --by catgory " + sample("software/portal-v2.yaml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("did you mean 'category'?"), std::string::npos) << run.err;
}

TEST_F(CliTotals, WithoutCategoriesEverythingIsNone) {
  const fs::path file = dir_ / "plain.yaml";
  std::ofstream(file) << "id: PLAIN\nitems:\n  - {id: A, name: a, amount: 100}\n"
                         "  - {id: B, name: b, hours: 2, rate: 50}\n";
  Result run = basis("totals " + quote(file.string()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(has_line(run.out, "(none)           2      2  $200.00  100.0%")) << run.out;
}

TEST_F(CliTotals, OfficeFitoutEscalatesMaterialsOnly) {
  // `applies_to: cost_type == "material"` is evaluated by the rules engine's filter.
  Result run = basis("totals " + sample("construction/office-fitout.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(has_line(run.out, "furniture          7    160  £234,820.00   29.0%")) << run.out;
  EXPECT_TRUE(has_line(
      run.out, "    escalation: 3.5% of £386,350.00 (items where cost_type == \"material\")"))
      << run.out;
  EXPECT_NE(run.out.find("£13,522.25\n"), std::string::npos);
  EXPECT_NE(run.out.find("£107,761.90\n"), std::string::npos);
  EXPECT_NE(run.out.find("£1,005,777.73\n"), std::string::npos);
  EXPECT_TRUE(
      has_line(run.out, "  expected between £704,044 and £1,508,667 (-30% / +50%, AACE class 4)"))
      << run.out;
}

TEST_F(CliTotals, AnAccuracyRangeThatOverflowsIsAnError) {
  const fs::path file = dir_ / "huge.yaml";
  std::ofstream(file)
      << "id: H\nclass: 5\nitems:\n  - {id: A, name: a, amount: 1000000000000000000}\n";
  Result run = basis("totals " + quote(file.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(
      run.err.find("huge.yaml: error: the accuracy range of the total is too large (overflow)"),
      std::string::npos)
      << run.err;
}

TEST_F(CliTotals, MissingFileExitsTwo) {
  Result run = basis("totals " + quote((dir_ / "nowhere.yaml").string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nowhere.yaml"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST_F(CliTotals, InvalidEstimateExitsTwoWithPosition) {
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad)
      << "id: BAD\nitems:\n  - id: A\n    name: a\n    hours: 10\n    rate: enginer\n"
         "rates:\n  engineer: 100\n";
  Result run = basis("totals " + quote(bad.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.yaml:6:11: error:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did you mean 'engineer'?"), std::string::npos) << run.err;
}

TEST_F(CliTotals, OutputFileIsWritten) {
  const fs::path target = dir_ / "totals.md";
  Result run = basis("totals --format md -o " + quote(target.string()) + " " +
                     sample("software/portal-v2.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(read_file(target),
            basis("totals --format md " + sample("software/portal-v2.yaml")).out);
}

TEST_F(CliTotals, FailedRunLeavesNoFileAndKeepsAnExistingOne) {
  const fs::path target = dir_ / "totals.txt";
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "id: BAD\nitems:\n  - {id: A, name: a, hours: 10, rate: nobody}\n";
  Result run = basis("totals -o " + quote(target.string()) + " " + quote(bad.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.yaml:3:"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(target));
  fs::remove(bad);

  std::ofstream(target) << "previous output\n";
  run =
      basis("totals -o " + quote(target.string()) + " " + quote((dir_ / "missing.yaml").string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(read_file(target), "previous output\n");
  // nothing else (no temporary file) was left in the directory
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name != "stdout.txt" && name != "stderr.txt") ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST_F(CliTotals, UnwritableOutputExitsTwo) {
  Result run = basis("totals -o " + quote((dir_ / "no-such-dir" / "x.txt").string()) + " " +
                     sample("software/portal-v2.yaml"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot write"), std::string::npos) << run.err;
}

TEST_F(CliTotals, UsageErrorsAreOneLineAndExitTwo) {
  for (const std::string& args :
       {std::string("totals --format xml ") + sample("software/portal-v2.yaml"),
        std::string("totals"), std::string(""),
        std::string("totals --bogus ") + sample("software/portal-v2.yaml"),
        std::string("frobnicate")}) {
    Result run = basis(args);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_EQ(run.out, "") << args;
    ASSERT_FALSE(run.err.empty()) << args;
    EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << args << ": " << run.err;
    EXPECT_EQ(run.err.rfind("basis: error: ", 0), 0u) << run.err;
  }
}

TEST_F(CliTotals, Help) {
  Result run = basis("--help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("totals"), std::string::npos) << run.out;
  run = basis("totals --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("--format"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("--by"), std::string::npos);
  EXPECT_NE(run.out.find("-o"), std::string::npos);
}

}  // namespace
