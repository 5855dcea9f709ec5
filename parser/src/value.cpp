#include "basis/parser/value.hpp"

namespace basis {

const Value* Value::find(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace basis
