// `basis totals ESTIMATE [--format text|md|json] [--by FIELD] [-o FILE]`: the reconciled
// cost build-up.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "basis/engine/totals_report.hpp"
#include "basis/render/totals.hpp"
#include "cli_common.hpp"

namespace basis::cli {

namespace {

struct TotalsOptions {
  std::string estimate;
  std::string format = "text";
  std::string by = "category";
  std::string output;
  bool by_given = false;
};

// A --by that no item has is almost always a typo: say so rather than print one "(none)".
bool check_group_field(const Estimate& estimate, const std::string& field) {
  if (is_known_group_field(estimate, field)) return true;
  std::set<std::string> names = {"id", "name", "rate_name", "rate", "form"};
  for (const LineItem& item : estimate.items) {
    for (const auto& [key, value] : item.syntax->attributes) names.insert(key);
  }
  std::vector<std::string_view> candidates(names.begin(), names.end());
  print_usage_error("--by: no item has a field '" + field + "'" + did_you_mean(field, candidates));
  return false;
}

int run_totals(const TotalsOptions& options) {
  const auto format = parse_totals_format(options.format);
  if (!format) {
    print_usage_error("--format: '" + options.format + "' is not one of text, md, json");
    return kExitInvalid;
  }
  std::optional<Estimate> estimate = load_computed_estimate(options.estimate);
  if (!estimate) return kExitInvalid;
  const std::string by = options.by.empty() ? "category" : options.by;
  // Only a field asked for by name must exist: an estimate without categories still has
  // totals (one group "(none)").
  if (options.by_given && !check_group_field(*estimate, by)) return kExitInvalid;
  const TotalsReport report = build_totals_report(*estimate, by);
  if (report.accuracy_overflow) {
    Diagnostics diags;
    diags.error(estimate->syntax.source, SourcePos{},
                "the accuracy range of the total is too large (overflow)");
    print_diagnostics(diags);
    return kExitInvalid;
  }
  if (!write_output(options.output, render_totals(*estimate, report, *format))) {
    return kExitInvalid;
  }
  return kExitOk;
}

}  // namespace

void add_totals_command(CLI::App& app) {
  auto options = std::make_shared<TotalsOptions>();
  CLI::App* command = app.add_subcommand(
      "totals",
      "The reconciled cost build-up: direct cost by category, adjustments, total and "
      "accuracy range");
  add_estimate_argument(command, options->estimate);
  command->add_option("--format", options->format, "Output format: text, md or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "md", "json"}))
      ->capture_default_str();
  command
      ->add_option("--by", options->by,
                   "Group the direct cost by this item field: category, phase, id, name, "
                   "rate_name or any other item attribute")
      ->type_name("FIELD")
      ->capture_default_str();
  command
      ->add_option("-o,--output", options->output,
                   "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  CLI::Option* by = command->get_option("--by");
  command->callback([options, by] {
    options->by_given = by->count() > 0;
    set_exit_code(run_totals(*options));
  });
}

}  // namespace basis::cli
