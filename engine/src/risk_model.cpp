// From a computed Estimate to the simulation's model, and the exact figures the simulation
// is measured against (the base without contingency).

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/risk.hpp"
#include "risk_model.hpp"

namespace basis::risk::detail {

namespace {

void report_too_large(const Estimate& estimate, std::string_view what, Diagnostics& diags) {
  diags.error(estimate.syntax.source, SourcePos{},
              fmt::format("{} is too large for the risk simulation (it works in binary "
                          "floating point, exact up to about 10^15 rounding steps)",
                          what));
}

// 10^places as a Decimal, for places 0..20.
Decimal power_of_ten(int places) {
  Decimal p = Decimal::from_int(1);
  for (int i = 0; i < places; ++i) p = *mul(p, Decimal::from_int(10));
  return p;
}

// 12.5% as 125 / 1000, when the numerator is an exact double; otherwise the nearest double.
void set_percent(AdjustmentStep& step, Decimal percent) {
  const int places = percent.places();
  if (places <= 15) {
    if (auto scaled = mul(percent, power_of_ten(places)); scaled && scaled->is_integer()) {
      const auto numerator = scaled->to_int64();
      if (numerator && std::abs(static_cast<double>(*numerator)) < 0x1.0p53) {
        step.numerator = static_cast<double>(*numerator);
        step.denominator = power_of_ten(places).to_double();
        return;
      }
    }
  }
  step.numerator = percent.to_double();
  step.denominator = 1;
}

// The two figures whose product is an item's amount (the second is 1 for `amount`).
std::pair<const CostFigure*, const CostFigure*> figures_of(const LineItem& item) {
  switch (item.form) {
    case CostForm::hours_rate:
      return {&item.hours, &item.rate};
    case CostForm::quantity_unit_cost:
      return {&item.quantity, &item.unit_cost};
    case CostForm::amount:
      return {&item.amount_input, nullptr};
  }
  return {&item.amount_input, nullptr};
}

bool is_uncertain(const CostFigure* figure) {
  return figure && figure->points && figure->points->low < figure->points->high;
}

Figure make_figure(const CostFigure* figure, ThreePointMethod method, Model& model) {
  Figure f;
  if (!figure) return f;  // the implicit 1 of an `amount`
  f.expected = figure->value ? figure->value->to_double() : 0.0;
  if (is_uncertain(figure)) {
    const ThreePoint& p = *figure->points;
    f.sampler = static_cast<int>(model.samplers.size());
    model.samplers.push_back(ThreePointSampler::make(
        method == ThreePointMethod::triangular ? ThreePointSampler::Kind::triangular
                                               : ThreePointSampler::Kind::pert,
        p.low.to_double(), p.likely.to_double(), p.high.to_double()));
  }
  return f;
}

// The largest magnitude a figure can take, for the range check.
double figure_bound(const CostFigure* figure) {
  if (!figure) return 1;
  if (is_uncertain(figure)) {
    return std::max(std::abs(figure->points->low.to_double()),
                    std::abs(figure->points->high.to_double()));
  }
  return figure->value ? std::abs(figure->value->to_double()) : 0.0;
}

}  // namespace

std::optional<double> whole_steps(Decimal amount, Decimal step) {
  auto steps = div(amount, step);
  if (!steps) return std::nullopt;
  const auto whole = steps->round(0);
  if (!whole) return std::nullopt;
  const auto n = whole->to_int64();
  if (!n || std::abs(static_cast<double>(*n)) >= kMaxSteps) return std::nullopt;
  return static_cast<double>(*n);
}

std::optional<Model> build_model(const Estimate& estimate, Diagnostics& diags) {
  Model model;
  const Decimal step = estimate.rounding_step;
  model.scale.step = step.to_double();
  if (auto inverse = div(Decimal::from_int(1), step); inverse && inverse->is_integer()) {
    model.scale.multiplier = inverse->to_double();
  }

  const std::vector<AdjustmentLine>& lines = estimate.totals.adjustments;
  if (lines.size() != estimate.syntax.adjustments.size()) {
    diags.error(estimate.syntax.source, SourcePos{},
                "the estimate's adjustments were not computed; the risk simulation needs them");
    return std::nullopt;
  }
  // Which applies_to bases each item belongs to.
  std::vector<std::vector<std::uint32_t>> covering(estimate.items.size());
  for (const AdjustmentLine& line : lines) {
    const AdjustmentSyntax& adjustment = *line.syntax;
    AdjustmentStep a;
    a.contingency = adjustment.kind == AdjustmentKind::contingency;
    if (adjustment.amount || !adjustment.percent) {
      auto fixed = whole_steps(line.amount, step);
      if (!fixed) {
        report_too_large(estimate, fmt::format("adjustment '{}'", adjustment.id), diags);
        return std::nullopt;
      }
      a.fixed_steps = *fixed;
    } else {
      set_percent(a, *adjustment.percent);
      switch (adjustment.base) {
        case AdjustmentBase::direct:
          a.base = AdjustmentStep::Base::direct;
          break;
        case AdjustmentBase::subtotal:
          a.base = AdjustmentStep::Base::subtotal;
          break;
        case AdjustmentBase::applies_to:
          a.base = AdjustmentStep::Base::applies_to;
          a.applies = static_cast<std::uint32_t>(model.fixed_applies.size());
          model.fixed_applies.push_back(0);
          for (std::size_t i : line.matched_items) {
            if (i < covering.size()) covering[i].push_back(a.applies);
          }
          break;
      }
    }
    model.adjustments.push_back(a);
  }

  Decimal fixed_direct;
  std::vector<Decimal> fixed_applies(model.fixed_applies.size());
  for (std::size_t i = 0; i < estimate.items.size(); ++i) {
    const LineItem& item = estimate.items[i];
    const auto [first, second] = figures_of(item);
    if (!is_uncertain(first) && !is_uncertain(second)) {
      std::optional<Decimal> sum = add(fixed_direct, item.amount);
      for (std::uint32_t k : covering[i]) {
        auto part = add(fixed_applies[k], item.amount);
        if (!part) sum.reset();
        if (part) fixed_applies[k] = *part;
      }
      if (!sum) {
        report_too_large(estimate, "the direct cost", diags);
        return std::nullopt;
      }
      fixed_direct = *sum;
      continue;
    }
    if (figure_bound(first) * figure_bound(second) / model.scale.step >= kMaxSteps) {
      report_too_large(estimate, fmt::format("the amount of item '{}'", item.id()), diags);
      return std::nullopt;
    }
    UncertainItem u;
    u.item = i;
    u.first = make_figure(first, estimate.syntax.three_point, model);
    u.second = make_figure(second, estimate.syntax.three_point, model);
    u.covered_by = covering[i];
    model.items.push_back(std::move(u));
  }
  auto direct_steps = whole_steps(fixed_direct, step);
  if (!direct_steps) {
    report_too_large(estimate, "the direct cost", diags);
    return std::nullopt;
  }
  model.fixed_direct = *direct_steps;
  for (std::size_t k = 0; k < fixed_applies.size(); ++k) {
    auto steps = whole_steps(fixed_applies[k], step);
    if (!steps) {
      report_too_large(estimate, "the base of an applies_to adjustment", diags);
      return std::nullopt;
    }
    model.fixed_applies[k] = *steps;
  }

  for (const RiskSyntax& risk : estimate.syntax.risks) {
    if (!risk.probability || !risk.impact) continue;
    auto rounded = risk.impact->round_to_step(step);
    auto impact = rounded ? whole_steps(*rounded, step) : std::nullopt;
    if (!impact) {
      report_too_large(estimate, fmt::format("the impact of risk '{}'", risk.id), diags);
      return std::nullopt;
    }
    model.risks.push_back({risk.probability->to_double(), *impact});
  }
  return model;
}

}  // namespace basis::risk::detail

