// The negotiation brief (internal style only): the rules' internal notes and the figures
// a client never sees: floor, room above it, target margin, then (explain_margin.cpp) the
// cost, the margin and the concession plan.

#include <set>

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

// A fraction from an internal field: a number (0.24) or a percentage written as text ("24%").
std::optional<Decimal> fraction_of(const Value& v) {
  if (v.kind == Value::Kind::number) {
    if (!v.text.empty() && v.text.back() == '%') {
      return div(v.number, Decimal::from_int(100));
    }
    return v.number;
  }
  if (v.kind == Value::Kind::text && !v.text.empty() && v.text.back() == '%') {
    auto n = Decimal::parse(std::string_view(v.text).substr(0, v.text.size() - 1));
    if (n) return div(*n, Decimal::from_int(100));
  }
  return std::nullopt;
}

std::optional<Decimal> number_of(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == Value::Kind::number) return v->number;
  if (v->kind == Value::Kind::text) return Decimal::parse(v->text);
  return std::nullopt;
}

void internal_figures(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  const Value& internal = estimate.syntax.internal;
  const Decimal total = estimate.totals.total;
  if (auto floor = number_of(internal.find("floor"))) {
    out.internal_figures.push_back(
        {"floor", "Floor (walk-away price)", money_figure(estimate, *floor)});
    if (auto headroom = sub(total, *floor)) {
      out.internal_figures.push_back(
          {"headroom", "Room above the floor", money_figure(estimate, *headroom)});
    }
  }
  if (const Value* margin = internal.find("target_margin")) {
    if (auto f = fraction_of(*margin)) {
      out.internal_figures.push_back(
          {"target_margin", "Target margin", Figure{*f, format_percent(*f)}});
    }
  }
}

}  // namespace

void build_internal(BuildContext& ctx, Explanation& out) {
  if (ctx.client) return;
  for (std::size_t r : ctx.order) {
    if (!ctx.kept(r)) continue;
    const RuleSyntax& rule = ctx.rule(r);
    if (!rule.internal.syntax) continue;
    std::set<std::string> noted;
    for (const RuleValue& element : ctx.elements(r)) {
      RichText text = ctx.renderer.render(rule.internal, rule, element);
      if (text.empty() || !noted.insert(plain_text(text)).second) continue;
      out.internal_notes.push_back(InternalNote{rule.id, rule.title.text, std::move(text)});
    }
  }
  internal_figures(ctx, out);
  build_margin_figures(ctx, out);  // quoted total, cost, margin (explain_margin.cpp)
  build_concessions(ctx, out);
}

}  // namespace basis::explain_detail
