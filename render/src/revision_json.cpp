// JSON revision bridge: every amount as an exact decimal string ("15817.53") beside its
// formatted text ("+$15,817.53"), keys in a fixed order so that the same inputs give the
// same bytes. Also where the format names are parsed and dispatched.

#include <nlohmann/json.hpp>

#include "basis/render/revision.hpp"
#include "basis/render/totals.hpp"

namespace basis {

namespace {

using Json = nlohmann::ordered_json;

void put_money(Json& object, const std::string& key, const RevisionBridge& bridge, Decimal amount,
               bool signed_text = false) {
  object[key] = amount.to_fixed(bridge.money_decimals);
  object[key + "_formatted"] = signed_text ? bridge.signed_money(amount) : bridge.money(amount);
}

Json side_json(const RevisionBridge& bridge, const RevisionSide& side) {
  Json j;
  j["id"] = side.id;
  j["title"] = side.title;
  j["version"] = side.version;
  j["date"] = side.date;
  j["label"] = side.label;
  j["rounding_step"] = side.rounding_step.to_string();
  put_money(j, "direct", bridge, side.direct);
  put_money(j, "total", bridge, side.total);
  return j;
}

Json figures_json(const RevisionBridge& bridge, const ItemFigures& f) {
  Json j;
  j["form"] = std::string(cost_form_name(f.form));
  switch (f.form) {
    case CostForm::hours_rate:
      j["hours"] = f.volume.to_string();
      j["rate"] = f.price.to_string();
      j["rate_name"] = f.rate_name.empty() ? Json() : Json(f.rate_name);
      j["three_point"] = f.three_point;
      break;
    case CostForm::quantity_unit_cost:
      j["quantity"] = f.volume.to_string();
      j["unit"] = f.unit.empty() ? Json() : Json(f.unit);
      j["unit_cost"] = f.price.to_string();
      j["rate_name"] = f.rate_name.empty() ? Json() : Json(f.rate_name);
      j["three_point"] = f.three_point;
      break;
    case CostForm::amount:
      break;
  }
  j["description"] = describe_item_figures(bridge, f);
  put_money(j, "amount", bridge, f.amount);
  return j;
}

Json item_json(const RevisionBridge& bridge, const ItemRevision& item) {
  Json j;
  j["id"] = item.id;
  j["name"] = item.name;
  j["change"] = std::string(revision_change_name(item.change));
  j["form_changed"] = item.form_changed;
  j["before"] = item.before ? figures_json(bridge, *item.before) : Json();
  j["after"] = item.after ? figures_json(bridge, *item.after) : Json();
  j["description"] = describe_item_revision(bridge, item);
  put_money(j, "delta", bridge, item.delta, true);
  if (item.change == RevisionChange::changed) {
    put_money(j, "volume_effect", bridge, item.volume_effect, true);
    put_money(j, "price_effect", bridge, item.price_effect, true);
  }
  j["change_reason"] = item.reason.empty() ? Json() : Json(item.reason);
  return j;
}

Json items_json(const RevisionBridge& bridge, const std::vector<ItemRevision>& items) {
  Json list = Json::array();
  for (const ItemRevision& item : items) list.push_back(item_json(bridge, item));
  return list;
}

Json adjustment_figures_json(const RevisionBridge& bridge, const AdjustmentFigures& f) {
  Json j;
  j["percent"] = f.percent ? Json(f.percent->to_string()) : Json();
  if (f.percent) {
    j["base_kind"] = f.base_kind == AdjustmentBase::direct     ? "direct"
                     : f.base_kind == AdjustmentBase::subtotal ? "subtotal"
                                                               : "applies_to";
    j["applies_to"] = f.base_kind == AdjustmentBase::applies_to ? Json(f.applies_to) : Json();
    put_money(j, "base", bridge, f.base);
  } else {
    j["base_kind"] = "fixed";
  }
  j["description"] = describe_adjustment_figures(bridge, f);
  put_money(j, "amount", bridge, f.amount);
  return j;
}

Json adjustment_json(const RevisionBridge& bridge, const AdjustmentRevision& adjustment) {
  Json j;
  j["id"] = adjustment.id;
  j["label"] = adjustment.label;
  j["kind"] = std::string(adjustment_kind_name(adjustment.kind));
  j["change"] = std::string(revision_change_name(adjustment.change));
  j["before"] = adjustment.before ? adjustment_figures_json(bridge, *adjustment.before) : Json();
  j["after"] = adjustment.after ? adjustment_figures_json(bridge, *adjustment.after) : Json();
  j["description"] = describe_adjustment_revision(bridge, adjustment);
  put_money(j, "delta", bridge, adjustment.delta, true);
  if (adjustment.base_effect && adjustment.percent_effect) {
    put_money(j, "base_effect", bridge, *adjustment.base_effect, true);
    put_money(j, "percent_effect", bridge, *adjustment.percent_effect, true);
  } else {
    j["base_effect"] = Json();
    j["percent_effect"] = Json();
  }
  return j;
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

}  // namespace

std::optional<RevisionFormat> parse_revision_format(std::string_view name) {
  if (name == "text") return RevisionFormat::text;
  if (name == "md" || name == "markdown") return RevisionFormat::markdown;
  if (name == "json") return RevisionFormat::json;
  return std::nullopt;
}

std::string render_revision(const RevisionBridge& bridge, RevisionFormat format) {
  switch (format) {
    case RevisionFormat::text:
      return render_revision_text(bridge);
    case RevisionFormat::markdown:
      return render_revision_markdown(bridge);
    case RevisionFormat::json:
      return render_revision_json(bridge);
  }
  return render_revision_text(bridge);
}

std::string render_revision_json(const RevisionBridge& bridge) {
  Json out;
  out["currency"] = std::string(bridge.currency ? bridge.currency->code : "USD");
  out["rounding_step"] = bridge.rounding_step.to_string();
  out["money_decimals"] = bridge.money_decimals;
  out["old"] = side_json(bridge, bridge.before);
  out["new"] = side_json(bridge, bridge.after);
  put_money(out, "delta", bridge, bridge.delta, true);
  if (bridge.delta_fraction) {
    out["delta_percent"] = signed_percent_one_place(*bridge.delta_fraction);
  } else {
    out["delta_percent"] = Json();
  }
  out["summary"] = describe_revision(bridge);

  Json steps = Json::array();
  for (const BridgeStep& step : bridge.steps) {
    Json s;
    s["kind"] = std::string(step_kind(step.kind));
    s["key"] = step.key;
    s["label"] = step.label;
    s["count"] = step.count;
    s["items"] = step.items;
    put_money(s, "amount", bridge, step.amount, true);
    put_money(s, "running", bridge, step.running);
    steps.push_back(std::move(s));
  }
  out["bridge"] = std::move(steps);
  put_money(out, "added", bridge, bridge.added);
  put_money(out, "removed", bridge, bridge.removed);
  put_money(out, "volume", bridge, bridge.volume, true);
  put_money(out, "price", bridge, bridge.price, true);
  put_money(out, "adjustments", bridge, bridge.adjustments, true);

  out["added_items"] = items_json(bridge, bridge.added_items);
  out["removed_items"] = items_json(bridge, bridge.removed_items);
  out["changed_items"] = items_json(bridge, bridge.changed_items);
  out["unchanged_items"] = bridge.unchanged_items;

  Json adjustments = Json::array();
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    adjustments.push_back(adjustment_json(bridge, adjustment));
  }
  out["adjustment_changes"] = std::move(adjustments);

  Json rates = Json::array();
  for (const RateRevision& rate : bridge.rates) {
    Json r;
    r["name"] = rate.name;
    r["change"] = std::string(revision_change_name(rate.change));
    r["before"] = rate.before ? Json(rate.before->to_string()) : Json();
    r["after"] = rate.after ? Json(rate.after->to_string()) : Json();
    r["items"] = rate.items;
    rates.push_back(std::move(r));
  }
  out["rate_changes"] = std::move(rates);
  out["reconciled"] = revision_bridge_reconciles(bridge);
  // Replacement of invalid UTF-8 rather than an exception: names come from user files.
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace basis
