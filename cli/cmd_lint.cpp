// `basis lint [--rules PATH]... ESTIMATE... [--strict] [--format text|json]`: what a rule
// author should look at, judged on real estimates (engine lint_rules): metrics nothing
// reads, rules that never fired, options that match nothing, cost lines no fired rule
// explains. The rules are chosen per estimate as `explain` chooses them; estimates that
// get the same rule files share one program and are linted together.

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/lint.hpp"
#include "cli_common.hpp"
#include "rules_source.hpp"

namespace basis::cli {

namespace {

struct LintOptions {
  std::vector<std::string> estimates;
  std::vector<std::string> rules;
  std::string format = "text";
  bool strict = false;
};

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

struct Shown {
  LintKind kind;
  Diagnostic diagnostic;
};

// Findings as the project's warnings, sorted as every diagnostic is (file, line, column).
std::vector<Shown> as_warnings(const std::vector<LintFinding>& findings) {
  std::vector<Shown> out;
  for (const LintFinding& f : findings) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.source = f.source;
    d.file = f.source ? f.source->path() : std::string();
    d.pos = f.pos;
    d.length = f.length;
    d.message = f.message;
    out.push_back({f.kind, std::move(d)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Shown& a, const Shown& b) {
    if (a.diagnostic.file != b.diagnostic.file) return a.diagnostic.file < b.diagnostic.file;
    return a.diagnostic.pos < b.diagnostic.pos;
  });
  return out;
}

std::string json_report(const std::vector<Shown>& findings) {
  std::string out = "[";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Diagnostic& d = findings[i].diagnostic;
    out += fmt::format(
        "{}\n  {{\"kind\": {}, \"message\": {}, \"file\": {}, \"line\": {}, \"column\": {}}}",
        i == 0 ? "" : ",", json_string(lint_kind_name(findings[i].kind)), json_string(d.message),
        json_string(d.file), d.pos.line, d.pos.column);
  }
  out += findings.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string summary(const std::vector<Shown>& findings, std::size_t estimates) {
  if (findings.empty()) {
    return fmt::format("no findings on {} estimate{}\n", estimates, estimates == 1 ? "" : "s");
  }
  std::size_t by_kind[4] = {0, 0, 0, 0};
  for (const Shown& s : findings) ++by_kind[static_cast<std::size_t>(s.kind)];
  constexpr std::string_view kOne[4] = {"unused metric", "rule that never fired",
                                        "option that matches nothing", "uncovered cost line"};
  constexpr std::string_view kMany[4] = {"unused metrics", "rules that never fired",
                                         "options that match nothing", "uncovered cost lines"};
  std::string parts;
  for (std::size_t k = 0; k < 4; ++k) {
    if (by_kind[k] == 0) continue;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", by_kind[k],
                         by_kind[k] == 1 ? kOne[k] : kMany[k]);
  }
  return fmt::format("{} finding{}: {}\n", findings.size(), findings.size() == 1 ? "" : "s", parts);
}

int run_lint(const LintOptions& options) {
  if (options.format != "text" && options.format != "json") {
    print_usage_error("--format: '" + options.format + "' is not one of text, json");
    return kExitInvalid;
  }
  Diagnostics diags;
  bool strict = options.strict;
  // Estimates that use the same rule files, in the order first named.
  std::vector<std::vector<std::string>> rule_sets;
  std::vector<std::vector<std::size_t>> members;
  std::vector<std::unique_ptr<Estimate>> estimates;
  for (const std::string& path : options.estimates) {
    std::optional<EstimateSyntax> syntax = load_estimate(path, diags);
    if (!syntax) continue;
    WorkspaceLookup workspace = find_applicable_workspace(path, diags);
    if (!workspace.ok) continue;
    if (workspace.workspace && workspace.workspace->strict.value_or(false)) strict = true;
    std::optional<RuleChoice> choice = choose_rule_files(
        options.rules, workspace.workspace ? &*workspace.workspace : nullptr, *syntax, diags);
    std::optional<Estimate> estimate =
        compute_estimate(std::move(*syntax), diags, applies_to_filter());
    if (!choice || !estimate) continue;
    std::size_t set = 0;
    while (set < rule_sets.size() && rule_sets[set] != choice->paths) ++set;
    if (set == rule_sets.size()) {
      rule_sets.push_back(choice->paths);
      members.emplace_back();
    }
    members[set].push_back(estimates.size());
    estimates.push_back(std::make_unique<Estimate>(std::move(*estimate)));
  }
  std::vector<std::shared_ptr<const RuleProgram>> programs;
  for (const std::vector<std::string>& paths : rule_sets) {
    programs.push_back(load_program(paths, diags));
  }
  if (diags.has_errors()) {
    print_diagnostics(diags);
    return kExitInvalid;
  }

  std::vector<LintTarget> targets;
  for (std::size_t set = 0; set < programs.size(); ++set) {
    LintTarget target{programs[set].get(), {}};
    for (std::size_t e : members[set]) target.estimates.push_back(estimates[e].get());
    targets.push_back(std::move(target));
  }
  const std::vector<LintFinding> findings = lint_rules(targets, diags);
  if (diags.has_errors()) {
    print_diagnostics(diags);
    return kExitInvalid;
  }
  const std::vector<Shown> shown = as_warnings(findings);
  std::string output;
  if (options.format == "json") {
    print_diagnostics(diags);
    output = json_report(shown);
  } else {
    for (const Shown& s : shown) diags.add(s.diagnostic);
    print_diagnostics(diags);
    output = summary(shown, estimates.size());
  }
  if (!write_output("", output)) return kExitInvalid;
  return strict && !shown.empty() ? kExitChecksFailed : kExitOk;
}

}  // namespace

void add_lint_command(CLI::App& app) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* command = app.add_subcommand(
      "lint",
      "Unused metrics, rules that never fire on these estimates, options that match nothing, "
      "uncovered cost lines");
  command
      ->add_option("ESTIMATE", options->estimates,
                   "Estimates to try the rules on (.yaml, .yml, .json or .csv)")
      ->required()
      ->type_name("FILE");
  add_rules_option(command, options->rules);
  // One path per --rules, so that `--rules R E1 E2` leaves E1 and E2 to ESTIMATE.
  command->get_option("--rules")->allow_extra_args(false);
  command->add_option("--format", options->format, "Output format: text (default) or json")
      ->type_name("FORMAT");
  command->add_flag("--strict", options->strict,
                    "Fail (exit 1) when there is any finding; default: basis.yaml's strict");
  command->callback([options] { set_exit_code(run_lint(*options)); });
}

}  // namespace basis::cli
