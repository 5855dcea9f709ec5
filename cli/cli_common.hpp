#pragma once
// What every subcommand of `basis` shares: how it registers itself, exit codes, loading an
// estimate with its diagnostics, and writing the output.
//
// Each subcommand lives in its own cmd_<name>.cpp and exposes one add_<name>_command(app)
// that adds a CLI11 subcommand whose callback runs it and records its exit code with
// set_exit_code(). main.cpp only calls the add_*_command functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"

namespace basis::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitChecksFailed = 1;  // lint findings, failing tests, --strict coverage
inline constexpr int kExitInvalid = 2;       // invalid input or usage

// Subcommands (one file each).
void add_totals_command(CLI::App& app);
void add_why_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_test_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_schema_command(CLI::App& app);
void add_risk_command(CLI::App& app);
void add_diff_command(CLI::App& app);
void add_lint_command(CLI::App& app);
void add_init_command(CLI::App& app);

// The exit code of the subcommand that ran (kExitOk until one sets it).
void set_exit_code(int code);
int exit_code();

// Sorts and prints diagnostics (errors, warnings and notes) to stderr, compiler style.
void print_diagnostics(Diagnostics& diags);

// The filter that gives `applies_to` adjustments their items: the rules engine's
// (make_applies_to_filter). Every command gets it from here.
AppliesToFilter applies_to_filter();

// Loads and computes an estimate. Every diagnostic is printed to stderr; nullopt when
// there was an error (the command then exits with kExitInvalid).
std::optional<Estimate> load_computed_estimate(const std::string& path);

// Writes a command's output to `path` atomically (a failed run leaves no file and never
// clobbers an existing one), or to stdout when `path` is empty or "-". Prints the error
// and returns false on failure.
bool write_output(const std::string& path, std::string_view content);

// The arguments several commands share, worded once: the estimate positional and the
// repeatable --rules option.
void add_estimate_argument(CLI::App* command, std::string& estimate);
void add_rules_option(CLI::App* command, std::vector<std::string>& rules);

// An error that belongs to no file ("basis: error: ..."), printed at once.
void print_usage_error(std::string_view message);

}  // namespace basis::cli
