// `why`: a rule's condition evaluated again with every part's value recorded, then laid
// out along the compiled tree so that parts and-ed or or-ed away show as not evaluated.

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "rules_context.hpp"

namespace basis {

namespace {

using detail::kNone;

// The sub-parts shown under a node (not a where's condition: it runs once per element).
std::vector<std::uint32_t> shown_children(const detail::ProgramData& program, std::uint32_t id) {
  const detail::Node& n = program.nodes[id];
  switch (n.op) {
    case detail::Op::item_member:
    case detail::Op::project:
    case detail::Op::member:
    case detail::Op::negate:
    case detail::Op::logical_not:
    case detail::Op::where:
      return {n.a};
    case detail::Op::index:
    case detail::Op::arithmetic:
    case detail::Op::compare:
    case detail::Op::logical_and:
    case detail::Op::logical_or:
    case detail::Op::coalesce:
      return {n.a, n.b};
    case detail::Op::list:
    case detail::Op::call: {
      auto c = program.children(n);
      return {c.begin(), c.end()};
    }
    default:
      return {};
  }
}

std::vector<ConditionPart> record(detail::EvalContext& ctx, std::uint32_t root, std::uint32_t owner,
                                  const RuleValue& item) {
  std::vector<detail::Recorded> recorded;
  ctx.recorder = &recorded;
  ctx.record_depth = 0;
  ctx.evaluate_root(root, owner, item, {}, nullptr);
  ctx.recorder = nullptr;
  std::unordered_map<std::uint32_t, RuleValue> values;
  for (const detail::Recorded& r : recorded) {
    if (r.evaluated) values.emplace(r.node, r.value);
  }
  std::vector<ConditionPart> parts;
  const detail::ProgramData& program = ctx.program;
  auto walk = [&](auto&& self, std::uint32_t id, int depth) -> void {
    const detail::Origin& origin = program.origins[program.nodes[id].origin];
    ConditionPart part;
    part.text = std::string(origin.syntax->text_of(origin.expr));
    part.pos = origin.syntax->node(origin.expr).pos;
    part.depth = depth;
    auto it = values.find(id);
    part.evaluated = it != values.end();
    if (part.evaluated) {
      part.value = it->second;
      part.shown = ctx.describe(it->second);
    } else {
      part.shown = "not evaluated";
    }
    parts.push_back(std::move(part));
    for (std::uint32_t c : shown_children(program, id)) self(self, c, depth + 1);
  };
  walk(walk, root, 0);
  return parts;
}

}  // namespace

std::optional<ConditionTrace> explain_condition(RuleEvaluation& evaluation,
                                                std::string_view rule_id,
                                                std::optional<std::string_view> item_id,
                                                Diagnostics& diags) {
  const RuleProgram& program = evaluation.program();
  const auto r = program.find_rule(rule_id);
  if (!r) {
    std::vector<std::string_view> ids;
    for (const auto& ref : program.rule_refs()) ids.push_back(ref.rule->id);
    diags.error(SourceRef{}, SourcePos{},
                fmt::format("unknown rule '{}'{}", rule_id, did_you_mean(rule_id, ids)));
    return std::nullopt;
  }
  detail::EvalContext& ctx = evaluation.context();
  const detail::ProgramData& data = ctx.program;
  const detail::CompiledRule& cr = data.compiled_rules[*r];
  const RuleSyntax& rule = *data.rule_refs[*r].rule;
  const auto owner = static_cast<std::uint32_t>(data.metrics.size() + *r);
  ConditionTrace trace;
  trace.rule_id = rule.id;
  trace.has_when = cr.when != kNone;
  trace.has_for_each = cr.for_each != kNone;
  if (*r < evaluation.rules().size()) trace.outcome = evaluation.rules()[*r].outcome;
  if (!rule.group.text.empty()) {
    trace.group = rule.group.text;
    for (std::size_t i = 0; i < data.rule_refs.size() && i < evaluation.rules().size(); ++i) {
      if (data.rule_refs[i].rule->group.text == rule.group.text && evaluation.rules()[i].fired()) {
        trace.kept_in_group = data.rule_refs[i].rule->id;
      }
    }
  }

  std::optional<std::size_t> chosen;
  if (item_id) {
    const Estimate& estimate = evaluation.estimate();
    for (std::size_t i = 0; i < estimate.items.size(); ++i) {
      if (estimate.items[i].id() == *item_id) chosen = i;
    }
    if (!chosen) {
      std::vector<std::string_view> ids;
      for (const LineItem& item : estimate.items) ids.push_back(item.id());
      diags.error(
          SourceRef{}, SourcePos{},
          fmt::format("the estimate has no item '{}'{}", *item_id, did_you_mean(*item_id, ids)));
      return std::nullopt;
    }
  }

  Diagnostics quiet;  // warnings were reported by the evaluation itself
  Diagnostics* saved = ctx.diags;
  ctx.diags = &quiet;
  if (trace.has_for_each) {
    trace.for_each_parts = record(ctx, cr.for_each, owner, RuleValue::null());
    const RuleValue collection =
        trace.for_each_parts.empty() ? RuleValue::null() : trace.for_each_parts[0].value;
    if (collection.is_list()) {
      for (const RuleValue& e : collection.as_list()) {
        if (e.is_item() && !e.from_previous()) trace.for_each_items.push_back(e.index());
      }
    }
    if (!chosen && !trace.for_each_items.empty()) {
      // The first element the condition holds for, so that a rule that fired is shown
      // holding; else the first element.
      chosen = trace.for_each_items.front();
      if (*r < evaluation.rules().size()) {
        for (const RuleValue& m : evaluation.rules()[*r].matched) {
          if (m.is_item() && !m.from_previous()) {
            chosen = m.index();
            break;
          }
        }
      }
    }
    if (chosen) {
      trace.item_in_collection = std::find(trace.for_each_items.begin(), trace.for_each_items.end(),
                                           *chosen) != trace.for_each_items.end();
    }
  }
  if (trace.has_when) {
    const RuleValue element = chosen ? RuleValue::item(*chosen) : RuleValue::null();
    trace.when_parts = record(ctx, cr.when, owner, element);
  }
  trace.item = chosen;
  ctx.diags = saved;
  return trace;
}

}  // namespace basis
