// `basis explain ESTIMATE [--rules PATH]... [--style S] [--format md|html|pdf|text|json]
// [-o FILE] [--strict] [--previous OLD] [--with OPTION_ID,...] [--budget AMOUNT]`: the
// explanation, built by the engine and formatted by render/. Defaults come from the estimate
// (client.style), then basis.yaml, then the built-in ones (analytical, md, not strict).

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/explain.hpp"
#include "basis/render/explanation.hpp"
#include "cli_common.hpp"
#include "pdf_print.hpp"
#include "rules_source.hpp"

namespace basis::cli {

namespace {

namespace fs = std::filesystem;

struct ExplainOptions {
  std::string estimate;
  std::vector<std::string> rules;
  std::string style;
  std::string format;
  std::string output;
  std::string previous;
  bool strict = false;
  std::vector<std::string> with;  // --with: option ids taken
  std::string budget;             // --budget: as written
};

constexpr std::string_view kFormats[] = {"md", "html", "pdf", "text", "json"};

bool known_format(std::string_view format) {
  for (std::string_view f : kFormats) {
    if (f == format) return true;
  }
  return false;
}

// Explanation::warnings holds every warning of the build; those with a place in a file were
// also reported into the diagnostics (printed with their source line). The rest (coverage,
// for one) are printed here, once.
void print_other_warnings(const Explanation& explanation, const Diagnostics& diags) {
  for (const std::string& warning : explanation.warnings) {
    bool reported = false;
    for (const Diagnostic& d : diags.items()) {
      if (d.severity != Severity::warning) continue;
      if (warning == d.message || (warning.size() > d.message.size() + 2 &&
                                   warning.compare(warning.size() - d.message.size() - 2,
                                                   std::string::npos, ": " + d.message) == 0)) {
        reported = true;
        break;
      }
    }
    if (!reported) std::fprintf(stderr, "basis: warning: %s\n", warning.c_str());
  }
  std::fflush(stderr);
}

// --strict: the cost lines no rule explains, listed; true when there are none.
bool check_coverage(const Explanation& explanation) {
  if (explanation.uncovered.empty()) return true;
  std::string out =
      fmt::format("basis: error: --strict: {} explained by no rule:\n",
                  explanation.uncovered.size() == 1
                      ? std::string("1 cost line is")
                      : fmt::format("{} cost lines are", explanation.uncovered.size()));
  for (const CoverageLine& line : explanation.uncovered) {
    out += fmt::format("  {}  {}  {}\n", line.item_id, line.name, line.amount.shown);
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
  return false;
}

// The style: --style, else the estimate's client.style, else basis.yaml's, else analytical.
std::optional<std::string> choose_style(const ExplainOptions& options,
                                        const EstimateSyntax& estimate,
                                        const Workspace* workspace) {
  if (!options.style.empty()) {
    if (parse_style(options.style)) return options.style;
    print_usage_error(
        fmt::format("--style: unknown style '{}'{} (styles: driver, analytical, "
                    "amiable, expressive, internal)",
                    options.style, did_you_mean(options.style, style_names())));
    return std::nullopt;
  }
  if (const Value* style = estimate.client.find("style")) {
    if (style->kind == Value::Kind::text && !style->text.empty()) return style->text;
  }
  if (workspace != nullptr && workspace->style) return std::string(style_name(*workspace->style));
  return std::string("analytical");
}

// Trace paths are relative to the rules' workspace: basis.yaml's directory, else the
// directory of the first rule file, so that the output does not depend on where it runs.
std::string trace_base(const Workspace* workspace, const RuleChoice& rules) {
  if (workspace != nullptr && workspace->source) {
    return fs::path(workspace->source->path()).parent_path().string();
  }
  if (!rules.paths.empty()) return fs::path(rules.paths.front()).parent_path().string();
  return {};
}

std::optional<std::string> render(const Explanation& explanation, const std::string& format,
                                  const std::string& output) {
  if (format == "md") return render_markdown(explanation);
  if (format == "html") return render_html(explanation);
  if (format == "text") return render_text(explanation);
  if (format == "json") return render_json(explanation);
  // pdf
  const std::optional<std::string> browser = find_chromium();
  if (!browser) {
    print_usage_error(kNoChromium);
    return std::nullopt;
  }
  if ((output.empty() || output == "-") && ::isatty(STDOUT_FILENO)) {
    print_usage_error("a PDF is not written to a terminal: name the file with -o FILE");
    return std::nullopt;
  }
  std::string error;
  std::optional<std::string> pdf = print_html_to_pdf(*browser, render_html(explanation), error);
  if (!pdf) print_usage_error(error);
  return pdf;
}

// --budget: an amount, grouping commas allowed ("840000", "840,000.50").
std::optional<Decimal> parse_budget(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != ',' && c != '_') digits += c;
  }
  std::optional<Decimal> amount = Decimal::parse(digits);
  if (!amount || amount->sign() < 0) {
    print_usage_error("--budget: '" + text +
                      "' is not an amount; write it as a number, e.g. 840000 or 840,000.00");
    return std::nullopt;
  }
  return amount;
}

// --budget stands for the estimate's client.budget, so that the rules that read
// estimate.client.budget and the budget search agree on one figure.
void set_client_budget(EstimateSyntax& estimate, const std::string& written, Decimal amount) {
  if (estimate.client.kind != Value::Kind::map) {
    estimate.client = Value{};
    estimate.client.kind = Value::Kind::map;
  }
  Value budget;
  budget.kind = Value::Kind::number;
  budget.number = amount;
  budget.text = written;
  for (auto& [key, value] : estimate.client.map) {
    if (key == "budget") {
      budget.pos = value.pos;
      value = std::move(budget);
      return;
    }
  }
  estimate.client.map.emplace_back("budget", std::move(budget));
}

int run_explain(const ExplainOptions& options) {
  std::optional<Decimal> budget;
  if (!options.budget.empty()) {
    budget = parse_budget(options.budget);
    if (!budget) return kExitInvalid;
  }
  Diagnostics diags;
  std::optional<EstimateSyntax> syntax = load_estimate(options.estimate, diags);
  if (!syntax) {
    print_diagnostics(diags);
    return kExitInvalid;
  }
  WorkspaceLookup lookup = find_applicable_workspace(options.estimate, diags);
  if (!lookup.ok) {
    print_diagnostics(diags);
    return kExitInvalid;
  }
  const Workspace* workspace = lookup.workspace ? &*lookup.workspace : nullptr;

  const std::string format = !options.format.empty()
                                 ? options.format
                                 : (workspace && workspace->format ? *workspace->format : "md");
  if (!known_format(format)) {
    print_diagnostics(diags);
    print_usage_error("--format: '" + format + "' is not one of md, html, pdf, text, json");
    return kExitInvalid;
  }
  const bool strict = options.strict || (workspace && workspace->strict.value_or(false));
  const std::optional<std::string> style = choose_style(options, *syntax, workspace);
  if (!style) return kExitInvalid;

  if (budget) set_client_budget(*syntax, options.budget, *budget);

  std::optional<RuleChoice> rules = choose_rule_files(options.rules, workspace, *syntax, diags);
  std::shared_ptr<const RuleProgram> program;
  if (rules) program = load_program(rules->paths, diags);
  std::optional<Estimate> estimate =
      compute_estimate(std::move(*syntax), diags, applies_to_filter());
  std::optional<Estimate> previous;
  if (!options.previous.empty()) {
    if (std::optional<EstimateSyntax> old = load_estimate(options.previous, diags)) {
      previous = compute_estimate(std::move(*old), diags, applies_to_filter());
    }
  }
  if (!program || !estimate || (!options.previous.empty() && !previous) || diags.has_errors()) {
    print_diagnostics(diags);
    return kExitInvalid;
  }

  ExplainRequest request;
  request.estimate = &*estimate;
  request.program = program.get();
  request.style = *style;
  request.previous = previous ? &*previous : nullptr;
  request.workspace = trace_base(workspace, *rules);
  request.with_options = options.with;
  request.budget = budget;
  std::optional<Explanation> explanation = build_explanation(request, diags);
  print_diagnostics(diags);
  if (!explanation || diags.has_errors()) return kExitInvalid;
  print_other_warnings(*explanation, diags);
  if (strict && !check_coverage(*explanation)) return kExitChecksFailed;

  const std::optional<std::string> content = render(*explanation, format, options.output);
  if (!content) return kExitInvalid;
  return write_output(options.output, *content) ? kExitOk : kExitInvalid;
}

}  // namespace

