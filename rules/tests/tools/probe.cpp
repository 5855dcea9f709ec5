// A development probe for the rule library, built against the engine libraries until
// `basis test` exists: loads rule files and one estimate, applies `set` overrides, and prints
// the totals, every metric, every rule's outcome with the items it explains, the items each
// option filter selects, and a rough rendering of each kept rule's templates.
//
// The rendering is this probe's own approximation of the spec's filters (money, percent,
// hours, number, plural, list); it exists to catch unknown names, nulls and wrong values
// early, not to stand in for basis's renderer. Expected figures in the rule tests are
// computed independently (tools/figures.py).
//
// Usage: probe [--style S] [--set PATH=VALUE]... RULES... -- ESTIMATE

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/currency.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/ruleset_syntax.hpp"

using namespace basis;

namespace {

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The spec's plain number: grouped, at most 2 decimals, trailing zeros dropped.
std::string plain_number(Decimal d, int decimals = 2) {
  return trim_zeros(format_number(d, decimals));
}

struct Renderer {
  RuleEvaluation& ev;
  const Estimate& est;
  Diagnostics& diags;
  DecisionStyle style;

  std::string shown(const RuleValue& v) {
    switch (v.kind()) {
      case RuleValue::Kind::null:
        return "";
      case RuleValue::Kind::boolean:
        return v.as_boolean() ? "true" : "false";
      case RuleValue::Kind::number:
        return plain_number(v.as_number());
      case RuleValue::Kind::text:
        return std::string(v.as_text());
      default:
        return ev.describe(v);
    }
  }

  std::string apply(const CompiledTemplate& t, const TemplateFilter& f, const RuleValue& v,
                    const EvalScope& scope) {
    std::vector<RuleValue> args;
    for (ExprId a : f.args) args.push_back(ev.evaluate(t, a, scope, diags));
    if (v.is_null()) return "<NULL>";
    const std::string& n = f.name;
    if (n == "money") {
      int d = est.money_decimals;
      if (!args.empty()) d = static_cast<int>(*args[0].as_number().to_int64());
      return format_money(v.as_number(), *est.currency, d);
    }
    if (n == "percent") {
      int d = args.empty() ? 1 : static_cast<int>(*args[0].as_number().to_int64());
      return format_number(*mul(v.as_number(), Decimal::from_int(100)), d) + "%";
    }
    if (n == "number") {
      int d = args.empty() ? 0 : static_cast<int>(*args[0].as_number().to_int64());
      return format_number(v.as_number(), d);
    }
    if (n == "hours") {
      std::string s = plain_number(v.as_number(), 1);
      return s + (s == "1" ? " hour" : " hours");
    }
    if (n == "plural") {
      std::string one(args[0].as_text());
      std::string many = args.size() > 1 ? std::string(args[1].as_text()) : one + "s";
      std::string s = plain_number(v.as_number());
      return s + " " + (s == "1" ? one : many);
    }
    if (n == "list") {
      std::string out;
      auto l = v.as_list();
      for (std::size_t i = 0; i < l.size(); ++i) {
        if (i > 0) out += (i + 1 == l.size()) ? " and " : ", ";
        out += shown(l[i]);
      }
      return out;
    }
    return "<" + n + ":" + shown(v) + ">";
  }

  void parts(const CompiledTemplate& t, std::span<const TemplatePartId> ids, EvalScope& scope,
             std::vector<RuleValue>& locals, std::string& out) {
    for (TemplatePartId id : ids) {
      const TemplatePart& p = t.syntax->part(id);
      switch (p.kind) {
        case TemplatePartKind::text:
          out += p.text;
          break;
        case TemplatePartKind::placeholder: {
          RuleValue v = ev.evaluate(t, p.expr, scope, diags);
          if (p.filters.empty()) {
            out += v.is_null() ? std::string("<NULL>") : shown(v);
          } else {
            std::string s;
            bool first = true;
            for (const TemplateFilter& f : p.filters) {
              // Chained filters are rare in the library; only the first sees the value.
              if (first) s = apply(t, f, v, scope);
              first = false;
            }
            out += s;
          }
          break;
        }
        case TemplatePartKind::if_block:
          for (const TemplateBranch& b : p.branches) {
            if (b.condition == kNoExpr || ev.evaluate(t, b.condition, scope, diags).truthy()) {
              parts(t, b.body, scope, locals, out);
              break;
            }
          }
          break;
        case TemplatePartKind::for_loop: {
          RuleValue coll = ev.evaluate(t, p.expr, scope, diags);
          auto l = coll.as_list();
          std::vector<RuleValue> elements(l.begin(), l.end());
          const std::uint32_t slot = t.loop_slot[id];
          for (std::size_t i = 0; i < elements.size(); ++i) {
            locals[slot] = elements[i];
            locals[slot + 1] = RuleValue::loop(i, elements.size());
            parts(t, p.body, scope, locals, out);
          }
          break;
        }
      }
    }
  }

