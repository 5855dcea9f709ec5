#pragma once
// The workspace file `basis.yaml`: a team's defaults, so that `basis explain estimate.yaml`
// needs no options. Every key is optional:
//
//   rules: [rules/our-delivery.yaml, rules/common.yaml]   # relative to basis.yaml
//   style: analytical          # default style when the estimate names none
//   format: html               # default --format
//   strict: false              # default --strict

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/ruleset_syntax.hpp"  // DecisionStyle

namespace basis {

inline constexpr std::string_view kWorkspaceFileName = "basis.yaml";

struct WorkspaceRules {
  std::string path;      // as written in basis.yaml
  std::string resolved;  // relative to basis.yaml's directory, normalized: what to open
  SourcePos pos;
};

struct Workspace {
  SourceRef source;                    // basis.yaml itself
  std::vector<WorkspaceRules> rules;   // empty when absent
  bool has_rules = false;              // `rules:` was written (even as an empty list)
  std::optional<DecisionStyle> style;  // never internal
  SourcePos style_pos;
  std::optional<std::string> format;  // md, html, pdf, text or json
  SourcePos format_pos;
  std::optional<bool> strict;
  SourcePos strict_pos;

  // The resolved rule paths, ready for load_rules.
  std::vector<std::string> rule_paths() const;
};

// The formats `format:` accepts (the same as --format).
std::span<const std::string_view> output_format_names();

// The workspace file that applies: `basis.yaml` in the current directory `cwd` first, else
// beside the estimate (in `estimate_dir`, the directory that holds it). The current
// directory wins because it is where the user chose to work: running a team's checkout
// against an estimate kept elsewhere must use the team's rules. nullopt when neither
// directory has one. Directories may be given as "" (the current directory).
std::optional<std::string> find_workspace(const std::string& estimate_dir, const std::string& cwd);

// Reads and checks basis.yaml: unknown keys, style, format and strict values, and that
// each rule file exists. Returns nullopt when any error was reported.
std::optional<Workspace> load_workspace(const std::string& path, Diagnostics& diags);
std::optional<Workspace> load_workspace_text(const SourceRef& source, Diagnostics& diags);

}  // namespace basis
