// `basis diff` end to end: runs the built executable on the shipped pair and on small
// files, and checks exit codes, the bridge lines, JSON, -o, and refused inputs.

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

using Result = basis::cli_testing::BasisRun;
using basis::cli_testing::run_basis;

using basis::cli_testing::read_file;

using basis::cli_testing::quote;

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

class CliDiff : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("basis-cli-diff-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result basis(const std::string& args) { return run_basis(args, dir_ / "run"); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path file = dir_ / name;
    std::ofstream(file) << text;
    return file;
  }

  static std::string pair() {
    const std::string dir = std::string(BASIS_SOURCE_DIR) + "/samples/software/";
    return quote(dir + "portal-v2.yaml") + " " + quote(dir + "portal-v3.yaml");
  }

  fs::path dir_;
};

TEST_F(CliDiff, PortalText) {
  Result run = basis("diff " + pair());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(has_line(run.out, "CVH-PORTAL: Cedar Valley Health patient portal rebuild"));
  EXPECT_TRUE(has_line(run.out,
                       "Items added (2)                                                 "
                       "     +$28,750.00"))
      << run.out;
  EXPECT_TRUE(has_line(run.out,
                       "Changes in rates and prices (7 items)                           "
                       "      +$4,095.00"))
      << run.out;
  EXPECT_TRUE(has_line(run.out,
                       "Total, revision 3                                               "
                       "     $880,365.22"))
      << run.out;
  EXPECT_TRUE(has_line(run.out,
                       "DEV-03                          $37,500.00   $42,500.00   "
                       "+$5,000.00       $0.00"))
      << run.out;
  EXPECT_TRUE(has_line(run.out, "  hours 480 -> 520 at $140.00 (project_manager)")) << run.out;
  EXPECT_TRUE(
      has_line(run.out, "  Why: Schedule extended from 8 to 9 months for the added scope."));
  EXPECT_TRUE(has_line(run.out, "  12% -> 10% of subtotal $778,614.01 -> $807,150.20"));
  EXPECT_TRUE(has_line(run.out, "20 items unchanged."));
}

TEST_F(CliDiff, PortalJsonAndMarkdown) {
  Result json_run = basis("diff --format json " + pair());
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const auto json = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(json["delta"], "15817.53");
  EXPECT_EQ(json["added"], "28750.00");
  EXPECT_EQ(json["removed"], "20000.00");
  EXPECT_EQ(json["volume"], "13577.40");
  EXPECT_EQ(json["price"], "4095.00");
  EXPECT_EQ(json["adjustments"], "-10604.87");
  EXPECT_EQ(json["bridge"].back()["running"], "880365.22");
  EXPECT_EQ(basis("diff --format json " + pair()).out, json_run.out);  // same bytes

  Result md = basis("diff --format md " + pair());
  ASSERT_EQ(md.exit_code, 0) << md.err;
  EXPECT_TRUE(has_line(md.out, "| Items added (2) | +$28,750.00 |")) << md.out;
}

TEST_F(CliDiff, OutputFile) {
  const fs::path out = dir_ / "bridge.md";
  Result run = basis("diff --format md -o " + quote(out.string()) + " " + pair());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_NE(read_file(out).find("## Items changed"), std::string::npos);
}

TEST_F(CliDiff, DifferentCurrenciesExitTwo) {
  const fs::path usd =
      write("old.yaml", "id: X\ncurrency: USD\nitems:\n  - {id: A, name: a, amount: 1}\n");
  const fs::path eur =
      write("new.yaml", "id: X\ncurrency: EUR\nitems:\n  - {id: A, name: a, amount: 1}\n");
  Result run = basis("diff " + quote(usd.string()) + " " + quote(eur.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("error: the new revision is in EUR but the old one is in USD"),
            std::string::npos)
      << run.err;
}

TEST_F(CliDiff, BadInputsExitTwo) {
  const fs::path good = write("good.yaml", "id: X\nitems:\n  - {id: A, name: a, amount: 1}\n");
  const fs::path bad = write("bad.yaml", "id: X\nitems:\n  - {id: A, name: a, hors: 1}\n");
  Result run = basis("diff " + quote(good.string()) + " " + quote(bad.string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.yaml:"), std::string::npos) << run.err;
  EXPECT_EQ(basis("diff " + quote(good.string())).exit_code, 2);  // NEW missing
  EXPECT_EQ(basis("diff --format html " + pair()).exit_code, 2);
  EXPECT_EQ(
      basis("diff " + quote((dir_ / "none.yaml").string()) + " " + quote(good.string())).exit_code,
      2);
}

TEST_F(CliDiff, DifferentEstimateIdsWarnButBridge) {
  const fs::path a = write("a.yaml", "id: X\nitems:\n  - {id: A, name: a, amount: 1}\n");
  const fs::path b = write("b.yaml", "id: Y\nitems:\n  - {id: A, name: a, amount: 3}\n");
  Result run = basis("diff " + quote(a.string()) + " " + quote(b.string()));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("warning: comparing estimate 'Y' with a different estimate 'X'"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(has_line(run.out, "X the old revision -> the new revision")) << run.out;
}

}  // namespace
