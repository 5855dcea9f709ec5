// `basis lint`: each kind of finding on small rule sets written for it (tests/data/lint/,
// whose comments say what is expected and why), the exit codes, the JSON form, and the
// findings on the shipped samples with the standard library, each checked by reading the
// rule's condition against the samples (see ShippedLibraryOnTheSamples).

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "basis/engine/explain.hpp"
#include "basis/engine/lint.hpp"
#include "basis/engine/rules.hpp"
#include "cli_run_support.hpp"

namespace {

using namespace basis::cli_testing;

std::string lint_data(const std::string& name) {
  return quote(source_path("tests/data/lint/" + name));
}

// The "file:line:col: warning: message" lines of stderr, the file cut to what follows
// `from` (so that an absolute library path reads the same on every machine).
std::vector<std::string> warnings(const std::string& err, const std::string& from) {
  std::vector<std::string> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(": warning: ") == std::string::npos) continue;
    const std::size_t at = line.find(from);
    out.push_back(at == std::string::npos ? line : line.substr(at));
  }
  return out;
}

TEST(CliLint, ReportsEveryKindOfFindingAtItsPlace) {
  ScratchDir scratch("cli-lint");
  const BasisRun run = run_basis("lint --rules " + lint_data("rules.yaml") + " " +
                                     lint_data("lint-a.yaml") + " " + lint_data("lint-b.yaml"),
                                 scratch.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;  // findings fail only under --strict
  const std::vector<std::string> expected = {
      "tests/data/lint/lint-b.yaml:17:9: warning: cost line 'B-1' (Site survey, $450.00) is "
      "explained by no rule that fired",
      "tests/data/lint/rules.yaml:15:3: warning: metric 'spare_hours' is never read: no rule, "
      "metric, template, option or benchmark uses it",
      "tests/data/lint/rules.yaml:16:3: warning: metric 'travel_hours' is read only by metrics "
      "that nothing else reads: 'orphan_ratio'",
      "tests/data/lint/rules.yaml:17:3: warning: metric 'orphan_ratio' is never read: no rule, "
      "metric, template, option or benchmark uses it",
      "tests/data/lint/rules.yaml:43:9: warning: rule 'travel-explained' never fired: tried on 2 "
      "estimates",
      "tests/data/lint/rules.yaml:50:13: warning: option 'cut-travel' of rule 'travel-explained' "
      "matches nothing: tried on 2 estimates",
  };
  EXPECT_EQ(warnings(run.err, "tests/data/lint/"), expected) << run.err;
  // Compiler style: the source line and a caret under the id.
  EXPECT_NE(run.err.find(" 43 |   - id: travel-explained\n    |         ^~~~~~~~~~~~~~~~\n"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.out,
            "6 findings: 3 unused metrics, 1 rule that never fired, 1 option that matches "
            "nothing, 1 uncovered cost line\n");
}

TEST(CliLint, StrictFailsOnFindingsOnly) {
  ScratchDir scratch("cli-lint");
  const BasisRun findings =
      run_basis("lint --strict --rules " + lint_data("rules.yaml") + " " + lint_data("lint-a.yaml"),
                scratch.path());
  EXPECT_EQ(findings.exit_code, 1) << findings.err;
  // On lint-a alone the rule and option findings say one estimate; no line is uncovered.
  const std::vector<std::string> lines = warnings(findings.err, "tests/data/lint/");
  ASSERT_EQ(lines.size(), 5u) << findings.err;
  EXPECT_EQ(lines[3],
            "tests/data/lint/rules.yaml:43:9: warning: rule 'travel-explained' never fired: "
            "tried on 1 estimate");

  const BasisRun clean = run_basis(
      "lint --strict --rules " + lint_data("clean-rules.yaml") + " " + lint_data("lint-a.yaml"),
      scratch.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.err, "");
  EXPECT_EQ(clean.out, "no findings on 1 estimate\n");
}

TEST(CliLint, StrictComesFromTheWorkspaceToo) {
  ScratchDir scratch("cli-lint");
  fs::copy_file(source_path("tests/data/lint/rules.yaml"), scratch.path() / "rules.yaml");
  fs::copy_file(source_path("tests/data/lint/lint-b.yaml"), scratch.path() / "lint-b.yaml");
  write_file(scratch.path() / "basis.yaml", "rules: [rules.yaml]\nstrict: true\n");
  const BasisRun run = run_basis("lint lint-b.yaml", scratch.path() / "capture", scratch.path());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("lint-b.yaml:17:9: warning: cost line 'B-1'"), std::string::npos)
      << run.err;
  write_file(scratch.path() / "basis.yaml", "rules: [rules.yaml]\n");
  EXPECT_EQ(run_basis("lint lint-b.yaml", scratch.path() / "capture", scratch.path()).exit_code, 0);
}

TEST(CliLint, JsonListsTheFindings) {
  ScratchDir scratch("cli-lint");
  write_file(scratch.path() / "rules.yaml", read_file(source_path("tests/data/lint/rules.yaml")));
  write_file(scratch.path() / "b.yaml", read_file(source_path("tests/data/lint/lint-b.yaml")));
  const BasisRun run = run_basis("lint --format json --rules rules.yaml b.yaml",
                                 scratch.path() / "capture", scratch.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");  // the findings are the output, not diagnostics
  EXPECT_EQ(
      run.out,
      "[\n"
      "  {\"kind\": \"uncovered-line\", \"message\": \"cost line 'B-1' (Site survey, $450.00) is "
      "explained by no rule that fired\", \"file\": \"b.yaml\", \"line\": 17, \"column\": 9},\n"
      "  {\"kind\": \"unused-metric\", \"message\": \"metric 'spare_hours' is never read: no rule, "
      "metric, template, option or benchmark uses it\", \"file\": \"rules.yaml\", \"line\": 15, "
      "\"column\": 3},\n"
      "  {\"kind\": \"unused-metric\", \"message\": \"metric 'travel_hours' is read only by "
      "metrics that nothing else reads: 'orphan_ratio'\", \"file\": \"rules.yaml\", \"line\": 16, "
      "\"column\": 3},\n"
      "  {\"kind\": \"unused-metric\", \"message\": \"metric 'orphan_ratio' is never read: no "
      "rule, metric, template, option or benchmark uses it\", \"file\": \"rules.yaml\", \"line\": "
      "17, \"column\": 3},\n"
      "  {\"kind\": \"rule-never-fires\", \"message\": \"rule 'travel-explained' never fired: "
      "tried on 1 estimate\", \"file\": \"rules.yaml\", \"line\": 43, \"column\": 9},\n"
      "  {\"kind\": \"option-matches-nothing\", \"message\": \"option 'cut-travel' of rule "
      "'travel-explained' matches nothing: tried on 1 estimate\", \"file\": \"rules.yaml\", "
      "\"line\": 50, \"column\": 13}\n"
      "]\n");

  const BasisRun clean = run_basis("lint --format json --rules " + lint_data("clean-rules.yaml") +
                                       " " + lint_data("lint-a.yaml"),
                                   scratch.path() / "capture", scratch.path());
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out, "[]\n");
}

// Load and compile errors of every file at once, exit 2, no findings.
TEST(CliLint, InvalidInputIsReportedAllAtOnce) {
  ScratchDir scratch("cli-lint");
  write_file(scratch.path() / "bad-rules.yaml",
             "basis: rules/1\nrules:\n  - id: r\n    when: no_such_metric > 1\n    text: x\n");
  write_file(scratch.path() / "bad.yaml",
             "basis: estimate/1\nid: X\nitems:\n  - id: A\n    name: a\n    hours: -1\n    "
             "rate: 10\n");
  const BasisRun run = run_basis("lint --rules bad-rules.yaml bad.yaml " + lint_data("lint-a.yaml"),
                                 scratch.path() / "capture", scratch.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("bad.yaml:6:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bad-rules.yaml:4:"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;

  EXPECT_EQ(run_basis("lint --format xml --rules " + lint_data("rules.yaml") + " " +
                          lint_data("lint-a.yaml"),
                      scratch.path() / "capture")
                .exit_code,
            2);
}

// The standard library on the four samples, each estimate with its domain's rule set (the
// common rules judged over all four). Each rule below was checked by reading its condition:
//   maturity-detailed: estimate.class <= 2, and the samples are class 3 or 4;
//   judgment-heavy: no sample prices 10% of its direct cost by judgment;
//   contingency-thin, no-contingency: every sample holds a contingency of 5% or more;
//   discovery-first, handover: only data-platform has discovery and enablement lines, and
//     there a higher tier of their group is kept;
//   services-measured, furniture-quoted: the fit-out's services and furniture shares are
//     above the 20% / 15% these need;
//   pyramid-top-heavy, pyramid-thin-top, assurance-thin, enablement-missing: the data
//     platform's principal share sits between 5% and 12%, assurance above 10%, and it has
//     enablement;
//   testing-heavy, testing-standard: lower tiers of testing-regulated, which both portal
//     revisions keep; testing-thin: their test ratio is 35% and 33%; design-light: design
//     is above 5% of the direct cost.
// No metric is unused, no option matches nothing and every sample line is explained.
TEST(CliLint, ShippedLibraryOnTheSamples) {
  ScratchDir scratch("cli-lint");
  std::string args = "lint";
  for (const Sample& s : samples()) args += " " + quote(source_path("samples/" + s.path + ".yaml"));
  const BasisRun run = run_basis(args, scratch.path() / "capture", scratch.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> expected = {
      "rules/common.yaml:63:9: warning: rule 'maturity-detailed' never fired: tried on 4 "
      "estimates",
      "rules/common.yaml:163:9: warning: rule 'judgment-heavy' never fired: tried on 4 estimates",
      "rules/common.yaml:199:9: warning: rule 'contingency-thin' never fired: tried on 4 "
      "estimates",
      "rules/common.yaml:230:9: warning: rule 'no-contingency' never fired: tried on 4 estimates",
      "rules/common.yaml:249:9: warning: rule 'discovery-first' never fired: tried on 4 "
      "estimates; its condition held on 1 of them, but a higher tier of its group 'discovery' "
      "was kept",
      "rules/common.yaml:266:9: warning: rule 'handover' never fired: tried on 4 estimates; its "
      "condition held on 1 of them, but a higher tier of its group 'handover' was kept",
      "rules/construction.yaml:113:9: warning: rule 'services-measured' never fired: tried on 1 "
      "estimate",
      "rules/construction.yaml:125:9: warning: rule 'furniture-quoted' never fired: tried on 1 "
      "estimate",
      "rules/consulting.yaml:67:9: warning: rule 'pyramid-top-heavy' never fired: tried on 1 "
      "estimate",
      "rules/consulting.yaml:87:9: warning: rule 'pyramid-thin-top' never fired: tried on 1 "
      "estimate",
      "rules/consulting.yaml:332:9: warning: rule 'assurance-thin' never fired: tried on 1 "
      "estimate",
      "rules/consulting.yaml:430:9: warning: rule 'enablement-missing' never fired: tried on 1 "
      "estimate",
      "rules/software-delivery.yaml:77:9: warning: rule 'testing-heavy' never fired: tried on 2 "
      "estimates; its condition held on 2 of them, but a higher tier of its group "
      "'testing-depth' was kept",
      "rules/software-delivery.yaml:101:9: warning: rule 'testing-standard' never fired: tried "
      "on 2 estimates; its condition held on 2 of them, but a higher tier of its group "
      "'testing-depth' was kept",
      "rules/software-delivery.yaml:121:9: warning: rule 'testing-thin' never fired: tried on 2 "
      "estimates",
      "rules/software-delivery.yaml:226:9: warning: rule 'design-light' never fired: tried on 2 "
      "estimates",
  };
  EXPECT_EQ(warnings(run.err, "rules/"), expected) << run.err;
  EXPECT_EQ(run.out, "16 findings: 16 rules that never fired\n");
}

// The engine's coverage for lint is the explanation's coverage.
TEST(LintEngine, UncoveredItemsAreTheExplanationsUncoveredLines) {
  basis::Diagnostics diags;
  auto syntax = basis::load_estimate(source_path("tests/data/lint/lint-b.yaml"), diags);
  ASSERT_TRUE(syntax);
  auto estimate =
      basis::compute_estimate(std::move(*syntax), diags, basis::make_applies_to_filter());
  auto loaded =
      basis::load_rules(std::vector<std::string>{source_path("tests/data/lint/rules.yaml")}, diags);
  ASSERT_TRUE(estimate && loaded) << basis::format_diagnostics(diags);
  auto program = basis::compile_rules(std::make_shared<const basis::LoadedRules>(*loaded), diags);
  ASSERT_TRUE(program) << basis::format_diagnostics(diags);

  basis::RuleEvaluation ev = basis::evaluate(*program, *estimate, nullptr, diags);
  const std::vector<std::size_t> uncovered = basis::uncovered_items(ev);
  ASSERT_EQ(uncovered, std::vector<std::size_t>{2});  // B-1
  basis::ExplainRequest request;
  request.estimate = &*estimate;
  request.program = program.get();
  auto explanation = basis::build_explanation(request, diags);
  ASSERT_TRUE(explanation);
  EXPECT_EQ(explanation->uncovered_items, std::vector<std::string>{"B-1"});

  const basis::Estimate* one[] = {&*estimate};
  const auto findings = basis::lint_rules(*program, one, diags);
  std::vector<std::string> kinds;
  for (const auto& f : findings) kinds.emplace_back(basis::lint_kind_name(f.kind));
  EXPECT_EQ(kinds, (std::vector<std::string>{"unused-metric", "unused-metric", "unused-metric",
                                             "rule-never-fires", "option-matches-nothing",
                                             "uncovered-line"}));
  // With no estimate, only what the rules alone show.
  EXPECT_EQ(basis::lint_rules(*program, {}, diags).size(), 3u);
}

}  // namespace
