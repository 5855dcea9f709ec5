// The `rules:` list of a rule set: each rule's fields, its benchmark, questions and
// objections. Options are read in ruleset_options.cpp.

#include <algorithm>
#include <array>

#include "ruleset_reader.hpp"

namespace basis::rules_detail {

namespace {

constexpr std::array<std::string_view, 15> kRuleFields = {
    "id",       "title",     "section",   "priority",   "when",    "for_each", "explains", "text",
    "by_style", "benchmark", "questions", "objections", "options", "internal", "group"};

constexpr std::array<std::string_view, 5> kBenchmarkFields = {"value", "range", "label", "source",
                                                              "format"};
constexpr std::array<std::string_view, 4> kBenchmarkFormats = {"percent", "money", "number",
                                                               "hours"};
constexpr std::array<std::string_view, 2> kObjectionFields = {"objection", "response"};

std::string trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// "unknown section 'x'; did you mean 'y'?" or, when nothing is close, the full list.
std::string unknown_name(std::string_view what, std::string_view name,
                         std::span<const std::string_view> known) {
  std::string hint = did_you_mean(name, known);
  if (hint.empty()) hint = "; expected " + one_of(known);
  return "unknown " + std::string(what) + " " + in_quotes(name) + hint;
}

void read_by_style(NodeReader& r, NodeId value, RuleSyntax& rule) {
  if (r.is_null(value)) return;
  if (!r.expect_map(value, "'by_style'", "style names to texts")) return;
  for (const Entry& e : r.entries(value, style_names(), "style")) {
    DecisionStyle style = *parse_style(e.key);
    if (style == DecisionStyle::internal) {
      r.error(e.key_node,
              "'by_style' cannot set 'internal': write the negotiation brief's note in the "
              "rule's 'internal' field");
      continue;
    }
    StyleTextSyntax s;
    s.style = style;
    s.key_pos = r.node(e.key_node).pos;
    s.text = r.template_text(e.value, "by_style." + std::string(e.key));
    if (s.text.present()) rule.by_style.push_back(std::move(s));
  }
}

void read_questions(NodeReader& r, NodeId value, RuleSyntax& rule) {
  auto elements = r.list(value, "questions", "questions");
  if (!elements) return;
  for (NodeId q : *elements) {
    if (!r.is_scalar(q)) {
      r.error(q, "a question must be text, not " + std::string(r.kind_name(q)));
      continue;
    }
    TemplateField t = r.template_text(q, "question");
    if (t.present()) rule.questions.push_back(std::move(t));
  }
}

void read_objections(NodeReader& r, NodeId value, RuleSyntax& rule) {
  auto elements = r.list(value, "objections", "objections, each with 'objection' and 'response'");
  if (!elements) return;
  for (NodeId o : *elements) {
    if (!r.is_map(o)) {
      r.error(o, "an objection must be a map with 'objection' and 'response', not " +
                     std::string(r.kind_name(o)));
      continue;
    }
    ObjectionSyntax out;
    out.pos = r.node(o).pos;
    bool has_objection = false, has_response = false;
    for (const Entry& e : r.entries(o, kObjectionFields, "objection field")) {
      if (e.key == "objection") {
        has_objection = true;
        out.objection = r.template_text(e.value, "objection");
      } else {
        has_response = true;
        out.response = r.template_text(e.value, "response");
      }
    }
    if (!has_objection) r.error_at(out.pos, "objection has no 'objection': the client's words");
    if (!has_response) r.error_at(out.pos, "objection has no 'response'");
    rule.objections.push_back(std::move(out));
  }
}

void read_range(NodeReader& r, NodeId value, BenchmarkSyntax& out, bool& ok) {
  const Node& n = r.node(value);
  if (n.kind != NodeKind::sequence || n.children.size() != 2) {
    r.error(value, "'range' must be a list of two values, [low, high]");
    ok = false;
    return;
  }
  std::optional<NumberField> bounds[2];
  for (int i = 0; i < 2; ++i) {
    NodeId b = n.children[static_cast<std::size_t>(i)];
    if (r.is_scalar(b)) bounds[i] = parse_number_text(r.node(b).text, r.node(b).pos);
    if (!bounds[i]) {
      std::string found = r.is_scalar(b) ? in_quotes(r.node(b).text) : std::string(r.kind_name(b));
      r.error(b, "range value " + found + " is not a number or a percentage");
      ok = false;
    }
  }
  if (!bounds[0] || !bounds[1]) return;
  if (bounds[0]->percent != bounds[1]->percent) {
    r.error(n.children[1],
            "range mixes a percentage and a plain number: write both with % or "
            "neither");
    ok = false;
    return;
  }
  if (bounds[0]->value > bounds[1]->value) {
    r.error(value, "range low " + r.node(n.children[0]).text + " is above high " +
                       r.node(n.children[1]).text + "; write [low, high]");
    ok = false;
    return;
  }
  out.low = *bounds[0];
  out.high = *bounds[1];
  out.range_percent = bounds[0]->percent;
}

}  // namespace

std::optional<BenchmarkSyntax> read_benchmark(NodeReader& r, NodeId key, NodeId value) {
  if (!r.expect_map(value, "'benchmark'", "value, range, label, source and format")) {
    return std::nullopt;
  }
  BenchmarkSyntax out;
  out.pos = r.node(key).pos;
  bool ok = true, has_value = false, has_range = false;
  for (const Entry& e : r.entries(value, kBenchmarkFields, "benchmark field")) {
    if (e.key == "value") {
      has_value = true;
      out.value = r.expression(e.value, "value");
      ok = ok && out.value.present();
    } else if (e.key == "range") {
      has_range = true;
      read_range(r, e.value, out, ok);
    } else if (e.key == "label") {
      out.label = r.text_field(e.value, "label");
    } else if (e.key == "source") {
      out.source = r.text_field(e.value, "source");
    } else if (e.key == "format") {
      auto name = r.text(e.value, "format");
      if (!name) continue;
      auto it =
          std::find(kBenchmarkFormats.begin(), kBenchmarkFormats.end(), std::string_view(*name));
      if (it == kBenchmarkFormats.end()) {
        r.error(e.value, unknown_name("benchmark format", *name, kBenchmarkFormats));
        continue;
      }
      out.format = static_cast<BenchmarkFormat>(it - kBenchmarkFormats.begin());
      out.format_pos = r.node(e.value).pos;
    }
  }
  if (!has_value) r.error(key, "benchmark has no 'value': the expression to compare");
  if (!has_range) r.error(key, "benchmark has no 'range': write [low, high]");
  if (!has_value || !has_range || !ok) return std::nullopt;
  return out;
}

namespace {

std::optional<RuleSyntax> read_rule(NodeReader& r, NodeId map) {
  RuleSyntax rule;
  rule.pos = r.node(map).pos;
  bool has_id = false, has_text = false;
  NodeId explains_node = kNoNode;
  bool has_for_each = false;
  for (const Entry& e : r.entries(map, kRuleFields, "rule field")) {
    const std::string_view k = e.key;
    if (k == "id") {
      has_id = true;
      auto id = r.text(e.value, "id");
      if (!id) continue;
      if (!is_id(*id)) {
        r.error(e.value,
                "rule id " + in_quotes(*id) + " may only contain letters, digits, '-' and '_'");
        continue;
      }
      rule.id = std::move(*id);
      rule.id_pos = r.node(e.value).pos;
    } else if (k == "title") {
      rule.title = r.text_field(e.value, "title");
    } else if (k == "section") {
      auto name = r.text(e.value, "section");
      if (!name) continue;
      auto section = parse_section(*name);
      if (!section) {
        r.error(e.value, unknown_name("section", *name, section_names()));
        continue;
      }
      rule.section = *section;
      rule.section_pos = r.node(e.value).pos;
    } else if (k == "priority") {
      if (auto p = r.whole_number(e.value, "priority")) {
        rule.priority = *p;
        rule.priority_pos = r.node(e.value).pos;
      }
    } else if (k == "when") {
      rule.when = r.expression(e.value, "when");
    } else if (k == "for_each") {
      has_for_each = true;
      rule.for_each = r.expression(e.value, "for_each");
    } else if (k == "explains") {
      rule.explains = r.expression(e.value, "explains");
      if (rule.explains.present()) {
        rule.explains_item = trimmed(rule.explains.text.text) == "item";
        if (rule.explains_item) explains_node = e.value;
      }
    } else if (k == "text") {
      has_text = true;
      rule.text = r.template_text(e.value, "text");
    } else if (k == "by_style") {
      read_by_style(r, e.value, rule);
    } else if (k == "benchmark") {
      rule.benchmark = read_benchmark(r, e.key_node, e.value);
    } else if (k == "questions") {
      read_questions(r, e.value, rule);
    } else if (k == "objections") {
      read_objections(r, e.value, rule);
    } else if (k == "options") {
      rule.options = read_options(r, e.value);
    } else if (k == "internal") {
      rule.internal = r.template_text(e.value, "internal");
    } else if (k == "group") {
      rule.group = r.text_field(e.value, "group");
    }
  }
  if (!has_id) r.error_at(rule.pos, "rule has no 'id'; every rule needs a unique id");
  std::string name = rule.id.empty() ? std::string("this rule") : "rule " + in_quotes(rule.id);
  if (!has_text && rule.options.empty() && rule.questions.empty() && rule.objections.empty()) {
    r.error_at(rule.id_pos.known() ? rule.id_pos : rule.pos,
               name +
                   " has no 'text': a rule needs text unless it only carries options, "
                   "questions or objections");
  }
  if (explains_node != kNoNode && !has_for_each) {
    r.error(explains_node,
            "'explains: item' needs 'for_each': 'item' is only bound inside a for_each rule");
  }
  return rule;
}

}  // namespace

std::vector<RuleSyntax> read_rules(NodeReader& r, NodeId rules) {
  std::vector<RuleSyntax> out;
  auto elements = r.list(rules, "rules", "rules, each starting with '- id:'");
  if (!elements) return out;
  for (NodeId element : *elements) {
    if (!r.is_map(element)) {
      r.error(element, "a rule must be a map of fields such as id, title and text, not " +
                           std::string(r.kind_name(element)));
      continue;
    }
    if (auto rule = read_rule(r, element)) out.push_back(std::move(*rule));
  }
  return out;
}

}  // namespace basis::rules_detail
