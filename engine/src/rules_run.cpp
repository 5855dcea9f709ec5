// evaluate(): metrics once in dependency order, then every rule in load order (for_each
// elements, when, explains), then the tiers of each group. And the RuleEvaluation API the
// renderer and the option engine use afterwards.

#include <algorithm>
#include <map>

#include "rules_context.hpp"

namespace basis {

namespace {

using detail::kNone;

// The items (of the current estimate) a value names: an item, or the items of a list.
void collect_items(const RuleValue& v, std::vector<std::size_t>& out) {
  if (v.is_item()) {
    if (!v.from_previous()) out.push_back(v.index());
  } else if (v.is_list()) {
    for (const RuleValue& e : v.as_list()) {
      if (e.is_item() && !e.from_previous()) out.push_back(e.index());
    }
  }
}

void sort_unique(std::vector<std::size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void evaluate_metrics(detail::EvalContext& ctx) {
  const detail::ProgramData& program = ctx.program;
  for (std::uint32_t m : program.metric_order) {
    const std::uint32_t root = program.metrics[m].root;
    if (root == kNone) continue;
    ctx.metric_values[m] = ctx.evaluate_root(root, m, RuleValue::null(), {}, nullptr);
    if (ctx.exhausted()) break;
  }
  for (std::size_t m = 0; m < program.metrics.size(); ++m) {
    ctx.metric_results.push_back(
        MetricResult{program.metrics[m].name, ctx.metric_values[m], program.metrics[m].internal});
  }
}

void evaluate_rule(detail::EvalContext& ctx, std::size_t r, RuleResult& result, bool& held) {
  const detail::ProgramData& program = ctx.program;
  const detail::CompiledRule& cr = program.compiled_rules[r];
  const auto owner = static_cast<std::uint32_t>(program.metrics.size() + r);
  held = false;
  ctx.guarded(owner, [&] {
    if (cr.for_each != kNone) {
      auto each = [&](const RuleValue& element) {
        ctx.current = element;
        if (cr.when == kNone || ctx.test(cr.when)) result.matched.push_back(element);
        return true;
      };
      ctx.current = RuleValue::null();
      ctx.stream(cr.for_each, detail::make_sink(each));
      ctx.current = RuleValue::null();
      held = !result.matched.empty();
    } else {
      ctx.current = RuleValue::null();
      held = cr.when == kNone || ctx.test(cr.when);
    }
    if (!held) return;
    if (cr.for_each != kNone) {
      for (const RuleValue& element : result.matched) {
        std::vector<std::size_t> items;
        if (cr.explains_item) {
          collect_items(element, items);
        } else if (cr.explains != kNone) {
          ctx.current = element;
          collect_items(ctx.eval(cr.explains), items);
        }
        sort_unique(items);
        result.explained_items.insert(result.explained_items.end(), items.begin(), items.end());
        result.explained_per_element.push_back(std::move(items));
      }
      ctx.current = RuleValue::null();
    } else if (cr.explains != kNone) {
      collect_items(ctx.eval(cr.explains), result.explained_items);
    }
    sort_unique(result.explained_items);
  });
  if (ctx.exhausted()) held = false;
}

// Among the rules of a group whose condition held, only the highest priority is kept
// (ties: the first in file order); the others are suppressed.
void settle_groups(detail::EvalContext& ctx, const std::vector<bool>& held) {
  const auto& refs = ctx.program.rule_refs;
  std::map<std::string_view, std::size_t> kept;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    const RuleSyntax& rule = *refs[r].rule;
    if (!held[r] || rule.group.text.empty()) continue;
    auto [it, inserted] = kept.emplace(rule.group.text, r);
    if (!inserted && rule.priority > refs[it->second].rule->priority) it->second = r;
  }
  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (!held[r]) continue;
    const RuleSyntax& rule = *refs[r].rule;
    const bool keep = rule.group.text.empty() || kept[rule.group.text] == r;
    ctx.rule_results[r].outcome = keep ? RuleOutcome::fired : RuleOutcome::suppressed;
  }
}

}  // namespace

RuleEvaluation evaluate(const RuleProgram& program, const Estimate& estimate,
                        const Estimate* previous, Diagnostics& diags, const EvalOptions& options) {
  auto ctx = std::make_unique<detail::EvalContext>(program, estimate, previous, options.limits);
  ctx->diags = &diags;
  evaluate_metrics(*ctx);
  const std::size_t rules = program.data().rule_refs.size();
  ctx->rule_results.resize(rules);
  if (options.run_rules) {
    std::vector<bool> held(rules, false);
    for (std::size_t r = 0; r < rules && !ctx->exhausted(); ++r) {
      bool h = false;
      evaluate_rule(*ctx, r, ctx->rule_results[r], h);
      held[r] = h;
    }
    settle_groups(*ctx, held);
  }
  ctx->diags = nullptr;
  return RuleEvaluation(std::move(ctx));
}

