// The workspace file basis.yaml: where it is found, what it may say, and the messages for
// what it may not.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "basis/parser/workspace.hpp"

namespace fs = std::filesystem;
using namespace basis;

namespace {

class WorkspaceFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("basis-workspace-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    previous_ = fs::current_path();
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(previous_);
    fs::remove_all(dir_);
  }
  void write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string messages() {
    std::string out;
    diags_.sort();
    for (const Diagnostic& d : diags_.items()) {
      out += d.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
             d.message + "\n";
    }
    return out;
  }

  fs::path dir_, previous_;
  Diagnostics diags_;
};

TEST_F(WorkspaceFiles, CurrentDirectoryComesFirst) {
  write("basis.yaml", "style: driver\n");
  write("estimates/basis.yaml", "style: amiable\n");
  EXPECT_EQ(find_workspace("estimates", ""), "basis.yaml");
  EXPECT_EQ(find_workspace("estimates", "."), "basis.yaml");
  EXPECT_EQ(find_workspace("estimates", "estimates"), "estimates/basis.yaml");
}

TEST_F(WorkspaceFiles, BesideTheEstimateWhenTheCurrentDirectoryHasNone) {
  write("estimates/basis.yaml", "style: amiable\n");
  fs::create_directories("elsewhere");
  EXPECT_EQ(find_workspace("estimates", "elsewhere"), "estimates/basis.yaml");
  EXPECT_EQ(find_workspace("elsewhere", "elsewhere"), std::nullopt);
}

TEST_F(WorkspaceFiles, ADirectoryNamedBasisYamlIsNotAWorkspace) {
  fs::create_directories("basis.yaml");
  EXPECT_EQ(find_workspace("", ""), std::nullopt);
}

TEST_F(WorkspaceFiles, EveryKey) {
  write("ws/rules/ours.yaml", "basis: rules/1\nrules: []\n");
  write("shared/common.yaml", "basis: rules/1\nrules: []\n");
  write("ws/basis.yaml",
        "rules: [rules/ours.yaml, ../shared/common.yaml]\n"
        "style: analytical\n"
        "format: html\n"
        "strict: true\n");
  auto ws = load_workspace("ws/basis.yaml", diags_);
  ASSERT_TRUE(ws) << messages();
  EXPECT_TRUE(diags_.empty());
  EXPECT_TRUE(ws->has_rules);
  ASSERT_EQ(ws->rules.size(), 2u);
  EXPECT_EQ(ws->rules[0].path, "rules/ours.yaml");
  EXPECT_EQ(ws->rules[0].resolved, "ws/rules/ours.yaml");
  EXPECT_EQ(ws->rules[0].pos, (SourcePos{1, 9}));
  EXPECT_EQ(ws->rules[1].resolved, "shared/common.yaml");
  EXPECT_EQ(ws->rule_paths(),
            (std::vector<std::string>{"ws/rules/ours.yaml", "shared/common.yaml"}));
  EXPECT_EQ(ws->style, DecisionStyle::analytical);
  EXPECT_EQ(ws->style_pos, (SourcePos{2, 8}));
  EXPECT_EQ(ws->format, "html");
  EXPECT_EQ(ws->strict, true);
}

TEST_F(WorkspaceFiles, EmptyFileSetsNothing) {
  write("basis.yaml", "# defaults only\n");
  auto ws = load_workspace("basis.yaml", diags_);
  ASSERT_TRUE(ws) << messages();
  EXPECT_FALSE(ws->has_rules);
  EXPECT_FALSE(ws->style);
  EXPECT_FALSE(ws->format);
  EXPECT_FALSE(ws->strict);
}

TEST_F(WorkspaceFiles, ASinglePathAndFalse) {
  write("ours.yaml", "basis: rules/1\nrules: []\n");
  write("basis.yaml", "rules: ours.yaml\nstrict: false\n");
  auto ws = load_workspace("basis.yaml", diags_);
  ASSERT_TRUE(ws) << messages();
  ASSERT_EQ(ws->rules.size(), 1u);
  EXPECT_EQ(ws->rules[0].resolved, "ours.yaml");
  EXPECT_EQ(ws->strict, false);
}

TEST_F(WorkspaceFiles, EveryMistakeIsReportedAtOnce) {
  write("basis.yaml",
        "rules: [missing.yaml]\n"
        "style: internal\n"
        "format: htm\n"
        "strict: yes\n"
        "sytle: driver\n");
  auto ws = load_workspace("basis.yaml", diags_);
  EXPECT_FALSE(ws);
  EXPECT_EQ(messages(),
            "basis.yaml:1:9: cannot find the rule file 'missing.yaml' (looked for "
            "'missing.yaml')\n"
            "basis.yaml:2:8: 'style: internal' cannot be a default: a default never produces the "
            "negotiation brief; ask for it with --style internal\n"
            "basis.yaml:3:9: unknown format 'htm'; did you mean 'html'?\n"
            "basis.yaml:4:9: 'strict' must be true or false, not 'yes'\n"
            "basis.yaml:5:1: unknown workspace setting 'sytle'; did you mean 'style'?\n");
}

TEST_F(WorkspaceFiles, UnknownStyleListsTheChoices) {
  write("basis.yaml", "style: visionary\n");
  EXPECT_FALSE(load_workspace("basis.yaml", diags_));
  EXPECT_EQ(messages(),
            "basis.yaml:1:8: unknown style 'visionary'; expected driver, analytical, amiable or "
            "expressive\n");
}

TEST_F(WorkspaceFiles, NotAMap) {
  write("basis.yaml", "- rules/ours.yaml\n");
  EXPECT_FALSE(load_workspace("basis.yaml", diags_));
  EXPECT_EQ(messages(),
            "basis.yaml:1:1: basis.yaml must be a map of settings (rules, style, format, "
            "strict), not a list\n");
}

TEST_F(WorkspaceFiles, MissingFile) {
  EXPECT_FALSE(load_workspace("basis.yaml", diags_));
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].message, "cannot open 'basis.yaml': No such file or directory");
}

}  // namespace
