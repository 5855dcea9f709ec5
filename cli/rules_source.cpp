#include "rules_source.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "basis/parser/document.hpp"
#include "basis/parser/ruleset_syntax.hpp"

namespace basis::cli {

namespace fs = std::filesystem;

namespace {

// Documented in docs/commands.md ("Which rules are used") and docs/rule-library.md.
constexpr std::array<DomainRuleSet, 4> kDomains = {{
    {"software", "software-delivery.yaml"},
    {"construction", "construction.yaml"},
    {"consulting", "consulting.yaml"},
    {"", "common.yaml"},
}};

bool directory_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// The directory of the running executable, or empty when the system does not say.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return self.parent_path();
}

// Where the estimate file writes its `domain:` value, so that an unknown domain points at
// it. The syntax tree does not keep that position; the file's own tree does.
SourcePos domain_position(const EstimateSyntax& estimate) {
  if (!estimate.source) return {};
  Diagnostics ignored;  // the file loaded once already: nothing new to report
  const bool json = fs::path(estimate.source->path()).extension() == ".json";
  const std::optional<Document> doc =
      json ? load_json(estimate.source, ignored) : load_yaml(estimate.source, ignored);
  if (!doc || doc->root == kNoNode) return {};
  const NodeId value = doc->find(doc->root, "domain");
  return value == kNoNode ? SourcePos{} : doc->node(value).content_pos;
}

}  // namespace

std::span<const DomainRuleSet> library_domains() {
  return kDomains;
}

std::optional<std::string> find_rule_library(Diagnostics& diags) {
  if (const char* env = std::getenv("BASIS_RULES_DIR"); env != nullptr && *env != '\0') {
    // Set on purpose: a typo there must not silently fall back to another library.
    if (!directory_exists(env)) {
      diags.error(nullptr, SourcePos{},
                  std::string("BASIS_RULES_DIR is '") + env + "', which is not a directory");
      return std::nullopt;
    }
    return fs::path(env).lexically_normal().generic_string();
  }
  const fs::path exe = executable_dir();
  if (!exe.empty()) {
    const fs::path installed = (exe / ".." / "share" / "basis" / "rules").lexically_normal();
    if (directory_exists(installed)) return installed.generic_string();
  }
  if (directory_exists(BASIS_SOURCE_RULES_DIR)) {
    return fs::path(BASIS_SOURCE_RULES_DIR).lexically_normal().generic_string();
  }
  diags.error(
      nullptr, SourcePos{},
      "the standard rule library was not found (looked in $BASIS_RULES_DIR, " +
          (exe.empty()
               ? std::string("<basis>/../share/basis/rules")
               : (exe / ".." / "share" / "basis" / "rules").lexically_normal().generic_string()) +
          " and " + BASIS_SOURCE_RULES_DIR + "); name the rules with --rules");
  return std::nullopt;
}

WorkspaceLookup find_applicable_workspace(const std::string& estimate_path, Diagnostics& diags) {
  WorkspaceLookup out;
  const std::string estimate_dir = fs::path(estimate_path).parent_path().string();
  const std::optional<std::string> path = find_workspace(estimate_dir, "");
  if (!path) return out;
  out.workspace = load_workspace(*path, diags);
  out.ok = out.workspace.has_value();
  return out;
}

std::optional<RuleChoice> choose_rule_files(std::span<const std::string> given,
                                            const Workspace* workspace,
                                            const EstimateSyntax& estimate, Diagnostics& diags) {
  RuleChoice choice;
  if (!given.empty()) {
    choice.paths.assign(given.begin(), given.end());
    choice.origin = RuleOrigin::command_line;
    return choice;
  }
  if (workspace != nullptr && workspace->has_rules) {
    choice.paths = workspace->rule_paths();
    choice.origin = RuleOrigin::workspace;
    return choice;
  }
  const DomainRuleSet* found = nullptr;
  for (const DomainRuleSet& d : kDomains) {
    if (d.domain == estimate.domain) found = &d;
  }
  if (found == nullptr) {
    std::vector<std::string_view> known;
    std::string list;
    for (const DomainRuleSet& d : kDomains) {
      if (d.domain.empty()) continue;
      known.push_back(d.domain);
      list += (list.empty() ? "" : ", ") + std::string(d.domain);
    }
    const SourcePos pos = domain_position(estimate);
    diags.error(estimate.source, pos,
                "the standard rule library has no rule set for domain '" + estimate.domain + "'" +
                    did_you_mean(estimate.domain, known) + " (known domains: " + list +
                    "); name the rules with --rules or in basis.yaml",
                static_cast<std::uint32_t>(std::max<std::size_t>(1, estimate.domain.size())));
    return std::nullopt;
  }
  const std::optional<std::string> library = find_rule_library(diags);
  if (!library) return std::nullopt;
  choice.paths.push_back((fs::path(*library) / found->file).generic_string());
  choice.origin = RuleOrigin::library;
  return choice;
}

std::shared_ptr<const RuleProgram> load_program(std::span<const std::string> paths,
                                                Diagnostics& diags) {
  std::optional<LoadedRules> loaded = load_rules(paths, diags);
  if (!loaded) return nullptr;
  return compile_rules(std::make_shared<const LoadedRules>(std::move(*loaded)), diags);
}

}  // namespace basis::cli
