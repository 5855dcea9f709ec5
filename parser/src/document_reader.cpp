#include "document_reader.hpp"

#include <unordered_set>

#include <fmt/format.h>

#include "csv_cells.hpp"
#include "number_text.hpp"

namespace basis::detail {

namespace {

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

std::uint32_t count_chars(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

// Maps with more keys than this look for duplicates in a hash set instead of by scanning.
constexpr std::size_t kLinearKeyScan = 16;

}  // namespace

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::size_t line_end = text.find_first_of("\r\n");
  bool cut = line_end != std::string_view::npos;
  if (cut) text = text.substr(0, line_end);
  if (count_chars(text) > kMax) {
    std::size_t i = 0;
    std::uint32_t chars = 0;
    while (i < text.size()) {
      if (!is_continuation(static_cast<unsigned char>(text[i])) && ++chars > kMax - 3) break;
      ++i;
    }
    text = text.substr(0, i);
    cut = true;
  }
  std::string out(text);
  if (cut) out += "...";
  return out;
}

DocReader::DocReader(const Document& doc, Diagnostics& diags, WorkBudget& budget, bool csv)
    : doc_(doc), diags_(diags), budget_(budget), csv_(csv) {}

std::uint32_t DocReader::span(NodeId id) const {
  if (id == kNoNode) return 1;
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar || n.style == ScalarStyle::yaml_block || !source()) return 1;
  const std::string& all = source()->text();
  const std::size_t start = source()->offset_of(n.pos);
  if (start < all.size() && (all[start] == '"' || all[start] == '\'')) {
    // A quoted scalar: up to its closing quote on the same line.
    const char quote = all[start];
    const bool doubling = quote == '\'' || n.style == ScalarStyle::csv_cell;
    std::size_t i = start + 1;
    while (i < all.size() && all[i] != '\n') {
      if (!doubling && all[i] == '\\') {
        i += 2;
        continue;
      }
      if (all[i] == quote) {
        if (doubling && i + 1 < all.size() && all[i + 1] == quote) {
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      ++i;
    }
    i = std::min(i, all.size());
    return std::max<std::uint32_t>(1, count_chars(std::string_view(all).substr(start, i - start)));
  }
  std::string_view text = n.text;
  text = text.substr(0, text.find('\n'));
  return std::max<std::uint32_t>(1, count_chars(text));
}

Diagnostic& DocReader::error(NodeId at, std::string message) {
  SourcePos pos = at == kNoNode ? SourcePos{} : node(at).pos;
  if (csv_) {
    // A CSV position is {row, field}, not {line, character}: an excerpt with a caret would
    // show the wrong place, so CSV diagnostics name the file and position only.
    Diagnostic& d =
        diags_.file_error(source() ? source()->path() : std::string(), std::move(message));
    d.pos = pos;
    return d;
  }
  return diags_.error(source(), pos, std::move(message), span(at));
}

void DocReader::note(Diagnostic& d, NodeId at, std::string message) const {
  d.notes.push_back(DiagnosticNote{csv_ ? nullptr : source(),
                                   at == kNoNode ? SourcePos{} : node(at).pos, std::move(message)});
}

bool DocReader::visit() {
  if (budget_.exhausted) return false;
  ++budget_.visits;
  if (doc_.has_aliases && budget_.visits > kMaxAliasExpansion) {
    budget_.exhausted = true;
    error(report_at_ == kNoNode ? doc_.root : report_at_,
          fmt::format("this value uses aliases that expand to more than {} values; basis stops "
                      "reading the file here (write the values out, or use fewer aliases)",
                      "1,000,000"));
    return false;
  }
  return true;
}

bool DocReader::is_null(NodeId id) const {
  if (id == kNoNode) return true;
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar) return false;
  switch (n.style) {
    case ScalarStyle::yaml_plain:
      return is_yaml_null(n.text);
    case ScalarStyle::json_literal:
      return n.text == "null";
    case ScalarStyle::csv_cell:
      return n.text.empty();
    case ScalarStyle::yaml_quoted:
    case ScalarStyle::yaml_block:
    case ScalarStyle::json_string:
    case ScalarStyle::json_number:
      return false;
  }
  return false;
}

ScalarMeaning DocReader::meaning(NodeId id) const {
  ScalarMeaning m;
  const Node& n = node(id);
  auto set_number = [&m](const NumberText& number) {
    if (number.status == NumberText::Status::number) {
      m.kind = ScalarMeaning::Kind::number;
      m.number = number.value;
      return true;
    }
    m.out_of_range = number.status == NumberText::Status::out_of_range;
    return false;
  };
  switch (n.style) {
    case ScalarStyle::yaml_plain:
      if (is_yaml_null(n.text)) return m;
      if (auto b = yaml_boolean(n.text)) {
        m.kind = ScalarMeaning::Kind::boolean;
        m.boolean = *b;
        return m;
      }
      if (set_number(parse_yaml_number(n.text))) return m;
      break;
    case ScalarStyle::json_number:
      if (set_number(parse_json_number(n.text))) return m;
      break;
    case ScalarStyle::json_literal:
      if (n.text == "null") return m;
      m.kind = ScalarMeaning::Kind::boolean;
      m.boolean = n.text == "true";
      return m;
    case ScalarStyle::csv_cell:
      if (n.text.empty()) return m;
      if (n.text == "true" || n.text == "TRUE" || n.text == "True") {
        m.kind = ScalarMeaning::Kind::boolean;
        m.boolean = true;
        return m;
      }
      if (n.text == "false" || n.text == "FALSE" || n.text == "False") {
        m.kind = ScalarMeaning::Kind::boolean;
        return m;
      }
      if (set_number(parse_plain_number(n.text))) return m;
      break;
    case ScalarStyle::yaml_quoted:
    case ScalarStyle::yaml_block:
    case ScalarStyle::json_string:
      break;
  }
  m.kind = ScalarMeaning::Kind::text;
  return m;
}

std::string DocReader::describe(NodeId id) const {
  if (id == kNoNode) return "nothing";
  const Node& n = node(id);
  if (n.kind == NodeKind::map) return "a map";
  if (n.kind == NodeKind::sequence) return "a list";
  ScalarMeaning m = meaning(id);
  switch (m.kind) {
    case ScalarMeaning::Kind::null:
      return "nothing";
    case ScalarMeaning::Kind::boolean:
      return m.boolean ? "true" : "false";
    case ScalarMeaning::Kind::number:
      return shorten(n.text);
    case ScalarMeaning::Kind::text:
      break;
  }
  return "text '" + shorten(n.text) + "'";
}

Value DocReader::value(NodeId id, int depth) {
  Value v;
  if (id == kNoNode) return v;
  const Node& n = node(id);
  v.pos = n.pos;
  if (!visit()) return v;
  if (depth > kMaxValueDepth) {
    budget_.exhausted = true;
    error(id,
          fmt::format("values are nested too deeply here (more than {} levels)", kMaxValueDepth));
    return v;
  }
  switch (n.kind) {
    case NodeKind::scalar: {
      ScalarMeaning m = meaning(id);
      switch (m.kind) {
        case ScalarMeaning::Kind::null:
          break;
        case ScalarMeaning::Kind::boolean:
          v.kind = Value::Kind::boolean;
          v.boolean = m.boolean;
          break;
        case ScalarMeaning::Kind::number:
          v.kind = Value::Kind::number;
          v.number = m.number;
          v.text = n.text;
          break;
        case ScalarMeaning::Kind::text:
          v.kind = Value::Kind::text;
          v.text = n.text;
          break;
      }
      return v;
    }
    case NodeKind::sequence:
      v.kind = Value::Kind::list;
      v.list.reserve(n.children.size());
      for (NodeId child : n.children) {
        if (budget_.exhausted) break;
        v.list.push_back(value(child, depth + 1));
      }
      return v;
    case NodeKind::map: {
      v.kind = Value::Kind::map;
      const std::size_t size = map_size(id);
      v.map.reserve(size);
      std::unordered_set<std::string_view> seen;
      if (size > kLinearKeyScan) seen.reserve(size);
      for (std::size_t i = 0; i < size && !budget_.exhausted; ++i) {
        const std::string& key = node(map_key(id, i)).text;
        // The loaders report duplicate keys; the first one counts.
        bool duplicate = false;
        if (size > kLinearKeyScan) {
          duplicate = !seen.insert(key).second;
        } else {
          for (const auto& entry : v.map) duplicate = duplicate || entry.first == key;
        }
        if (duplicate) continue;
        v.map.emplace_back(key, value(map_value(id, i), depth + 1));
      }
      return v;
    }
  }
  return v;
}

Read<std::string> DocReader::text(NodeId id, std::string_view field) {
  if (is_null(id)) return {};
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar) {
    error(id, fmt::format("expected text for {}, found {}", field, describe(id)));
    return Read<std::string>::failed();
  }
  return Read<std::string>::good(n.text);
}

