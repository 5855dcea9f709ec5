// Reading one rule-set file: its top level (tag, imports, metrics; rules and settings are
// read in their own files). `load_rules`, which follows imports, is in ruleset_library.cpp.

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>

#include "basis/parser/document.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "ruleset_reader.hpp"

namespace basis {

namespace fs = std::filesystem;
using namespace rules_detail;

namespace {

constexpr std::array<std::string_view, 9> kTopKeys = {"basis",      "ruleset",      "description",
                                                      "imports",    "define",       "rules",
                                                      "drivers_by", "class_bounds", "styles"};

// Names the expression language gives a meaning of its own: a metric cannot take them.
constexpr std::array<std::string_view, 14> kReservedNames = {
    "estimate", "items", "item", "totals", "previous", "loop", "true",
    "false",    "null",  "and",  "or",     "not",      "in",   "where"};

// The path of `path` as seen from the directory of `importer`, normalized for display.
std::string resolve_import(const std::string& importer, const std::string& path) {
  fs::path p = fs::path(importer).parent_path() / fs::path(path);
  return p.lexically_normal().generic_string();
}

void read_tag(NodeReader& r, NodeId value, bool& is_estimate) {
  auto tag = r.text(value, "basis");
  if (!tag || *tag == "rules/1") return;
  if (tag->starts_with("estimate/")) {
    is_estimate = true;
    r.error(value, "this is an estimate (basis: " + *tag + "), not a rule set");
    return;
  }
  r.error(value,
          "unsupported format " + in_quotes(*tag) + ": this version of basis reads 'rules/1'");
}

void read_imports(NodeReader& r, NodeId value, RuleSetSyntax& out) {
  std::vector<NodeId> paths;
  if (r.is_scalar(value) && !r.is_null(value)) {
    paths.push_back(value);  // `imports: common.yaml` means a list of one
  } else if (auto list = r.list(value, "imports", "file paths")) {
    paths = *list;
  }
  for (NodeId p : paths) {
    auto path = r.text(p, "imports");
    if (!path) continue;
    if (path->empty()) {
      r.error(p, "an import needs a file path, such as common.yaml");
      continue;
    }
    out.imports.push_back({*path, resolve_import(r.source()->path(), *path), r.node(p).pos});
  }
}

void read_define(NodeReader& r, NodeId value, RuleSetSyntax& out) {
  if (r.is_null(value)) return;
  if (!r.expect_map(value, "'define'", "metric names to expressions")) return;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < r.doc().map_size(value); ++i) {
    NodeId key = r.doc().map_key(value, i);
    const std::string& name = r.node(key).text;
    if (!seen.insert(name).second) continue;  // a repeated key: load_yaml reported it
    if (!is_identifier(name)) {
      r.error(key, "metric name " + in_quotes(name) +
                       " may only contain letters, digits and '_', and must not start with a "
                       "digit");
      continue;
    }
    if (std::find(kReservedNames.begin(), kReservedNames.end(), name) != kReservedNames.end()) {
      r.error(key, in_quotes(name) + " is a built-in name and cannot name a metric");
      continue;
    }
    MetricSyntax m;
    m.name = name;
    m.name_pos = r.node(key).pos;
    m.expression = r.expression(r.doc().map_value(value, i), name);
    if (m.expression.present()) out.define.push_back(std::move(m));
  }
}

}  // namespace

RuleSetSyntax rules_detail::read_ruleset_file(const SourceRef& source, Diagnostics& diags) {
  RuleSetSyntax out;
  out.source = source;
  out.name = fs::path(source->path()).stem().string();
  std::optional<Document> doc = load_yaml(source, diags);
  if (!doc) return out;
  NodeReader r(*doc, diags);
  if (doc->root == kNoNode || r.is_null(doc->root)) {
    diags.error(source, SourcePos{1, 1},
                "the file is empty: a rule set starts with 'basis: rules/1' and lists its "
                "'rules:'");
    return out;
  }
  if (!r.is_map(doc->root)) {
    r.error(doc->root, "a rule set must be a map of keys such as 'ruleset' and 'rules', not " +
                           std::string(r.kind_name(doc->root)));
    return out;
  }
  // An estimate given where rules were expected would otherwise give one error per key.
  bool is_estimate = false;
  if (NodeId tag = doc->find(doc->root, "basis"); tag != kNoNode) read_tag(r, tag, is_estimate);
  if (!is_estimate && doc->find(doc->root, "items") != kNoNode &&
      doc->find(doc->root, "rules") == kNoNode) {
    r.error(doc->map_key(doc->root, 0),
            "this looks like an estimate (it has 'items'), not a rule set");
    is_estimate = true;
  }
  if (is_estimate) return out;

  for (const Entry& e : r.entries(doc->root, kTopKeys, "top-level key")) {
    const std::string_view k = e.key;
    if (k == "ruleset") {
      if (auto name = r.text(e.value, "ruleset")) {
        out.name = *name;
        out.name_pos = r.node(e.value).pos;
      }
    } else if (k == "description") {
      out.description = r.text_field(e.value, "description");
    } else if (k == "imports") {
      read_imports(r, e.value, out);
    } else if (k == "define") {
      read_define(r, e.value, out);
    } else if (k == "rules") {
      out.rules = read_rules(r, e.value);
    } else if (k == "drivers_by") {
      read_drivers_by(r, e.value, out.settings);
    } else if (k == "class_bounds") {
      read_class_bounds(r, e.value, out.settings);
    } else if (k == "styles") {
      read_styles(r, e.value, out.settings);
    }
  }
  parse_rule_expressions(out, diags);
  return out;
}

std::optional<RuleSetSyntax> load_ruleset_text(const SourceRef& source, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  try {
    RuleSetSyntax file = read_ruleset_file(source, diags);
    check_unique(std::span<const RuleSetSyntax>(&file, 1), diags);
    if (diags.error_count() != errors_before) return std::nullopt;
    return file;
  } catch (const std::exception& e) {
    diags.file_error(source->path(),
                     std::string("internal error while reading the rule set: ") + e.what());
  }
  return std::nullopt;
}

std::optional<RuleSetSyntax> load_ruleset(const std::string& path, Diagnostics& diags) {
  std::string error;
  SourceRef source = read_source(path, error);
  if (!source) {
    diags.file_error(path, error);
    return std::nullopt;
  }
  return load_ruleset_text(source, diags);
}

}  // namespace basis
