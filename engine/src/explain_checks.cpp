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
