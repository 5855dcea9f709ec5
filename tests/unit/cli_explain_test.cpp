// `basis explain` end to end: the built executable on every sample in every style and
// format, the totals it prints against the ones computed independently, determinism, -o
// written atomically, --strict, the default style and the workspace file basis.yaml.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run_support.hpp"

namespace {

using namespace basis::cli_testing;

const std::vector<std::string> kAllStyles = {"driver", "analytical", "amiable", "expressive",
                                             "internal"};

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The names of the files in `dir`, sorted.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> chromium_on_path() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::istringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      const fs::path candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  return std::nullopt;
}

std::string sample_file(const Sample& s) {
  return quote(source_path("samples/" + s.path + ".yaml"));
}

// --- every sample, style and format ------------------------------------------------------

class ExplainEverySample : public ::testing::TestWithParam<Sample> {};

TEST_P(ExplainEverySample, EveryStyleAndFormatShowsTheTotalAndIsDeterministic) {
  const Sample& s = GetParam();
  ScratchDir scratch("cli-explain");
  for (const std::string& style : kAllStyles) {
    for (const std::string& format : text_formats()) {
      SCOPED_TRACE(s.path + " --style " + style + " --format " + format);
      const std::string args =
          "explain " + sample_file(s) + " --style " + style + " --format " + format;
      const BasisRun first = run_basis(args, scratch.path() / "first");
      ASSERT_EQ(first.exit_code, 0) << first.err;
      // Every cost line of the samples is explained and no template meets a null.
      EXPECT_EQ(first.err, "");
      const BasisRun second = run_basis(args, scratch.path() / "second");
      ASSERT_EQ(second.exit_code, 0) << second.err;
      EXPECT_TRUE(first.out == second.out) << "two runs differ";

      if (format == "json") {
        const nlohmann::json j = nlohmann::json::parse(first.out, nullptr, false);
        ASSERT_FALSE(j.is_discarded());
        EXPECT_EQ(j.value("style", ""), style);
        EXPECT_EQ(j["total"].value("exact", ""), s.total_exact);
        EXPECT_EQ(j["total"].value("shown", ""), s.total_shown);
      } else if (format == "md") {
        EXPECT_NE(first.out.find("**Total:** " + s.total_shown + "\n"), std::string::npos);
      } else if (format == "text") {
        EXPECT_NE(first.out.find("\nTotal: " + s.total_shown + "\n"), std::string::npos);
        std::istringstream lines(first.out);
        for (std::string line; std::getline(lines, line);) {
          EXPECT_LE(code_points(line), 80u) << line;
        }
      } else {
        EXPECT_EQ(first.out.rfind("<!doctype html>\n", 0), 0u);
        EXPECT_NE(first.out.find(s.total_shown), std::string::npos);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, ExplainEverySample, ::testing::ValuesIn(samples()),
                         [](const ::testing::TestParamInfo<Sample>& info) {
                           std::string name = info.param.path.substr(info.param.path.find('/') + 1);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// Without --style: the estimate's client.style.
TEST(ExplainDefaults, StyleIsTheEstimatesClientStyle) {
  ScratchDir scratch("cli-explain");
  for (const Sample& s : samples()) {
    const BasisRun run = run_basis("explain " + sample_file(s) + " --format json", scratch.path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << s.path;
    EXPECT_EQ(j.value("style", ""), s.default_style) << s.path;
  }
}

// Without --format: Markdown.
TEST(ExplainDefaults, FormatIsMarkdown) {
  ScratchDir scratch("cli-explain");
  const BasisRun run = run_basis(
      "explain " + quote(source_path("samples/construction/office-fitout.yaml")), scratch.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("# Category B fit-out, level 5, for Halden & Rowe LLP\n", 0), 0u);
}

// An estimate that names no client.style, with no basis.yaml around: analytical.
TEST(ExplainDefaults, StyleIsAnalyticalWhenTheEstimateNamesNone) {
  ScratchDir scratch("cli-explain");
  fs::copy_file(source_path("tests/data/explain/uncovered.yaml"), scratch.path() / "tiny.yaml");
  const BasisRun run = run_basis("explain tiny.yaml --rules " +
                                     quote(source_path("tests/data/explain/uncovered-rules.yaml")) +
                                     " --format json",
                                 scratch.path() / "capture", scratch.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.value("style", ""), "analytical");
  // 10 hours at 80.00 + 450.00.
  EXPECT_EQ(j["total"].value("shown", ""), "\u20ac1,250.00");
}

// client.style: internal would make the negotiation brief the default: an error that points
// at the value.
TEST(ExplainDefaults, ClientStyleInternalIsAnError) {
  ScratchDir scratch("cli-explain");
  std::string estimate = read_file(source_path("samples/software/portal-v2.yaml"));
  const std::string from = "  style: analytical\n";
  const std::size_t at = estimate.find(from);
  ASSERT_NE(at, std::string::npos);
  estimate.replace(at, from.size(), "  style: internal\n");
  write_file(scratch.path() / "portal.yaml", estimate);
  const BasisRun run = run_basis("explain portal.yaml", scratch.path() / "capture", scratch.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  // Line 13 of the sample is "  style: analytical"; the value starts in column 10.
  EXPECT_EQ(run.err.rfind("portal.yaml:13:10: error: ", 0), 0u) << run.err;
  EXPECT_NE(run.err.find("internal"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--style internal"), std::string::npos) << run.err;
}

TEST(ExplainUsage, UnknownStyleAndFormatAreUsageErrors) {
  ScratchDir scratch("cli-explain");
  const std::string estimate = quote(source_path("samples/software/portal-v2.yaml"));
  BasisRun run = run_basis("explain " + estimate + " --style analitycal", scratch.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("unknown style 'analitycal'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("analytical"), std::string::npos) << run.err;
  run = run_basis("explain " + estimate + " --format docx", scratch.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("'docx'"), std::string::npos) << run.err;
}

// The CSV file is the data platform's item list; alone it has no rate card.
TEST(ExplainUsage, TheDataPlatformCsvAloneIsRejectedWithItsPlace) {
  ScratchDir scratch("cli-explain");
  const BasisRun run = run_basis(
      "explain " + quote(source_path("samples/consulting/data-platform.csv")), scratch.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("data-platform.csv:2:10: error: column 'rate': unknown rate "
                         "'principal_consultant'"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("items: {csv: ...}"), std::string::npos) << run.err;
}

// --- PDF -----------------------------------------------------------------------------------

// Without a browser the message names the package to install, and nothing is written.
TEST(ExplainPdf, WithoutChromiumTheMessageNamesThePackage) {
  ScratchDir scratch("cli-explain");
  const fs::path out = scratch.path() / "out" / "portal.pdf";
  fs::create_directories(out.parent_path());
  const BasisRun run =
      run_basis("explain " + quote(source_path("samples/software/portal-v2.yaml")) +
                    " --format pdf -o " + quote(out.string()),
                scratch.path() / "capture", {}, "PATH=/nonexistent");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("install the 'chromium' package"), std::string::npos) << run.err;
  EXPECT_TRUE(listing(out.parent_path()).empty());
}

// With one installed, every sample prints in every style. PDF is exempt from byte identity
// (the browser stamps dates), and its text is compressed, so the checks are on the file.
TEST(ExplainPdf, EverySampleAndStylePrintsWhenChromiumIsInstalled) {
  if (!chromium_on_path()) GTEST_SKIP() << "no chromium on PATH";
  ScratchDir scratch("cli-explain");
  for (const Sample& s : samples()) {
    for (const std::string& style : kAllStyles) {
      SCOPED_TRACE(s.path + " --style " + style);
      const fs::path dir =
          scratch.path() / "pdf" / (s.path.substr(s.path.find('/') + 1) + "-" + style);
      fs::create_directories(dir);
      const fs::path out = dir / "explanation.pdf";
      const BasisRun run = run_basis("explain " + sample_file(s) + " --style " + style +
                                         " --format pdf -o " + quote(out.string()),
                                     scratch.path() / "capture");
      ASSERT_EQ(run.exit_code, 0) << run.err;
      EXPECT_EQ(listing(dir), std::vector<std::string>{"explanation.pdf"});
      const std::string pdf = read_file(out);
      EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
      EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
    }
  }
}

// --- -o ------------------------------------------------------------------------------------

// -o writes the same bytes as standard output, and only the named file.
TEST(ExplainOutput, WritesTheFileAndNothingElse) {
  ScratchDir scratch("cli-explain");
  const fs::path dir = scratch.path() / "out";
  fs::create_directories(dir);
  const std::string estimate = quote(source_path("samples/consulting/data-platform.yaml"));
  const BasisRun to_stdout =
      run_basis("explain " + estimate + " --format html", scratch.path() / "a");
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  const BasisRun to_file = run_basis(
      "explain " + estimate + " --format html -o " + quote((dir / "platform.html").string()),
      scratch.path() / "b");
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(listing(dir), std::vector<std::string>{"platform.html"});
  EXPECT_TRUE(read_file(dir / "platform.html") == to_stdout.out);

  // Writing again replaces the file whole, still leaving nothing beside it.
  const BasisRun again = run_basis(
      "explain " + estimate + " --format text -o " + quote((dir / "platform.html").string()),
      scratch.path() / "c");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(listing(dir), std::vector<std::string>{"platform.html"});
  EXPECT_NE(read_file(dir / "platform.html").find("\nTotal: $475,574.11\n"), std::string::npos);
}

// A run that fails, at any stage, leaves an existing file as it was and no temporary file.
TEST(ExplainOutput, AFailedRunLeavesTheExistingFileUntouched) {
  ScratchDir scratch("cli-explain");
  const fs::path dir = scratch.path() / "out";
  fs::create_directories(dir);
  const fs::path target = dir / "explanation.md";
  const std::string before = "the previous explanation, kept\n";
  write_file(target, before);
  const std::string o = " -o " + quote(target.string());
  const std::string portal = quote(source_path("samples/software/portal-v2.yaml"));
  struct Case {
    std::string args, env;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {"explain " + portal + " --style bogus" + o, "", 2},               // usage
      {"explain " + portal + " --format docx" + o, "", 2},               // usage
      {"explain " + quote((dir / "missing.yaml").string()) + o, "", 2},  // no such estimate
      {"explain " + quote(source_path("tests/data/explain/uncovered.yaml")) + " --rules " +
           quote(source_path("tests/data/explain/uncovered-rules.yaml")) + " --strict" + o,
       "", 1},                                                              // --strict
      {"explain " + portal + " --format pdf" + o, "PATH=/nonexistent", 2},  // no browser
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    const BasisRun run = run_basis(c.args, scratch.path() / "capture", {}, c.env);
    EXPECT_EQ(run.exit_code, c.exit_code) << run.err;
    EXPECT_EQ(read_file(target), before);
    EXPECT_EQ(listing(dir), std::vector<std::string>{"explanation.md"});
  }
}

// --- --strict ------------------------------------------------------------------------------

TEST(ExplainStrict, AnUncoveredLineFailsAndIsListed) {
  ScratchDir scratch("cli-explain");
  const std::string args = "explain " + quote(source_path("tests/data/explain/uncovered.yaml")) +
                           " --rules " +
                           quote(source_path("tests/data/explain/uncovered-rules.yaml"));
  const BasisRun strict = run_basis(args + " --strict", scratch.path());
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(strict.out, "");
  EXPECT_NE(strict.err.find("basis: error: --strict: 1 cost line is explained by no rule:\n"
                            "  B-1  Site survey  \u20ac450.00\n"),
            std::string::npos)
      << strict.err;
  EXPECT_EQ(strict.err.find("A-1"), std::string::npos) << strict.err;

  // Without --strict the explanation is written, with a warning naming the line.
  const BasisRun relaxed = run_basis(args, scratch.path());
  EXPECT_EQ(relaxed.exit_code, 0) << relaxed.err;
  EXPECT_NE(relaxed.err.find("warning: 1 cost line is explained by no rule: B-1"),
            std::string::npos)
      << relaxed.err;
  EXPECT_NE(relaxed.out.find("**Total:** \u20ac1,250.00\n"), std::string::npos) << relaxed.out;
  EXPECT_NE(relaxed.out.find("The installation is \u20ac800.00 of fitting work."),
            std::string::npos);
}

// Every line of every sample is explained by the standard library: --strict passes.
TEST(ExplainStrict, TheSamplesAreFullyCovered) {
  ScratchDir scratch("cli-explain");
  for (const Sample& s : samples()) {
    const BasisRun run = run_basis("explain " + sample_file(s) + " --strict", scratch.path());
    EXPECT_EQ(run.exit_code, 0) << s.path << "\n" << run.err;
  }
}

// --- --previous ----------------------------------------------------------------------------

// v3 against v2: the move from $864,547.69 to $880,365.22 is +$15,817.53, +1.8% of the
// old total, bridged step by step (the figures of RevisionBridge.SampleRevisionPair in
// revision_test.cpp, worked by hand there). The largest changes come with their
// change_reason, and the item table carries every reason, so the rule that lists them
// without a previous revision stays quiet.
TEST(ExplainPrevious, SaysHowMuchTheTotalMovedAndWhyOnce) {
  ScratchDir scratch("cli-explain");
  const std::string v3 = quote(source_path("samples/software/portal-v3.yaml"));
  const BasisRun run = run_basis(
      "explain " + v3 + " --previous " + quote(source_path("samples/software/portal-v2.yaml")),
      scratch.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("**Change since version 2:** The total rose by $15,817.53 (+1.8%) from "
                         "$864,547.69 in revision 2 to $880,365.22 in revision 3: items added "
                         "+$28,750.00 (DEV-11, SRV-03), items removed -$20,000.00 (DEV-12), "
                         "changes in hours and quantities +$13,577.40, changes in rates and "
                         "prices +$4,095.00, "),
            std::string::npos)
      << run.out;
  const std::string reason = "Schedule extended from 8 to 9 months for the added scope.";
  EXPECT_NE(run.out.find("- PM-01 Project management: +$5,600.00, hours 480 \u2192 520 at $140.00 "
                         "(project\\_manager). " +
                         reason + "\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("| PM-01 Project management | changed: hours 480 \u2192 520 at $140.00 "
                         "(project\\_manager) | $67,200.00 | $72,800.00 | +$5,600.00 | $0.00 | " +
                         reason + " |"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("| **Total, revision 3** | **+$15,817.53 (+1.8%)** | **$880,365.22** |"),
            std::string::npos);
  EXPECT_EQ(run.out.find("Changed since the last version"), std::string::npos);

  // Without --previous the same reasons come as one list.
  const BasisRun alone = run_basis("explain " + v3, scratch.path());
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_NE(alone.out.find("Changed since the last version:\n\n"
                           "- Secure messaging with care teams: Image and PDF attachments were "
                           "added to scope at the 29 October review.\n"
                           "- Caregiver proxy access: "),
            std::string::npos)
      << alone.out;
}

// An old revision in another currency cannot be bridged: explain refuses it exactly as
// `basis diff` does, with the same message and exit code 2, and writes nothing.
TEST(ExplainPrevious, AnOldRevisionInAnotherCurrencyIsRefusedLikeDiff) {
  ScratchDir scratch("cli-explain");
  std::string old = read_file(source_path("samples/software/portal-v2.yaml"));
  const std::size_t at = old.find("\ncurrency: USD\n");
  ASSERT_NE(at, std::string::npos);
  old.replace(at, 15, "\ncurrency: EUR\n");
  write_file(scratch.path() / "portal-v2-eur.yaml", old);
  const std::string v3 = quote(source_path("samples/software/portal-v3.yaml"));
  const std::string v2 = quote((scratch.path() / "portal-v2-eur.yaml").string());
  const BasisRun diff = run_basis("diff " + v2 + " " + v3, scratch.path());
  const BasisRun explain = run_basis("explain " + v3 + " --previous " + v2, scratch.path());
  EXPECT_EQ(diff.exit_code, 2);
  EXPECT_EQ(explain.exit_code, 2);
  EXPECT_EQ(explain.out, "");
  EXPECT_NE(explain.err.find("error: the new revision is in USD but the old one is in EUR: a "
                             "revision bridge compares two revisions in the same currency"),
            std::string::npos)
      << explain.err;
  EXPECT_EQ(explain.err, diff.err);
}

// --- basis.yaml ----------------------------------------------------------------------------

class ExplainWorkspace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>("cli-explain");
    project_ = dir_->path() / "project";
    fs::create_directories(project_ / "rules");
    fs::copy_file(source_path("tests/data/explain/uncovered.yaml"), project_ / "tiny.yaml");
    fs::copy_file(source_path("tests/data/explain/uncovered-rules.yaml"),
                  project_ / "rules" / "ours.yaml");
  }

  void workspace(const std::string& text) { write_file(project_ / "basis.yaml", text); }

  std::unique_ptr<ScratchDir> dir_;
  fs::path project_;
};

// rules, style and format come from basis.yaml beside the estimate; trace paths are
// relative to it.
TEST_F(ExplainWorkspace, RulesStyleAndFormatAreHonoured) {
  workspace("rules: [rules/ours.yaml]\nstyle: amiable\nformat: json\nstrict: false\n");
  const BasisRun run = run_basis("explain " + quote((project_ / "tiny.yaml").string()),
                                 dir_->path() / "capture", dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << run.out;
  EXPECT_EQ(j.value("style", ""), "amiable");
  ASSERT_FALSE(j["trace"].empty());
  EXPECT_EQ(j["trace"][0].value("rule_id", ""), "works-explained");
  EXPECT_EQ(j["trace"][0].value("file", ""), "rules/ours.yaml");
  EXPECT_EQ(j["trace"][0].value("shown", ""), "\u20ac800.00");

  // The command line wins over basis.yaml.
  const BasisRun given = run_basis(
      "explain " + quote((project_ / "tiny.yaml").string()) + " --style driver --format md",
      dir_->path() / "capture", dir_->path());
  ASSERT_EQ(given.exit_code, 0) << given.err;
  EXPECT_EQ(given.out.rfind("# Two-line estimate with one line no rule explains\n", 0), 0u);
}

TEST_F(ExplainWorkspace, StrictIsHonoured) {
  workspace("rules: [rules/ours.yaml]\nstrict: true\n");
  const BasisRun run = run_basis("explain tiny.yaml", dir_->path() / "capture", project_);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("  B-1  Site survey  \u20ac450.00\n"), std::string::npos) << run.err;

  workspace("rules: [rules/ours.yaml]\nstrict: false\n");
  EXPECT_EQ(run_basis("explain tiny.yaml", dir_->path() / "capture", project_).exit_code, 0);
}

// The estimate's own client.style comes before basis.yaml's style.
TEST_F(ExplainWorkspace, TheEstimatesClientStyleComesFirst) {
  workspace("rules: [rules/ours.yaml]\nstyle: amiable\nformat: json\n");
  std::string estimate = read_file(project_ / "tiny.yaml");
  const std::string from = "  name: Example Client\n";
  const std::size_t at = estimate.find(from);
  ASSERT_NE(at, std::string::npos);
  estimate.replace(at, from.size(), from + "  style: expressive\n");
  write_file(project_ / "tiny.yaml", estimate);
  const BasisRun run = run_basis("explain tiny.yaml", dir_->path() / "capture", project_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j.value("style", ""), "expressive");
}

// basis.yaml in the current directory applies to an estimate elsewhere.
TEST_F(ExplainWorkspace, FoundInTheCurrentDirectory) {
  const fs::path elsewhere = dir_->path() / "estimates";
  fs::create_directories(elsewhere);
  fs::rename(project_ / "tiny.yaml", elsewhere / "tiny.yaml");
  workspace("rules: [rules/ours.yaml]\nformat: json\n");
  const BasisRun run = run_basis("explain " + quote((elsewhere / "tiny.yaml").string()),
                                 dir_->path() / "capture", project_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << run.out;
  EXPECT_EQ(j.value("style", ""), "analytical");
  EXPECT_EQ(j["trace"][0].value("rule_id", ""), "works-explained");
}

// A mistake in basis.yaml is reported with its place, and nothing is explained.
TEST_F(ExplainWorkspace, ABadSettingIsAnErrorWithItsPlace) {
  workspace("rules: [rules/ours.yaml]\nstyle: analitycal\n");
  const BasisRun run = run_basis("explain tiny.yaml", dir_->path() / "capture", project_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("basis.yaml:2:8: error: "), std::string::npos) << run.err;
}

}  // namespace
