#pragma once
// Private to the rules engine: the names the language knows (functions, fields of the
// estimate, totals, groups and loops) and their static types.

#include <span>
#include <string_view>

#include "rules_program.hpp"

namespace basis::detail {

// Fields of `estimate` and `previous` (the previous revision also has its `totals`).
std::span<const std::string_view> estimate_fields();
std::span<const std::string_view> totals_fields();
std::span<const std::string_view> group_fields();
std::span<const std::string_view> loop_fields();
// The global names, for "did you mean".
std::span<const std::string_view> global_names();

bool contains_name(std::span<const std::string_view> names, std::string_view name);

// Static types of known fields (unknown for free-form ones).
Type estimate_field_type(std::string_view field);
Type totals_field_type(std::string_view field);
Type group_field_type(std::string_view field);
Type loop_field_type(std::string_view field);
Type item_field_type(FieldKind kind);

}  // namespace basis::detail
