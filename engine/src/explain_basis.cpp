// The built-in tables: how each line was built, benchmarks, the risk register, and the
// cost build-up from direct cost to total.

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

const Currency& currency_of(const Estimate& estimate) {
  return *(estimate.currency ? estimate.currency : find_currency("USD"));
}

std::string three_point_text(const Estimate& estimate, const ThreePoint& p, std::string_view kind,
                             std::string_view unit) {
  auto show = [&](Decimal v) {
    return kind == "money" ? estimate.format_money(v) : format_plain_number(v);
  };
  std::string text = fmt::format("{} / {} / {}", show(p.low), show(p.likely), show(p.high));
  if (!unit.empty()) text += fmt::format(" {}", unit);
  return text;
}

// "8 months at $2,187.40", not "8 month": units that are ordinary count nouns take a
// plural. Anything else (m, m2, each, abbreviations, words we do not know) is shown as the
// estimate writes it, because a guessed plural of an abbreviation reads worse than none.
std::string unit_for(std::string_view unit, Decimal quantity) {
  static constexpr std::string_view kCountNouns[] = {
      "day",         "week",     "month",     "year",    "hour",      "night",   "shift",
      "visit",       "trip",     "seat",      "set",     "session",   "licence", "license",
      "user",        "workshop", "interview", "item",    "unit",      "piece",   "panel",
      "sheet",       "door",     "room",      "desk",    "chair",     "device",  "server",
      "node",        "instance", "site",      "sprint",  "release",   "report",  "page",
      "screen",      "test",     "module",    "package", "dashboard", "course",  "meeting",
      "workstation", "window",   "light",     "socket",  "drawing",   "survey"};
  if (quantity == Decimal::from_int(1)) return std::string(unit);
  for (std::string_view noun : kCountNouns) {
    if (unit == noun) return std::string(unit) + "s";
  }
  return std::string(unit);
}

}  // namespace

void build_basis(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  for (const LineItem& item : estimate.items) {
    BasisLine line;
    line.item_id = item.id();
    line.name = item.name();
    line.category = attribute_text(item, "category");
    line.method = attribute_text(item, "method");
    line.source = attribute_text(item, "source");
    const std::string unit = attribute_text(item, "unit");
    switch (item.form) {
      case CostForm::hours_rate:
        line.quantity = fmt::format("{} at {}", format_hours(item.hours.value.value_or(Decimal())),
                                    estimate.format_money(item.rate.value.value_or(Decimal())));
        break;
      case CostForm::quantity_unit_cost: {
        const Decimal count = item.quantity.value.value_or(Decimal());
        std::string quantity = format_plain_number(count);
        if (!unit.empty()) quantity += " " + unit_for(unit, count);
        line.quantity = fmt::format(
            "{} at {}", quantity, estimate.format_money(item.unit_cost.value.value_or(Decimal())));
        break;
      }
      case CostForm::amount:
        line.quantity = "fixed amount";
        break;
    }
    line.amount = money_figure(estimate, item.amount);
    const Value* allowance = item.syntax->attribute("allowance");
    line.allowance = allowance && allowance->kind == Value::Kind::boolean && allowance->boolean;
    if (line.allowance) line.trigger = attribute_text(item, "trigger");
    std::vector<std::string> ranges;
    if (item.hours.points)
      ranges.push_back(three_point_text(estimate, *item.hours.points, "number", "hours"));
    if (item.quantity.points) {
      // The range's unit reads with its largest point: "2 / 3 / 5 days".
      ranges.push_back(three_point_text(estimate, *item.quantity.points, "number",
                                        unit_for(unit, item.quantity.points->high)));
    }
    if (item.rate.points)
      ranges.push_back(three_point_text(estimate, *item.rate.points, "money", "an hour"));
    if (item.unit_cost.points)
      ranges.push_back(three_point_text(estimate, *item.unit_cost.points, "money",
                                        unit.empty() ? "" : "per " + unit));
    if (item.amount_input.points)
      ranges.push_back(three_point_text(estimate, *item.amount_input.points, "money", ""));
    for (std::size_t i = 0; i < ranges.size(); ++i) line.range += (i ? "; " : "") + ranges[i];
    out.basis.push_back(std::move(line));
  }
  for (const AdjustmentLine& adj : estimate.totals.adjustments) {
    if (adj.syntax->kind != AdjustmentKind::escalation) continue;
    out.escalation.push_back(BuildupLine{adj.syntax->id, adj.syntax->label, "escalation",
                                         describe_adjustment_base(estimate, adj),
                                         money_figure(estimate, adj.amount)});
  }
}

