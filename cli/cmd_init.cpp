// `basis init [DIR]`: a starter workspace, so that a new user has something that works to
// change: basis.yaml, a sample estimate, a self-contained rule set and a rule test. The rule
// set does not import the standard library: imports are paths relative to the importing
// file, and the library's place depends on how basis was installed, so an import of it
// would break when the workspace is copied or shared. Nothing is ever overwritten.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "basis/core/file_io.hpp"
#include "cli_common.hpp"

namespace basis::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kWorkspace =
    R"(# The workspace: the defaults of every basis command run in this directory (or on an
# estimate kept in it). Every key is optional; see `basis explain --help`.
rules: [rules/our-rules.yaml]   # relative to this file; --rules overrides it
style: analytical               # when the estimate names no client.style
format: md                      # md, html, text, json or pdf
strict: false                   # true: fail when a cost line is explained by no rule
)";

constexpr std::string_view kEstimate =
    R"(# A sample estimate: replace it with your own (YAML, JSON or CSV), then run
#   basis explain estimates/sample.yaml
#   basis totals estimates/sample.yaml
basis: estimate/1
id: SAMPLE-001
title: Customer self-service portal
version: 1
date: 2026-01-15
currency: USD
class: 3
client:
  name: Example Client
  industry: retail
rates:
  engineer: 120
  tester: 95
  project_manager: 130
items:
  - id: DEV-01
    name: Sign-in and account pages
    category: development
    hours: 160
    rate: engineer
  - id: DEV-02
    name: Order history and tracking
    category: development
    hours: 150
    rate: engineer
  - id: QA-01
    name: Functional testing
    category: testing
    hours: 80
    rate: tester
  - id: QA-02
    name: Performance testing
    category: testing
    hours: 24
    rate: tester
  - id: PM-01
    name: Project management
    category: management
    hours: 60
    rate: project_manager
  - id: HOST-01
    name: Hosting for the first year
    category: infrastructure
    amount: 3600
adjustments:
  - id: contingency
    kind: contingency
    label: Contingency for the risks below
    percent: 10%
assumptions:
  - The client provides test accounts for every payment method by the second week.
exclusions:
  - Data migration from the current portal.
)";

constexpr std::string_view kRules =
    R"(# Your firm's reasoning about costs (format rules/1). Each rule says when it applies,
# which cost lines it explains and what the client reads. Check your changes with
#   basis validate rules/our-rules.yaml
#   basis lint estimates/sample.yaml
#   basis test
basis: rules/1
ruleset: our-rules
description: Starter rules for the sample estimate; rewrite them in your firm's words.

define:
  dev_hours: sum(items.hours where category == "development")
  test_hours: sum(items.hours where category == "testing")
  test_ratio: share(test_hours, dev_hours)
  pm_share: share(sum(items.amount where category == "management"), totals.direct)

rules:
  - id: development
    title: Development effort
    section: drivers
    when: dev_hours > 0
    explains: items where category == "development"
    text: >
      Development is {{ dev_hours | hours }}
      ({{ sum(items.amount where category == "development") | money }}), estimated
      feature by feature from the scope.

  - id: testing
    title: Testing effort
    section: drivers
    when: test_ratio >= 20%
    explains: items where category == "testing"
    text: >
      Testing is {{ test_ratio | percent }} of development effort
      ({{ test_hours | hours }}): every feature is tested before it reaches your users.
    benchmark:
      value: test_ratio
      range: [20%, 40%]
      label: testing as a share of development effort
      source: replace with your firm's delivery history
    options:
      - id: defer-performance-tests
        title: Defer performance testing to a later release
        change:
          - remove: id == "QA-02"
        tradeoff: Load problems would first be seen in production.

  - id: management
    title: Project management
    section: basis
    when: pm_share > 0
    explains: items where category == "management"
    text: >
      Project management is {{ pm_share | percent }} of the direct cost: planning,
      reporting and one point of contact for you.

  - id: fixed-costs
    title: Fixed costs
    section: basis
    for_each: items where hours == null
    explains: item
    text: "{{ item.name }} is a fixed {{ item.amount | money }}."

  - id: contingency
    title: Contingency
    section: risks
    when: totals.adjustments.contingency > 0
    text: >
      The contingency of {{ totals.adjustments.contingency | money }} covers the risks
      we cannot price line by line; what is not used is not charged.
)";

