#pragma once
// Private to the JSON loader: a small, strict JSON syntax check run only after simdjson
// has refused a file, to name the first problem and its exact place in plain words
// (simdjson's own errors say "TAPE_ERROR" and point near, not at, the problem).

#include <cstddef>
#include <string>
#include <string_view>

namespace basis::parser_detail {

struct JsonSyntaxError {
  std::size_t offset = std::string_view::npos;  // npos: no problem found
  std::string message;
  bool found() const { return offset != std::string_view::npos; }
};

// `text` without a byte-order mark. Nesting deeper than `max_nesting` is a problem too.
JsonSyntaxError check_json_syntax(std::string_view text, int max_nesting);

// The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view token);

}  // namespace basis::parser_detail
