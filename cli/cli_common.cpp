#include "cli_common.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "basis/core/file_io.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis::cli {

namespace {
int g_exit_code = kExitOk;
}  // namespace

void set_exit_code(int code) {
  g_exit_code = code;
}
int exit_code() {
  return g_exit_code;
}

void print_diagnostics(Diagnostics& diags) {
  if (diags.empty()) return;
  diags.sort();
  const std::string text = format_diagnostics(diags);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void print_usage_error(std::string_view message) {
  Diagnostics diags;
  diags.error(nullptr, SourcePos{}, std::string(message));
  print_diagnostics(diags);
}

AppliesToFilter applies_to_filter() {
  return make_applies_to_filter();
}

std::optional<Estimate> load_computed_estimate(const std::string& path) {
  Diagnostics diags;
  std::optional<Estimate> estimate;
  if (auto syntax = load_estimate(path, diags)) {
    estimate = compute_estimate(std::move(*syntax), diags, applies_to_filter());
  }
  print_diagnostics(diags);
  if (diags.has_errors()) return std::nullopt;
  if (!estimate) print_usage_error("cannot read the estimate '" + path + "'");
  return estimate;
}

bool write_output(const std::string& path, std::string_view content) {
  if (path.empty() || path == "-") {
    const std::size_t written = std::fwrite(content.data(), 1, content.size(), stdout);
    if (written != content.size() || std::fflush(stdout) != 0) {
      print_usage_error(std::string("cannot write to standard output: ") + std::strerror(errno));
      return false;
    }
    return true;
  }
  std::string error;
  if (!write_file_atomically(path, content, error)) {
    print_usage_error(error);
    return false;
  }
  return true;
}

void add_estimate_argument(CLI::App* command, std::string& estimate) {
  command->add_option("ESTIMATE", estimate, "Estimate file (.yaml, .yml, .json or .csv)")
      ->required()
      ->type_name("FILE");
}

void add_rules_option(CLI::App* command, std::vector<std::string>& rules) {
  command
      ->add_option("--rules", rules,
                   "Rule file (repeatable); default: basis.yaml's rules, else the standard "
                   "library's rule set for the estimate's domain")
      ->type_name("PATH");
}

}  // namespace basis::cli
