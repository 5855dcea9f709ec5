#pragma once
// A checker for the parts of JSON Schema that basis's published schemas use: $ref into
// $defs, type, const, enum, required, properties, additionalProperties: false, items and
// anyOf. Enough to check render_json's output against explanation_json_schema() without a
// schema library.

#include <string>

#include <nlohmann/json.hpp>

namespace basis::testing {

// The first place where `value` breaks `schema`, as "path: problem", or "".
inline std::string schema_problem(const nlohmann::json& schema, const nlohmann::json& root,
                                  const nlohmann::json& value, const std::string& path = "") {
  using Json = nlohmann::json;
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) return path + ": unsupported $ref " + ref;
    const std::string name = ref.substr(prefix.size());
    if (!root["$defs"].contains(name)) return path + ": no definition " + name;
    return schema_problem(root["$defs"][name], root, value, path);
  }
  if (schema.contains("anyOf")) {
    for (const Json& option : schema["anyOf"]) {
      if (schema_problem(option, root, value, path).empty()) return "";
    }
    return path + ": matches none of anyOf";
  }
  if (schema.contains("type")) {
    const auto is = [&](const std::string& type) {
      if (type == "object") return value.is_object();
      if (type == "array") return value.is_array();
      if (type == "string") return value.is_string();
      if (type == "integer") return value.is_number_integer();
      if (type == "boolean") return value.is_boolean();
      if (type == "null") return value.is_null();
      return false;
    };
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const Json& t : schema["type"]) ok = ok || is(t.get<std::string>());
    } else {
      ok = is(schema["type"].get<std::string>());
    }
    if (!ok) return path + ": wrong type, expected " + schema["type"].dump();
  }
  if (schema.contains("const") && value != schema["const"]) return path + ": not the const";
  if (schema.contains("enum")) {
    bool found = false;
    for (const Json& option : schema["enum"]) found = found || option == value;
    if (!found) return path + ": not in enum: " + value.dump();
  }
  if (value.is_object()) {
    for (const Json& key : schema.value("required", Json::array())) {
      if (!value.contains(key.get<std::string>())) return path + ": missing " + key.dump();
    }
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        std::string problem = schema_problem(properties[key], root, item, path + "/" + key);
        if (!problem.empty()) return problem;
      } else if (schema.contains("additionalProperties") && !schema["additionalProperties"]) {
        return path + ": key not in the schema: " + key;
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string problem =
          schema_problem(schema["items"], root, value[i], path + "/" + std::to_string(i));
      if (!problem.empty()) return problem;
    }
  }
  return "";
}

}  // namespace basis::testing
