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
  // The scenario shares the unchanged lines with `estimate` and owns the ones it edits, so
  // an option costs what it changes plus one pass over the adjustments, not a copy of a
  // 10,000-line estimate.
  Estimate scenario = start_scenario(estimate);
  // Filters see the estimate as the options before them left it: the caller's (with its
  // evaluation) until something changes, then the scenario with its totals brought up to
  // date.
  bool changed_yet = false, stale = false;
  std::vector<std::string> changed, added;
  const AppliesToFilter applies_to = make_applies_to_filter();

  auto fail = [&](const Diagnostics& scratch) {
    result.problems.push_back(first_error(scratch));
    return result;
  };
  auto refresh = [&](Diagnostics& scratch) {
    if (!stale) return true;
    stale = false;
    return recompute_adjustments(scenario, scratch, applies_to);
  };

  // Every option's operations in order, each with the option it belongs to.
  std::vector<std::pair<std::size_t, const ChangeOp*>> operations;
  for (std::size_t o = 0; o < options.size(); ++o) {
    for (const ChangeOp& op : options[o]->change) operations.emplace_back(o, &op);
  }
  for (const auto& [o, op_ptr] : operations) {
    const ChangeOp& op = *op_ptr;
    Diagnostics scratch;
    std::vector<std::size_t> selected;
    if (op.kind == ChangeOp::Kind::remove || op.kind == ChangeOp::Kind::scale ||
        op.kind == ChangeOp::Kind::set) {
      if (!refresh(scratch)) return fail(scratch);
      const CompiledExpr filter = program.find_expression(op.filter.syntax.get());
      std::optional<RuleEvaluation> fresh;
      RuleEvaluation* ev = changed_yet ? nullptr : evaluation_of_estimate;
      if (ev == nullptr) {
        EvalOptions eval_options;
        eval_options.limits = limits;
        eval_options.run_rules = false;
        fresh.emplace(
            evaluate(program, changed_yet ? scenario : estimate, previous, scratch, eval_options));
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
      for (std::size_t i : selected) changed.push_back(scenario.items[i].id());
    }
    switch (op.kind) {
      case ChangeOp::Kind::remove: {
        // One pass: erasing one by one is quadratic in a 100,000-line estimate.
        std::vector<bool> drop(scenario.items.size(), false);
        for (std::size_t i : selected) drop[i] = true;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < scenario.items.size(); ++i) {
          if (drop[i]) continue;
          if (kept != i) scenario.items[kept] = std::move(scenario.items[i]);
          ++kept;
        }
        scenario.items.resize(kept);
        break;
      }
      case ChangeOp::Kind::scale:
        for (std::size_t i : selected) {
          if (!form_has(*scenario.items[i].syntax, op.field)) continue;
          ItemSyntax item = *scenario.items[i].syntax;
          if (!scale_value(*cost_value(item, op.field), op.by.value, scenario.syntax)) {
            result.problems.push_back(fmt::format("scaling {} of item '{}' overflows",
                                                  cost_field_name(op.field), item.id));
            return result;
          }
          if (!set_scenario_line(scenario, i, std::move(item), scratch)) return fail(scratch);
        }
        break;
      case ChangeOp::Kind::set:
        for (std::size_t i : selected) {
          if (!form_has(*scenario.items[i].syntax, op.field)) continue;
          ItemSyntax item = *scenario.items[i].syntax;
          CostValue& v = *cost_value(item, op.field);
          const SourcePos pos = v.pos;
          v = CostValue{};
          v.pos = pos;
          if (op.to_number) {
            v.kind = CostValue::Kind::number;
            v.number = op.to_number->value;
          } else {
            if (!scenario.syntax.find_rate(op.to_rate_name.text)) {
              result.problems.push_back(
                  fmt::format("the estimate has no rate '{}'", op.to_rate_name.text));
              return result;
            }
            v.kind = CostValue::Kind::rate_name;
            v.rate_name = op.to_rate_name.text;
          }
          if (!set_scenario_line(scenario, i, std::move(item), scratch)) return fail(scratch);
        }
        break;
      case ChangeOp::Kind::add: {
        auto item = item_from_value(op.item, result.problems);
        if (!item) return result;
        for (const LineItem& existing : scenario.items) {
          if (existing.id() == item->id) {
            result.problems.push_back(
                fmt::format("the added item '{}' has the id of an existing item", item->id));
            return result;
          }
        }
        added.push_back(item->id);
        if (!set_scenario_line(scenario, scenario.items.size(), std::move(*item), scratch))
          return fail(scratch);
        result.option_matched[o] = result.matched = true;
        break;
      }
      case ChangeOp::Kind::adjust: {
        for (AdjustmentSyntax& adj : scenario.syntax.adjustments) {
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
    changed_yet = stale = true;
  }
  // Taken together, the options match when each of them changed something.
  result.matched = std::find(result.option_matched.begin(), result.option_matched.end(), false) ==
                       result.option_matched.end() &&
                   !options.empty();

  // Changed items in the original estimate's order, each once; then the added ones.
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  std::vector<std::string> ordered;
  for (const LineItem& item : estimate.items) {
    if (std::binary_search(changed.begin(), changed.end(), item.id())) ordered.push_back(item.id());
  }
  ordered.insert(ordered.end(), added.begin(), added.end());
  result.changed_items = std::move(ordered);

  Diagnostics scratch;
  stale = true;
  if (!refresh(scratch)) return fail(scratch);
  result.estimate = std::move(scenario);
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
