#pragma once
// `basis lint`: what a rule author should look at in a rule set, judged against real
// estimates. Each finding is a warning with a place: a metric that nothing reads (at its
// definition), a rule that fired on none of the estimates (at its id), an option whose
// change matches nothing in any of them (at the option's id), and, per estimate, a cost line
// that no fired rule explains (at the item in the estimate file).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"

namespace basis {

enum class LintKind : std::uint8_t {
  unused_metric,
  rule_never_fires,
  option_matches_nothing,
  uncovered_line,
};
// "unused-metric", "rule-never-fires", "option-matches-nothing", "uncovered-line".
std::string_view lint_kind_name(LintKind kind);

struct LintFinding {
  LintKind kind = LintKind::unused_metric;
  SourceRef source;  // the rule file, or the file that holds the item (the CSV for CSV items)
  SourcePos pos;
  std::uint32_t length = 1;  // characters of the name or id at `pos`
  std::string message;
};

// A rule program and the estimates to try it on.
struct LintTarget {
  const RuleProgram* program = nullptr;
  std::vector<const Estimate*> estimates;
};

// The findings of each program on its estimates, in this order: unused metrics in load
// order, rules that never fired in evaluation order, options that matched nothing in
// rule-file order, then each estimate's uncovered lines in estimate order. A rule file
// loaded by several targets (the common rules imported by two domains' rule sets) is judged
// over all of them: a rule is reported when it fired on none of the estimates of every
// target that loads it, with their total count; a metric when no target reads it; an
// option when it matched in none. Each program is evaluated once per estimate; evaluation
// warnings and errors (an exhausted budget: then no findings) go into `diags`.
std::vector<LintFinding> lint_rules(std::span<const LintTarget> targets, Diagnostics& diags,
                                    const EvalLimits& limits = {});
// One program: the same with one target.
std::vector<LintFinding> lint_rules(const RuleProgram& program,
                                    std::span<const Estimate* const> estimates, Diagnostics& diags,
                                    const EvalLimits& limits = {});

// Which metrics no rule, metric, template, option or benchmark reads (directly, or only
// through metrics that nothing reads): the unused-metric findings alone.
std::vector<LintFinding> lint_unused_metrics(const RuleProgram& program);

}  // namespace basis
