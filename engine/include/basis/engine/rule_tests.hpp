#pragma once
// Rule tests (`basis test`): YAML files of named cases, each an estimate, the rules to load,
// overrides applied to the estimate before evaluation, and what must come out:
//
//   tests:
//     - name: regulated testing is explained
//       estimate: ../samples/software/portal.yaml    # relative to the test file
//       rules: ../rules/software-delivery.yaml       # a path or a list of paths
//       set: {estimate.client.industry: finance}     # overrides, before evaluation
//       style: analytical                            # for text_contains (optional)
//       previous: ../samples/software/portal-v1.yaml # previous revision (optional)
//       expect:
//         fires: [testing-regulated]      # kept: condition held, no higher tier kept
//         suppressed: [testing-standard]  # condition held, a higher tier was kept
//         not_fires: [testing-light]      # not kept (not fired or suppressed)
//         metrics: {test_ratio: 0.286}    # at the precision written; true/false; "text"
//         text_contains: ["28.6%"]        # in the explanation as plain text
//         total: 214830.40                # exactly
//
// Loading checks the file's shape and reports every problem with file:line:column. The
// runner compiles each distinct rule list once and reports, per test, every expectation
// that did not hold with the place it is written. Rendering is not the engine's: the
// caller supplies the text of the explanation for text_contains.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "basis/parser/value.hpp"

namespace basis {

// A text written in the test file with where it is written.
struct TestText {
  std::string text;
  SourcePos pos;
};

// One `set:` override: a dotted path under `estimate` and the value to put there.
struct TestOverride {
  std::string path;  // "estimate.client.industry"
  SourcePos path_pos;
  Value value;  // value.pos is where it is written
};

// An expected metric value, kept as written: compared at the written precision, never
// through a binary floating-point number.
struct ExpectedMetric {
  enum class Kind : std::uint8_t { number, boolean, text, null };
  std::string name;
  SourcePos name_pos;
  Kind kind = Kind::number;
  std::string written;  // the scalar's text: "0.286", "28.6%", "true", ...
  Decimal number;       // kind number: the value (a percentage already divided by 100)
  int places = 0;       // kind number: decimals to compare at (28.6% compares 0.286: 3)
  bool boolean = false;
  SourcePos pos;
};

struct RuleTestCase {
  SourceRef file;  // the test file
  std::string name;
  SourcePos pos;                // the test's first key
  TestText estimate;            // path resolved against the test file's directory
  std::vector<TestText> rules;  // resolved likewise
  std::optional<TestText> previous;
  std::vector<TestOverride> set;
  std::optional<DecisionStyle> style;  // may be internal
  SourcePos style_pos;

  std::vector<TestText> fires, suppressed, not_fires;
  std::vector<ExpectedMetric> metrics;
  std::vector<TestText> text_contains;
  std::optional<TestText> total;  // the text as written
  Decimal total_value;
};

struct RuleTestFile {
  SourceRef source;
  std::vector<RuleTestCase> tests;
};

// Reads and checks a test file: unknown keys (with "did you mean"), missing name, estimate
// or rules, values of the wrong kind, unknown styles, numbers that are not numbers. Returns
// nullopt when any error was reported.
std::optional<RuleTestFile> load_rule_tests(const std::string& path, Diagnostics& diags);
std::optional<RuleTestFile> load_rule_tests_text(const SourceRef& source, Diagnostics& diags);

// The test files under `path`: the file itself, or every *.test.yaml below a directory
// (recursively, not following directory links, hidden directories skipped), sorted. An
// error when the path does not exist or a directory holds none.
std::optional<std::vector<std::string>> find_rule_test_files(const std::string& path,
                                                             Diagnostics& diags);

// Applies `set` overrides to an estimate before it is computed: estimate.class,
// estimate.domain, estimate.title, estimate.id, estimate.date, estimate.version, and any
// path under estimate.client, estimate.project and estimate.internal (maps are created as
// needed). Reports an unsupported path or a bad value at its place; false on error.
bool apply_overrides(EstimateSyntax& estimate, const std::vector<TestOverride>& overrides,
                     const SourceRef& file, Diagnostics& diags);

// The explanation as plain text with whitespace collapsed, for text_contains: built from
// the evaluation (of the test's estimate, after `set`) for `style`. nullopt after reporting
// an error into diags.
using ExplanationTextFn = std::function<std::optional<std::string>(
    RuleEvaluation& evaluation, const Estimate* previous, DecisionStyle style, Diagnostics& diags)>;

struct RuleTestFailure {
  SourcePos pos;  // the expectation in the test file
  std::string message;
};

struct RuleTestOutcome {
  const RuleTestCase* test = nullptr;
  std::vector<RuleTestFailure> failures;  // expectations that did not hold, in file order
  // The test could not run or names what does not exist (an unknown rule or metric, rules
  // that do not compile, an estimate that does not load): the errors are in diags.
  bool invalid = false;
  bool passed() const { return !invalid && failures.empty(); }
};

class RuleTestRunner {
 public:
  explicit RuleTestRunner(ExplanationTextFn explanation_text);

  // Runs one test. Errors (invalid test) and evaluation warnings go into diags.
  RuleTestOutcome run(const RuleTestCase& test, Diagnostics& diags);

 private:
  std::shared_ptr<const RuleProgram> program(const RuleTestCase& test, Diagnostics& diags);

  ExplanationTextFn explanation_text_;
  // Compiled programs by rule list; null when that list failed (reported once).
  std::map<std::vector<std::string>, std::shared_ptr<const RuleProgram>> programs_;
};

// "path:line:col: test 'name' failed" and one "path:line:col: message" line per failure.
std::string format_failures(const RuleTestOutcome& outcome);
// "N passed, M failed" (a test that is invalid counts as failed).
std::string format_summary(std::size_t passed, std::size_t failed);

}  // namespace basis
