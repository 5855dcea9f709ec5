// The risks section's simulated totals: `basis risk` (simulate_risk) with the default seed and
// the explanation's iteration count, when the estimate has three-point values. The figures
// are those `basis risk --iterations N --seed 1` prints; nothing internal goes in or out.

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "basis/engine/risk.hpp"
#include "explain_internal.hpp"

namespace basis {

std::uint64_t explanation_risk_iterations(std::size_t three_point_values) {
  if (three_point_values == 0) return kExplainRiskMaxIterations;
  const std::uint64_t fitting = kExplainRiskSamples / three_point_values;
  return std::clamp(fitting, kExplainRiskMinIterations, kExplainRiskMaxIterations);
}

namespace explain_detail {

namespace {

// The percentiles the explanation shows (spec: "the P50 / P80 / P90 totals").
constexpr std::array<int, 3> kShown = {50, 80, 90};

bool is_uncertain(const CostFigure& figure) {
  return figure.points && figure.points->low < figure.points->high;
}

// The three-point values the simulation samples (a value with low == high is certain), counted
// before simulating so that an estimate without any costs nothing.
std::size_t three_point_values(const Estimate& estimate) {
  std::size_t count = 0;
  for (const LineItem& item : estimate.items) {
    switch (item.form) {
      case CostForm::hours_rate:
        count += is_uncertain(item.hours) + is_uncertain(item.rate);
        break;
      case CostForm::quantity_unit_cost:
        count += is_uncertain(item.quantity) + is_uncertain(item.unit_cost);
        break;
      case CostForm::amount:
        count += is_uncertain(item.amount_input);
        break;
    }
  }
  return count;
}

Figure percent_figure(std::optional<std::int64_t> tenths) {
  return tenths ? share_figure(*tenths) : Figure{};
}

}  // namespace

void build_risk_simulation(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  const std::size_t values = three_point_values(estimate);
  if (values == 0) return;

  RiskSettings settings;
  settings.iterations = explanation_risk_iterations(values);
  settings.seed = kDefaultRiskSeed;
  settings.threads = 1;  // explanations already run side by side (batch, serve)
  Diagnostics diags;
  std::optional<RiskSummary> summary = simulate_risk(estimate, settings, diags);
  if (!summary) {
    for (const Diagnostic& d : diags.items()) {
      ctx.reporter.warn("the risks section has no simulated totals: " + d.message);
    }
    return;
  }

  RiskSimulation sim;
  sim.iterations = summary->iterations;
  sim.seed = summary->seed;
  sim.method = summary->method == ThreePointMethod::triangular ? "triangular" : "PERT";
  sim.three_point_values = summary->three_point_values;
  sim.risks_simulated = summary->risks.size();
  sim.base = money_figure(estimate, summary->base);
  sim.contingency = money_figure(estimate, summary->contingency);
  sim.contingency_percent = percent_figure(summary->contingency_tenths);
  for (int percent : kShown) {
    const RiskPercentile* p = summary->percentile(percent);
    if (!p) continue;
    sim.percentiles.push_back(RiskPercentileLine{percent, money_figure(estimate, p->total),
                                                 money_figure(estimate, p->contingency),
                                                 percent_figure(p->contingency_tenths)});
  }
  sim.contingency_reaches_p80 = summary->contingency_reaches_p80;
  sim.p80_margin = money_figure(estimate, summary->p80_margin);

  sim.total_confidence = share_figure(summary->estimate_total_confidence_tenths);

  std::string what =
      fmt::format("the {} three-point {}",
                  format_plain_number(Decimal::from_int(static_cast<std::int64_t>(values))),
                  values == 1 ? "value" : "values");
  if (sim.risks_simulated > 0) {
    what += sim.risks_simulated == 1
                ? std::string(" and the risk of the register")
                : fmt::format(" and the {} risks of the register", sim.risks_simulated);
  }
  std::string text =
      fmt::format("{} iterations over {} ({} distribution, seed {}).",
                  format_plain_number(Decimal::from_int(static_cast<std::int64_t>(sim.iterations))),
                  what, sim.method, sim.seed);
  if (const RiskPercentile* p80 = summary->percentile(80)) {
    const Figure percent = percent_figure(p80->contingency_tenths);
    text += fmt::format(
        " 80% of the simulated totals are at or below {} (P80): {}{} above the base of {}, the "
        "total without contingency.",
        money_figure(estimate, p80->total).shown, money_figure(estimate, p80->contingency).shown,
        percent.shown.empty() ? "" : " (" + percent.shown + ")", sim.base.shown);
    const std::string held =
        sim.contingency.shown + (sim.contingency_percent.shown.empty()
                                     ? ""
                                     : " (" + sim.contingency_percent.shown + " of the base)");
    if (sim.contingency_reaches_p80) {
      text += fmt::format(
          " The estimate's contingency of {} reaches P80: the total of {} is {} "
          "above the P80 total and covers {} of the simulated outcomes.",
          held, out.total.shown, sim.p80_margin.shown, sim.total_confidence.shown);
    } else {
      text += fmt::format(
          " The estimate's contingency of {} does not reach P80: the total of {} "
          "is {} below the P80 total and covers {} of the simulated outcomes.",
          held, out.total.shown, money_figure(estimate, summary->p80_margin.abs()).shown,
          sim.total_confidence.shown);
    }
  }
  sim.text = std::move(text);
  out.risk_simulation = std::move(sim);
}

}  // namespace explain_detail

}  // namespace basis
