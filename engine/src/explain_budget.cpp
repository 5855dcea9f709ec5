// The budget section of the options: which combinations of the options on offer bring the
// total within the client's budget (--budget, else client.budget), each recomputed as one
// scenario. The list is the same for every reader: it is found without internal data, so
// a client never loses a combination because of the floor. Only the brief adds each
// combination's margin and marks those below the floor or the target margin.

#include <algorithm>

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

// Scenarios x cost lines the search may compute in all (2,000 scenarios of 2,000 lines).
constexpr std::size_t kMaxScenarioLines = 4'000'000;

std::optional<Decimal> amount_of(const Value& v) {
  if (v.kind == Value::Kind::number) return v.number;
  if (v.kind == Value::Kind::text) return Decimal::parse(v.text);
  return std::nullopt;
}

// The brief's view of one combination: its margin, and whether it is one not to offer.
void mark_for_brief(BuildContext& ctx, const BudgetSearchInput& input,
                    const BudgetCombinationFound& found, BudgetCombination& out) {
  const InternalTerms terms = internal_terms(ctx.estimate);
  out.below_floor = terms.floor && found.total < *terms.floor;
  std::vector<const OptionSyntax*> options;
  for (std::size_t i : found.options) options.push_back(input.options[i]);
  OptionScenario scenario =
      compute_options(ctx.program, ctx.estimate, ctx.request.previous, options, ctx.request.limits);
  if (!scenario.estimate) return;
  const std::optional<FirmCost> cost = firm_cost(*scenario.estimate);
  if (!cost) return;
  const std::optional<Decimal> margin = margin_of(scenario.estimate->totals.total, cost->cost);
  if (!margin) return;
  out.margin = Figure{*margin, format_percent_places(*margin, 1).value_or("")};
  out.below_target_margin = terms.target_margin && *margin < *terms.target_margin;
}

}  // namespace

void build_budget(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  std::optional<Decimal> budget = ctx.request.budget;
  std::string source = "request";
  if (!budget) {
    const Value* written = estimate.syntax.client.find("budget");
    if (!written || written->is_null()) return;
    budget = amount_of(*written);
    if (!budget) {
      ctx.reporter.warn(
          fmt::format("client.budget '{}' is not an amount, so no combination of "
                      "options is searched for it",
                      value_text(*written)));
      return;
    }
    source = "estimate";
  }

  // The options on offer, in rule-file order (the order combined options are applied in).
  BudgetSearchInput input;
  input.program = &ctx.program;
  input.estimate = &estimate;
  input.previous = ctx.request.previous;
  input.budget = *budget;
  input.limits.max_combinations = ctx.request.budget_max_combinations;
  // Each scenario recomputes the whole estimate: on a large one, fewer scenarios keep the
  // search's work (scenarios x lines) within the same bound.
  const std::size_t by_size = kMaxScenarioLines / (estimate.items.size() + 1);
  input.limits.max_scenarios =
      std::min(ctx.request.budget_max_scenarios, std::max<std::size_t>(by_size, 20));
  input.eval_limits = ctx.request.limits;
  std::vector<const OptionRow*> rows;
  for (const OptionRef& ref : program_options(ctx.program)) {
    for (const OptionRow& row : out.options) {
      if (row.id != ref.option->id) continue;
      input.options.push_back(ref.option);
      input.deltas.push_back(row.delta.exact);
      rows.push_back(&row);
    }
  }
  const BudgetSearchResult result = search_budget(input);

  BudgetSearch search;
  search.budget = money_figure(estimate, *budget);
  search.source = source;
  search.gap = money_figure(estimate, result.gap);
  search.within_budget = result.gap.sign() <= 0;
  search.options_searched = result.options_searched;
  search.scenarios_evaluated = result.scenarios_evaluated;
  search.complete = result.complete;
  search.more = result.more;
  search.bound_held = result.bound_held;
  for (const BudgetCombinationFound& found : result.combinations) {
    BudgetCombination c;
    for (std::size_t i : found.options) {
      c.option_ids.push_back(rows[i]->id);
      c.titles.push_back(rows[i]->title.empty() ? rows[i]->id : rows[i]->title);
    }
    c.new_total = money_figure(estimate, found.total);
    change_figures(estimate, found.total, estimate.totals.total, c.delta, c.delta_percent);
    c.under_budget = money_figure(estimate, sub(*budget, found.total).value_or(Decimal()));
    if (!ctx.client) mark_for_brief(ctx, input, found, c);
    search.combinations.push_back(std::move(c));
  }
  if (!result.bound_held) {
    std::vector<std::string> ids;
    for (std::size_t i : result.bound_exceeded_by) ids.push_back("'" + rows[i]->id + "'");
    ctx.reporter.warn(fmt::format(
        "budget search: options {} taken together save more than they save one by one, so "
        "the search's bound does not hold for these options and some combinations within "
        "the budget may be missing",
        format_list(ids)));
  }
  if (!result.complete) {
    ctx.reporter.warn(
        fmt::format("budget search: stopped after {} scenarios; combinations "
                    "within the budget may be missing",
                    result.scenarios_evaluated));
  }
  out.budget = std::move(search);
}

}  // namespace basis::explain_detail
