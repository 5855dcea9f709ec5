// Options as real scenarios: a copy of the estimate changed by the option's operations in
// order, then recomputed whole (adjustments included), so that a percentage overhead
// shrinks with the direct cost it is taken on.

#include <algorithm>

#include <fmt/format.h>

#include "basis/engine/negotiation.hpp"
#include "explain_internal.hpp"

namespace basis {

namespace {

CostValue* cost_value(ItemSyntax& item, CostField field) {
  switch (field) {
    case CostField::hours:
      return &item.hours;
    case CostField::quantity:
      return &item.quantity;
    case CostField::rate:
      return &item.rate;
    case CostField::unit_cost:
      return &item.unit_cost;
    case CostField::amount:
      return &item.amount;
  }
  return nullptr;
}

// Whether the item's cost form has the field (setting `hours` on a fixed amount would give
// the item two cost forms).
bool form_has(const ItemSyntax& item, CostField field) {
  switch (item.form) {
    case CostForm::hours_rate:
      return field == CostField::hours || field == CostField::rate;
    case CostForm::quantity_unit_cost:
      return field == CostField::quantity || field == CostField::unit_cost;
    case CostForm::amount:
      return field == CostField::amount;
  }
  return false;
}

bool scale_value(CostValue& v, Decimal by, const EstimateSyntax& syntax) {
  auto scaled = [&](Decimal x, Decimal& into) {
    auto r = mul(x, by);
    if (!r) return false;
    into = *r;
    return true;
  };
  switch (v.kind) {
    case CostValue::Kind::absent:
      return true;
    case CostValue::Kind::number:
      return scaled(v.number, v.number);
    case CostValue::Kind::three_point:
      return scaled(v.points.low, v.points.low) && scaled(v.points.likely, v.points.likely) &&
             scaled(v.points.high, v.points.high);
    case CostValue::Kind::rate_name: {
      const RateSyntax* rate = syntax.find_rate(v.rate_name);
      if (!rate) return false;
      Decimal price;
      if (!scaled(rate->price, price)) return false;
      v.kind = CostValue::Kind::number;
      v.number = price;
      v.rate_name.clear();
      return true;
    }
  }
  return true;
}

// A cost field of an added item: a number, a three-point map, or a rate-card name.
std::optional<CostValue> cost_from_value(const Value& v, bool accepts_name) {
  CostValue out;
  out.pos = v.pos;
  if (v.kind == Value::Kind::number) {
    out.kind = CostValue::Kind::number;
    out.number = v.number;
    return out;
  }
  if (v.kind == Value::Kind::map) {
    const Value* low = v.find("low");
    const Value* likely = v.find("likely");
    const Value* high = v.find("high");
    if (!low || !likely || !high || low->kind != Value::Kind::number ||
        likely->kind != Value::Kind::number || high->kind != Value::Kind::number) {
      return std::nullopt;
    }
    out.kind = CostValue::Kind::three_point;
    out.points = ThreePoint{low->number, likely->number, high->number};
    return out;
  }
  if (accepts_name && v.kind == Value::Kind::text) {
    out.kind = CostValue::Kind::rate_name;
    out.rate_name = v.text;
    return out;
  }
  return std::nullopt;
}

std::optional<ItemSyntax> item_from_value(const Value& v, std::vector<std::string>& problems) {
  if (v.kind != Value::Kind::map) {
    problems.push_back("the added item is not a map");
    return std::nullopt;
  }
  ItemSyntax item;
  item.pos = v.pos;
  for (const auto& [key, value] : v.map) {
    CostValue* field = nullptr;
    bool accepts_name = false;
    if (key == "id") {
      item.id = explain_detail::value_text(value);
      item.id_pos = value.pos;
    } else if (key == "name") {
      item.name = explain_detail::value_text(value);
    } else if (key == "internal") {
      item.internal = value;
    } else if (key == "hours") {
      field = &item.hours;
    } else if (key == "rate") {
      field = &item.rate, accepts_name = true;
    } else if (key == "quantity") {
      field = &item.quantity;
    } else if (key == "unit_cost") {
      field = &item.unit_cost, accepts_name = true;
    } else if (key == "amount") {
      field = &item.amount;
    } else {
      item.attributes.emplace_back(key, value);
    }
    if (field) {
      auto cost = cost_from_value(value, accepts_name);
      if (!cost) {
        problems.push_back(fmt::format("'{}' of the added item must be a number{}", key,
                                       accepts_name ? " or a rate-card name" : ""));
        return std::nullopt;
      }
      *field = *cost;
    }
  }
  if (item.id.empty() || item.name.empty()) {
    problems.push_back("the added item needs an id and a name");
    return std::nullopt;
  }
  const bool hours = item.hours.present() || item.rate.present();
  const bool quantity = item.quantity.present() || item.unit_cost.present();
  const bool amount = item.amount.present();
  if (hours + quantity + amount != 1) {
    problems.push_back(
        fmt::format("the added item '{}' needs exactly one cost: hours and rate, "
                    "quantity and unit_cost, or amount",
                    item.id));
    return std::nullopt;
  }
  item.form =
      hours ? CostForm::hours_rate : (quantity ? CostForm::quantity_unit_cost : CostForm::amount);
  return item;
}

std::string first_error(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::error) return d.message;
  }
  return "the scenario could not be computed";
}

}  // namespace

