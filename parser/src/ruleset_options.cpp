// A rule's `options:` and the operations of each option's `change:`.

#include <algorithm>
#include <array>

#include "ruleset_reader.hpp"

namespace basis::rules_detail {

namespace {

constexpr std::array<std::string_view, 5> kOptionFields = {"id", "title", "change", "tradeoff",
                                                           "ask_in_return"};
constexpr std::array<std::string_view, 5> kOps = {"remove", "scale", "set", "add", "adjust"};
constexpr std::array<std::string_view, 5> kCostFields = {"hours", "quantity", "rate", "unit_cost",
                                                         "amount"};
constexpr std::array<std::string_view, 3> kScaleFields = {"where", "field", "by"};
constexpr std::array<std::string_view, 3> kSetFields = {"where", "field", "to"};
constexpr std::array<std::string_view, 3> kAdjustFields = {"id", "percent", "amount"};
// Parameters that belong inside an operation: seen beside one, the indentation is off.
constexpr std::array<std::string_view, 7> kOpParameters = {"where",   "field",  "by", "to",
                                                           "percent", "amount", "id"};

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `field: hours` of scale and set.
bool read_cost_field(NodeReader& r, NodeId value, std::string_view op, ChangeOp& out) {
  auto name = r.text(value, "field");
  if (!name) return false;
  auto it = std::find(kCostFields.begin(), kCostFields.end(), *name);
  if (it == kCostFields.end()) {
    std::string hint = did_you_mean(*name, kCostFields);
    r.error(value, "cannot " + std::string(op) + " field " + in_quotes(*name) +
                       (hint.empty() ? "; 'field' must be one of " + one_of(kCostFields) : hint));
    return false;
  }
  out.field = static_cast<CostField>(it - kCostFields.begin());
  out.field_pos = r.node(value).pos;
  return true;
}

bool read_filter(NodeReader& r, NodeId value, ChangeOp& out) {
  out.filter = r.expression(value, "where");
  return out.filter.present();
}

bool read_scale(NodeReader& r, NodeId key, NodeId value, ChangeOp& out) {
  if (!r.expect_map(value, "'scale'", "where, field and by")) return false;
  bool ok = true, has[3] = {false, false, false};
  for (const Entry& e : r.entries(value, kScaleFields, "'scale' field")) {
    if (e.key == "where") {
      has[0] = true;
      ok = read_filter(r, e.value, out) && ok;
    } else if (e.key == "field") {
      has[1] = true;
      ok = read_cost_field(r, e.value, "scale", out) && ok;
    } else {
      has[2] = true;
      auto by = r.is_scalar(e.value) ? parse_number_text(r.node(e.value).text, r.node(e.value).pos)
                                     : std::nullopt;
      if (by && by->percent) {
        r.error(e.value, "'by' is a factor: write " + by->value.to_string() + ", not " +
                             r.node(e.value).text);
        ok = false;
      } else if (!by) {
        std::string found = r.is_scalar(e.value) ? in_quotes(r.node(e.value).text)
                                                 : std::string(r.kind_name(e.value));
        r.error(e.value, "'by' must be a number such as 0.8, not " + found);
        ok = false;
      } else if (by->value.sign() < 0) {
        r.error(e.value, "'by' must not be negative: it multiplies the field");
        ok = false;
      } else {
        out.by = *by;
      }
    }
  }
  const char* what[3] = {"'where': the filter of the items to change",
                         "'field': one of hours, quantity, rate, unit_cost or amount",
                         "'by': the factor, such as 0.8"};
  for (int i = 0; i < 3; ++i) {
    if (!has[i]) {
      r.error(key, std::string("'scale' has no ") + what[i]);
      ok = false;
    }
  }
  return ok;
}

bool read_set(NodeReader& r, NodeId key, NodeId value, ChangeOp& out) {
  if (!r.expect_map(value, "'set'", "where, field and to")) return false;
  bool ok = true, has[3] = {false, false, false};
  bool field_ok = false;
  NodeId to = kNoNode;
  for (const Entry& e : r.entries(value, kSetFields, "'set' field")) {
    if (e.key == "where") {
      has[0] = true;
      ok = read_filter(r, e.value, out) && ok;
    } else if (e.key == "field") {
      has[1] = true;
      field_ok = read_cost_field(r, e.value, "set", out);
      ok = field_ok && ok;
    } else {
      has[2] = true;
      to = e.value;
    }
  }
  if (to != kNoNode && field_ok) {
    const bool accepts_name = out.field == CostField::rate || out.field == CostField::unit_cost;
    const std::string field(cost_field_name(out.field));
    auto number =
        r.is_scalar(to) ? parse_number_text(r.node(to).text, r.node(to).pos) : std::nullopt;
    if (number && number->percent) {
      r.error(to, "'to' is the new value of '" + field + "', not a percentage");
      ok = false;
    } else if (number) {
      if (number->value.sign() < 0 && out.field != CostField::amount) {
        r.error(to, "'to' must not be negative: " + field + " cannot be below zero");
        ok = false;
      } else {
        out.to_number = *number;
      }
    } else if (accepts_name && r.is_scalar(to) && is_identifier(r.node(to).text)) {
      out.to_rate_name.text = r.node(to).text;
      out.to_rate_name.pos = r.node(to).pos;
    } else {
      std::string found =
          r.is_scalar(to) ? in_quotes(r.node(to).text) : std::string(r.kind_name(to));
      r.error(to, "'to' must be a number" +
                      std::string(accepts_name ? " or a rate-card name" : "") + " for '" + field +
                      "', not " + found);
      ok = false;
    }
  }
  const char* what[3] = {"'where': the filter of the items to change",
                         "'field': one of hours, quantity, rate, unit_cost or amount",
                         "'to': the new value"};
  for (int i = 0; i < 3; ++i) {
    if (!has[i]) {
      r.error(key, std::string("'set' has no ") + what[i]);
      ok = false;
    }
  }
  return ok;
}

bool read_adjust(NodeReader& r, NodeId key, NodeId value, ChangeOp& out) {
  if (!r.expect_map(value, "'adjust'", "id and percent or amount")) return false;
  bool ok = true, has_id = false;
  for (const Entry& e : r.entries(value, kAdjustFields, "'adjust' field")) {
    if (e.key == "id") {
      has_id = true;
      out.adjustment_id = r.text_field(e.value, "id");
      ok = out.adjustment_id.present() && ok;
      continue;
    }
    auto number = r.is_scalar(e.value)
                      ? parse_number_text(r.node(e.value).text, r.node(e.value).pos)
                      : std::nullopt;
    std::string found =
        r.is_scalar(e.value) ? in_quotes(r.node(e.value).text) : std::string(r.kind_name(e.value));
    if (e.key == "percent") {
      if (number && !number->percent) {
        r.error(e.value, "write the percentage with %: " + r.node(e.value).text + "%");
        ok = false;
      } else if (!number) {
        r.error(e.value, "'percent' must be a percentage such as 5%, not " + found);
        ok = false;
      } else {
        out.percent = *number;
      }
    } else {
      if (number && number->percent) {
        r.error(e.value, "'amount' is a fixed amount; write a percentage under 'percent'");
        ok = false;
      } else if (!number) {
        r.error(e.value, "'amount' must be a number, not " + found);
        ok = false;
      } else {
        out.amount = *number;
      }
    }
  }
  if (!has_id) {
    r.error(key, "'adjust' has no 'id': the id of the estimate's adjustment to change");
    ok = false;
  }
  const bool has_percent = r.is_map(value) && r.doc().find(value, "percent") != kNoNode;
  const bool has_amount = r.is_map(value) && r.doc().find(value, "amount") != kNoNode;
  if (has_percent && has_amount) {
    r.error(key, "'adjust' takes 'percent' or 'amount', not both");
    ok = false;
  } else if (!has_percent && !has_amount) {
    r.error(key, "'adjust' needs 'percent' (such as 5%) or 'amount'");
    ok = false;
  }
  return ok;
}

std::optional<ChangeOp> read_op(NodeReader& r, NodeId element) {
  const Node& n = r.node(element);
  if (n.kind != NodeKind::map || n.children.empty()) {
    r.error(element,
            "a change must be one operation such as 'remove: FILTER' or "
            "'scale: {where: FILTER, field: hours, by: 0.8}', not " +
                std::string(r.kind_name(element)));
    return std::nullopt;
  }
  NodeId key = r.doc().map_key(element, 0);
  NodeId value = r.doc().map_value(element, 0);
  const std::string name = r.node(key).text;
  bool ok = true;
  for (std::size_t i = 1; i < r.doc().map_size(element); ++i) {
    NodeId other = r.doc().map_key(element, i);
    const std::string& other_name = r.node(other).text;
    if (other_name == name) continue;  // a repeated key: load_yaml reported it
    if (contains(kOps, name) && contains(kOpParameters, other_name)) {
      r.error(other, in_quotes(other_name) + " belongs inside " + in_quotes(name) +
                         ": indent it under " + in_quotes(name));
    } else {
      r.error(other, "a change holds one operation; start " + in_quotes(other_name) +
                         " on its own line with '-'");
    }
    ok = false;
  }
  ChangeOp op;
  op.pos = r.node(key).pos;
  auto it = std::find(kOps.begin(), kOps.end(), name);
  if (it == kOps.end()) {
    std::string hint = did_you_mean(name, kOps);
    r.error(key, "unknown change " + in_quotes(name) +
                     (hint.empty() ? "; expected " + one_of(kOps) : hint));
    return std::nullopt;
  }
  op.kind = static_cast<ChangeOp::Kind>(it - kOps.begin());
  switch (op.kind) {
    case ChangeOp::Kind::remove:
      op.filter = r.expression(value, "remove");
      ok = op.filter.present() && ok;
      break;
    case ChangeOp::Kind::scale:
      ok = read_scale(r, key, value, op) && ok;
      break;
    case ChangeOp::Kind::set:
      ok = read_set(r, key, value, op) && ok;
      break;
    case ChangeOp::Kind::add:
      if (!r.is_map(value)) {
        r.error(value,
                "'add' must be a map describing the new item (id, name and its cost), "
                "not " +
                    std::string(r.kind_name(value)));
        ok = false;
      } else {
        op.item = read_value(r, value);
      }
      break;
    case ChangeOp::Kind::adjust:
      ok = read_adjust(r, key, value, op) && ok;
      break;
  }
  if (!ok) return std::nullopt;
  return op;
}

std::optional<OptionSyntax> read_option(NodeReader& r, NodeId map) {
  OptionSyntax out;
  out.pos = r.node(map).pos;
  bool has_id = false, has_title = false, has_change = false;
  for (const Entry& e : r.entries(map, kOptionFields, "option field")) {
    if (e.key == "id") {
      has_id = true;
      auto id = r.text(e.value, "id");
      if (!id) continue;
      if (!is_id(*id)) {
        r.error(e.value,
                "option id " + in_quotes(*id) + " may only contain letters, digits, '-' and '_'");
        continue;
      }
      out.id = std::move(*id);
      out.id_pos = r.node(e.value).pos;
    } else if (e.key == "title") {
      has_title = true;
      out.title = r.template_text(e.value, "title");
    } else if (e.key == "change") {
      has_change = true;
      auto ops = r.list(e.value, "change", "operations such as '- remove: FILTER'");
      if (!ops) continue;
      if (ops->empty()) {
        r.error(e.value,
                "'change' is empty: list the operations that make the cheaper "
                "scenario, such as '- remove: FILTER'");
      }
      for (NodeId op : *ops) {
        if (auto parsed = read_op(r, op)) out.change.push_back(std::move(*parsed));
      }
    } else if (e.key == "tradeoff") {
      out.tradeoff = r.template_text(e.value, "tradeoff");
    } else if (e.key == "ask_in_return") {
      out.ask_in_return = r.template_text(e.value, "ask_in_return");
    }
  }
  std::string name = out.id.empty() ? std::string("option") : "option " + in_quotes(out.id);
  SourcePos at = out.id_pos.known() ? out.id_pos : out.pos;
  if (!has_id) r.error_at(out.pos, "option has no 'id'; every option needs a unique id");
  if (!has_title) r.error_at(at, name + " has no 'title': the options table shows it");
  if (!has_change) {
    r.error_at(at, name + " has no 'change': the operations that make the cheaper scenario");
  }
  return out;
}

}  // namespace

std::vector<OptionSyntax> read_options(NodeReader& r, NodeId options) {
  std::vector<OptionSyntax> out;
  auto elements = r.list(options, "options", "options, each starting with '- id:'");
  if (!elements) return out;
  for (NodeId element : *elements) {
    if (!r.is_map(element)) {
      r.error(element, "an option must be a map with id, title, change and tradeoff, not " +
                           std::string(r.kind_name(element)));
      continue;
    }
    if (auto option = read_option(r, element)) out.push_back(std::move(*option));
  }
  return out;
}

}  // namespace basis::rules_detail