  std::string render(const TemplateField& field, RuleValue item) {
    if (!field.syntax) return "";
    const CompiledTemplate* t = ev.program().find_template(field.syntax.get());
    if (!t) return "<no compiled template>";
    std::vector<RuleValue> locals(t->local_count + 2);
    EvalScope scope;
    scope.item = item;
    scope.locals = locals;
    std::string out;
    parts(*t, t->syntax->top, scope, locals, out);
    std::string collapsed;
    bool space = false;
    for (char c : out) {
      if (c == '\n' || c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space && !collapsed.empty()) collapsed += ' ';
      space = false;
      collapsed += c;
    }
    return collapsed;
  }
};

void apply_set(EstimateSyntax& e, const std::string& path, const std::string& value) {
  if (path == "estimate.class") {
    e.estimate_class = std::stoi(value);
    return;
  }
  const std::string client = "estimate.client.";
  if (path.rfind(client, 0) == 0) {
    const std::string key = path.substr(client.size());
    for (auto& [k, v] : e.client.map) {
      if (k == key) {
        v.kind = Value::Kind::text;
        v.text = value;
        return;
      }
    }
    Value v;
    v.kind = Value::Kind::text;
    v.text = value;
    e.client.map.emplace_back(key, v);
    return;
  }
  std::cerr << "probe: unsupported --set path " << path << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> rule_paths;
  std::string estimate_path;
  std::vector<std::pair<std::string, std::string>> sets;
  DecisionStyle style = DecisionStyle::analytical;
  bool after = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      after = true;
    } else if (a == "--style" && i + 1 < argc) {
      style = *parse_style(argv[++i]);
    } else if (a == "--set" && i + 1 < argc) {
      std::string s = argv[++i];
      auto eq = s.find('=');
      sets.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    } else if (after) {
      estimate_path = a;
    } else {
      rule_paths.push_back(a);
    }
  }
  Diagnostics diags;
  auto loaded = load_rules(rule_paths, diags);
  std::shared_ptr<const RuleProgram> program;
  if (loaded) program = compile_rules(*loaded, diags);
  if (!program) {
    diags.sort();
    std::cout << format_diagnostics(diags);
    return 2;
  }
  if (estimate_path.empty()) {
    diags.sort();
    std::cout << format_diagnostics(diags) << "rules OK: " << program->rule_refs().size()
              << " rules\n";
    return diags.has_errors() ? 1 : 0;
  }
  auto syntax = load_estimate(estimate_path, diags);
  if (!syntax) {
    std::cout << format_diagnostics(diags);
    return 2;
  }
  for (auto& [p, v] : sets) apply_set(*syntax, p, v);
  auto estimate = compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
  if (!estimate) {
    std::cout << format_diagnostics(diags);
    return 2;
  }
  RuleEvaluation ev = evaluate(*program, *estimate, nullptr, diags);
  std::cout << "total: " << estimate->totals.total.to_string() << "\n";
  for (const MetricResult& m : ev.metrics()) {
    std::cout << "metric " << m.name << " = " << ev.describe(m.value)
              << (m.internal ? " (internal)" : "") << "\n";
  }
  Renderer r{ev, *estimate, diags, style};
  const auto refs = program->rule_refs();
  std::vector<bool> covered(estimate->items.size(), false);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const RuleSyntax& rule = *refs[i].rule;
    const RuleResult& res = ev.rules()[i];
    std::cout << "rule " << rule.id << ": " << outcome_name(res.outcome);
    if (res.fired()) {
      std::cout << " explains [";
      for (std::size_t k : res.explained_items) {
        std::cout << " " << estimate->items[k].id();
        covered[k] = true;
      }
      std::cout << " ]";
    }
    std::cout << "\n";
    if (!res.fired()) continue;
    const TemplateField* styled = rule.text_for(style);
    const TemplateField& text = styled ? *styled : rule.text;
    if (rule.for_each.present()) {
      for (const RuleValue& el : res.matched) std::cout << "  | " << r.render(text, el) << "\n";
    } else if (text.syntax) {
      std::cout << "  | " << r.render(text, {}) << "\n";
    }
    if (rule.internal.syntax) std::cout << "  internal| " << r.render(rule.internal, {}) << "\n";
    for (const TemplateField& q : rule.questions)
      std::cout << "  question| " << r.render(q, {}) << "\n";
    for (const ObjectionSyntax& o : rule.objections) {
      std::cout << "  objection| " << r.render(o.objection, {}) << " -> "
                << r.render(o.response, {}) << "\n";
    }
    for (const OptionSyntax& o : rule.options) {
      std::cout << "  option " << o.id << ":";
      for (const ChangeOp& op : o.change) {
        if (!op.filter.syntax) continue;
        auto sel = ev.select_items(program->find_expression(op.filter.syntax.get()), diags);
        std::cout << " [" << change_op_name(op.kind) << ":";
        if (sel) {
          for (std::size_t k : *sel) std::cout << " " << estimate->items[k].id();
        }
        std::cout << " ]";
      }
      std::cout << "\n    tradeoff| " << r.render(o.tradeoff, {}) << "\n";
      if (o.ask_in_return.syntax) std::cout << "    ask| " << r.render(o.ask_in_return, {}) << "\n";
    }
  }
  std::cout << "uncovered:";
  for (std::size_t k = 0; k < covered.size(); ++k) {
    if (!covered[k]) std::cout << " " << estimate->items[k].id();
  }
  std::cout << "\n";
  diags.sort();
  std::cout << format_diagnostics(diags);
  return 0;
}