void build_benchmarks(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  for (std::size_t r : ctx.order) {
    if (!ctx.kept(r)) continue;
    const RuleSyntax& rule = ctx.rule(r);
    if (!rule.benchmark) continue;
    const BenchmarkSyntax& b = *rule.benchmark;
    const BenchmarkFormat format = b.effective_format();
    auto show = [&](Decimal v) -> std::string {
      switch (format) {
        case BenchmarkFormat::percent:
          return format_percent_places(v, 1).value_or(v.to_string());
        case BenchmarkFormat::money:
          return format_money(v, currency_of(estimate), estimate.money_decimals);
        case BenchmarkFormat::hours:
          return format_hours(v);
        case BenchmarkFormat::number:
          return format_plain_number(v);
      }
      return format_plain_number(v);
    };
    const CompiledExpr value_expr = ctx.program.rule_benchmark(r);
    for (const RuleValue& element : ctx.elements(r)) {
      const RuleValue value =
          ctx.ev.evaluate(value_expr, EvalScope{element, {}, nullptr}, ctx.eval_diags);
      if (!value.is_number()) continue;  // null (e.g. share of nothing): nothing to compare
      Benchmark row;
      row.rule_id = rule.id;
      row.label = b.label.text;
      row.source = b.source.text;
      row.item_id = ctx.item_id(element);
      row.format = std::string(benchmark_format_name(format));
      const Decimal v = value.as_number();
      row.value = Figure{v, show(v)};
      row.low = Figure{b.low.value, show(b.low.value)};
      row.high = Figure{b.high.value, show(b.high.value)};
      row.position = v < b.low.value ? "below" : (v > b.high.value ? "above" : "inside");
      out.benchmarks.push_back(std::move(row));
    }
  }
}

void build_risks(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  for (const RiskSyntax& risk : estimate.syntax.risks) {
    RiskLine line;
    line.id = risk.id;
    line.title = risk.title;
    if (risk.probability) {
      line.probability = Figure{*risk.probability, format_percent(*risk.probability)};
    }
    if (risk.impact) line.impact = money_figure(estimate, *risk.impact);
    if (risk.probability && risk.impact) {
      auto expected = mul(*risk.probability, *risk.impact);
      if (expected) expected = expected->round_to_step(estimate.rounding_step);
      if (expected) line.expected = money_figure(estimate, *expected);
    }
    for (const auto& [key, value] : risk.attributes) {
      std::string text = value_text(value);
      if (!text.empty()) line.details.emplace_back(key, std::move(text));
    }
    out.risks.push_back(std::move(line));
  }
  std::optional<Decimal> contingency;
  for (const AdjustmentLine& adj : estimate.totals.adjustments) {
    if (adj.syntax->kind != AdjustmentKind::contingency) continue;
    contingency =
        add(contingency.value_or(Decimal()), adj.amount).value_or(contingency.value_or(Decimal()));
  }
  if (contingency) out.contingency = money_figure(estimate, *contingency);
}

void build_buildup(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  out.buildup.push_back(BuildupLine{"direct", "Direct cost", "direct", "",
                                    money_figure(estimate, estimate.totals.direct)});
  for (const AdjustmentLine& adj : estimate.totals.adjustments) {
    out.buildup.push_back(
        BuildupLine{adj.syntax->id, adj.syntax->label.empty() ? adj.syntax->id : adj.syntax->label,
                    std::string(adjustment_kind_name(adj.syntax->kind)),
                    describe_adjustment_base(estimate, adj), money_figure(estimate, adj.amount)});
  }
  out.buildup.push_back(
      BuildupLine{"total", "Total", "total", "", money_figure(estimate, estimate.totals.total)});
}

}  // namespace basis::explain_detail
