// JSON totals: every amount as an exact decimal string ("864547.69") beside its formatted
// text ("$864,547.69"), keys in a fixed order so that the same input gives the same bytes.

#include <nlohmann/json.hpp>

#include "basis/render/totals.hpp"

namespace basis {

namespace {

using Json = nlohmann::ordered_json;

std::string_view base_kind(const AdjustmentSyntax& adjustment) {
  if (adjustment.amount || !adjustment.percent) return "fixed";
  switch (adjustment.base) {
    case AdjustmentBase::direct:
      return "direct";
    case AdjustmentBase::subtotal:
      return "subtotal";
    case AdjustmentBase::applies_to:
      return "applies_to";
  }
  return "direct";
}

// Percent units without the sign: 0.12 -> "12".
std::string percent_number(Decimal fraction) {
  std::string text = format_percent(fraction);
  text.pop_back();
  return text;
}

void put_money(Json& object, const std::string& key, const Estimate& estimate, Decimal amount) {
  object[key] = amount.to_fixed(estimate.money_decimals);
  object[key + "_formatted"] = estimate.format_money(amount);
}

}  // namespace

std::string render_totals_json(const Estimate& estimate, const TotalsReport& report) {
  const Totals& totals = *report.totals;
  Json out;
  Json head;
  head["id"] = estimate.id();
  head["title"] = estimate.syntax.title;
  head["currency"] = std::string(estimate.currency->code);
  head["class"] = estimate.syntax.estimate_class ? Json(*estimate.syntax.estimate_class) : Json();
  head["rounding_step"] = estimate.rounding_step.to_string();
  head["money_decimals"] = estimate.money_decimals;
  out["estimate"] = std::move(head);
  out["group_by"] = report.group_by;

  Json groups = Json::array();
  for (const TotalsGroup& group : report.groups) {
    Json g;
    g["key"] = group.key;
    g["items"] = group.item_count;
    Json ids = Json::array();
    for (std::size_t i : group.items) ids.push_back(estimate.items[i].id());
    g["item_ids"] = std::move(ids);
    g["hours"] =
        group.hours_items > 0 ? Json(group.shown_hours.to_fixed(report.hours_decimals)) : Json();
    g["hours_exact"] = group.hours.to_string();
    put_money(g, "amount", estimate, group.amount);
    const std::string share = format_share(group.share_tenths);
    g["share"] = share.substr(0, share.size() - 1);  // "8.2" beside "8.2%"
    g["share_formatted"] = share;
    g["share_tenths"] = group.share_tenths;
    groups.push_back(std::move(g));
  }
  out["groups"] = std::move(groups);

  out["items"] = estimate.items.size();
  out["hours"] = report.shown_total_hours.to_fixed(report.hours_decimals);
  out["hours_exact"] = report.total_hours.to_string();
  put_money(out, "direct", estimate, totals.direct);

  Json adjustments = Json::array();
  for (const AdjustmentLine& line : totals.adjustments) {
    const AdjustmentSyntax& adjustment = *line.syntax;
    Json a;
    a["id"] = adjustment.id;
    a["label"] = adjustment.label.empty() ? adjustment.id : adjustment.label;
    a["kind"] = std::string(adjustment_kind_name(adjustment.kind));
    const std::string_view kind = base_kind(adjustment);
    a["base_kind"] = std::string(kind);
    a["percent"] = kind == "fixed" ? Json() : Json(percent_number(*adjustment.percent));
    if (kind == "fixed") {
      a["base"] = Json();
      a["base_formatted"] = Json();
    } else {
      put_money(a, "base", estimate, line.base);
    }
    a["applies_to"] = kind == "applies_to" ? Json(adjustment.applies_to.text) : Json();
    if (kind == "applies_to") {
      Json ids = Json::array();
      for (std::size_t i : line.matched_items) ids.push_back(estimate.items[i].id());
      a["matched_items"] = std::move(ids);
    }
    a["description"] = describe_adjustment_base(estimate, line);
    put_money(a, "amount", estimate, line.amount);
    adjustments.push_back(std::move(a));
  }
  out["adjustments"] = std::move(adjustments);
  put_money(out, "subtotal", estimate, totals.subtotal);
  put_money(out, "total", estimate, totals.total);

  if (report.accuracy) {
    const AccuracyRange& range = *report.accuracy;
    const Currency& currency = *estimate.currency;
    Json a;
    a["class"] = range.estimate_class;
    a["low_percent"] = percent_number(range.low_percent);
    a["high_percent"] = percent_number(range.high_percent);
    a["low"] = range.low.to_fixed(0);
    a["low_formatted"] = format_money(range.low, currency, 0);
    a["high"] = range.high.to_fixed(0);
    a["high_formatted"] = format_money(range.high, currency, 0);
    a["text"] = describe_accuracy(estimate, range);
    out["accuracy"] = std::move(a);
  } else {
    out["accuracy"] = Json();
  }
  // Replacement of invalid UTF-8 rather than an exception: labels come from user files.
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace basis
