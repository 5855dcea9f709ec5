#pragma once
// The revision bridge (`basis diff OLD NEW`): how the total moved from one revision of an
// estimate to the next, with nothing left unexplained.
//
// Items are matched by id. An item only in NEW is added, one only in OLD removed, and one
// whose cost form changed (hours x rate -> amount, ...) counts as removed and added. For
// any other matched item whose figures or amount changed:
//   volume effect = (new hours or quantity - old) x old rate or unit cost, rounded half
//                   away from zero to NEW's rounding step;
//   price effect  = the rest of the item's change: new hours or quantity x the change in
//                   rate or unit cost, plus the rounding of both amounts and of the volume
//                   effect; a fixed `amount` that changed is all price effect.
// So volume + price = new amount - old amount exactly, for every item. Each adjustment's
// old and new amount is kept on its own (a percentage adjustment's change is split the
// same way into the effect of its base and the effect of its percentage), and
//   old total + added - removed + volume + price + adjustment changes = new total
// to the last cent: build_revision_bridge checks it and refuses to return a bridge that
// does not reconcile.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/currency.hpp"
#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"

namespace basis {

enum class RevisionChange : std::uint8_t { added, removed, changed, unchanged };

// "added", "removed", "changed", "unchanged".
std::string_view revision_change_name(RevisionChange change);
// "hours" (hours x rate), "quantity" (quantity x unit_cost), "amount" (a fixed amount).
std::string_view cost_form_name(CostForm form);

// One revision's figures of an item.
struct ItemFigures {
  CostForm form = CostForm::amount;
  Decimal volume;  // hours or quantity (the expected value of a three-point value); 0 for amount
  Decimal price;   // rate or unit cost (expected value); for a fixed amount, the amount as written
  std::string rate_name;     // the rate-card name the rate or unit cost refers to, if any
  bool three_point = false;  // the hours or quantity were a three-point value
  std::string unit;          // the item's `unit` (quantity items), as written
  Decimal amount;            // the item's amount, rounded to its revision's step
};

struct ItemRevision {
  std::string id, name;
  RevisionChange change = RevisionChange::changed;
  std::optional<ItemFigures> before;  // absent for an added item
  std::optional<ItemFigures> after;   // absent for a removed item
  Decimal delta;          // after amount - before amount (signed: a removed item's is negative)
  Decimal volume_effect;  // changed items only (0 otherwise)
  Decimal price_effect;   // changed items only: delta - volume_effect
  // Removed and added because its cost form changed; the other half has the same id.
  bool form_changed = false;
  std::string reason;  // NEW's change_reason (empty for a removed item: NEW says nothing)
};

// One revision's figures of an adjustment.
struct AdjustmentFigures {
  std::optional<Decimal> percent;  // as a fraction (0.12); absent for a fixed amount
  AdjustmentBase base_kind = AdjustmentBase::direct;
  std::string applies_to;  // the filter, when base_kind is applies_to
  Decimal base;            // what the percentage applied to (0 for a fixed amount)
  Decimal amount;
};

struct AdjustmentRevision {
  std::string id, label;
  AdjustmentKind kind = AdjustmentKind::other;  // NEW's kind (OLD's for a removed one)
  RevisionChange change = RevisionChange::unchanged;
  std::optional<AdjustmentFigures> before, after;
  Decimal delta;  // after amount - before amount (an added one's is its amount)
  // When both revisions take a percentage: the effect of the base's change at the old
  // percentage, rounded to NEW's step, and the rest (the effect of the percentage).
  std::optional<Decimal> base_effect, percent_effect;
};

// A rate-card entry whose price changed, was added or was removed.
struct RateRevision {
  std::string name;
  RevisionChange change = RevisionChange::changed;
  std::optional<Decimal> before, after;
  std::vector<std::string> items;  // changed items that use this rate in both revisions
};

// One step of the bridge from the old total to the new total (a waterfall bar).
struct BridgeStep {
  enum class Kind : std::uint8_t { added, removed, volume, price, adjustment };
  Kind kind = Kind::added;
  std::string key;    // "added", "removed", "volume", "price", or the adjustment's id
  std::string label;  // "Items added", "Changes in hours and quantities", the adjustment's label
  std::size_t count = 0;           // items behind the step (1 for an adjustment)
  std::vector<std::string> items;  // their ids, for traces (empty for an adjustment)
  Decimal amount;                  // signed effect on the total (removed items: negative)
  Decimal running;                 // the total after this step
};

struct RevisionSide {
  std::string id, title, version, date;  // as written in the estimate
  std::string label;  // "revision 2", or "the old revision" / "the new revision" without one
  Decimal direct, total;
  Decimal rounding_step;
};

struct RevisionBridge {
  RevisionSide before, after;
  const Currency* currency = nullptr;
  Decimal rounding_step;   // NEW's: volume and base effects are rounded to it
  int money_decimals = 2;  // the finer of the two revisions', so every figure shows exactly

