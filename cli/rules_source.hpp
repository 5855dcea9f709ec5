#pragma once
// Which rule files a command uses, and where the standard rule library is. Shared by every
// command that evaluates rules (explain, why, lint, ...), so that they all agree:
//
//   1. `--rules PATH` (repeatable) wins;
//   2. else the workspace file basis.yaml (the current directory first, then beside the
//      estimate) when it names `rules:`;
//   3. else the standard library's rule set for the estimate's `domain`
//      (library_domains()), or its common rules when the estimate names no domain.
//
// The library is searched in $BASIS_RULES_DIR, then <executable dir>/../share/basis/rules
// (an installed basis), then the source tree's rules/ (a build that was not installed).

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/parser/workspace.hpp"

namespace basis::cli {

// The one table of the library's rule sets by domain. The empty domain is the estimate
// that names none.
struct DomainRuleSet {
  std::string_view domain;
  std::string_view file;  // relative to the library directory
};
std::span<const DomainRuleSet> library_domains();

// The library directory (see above). Reports an error and returns nullopt when none
// exists, or when $BASIS_RULES_DIR is set but is not a directory.
std::optional<std::string> find_rule_library(Diagnostics& diags);

// The workspace that applies to an estimate, loaded. `found` is false when there is no
// basis.yaml; `ok` is false when there is one and it has errors (reported into diags).
struct WorkspaceLookup {
  std::optional<Workspace> workspace;
  bool ok = true;
};
WorkspaceLookup find_applicable_workspace(const std::string& estimate_path, Diagnostics& diags);

// Where the chosen rule files came from, for messages.
enum class RuleOrigin : std::uint8_t { command_line, workspace, library };

struct RuleChoice {
  std::vector<std::string> paths;
  RuleOrigin origin = RuleOrigin::library;
};

// Chooses the rule files by the order above. `workspace` may be null. An unknown domain is
// an error that lists the known ones (with "did you mean").
std::optional<RuleChoice> choose_rule_files(std::span<const std::string> given,
                                            const Workspace* workspace,
                                            const EstimateSyntax& estimate, Diagnostics& diags);

// Loads and compiles rule files; nullptr when there was an error (reported into diags).
std::shared_ptr<const RuleProgram> load_program(std::span<const std::string> paths,
                                                Diagnostics& diags);

}  // namespace basis::cli
