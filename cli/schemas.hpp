#pragma once
// The JSON Schemas `basis schema` prints for estimate files and rule sets (the explanation's
// comes from render/: explanation_json_schema()).

#include <string_view>

namespace basis::cli {

std::string_view estimate_json_schema();
std::string_view rules_json_schema();

}  // namespace basis::cli
