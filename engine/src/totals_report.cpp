#include "basis/engine/totals_report.hpp"

#include <algorithm>
#include <map>

namespace basis {

namespace {

std::optional<std::string> value_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null:
      return std::nullopt;
    case Value::Kind::boolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::number:
      return value.number.to_string();
    case Value::Kind::text:
      return value.text;
    case Value::Kind::list: {
      std::string joined;
      for (const Value& element : value.list) {
        auto text = value_text(element);
        if (!text) continue;
        if (!joined.empty()) joined += ", ";
        joined += *text;
      }
      if (joined.empty()) return std::nullopt;
      return joined;
    }
    case Value::Kind::map:
      return std::nullopt;
  }
  return std::nullopt;
}

constexpr std::string_view kBuiltInFields[] = {"id", "name", "rate_name", "rate", "form"};

std::string_view form_name(CostForm form) {
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

// Group hours as shown: largest remainder over the shown total, so the shown parts add up.
void set_shown_hours(TotalsReport& report) {
  bool whole = true;
  for (const TotalsGroup& group : report.groups) whole = whole && group.hours.is_integer();
  report.hours_decimals = whole ? 0 : 1;
  const Decimal scale = Decimal::from_int(whole ? 1 : 10);
  auto scaled_total = mul(report.total_hours, scale);
  std::optional<Decimal> rounded = scaled_total ? scaled_total->round(0) : std::nullopt;
  std::optional<std::int64_t> units = rounded ? rounded->to_int64() : std::nullopt;
  if (!units) {
    // Beyond any real estimate: each group rounded on its own.
    for (TotalsGroup& group : report.groups) {
      group.shown_hours = group.hours.round(report.hours_decimals).value_or(group.hours);
    }
    report.shown_total_hours =
        report.total_hours.round(report.hours_decimals).value_or(report.total_hours);
    return;
  }
  std::vector<Decimal> parts;
  for (const TotalsGroup& group : report.groups) parts.push_back(group.hours);
  std::vector<std::int64_t> shown = largest_remainder_shares(parts, *units);
  for (std::size_t i = 0; i < report.groups.size(); ++i) {
    report.groups[i].shown_hours =
        div(Decimal::from_int(shown[i]), scale).value_or(report.groups[i].hours);
  }
  report.shown_total_hours = div(Decimal::from_int(*units), scale).value_or(report.total_hours);
}

}  // namespace

std::optional<std::string> group_key(const LineItem& item, std::string_view field) {
  if (!item.syntax) return std::nullopt;
  if (field == "id") return item.id();
  if (field == "name") return item.name();
  if (field == "form") return std::string(form_name(item.form));
  if (field == "rate_name" || field == "rate") {
    if (!item.rate_name.empty()) return item.rate_name;
    if (field == "rate" && item.rate.value) return item.rate.value->to_string();
    return std::nullopt;
  }
  if (const Value* value = item.syntax->attribute(field)) return value_text(*value);
  return std::nullopt;
}

bool is_known_group_field(const Estimate& estimate, std::string_view field) {
  if (std::find(std::begin(kBuiltInFields), std::end(kBuiltInFields), field) !=
      std::end(kBuiltInFields)) {
    return true;
  }
  return std::any_of(estimate.items.begin(), estimate.items.end(), [&](const LineItem& item) {
    return item.syntax && item.syntax->attribute(field) != nullptr;
  });
}

std::optional<AccuracyBounds> default_class_bounds(int estimate_class) {
  auto bounds = [](const char* low, const char* high) {
    return AccuracyBounds{*Decimal::parse(low), *Decimal::parse(high)};
  };
  switch (estimate_class) {
    case 5:
      return bounds("-0.50", "1.00");
    case 4:
      return bounds("-0.30", "0.50");
    case 3:
      return bounds("-0.20", "0.30");
    case 2:
      return bounds("-0.15", "0.20");
    case 1:
      return bounds("-0.10", "0.15");
    default:
      return std::nullopt;
  }
}

std::optional<AccuracyRange> accuracy_range(const Estimate& estimate,
                                            const std::optional<AccuracyBounds>& bounds) {
  if (!estimate.syntax.estimate_class) return std::nullopt;
  const int estimate_class = *estimate.syntax.estimate_class;
  std::optional<AccuracyBounds> in_force = bounds ? bounds : default_class_bounds(estimate_class);
  if (!in_force) return std::nullopt;
  auto bound = [&](Decimal percent) -> std::optional<Decimal> {
    auto factor = add(Decimal::from_int(1), percent);
    if (!factor) return std::nullopt;
    auto value = mul(estimate.totals.total, *factor);
    if (!value) return std::nullopt;
    return value->round(0);
  };
  auto low = bound(in_force->low_percent);
  auto high = bound(in_force->high_percent);
  if (!low || !high) return std::nullopt;
  AccuracyRange range;
  range.estimate_class = estimate_class;
  range.low_percent = in_force->low_percent;
  range.high_percent = in_force->high_percent;
  // A negative total (credits) turns the bounds around; low stays the smaller figure.
  range.low = std::min(*low, *high);
  range.high = std::max(*low, *high);
  return range;
}

TotalsReport build_totals_report(const Estimate& estimate, const std::string& group_by,
                                 const std::optional<AccuracyBounds>& bounds) {
  TotalsReport report;
  report.group_by = group_by.empty() ? "category" : group_by;
  report.totals = &estimate.totals;

  std::map<std::string, TotalsGroup> by_key;
  for (std::size_t i = 0; i < estimate.items.size(); ++i) {
    const LineItem& item = estimate.items[i];
    std::string key = group_key(item, report.group_by).value_or(std::string(kNoGroup));
    TotalsGroup& group = by_key[key];
    group.key = key;
    group.item_count += 1;
    group.items.push_back(i);
    // Sums of amounts that the estimate already summed without overflow cannot overflow
    // when only some of them are added, unless credits cancel: saturate rather than wrap.
    group.amount = add(group.amount, item.amount).value_or(group.amount);
    if (item.form == CostForm::hours_rate && item.hours.value) {
      group.hours_items += 1;
      group.hours = add(group.hours, *item.hours.value).value_or(group.hours);
      report.total_hours = add(report.total_hours, *item.hours.value).value_or(report.total_hours);
    }
  }
  for (auto& [key, group] : by_key) report.groups.push_back(std::move(group));
  std::stable_sort(report.groups.begin(), report.groups.end(),
                   [](const TotalsGroup& a, const TotalsGroup& b) {
                     if (a.amount != b.amount) return a.amount > b.amount;
                     return a.key < b.key;
                   });

  std::vector<Decimal> amounts;
  for (const TotalsGroup& group : report.groups) amounts.push_back(group.amount);
  std::vector<std::int64_t> shares = largest_remainder_shares(amounts, 1000);
  for (std::size_t i = 0; i < report.groups.size(); ++i) report.groups[i].share_tenths = shares[i];

  set_shown_hours(report);
  report.accuracy = accuracy_range(estimate, bounds);
  report.accuracy_overflow = !report.accuracy && estimate.syntax.estimate_class &&
                             (bounds || default_class_bounds(*estimate.syntax.estimate_class));
  return report;
}

}  // namespace basis
