// The brief's margins and concession plan (internal style only): what the quoted price
// leaves the firm, and the options in the order to concede them, judged by what each one
// saves the client against the margin it costs the firm.
//
// The order of the plan (docs/negotiation.md): first the options that cost no margin
// (larger client saving first); then those that do, by client saving per point of margin
// lost (saving / ((margin now - margin after) x 100)), highest first; last the options that
// would take the price below the floor or the margin below the target, which are not to be
// offered. Ties go to the larger saving, then to the option id. Without costs in the
// estimate there are no margins: the plan is by saving alone (floor still marked).

#include <algorithm>

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

Figure percent_figure(Decimal fraction) {
  return Figure{fraction, format_percent_places(fraction, 1).value_or("")};
}

struct Step {
  Concession concession;
  int group = 0;  // 0: costs no margin; 1: costs margin; 2: not to be offered
  Decimal per_point;
};

bool before(const Step& a, const Step& b) {
  if (a.group != b.group) return a.group < b.group;
  if (a.group == 1 && a.per_point != b.per_point) return a.per_point > b.per_point;
  if (a.concession.saving.exact != b.concession.saving.exact) {
    return a.concession.saving.exact > b.concession.saving.exact;
  }
  return a.concession.option_id < b.concession.option_id;
}

}  // namespace

void build_margin_figures(BuildContext& ctx, Explanation& out) {
  if (ctx.client) return;
  const Estimate& estimate = ctx.estimate;
  const Decimal total = estimate.totals.total;
  out.internal_figures.push_back({"quoted_total", "Quoted total", money_figure(estimate, total)});
  const std::optional<FirmCost> cost = firm_cost(estimate);
  if (!cost) return;
  out.internal_figures.push_back(
      {"cost",
       fmt::format("Cost to the firm ({} of {} lines at cost, the others passed through at "
                   "their price; adjustments cost nothing)",
                   cost->costed_lines, estimate.items.size()),
       money_figure(estimate, cost->cost)});
  if (auto margin = margin_of(total, cost->cost)) {
    out.internal_figures.push_back(
        {"margin", "Margin at the quoted price", percent_figure(*margin)});
  }
}

void build_concessions(BuildContext& ctx, Explanation& out) {
  if (ctx.client) return;
  const Estimate& estimate = ctx.estimate;
  const Decimal total = estimate.totals.total;
  const InternalTerms terms = internal_terms(estimate);
  std::optional<Decimal> margin_now;
  if (auto cost = firm_cost(estimate)) margin_now = margin_of(total, cost->cost);

  std::vector<Step> steps;
  for (const OptionRow& row : out.options) {
    const std::optional<OptionRef> ref = find_option(ctx.program, row.id);
    if (!ref) continue;
    const Decimal saving = sub(total, row.new_total.exact).value_or(Decimal());
    if (saving.sign() <= 0) continue;  // not a concession
    Step step;
    Concession& c = step.concession;
    c.option_id = row.id;
    c.title = row.title;
    c.rule_id = row.rule_id;
    c.saving = money_figure(estimate, saving);
    c.new_total = row.new_total;
    c.below_floor = terms.floor && row.new_total.exact < *terms.floor;
    if (margin_now) {
      OptionScenario scenario = compute_option(ctx.program, estimate, ctx.request.previous,
                                               *ref->option, ctx.request.limits);
      std::optional<FirmCost> cost;
      if (scenario.estimate) cost = firm_cost(*scenario.estimate);
      std::optional<Decimal> after;
      if (cost) after = margin_of(scenario.estimate->totals.total, cost->cost);
      if (after) {
        c.margin_after = percent_figure(*after);
        c.below_target_margin = terms.target_margin && *after < *terms.target_margin;
        auto lost = sub(*margin_now, *after);
        auto points = lost ? mul(*lost, Decimal::from_int(100)) : std::nullopt;
        if (points) {
          c.points_lost = Figure{*points, format_fixed_number(*points, 2)};
          if (points->sign() > 0) {
            if (auto per_point = div(saving, *points)) {
              step.per_point = *per_point;
              step.group = 1;
              c.saving_per_point = Figure{*per_point, estimate.format_money(*per_point)};
            }
          }
        }
      }
    }
    if (c.below_floor || c.below_target_margin) step.group = 2;
    steps.push_back(std::move(step));
  }
  std::stable_sort(steps.begin(), steps.end(), before);
  for (Step& step : steps) out.concessions.push_back(std::move(step.concession));
}

}  // namespace basis::explain_detail
