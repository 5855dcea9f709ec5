// compile_rules: metrics in dependency order (a cycle is an error naming it), then every
// rule's expressions and templates, with the check that internal values never reach a
// client-facing place.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "rules_compiler.hpp"
#include "rules_program.hpp"

namespace basis {

namespace detail {

namespace {

constexpr std::string_view kInternalHint =
    "; internal values may only be used in 'internal', 'ask_in_return' or a rule in section "
    "internal";

std::uint32_t code_point_count(std::string_view text) {
  std::uint32_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

class ProgramCompiler {
 public:
  ProgramCompiler(ProgramData& program, Diagnostics& diags)
      : program_(program), diags_(diags), compiler_(program, diags, metric_index_) {}

  void run() {
    collect_metrics();
    order_metrics();
    for (std::uint32_t m : program_.metric_order) compile_metric(m);
    for (std::size_t r = 0; r < program_.rule_refs.size(); ++r) compile_rule(r);
    std::sort(program_.template_index.begin(), program_.template_index.end());
    std::sort(program_.expression_index.begin(), program_.expression_index.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }

 private:
  void collect_metrics() {
    for (const RuleSetSyntax& file : program_.rules->files) {
      for (const MetricSyntax& m : file.define) {
        MetricInfo info;
        info.name = m.name;
        info.syntax = &m;
        info.source = file.source;
        if (metric_index_.count(m.name)) continue;  // reported by the loader
        metric_index_.emplace(m.name, static_cast<std::uint32_t>(program_.metrics.size()));
        program_.metrics.push_back(std::move(info));
        program_.owners.push_back(
            Owner{OwnerKind::metric, static_cast<std::uint32_t>(program_.metrics.size() - 1), {}});
      }
    }
    for (std::size_t r = 0; r < program_.rule_refs.size(); ++r) {
      program_.owners.push_back(Owner{OwnerKind::rule, static_cast<std::uint32_t>(r), {}});
    }
  }

  // The metrics a metric's expression names (bare names only: metrics come before item
  // fields, so a bare name that is a metric is always that metric).
  std::vector<std::uint32_t> dependencies(const MetricInfo& m) const {
    std::vector<std::uint32_t> deps;
    const auto& syntax = m.syntax->expression.syntax;
    if (!syntax) return deps;
    for (const ExprNode& n : syntax->nodes) {
      if (n.kind != ExprKind::name) continue;
      auto it = metric_index_.find(n.text);
      if (it != metric_index_.end() &&
          std::find(deps.begin(), deps.end(), it->second) == deps.end()) {
        deps.push_back(it->second);
      }
    }
    return deps;
  }

  void order_metrics() {
    const std::size_t n = program_.metrics.size();
    std::vector<std::vector<std::uint32_t>> deps(n);
    for (std::size_t i = 0; i < n; ++i) deps[i] = dependencies(program_.metrics[i]);
    std::vector<int> state(n, 0);  // 0 new, 1 on the path, 2 done
    std::set<std::vector<std::uint32_t>> reported;
    // Iterative depth-first search: metric chains may be long.
    for (std::uint32_t start = 0; start < n; ++start) {
      if (state[start] != 0) continue;
      std::vector<std::pair<std::uint32_t, std::size_t>> stack{{start, 0}};
      state[start] = 1;
      while (!stack.empty()) {
        auto& [m, next] = stack.back();
        if (next < deps[m].size()) {
          const std::uint32_t d = deps[m][next++];
          if (state[d] == 0) {
            state[d] = 1;
            stack.emplace_back(d, 0);
          } else if (state[d] == 1) {
            std::vector<std::uint32_t> cycle;
            for (auto it = stack.begin(); it != stack.end(); ++it) {
              if (it->first == d || !cycle.empty()) cycle.push_back(it->first);
            }
            report_cycle(cycle, reported);
          }
          continue;
        }
        state[m] = 2;
        program_.metric_order.push_back(m);
        stack.pop_back();
      }
    }
  }

  void report_cycle(std::vector<std::uint32_t> cycle,
                    std::set<std::vector<std::uint32_t>>& reported) {
    // Start at the metric loaded first, so that the message names the cycle the same way
    // whichever metric the search started from.
    auto first = std::min_element(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), first, cycle.end());
    if (!reported.insert(cycle).second) return;
    std::string names;
    for (std::uint32_t m : cycle) names += program_.metrics[m].name + " -> ";
    names += program_.metrics[cycle.front()].name;
    const MetricInfo& m = program_.metrics[cycle.front()];
    diags_.error(m.source, m.syntax->name_pos, fmt::format("metric cycle: {}", names),
                 code_point_count(m.name));
  }

  void compile_metric(std::uint32_t index) {
    MetricInfo& m = program_.metrics[index];
    const auto& syntax = m.syntax->expression.syntax;
    if (!syntax) return;
    program_.keep_alive.push_back(syntax);
    compiler_.frames.clear();
    compiler_.env = CompileEnv{};
    const std::uint32_t root = compiler_.compile(*syntax, syntax->root, index, false);
    if (root == kNone) return;
    m.root = root;
    const NodeInfo& info = compiler_.info(root);
    m.type = info.type;
    if (info.tainted) {
      m.internal = true;
      m.taint_metric = info.taint_metric;
      m.taint_path = info.taint_path;
    }
    program_.expression_index.emplace_back(syntax.get(), CompiledExpr{root, index});
  }

  std::uint32_t rule_owner(std::size_t rule) const {
    return static_cast<std::uint32_t>(program_.metrics.size() + rule);
  }

  std::uint32_t expression(const ExpressionField& field, std::string_view what, bool client,
                           std::uint32_t owner, bool repeated) {
    if (!field.syntax) return kNone;
    program_.keep_alive.push_back(field.syntax);
    const std::uint32_t root =
        compiler_.compile(*field.syntax, field.syntax->root, owner, repeated);
    if (root == kNone) return kNone;
    const NodeInfo& info = compiler_.info(root);
    if (client && info.tainted) {
      diags_.error(info.taint_source, info.taint_pos,
                   fmt::format("internal value in client-facing '{}': {}{}", what,
                               taint_explanation(program_, info), kInternalHint),
                   info.taint_length);
    }
    program_.expression_index.emplace_back(field.syntax.get(), CompiledExpr{root, owner});
    return root;
  }

  // The innermost loop whose element is `item`, when it is a template loop.
  std::uint32_t current_local() const {
    for (auto it = compiler_.frames.rbegin(); it != compiler_.frames.rend(); ++it) {
      if (it->binds_item) return it->is_local ? it->slot : kNone;
    }
    return kNone;
  }

  void template_root(CompiledTemplate& t, ExprId expr, bool client, std::uint32_t owner) {
    const std::uint32_t root = compiler_.compile(t.syntax->expressions, expr, owner, true);
    if (root == kNone) return;
    t.roots[expr] = CompiledTemplate::Root{root, current_local()};
    const NodeInfo& info = compiler_.info(root);
    if (client && info.tainted) {
      diags_.error(info.taint_source, info.taint_pos,
                   fmt::format("internal value in client-facing text: {}{}",
                               taint_explanation(program_, info), kInternalHint),
                   info.taint_length);
    }
  }

  void template_parts(CompiledTemplate& t, std::span<const TemplatePartId> parts, bool client,
                      std::uint32_t owner, std::uint32_t loops) {
    for (TemplatePartId id : parts) {
      const TemplatePart& part = t.syntax->part(id);
      switch (part.kind) {
        case TemplatePartKind::text:
          break;
        case TemplatePartKind::placeholder:
          template_root(t, part.expr, client, owner);
          for (const TemplateFilter& f : part.filters) {
            for (ExprId arg : f.args) template_root(t, arg, client, owner);
          }
          break;
        case TemplatePartKind::if_block:
          for (const TemplateBranch& b : part.branches) {
            if (b.condition != kNoExpr) template_root(t, b.condition, client, owner);
            template_parts(t, b.body, client, owner, loops);
          }
          break;
        case TemplatePartKind::for_loop: {
          template_root(t, part.expr, client, owner);
          const CompiledTemplate::Root root = t.roots[part.expr];
          Type element = Type::of(TypeKind::unknown);
          if (root.node != kNone) {
            const Type ct = compiler_.info(root.node).type;
            if (ct.is(TypeKind::list)) element = Type::of(ct.element);
          }
          const std::uint32_t slot = loops * 2;
          t.loop_slot[id] = slot;
          t.local_count = std::max(t.local_count, slot + 2);
          const bool binds = element.is(TypeKind::item) || element.is(TypeKind::unknown);
          compiler_.frames.push_back(Frame{true, part.variable, slot, element, binds});
          template_parts(t, part.body, client, owner, loops + 1);
          compiler_.frames.pop_back();
          break;
        }
      }
    }
  }

  void compile_template(const TemplateField& field, std::size_t rule, bool client) {
    if (!field.syntax) return;
    program_.keep_alive.push_back(field.syntax);
    CompiledTemplate t;
    t.syntax = field.syntax.get();
    t.rule = rule;
    t.internal = !client;
    t.loop_slot.assign(t.syntax->parts.size(), kNone);
    t.roots.assign(t.syntax->expressions.nodes.size(), CompiledTemplate::Root{});
    template_parts(t, t.syntax->top, client, rule_owner(rule), 0);
    program_.templates.push_back(std::move(t));
    program_.template_index.emplace_back(field.syntax.get(), &program_.templates.back());
  }

  void compile_rule(std::size_t r) {
    const RuleSyntax& rule = *program_.rule_refs[r].rule;
    const bool client = rule.section != RuleSection::internal;
    const std::uint32_t owner = rule_owner(r);
    CompiledRule& cr = program_.compiled_rules[r];
    compiler_.frames.clear();
    compiler_.env = CompileEnv{};
    const bool has_for_each = rule.for_each.present();
    if (has_for_each) {
      cr.for_each = expression(rule.for_each, "for_each", client, owner, false);
      Type element = Type::of(TypeKind::unknown);
      if (cr.for_each != kNone) {
        const Type t = compiler_.info(cr.for_each).type;
        if (t.is(TypeKind::list))
          element = Type::of(t.element);
        else if (t.is(TypeKind::item))
          element = t;
      }
      compiler_.frames.push_back(Frame{false, {}, kNone, element, true});
    }
    cr.when = expression(rule.when, "when", client, owner, has_for_each);
    cr.explains_item = rule.explains_item;
    if (!rule.explains_item)
      cr.explains = expression(rule.explains, "explains", client, owner, has_for_each);
    if (rule.benchmark) {
      cr.benchmark =
          expression(rule.benchmark->value, "benchmark value", client, owner, has_for_each);
    }
    compile_template(rule.text, r, client);
    for (const StyleTextSyntax& s : rule.by_style) compile_template(s.text, r, client);
    for (const TemplateField& q : rule.questions) compile_template(q, r, client);
    for (const ObjectionSyntax& o : rule.objections) {
      compile_template(o.objection, r, client);
      compile_template(o.response, r, client);
    }
    for (const OptionSyntax& option : rule.options) {
      compile_template(option.title, r, client);
      compile_template(option.tradeoff, r, client);
      compile_template(option.ask_in_return, r, false);
      for (const ChangeOp& op : option.change) {
        if (!op.filter.syntax) continue;
        compiler_.frames.push_back(Frame{false, {}, kNone, Type::of(TypeKind::item), true});
        expression(op.filter, "option filter", client, owner, false);
        compiler_.frames.pop_back();
      }
    }
    compile_template(rule.internal, r, false);
  }

  ProgramData& program_;
  Diagnostics& diags_;
  std::map<std::string, std::uint32_t, std::less<>> metric_index_;
  ExprCompiler compiler_;
};

}  // namespace

std::string ProgramData::owner_name(std::uint32_t owner) const {
  if (owner >= owners.size()) return "an expression";
  const Owner& o = owners[owner];
  switch (o.kind) {
    case OwnerKind::metric:
      return fmt::format("metric '{}'", metrics[o.index].name);
    case OwnerKind::rule:
      return fmt::format("rule '{}'", rule_refs[o.index].rule->id);
    case OwnerKind::applies_to:
      return fmt::format("applies_to of adjustment '{}'", o.name);
    case OwnerKind::other:
      return o.name.empty() ? "an expression" : o.name;
  }
  return "an expression";
}

SourcePos ProgramData::pos_of(std::uint32_t n) const {
  const Origin& o = origins[nodes[n].origin];
  return o.syntax->node(o.expr).token_pos;
}

SourceRef ProgramData::source_of(std::uint32_t n) const {
  return origins[nodes[n].origin].syntax->input.source;
}

std::string_view ProgramData::text_of(std::uint32_t n) const {
  const Origin& o = origins[nodes[n].origin];
  return o.syntax->text_of(o.expr);
}

std::uint32_t ProgramData::length_of(std::uint32_t n) const {
  const Origin& o = origins[nodes[n].origin];
  const ExprNode& e = o.syntax->node(o.expr);
  return std::max<std::uint32_t>(
      1, code_point_count(std::string_view(o.syntax->input.text)
                              .substr(e.token_begin, e.token_end - e.token_begin)));
}

}  // namespace detail

// ---- RuleProgram --------------------------------------------------------------------------

RuleProgram::RuleProgram() : data_(std::make_unique<detail::ProgramData>()) {}
RuleProgram::~RuleProgram() = default;

const LoadedRules& RuleProgram::rules() const {
  return *data_->rules;
}

std::span<const LoadedRules::RuleRef> RuleProgram::rule_refs() const {
  return data_->rule_refs;
}

std::optional<std::size_t> RuleProgram::find_rule(std::string_view id) const {
  for (std::size_t i = 0; i < data_->rule_refs.size(); ++i) {
    if (data_->rule_refs[i].rule->id == id) return i;
  }
  return std::nullopt;
}

std::vector<std::string_view> RuleProgram::metric_names() const {
  std::vector<std::string_view> names;
  for (const detail::MetricInfo& m : data_->metrics) names.push_back(m.name);
  return names;
}

bool RuleProgram::metric_is_internal(std::string_view name) const {
  for (const detail::MetricInfo& m : data_->metrics) {
    if (m.name == name) return m.internal;
  }
  return false;
}

const CompiledTemplate* RuleProgram::find_template(const TemplateSyntax* syntax) const {
  auto it = std::lower_bound(
      data_->template_index.begin(), data_->template_index.end(), syntax,
      [](const auto& entry, const TemplateSyntax* key) { return entry.first < key; });
  if (it == data_->template_index.end() || it->first != syntax) return nullptr;
  return it->second;
}

CompiledExpr RuleProgram::find_expression(const ExpressionSyntax* syntax) const {
  auto it = std::lower_bound(
      data_->expression_index.begin(), data_->expression_index.end(), syntax,
      [](const auto& entry, const ExpressionSyntax* key) { return entry.first < key; });
  if (it == data_->expression_index.end() || it->first != syntax) return {};
  return it->second;
}

namespace {
CompiledExpr rule_expr(const detail::ProgramData& data, std::size_t rule, std::uint32_t root) {
  if (rule >= data.compiled_rules.size() || root == detail::kNone) return {};
  return CompiledExpr{root, static_cast<std::uint32_t>(data.metrics.size() + rule)};
}
}  // namespace

CompiledExpr RuleProgram::rule_when(std::size_t rule) const {
  return rule_expr(
      *data_, rule,
      rule < data_->compiled_rules.size() ? data_->compiled_rules[rule].when : detail::kNone);
}
CompiledExpr RuleProgram::rule_for_each(std::size_t rule) const {
  return rule_expr(
      *data_, rule,
      rule < data_->compiled_rules.size() ? data_->compiled_rules[rule].for_each : detail::kNone);
}
CompiledExpr RuleProgram::rule_explains(std::size_t rule) const {
  return rule_expr(
      *data_, rule,
      rule < data_->compiled_rules.size() ? data_->compiled_rules[rule].explains : detail::kNone);
}
CompiledExpr RuleProgram::rule_benchmark(std::size_t rule) const {
  return rule_expr(
      *data_, rule,
      rule < data_->compiled_rules.size() ? data_->compiled_rules[rule].benchmark : detail::kNone);
}

std::shared_ptr<const RuleProgram> compile_rules(std::shared_ptr<const LoadedRules> rules,
                                                 Diagnostics& diags) {
  if (!rules) return nullptr;
  auto program = std::make_shared<RuleProgram>();
  detail::ProgramData& data = program->mutable_data();
  data.rules = std::move(rules);
  data.rule_refs = data.rules->rules();
  data.compiled_rules.resize(data.rule_refs.size());
  const std::size_t errors_before = diags.error_count();
  detail::ProgramCompiler compiler(data, diags);
  compiler.run();
  if (diags.error_count() != errors_before) return nullptr;
  return program;
}

std::shared_ptr<const RuleProgram> compile_rules(const LoadedRules& rules, Diagnostics& diags) {
  return compile_rules(std::make_shared<const LoadedRules>(rules), diags);
}

}  // namespace basis
