#include "basis/parser/workspace.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "basis/parser/document.hpp"
#include "ruleset_reader.hpp"

namespace basis {

namespace fs = std::filesystem;
using namespace rules_detail;

namespace {

constexpr std::array<std::string_view, 4> kWorkspaceKeys = {"rules", "style", "format", "strict"};
constexpr std::array<std::string_view, 5> kFormats = {"md", "html", "pdf", "text", "json"};

void read_rule_paths(NodeReader& r, NodeId value, Workspace& out) {
  out.has_rules = true;
  std::vector<NodeId> paths;
  if (r.is_scalar(value) && !r.is_null(value)) {
    paths.push_back(value);  // `rules: ours.yaml` means a list of one
  } else if (auto list = r.list(value, "rules", "rule file paths")) {
    paths = *list;
  }
  const fs::path dir = fs::path(r.source()->path()).parent_path();
  for (NodeId p : paths) {
    auto path = r.text(p, "rules");
    if (!path) continue;
    std::string resolved = (dir / fs::path(*path)).lexically_normal().generic_string();
    std::error_code ec;
    if (!fs::is_regular_file(resolved, ec)) {
      r.error(p, "cannot find the rule file " + in_quotes(*path) + " (looked for " +
                     in_quotes(resolved) + ")");
      continue;
    }
    out.rules.push_back({*path, std::move(resolved), r.node(p).pos});
  }
}

void read_style(NodeReader& r, NodeId value, Workspace& out) {
  auto name = r.text(value, "style");
  if (!name) return;
  auto style = parse_style(*name);
  if (style == DecisionStyle::internal) {
    r.error(value,
            "'style: internal' cannot be a default: a default never produces the negotiation "
            "brief; ask for it with --style internal");
    return;
  }
  if (!style) {
    std::string hint = did_you_mean(*name, client_style_names());
    r.error(value, "unknown style " + in_quotes(*name) +
                       (hint.empty() ? "; expected " + one_of(client_style_names()) : hint));
    return;
  }
  out.style = style;
  out.style_pos = r.node(value).pos;
}

void read_format(NodeReader& r, NodeId value, Workspace& out) {
  auto name = r.text(value, "format");
  if (!name) return;
  if (std::find(kFormats.begin(), kFormats.end(), std::string_view(*name)) == kFormats.end()) {
    std::string hint = did_you_mean(*name, kFormats);
    r.error(value, "unknown format " + in_quotes(*name) +
                       (hint.empty() ? "; expected " + one_of(kFormats) : hint));
    return;
  }
  out.format = *name;
  out.format_pos = r.node(value).pos;
}

void read_strict(NodeReader& r, NodeId value, Workspace& out) {
  const Node& n = r.node(value);
  // YAML 1.2: only true and false are booleans; yes/no/on/off are text.
  if (n.kind == NodeKind::scalar && n.style == ScalarStyle::yaml_plain &&
      (n.text == "true" || n.text == "false")) {
    out.strict = n.text == "true";
    out.strict_pos = n.pos;
    return;
  }
  std::string found = r.is_scalar(value) ? in_quotes(n.text) : std::string(r.kind_name(value));
  r.error(value, "'strict' must be true or false, not " + found);
}

}  // namespace

std::vector<std::string> Workspace::rule_paths() const {
  std::vector<std::string> out;
  for (const WorkspaceRules& r : rules) out.push_back(r.resolved);
  return out;
}

std::span<const std::string_view> output_format_names() {
  return kFormats;
}

std::optional<std::string> find_workspace(const std::string& estimate_dir, const std::string& cwd) {
  for (const std::string& dir : {cwd, estimate_dir}) {
    fs::path candidate = (fs::path(dir) / kWorkspaceFileName).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.generic_string();
  }
  return std::nullopt;
}

std::optional<Workspace> load_workspace_text(const SourceRef& source, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  Workspace out;
  out.source = source;
  try {
    std::optional<Document> doc = load_yaml(source, diags);
    if (!doc) return std::nullopt;
    NodeReader r(*doc, diags);
    if (doc->root != kNoNode && !r.is_null(doc->root)) {  // an empty file sets nothing
      if (!r.is_map(doc->root)) {
        r.error(doc->root,
                "basis.yaml must be a map of settings (rules, style, format, "
                "strict), not " +
                    std::string(r.kind_name(doc->root)));
        return std::nullopt;
      }
      for (const Entry& e : r.entries(doc->root, kWorkspaceKeys, "workspace setting")) {
        if (e.key == "rules") {
          read_rule_paths(r, e.value, out);
        } else if (e.key == "style") {
          read_style(r, e.value, out);
        } else if (e.key == "format") {
          read_format(r, e.value, out);
        } else {
          read_strict(r, e.value, out);
        }
      }
    }
  } catch (const std::exception& e) {
    diags.file_error(source->path(),
                     std::string("internal error while reading the workspace: ") + e.what());
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return out;
}

std::optional<Workspace> load_workspace(const std::string& path, Diagnostics& diags) {
  std::string error;
  SourceRef source = read_source(path, error);
  if (!source) {
    diags.file_error(path, error);
    return std::nullopt;
  }
  return load_workspace_text(source, diags);
}

}  // namespace basis
