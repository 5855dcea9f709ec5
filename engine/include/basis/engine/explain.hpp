#pragma once
// Building the Explanation: an estimate, its evaluated rule program and one reader's style
// in; every statement worded, every figure formatted, every number traced out. render/
// only formats the result.
//
// What comes out is decided here once for every format: the sections the style shows and
// their order, the statements of the kept (fired) rules in priority order, the options as
// real recomputed scenarios, coverage, and the trace of every number a placeholder put into
// text. A client style gets nothing internal: no internal notes, no ask_in_return, no
// floor or margin.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/explanation.hpp"
#include "basis/engine/rules.hpp"
#include "basis/engine/totals_report.hpp"
#include "basis/parser/ruleset_syntax.hpp"

namespace basis {

struct ExplainRequest {
  const Estimate* estimate = nullptr;
  const RuleProgram* program = nullptr;
  std::string style = "analytical";    // driver | analytical | amiable | expressive | internal
  const Estimate* previous = nullptr;  // the previous revision, for `previous` and the summary
  // Trace file paths are made relative to this directory (the rule file's workspace) when
  // it is set; otherwise they are the paths as given to load_rules.
  std::string workspace;
  EvalLimits limits;
  // Options taken (`--with`): the explanation describes the estimate with these options
  // applied in rule-file order, and says in the summary which were taken and the total
  // before them. Unknown ids, options whose rule does not apply or that change nothing, and
  // two options adjusting the same adjustment are errors.
  std::vector<std::string> with_options;
  // The budget to search option combinations for (`--budget`); else the estimate's
  // client.budget. The search's limits are in negotiation.hpp (BudgetLimits).
  std::optional<Decimal> budget;
  std::size_t budget_max_combinations = 10;
  std::size_t budget_max_scenarios = 2000;
};

// Evaluates the rules and builds the explanation. Every warning (nulls shown in a client
// style, division by zero, options that match nothing, uncovered cost lines) is in
// Explanation::warnings; those that have a place in a file are also reported into `diags`.
// Returns nullopt, with errors in `diags`, on an unknown style, an evaluation that ran out
// of budget, or a failed reconciliation check.
std::optional<Explanation> build_explanation(const ExplainRequest& request, Diagnostics& diags);

// The same from an evaluation already made (`basis test` reads fired rules and metrics from
// it). `evaluation` must be of request.program on request.estimate (and request.previous).
std::optional<Explanation> build_explanation(RuleEvaluation& evaluation,
                                             const ExplainRequest& request, Diagnostics& diags);

// ---- coverage ------------------------------------------------------------------------------

// The cost lines that no fired rule explains (indices into the evaluated estimate's items,
// ascending). Rules in section `internal` do not count: a line is covered only by something
// a client could read. Explanation::uncovered lists the same lines; `basis lint` reports them.
std::vector<std::size_t> uncovered_items(const RuleEvaluation& evaluation);

// ---- the risks section's simulation ----------------------------------------------------------

// With three-point values, the risks section shows the P50 / P80 / P90 totals of `basis risk`
// run with the default seed (kDefaultRiskSeed) on one thread and this many iterations:
// 10,000 (`basis risk`'s default) while the run draws at most kExplainRiskSamples values,
// fewer for larger estimates (kExplainRiskSamples / values), never fewer than 200, so that
// an explanation of 10,000 items stays quick. docs/risk.md states the rule.
inline constexpr std::uint64_t kExplainRiskSamples = 1'000'000;
inline constexpr std::uint64_t kExplainRiskMaxIterations = 10'000;
inline constexpr std::uint64_t kExplainRiskMinIterations = 200;
std::uint64_t explanation_risk_iterations(std::size_t three_point_values);

// ---- styles ----------------------------------------------------------------------------------

struct StyleProfile {
  DecisionStyle style = DecisionStyle::analytical;
  std::vector<SectionKind> sections;  // in the order shown
  bool brief = false;  // brief: the 3 largest driver groups (and one row for the rest)
};

// The built-in profile of a style, overridden by the rule set's `styles:` setting.
// driver: summary, options, drivers, risks (brief); analytical: summary, drivers, basis,
// benchmarks, assumptions, exclusions, risks, options, questions, objections, buildup,
// coverage, trace; amiable: summary, assumptions, risks, drivers, questions, objections,
// options; expressive: summary, drivers, options; internal: every section, then
// internal.
StyleProfile style_profile(DecisionStyle style, const RuleSettings& settings);
std::optional<SectionKind> parse_section_kind(std::string_view name);

// ---- options ---------------------------------------------------------------------------------

// One option applied to a copy of the estimate and recomputed (adjustments included).
struct OptionScenario {
  // Whether the option changes anything: a filter selected an item, an `adjust` found its
  // adjustment, or an item was added. An option that matches nothing is not offered.
  bool matched = false;
  std::optional<Estimate> estimate;        // the recomputed scenario
  std::vector<std::string> changed_items;  // removed or changed (estimate order), then added
  std::vector<std::string> problems;       // why the scenario could not be computed
  // For several options taken together (compute_options): whether each changed something.
  std::vector<bool> option_matched;
};

// Applies the option's changes in order: remove, scale (all three points of a three-point
// value), set (a number, or a rate-card name for rate and unit_cost), add, adjust. Filters
// are evaluated on the scenario as it stands after the previous operations.
// `evaluation_of_estimate`, when given, is an evaluation of `estimate` (with `previous`)
// that the filters of the first operations use instead of evaluating the estimate again.
OptionScenario compute_option(const RuleProgram& program, const Estimate& estimate,
                              const Estimate* previous, const OptionSyntax& option,
                              const EvalLimits& limits = {},
                              RuleEvaluation* evaluation_of_estimate = nullptr);

// ---- display formatting (the template filters; shared with render/) -------------------------

// Grouped, at most 2 decimals, trailing zeros dropped: 1234.5 -> "1,234.5", 12 -> "12".
std::string format_plain_number(Decimal value);
// Grouped with exactly `decimals` places: number(2) of 1234.5 -> "1,234.50".
std::string format_fixed_number(Decimal value, int decimals);
// "1 hour", "1,240 hours", "37.5 hours": up to 1 decimal, trailing zero dropped.
std::string format_hours(Decimal hours);
// A fraction as a percentage with `decimals` places: 0.35 -> "35.0%"; nullopt on overflow.
std::optional<std::string> format_percent_places(Decimal fraction, int decimals = 1);
// "3 items", "1 item", "2 people" (plural given) — the count formatted as a plain number.
std::string format_plural(Decimal count, std::string_view singular, std::string_view plural = {});
// "A", "A and B", "A, B and C" (or "or").
std::string format_list(std::span<const std::string> parts, std::string_view conjunction = "and");
// "20 November 2026" from "2026-11-20"; the text unchanged when it is no such date.
std::string format_date(std::string_view iso_date);
std::string to_upper(std::string_view text);  // ASCII letters only
std::string to_lower(std::string_view text);
std::string to_title(std::string_view text);  // the first letter of each word upper case

// The text of rich text as plain text (markdown and values alike).
std::string plain_text(const RichText& text);

}  // namespace basis
