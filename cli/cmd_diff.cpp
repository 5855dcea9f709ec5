// `basis diff OLD NEW [--format text|md|json] [-o FILE]`: what changed between two
// revisions of an estimate, bridged from the old total to the new total.

#include <memory>
#include <string>

#include "basis/engine/revision.hpp"
#include "basis/render/revision.hpp"
#include "cli_common.hpp"

namespace basis::cli {

namespace {

struct DiffOptions {
  std::string before;
  std::string after;
  std::string format = "text";
  std::string output;
};

int run_diff(const DiffOptions& options) {
  const auto format = parse_revision_format(options.format);
  if (!format) {
    print_usage_error("--format: '" + options.format + "' is not one of text, md, json");
    return kExitInvalid;
  }
  // Both files are loaded before giving up, so that every error of both is shown at once.
  std::optional<Estimate> before = load_computed_estimate(options.before);
  std::optional<Estimate> after = load_computed_estimate(options.after);
  if (!before || !after) return kExitInvalid;
  Diagnostics diags;
  std::optional<RevisionBridge> bridge = build_revision_bridge(*before, *after, diags);
  print_diagnostics(diags);
  if (!bridge) return kExitInvalid;
  if (!write_output(options.output, render_revision(*bridge, *format))) return kExitInvalid;
  return kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* command = app.add_subcommand(
      "diff",
      "What changed between two revisions, bridged from the old total to the new total: "
      "items added and removed, volume and price effects of changed items, adjustments");
  command->add_option("OLD", options->before, "The previous revision (.yaml, .yml, .json or .csv)")
      ->required()
      ->type_name("FILE");
  command->add_option("NEW", options->after, "The new revision (.yaml, .yml, .json or .csv)")
      ->required()
      ->type_name("FILE");
  command->add_option("--format", options->format, "Output format: text, md or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->capture_default_str();
  command
      ->add_option("-o,--output", options->output,
                   "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->callback([options] { set_exit_code(run_diff(*options)); });
}

}  // namespace basis::cli