  Decimal delta;                          // after.total - before.total
  std::optional<Decimal> delta_fraction;  // delta / before.total (absent when that is 0)
  Decimal added, removed, volume, price;  // sums; `removed` is positive (subtracted)
  Decimal adjustments;                    // sum of the adjustments' changes
  std::vector<BridgeStep> steps;          // added, removed, volume, price, each changed adjustment

  std::vector<ItemRevision> added_items;    // in NEW's order
  std::vector<ItemRevision> removed_items;  // in OLD's order
  std::vector<ItemRevision> changed_items;  // in NEW's order
  std::size_t unchanged_items = 0;
  std::vector<AdjustmentRevision> adjustment_changes;  // NEW's order, then OLD-only ones
  std::vector<RateRevision> rates;                     // NEW's rate card order, then OLD-only

  // Money in the bridge's currency with money_decimals: "$15,817.53", "-$20,000.00".
  std::string money(Decimal amount) const;
  // The same with a plus sign on a positive amount: "+$15,817.53".
  std::string signed_money(Decimal amount) const;
};

// Builds the bridge from OLD to NEW (both made by compute_estimate). Reports an error and
// returns nullopt when the revisions are in different currencies, on overflow, and (an
// internal error, never expected) when the bridge does not reconcile. Reports a warning,
// and still bridges, when the two estimates have different ids.
std::optional<RevisionBridge> build_revision_bridge(const Estimate& before, const Estimate& after,
                                                    Diagnostics& diags);

// The parts of the bridge add up: every item's volume + price = delta, the sums match the
// items, and old total + every step = new total. build_revision_bridge already checked it;
// exposed for tests and for callers that edit a bridge.
bool revision_bridge_reconciles(const RevisionBridge& bridge);

// Wording shared by every rendering and by the explanation's summary.
//
// How much and why the total moved, one sentence: "The total rose by $15,817.53 (+1.8%)
// from $864,547.69 in revision 2 to $880,365.22 in revision 3: items added +$28,750.00,
// items removed -$20,000.00, changes in hours and quantities +$13,577.40, changes in rates
// and prices +$4,095.00, Contingency -$12,718.66, Delivery overhead +$2,113.79."
// Steps of zero are left out; the others come in the bridge's order (adjustments by label).
std::string describe_revision(const RevisionBridge& bridge);
// The largest changes behind the bridge, largest effect first (items by their own change,
// adjustments by theirs; ties in the bridge's order), at most `count`, each with what changed
// and, for an item, its change_reason: "DEV-11 Caregiver proxy access, added: +$22,500.00,
// 180 hours at $125.00 (engineer). Added at the 29 October review; ...", "Contingency:
// -$12,718.66, 12% -> 10% of subtotal $778,614.01 -> $807,150.20."; then every rate-card
// change that moved some item's price, with those items' price effects: "Rate qa_engineer
// $98.00 -> $102.50: +$4,095.00 in the price of 7 items (QA-01, QA-02, QA-03 and 4 more)."
std::vector<std::string> describe_largest_changes(const RevisionBridge& bridge, std::size_t count,
                                                  std::string_view arrow = "->");
// What changed in an item's figures: "hours 300 -> 340 at $125.00 (engineer)",
// "hours 340 -> 370 (three-point); rate $98.00 -> $102.50 (qa_engineer)", "fixed amount
// $1,200.00 -> $1,500.00"; an added or removed item's figures: "180 hours at $125.00
// (engineer)". `arrow` is "->" for plain text, "→" for Markdown.
std::string describe_item_revision(const RevisionBridge& bridge, const ItemRevision& item,
                                   std::string_view arrow = "->");
// One revision's figures: "180 hours at $125.00 (engineer)", "9 month at $450.00",
// "fixed amount $6,250.00".
std::string describe_item_figures(const RevisionBridge& bridge, const ItemFigures& figures);
// An adjustment's basis in one revision: "12% of subtotal $778,614.01", "8% of direct cost
// $720,938.90", "5% of $4,050.00 (items where category == "materials")", "fixed amount".
std::string describe_adjustment_figures(const RevisionBridge& bridge,
                                        const AdjustmentFigures& figures);
// How an adjustment's figures changed: "12% -> 10% of subtotal $778,614.01 -> $807,150.20",
// "8% of direct cost $720,938.90 -> $747,361.30", "fixed amount", "added: 5% of direct cost
// $747,361.30", "removed: fixed amount".
std::string describe_adjustment_revision(const RevisionBridge& bridge,
                                         const AdjustmentRevision& adjustment,
                                         std::string_view arrow = "->");
// A rate or unit cost in the bridge's currency with its own decimals (at least the
// currency's): "$102.50" even in an estimate rounded to whole dollars.
std::string format_price(const RevisionBridge& bridge, Decimal price);
// A fraction as a signed percentage with one decimal: 0.018296 -> "+1.8%".
std::string signed_percent_one_place(Decimal fraction);

}  // namespace basis