namespace basis {

std::optional<Decimal> total_without_contingency(const Estimate& estimate, Diagnostics& diags) {
  const auto& all = estimate.syntax.adjustments;
  const bool any = std::any_of(all.begin(), all.end(), [](const AdjustmentSyntax& a) {
    return a.kind == AdjustmentKind::contingency;
  });
  if (!any) return estimate.totals.total;

  // The lines do not change: a scenario shares them rather than copying 100,000 of them.
  Estimate copy = start_scenario(estimate);
  std::vector<std::size_t> kept;  // original index of each adjustment left in the copy
  std::vector<AdjustmentSyntax> adjustments;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].kind == AdjustmentKind::contingency) continue;
    kept.push_back(i);
    adjustments.push_back(all[i]);
  }
  copy.syntax.adjustments = std::move(adjustments);
  // applies_to keeps the items it selected in the estimate: the filter is not run again.
  const AppliesToFilter same_items = [&](const Estimate& e, const AdjustmentSyntax& adjustment,
                                         Diagnostics&) -> std::optional<std::vector<std::size_t>> {
    const auto& list = e.syntax.adjustments;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (&list[i] != &adjustment) continue;
      if (kept[i] >= estimate.totals.adjustments.size()) return std::nullopt;
      return estimate.totals.adjustments[kept[i]].matched_items;
    }
    return std::nullopt;
  };
  Diagnostics local;
  if (!recompute_adjustments(copy, local, same_items)) {
    diags.append(local);
    if (!local.has_errors()) {
      diags.error(estimate.syntax.source, SourcePos{},
                  "the total without contingency could not be computed");
    }
    return std::nullopt;
  }
  return copy.totals.total;
}

std::optional<RiskExpectedTotals> risk_totals_at_expected_values(const Estimate& estimate,
                                                                 Diagnostics& diags) {
  auto model = risk::detail::build_model(estimate, diags);
  if (!model) return std::nullopt;
  double direct = model->fixed_direct, engine_direct = model->fixed_direct;
  // One spare slot keeps data() valid when there is no applies_to base.
  std::vector<double> applies = model->fixed_applies, engine_applies = model->fixed_applies;
  applies.push_back(0);
  engine_applies.push_back(0);
  RiskExpectedTotals totals;
  for (const risk::detail::UncertainItem& item : model->items) {
    const double amount = model->scale.to_steps(item.first.expected * item.second.expected);
    auto exact =
        risk::detail::whole_steps(estimate.items[item.item].amount, estimate.rounding_step);
    if (!exact) return std::nullopt;
    const double off = std::abs(amount - *exact);
    if (off == 1) ++totals.items_off_by_a_step;
    if (off > 1) ++totals.items_off_by_more;
    direct += amount;
    engine_direct += *exact;
    for (std::uint32_t k : item.covered_by) {
      applies[k] += amount;
      engine_applies[k] += *exact;
    }
  }
  const double step = model->scale.step;
  totals.total = model->finish(direct, applies.data(), 1, true) * step;
  totals.base = model->finish(direct, applies.data(), 1, false) * step;
  totals.total_from_engine_amounts =
      model->finish(engine_direct, engine_applies.data(), 1, true) * step;
  totals.base_from_engine_amounts =
      model->finish(engine_direct, engine_applies.data(), 1, false) * step;
  return totals;
}

}  // namespace basis
