// Running rule tests: each test's estimate (with its overrides) evaluated under its rules,
// every expectation checked and every difference said in words, at the place it is written.

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "basis/engine/rule_tests.hpp"

#include "basis/core/text.hpp"

namespace basis {

namespace fs = std::filesystem;

namespace {

bool file_exists(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::uint32_t length_of(std::string_view text) {
  return static_cast<std::uint32_t>(std::max<std::size_t>(1, text.size()));
}

class TestCheck {
 public:
  TestCheck(const RuleTestCase& test, const RuleProgram& program, RuleEvaluation& ev,
            RuleTestOutcome& outcome, Diagnostics& diags)
      : test_(test), program_(program), ev_(ev), outcome_(outcome), diags_(diags) {}

  void rules() {
    for (const TestText& id : test_.fires) {
      const RuleResult* r = rule(id);
      if (r == nullptr || r->outcome == RuleOutcome::fired) continue;
      fail(id.pos,
           fmt::format("expected rule '{}' to fire, but {}", id.text, why_not(id.text, *r)));
    }
    for (const TestText& id : test_.suppressed) {
      const RuleResult* r = rule(id);
      if (r == nullptr || r->outcome == RuleOutcome::suppressed) continue;
      const RuleSyntax& syntax = *program_.rule_refs()[*program_.find_rule(id.text)].rule;
      const std::string no_group = syntax.group.text.empty() ? "; it belongs to no group" : "";
      fail(id.pos, r->fired() ? fmt::format("expected rule '{}' to be suppressed, but it fired{}",
                                            id.text, no_group)
                              : fmt::format("expected rule '{}' to be suppressed, but it did not "
                                            "fire ({}){}",
                                            id.text, not_fired_reason(id.text), no_group));
    }
    for (const TestText& id : test_.not_fires) {
      const RuleResult* r = rule(id);
      if (r == nullptr || !r->fired()) continue;
      fail(id.pos, fmt::format("expected rule '{}' not to fire, but it fired", id.text));
    }
  }

  void metrics() {
    for (const ExpectedMetric& m : test_.metrics) {
      const RuleValue* v = ev_.metric(m.name);
      if (v == nullptr) {
        const std::vector<std::string_view> names = program_.metric_names();
        diags_.error(test_.file, m.name_pos,
                     fmt::format("no metric '{}' in the rules loaded{}", m.name,
                                 did_you_mean(m.name, names)),
                     length_of(m.name));
        outcome_.invalid = true;
        continue;
      }
      if (!metric_matches(m, *v)) {
        fail(m.pos, fmt::format("metric {}: expected {}, got {}", m.name, expected_text(m),
                                v->is_number() ? v->as_number().to_string() : ev_.describe(*v)));
      }
    }
  }

  void total(const Estimate& estimate) {
    if (!test_.total || estimate.totals.total == test_.total_value) return;
    fail(test_.total->pos, fmt::format("total: expected {}, got {}", test_.total->text,
                                       estimate.totals.total.to_fixed(estimate.money_decimals)));
  }

  void text(const std::string& rendered) {
    const std::string haystack = collapse_whitespace(rendered);
    for (const TestText& t : test_.text_contains) {
      if (haystack.find(collapse_whitespace(t.text)) != std::string::npos) continue;
      fail(t.pos, fmt::format("text does not contain \"{}\"", t.text));
    }
  }

 private:
  void fail(SourcePos pos, std::string message) {
    outcome_.failures.push_back({pos, std::move(message)});
  }

  // The rule's result; an unknown id is an error of the test file.
  const RuleResult* rule(const TestText& id) {
    if (const RuleResult* r = ev_.rule(id.text)) return r;
    std::vector<std::string_view> ids;
    for (const auto& ref : program_.rule_refs()) ids.push_back(ref.rule->id);
    diags_.error(
        test_.file, id.pos,
        fmt::format("no rule '{}' in the rules loaded{}", id.text, did_you_mean(id.text, ids)),
        length_of(id.text));
    outcome_.invalid = true;
    return nullptr;
  }

  std::string not_fired_reason(const std::string& id) const {
    const std::size_t index = *program_.find_rule(id);
    return program_.rule_for_each(index).valid() ? "no for_each element matched"
                                                 : "condition false";
  }

  std::string why_not(const std::string& id, const RuleResult& r) const {
    if (r.outcome == RuleOutcome::not_fired) {
      return fmt::format("it did not ({})", not_fired_reason(id));
    }
    // Suppressed: name the tier that was kept instead.
    const std::size_t index = *program_.find_rule(id);
    const std::string& group = program_.rule_refs()[index].rule->group.text;
    for (std::size_t i = 0; i < program_.rule_refs().size(); ++i) {
      if (program_.rule_refs()[i].rule->group.text == group && ev_.rules()[i].fired()) {
        return fmt::format("it was suppressed: '{}', a higher tier of group '{}', is kept",
                           program_.rule_refs()[i].rule->id, group);
      }
    }
    return fmt::format("it was suppressed by a higher tier of group '{}'", group);
  }

  static std::string expected_text(const ExpectedMetric& m) {
    return m.kind == ExpectedMetric::Kind::text ? "\"" + m.written + "\"" : m.written;
  }

  static bool metric_matches(const ExpectedMetric& m, const RuleValue& v) {
    switch (m.kind) {
      case ExpectedMetric::Kind::null:
        return v.is_null();
      case ExpectedMetric::Kind::boolean:
        return v.kind() == RuleValue::Kind::boolean && v.as_boolean() == m.boolean;
      case ExpectedMetric::Kind::text:
        return v.is_text() && v.as_text() == m.written;
      case ExpectedMetric::Kind::number: {
        if (!v.is_number()) return false;
        const std::optional<Decimal> rounded = v.as_number().round(m.places);
        return rounded && *rounded == m.number;
      }
    }
    return false;
  }

  const RuleTestCase& test_;
  const RuleProgram& program_;
  RuleEvaluation& ev_;
  RuleTestOutcome& outcome_;
  Diagnostics& diags_;
};

std::string location(const SourceRef& file, SourcePos pos) {
  const std::string path = file ? file->path() : std::string("<test>");
  if (!pos.known()) return path;
  return fmt::format("{}:{}:{}", path, pos.line, pos.column);
}

// The style text_contains reads: the test's, else the estimate's client.style, else analytical.
DecisionStyle text_style(const RuleTestCase& test, const Estimate& estimate) {
  if (test.style) return *test.style;
  if (const Value* style = estimate.syntax.client.find("style")) {
    if (style->kind == Value::Kind::text) {
      if (auto s = parse_style(style->text)) return *s;
    }
  }
  return DecisionStyle::analytical;
}

}  // namespace

RuleTestRunner::RuleTestRunner(ExplanationTextFn explanation_text)
    : explanation_text_(std::move(explanation_text)) {}

std::shared_ptr<const RuleProgram> RuleTestRunner::program(const RuleTestCase& test,
                                                           Diagnostics& diags) {
  std::vector<std::string> paths;
  for (const TestText& r : test.rules) paths.push_back(r.text);
  if (auto it = programs_.find(paths); it != programs_.end()) return it->second;
  std::shared_ptr<const RuleProgram> program;
  if (std::optional<LoadedRules> loaded = load_rules(paths, diags)) {
    program = compile_rules(std::make_shared<const LoadedRules>(std::move(*loaded)), diags);
  }
  programs_.emplace(std::move(paths), program);
  return program;
}

RuleTestOutcome RuleTestRunner::run(const RuleTestCase& test, Diagnostics& diags) {
  RuleTestOutcome outcome;
  outcome.test = &test;
  const std::size_t errors_before = diags.error_count();
  auto missing = [&](const TestText& path, std::string_view what) {
    if (file_exists(path.text)) return false;
    diags.error(test.file, path.pos, fmt::format("cannot find the {} '{}'", what, path.text));
    return true;
  };
  bool files_missing = missing(test.estimate, "estimate");
  for (const TestText& r : test.rules) files_missing = missing(r, "rule file") || files_missing;
  if (test.previous) files_missing = missing(*test.previous, "previous estimate") || files_missing;
  if (files_missing) {
    outcome.invalid = true;
    return outcome;
  }

  std::shared_ptr<const RuleProgram> program = this->program(test, diags);
  std::optional<Estimate> estimate;
  if (std::optional<EstimateSyntax> syntax = load_estimate(test.estimate.text, diags)) {
    if (apply_overrides(*syntax, test.set, test.file, diags)) {
      estimate = compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
    }
  }
  std::optional<Estimate> previous;
  if (test.previous) {
    if (std::optional<EstimateSyntax> syntax = load_estimate(test.previous->text, diags)) {
      previous = compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
    }
  }
  if (!program || !estimate || (test.previous && !previous) ||
      diags.error_count() != errors_before) {
    outcome.invalid = true;
    return outcome;
  }

  RuleEvaluation ev = evaluate(*program, *estimate, previous ? &*previous : nullptr, diags);
  if (!ev.complete() || diags.error_count() != errors_before) {
    outcome.invalid = true;
    return outcome;
  }
  TestCheck check(test, *program, ev, outcome, diags);
  check.rules();
  check.metrics();
  check.total(*estimate);
  if (!test.text_contains.empty()) {
    std::optional<std::string> text;
    if (explanation_text_) {
      text = explanation_text_(ev, previous ? &*previous : nullptr, text_style(test, *estimate),
                               diags);
    } else {
      diags.error(test.file, test.text_contains.front().pos,
                  "text_contains needs the explanation, which this runner cannot render");
    }
    if (text) {
      check.text(*text);
    } else {
      outcome.invalid = true;
    }
  }
  // Failures in the order they are written in the file.
  std::stable_sort(
      outcome.failures.begin(), outcome.failures.end(),
      [](const RuleTestFailure& a, const RuleTestFailure& b) { return a.pos < b.pos; });
  return outcome;
}

std::string format_failures(const RuleTestOutcome& outcome) {
  if (outcome.passed() || outcome.test == nullptr) return {};
  const RuleTestCase& test = *outcome.test;
  std::string out =
      fmt::format("{}: test '{}' {}\n", location(test.file, test.pos), test.name,
                  outcome.invalid ? "could not run (see the errors above)" : "failed");
  for (const RuleTestFailure& f : outcome.failures) {
    out += fmt::format("{}: {}\n", location(test.file, f.pos), f.message);
  }
  return out;
}

std::string format_summary(std::size_t passed, std::size_t failed) {
  return fmt::format("{} passed, {} failed", passed, failed);
}

}  // namespace basis