void add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command = app.add_subcommand(
      "explain", "The explanation of an estimate's price for one reader's style");
  add_estimate_argument(command, options->estimate);
  add_rules_option(command, options->rules);
  command
      ->add_option("--style", options->style,
                   "Reader style: driver, analytical, amiable, expressive or internal (the "
                   "negotiation brief); default: the estimate's client.style, else basis.yaml's "
                   "style, else analytical")
      ->type_name("STYLE");
  command
      ->add_option("--format", options->format,
                   "Output format: md, html, pdf, text or json; default: basis.yaml's format, "
                   "else md")
      ->type_name("FORMAT");
  command
      ->add_option("-o,--output", options->output,
                   "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->add_flag("--strict", options->strict,
                    "Fail (exit 1) when a cost line is explained by no rule, listing those lines");
  command
      ->add_option("--previous", options->previous,
                   "The previous revision of the estimate: what changed and why")
      ->type_name("FILE");
  command
      ->add_option("--with", options->with,
                   "Explain the estimate with these options taken (ids from the options table, "
                   "comma-separated or repeated), applied in rule-file order")
      ->delimiter(',')
      ->type_name("OPTION_ID");
  command
      ->add_option("--budget", options->budget,
                   "Search the combinations of options that bring the total within AMOUNT "
                   "(default: the estimate's client.budget)")
      ->type_name("AMOUNT");
  command->callback([options] { set_exit_code(run_explain(*options)); });
}

}  // namespace basis::cli
