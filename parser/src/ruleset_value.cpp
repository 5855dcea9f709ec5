// An option's `add:` item kept as an open value with positions: the engine checks it as an
// estimate item, with the estimate's rate card at hand.

#include <cctype>

#include "ruleset_reader.hpp"

namespace basis::rules_detail {

namespace {

// An item is a few dozen nodes; aliases could make a small file expand into millions.
constexpr std::size_t kMaxValueNodes = 10000;

Value plain_scalar(const Node& n) {
  Value v;
  v.pos = n.pos;
  const std::string& t = n.text;
  if (n.style != ScalarStyle::yaml_plain) {
    v.kind = Value::Kind::text;
    v.text = t;
    return v;
  }
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return v;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    v.kind = Value::Kind::boolean;
    v.boolean = t[0] == 't' || t[0] == 'T';
    return v;
  }
  // Ids such as 001 stay text, as in estimates.
  std::size_t digits = t[0] == '-' || t[0] == '+' ? 1 : 0;
  bool leading_zero = t.size() > digits + 1 && t[digits] == '0' &&
                      std::isdigit(static_cast<unsigned char>(t[digits + 1]));
  if (!leading_zero && t.find_first_of("eE") == std::string::npos) {
    if (auto number = Decimal::parse(t)) {
      v.kind = Value::Kind::number;
      v.number = *number;
      return v;
    }
  }
  v.kind = Value::Kind::text;
  v.text = t;
  return v;
}

Value convert(NodeReader& r, NodeId id, std::size_t& budget, bool& too_large) {
  const Node& n = r.node(id);
  if (budget == 0) {
    too_large = true;
    return Value{};
  }
  --budget;
  if (n.kind == NodeKind::scalar) return plain_scalar(n);
  Value v;
  v.pos = n.pos;
  if (n.kind == NodeKind::sequence) {
    v.kind = Value::Kind::list;
    for (NodeId c : n.children) {
      v.list.push_back(convert(r, c, budget, too_large));
      if (too_large) break;
    }
    return v;
  }
  v.kind = Value::Kind::map;
  for (std::size_t i = 0; i < r.doc().map_size(id) && !too_large; ++i) {
    const std::string& key = r.node(r.doc().map_key(id, i)).text;
    bool repeated = false;  // a repeated key: load_yaml reported it
    for (const auto& entry : v.map) repeated = repeated || entry.first == key;
    if (repeated) continue;
    v.map.emplace_back(key, convert(r, r.doc().map_value(id, i), budget, too_large));
  }
  return v;
}

}  // namespace

Value read_value(NodeReader& r, NodeId id) {
  std::size_t budget = kMaxValueNodes;
  bool too_large = false;
  Value v = convert(r, id, budget, too_large);
  if (too_large) {
    r.error(id, "this value is too large (more than " + std::to_string(kMaxValueNodes) +
                    " entries once aliases are expanded)");
    return Value{};
  }
  return v;
}

}  // namespace basis::rules_detail