constexpr std::string_view kTest =
    R"(# Rule tests: run them with `basis test` (every *.test.yaml under the current
# directory). The figures are the sample estimate's, worked out by hand:
# development 310 hours ($37,200.00), testing 104 hours, 104 / 310 = 33.5%,
# direct cost $58,480.00, contingency 10% = $5,848.00, total $64,328.00.
tests:
  - name: the sample estimate is explained line by line
    estimate: ../estimates/sample.yaml
    rules: ../rules/our-rules.yaml
    expect:
      fires: [development, testing, management, fixed-costs, contingency]
      metrics: {dev_hours: 310, test_hours: 104, test_ratio: 0.335}
      text_contains: ["310 hours", "$37,200.00", "33.5%", "$5,848.00"]
      total: 64328.00

  - name: the driver style leads with the total
    estimate: ../estimates/sample.yaml
    rules: ../rules/our-rules.yaml
    style: driver
    expect:
      fires: [testing]
      text_contains: ["$64,328.00"]
)";

struct StarterFile {
  std::string_view path;  // relative to the workspace directory
  std::string_view content;
};

constexpr StarterFile kFiles[] = {
    {"basis.yaml", kWorkspace},
    {"estimates/sample.yaml", kEstimate},
    {"rules/our-rules.yaml", kRules},
    {"tests/our-rules.test.yaml", kTest},
};

int run_init(const std::string& dir) {
  const fs::path root = dir.empty() ? fs::path(".") : fs::path(dir);
  std::error_code ec;
  if (fs::exists(root, ec) && !fs::is_directory(root, ec)) {
    print_usage_error(fmt::format("'{}' is not a directory", root.string()));
    return kExitInvalid;
  }
  // Every file that would be overwritten, named before anything is written.
  Diagnostics diags;
  for (const StarterFile& file : kFiles) {
    const fs::path target = root / file.path;
    if (fs::exists(fs::symlink_status(target, ec)) || fs::is_symlink(target, ec)) {
      diags.file_error(target.string(),
                       "already exists; basis init never overwrites a file: move it away or "
                       "choose another directory");
    }
  }
  if (diags.has_errors()) {
    print_diagnostics(diags);
    return kExitInvalid;
  }
  std::string created;
  for (const StarterFile& file : kFiles) {
    const fs::path target = root / file.path;
    fs::create_directories(target.parent_path().empty() ? fs::path(".") : target.parent_path(), ec);
    if (ec) {
      print_usage_error(fmt::format("cannot create the directory '{}': {}",
                                    target.parent_path().string(), ec.message()));
      return kExitInvalid;
    }
    std::string error;
    if (!write_file_atomically(target.string(), file.content, error)) {
      print_usage_error(error);
      return kExitInvalid;
    }
    created += fmt::format("  {}\n", target.generic_string());
  }
  const std::string in_dir = dir.empty() ? std::string() : fmt::format("cd {} && ", dir);
  const std::string message = fmt::format(
      "created a basis workspace:\n{}"
      "next: {}basis explain estimates/sample.yaml, then basis test\n",
      created, in_dir);
  return write_output("", message) ? kExitOk : kExitInvalid;
}

}  // namespace

void add_init_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "init",
      "A starter workspace in DIR: basis.yaml, a sample estimate, a rule set and a rule test");
  command
      ->add_option("DIR", *dir,
                   "Where to create it (default: the current directory); created when missing")
      ->type_name("DIR");
  command->callback([dir] { set_exit_code(run_init(*dir)); });
}

}  // namespace basis::cli
