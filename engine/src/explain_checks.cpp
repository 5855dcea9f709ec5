// The guarantees, checked on every explanation before it leaves the engine: shown parts
// add up to the shown whole, shares to exactly 100.0%, and a client style holds nothing
// internal. A failure is a defect in basis, reported as an error rather than shown.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

void fail(Diagnostics& diags, const std::string& what) {
  diags.file_error("", fmt::format("internal check failed: {} (this is a defect in basis; please "
                                   "report it with the estimate and rule files)",
                                   what));
}

// The bridge's steps lead from the previous total to the total, each item's volume and price
// effects add up to its change, and the items and adjustments add up to their steps.
bool bridge_reconciles(const PreviousComparison& p, const Explanation& out) {
  bool overflow = false;
  const auto plus = [&](Decimal a, Decimal b) {
    auto sum = add(a, b);
    overflow = overflow || !sum;
    return sum.value_or(Decimal());
  };
  const auto minus = [&](Decimal a, Decimal b) {
    auto difference = sub(a, b);
    overflow = overflow || !difference;
    return difference.value_or(Decimal());
  };
  bool ok = minus(out.total.exact, p.total.exact) == p.delta.exact;
  Decimal running = p.total.exact;
  Decimal added, removed, volume, price, adjustments;  // from the steps
  for (const RevisionStep& step : p.steps) {
    running = plus(running, step.amount.exact);
    ok = ok && running == step.running.exact;
    Decimal& kind = step.kind == "added"     ? added
                    : step.kind == "removed" ? removed
                    : step.kind == "volume"  ? volume
                    : step.kind == "price"   ? price
                                             : adjustments;
    kind = plus(kind, step.amount.exact);
  }
  ok = ok && running == out.total.exact;

  Decimal item_added, item_removed, item_volume, item_price, adjustment_deltas;
  for (const ItemChange& c : p.changes) {
    const Decimal before = c.before ? c.before->exact : Decimal();
    const Decimal after = c.after ? c.after->exact : Decimal();
    ok = ok && minus(after, before) == c.delta.exact;
    if (c.change == "added") item_added = plus(item_added, c.delta.exact);
    if (c.change == "removed") item_removed = plus(item_removed, c.delta.exact);
    if (c.change == "unchanged") ok = ok && c.delta.exact.is_zero();
    if (c.change != "changed") continue;
    if (!c.volume_effect || !c.price_effect) return false;
    ok = ok && plus(c.volume_effect->exact, c.price_effect->exact) == c.delta.exact;
    item_volume = plus(item_volume, c.volume_effect->exact);
    item_price = plus(item_price, c.price_effect->exact);
  }
  for (const AdjustmentChange& a : p.adjustments) {
    const Decimal before = a.before ? a.before->exact : Decimal();
    const Decimal after = a.after ? a.after->exact : Decimal();
    ok = ok && minus(after, before) == a.delta.exact;
    if (a.base_effect && a.percent_effect) {
      ok = ok && plus(a.base_effect->exact, a.percent_effect->exact) == a.delta.exact;
    }
    adjustment_deltas = plus(adjustment_deltas, a.delta.exact);
  }
  ok = ok && item_added == added && item_removed == removed && item_volume == volume &&
       item_price == price && adjustment_deltas == adjustments;
  return ok && !overflow;
}

}  // namespace

bool check_guarantees(const BuildContext& ctx, const Explanation& out, Diagnostics& diags) {
  bool ok = true;
  const Estimate& estimate = ctx.estimate;

  if (!out.drivers.empty()) {
    Decimal amount, share;
    for (const DriverGroup& g : out.drivers) {
      amount = add(amount, g.amount.exact).value_or(amount);
      share = add(share, g.share.exact).value_or(share);
    }
    if (amount != out.direct.exact) {
      fail(diags, fmt::format("the driver groups add up to {}, not to the direct cost {}",
                              amount.to_string(), out.direct.exact.to_string()));
      ok = false;
    }
    if (!out.direct.exact.is_zero() && share != Decimal::from_int(1)) {
      fail(diags, fmt::format("the driver shares add up to {}, not to 100.0%", share.to_string()));
      ok = false;
    }
  }

  if (!out.buildup.empty()) {
    Decimal sum;
    for (const BuildupLine& line : out.buildup) {
      if (line.kind != "total") sum = add(sum, line.amount.exact).value_or(sum);
    }
    if (sum != estimate.totals.total || out.buildup.back().amount.exact != estimate.totals.total) {
      fail(diags, "the cost build-up does not add up to the total");
      ok = false;
    }
  }

  if (out.previous && !bridge_reconciles(*out.previous, out)) {
    fail(diags, "the bridge from the previous total does not add up to the change in the total");
    ok = false;
  }

  if (ctx.client) {
    bool leaked = !out.internal_notes.empty() || !out.internal_figures.empty();
    for (const OptionRow& o : out.options) leaked = leaked || !o.ask_in_return.empty();
    leaked = leaked || !out.concessions.empty();
    if (out.budget) {
      for (const BudgetCombination& c : out.budget->combinations) {
        leaked = leaked || c.margin || c.below_floor || c.below_target_margin;
      }
    }
    for (const Section& s : out.sections) {
      leaked = leaked || s.kind == SectionKind::internal;
      for (const Statement& st : s.statements) {
        auto r = ctx.program.find_rule(st.rule_id);
        leaked = leaked || (r && ctx.rule(*r).section == RuleSection::internal);
      }
    }
    if (leaked) {
      fail(diags, fmt::format("the {} explanation holds internal notes or figures", out.style));
      ok = false;
    }
  }
  return ok;
}

}  // namespace basis::explain_detail
