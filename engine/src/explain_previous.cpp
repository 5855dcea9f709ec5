// How the total moved since the previous revision: the revision bridge of `basis diff`
// (revision.hpp) as the explanation shows it. The summary sentence, the bridge's steps from
// the old total to the new one, each item's volume and price effect with the estimator's
// change_reason, and each adjustment's change on its own; every figure exactly as the bridge
// computed it, so that the steps add up to the change to the cent (explain_checks.cpp).

#include <map>

#include <fmt/format.h>

#include "basis/engine/revision.hpp"
#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

// The explanation's text is the same in every format; Markdown and HTML show the arrow as is
// and text keeps UTF-8 (as it does for the document's other punctuation).
constexpr std::string_view kArrow = "\u2192";

// How many of the largest changes the summary names.
constexpr std::size_t kHighlights = 5;

Figure money(const RevisionBridge& bridge, Decimal amount) {
  return Figure{amount, bridge.money(amount)};
}
Figure signed_money(const RevisionBridge& bridge, Decimal amount) {
  return Figure{amount, bridge.signed_money(amount)};
}

std::string_view step_kind(BridgeStep::Kind kind) {
  switch (kind) {
    case BridgeStep::Kind::added:
      return "added";
    case BridgeStep::Kind::removed:
      return "removed";
    case BridgeStep::Kind::volume:
      return "volume";
    case BridgeStep::Kind::price:
      return "price";
    case BridgeStep::Kind::adjustment:
      return "adjustment";
  }
  return "adjustment";
}

// "Items added (2)", "Changes in hours and quantities (6 items)", or the adjustment's label.
std::string step_label(const BridgeStep& step) {
  switch (step.kind) {
    case BridgeStep::Kind::added:
    case BridgeStep::Kind::removed:
      return fmt::format("{} ({})", step.label, step.count);
    case BridgeStep::Kind::volume:
    case BridgeStep::Kind::price:
      return fmt::format("{} ({} {})", step.label, step.count, step.count == 1 ? "item" : "items");
    case BridgeStep::Kind::adjustment:
      return step.label.empty() ? step.key : step.label;
  }
  return step.label;
}

ItemChange item_change(const RevisionBridge& bridge, const ItemRevision& item) {
  ItemChange change;
  change.item_id = item.id;
  change.name = item.name;
  change.change = std::string(revision_change_name(item.change));
  if (item.before) change.before = money(bridge, item.before->amount);
  if (item.after) change.after = money(bridge, item.after->amount);
  change.reason = item.reason;
  change.description = describe_item_revision(bridge, item, kArrow);
  change.delta = signed_money(bridge, item.delta);
  if (item.change == RevisionChange::changed) {
    change.volume_effect = signed_money(bridge, item.volume_effect);
    change.price_effect = signed_money(bridge, item.price_effect);
  }
  change.form_changed = item.form_changed;
  return change;
}

AdjustmentChange adjustment_change(const RevisionBridge& bridge, const AdjustmentRevision& a) {
  AdjustmentChange change;
  change.id = a.id;
  change.label = a.label.empty() ? a.id : a.label;
  change.kind = std::string(adjustment_kind_name(a.kind));
  change.change = std::string(revision_change_name(a.change));
  change.basis = describe_adjustment_revision(bridge, a, kArrow);
  if (a.before) change.before = money(bridge, a.before->amount);
  if (a.after) change.after = money(bridge, a.after->amount);
  change.delta = signed_money(bridge, a.delta);
  if (a.base_effect) change.base_effect = signed_money(bridge, *a.base_effect);
  if (a.percent_effect) change.percent_effect = signed_money(bridge, *a.percent_effect);
  return change;
}

}  // namespace

void build_previous(BuildContext& ctx, Explanation& out) {
  const Estimate* previous = ctx.request.previous;
  if (!previous) return;
  const Estimate& estimate = ctx.estimate;
  // A bridge that cannot be built (another currency, overflow) fails the explanation with
  // the error `basis diff` gives: a comparison that does not reconcile is not shown.
  Diagnostics bridge_diags;
  std::optional<RevisionBridge> built = build_revision_bridge(*previous, estimate, bridge_diags);
  if (!built) {
    ctx.eval_diags.append(bridge_diags);
    return;
  }
  ctx.reporter.take(bridge_diags);
  const RevisionBridge& bridge = *built;

  PreviousComparison cmp;
  cmp.version = value_text(previous->syntax.version);
  cmp.label = bridge.before.label;
  cmp.current_label = bridge.after.label;
  cmp.total = money(bridge, bridge.before.total);
  cmp.delta = signed_money(bridge, bridge.delta);
  if (bridge.delta_fraction) {
    cmp.delta_percent.exact = *bridge.delta_fraction;
    cmp.delta_percent.shown = signed_percent_one_place(*bridge.delta_fraction);
  }
  cmp.summary = describe_revision(bridge);
  cmp.highlights = describe_largest_changes(bridge, kHighlights, kArrow);
  cmp.unchanged_items = bridge.unchanged_items;

  for (const BridgeStep& step : bridge.steps) {
    cmp.steps.push_back(RevisionStep{std::string(step_kind(step.kind)), step.key, step_label(step),
                                     step.items, signed_money(bridge, step.amount),
                                     money(bridge, step.running)});
  }
  for (const AdjustmentRevision& a : bridge.adjustment_changes) {
    if (a.change == RevisionChange::unchanged) continue;
    cmp.adjustments.push_back(adjustment_change(bridge, a));
  }

  // Current items in the estimate's order (an item whose cost form changed shows its removed
  // half just before its added half), then the items only the previous revision has.
  std::map<std::string_view, const ItemRevision*> added, changed, removed;
  for (const ItemRevision& item : bridge.added_items) added.emplace(item.id, &item);
  for (const ItemRevision& item : bridge.changed_items) changed.emplace(item.id, &item);
  for (const ItemRevision& item : bridge.removed_items) removed.emplace(item.id, &item);
  for (const LineItem& item : estimate.items) {
    if (auto it = changed.find(item.id()); it != changed.end()) {
      cmp.changes.push_back(item_change(bridge, *it->second));
      continue;
    }
    if (auto it = added.find(item.id()); it != added.end()) {
      if (auto r = removed.find(item.id()); r != removed.end()) {
        cmp.changes.push_back(item_change(bridge, *r->second));
        removed.erase(r);
      }
      cmp.changes.push_back(item_change(bridge, *it->second));
      continue;
    }
    // Unchanged, but the estimator wrote why: kept, so that no reason given goes unshown.
    const std::string reason = attribute_text(item, "change_reason");
    if (reason.empty()) continue;
    ItemChange change;
    change.item_id = item.id();
    change.name = item.name();
    change.change = "unchanged";
    change.before = money(bridge, item.amount);
    change.after = change.before;
    change.reason = reason;
    change.delta = signed_money(bridge, Decimal());
    cmp.changes.push_back(std::move(change));
  }
  for (const ItemRevision& item : bridge.removed_items) {
    if (removed.count(item.id)) cmp.changes.push_back(item_change(bridge, item));
  }
  out.previous = std::move(cmp);
}

}  // namespace basis::explain_detail