OptionScenario compute_option(const RuleProgram& program, const Estimate& estimate,
                              const Estimate* previous, const OptionSyntax& option,
                              const EvalLimits& limits, RuleEvaluation* evaluation_of_estimate) {
  const OptionSyntax* one[] = {&option};
  return compute_options(program, estimate, previous, one, limits, evaluation_of_estimate);
}

OptionScenario compute_options(const RuleProgram& program, const Estimate& estimate,
                               const Estimate* previous,
                               std::span<const OptionSyntax* const> options,
                               const EvalLimits& limits, RuleEvaluation* evaluation_of_estimate) {
  OptionScenario result;
  result.option_matched.assign(options.size(), false);
  EstimateSyntax syntax = estimate.syntax;
  // The estimate the next filter is evaluated on: the caller's until something changes,
  // then a recomputed one (copying a large estimate per option would cost more than the
  // option itself).
  const Estimate* current = &estimate;
  std::optional<Estimate> recomputed;
  bool stale = false;
  std::vector<std::string> changed, added;
  const AppliesToFilter applies_to = make_applies_to_filter();

  auto recompute = [&]() -> bool {
    if (!stale) return true;
    Diagnostics scratch;
    recomputed = compute_estimate(syntax, scratch, applies_to);
    stale = false;
    if (!recomputed) {
      result.problems.push_back(first_error(scratch));
      return false;
    }
    current = &*recomputed;
    return true;
  };

  // Every option's operations in order, each with the option it belongs to.
  std::vector<std::pair<std::size_t, const ChangeOp*>> operations;
  for (std::size_t o = 0; o < options.size(); ++o) {
    for (const ChangeOp& op : options[o]->change) operations.emplace_back(o, &op);
  }
  for (const auto& [o, op_ptr] : operations) {
    const ChangeOp& op = *op_ptr;
    std::vector<std::size_t> selected;
    if (op.kind == ChangeOp::Kind::remove || op.kind == ChangeOp::Kind::scale ||
        op.kind == ChangeOp::Kind::set) {
      if (!recompute()) return result;
      const CompiledExpr filter = program.find_expression(op.filter.syntax.get());
      Diagnostics scratch;
      std::optional<RuleEvaluation> fresh;
      RuleEvaluation* ev = current == &estimate ? evaluation_of_estimate : nullptr;
      if (ev == nullptr) {
        EvalOptions options;
        options.limits = limits;
        options.run_rules = false;
        fresh.emplace(evaluate(program, *current, previous, scratch, options));
        ev = &*fresh;
      }
      auto items = ev->select_items(filter, scratch);
      if (!items) {
        result.problems.push_back(
            fmt::format("the filter '{}' could not be evaluated", op.filter.text.text));
        return result;
      }
      selected = std::move(*items);
      if (!selected.empty()) result.option_matched[o] = result.matched = true;
      for (std::size_t i : selected) changed.push_back(syntax.items[i].id);
    }
    switch (op.kind) {
      case ChangeOp::Kind::remove: {
        // One pass: erasing one by one is quadratic in a 100,000-line estimate.
        std::vector<bool> drop(syntax.items.size(), false);
        for (std::size_t i : selected) drop[i] = true;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < syntax.items.size(); ++i) {
          if (drop[i]) continue;
          if (kept != i) syntax.items[kept] = std::move(syntax.items[i]);
          ++kept;
        }
        syntax.items.resize(kept);
        break;
      }
      case ChangeOp::Kind::scale:
        for (std::size_t i : selected) {
          ItemSyntax& item = syntax.items[i];
          if (!form_has(item, op.field)) continue;
          if (!scale_value(*cost_value(item, op.field), op.by.value, syntax)) {
            result.problems.push_back(fmt::format("scaling {} of item '{}' overflows",
                                                  cost_field_name(op.field), item.id));
            return result;
          }
        }
        break;
      case ChangeOp::Kind::set:
        for (std::size_t i : selected) {
          ItemSyntax& item = syntax.items[i];
          if (!form_has(item, op.field)) continue;
          CostValue& v = *cost_value(item, op.field);
          const SourcePos pos = v.pos;
          v = CostValue{};
          v.pos = pos;
          if (op.to_number) {
            v.kind = CostValue::Kind::number;
            v.number = op.to_number->value;
          } else {
            if (!syntax.find_rate(op.to_rate_name.text)) {
              result.problems.push_back(
                  fmt::format("the estimate has no rate '{}'", op.to_rate_name.text));
              return result;
            }
            v.kind = CostValue::Kind::rate_name;
            v.rate_name = op.to_rate_name.text;
          }
        }
        break;
      case ChangeOp::Kind::add: {
        auto item = item_from_value(op.item, result.problems);
        if (!item) return result;
        for (const ItemSyntax& existing : syntax.items) {
          if (existing.id == item->id) {
            result.problems.push_back(
                fmt::format("the added item '{}' has the id of an existing item", item->id));
            return result;
          }
        }
        added.push_back(item->id);
        syntax.items.push_back(std::move(*item));
        result.option_matched[o] = result.matched = true;
        break;
      }
      case ChangeOp::Kind::adjust: {
        for (AdjustmentSyntax& adj : syntax.adjustments) {
          if (adj.id != op.adjustment_id.text) continue;
          if (op.percent) {
            adj.percent = op.percent->value;
            adj.amount.reset();
          } else if (op.amount) {
            adj.amount = op.amount->value;
            adj.percent.reset();
          }
          result.option_matched[o] = result.matched = true;
        }
        break;
      }
    }
    stale = true;
  }
  // Taken together, the options match when each of them changed something.
  result.matched = std::find(result.option_matched.begin(), result.option_matched.end(), false) ==
                       result.option_matched.end() &&
                   !options.empty();

  // Changed items in the original estimate's order, each once; then the added ones.
  std::vector<std::string> ordered;
  for (const LineItem& item : estimate.items) {
    if (std::find(changed.begin(), changed.end(), item.id()) != changed.end()) {
      ordered.push_back(item.id());
    }
  }
  ordered.insert(ordered.end(), added.begin(), added.end());
  result.changed_items = std::move(ordered);

  stale = true;
  if (!recompute()) return result;
  result.estimate = std::move(recomputed);
  return result;
}

