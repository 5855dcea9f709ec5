// The words of the revision bridge, shared by `basis diff` and the explanation's summary:
// how much and why the total moved, and what changed in each item and adjustment.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/explain.hpp"
#include "basis/engine/revision.hpp"

namespace basis {

namespace {

const Currency& currency_of(const RevisionBridge& bridge) {
  static const Currency* usd = find_currency("USD");
  return bridge.currency ? *bridge.currency : *usd;
}

std::string priced(const RevisionBridge& bridge, Decimal price, const std::string& rate_name) {
  std::string text = format_price(bridge, price);
  if (!rate_name.empty()) text += " (" + rate_name + ")";
  return text;
}

std::string hours_text(Decimal hours) {
  const std::string shown = format_plain_number(hours);
  return shown + (shown == "1" ? " hour" : " hours");
}

std::string quantity_text(const ItemFigures& f) {
  const std::string shown = format_plain_number(f.volume);
  return f.unit.empty() ? shown + (shown == "1" ? " unit" : " units") : shown + " " + f.unit;
}

std::string_view form_words(CostForm form) {
  switch (form) {
    case CostForm::hours_rate:
      return "hours x rate";
    case CostForm::quantity_unit_cost:
      return "quantity x unit cost";
    case CostForm::amount:
      return "a fixed amount";
  }
  return "a fixed amount";
}

std::string_view base_words(AdjustmentBase base) {
  switch (base) {
    case AdjustmentBase::direct:
      return "direct cost";
    case AdjustmentBase::subtotal:
      return "subtotal";
    case AdjustmentBase::applies_to:
      return "";
  }
  return "";
}

std::string id_list(const std::vector<ItemRevision>& items) {
  constexpr std::size_t kShown = 3;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < items.size() && i < kShown; ++i) ids.push_back(items[i].id);
  std::string text = fmt::format("{}", fmt::join(ids, ", "));
  if (items.size() > kShown) text += fmt::format(" and {} more", items.size() - kShown);
  return text;
}

// What the percentage in `f` is taken of, without the percentage: "subtotal $807,150.20".
std::string base_text(const RevisionBridge& bridge, const AdjustmentFigures& f) {
  if (f.base_kind == AdjustmentBase::applies_to) {
    return fmt::format("{} (items where {})", bridge.money(f.base), f.applies_to);
  }
  return fmt::format("{} {}", base_words(f.base_kind), bridge.money(f.base));
}

const ItemRevision* find_by_id(const std::vector<ItemRevision>& items, std::string_view id) {
  for (const ItemRevision& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

}  // namespace

// A rate or unit cost is a price, not an amount: it keeps its own decimals (at least the
// currency's), so that a rate of $102.50 still reads $102.50 in an estimate rounded to $1.
std::string format_price(const RevisionBridge& bridge, Decimal price) {
  const Currency& currency = currency_of(bridge);
  return format_money(price, currency, std::max(currency.minor_unit, price.places()));
}

std::string signed_percent_one_place(Decimal fraction) {
  std::string text = format_percent_places(fraction, 1).value_or(format_percent(fraction));
  if (fraction.sign() > 0 && text != "0.0%") text.insert(text.begin(), '+');
  return text;
}

std::string describe_item_figures(const RevisionBridge& bridge, const ItemFigures& f) {
  switch (f.form) {
    case CostForm::hours_rate:
      return fmt::format("{} at {}", hours_text(f.volume), priced(bridge, f.price, f.rate_name));
    case CostForm::quantity_unit_cost:
      return fmt::format("{} at {}", quantity_text(f), priced(bridge, f.price, f.rate_name));
    case CostForm::amount:
      return "fixed amount " + bridge.money(f.amount);
  }
  return {};
}

std::string describe_item_revision(const RevisionBridge& bridge, const ItemRevision& item,
                                   std::string_view arrow) {
  if (item.change == RevisionChange::added && item.after) {
    std::string text = describe_item_figures(bridge, *item.after);
    const ItemRevision* other = find_by_id(bridge.removed_items, item.id);
    if (item.form_changed && other && other->before) {
      text += fmt::format(" (cost form changed from {} to {})", form_words(other->before->form),
                          form_words(item.after->form));
    }
    return text;
  }
  if (item.change == RevisionChange::removed && item.before) {
    std::string text = describe_item_figures(bridge, *item.before);
    const ItemRevision* other = find_by_id(bridge.added_items, item.id);
    if (item.form_changed && other && other->after) {
      text += fmt::format(" (cost form changed from {} to {})", form_words(item.before->form),
                          form_words(other->after->form));
    }
    return text;
  }
  if (!item.before || !item.after) return {};
  const ItemFigures& a = *item.before;
  const ItemFigures& b = *item.after;
  if (a.form == CostForm::amount) {
    return fmt::format("fixed amount {} {} {}", bridge.money(a.amount), arrow,
                       bridge.money(b.amount));
  }
  const bool hours = a.form == CostForm::hours_rate;
  const std::string_view price_name = hours ? "rate" : "unit cost";
  const bool volume_changed = a.volume != b.volume;
  const bool price_changed = a.price != b.price || a.rate_name != b.rate_name;
  std::string volume;
  if (volume_changed) {
    const std::string unit = hours ? "" : (b.unit.empty() ? " units" : " " + b.unit);
    volume = fmt::format("{} {} {} {}{}", hours ? "hours" : "quantity",
                         format_plain_number(a.volume), arrow, format_plain_number(b.volume), unit);
    if (b.three_point) volume += " (three-point expected value)";
  } else {
    volume = hours ? hours_text(b.volume) : quantity_text(b);
  }
  if (!price_changed) {
    std::string text = fmt::format("{} at {}", volume, priced(bridge, b.price, b.rate_name));
    // Same figures, another amount: the two revisions round to different steps.
    if (!volume_changed) {
      text += fmt::format("; amount {} {} {} (rounding)", bridge.money(a.amount), arrow,
                          bridge.money(b.amount));
    }
    return text;
  }
  std::string price;
  if (a.rate_name == b.rate_name) {
    price = fmt::format("{} {} {} {}", price_name, format_price(bridge, a.price), arrow,
                        format_price(bridge, b.price));
    if (!b.rate_name.empty()) price += " (" + b.rate_name + ")";
  } else {
    price = fmt::format("{} {} {} {}", price_name, priced(bridge, a.price, a.rate_name), arrow,
                        priced(bridge, b.price, b.rate_name));
  }
  return volume + "; " + price;
}

std::string describe_adjustment_figures(const RevisionBridge& bridge, const AdjustmentFigures& f) {
  if (!f.percent) return "fixed amount";
  return fmt::format("{} of {}", format_percent(*f.percent), base_text(bridge, f));
}

std::string describe_adjustment_revision(const RevisionBridge& bridge,
                                         const AdjustmentRevision& adjustment,
                                         std::string_view arrow) {
  if (!adjustment.before && adjustment.after) {
    return "added: " + describe_adjustment_figures(bridge, *adjustment.after);
  }
  if (adjustment.before && !adjustment.after) {
    return "removed: " + describe_adjustment_figures(bridge, *adjustment.before);
  }
  if (!adjustment.before || !adjustment.after) return {};
  const AdjustmentFigures& a = *adjustment.before;
  const AdjustmentFigures& b = *adjustment.after;
  if (!a.percent && !b.percent) return "fixed amount";
  const bool same_base = a.base_kind == b.base_kind && a.applies_to == b.applies_to;
  if (!a.percent || !b.percent || !same_base) {
    return fmt::format("{} {} {}", describe_adjustment_figures(bridge, a), arrow,
                       describe_adjustment_figures(bridge, b));
  }
  std::string percent = format_percent(*b.percent);
  if (*a.percent != *b.percent) {
    percent = fmt::format("{} {} {}", format_percent(*a.percent), arrow, percent);
  }
  std::string base = b.base_kind == AdjustmentBase::applies_to
                         ? std::string()
                         : std::string(base_words(b.base_kind)) + " ";
  if (a.base == b.base) {
    base += bridge.money(b.base);
  } else {
    base += fmt::format("{} {} {}", bridge.money(a.base), arrow, bridge.money(b.base));
  }
  if (b.base_kind == AdjustmentBase::applies_to) {
    base += fmt::format(" (items where {})", b.applies_to);
  }
  return fmt::format("{} of {}", percent, base);
}

std::vector<std::string> describe_largest_changes(const RevisionBridge& bridge, std::size_t count,
                                                  std::string_view arrow) {
  struct Change {
    Decimal size;
    std::string text;
  };
  std::vector<Change> changes;
  const auto sentence = [](std::string text) {
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?')
      text += '.';
    return text;
  };
  const auto add_item = [&](const ItemRevision& item, std::string_view change) {
    if (item.delta.is_zero() && item.change == RevisionChange::changed) return;
    std::string who =
        item.name.empty() || item.name == item.id ? item.id : item.id + " " + item.name;
    if (!change.empty()) who += fmt::format(", {}", change);
    std::string text = fmt::format("{}: {}, {}", who, bridge.signed_money(item.delta),
                                   describe_item_revision(bridge, item, arrow));
    text = sentence(std::move(text));
    if (!item.reason.empty()) text += " " + sentence(item.reason);
    changes.push_back({item.delta.abs(), std::move(text)});
  };
  for (const ItemRevision& item : bridge.added_items) add_item(item, "added");
  for (const ItemRevision& item : bridge.removed_items) add_item(item, "removed");
  for (const ItemRevision& item : bridge.changed_items) add_item(item, "");
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    if (adjustment.delta.is_zero()) continue;
    const std::string& label = adjustment.label.empty() ? adjustment.id : adjustment.label;
    changes.push_back(
        {adjustment.delta.abs(),
         sentence(fmt::format("{}: {}, {}", label, bridge.signed_money(adjustment.delta),
                              describe_adjustment_revision(bridge, adjustment, arrow)))});
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.size > b.size; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < changes.size() && i < count; ++i) out.push_back(changes[i].text);

  // A rate-card change moves many lines a little; its reason is the rate, so it is named on
  // its own, with the price effects of the items it moved.
  std::vector<Change> rates;
  for (const RateRevision& rate : bridge.rates) {
    if (rate.change != RevisionChange::changed || !rate.before || !rate.after) continue;
    std::vector<ItemRevision> moved;
    Decimal effect;
    bool overflow = false;
    for (const std::string& id : rate.items) {
      const ItemRevision* item = find_by_id(bridge.changed_items, id);
      if (!item || item->price_effect.is_zero()) continue;
      moved.push_back(*item);
      const std::optional<Decimal> sum = add(effect, item->price_effect);
      overflow = overflow || !sum;
      effect = sum.value_or(effect);
    }
    if (moved.empty() || overflow) continue;
    rates.push_back(
        {effect.abs(), fmt::format("Rate {} {} {} {}: {} in the price of {} ({}).", rate.name,
                                   format_price(bridge, *rate.before), arrow,
                                   format_price(bridge, *rate.after), bridge.signed_money(effect),
                                   moved.size() == 1 ? std::string("1 item")
                                                     : fmt::format("{} items", moved.size()),
                                   id_list(moved))});
  }
  std::stable_sort(rates.begin(), rates.end(),
                   [](const Change& a, const Change& b) { return a.size > b.size; });
  for (Change& rate : rates) out.push_back(std::move(rate.text));
  return out;
}

std::string describe_revision(const RevisionBridge& bridge) {
  std::string head;
  const std::string from = bridge.money(bridge.before.total);
  const std::string to = bridge.money(bridge.after.total);
  if (bridge.delta.is_zero()) {
    head = fmt::format("The total did not change from {} to {} ({})", bridge.before.label,
                       bridge.after.label, to);
  } else {
    std::string percent;
    if (bridge.delta_fraction)
      percent = " (" + signed_percent_one_place(*bridge.delta_fraction) + ")";
    head = fmt::format("The total {} by {}{} from {} in {} to {} in {}",
                       bridge.delta.sign() > 0 ? "rose" : "fell", bridge.money(bridge.delta.abs()),
                       percent, from, bridge.before.label, to, bridge.after.label);
  }
  std::vector<std::string> parts;
  for (const BridgeStep& step : bridge.steps) {
    if (step.amount.is_zero()) continue;
    // Adjustments keep their labels as written; the built-in step names read mid-sentence.
    const std::string label =
        step.kind == BridgeStep::Kind::adjustment ? step.label : lower_first(step.label);
    std::string part = fmt::format("{} {}", label, bridge.signed_money(step.amount));
    if (step.kind == BridgeStep::Kind::added) part += " (" + id_list(bridge.added_items) + ")";
    if (step.kind == BridgeStep::Kind::removed) part += " (" + id_list(bridge.removed_items) + ")";
    parts.push_back(std::move(part));
  }
  if (parts.empty()) return head + ".";
  return fmt::format("{}: {}.", head, fmt::join(parts, ", "));
}

}  // namespace basis
