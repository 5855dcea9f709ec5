// The firm's side of a scenario: what it costs (cost rates, items' own costs, pass-through
// lines) and the margin it leaves; the floor and target margin from the estimate's
// internal block. Internal by nature: only the negotiation brief shows any of it.

#include "basis/engine/negotiation.hpp"

namespace basis {

namespace {

std::optional<Decimal> number_of(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == Value::Kind::number) return v->number;
  if (v->kind == Value::Kind::text) return Decimal::parse(v->text);
  return std::nullopt;
}

// A fraction written as a percentage (24%, read as a number whose text ends in % or as
// text) or as a plain fraction (0.24).
std::optional<Decimal> fraction_of(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == Value::Kind::number) {
    if (!v->text.empty() && v->text.back() == '%') return div(v->number, Decimal::from_int(100));
    return v->number;
  }
  if (v->kind == Value::Kind::text && !v->text.empty() && v->text.back() == '%') {
    auto n = Decimal::parse(std::string_view(v->text).substr(0, v->text.size() - 1));
    if (n) return div(*n, Decimal::from_int(100));
  }
  return std::nullopt;
}

// The hours (or units) a rate-card line is priced by, with its rate name.
const CostFigure* rate_card_volume(const LineItem& item) {
  if (item.rate_name.empty()) return nullptr;
  if (item.form == CostForm::hours_rate) return &item.hours;
  if (item.form == CostForm::quantity_unit_cost) return &item.quantity;
  return nullptr;
}

}  // namespace

std::optional<FirmCost> firm_cost(const Estimate& estimate) {
  const Value* cost_rates = estimate.syntax.internal.find("cost_rates");
  FirmCost out;
  for (const LineItem& item : estimate.items) {
    std::optional<Decimal> cost;
    if (item.syntax) cost = number_of(item.syntax->internal.find("cost"));
    if (!cost && cost_rates) {
      const CostFigure* volume = rate_card_volume(item);
      if (volume && volume->value) {
        if (auto rate = number_of(cost_rates->find(item.rate_name))) {
          auto product = mul(*volume->value, *rate);
          if (!product) return std::nullopt;
          cost = *product;
        }
      }
    }
    if (cost) {
      auto rounded = cost->round_to_step(estimate.rounding_step);
      if (!rounded) return std::nullopt;
      cost = *rounded;
      ++out.costed_lines;
    } else {
      cost = item.amount;
      ++out.pass_through_lines;
    }
    auto sum = add(out.cost, *cost);
    if (!sum) return std::nullopt;
    out.cost = *sum;
  }
  if (out.costed_lines == 0) return std::nullopt;
  return out;
}

std::optional<Decimal> margin_of(Decimal total, Decimal cost) {
  if (total.is_zero()) return std::nullopt;
  auto profit = sub(total, cost);
  if (!profit) return std::nullopt;
  return div(*profit, total);
}

InternalTerms internal_terms(const Estimate& estimate) {
  const Value& internal = estimate.syntax.internal;
  InternalTerms out;
  out.floor = number_of(internal.find("floor"));
  out.target_margin = fraction_of(internal.find("target_margin"));
  return out;
}

}  // namespace basis
