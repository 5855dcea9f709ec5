#include "ruleset_reader.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace basis::rules_detail {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Digits with an optional sign, at most 15 of them: priorities are small.
std::optional<std::int64_t> parse_whole(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i == text.size() || text.size() - i > 15) return std::nullopt;
  std::int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return negative ? -value : value;
}

}  // namespace

std::uint32_t char_count(std::string_view text) {
  std::uint32_t n = 0;
  for (unsigned char c : text) n += is_continuation(c) ? 0 : 1;
  return n;
}

Diagnostic& NodeReader::error(NodeId at, std::string message) {
  const Node& n = node(at);
  std::uint32_t length = 1;
  if (n.kind == NodeKind::scalar && n.anchors.size() <= 1 &&
      n.text.find('\n') == std::string::npos) {
    length = std::max<std::uint32_t>(1, char_count(n.text));
    if (n.style == ScalarStyle::yaml_quoted) length += 2;
  }
  return diags_.error(doc_.source, n.pos, std::move(message), length);
}

Diagnostic& NodeReader::error_at(SourcePos pos, std::string message, std::uint32_t length) {
  return diags_.error(doc_.source, pos, std::move(message), length);
}

bool NodeReader::is_null(NodeId id) const {
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar || n.style != ScalarStyle::yaml_plain) return false;
  return n.text.empty() || n.text == "~" || n.text == "null" || n.text == "Null" ||
         n.text == "NULL";
}

std::string_view NodeReader::kind_name(NodeId id) const {
  switch (node(id).kind) {
    case NodeKind::sequence:
      return "a list";
    case NodeKind::map:
      return "a map";
    case NodeKind::scalar:
      break;
  }
  return is_null(id) ? "empty" : "text";
}

std::vector<Entry> NodeReader::entries(NodeId map, std::span<const std::string_view> known,
                                       std::string_view what) {
  std::vector<Entry> out;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < doc_.map_size(map); ++i) {
    NodeId key = doc_.map_key(map, i);
    std::string_view name = node(key).text;
    if (!seen.insert(name).second) continue;
    if (name.starts_with("x-")) continue;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string hint = did_you_mean(name, known);
      if (hint.empty()) hint = "; expected " + one_of(known);
      error(key, "unknown " + std::string(what) + " '" + std::string(name) + "'" + hint);
      continue;
    }
    out.push_back({name, key, doc_.map_value(map, i)});
  }
  return out;
}

std::optional<std::vector<NodeId>> NodeReader::list(NodeId id, std::string_view field,
                                                    std::string_view of) {
  if (is_null(id)) return std::vector<NodeId>{};
  if (!is_sequence(id)) {
    error(id, "'" + std::string(field) + "' must be a list of " + std::string(of) + ", not " +
                  std::string(kind_name(id)));
    return std::nullopt;
  }
  return node(id).children;
}

bool NodeReader::expect_map(NodeId id, std::string_view what, std::string_view of) {
  if (is_map(id)) return true;
  error(id, std::string(what) + " must be a map of " + std::string(of) + ", not " +
                std::string(kind_name(id)));
  return false;
}

std::optional<std::string> NodeReader::text(NodeId id, std::string_view field, bool allow_empty) {
  if (!is_scalar(id)) {
    error(id, "'" + std::string(field) + "' must be text, not " + std::string(kind_name(id)));
    return std::nullopt;
  }
  if (is_null(id) && !allow_empty) {
    error(id, "'" + std::string(field) + "' is empty");
    return std::nullopt;
  }
  return is_null(id) ? std::string() : node(id).text;
}

TextField NodeReader::text_field(NodeId id, std::string_view field) {
  TextField out;
  if (auto t = text(id, field)) {
    out.text = std::move(*t);
    out.pos = node(id).pos;
  }
  return out;
}

ExpressionText NodeReader::expression_text(NodeId id) const {
  const Node& n = node(id);
  ExpressionText out;
  out.text = n.text;
  out.source = doc_.source;
  out.anchors = n.anchors;
  if (out.anchors.empty())
    out.anchors.push_back({0, n.content_pos.known() ? n.content_pos : n.pos});
  return out;
}

ExpressionField NodeReader::expression(NodeId id, std::string_view field) {
  ExpressionField out;
  if (!is_scalar(id)) {
    error(id,
          "'" + std::string(field) + "' must be an expression, not " + std::string(kind_name(id)));
    return out;
  }
  if (is_null(id) && node(id).text.empty()) {
    error(id, "'" + std::string(field) + "' is empty; write an expression or remove the line");
    return out;
  }
  out.text = expression_text(id);
  out.pos = node(id).pos;
  return out;
}

TemplateField NodeReader::template_text(NodeId id, std::string_view field) {
  TemplateField out;
  if (!is_scalar(id)) {
    error(id, "'" + std::string(field) + "' must be text, not " + std::string(kind_name(id)));
    return out;
  }
  if (is_null(id) && node(id).text.empty()) {
    error(id, "'" + std::string(field) + "' is empty; write the text or remove the line");
    return out;
  }
  out.text = expression_text(id);
  out.pos = node(id).pos;
  return out;
}

std::optional<std::int64_t> NodeReader::whole_number(NodeId id, std::string_view field) {
  std::optional<std::int64_t> out;
  if (is_scalar(id)) out = parse_whole(node(id).text);
  if (!out) {
    std::string found = is_scalar(id) ? "'" + node(id).text + "'" : std::string(kind_name(id));
    error(id, "'" + std::string(field) + "' must be a whole number such as 10, not " + found);
  }
  return out;
}

std::optional<NumberField> parse_number_text(std::string_view text, SourcePos pos) {
  NumberField out;
  out.pos = pos;
  if (!text.empty() && text.back() == '%') {
    out.percent = true;
    text.remove_suffix(1);
  }
  // Decimal::parse takes exponents; a rule author never means 1e3 as a percentage or a
  // factor, and `nan`/`inf` are not numbers at all.
  if (text.empty() || text.find_first_of("eE") != std::string_view::npos) return std::nullopt;
  auto value = Decimal::parse(text);
  if (!value) return std::nullopt;
  if (out.percent) {
    value = div(*value, Decimal::from_int(100));
    if (!value) return std::nullopt;
  }
  out.value = *value;
  return out;
}

bool is_id(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string one_of(std::span<const std::string_view> names, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " " + std::string(last) + " " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace basis::rules_detail
