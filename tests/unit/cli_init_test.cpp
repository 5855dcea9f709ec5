// `basis init [DIR]`: the starter workspace works as it is (explain, test and lint in it),
// and init never overwrites anything.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_run_support.hpp"

namespace {

using namespace basis::cli_testing;

const std::vector<std::string> kStarterFiles = {
    "basis.yaml", "estimates/sample.yaml", "rules/our-rules.yaml", "tests/our-rules.test.yaml"};

TEST(CliInit, TheStarterWorkspaceExplainsAndTests) {
  ScratchDir scratch("cli-init");
  const fs::path capture = scratch.path() / "capture";
  const BasisRun init = run_basis("init ws", capture, scratch.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.err, "");
  for (const std::string& file : kStarterFiles) {
    EXPECT_TRUE(fs::is_regular_file(scratch.path() / "ws" / file)) << file;
    EXPECT_NE(init.out.find("ws/" + file), std::string::npos) << init.out;
  }
  const fs::path ws = scratch.path() / "ws";

  // The sample's figures by hand: 160 + 150 hours at 120, 80 + 24 at 95, 60 at 130, and
  // 3,600 of hosting: direct 58,480.00; contingency 10% = 5,848.00; total 64,328.00.
  const BasisRun explain = run_basis("explain estimates/sample.yaml --strict", capture, ws);
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_EQ(explain.err, "");  // every line explained, nothing null
  EXPECT_NE(explain.out.find("**Total:** $64,328.00"), std::string::npos) << explain.out;
  EXPECT_NE(explain.out.find("Development is 310 hours ($37,200.00)"), std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("Testing is 33.5% of development effort (104 hours)"),
            std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("Hosting for the first year is a fixed $3,600.00."), std::string::npos)
      << explain.out;

  const BasisRun test = run_basis("test", capture, ws);
  EXPECT_EQ(test.exit_code, 0) << test.out << test.err;
  EXPECT_NE(test.out.find("2 passed, 0 failed"), std::string::npos) << test.out;

  const BasisRun lint = run_basis("lint --strict estimates/sample.yaml", capture, ws);
  EXPECT_EQ(lint.exit_code, 0) << lint.err;
  EXPECT_EQ(lint.out, "no findings on 1 estimate\n");
}

TEST(CliInit, DefaultsToTheCurrentDirectory) {
  ScratchDir scratch("cli-init");
  const BasisRun init = run_basis("init", scratch.path() / "capture", scratch.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (const std::string& file : kStarterFiles) {
    EXPECT_TRUE(fs::is_regular_file(scratch.path() / file)) << file;
  }
  EXPECT_EQ(run_basis("test", scratch.path() / "capture", scratch.path()).exit_code, 0);
}

TEST(CliInit, NeverOverwritesAndWritesNothingWhenItWouldHave) {
  ScratchDir scratch("cli-init");
  const fs::path ws = scratch.path() / "ws";
  fs::create_directories(ws / "rules");
  write_file(ws / "basis.yaml", "style: driver\n");
  write_file(ws / "rules" / "our-rules.yaml", "mine\n");
  const BasisRun init = run_basis("init ws", scratch.path() / "capture", scratch.path());
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_EQ(init.out, "");
  EXPECT_EQ(init.err,
            "ws/basis.yaml: error: already exists; basis init never overwrites a file: move it "
            "away or choose another directory\n"
            "ws/rules/our-rules.yaml: error: already exists; basis init never overwrites a file: "
            "move it away or choose another directory\n");
  EXPECT_EQ(read_file(ws / "basis.yaml"), "style: driver\n");
  EXPECT_EQ(read_file(ws / "rules" / "our-rules.yaml"), "mine\n");
  EXPECT_FALSE(fs::exists(ws / "estimates"));
  EXPECT_FALSE(fs::exists(ws / "tests"));
}

TEST(CliInit, ADirectoryThatIsAFileIsRefused) {
  ScratchDir scratch("cli-init");
  write_file(scratch.path() / "plain", "x\n");
  const BasisRun init = run_basis("init plain", scratch.path() / "capture", scratch.path());
  EXPECT_EQ(init.exit_code, 2);
  EXPECT_EQ(init.err, "basis: error: 'plain' is not a directory\n");
}

}  // namespace