std::string DocReader::number_hint(NodeId id) const {
  const Node& n = node(id);
  const std::string_view t = trim(n.text);
  const bool quoted = n.style == ScalarStyle::yaml_quoted || n.style == ScalarStyle::json_string;
  if (quoted && parse_json_number(t).is_number()) return "; remove the quotes";
  if (!t.empty() && t.back() == '%') return {};
  const MoneyCell cell = parse_money_cell(t, currency_ ? *currency_ : *find_currency("USD"));
  if (cell.status != MoneyCell::Status::number) return {};
  std::string plain = cell.value.sign() < 0 ? "-" : "";
  for (char c : t) {
    if ((c >= '0' && c <= '9') || c == '.') plain.push_back(c);
  }
  return "; write " + plain;
}

Read<Decimal> DocReader::number(NodeId id, std::string_view field) {
  if (is_null(id)) return {};
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar) {
    error(id, fmt::format("expected a number for {}, found {}", field, describe(id)));
    return Read<Decimal>::failed();
  }
  ScalarMeaning m = meaning(id);
  if (m.kind == ScalarMeaning::Kind::number) return Read<Decimal>::good(m.number);
  if (m.out_of_range) {
    error(id, fmt::format("the number {} for {} is too large or has more than 20 decimal places",
                          shorten(n.text), field));
  } else if (m.kind == ScalarMeaning::Kind::text) {
    error(id, fmt::format("expected a number for {}, found {}{}", field, describe(id),
                          number_hint(id)));
  } else {
    error(id, fmt::format("expected a number for {}, found {}", field, describe(id)));
  }
  return Read<Decimal>::failed();
}

