// The `basis` executable: registers the subcommands, turns every usage error into one line
// and exit code 2, and never lets an exception escape as a crash.

#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_common.hpp"

namespace {

// CLI11's messages may span lines; a usage error is one line with a pointer to --help.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string help_hint(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    return "run 'basis " + sub->get_name() + " --help'";
  }
  return "run 'basis --help'";
}

int run(int argc, char** argv) {
  CLI::App app{
      "basis turns an estimate and a firm's rule sets into a client-ready justification of "
      "the price.",
      "basis"};
  app.require_subcommand(1);
  app.failure_message([](const CLI::App*, const CLI::Error& e) { return std::string(e.what()); });

  basis::cli::add_explain_command(app);
  basis::cli::add_totals_command(app);
  basis::cli::add_validate_command(app);
  basis::cli::add_lint_command(app);
  basis::cli::add_why_command(app);
  basis::cli::add_test_command(app);
  basis::cli::add_schema_command(app);
  basis::cli::add_risk_command(app);
  basis::cli::add_diff_command(app);
  basis::cli::add_init_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and friends are "errors" with exit code 0: CLI11 prints the right help.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    basis::cli::print_usage_error(one_line(e.what()) + " (" + help_hint(app) + ")");
    return basis::cli::kExitInvalid;
  }
  return basis::cli::exit_code();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "basis: error: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "basis: error: internal error\n");
  }
  return basis::cli::kExitInvalid;
}
