// The summary's built-in facts: total, direct cost, the class accuracy range.

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "explain_internal.hpp"

namespace basis::explain_detail {

void build_summary(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  out.estimate_id = estimate.id();
  out.title = estimate.syntax.title;
  out.currency = std::string(estimate.currency ? estimate.currency->code : "USD");
  out.date = estimate.syntax.date;
  out.version = value_text(estimate.syntax.version);
  if (const Value* name = estimate.syntax.client.find("name")) out.client_name = value_text(*name);
  out.estimate_class = estimate.syntax.estimate_class;
  out.total = money_figure(estimate, estimate.totals.total);
  out.direct = money_figure(estimate, estimate.totals.direct);

  if (ctx.report.accuracy_overflow) {
    ctx.reporter.warn("the accuracy range of this estimate's class is too large to compute");
  }
  if (const auto& range = ctx.report.accuracy) {
    const Currency& currency = *(estimate.currency ? estimate.currency : find_currency("USD"));
    out.range_low = Figure{range->low, format_money(range->low, currency, 0)};
    out.range_high = Figure{range->high, format_money(range->high, currency, 0)};
    out.range_text = fmt::format("expected between {} and {} ({} / {})", out.range_low->shown,
                                 out.range_high->shown, format_percent(range->low_percent, true),
                                 format_percent(range->high_percent, true));
  }
}

}  // namespace basis::explain_detail
