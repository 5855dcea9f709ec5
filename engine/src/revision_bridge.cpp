// Builds the revision bridge: items matched by id, each changed item split into a volume
// and a price effect, each adjustment's change on its own, and a check that the steps lead
// from the old total to the new total exactly.

#include <map>
#include <string_view>

#include <fmt/format.h>

#include "basis/engine/revision.hpp"

namespace basis {

namespace {

// Checked arithmetic that remembers the first overflow, so that the bridge is written as
// plain formulas and the overflow is reported once, at the end.
class Arithmetic {
 public:
  Decimal add(Decimal a, Decimal b) { return take(basis::add(a, b)); }
  Decimal sub(Decimal a, Decimal b) { return take(basis::sub(a, b)); }
  Decimal mul(Decimal a, Decimal b) { return take(basis::mul(a, b)); }
  Decimal round(Decimal value, Decimal step) { return take(value.round_to_step(step)); }
  bool overflowed() const { return overflowed_; }

 private:
  Decimal take(std::optional<Decimal> value) {
    if (!value) overflowed_ = true;
    return value.value_or(Decimal());
  }
  bool overflowed_ = false;
};

std::string scalar_text(const Value* value) {
  if (!value) return {};
  switch (value->kind) {
    case Value::Kind::text:
      return value->text;
    case Value::Kind::number:
      return value->text.empty() ? value->number.to_string() : value->text;
    case Value::Kind::boolean:
      return value->boolean ? "true" : "false";
    case Value::Kind::null:
    case Value::Kind::list:
    case Value::Kind::map:
      return {};
  }
  return {};
}

std::string attribute(const LineItem& item, std::string_view key) {
  return item.syntax ? scalar_text(item.syntax->attribute(key)) : std::string();
}

ItemFigures figures_of(const LineItem& item) {
  ItemFigures f;
  f.form = item.form;
  f.amount = item.amount;
  f.rate_name = item.rate_name;
  switch (item.form) {
    case CostForm::hours_rate:
      f.volume = item.hours.value.value_or(Decimal());
      f.price = item.rate.value.value_or(Decimal());
      f.three_point = item.hours.points != nullptr;
      break;
    case CostForm::quantity_unit_cost:
      f.volume = item.quantity.value.value_or(Decimal());
      f.price = item.unit_cost.value.value_or(Decimal());
      f.three_point = item.quantity.points != nullptr;
      f.unit = attribute(item, "unit");
      break;
    case CostForm::amount:
      f.price = item.amount_input.value.value_or(Decimal());
      break;
  }
  return f;
}

AdjustmentFigures figures_of(const AdjustmentLine& line) {
  AdjustmentFigures f;
  const AdjustmentSyntax& adjustment = *line.syntax;
  // A fixed amount wins over a percentage, as compute_estimate does.
  if (adjustment.percent && !adjustment.amount) f.percent = adjustment.percent;
  f.base_kind = adjustment.base;
  if (adjustment.base == AdjustmentBase::applies_to) f.applies_to = adjustment.applies_to.text;
  f.base = line.base;
  f.amount = line.amount;
  return f;
}

std::string side_label(const Value& version, std::string_view fallback) {
  const std::string text = scalar_text(&version);
  return text.empty() ? std::string(fallback) : "revision " + text;
}

RevisionSide side_of(const Estimate& estimate, std::string_view fallback) {
  RevisionSide side;
  side.id = estimate.id();
  side.title = estimate.syntax.title;
  side.version = scalar_text(&estimate.syntax.version);
  side.date = estimate.syntax.date;
  side.label = side_label(estimate.syntax.version, fallback);
  side.direct = estimate.totals.direct;
  side.total = estimate.totals.total;
  side.rounding_step = estimate.rounding_step;
  return side;
}

// Splits a matched item's change. The volume effect is priced at the old rate and rounded
// to the step, so it is a figure the estimator can check on a calculator; everything else
// (the new rate, the rounding of both amounts) is the price effect.
void split_item(ItemRevision& item, Decimal step, Arithmetic& math) {
  const ItemFigures& old = *item.before;
  const ItemFigures& now = *item.after;
  item.delta = math.sub(now.amount, old.amount);
  if (old.form == CostForm::amount) {
    item.volume_effect = Decimal();
  } else {
    item.volume_effect = math.round(math.mul(math.sub(now.volume, old.volume), old.price), step);
  }
  item.price_effect = math.sub(item.delta, item.volume_effect);
}

bool figures_differ(const ItemFigures& a, const ItemFigures& b) {
  return a.volume != b.volume || a.price != b.price || a.amount != b.amount;
}

// Pairs each line of NEW with a line of OLD by id, in file order. Ids are unique in a loaded
// estimate; should one repeat (an estimate built in code), each old line is still paired at
// most once, so no amount is counted twice and the bridge still reconciles.
template <typename Line, typename IdOf>
std::vector<std::optional<std::size_t>> pair_by_id(const std::vector<Line>& before,
                                                   const std::vector<Line>& after, IdOf id_of) {
  std::map<std::string_view, std::vector<std::size_t>> unpaired;
  for (std::size_t i = before.size(); i-- > 0;) unpaired[id_of(before[i])].push_back(i);
  std::vector<std::optional<std::size_t>> pairs(after.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    auto it = unpaired.find(id_of(after[i]));
    if (it == unpaired.end() || it->second.empty()) continue;
    pairs[i] = it->second.back();
    it->second.pop_back();
  }
  return pairs;
}

void bridge_items(const Estimate& before, const Estimate& after, RevisionBridge& bridge,
                  Arithmetic& math) {
  const auto pairs = pair_by_id(before.items, after.items,
                                [](const LineItem& item) -> std::string_view { return item.id(); });
  // For each old line: whether a new line took it, and whether its cost form changed.
  std::vector<bool> paired(before.items.size(), false), form_changed(before.items.size(), false);

  for (std::size_t i = 0; i < after.items.size(); ++i) {
    const LineItem& item = after.items[i];
    ItemRevision revision;
    revision.id = item.id();
    revision.name = item.name();
    revision.reason = attribute(item, "change_reason");
    revision.after = figures_of(item);
    const LineItem* old = pairs[i] ? &before.items[*pairs[i]] : nullptr;
    if (pairs[i]) paired[*pairs[i]] = true;
    if (!old || old->form != item.form) {
      if (old) form_changed[*pairs[i]] = true;
      revision.change = RevisionChange::added;
      revision.form_changed = old != nullptr;
      revision.delta = item.amount;
      bridge.added = math.add(bridge.added, item.amount);
      bridge.added_items.push_back(std::move(revision));
      continue;
    }
    revision.before = figures_of(*old);
    if (!figures_differ(*revision.before, *revision.after)) {
      ++bridge.unchanged_items;
      continue;
    }
    revision.change = RevisionChange::changed;
    split_item(revision, bridge.rounding_step, math);
    bridge.volume = math.add(bridge.volume, revision.volume_effect);
    bridge.price = math.add(bridge.price, revision.price_effect);
    bridge.changed_items.push_back(std::move(revision));
  }

  for (std::size_t i = 0; i < before.items.size(); ++i) {
    if (paired[i] && !form_changed[i]) continue;
    const LineItem& item = before.items[i];
    ItemRevision revision;
    revision.id = item.id();
    revision.name = item.name();
    revision.change = RevisionChange::removed;
    revision.form_changed = form_changed[i];
    revision.before = figures_of(item);
    revision.delta = math.sub(Decimal(), item.amount);
    bridge.removed = math.add(bridge.removed, item.amount);
    bridge.removed_items.push_back(std::move(revision));
  }
}

std::string adjustment_label(const AdjustmentSyntax& adjustment) {
  return adjustment.label.empty() ? adjustment.id : adjustment.label;
}

void bridge_adjustments(const Estimate& before, const Estimate& after, RevisionBridge& bridge,
                        Arithmetic& math) {
  const std::vector<AdjustmentLine>& old_lines = before.totals.adjustments;
  const std::vector<AdjustmentLine>& new_lines = after.totals.adjustments;
  const auto pairs =
      pair_by_id(old_lines, new_lines,
                 [](const AdjustmentLine& line) -> std::string_view { return line.syntax->id; });
  std::vector<bool> paired(old_lines.size(), false);
  for (std::size_t i = 0; i < new_lines.size(); ++i) {
    const AdjustmentLine& line = new_lines[i];
    AdjustmentRevision revision;
    revision.id = line.syntax->id;
    revision.label = adjustment_label(*line.syntax);
    revision.kind = line.syntax->kind;
    revision.after = figures_of(line);
    const AdjustmentLine* old = pairs[i] ? &old_lines[*pairs[i]] : nullptr;
    if (pairs[i]) paired[*pairs[i]] = true;
    if (!old) {
      revision.change = RevisionChange::added;
      revision.delta = line.amount;
    } else {
      revision.before = figures_of(*old);
      revision.delta = math.sub(line.amount, old->amount);
      const AdjustmentFigures& a = *revision.before;
      const AdjustmentFigures& b = *revision.after;
      const bool same = a.amount == b.amount && a.percent == b.percent && a.base == b.base &&
                        a.base_kind == b.base_kind && a.applies_to == b.applies_to;
      revision.change = same ? RevisionChange::unchanged : RevisionChange::changed;
      if (revision.before->percent && revision.after->percent) {
        // The base's change at the old percentage; the percentage's change is the rest.
        const Decimal base_change = math.sub(revision.after->base, revision.before->base);
        revision.base_effect =
            math.round(math.mul(base_change, *revision.before->percent), bridge.rounding_step);
        revision.percent_effect = math.sub(revision.delta, *revision.base_effect);
      }
    }
    bridge.adjustments = math.add(bridge.adjustments, revision.delta);
    bridge.adjustment_changes.push_back(std::move(revision));
  }
  for (std::size_t i = 0; i < old_lines.size(); ++i) {
    if (paired[i]) continue;
    const AdjustmentLine& line = old_lines[i];
    AdjustmentRevision revision;
    revision.id = line.syntax->id;
    revision.label = adjustment_label(*line.syntax);
    revision.kind = line.syntax->kind;
    revision.change = RevisionChange::removed;
    revision.before = figures_of(line);
    revision.delta = math.sub(Decimal(), line.amount);
    bridge.adjustments = math.add(bridge.adjustments, revision.delta);
    bridge.adjustment_changes.push_back(std::move(revision));
  }
}

void bridge_rates(const Estimate& before, const Estimate& after, RevisionBridge& bridge) {
  auto users = [&](std::string_view name) {
    std::vector<std::string> ids;
    for (const ItemRevision& item : bridge.changed_items) {
      if (item.before->rate_name == name && item.after->rate_name == name) ids.push_back(item.id);
    }
    return ids;
  };
  for (const RateSyntax& rate : after.syntax.rates) {
    const RateSyntax* old = before.syntax.find_rate(rate.name);
    if (old && old->price == rate.price) continue;
    RateRevision revision;
    revision.name = rate.name;
    revision.change = old ? RevisionChange::changed : RevisionChange::added;
    if (old) revision.before = old->price;
    revision.after = rate.price;
    if (old) revision.items = users(rate.name);
    bridge.rates.push_back(std::move(revision));
  }
  for (const RateSyntax& rate : before.syntax.rates) {
    if (after.syntax.find_rate(rate.name)) continue;
    RateRevision revision;
    revision.name = rate.name;
    revision.change = RevisionChange::removed;
    revision.before = rate.price;
    bridge.rates.push_back(std::move(revision));
  }
}

void add_step(RevisionBridge& bridge, BridgeStep::Kind kind, std::string key, std::string label,
              std::vector<std::string> items, Decimal amount, Decimal& running, Arithmetic& math) {
  running = math.add(running, amount);
  BridgeStep step;
  step.kind = kind;
  step.key = std::move(key);
  step.label = std::move(label);
  step.count = kind == BridgeStep::Kind::adjustment ? 1 : items.size();
  step.items = std::move(items);
  step.amount = amount;
  step.running = running;
  bridge.steps.push_back(std::move(step));
}

std::vector<std::string> ids_of(const std::vector<ItemRevision>& items,
                                Decimal ItemRevision::*effect = nullptr) {
  std::vector<std::string> ids;
  for (const ItemRevision& item : items) {
    if (!effect || !(item.*effect).is_zero()) ids.push_back(item.id);
  }
  return ids;
}

void build_steps(RevisionBridge& bridge, Arithmetic& math) {
  Decimal running = bridge.before.total;
  using Kind = BridgeStep::Kind;
  add_step(bridge, Kind::added, "added", "Items added", ids_of(bridge.added_items), bridge.added,
           running, math);
  add_step(bridge, Kind::removed, "removed", "Items removed", ids_of(bridge.removed_items),
           math.sub(Decimal(), bridge.removed), running, math);
  // Only the items whose effect is not zero stand behind the volume and the price steps.
  add_step(bridge, Kind::volume, "volume", "Changes in hours and quantities",
           ids_of(bridge.changed_items, &ItemRevision::volume_effect), bridge.volume, running,
           math);
  add_step(bridge, Kind::price, "price", "Changes in rates and prices",
           ids_of(bridge.changed_items, &ItemRevision::price_effect), bridge.price, running, math);
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    if (adjustment.delta.is_zero()) continue;
    add_step(bridge, Kind::adjustment, adjustment.id, adjustment.label, {}, adjustment.delta,
             running, math);
  }
}

}  // namespace

