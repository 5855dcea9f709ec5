// `basis schema estimate|rules|explanation`: JSON Schema (draft 2020-12) for editors and
// integrations.

#include <memory>
#include <string>

#include "basis/render/explanation.hpp"
#include "cli_common.hpp"
#include "schemas.hpp"

namespace basis::cli {

namespace {

int run_schema(const std::string& what) {
  std::string text;
  if (what == "estimate") {
    text = estimate_json_schema();
  } else if (what == "rules") {
    text = rules_json_schema();
  } else {
    text = explanation_json_schema();
  }
  if (text.empty() || text.back() != '\n') text += '\n';
  return write_output("", text) ? kExitOk : kExitInvalid;
}

}  // namespace

void add_schema_command(CLI::App& app) {
  auto what = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "schema", "JSON Schema (draft 2020-12) of estimate files, rule sets or the JSON explanation");
  command->add_option("WHAT", *what, "estimate, rules or explanation")
      ->required()
      ->check(CLI::IsMember({"estimate", "rules", "explanation"}));
  command->callback([what] { set_exit_code(run_schema(*what)); });
}

}  // namespace basis::cli
