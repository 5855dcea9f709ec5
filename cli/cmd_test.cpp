// `basis test [PATH]`: runs rule tests (*.test.yaml) with the engine's runner; the
// explanation text for text_contains comes from the engine's builder and render's plain text.

#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "basis/engine/explain.hpp"
#include "basis/engine/rule_tests.hpp"
#include "basis/render/explanation.hpp"
#include "cli_common.hpp"

namespace basis::cli {

namespace {

struct TestOptions {
  std::string path;
  bool verbose = false;
};

// The explanation as text_contains reads it. Warnings of the build (nulls, coverage) are not
// the test's business; its errors are.
std::optional<std::string> explanation_text(RuleEvaluation& ev, const Estimate* previous,
                                            DecisionStyle style, Diagnostics& diags) {
  ExplainRequest request;
  request.estimate = &ev.estimate();
  request.program = &ev.program();
  request.style = std::string(style_name(style));
  request.previous = previous;
  Diagnostics build;
  std::optional<Explanation> explanation = build_explanation(ev, request, build);
  for (const Diagnostic& d : build.items()) {
    if (d.severity == Severity::error) diags.add(d);
  }
  if (!explanation) {
    if (!build.has_errors())
      diags.error(nullptr, SourcePos{}, "the explanation could not be built");
    return std::nullopt;
  }
  return render_plain_text(*explanation);
}

// Prints diagnostics to stderr, each distinct one once: the same rules evaluated by many
// tests would otherwise repeat their warnings for every test.
class DiagnosticPrinter {
 public:
  void print(Diagnostics& diags) {
    diags.sort();
    for (const Diagnostic& d : diags.items()) {
      std::string text = format_diagnostic(d);
      if (!seen_.insert(text).second) continue;
      std::fwrite(text.data(), 1, text.size(), stderr);
    }
    std::fflush(stderr);
  }

 private:
  std::set<std::string> seen_;
};

void print_out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int run_test(const TestOptions& options) {
  DiagnosticPrinter printer;
  Diagnostics diags;
  const auto files = find_rule_test_files(options.path, diags);
  if (!files) {
    printer.print(diags);
    return kExitInvalid;
  }
  RuleTestRunner runner(explanation_text);
  std::size_t passed = 0, failed = 0, unreadable = 0;
  bool invalid = false;
  for (const std::string& file : *files) {
    Diagnostics load_diags;
    std::optional<RuleTestFile> tests = load_rule_tests(file, load_diags);
    printer.print(load_diags);
    if (!tests) {
      ++unreadable;
      invalid = true;
      continue;
    }
    for (const RuleTestCase& test : tests->tests) {
      Diagnostics run_diags;
      const RuleTestOutcome outcome = runner.run(test, run_diags);
      printer.print(run_diags);
      if (outcome.passed()) {
        ++passed;
        if (options.verbose) {
          print_out("ok " + test.file->path() + ":" + std::to_string(test.pos.line) + ": " +
                    test.name + "\n");
        }
        continue;
      }
      ++failed;
      invalid = invalid || outcome.invalid;
      print_out(format_failures(outcome));
    }
  }
  if (unreadable > 0) {
    std::fprintf(stderr, "basis: %zu test file%s could not be read\n", unreadable,
                 unreadable == 1 ? "" : "s");
  }
  print_out(format_summary(passed, failed) + "\n");
  if (invalid) return kExitInvalid;
  return failed > 0 ? kExitChecksFailed : kExitOk;
}

}  // namespace

void add_test_command(CLI::App& app) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* command = app.add_subcommand(
      "test",
      "Run rule tests: every *.test.yaml under PATH (a file or a directory, default: the "
      "current directory)");
  command->add_option("PATH", options->path, "A test file or a directory to search")
      ->type_name("PATH");
  command->add_flag("-v,--verbose", options->verbose, "Also list the tests that pass");
  command->callback([options] { set_exit_code(run_test(*options)); });
}

}  // namespace basis::cli
