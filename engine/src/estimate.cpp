#include "basis/engine/estimate.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "estimate_internal.hpp"

namespace basis {

namespace detail {

SourceRef item_source(const EstimateHeaderSyntax& syntax) {
  return syntax.items_source ? syntax.items_source : syntax.source;
}

std::uint32_t code_points(std::string_view text) {
  std::uint32_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void report_overflow(const SourceRef& source, SourcePos pos, std::string_view what,
                     Diagnostics& diags) {
  diags.error(source, pos, fmt::format("{} is too large (overflow)", what));
}

std::optional<Decimal> round_money(Decimal value, Decimal step, const SourceRef& source,
                                   SourcePos pos, std::string_view what, Diagnostics& diags) {
  auto rounded = value.round_to_step(step);
  if (!rounded) report_overflow(source, pos, what, diags);
  return rounded;
}

}  // namespace detail

namespace {

using detail::report_overflow;

const Currency& usd() {
  static const Currency* currency = find_currency("USD");
  return *currency;
}

std::string_view field_name(CostForm form, bool first) {
  switch (form) {
    case CostForm::hours_rate:
      return first ? "hours" : "rate";
    case CostForm::quantity_unit_cost:
      return first ? "quantity" : "unit_cost";
    case CostForm::amount:
      return "amount";
  }
  return "amount";
}

// Where an item's amount is reported: its first cost figure, else the item itself.
SourcePos amount_pos(const ItemSyntax& item) {
  const CostValue* first = nullptr;
  switch (item.form) {
    case CostForm::hours_rate:
      first = &item.hours;
      break;
    case CostForm::quantity_unit_cost:
      first = &item.quantity;
      break;
    case CostForm::amount:
      first = &item.amount;
      break;
  }
  if (first && first->pos.known()) return first->pos;
  return item.pos;
}

// A cost field as rules see it: its expected value (a rate-card name resolved to the
// price) and its three points. Reports and returns nullopt when it cannot be formed.
std::optional<CostFigure> figure_of(const CostValue& value, std::string_view field,
                                    const ItemSyntax& item, const EstimateHeaderSyntax& syntax,
                                    std::string& rate_name, Diagnostics& diags) {
  const SourceRef source = detail::item_source(syntax);
  CostFigure figure;
  switch (value.kind) {
    case CostValue::Kind::absent:
      return figure;
    case CostValue::Kind::number:
      figure.value = value.number;
      return figure;
    case CostValue::Kind::three_point: {
      figure.points = &value.points;
      figure.value = expected_value(value.points, syntax.three_point);
      if (!figure.value) {
        report_overflow(source, value.pos, fmt::format("{} of item '{}'", field, item.id), diags);
        return std::nullopt;
      }
      return figure;
    }
    case CostValue::Kind::rate_name: {
      if (const RateSyntax* rate = syntax.find_rate(value.rate_name)) {
        figure.value = rate->price;
        rate_name = value.rate_name;
        return figure;
      }
      std::vector<std::string_view> names;
      for (const RateSyntax& r : syntax.rates) names.push_back(r.name);
      diags.error(
          source, value.pos,
          fmt::format("unknown rate '{}'{}", value.rate_name, did_you_mean(value.rate_name, names)),
          detail::code_points(value.rate_name));
      return std::nullopt;
    }
  }
  return figure;
}

// The unrounded amount of an item from its figures, then rounded once to the step.
bool compute_item_amount(LineItem& item, const EstimateHeaderSyntax& syntax, Decimal step,
                         Diagnostics& diags) {
  const SourceRef source = detail::item_source(syntax);
  const SourcePos pos = item.syntax ? amount_pos(*item.syntax) : SourcePos{};
  const std::string what = fmt::format("amount of item '{}'", item.syntax ? item.id() : "");
  const CostFigure* first = nullptr;
  const CostFigure* second = nullptr;
  switch (item.form) {
    case CostForm::hours_rate:
      first = &item.hours, second = &item.rate;
      break;
    case CostForm::quantity_unit_cost:
      first = &item.quantity, second = &item.unit_cost;
      break;
    case CostForm::amount:
      first = &item.amount_input;
      break;
  }
  if (!first->value || (second && !second->value)) {
    const std::string_view missing =
        first->value ? field_name(item.form, false) : field_name(item.form, true);
    diags.error(source, pos,
                fmt::format("item '{}' has no {}", item.syntax ? item.id() : "", missing));
    return false;
  }
  std::optional<Decimal> unrounded = *first->value;
  if (second) unrounded = mul(*first->value, *second->value);
  if (!unrounded) {
    report_overflow(source, pos, what, diags);
    return false;
  }
  auto amount = detail::round_money(*unrounded, step, source, pos, what, diags);
  if (!amount) return false;
  item.amount = *amount;
  return true;
}

// A line from its syntax: its figures (rate-card names resolved, three-point values to
// their expected value) and its amount. Every problem is reported.
bool compute_line(const ItemSyntax& item_syntax, const EstimateHeaderSyntax& syntax, Decimal step,
                  LineItem& item, Diagnostics& diags) {
  item.syntax = &item_syntax;
  item.form = item_syntax.form;
  std::string rate_name;
  auto hours = figure_of(item_syntax.hours, "hours", item_syntax, syntax, rate_name, diags);
  auto rate = figure_of(item_syntax.rate, "rate", item_syntax, syntax, rate_name, diags);
  auto quantity =
      figure_of(item_syntax.quantity, "quantity", item_syntax, syntax, rate_name, diags);
  auto unit_cost =
      figure_of(item_syntax.unit_cost, "unit_cost", item_syntax, syntax, rate_name, diags);
  auto amount = figure_of(item_syntax.amount, "amount", item_syntax, syntax, rate_name, diags);
  if (!hours || !rate || !quantity || !unit_cost || !amount) return false;
  item.hours = *hours;
  item.rate = *rate;
  item.quantity = *quantity;
  item.unit_cost = *unit_cost;
  item.amount_input = *amount;
  item.rate_name = std::move(rate_name);
  return compute_item_amount(item, syntax, step, diags);
}

bool compute_item_amounts(Estimate& estimate, Diagnostics& diags) {
  bool ok = true;
  for (LineItem& item : estimate.items) {
    ok = compute_item_amount(item, estimate.syntax, estimate.rounding_step, diags) && ok;
  }
  return ok;
}

bool valid_step(Estimate& estimate, Diagnostics& diags) {
  if (estimate.rounding_step.sign() > 0) return true;
  diags.error(estimate.syntax.source, SourcePos{},
              fmt::format("rounding step {} must be greater than zero",
                          estimate.rounding_step.to_string()));
  return false;
}

// Points every adjustment that pointed into `from` at the same element of `to`.
void rebind_adjustments(Estimate& estimate, const EstimateHeaderSyntax& from) {
  const AdjustmentSyntax* adjustments = from.adjustments.data();
  for (AdjustmentLine& line : estimate.totals.adjustments) {
    if (line.syntax >= adjustments && line.syntax < adjustments + from.adjustments.size()) {
      line.syntax =
          &estimate.syntax.adjustments[static_cast<std::size_t>(line.syntax - adjustments)];
    }
  }
}

// Points every item and adjustment that pointed into `from` at the same element of `to`.
// A scenario's lines point into its base or at its own scenario_lines: they stay.
void rebind(Estimate& estimate, const EstimateSyntax& from) {
  const ItemSyntax* items = from.items.data();
  for (LineItem& item : estimate.items) {
    if (item.syntax >= items && item.syntax < items + from.items.size()) {
      item.syntax = &estimate.syntax.items[static_cast<std::size_t>(item.syntax - items)];
      const auto repoint = [](CostFigure& figure, const CostValue& value) {
        if (figure.points) figure.points = &value.points;
      };
      repoint(item.hours, item.syntax->hours);
      repoint(item.rate, item.syntax->rate);
      repoint(item.quantity, item.syntax->quantity);
      repoint(item.unit_cost, item.syntax->unit_cost);
      repoint(item.amount_input, item.syntax->amount);
    }
  }
  rebind_adjustments(estimate, from);
}

}  // namespace

std::optional<Decimal> expected_value(const ThreePoint& points, ThreePointMethod method) {
  std::optional<Decimal> sum;
  if (method == ThreePointMethod::triangular) {
    sum = add(points.low, points.likely);
    if (sum) sum = add(*sum, points.high);
    if (!sum) return std::nullopt;
    return div(*sum, Decimal::from_int(3));
  }
  auto four_likely = mul(Decimal::from_int(4), points.likely);
  if (!four_likely) return std::nullopt;
  sum = add(points.low, *four_likely);
  if (sum) sum = add(*sum, points.high);
  if (!sum) return std::nullopt;
  return div(*sum, Decimal::from_int(6));
}

int money_decimals_for(Decimal rounding_step, const Currency& currency) {
  return std::min(rounding_step.places(), currency.minor_unit);
}

const AdjustmentLine* Totals::adjustment(std::string_view id) const {
  for (const AdjustmentLine& line : adjustments) {
    if (line.syntax && line.syntax->id == id) return &line;
  }
  return nullptr;
}

Estimate::Estimate(const Estimate& other)
    : syntax(other.syntax),
      items(other.items),
      totals(other.totals),
      currency(other.currency),
      rounding_step(other.rounding_step),
      money_decimals(other.money_decimals),
      scenario_lines(other.scenario_lines) {
  rebind(*this, other.syntax);
}

Estimate& Estimate::operator=(const Estimate& other) {
  if (this != &other) {
    Estimate copy(other);
    *this = std::move(copy);
  }
  return *this;
}

std::string Estimate::format_money(Decimal value) const {
  return basis::format_money(value, currency ? *currency : usd(), money_decimals);
}

std::optional<Estimate> compute_estimate(EstimateSyntax syntax, Diagnostics& diags,
                                         const AppliesToFilter& applies_to) {
  Estimate estimate;
  estimate.syntax = std::move(syntax);
  estimate.currency = estimate.syntax.currency ? estimate.syntax.currency : &usd();
  estimate.rounding_step = estimate.syntax.rounding_step();
  estimate.money_decimals = money_decimals_for(estimate.rounding_step, *estimate.currency);
  if (!valid_step(estimate, diags)) return std::nullopt;

  bool ok = true;
  estimate.items.reserve(estimate.syntax.items.size());
  for (const ItemSyntax& item_syntax : estimate.syntax.items) {
    LineItem item;
    ok = compute_line(item_syntax, estimate.syntax, estimate.rounding_step, item, diags) && ok;
    estimate.items.push_back(std::move(item));
  }
  if (!ok) return std::nullopt;
  if (!detail::compute_adjustments(estimate, diags, applies_to)) return std::nullopt;
  return estimate;
}

Estimate start_scenario(const Estimate& base) {
  Estimate scenario;
  static_cast<EstimateHeaderSyntax&>(scenario.syntax) = base.syntax;
  scenario.items = base.items;
  scenario.scenario_lines = base.scenario_lines;
  scenario.totals = base.totals;
  scenario.currency = base.currency;
  scenario.rounding_step = base.rounding_step;
  scenario.money_decimals = base.money_decimals;
  rebind_adjustments(scenario, base.syntax);  // the lines stay with the base
  return scenario;
}

bool set_scenario_line(Estimate& scenario, std::size_t index, ItemSyntax syntax,
                       Diagnostics& diags) {
  auto owned = std::make_shared<const ItemSyntax>(std::move(syntax));
  LineItem line;
  if (!compute_line(*owned, scenario.syntax, scenario.rounding_step, line, diags)) return false;
  scenario.scenario_lines.push_back(std::move(owned));
  if (index < scenario.items.size()) {
    scenario.items[index] = std::move(line);
  } else {
    scenario.items.push_back(std::move(line));
  }
  return true;
}

bool recompute_adjustments(Estimate& estimate, Diagnostics& diags,
                           const AppliesToFilter& applies_to) {
  return detail::compute_adjustments(estimate, diags, applies_to);
}

bool recompute_totals(Estimate& estimate, Diagnostics& diags, const AppliesToFilter& applies_to) {
  if (!valid_step(estimate, diags)) return false;
  if (!compute_item_amounts(estimate, diags)) return false;
  return detail::compute_adjustments(estimate, diags, applies_to);
}

}  // namespace basis
