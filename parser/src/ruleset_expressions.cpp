// Parsing every expression and template of a rule set when it is loaded, so that a syntax
// error anywhere comes out of `load_ruleset` with its file position, before any estimate
// is involved.

#include <memory>

#include "ruleset_reader.hpp"

namespace basis::rules_detail {

namespace {

void parse(ExpressionField& field, Diagnostics& diags) {
  if (!field.present()) return;
  if (auto syntax = parse_expression(field.text, diags)) {
    field.syntax = std::make_shared<const ExpressionSyntax>(std::move(*syntax));
  }
}

void parse(TemplateField& field, Diagnostics& diags) {
  if (!field.present()) return;
  if (auto syntax = parse_template(field.text, diags)) {
    field.syntax = std::make_shared<const TemplateSyntax>(std::move(*syntax));
  }
}

void parse_rule(RuleSyntax& rule, Diagnostics& diags) {
  parse(rule.when, diags);
  parse(rule.for_each, diags);
  parse(rule.explains, diags);
  parse(rule.text, diags);
  for (StyleTextSyntax& s : rule.by_style) parse(s.text, diags);
  if (rule.benchmark) parse(rule.benchmark->value, diags);
  for (TemplateField& q : rule.questions) parse(q, diags);
  for (ObjectionSyntax& o : rule.objections) {
    parse(o.objection, diags);
    parse(o.response, diags);
  }
  for (OptionSyntax& option : rule.options) {
    parse(option.title, diags);
    for (ChangeOp& op : option.change) parse(op.filter, diags);
    parse(option.tradeoff, diags);
    parse(option.ask_in_return, diags);
  }
  parse(rule.internal, diags);
}

}  // namespace

void parse_rule_expressions(RuleSetSyntax& ruleset, Diagnostics& diags) {
  for (MetricSyntax& m : ruleset.define) parse(m.expression, diags);
  for (RuleSyntax& rule : ruleset.rules) parse_rule(rule, diags);
}

}  // namespace basis::rules_detail