namespace explain_detail {

void build_options(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  const Decimal total = estimate.totals.total;
  for (std::size_t r = 0; r < ctx.program.rule_refs().size(); ++r) {
    if (!ctx.kept(r)) continue;
    const RuleSyntax& rule = ctx.rule(r);
    const SourceRef& source = ctx.program.rule_refs()[r].file->source;
    for (const OptionSyntax& option : rule.options) {
      if (ctx.taken && ctx.taken->taken(option)) continue;  // already in the estimate
      if (const OptionSyntax* other = ctx.taken ? ctx.taken->clash(option) : nullptr) {
        ctx.reporter.warn(source, option.id_pos,
                          fmt::format("option '{}' is not offered: it adjusts what the taken "
                                      "option '{}' adjusts",
                                      option.id, other->id));
        continue;
      }
      OptionScenario scenario = compute_option(ctx.program, estimate, ctx.request.previous, option,
                                               ctx.request.limits, &ctx.ev);
      if (!scenario.matched) {
        ctx.reporter.warn(source, option.id_pos,
                          fmt::format("option '{}' of rule '{}' matches nothing in this estimate, "
                                      "so it is not offered",
                                      option.id, rule.id));
        continue;
      }
      if (!scenario.estimate) {
        ctx.reporter.warn(
            source, option.id_pos,
            fmt::format("option '{}' of rule '{}' could not be computed: {}", option.id, rule.id,
                        scenario.problems.empty() ? "unknown problem" : scenario.problems.front()));
        continue;
      }
      OptionRow row;
      row.id = option.id;
      row.rule_id = rule.id;
      row.title = ctx.renderer.render_plain(option.title, rule, RuleValue::null());
      const Decimal new_total = scenario.estimate->totals.total;
      const Decimal delta = sub(new_total, total).value_or(Decimal());
      row.new_total = money_figure(estimate, new_total);
      row.delta = money_figure(estimate, delta);
      if (delta.sign() > 0) row.delta.shown.insert(row.delta.shown.begin(), '+');
      if (!total.is_zero()) {
        if (auto fraction = div(delta, total)) {
          row.delta_percent.exact = *fraction;
          row.delta_percent.shown = format_percent_places(*fraction, 1).value_or("");
          if (fraction->sign() > 0)
            row.delta_percent.shown.insert(row.delta_percent.shown.begin(), '+');
        }
      }
      row.tradeoff = ctx.renderer.render(option.tradeoff, rule, RuleValue::null());
      if (!ctx.client)
        row.ask_in_return = ctx.renderer.render(option.ask_in_return, rule, RuleValue::null());
      row.changed_items = std::move(scenario.changed_items);
      out.options.push_back(std::move(row));
    }
  }
  std::stable_sort(out.options.begin(), out.options.end(),
                   [](const OptionRow& a, const OptionRow& b) {
                     if (a.delta.exact != b.delta.exact) return a.delta.exact < b.delta.exact;
                     return a.id < b.id;
                   });
}

}  // namespace explain_detail

}  // namespace basis
