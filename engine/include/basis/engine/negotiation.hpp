#pragma once
// Negotiating with the options: taking several options at once, searching the combinations
// that bring a total within a budget, and what each scenario costs the firm (the brief's
// margins). The explanation builder uses these; they are public so that tests and other
// front ends can ask the same questions directly. docs/negotiation.md states what each one
// guarantees.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/explain.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/ruleset_syntax.hpp"

namespace basis {

// ---- finding and combining options --------------------------------------------------------

// An option of the loaded rules, with the rule that carries it.
struct OptionRef {
  std::size_t rule = 0;  // index into RuleProgram::rule_refs()
  const OptionSyntax* option = nullptr;
  SourceRef source;  // the rule file, for messages
};

// Every option of the program in rule-file order (imports first, then file order, then the
// order of a rule's `options`): the order in which combined options are applied.
std::vector<OptionRef> program_options(const RuleProgram& program);
std::optional<OptionRef> find_option(const RuleProgram& program, std::string_view id);

// The adjustment both options `adjust`, or "" when they do not touch the same one. Two such
// options cannot be combined: the second would silently overwrite the first.
std::string adjust_conflict(const OptionSyntax& a, const OptionSyntax& b);

// The options named by `ids` (each once), in rule-file order. An unknown id is an error with
// "did you mean"; two options that adjust the same adjustment are an error naming both (at
// the second, with a note at the first). nullopt when there was an error.
std::optional<std::vector<OptionRef>> resolve_options(const RuleProgram& program,
                                                      std::span<const std::string> ids,
                                                      Diagnostics& diags);

// The options applied one after the other to one copy of the estimate (each option's
// changes in order, every filter evaluated on the scenario as it stands), then recomputed
// whole. OptionScenario::matched is true when every option changed something;
// option_matched says which did.
OptionScenario compute_options(const RuleProgram& program, const Estimate& estimate,
                               const Estimate* previous,
                               std::span<const OptionSyntax* const> options,
                               const EvalLimits& limits = {},
                               RuleEvaluation* evaluation_of_estimate = nullptr);

// ---- the firm's side: cost, margin, floor --------------------------------------------------

// What an estimate costs the firm, as the brief counts it: a labour line costs its hours at
// internal.cost_rates[rate name], a line with its own internal.cost costs that (it wins over
// the cost rate), any other line passes through at its amount; adjustments are revenue
// (cost 0). Each line's cost is rounded once to the estimate's rounding step.
struct FirmCost {
  Decimal cost;
  std::size_t costed_lines = 0;        // lines with a cost rate or an internal.cost
  std::size_t pass_through_lines = 0;  // lines counted at their amount
};
// nullopt when the estimate gives no costs at all (no line has a cost rate or an
// internal.cost: a margin would mean nothing) or on overflow.
std::optional<FirmCost> firm_cost(const Estimate& estimate);

// (total - cost) / total; nullopt when the total is zero.
std::optional<Decimal> margin_of(Decimal total, Decimal cost);

// The estimate's internal.floor and internal.target_margin (a fraction: 24% -> 0.24).
struct InternalTerms {
  std::optional<Decimal> floor;
  std::optional<Decimal> target_margin;
};
InternalTerms internal_terms(const Estimate& estimate);

// ---- the budget search ---------------------------------------------------------------------

struct BudgetLimits {
  std::size_t max_combinations = 10;  // combinations presented
  std::size_t max_scenarios = 2000;   // scenarios the search may compute
};

struct BudgetSearchInput {
  const RuleProgram* program = nullptr;
  const Estimate* estimate = nullptr;
  const Estimate* previous = nullptr;
  // The options on offer, in rule-file order, each with its own delta (its scenario's total
  // minus the estimate's total) as the options table shows it.
  std::vector<const OptionSyntax*> options;
  std::vector<Decimal> deltas;
  Decimal budget;
  BudgetLimits limits;
  EvalLimits eval_limits;
};

struct BudgetCombinationFound {
  std::vector<std::size_t> options;  // indices into BudgetSearchInput::options, ascending
  Decimal total;                     // the combined scenario's exact total (<= budget)
};

struct BudgetSearchResult {
  Decimal gap;  // total - budget: what the options must save (<= 0: already within)
  // Minimal combinations within the budget (none of their parts is within it alone),
  // fewest options first, then the highest total; at most limits.max_combinations.
  std::vector<BudgetCombinationFound> combinations;
  std::size_t options_searched = 0;     // options that save something on their own
  std::size_t scenarios_evaluated = 0;  // combined scenarios computed by the search
  bool complete = true;                 // false: max_scenarios stopped the search part-way
  // Other combinations may fit: more were found than are listed, or enough were found
  // before combinations of more options were searched.
  bool more = false;
  bool bound_held = true;  // false: some combination saved more than its parts added up to
  std::vector<std::size_t> bound_exceeded_by;  // the first such combination
};

// Searches combinations of the options by increasing size. A combination is computed only
// when the options' own savings, added up, could reach the gap (with a tolerance of one
// rounding step per line and adjustment), when no part of it is already within the budget,
// and when no two of its options adjust the same adjustment. See docs/negotiation.md.
BudgetSearchResult search_budget(const BudgetSearchInput& input);

}  // namespace basis
