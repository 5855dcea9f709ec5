// JSON -> Document with simdjson's on-demand parser: fast enough for estimates of
// 100,000 items, and its raw tokens point into the text, which gives each value's exact
// position and each number's text exactly as written.

#include <simdjson.h>

#include <algorithm>
#include <new>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "basis/parser/document.hpp"
#include "json_syntax.hpp"
#include "text_position.hpp"
#include "tree_builder.hpp"

namespace basis {

using parser_detail::Locator;
using parser_detail::TreeBuilder;
namespace ondemand = simdjson::ondemand;

namespace {

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

int hex4(const char* p) {
  int v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

std::size_t utf8_length(int cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

class Walker {
 public:
  Walker(Document& doc, Diagnostics& diags, const LoadLimits& limits, const char* base,
         std::size_t base_offset, std::size_t size)
      : doc_(doc),
        locator_(*doc.source),
        builder_(doc, diags, limits),
        base_(base),
        base_offset_(base_offset),
        size_(size) {}

  // false when loading stopped: error() is simdjson's complaint, or SUCCESS when the
  // reason (nesting, size) has been reported already.
  bool document(ondemand::document& d) {
    ondemand::json_type type;
    if (failed(d.type().get(type))) return false;
    if (type == ondemand::json_type::object || type == ondemand::json_type::array) {
      ondemand::value v;
      if (failed(d.get_value().get(v))) return false;
      if (!value(v)) return false;
    } else {
      std::string_view token;
      if (failed(d.raw_json_token().get(token))) return false;
      if (type == ondemand::json_type::string) {
        std::string_view text;
        if (failed(d.get_string().get(text))) return false;
        if (!string(token.data(), text)) return false;
      } else if (!literal(type, token)) {
        return false;
      }
      // simdjson reads a scalar document lazily and says nothing of what follows it.
      std::string_view body(base_, size_);
      if (parser_detail::check_json_syntax(body, kMaxNesting).found()) {
        error_ = simdjson::TRAILING_CONTENT;
        return false;
      }
      return true;
    }
    // Anything but white space after the root value is an error.
    const char* rest = nullptr;
    if (d.current_location().get(rest) == simdjson::SUCCESS) {
      const char* end = base_ + size_;
      while (rest < end && is_ws(*rest)) ++rest;
      if (rest < end) {
        error_ = simdjson::TRAILING_CONTENT;
        return false;
      }
    }
    return true;
  }

  simdjson::error_code error() const { return error_; }
  void reserve(std::size_t nodes) { builder_.reserve(nodes); }
  Locator& locator() { return locator_; }

 private:
  bool failed(simdjson::error_code e) {
    error_ = e;
    return e != simdjson::SUCCESS;
  }

  std::size_t offset(const char* p) const {
    return base_offset_ + std::min(static_cast<std::size_t>(p - base_), size_);
  }
  SourcePos pos(const char* p) { return locator_.at(offset(p)); }

  bool value(ondemand::value& v) {
    ondemand::json_type type;
    if (failed(v.type().get(type))) return false;
    std::string_view token = v.raw_json_token();
    switch (type) {
      case ondemand::json_type::object: {
        ondemand::object object;
        if (failed(v.get_object().get(object))) return false;
        if (builder_.open(NodeKind::map, pos(token.data())) == kNoNode) return false;
        for (auto field_result : object) {
          ondemand::field field;
          if (failed(std::move(field_result).get(field))) return false;
          const char* key_start = field.key().raw();
          std::string_view key;
          if (failed(field.unescaped_key().get(key))) return false;
          if (!string(key_start - 1, key)) return false;
          if (!value(field.value())) return false;
        }
        builder_.close();
        return true;
      }
      case ondemand::json_type::array: {
        ondemand::array array;
        if (failed(v.get_array().get(array))) return false;
        if (builder_.open(NodeKind::sequence, pos(token.data())) == kNoNode) return false;
        for (auto element : array) {
          ondemand::value item;
          if (failed(std::move(element).get(item))) return false;
          if (!value(item)) return false;
        }
        builder_.close();
        return true;
      }
      case ondemand::json_type::string: {
        std::string_view text;
        if (failed(v.get_string().get(text))) return false;
        return string(token.data(), text);
      }
      default:
        return literal(type, token);
    }
  }

  // A number, true, false or null: simdjson only peeks at the first character.
  bool literal(ondemand::json_type type, std::string_view token) {
    token = trim_right(token);
    ScalarStyle style = ScalarStyle::json_literal;
    if (type == ondemand::json_type::number) {
      if (!parser_detail::is_json_number(token)) return failed(simdjson::NUMBER_ERROR), false;
      style = ScalarStyle::json_number;
    } else if (token != "true" && token != "false" && token != "null") {
      return failed(simdjson::T_ATOM_ERROR), false;
    }
    NodeId id = builder_.new_scalar(pos(token.data()));
    if (id == kNoNode) return false;
    Node& node = doc_.nodes[id];
    node.style = style;
    node.text.assign(token);
    builder_.attach_scalar(id);
    return true;
  }

  // `quote` points at the opening quote in the buffer.
  bool string(const char* quote, std::string_view text) {
    NodeId id = builder_.new_scalar(pos(quote));
    if (id == kNoNode) return false;
    Node& node = doc_.nodes[id];
    node.style = ScalarStyle::json_string;
    node.content_pos = {node.pos.line, node.pos.column + 1};
    node.text.assign(text);
    // Anchors only where the text and the file are out of step (after an escape): three
    // million one-element vectors cost more than the whole parse on a large file.
    if (text.size() + 2 != raw_length(quote)) {
      node.anchors.push_back({0, node.content_pos});
      add_escape_anchors(quote + 1, node);
    }
    builder_.attach_scalar(id);
    return true;
  }

  // Bytes from the opening quote to the closing one, both included.
  std::size_t raw_length(const char* quote) const {
    const char* end = base_ + size_;
    const char* p = quote + 1;
    while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
    return static_cast<std::size_t>(std::min(p, end) - quote) + 1;
  }

  // After each escape the decoded text and the file are out of step: one anchor each.
  void add_escape_anchors(const char* p, Node& node) {
    const char* end = base_ + size_;
    std::uint32_t decoded = 0;
    while (p < end && *p != '"') {
      if (*p != '\\') {
        ++p;
        ++decoded;
        continue;
      }
      if (p + 1 < end && p[1] == 'u' && p + 6 <= end) {
        int cp = hex4(p + 2);
        p += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && p + 6 <= end && p[0] == '\\' && p[1] == 'u') {
          int low = hex4(p + 2);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
          }
        }
        decoded += static_cast<std::uint32_t>(utf8_length(cp < 0 ? 0xFFFD : cp));
      } else {
        p += 2;
        decoded += 1;
      }
      node.anchors.push_back({decoded, pos(p)});
    }
  }

  Document& doc_;
  Locator locator_;
  TreeBuilder builder_;
  const char* base_;
  std::size_t base_offset_;
  std::size_t size_;
  simdjson::error_code error_ = simdjson::SUCCESS;
};

// Roughly how many nodes the text makes, so that the node vector is allocated once.
std::size_t estimate_nodes(std::string_view text) {
  std::size_t colons = 0, commas = 0, opens = 0;
  for (char c : text) {
    colons += c == ':';
    commas += c == ',';
    opens += (c == '[') | (c == '{');
  }
  return colons + commas + opens + 1;
}

std::optional<Document> read_json(const SourceRef& source, Diagnostics& diags,
                                  const LoadLimits& limits) {
  Document doc;
  doc.source = source;
  std::string_view text = source->text();
  const std::size_t bom = text.starts_with(parser_detail::kUtf8Bom) ? 3 : 0;
  std::string_view body = text.substr(bom);
  if (std::all_of(body.begin(), body.end(), is_ws)) return doc;  // nothing: the converter says so

  // simdjson reads up to SIMDJSON_PADDING bytes past the end: use the text in place
  // when its buffer has that room, else a padded copy.
  simdjson::padded_string copy;
  simdjson::padded_string_view padded;
  const std::size_t room = source->text().capacity() - bom;
  if (room >= body.size() + simdjson::SIMDJSON_PADDING) {
    padded = simdjson::padded_string_view(body.data(), body.size(), room);
  } else {
    copy = simdjson::padded_string(body);
    padded = copy;
  }
  Walker walker(doc, diags, limits, padded.data(), bom, body.size());
  walker.reserve(estimate_nodes(body));
  ondemand::parser parser;
  ondemand::document d;
  simdjson::error_code error = parser.iterate(padded).get(d);
  if (error == simdjson::SUCCESS) {
    if (walker.document(d)) return doc;
    error = walker.error();
    if (error == simdjson::SUCCESS) return std::nullopt;  // reported by the walker
  }
  // simdjson found a problem: say which, and where, in words.
  std::size_t bad = parser_detail::first_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    diags.error(source, walker.locator().at(bad),
                "the file is not UTF-8 text (this byte is not UTF-8; save the file as UTF-8)");
    return std::nullopt;
  }
  parser_detail::JsonSyntaxError syntax =
      parser_detail::check_json_syntax(body, limits.max_nesting);
  if (syntax.found()) {
    diags.error(source, walker.locator().at(bom + syntax.offset), syntax.message);
  } else {
    const char* at = nullptr;
    std::size_t offset = text.size();
    if (d.current_location().get(at) == simdjson::SUCCESS) offset = bom + (at - padded.data());
    diags.error(source, walker.locator().at(offset),
                fmt::format("bad JSON: {}", simdjson::error_message(error)));
  }
  return std::nullopt;
}

}  // namespace

std::optional<Document> load_json(const SourceRef& source, Diagnostics& diags) {
  return load_json(source, diags, LoadLimits{});
}

std::optional<Document> load_json(const SourceRef& source, Diagnostics& diags,
                                  const LoadLimits& limits) {
  try {
    return read_json(source, diags, limits);
  } catch (const std::bad_alloc&) {
    diags.error(source, {1, 1}, "the file is too large to read");
    return std::nullopt;
  }
}

}  // namespace basis