std::string_view revision_change_name(RevisionChange change) {
  switch (change) {
    case RevisionChange::added:
      return "added";
    case RevisionChange::removed:
      return "removed";
    case RevisionChange::changed:
      return "changed";
    case RevisionChange::unchanged:
      return "unchanged";
  }
  return "changed";
}

std::string_view cost_form_name(CostForm form) {
  switch (form) {
    case CostForm::hours_rate:
      return "hours";
    case CostForm::quantity_unit_cost:
      return "quantity";
    case CostForm::amount:
      return "amount";
  }
  return "amount";
}

std::string RevisionBridge::money(Decimal amount) const {
  static const Currency* usd = find_currency("USD");
  return format_money(amount, currency ? *currency : *usd, money_decimals);
}

std::string RevisionBridge::signed_money(Decimal amount) const {
  std::string text = money(amount);
  // A positive amount that shows as zero keeps no sign, like a negative one does.
  if (amount.sign() > 0 && text != money(Decimal())) text.insert(text.begin(), '+');
  return text;
}

bool revision_bridge_reconciles(const RevisionBridge& bridge) {
  Arithmetic math;
  Decimal added, removed, volume, price, adjustments;
  for (const ItemRevision& item : bridge.changed_items) {
    if (math.add(item.volume_effect, item.price_effect) != item.delta) return false;
    if (math.sub(item.after->amount, item.before->amount) != item.delta) return false;
    volume = math.add(volume, item.volume_effect);
    price = math.add(price, item.price_effect);
  }
  for (const ItemRevision& item : bridge.added_items) added = math.add(added, item.after->amount);
  for (const ItemRevision& item : bridge.removed_items) {
    removed = math.add(removed, item.before->amount);
  }
  Decimal old_adjustments, new_adjustments;  // each revision's adjustment amounts
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    const Decimal old_amount = adjustment.before ? adjustment.before->amount : Decimal();
    const Decimal new_amount = adjustment.after ? adjustment.after->amount : Decimal();
    old_adjustments = math.add(old_adjustments, old_amount);
    new_adjustments = math.add(new_adjustments, new_amount);
    if (math.sub(new_amount, old_amount) != adjustment.delta) return false;
    if (adjustment.base_effect && adjustment.percent_effect &&
        math.add(*adjustment.base_effect, *adjustment.percent_effect) != adjustment.delta) {
      return false;
    }
    adjustments = math.add(adjustments, adjustment.delta);
  }
  if (added != bridge.added || removed != bridge.removed || volume != bridge.volume ||
      price != bridge.price || adjustments != bridge.adjustments) {
    return false;
  }
  // Each revision's total is its direct cost plus its adjustments (so no adjustment is
  // missing), and the new direct cost follows from the old one through the items (so no
  // item's change is missing: an unchanged item's amount really is unchanged).
  if (math.add(bridge.before.direct, old_adjustments) != bridge.before.total) return false;
  if (math.add(bridge.after.direct, new_adjustments) != bridge.after.total) return false;
  const Decimal direct =
      math.add(math.add(math.sub(math.add(bridge.before.direct, added), removed), volume), price);
  if (direct != bridge.after.direct) return false;
  if (math.sub(new_adjustments, old_adjustments) != adjustments) return false;
  Decimal running = bridge.before.total;
  for (const BridgeStep& step : bridge.steps) {
    running = math.add(running, step.amount);
    if (running != step.running) return false;
  }
  if (running != bridge.after.total) return false;
  if (math.sub(bridge.after.total, bridge.before.total) != bridge.delta) return false;
  return !math.overflowed();
}

