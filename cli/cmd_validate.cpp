// `basis validate RULES...`: loads and compiles rule sets (and what they import), reporting
// every error of every file at once.

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "rules_source.hpp"

namespace basis::cli {

namespace {

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

int run_validate(const std::vector<std::string>& paths) {
  Diagnostics diags;
  std::optional<LoadedRules> loaded = load_rules(paths, diags);
  std::shared_ptr<const RuleProgram> program;
  if (loaded) program = compile_rules(std::make_shared<const LoadedRules>(*loaded), diags);
  // Warnings are worth seeing even when the rules are valid.
  print_diagnostics(diags);
  if (!program || diags.has_errors()) return kExitInvalid;
  std::size_t metrics = 0;
  for (const RuleSetSyntax& file : loaded->files) metrics += file.define.size();
  const std::string line = fmt::format(
      "{}, {}, {}: OK\n", counted(loaded->files.size(), "rule file", "rule files"),
      counted(program->rule_refs().size(), "rule", "rules"), counted(metrics, "metric", "metrics"));
  return write_output("", line) ? kExitOk : kExitInvalid;
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand(
      "validate",
      "Load and check rule sets and everything they import, reporting all errors at once");
  command->add_option("RULES", *paths, "Rule files (rules/1 YAML)")->required()->type_name("FILE");
  command->callback([paths] { set_exit_code(run_validate(*paths)); });
}

}  // namespace basis::cli
