// How the total moved since the previous revision: the two totals and, line by line, what
// was added, removed or changed (with the estimator's change_reason).

#include <map>

#include "explain_internal.hpp"

namespace basis::explain_detail {

void build_previous(BuildContext& ctx, Explanation& out) {
  const Estimate* previous = ctx.request.previous;
  if (!previous) return;
  const Estimate& estimate = ctx.estimate;
  PreviousComparison cmp;
  cmp.version = value_text(previous->syntax.version);
  cmp.total = money_figure(estimate, previous->totals.total);
  const Decimal delta = sub(estimate.totals.total, previous->totals.total).value_or(Decimal());
  cmp.delta = money_figure(estimate, delta);
  if (delta.sign() > 0) cmp.delta.shown.insert(cmp.delta.shown.begin(), '+');
  if (!previous->totals.total.is_zero()) {
    if (auto fraction = div(delta, previous->totals.total)) {
      cmp.delta_percent.exact = *fraction;
      cmp.delta_percent.shown = format_percent_places(*fraction, 1).value_or("");
      if (fraction->sign() > 0)
        cmp.delta_percent.shown.insert(cmp.delta_percent.shown.begin(), '+');
    }
  }

  std::map<std::string_view, const LineItem*> before;
  for (const LineItem& item : previous->items) before.emplace(item.id(), &item);
  for (const LineItem& item : estimate.items) {
    auto it = before.find(item.id());
    ItemChange change;
    change.item_id = item.id();
    change.name = item.name();
    change.reason = attribute_text(item, "change_reason");
    change.after = money_figure(estimate, item.amount);
    if (it == before.end()) {
      change.change = "added";
    } else {
      const LineItem& old = *it->second;
      before.erase(it);
      if (old.amount == item.amount && change.reason.empty()) continue;
      change.change = "changed";
      change.before = money_figure(estimate, old.amount);
    }
    cmp.changes.push_back(std::move(change));
  }
  for (const LineItem& old : previous->items) {
    if (!before.count(old.id())) continue;
    ItemChange change;
    change.item_id = old.id();
    change.name = old.name();
    change.change = "removed";
    change.before = money_figure(estimate, old.amount);
    cmp.changes.push_back(std::move(change));
  }
  out.previous = std::move(cmp);
}

}  // namespace basis::explain_detail