std::optional<RevisionBridge> build_revision_bridge(const Estimate& before, const Estimate& after,
                                                    Diagnostics& diags) {
  const SourceRef& source = after.syntax.source;
  if (before.currency != after.currency) {
    auto code = [](const Estimate& e) {
      return e.currency ? std::string(e.currency->code) : std::string("USD");
    };
    Diagnostic& d = diags.error(
        source, SourcePos{},
        fmt::format("the new revision is in {} but the old one is in {}: a revision bridge "
                    "compares two revisions in the same currency",
                    code(after), code(before)));
    d.notes.push_back({before.syntax.source, SourcePos{},
                       fmt::format("the old revision's currency is {}", code(before))});
    return std::nullopt;
  }
  if (before.id() != after.id()) {
    diags.warning(source, SourcePos{},
                  fmt::format("comparing estimate '{}' with a different estimate '{}'; items are "
                              "still matched by id",
                              after.id(), before.id()));
  }

  RevisionBridge bridge;
  bridge.before = side_of(before, "the old revision");
  bridge.after = side_of(after, "the new revision");
  bridge.currency = after.currency;
  bridge.rounding_step = after.rounding_step;
  bridge.money_decimals = std::max(before.money_decimals, after.money_decimals);

  Arithmetic math;
  bridge.delta = math.sub(after.totals.total, before.totals.total);
  if (!before.totals.total.is_zero()) {
    bridge.delta_fraction = div(bridge.delta, before.totals.total);
  }
  bridge_items(before, after, bridge, math);
  bridge_adjustments(before, after, bridge, math);
  bridge_rates(before, after, bridge);
  build_steps(bridge, math);

  if (math.overflowed()) {
    diags.error(source, SourcePos{},
                "the change between the two revisions is too large to compute (overflow)");
    return std::nullopt;
  }
  if (!revision_bridge_reconciles(bridge)) {
    diags.error(source, SourcePos{},
                fmt::format("internal error: the revision bridge does not add up from {} to {}; "
                            "please report this with both files",
                            bridge.money(before.totals.total), bridge.money(after.totals.total)));
    return std::nullopt;
  }
  return bridge;
}

}  // namespace basis