Read<Decimal> DocReader::percent(NodeId id, std::string_view field) {
  if (is_null(id)) return {};
  const Node& n = node(id);
  if (n.kind != NodeKind::scalar) {
    error(id,
          fmt::format("expected a percentage such as '12%' for {}, found {}", field, describe(id)));
    return Read<Decimal>::failed();
  }
  ScalarMeaning m = meaning(id);
  if (m.kind == ScalarMeaning::Kind::boolean) {
    error(id,
          fmt::format("expected a percentage such as '12%' for {}, found {}", field, describe(id)));
    return Read<Decimal>::failed();
  }
  PercentText p = parse_percent(n.text);
  switch (p.status) {
    case PercentText::Status::percentage:
      return Read<Decimal>::good(p.fraction);
    case PercentText::Status::bare_number: {
      // 0.12 may be a fraction meant as 12%: offer both readings.
      std::string written = std::string(trim(n.text));
      std::string message = fmt::format("a percentage needs a % sign: write '{}%'", written);
      if (p.number.abs() < Decimal::from_int(1) && !p.number.is_zero()) {
        if (auto hundred = mul(p.number, Decimal::from_int(100))) {
          message =
              fmt::format("a percentage needs a % sign: write '{}%' ({} as a fraction) or '{}%'",
                          hundred->to_string(), written, written);
        }
      }
      error(id, std::move(message));
      return Read<Decimal>::failed();
    }
    case PercentText::Status::out_of_range:
      error(id, fmt::format("the percentage {} for {} is too large or has too many decimal places",
                            shorten(n.text), field));
      return Read<Decimal>::failed();
    case PercentText::Status::not_a_percent:
      break;
  }
  error(id,
        fmt::format("expected a percentage such as '12%' for {}, found {}", field, describe(id)));
  return Read<Decimal>::failed();
}

}  // namespace basis::detail
