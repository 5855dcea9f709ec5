// libFuzzer target: the rule-set loader (YAML `rules/1`, with every expression and template
// in it parsed) on arbitrary text, then the formatting of its diagnostics. Imports are
// resolved by name but never opened by load_ruleset_text, so no file is read.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "basis/parser/ruleset_syntax.hpp"
#include "fuzz_support.hpp"

namespace {

void check_expression(const basis::ExpressionField& field) {
  if (field.syntax) BASIS_FUZZ_CHECK(field.syntax->root < field.syntax->nodes.size());
}

void check_ruleset(const basis::RuleSetSyntax& rules) {
  for (const basis::MetricSyntax& metric : rules.define) {
    BASIS_FUZZ_CHECK(!metric.name.empty());
    BASIS_FUZZ_CHECK(metric.expression.syntax != nullptr);
    check_expression(metric.expression);
  }
  for (const basis::RuleSyntax& rule : rules.rules) {
    BASIS_FUZZ_CHECK(!rule.id.empty());
    BASIS_FUZZ_CHECK(rules.find_rule(rule.id) != nullptr);
    check_expression(rule.when);
    check_expression(rule.for_each);
    check_expression(rule.explains);
    if (rule.when.present()) BASIS_FUZZ_CHECK(rule.when.syntax != nullptr);
    if (rule.text.present()) BASIS_FUZZ_CHECK(rule.text.syntax != nullptr);
    if (rule.benchmark) BASIS_FUZZ_CHECK(rule.benchmark->low.value <= rule.benchmark->high.value);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A directory that does not exist: imports resolve against it and must stay unopened.
  basis::SourceRef source = basis::fuzz::make_source("/nonexistent/basis-fuzz/rules.yaml",
                                                     basis::fuzz::input_text(data, size));
  basis::Diagnostics diags;
  std::optional<basis::RuleSetSyntax> rules = basis::load_ruleset_text(source, diags);
  BASIS_FUZZ_CHECK_RESULT(rules.has_value(), diags);
  if (rules) check_ruleset(*rules);
  BASIS_FUZZ_DIAGNOSTICS(diags);
  return 0;
}