// ---- RuleEvaluation ---------------------------------------------------------------------------

RuleEvaluation::RuleEvaluation(std::unique_ptr<detail::EvalContext> ctx) : ctx_(std::move(ctx)) {}
RuleEvaluation::RuleEvaluation(RuleEvaluation&&) noexcept = default;
RuleEvaluation& RuleEvaluation::operator=(RuleEvaluation&&) noexcept = default;
RuleEvaluation::~RuleEvaluation() = default;

const RuleProgram& RuleEvaluation::program() const {
  return ctx_->program_ref;
}
const Estimate& RuleEvaluation::estimate() const {
  return *ctx_->estimates[0];
}
const Estimate* RuleEvaluation::previous() const {
  return ctx_->estimates[1];
}
bool RuleEvaluation::complete() const {
  return ctx_->complete;
}

std::span<const MetricResult> RuleEvaluation::metrics() const {
  return ctx_->metric_results;
}

const RuleValue* RuleEvaluation::metric(std::string_view name) const {
  for (const MetricResult& m : ctx_->metric_results) {
    if (m.name == name) return &m.value;
  }
  return nullptr;
}

std::span<const RuleResult> RuleEvaluation::rules() const {
  return ctx_->rule_results;
}

const RuleResult* RuleEvaluation::rule(std::string_view id) const {
  const auto& refs = ctx_->program.rule_refs;
  for (std::size_t r = 0; r < refs.size() && r < ctx_->rule_results.size(); ++r) {
    if (refs[r].rule->id == id) return &ctx_->rule_results[r];
  }
  return nullptr;
}

RuleValue RuleEvaluation::evaluate(const CompiledTemplate& tmpl, ExprId expr,
                                   const EvalScope& scope, Diagnostics& diags) {
  if (expr >= tmpl.roots.size()) return RuleValue::null();
  const CompiledTemplate::Root root = tmpl.roots[expr];
  if (root.node == kNone) return RuleValue::null();
  RuleValue item = scope.item;
  if (root.current_local != kNone) {
    item = root.current_local < scope.locals.size() ? scope.locals[root.current_local]
                                                    : RuleValue::null();
  }
  ctx_->diags = &diags;
  const auto owner = static_cast<std::uint32_t>(ctx_->program.metrics.size() + tmpl.rule);
  RuleValue v = ctx_->evaluate_root(root.node, owner, item, scope.locals, scope.contributors);
  ctx_->diags = nullptr;
  return v;
}

RuleValue RuleEvaluation::evaluate(CompiledExpr expr, const EvalScope& scope, Diagnostics& diags) {
  if (!expr.valid()) return RuleValue::null();
  ctx_->diags = &diags;
  RuleValue v =
      ctx_->evaluate_root(expr.root, expr.owner, scope.item, scope.locals, scope.contributors);
  ctx_->diags = nullptr;
  return v;
}

std::optional<std::vector<std::size_t>> RuleEvaluation::select_items(CompiledExpr filter,
                                                                     Diagnostics& diags) {
  if (!filter.valid()) return std::nullopt;
  std::vector<std::size_t> selected;
  ctx_->diags = &diags;
  const std::size_t n = ctx_->estimates[0]->items.size();
  const bool ok = ctx_->guarded(filter.owner, [&] {
    // An option's `category == "design" and ...` tests the design lines only.
    if (const std::vector<std::uint32_t>* candidates = ctx_->where_candidates(filter.root)) {
      for (std::uint32_t i : *candidates) {
        ctx_->current = RuleValue::item(i);
        if (ctx_->test(filter.root)) selected.push_back(i);
      }
      return;
    }
    for (std::size_t i = 0; i < n; ++i) {
      ctx_->current = RuleValue::item(i);
      if (ctx_->test(filter.root)) selected.push_back(i);
    }
  });
  ctx_->current = RuleValue::null();
  ctx_->diags = nullptr;
  if (!ok) return std::nullopt;
  return selected;
}

const LineItem* RuleEvaluation::item(const RuleValue& value) const {
  return ctx_->line_item(value);
}

std::optional<GroupView> RuleEvaluation::group(const RuleValue& value) const {
  const detail::GroupData* g = ctx_->group(value);
  if (!g) return std::nullopt;
  return GroupView{g->key, g->amount, g->hours, g->count, g->items, g->share};
}

RuleValue RuleEvaluation::member(const RuleValue& value, std::string_view name) {
  RuleValue result;
  ctx_->guarded(ctx_->owner(), [&] { result = ctx_->member(value, name, true); });
  return result;
}

Value RuleEvaluation::to_value(const RuleValue& value) const {
  return ctx_->to_value(value);
}

std::string RuleEvaluation::describe(const RuleValue& value) const {
  return ctx_->describe(value);
}

}  // namespace basis
