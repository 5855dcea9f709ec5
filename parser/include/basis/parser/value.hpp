#pragma once
// An open, typed value read from an estimate: item attributes, `client`, `project`,
// `internal`, risk fields. Numbers are exact decimals read from their text.

#include <string>
#include <utility>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/source.hpp"

namespace basis {

struct Value {
  enum class Kind : std::uint8_t { null, boolean, number, text, list, map };
  // Declared rather than implicit: clang (with libstdc++ 12) otherwise instantiates
  // pair<string, Value> while Value is incomplete and rejects `Value v;` (the fuzz build).
  Value() noexcept {}
  Kind kind = Kind::null;
  bool boolean = false;
  Decimal number;
  std::string text;  // text: the text; number: the number as written ("3.10")
  std::vector<Value> list;
  std::vector<std::pair<std::string, Value>> map;  // in file order, keys unique
  SourcePos pos;

  bool is_null() const { return kind == Kind::null; }
  // The value under `key` in a map, or nullptr.
  const Value* find(std::string_view key) const;
};

}  // namespace basis
