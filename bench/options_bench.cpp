// Option evaluation: every option of the explain benchmark's workload (explain_workload.hpp:
// the generated 10,000-item CSV estimate and its 500-rule set) computed as the options
// section computes it: each option applied to a copy of the estimate, its filters evaluated
// (on the explanation's own evaluation for the first operation), the estimate recomputed with
// its adjustments. The estimate, the rules and the evaluation are prepared outside the loop,
// so the time is the options section alone.
//
// BM_Options_EachAlone: every option of a fired rule, one scenario each (the options table).
// BM_Options_AllTogether: one scenario with every option that can be combined (the most
// work one `--with` can ask for). Counters: options and those that match something;
// items_per_second of BM_Options_EachAlone is options per second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/file_io.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/explain.hpp"
#include "basis/engine/negotiation.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "explain_workload.hpp"
#include "generate.hpp"

namespace {

namespace fs = std::filesystem;
constexpr std::size_t kRules = 500;

[[noreturn]] void fail(const char* stage, const basis::Diagnostics& diags) {
  std::fprintf(stderr, "%s failed:\n%s", stage, basis::format_diagnostics(diags).c_str());
  std::abort();
}

struct Prepared {
  std::shared_ptr<const basis::RuleProgram> program;
  std::unique_ptr<basis::Estimate> estimate;
  std::unique_ptr<basis::RuleEvaluation> evaluation;
  std::vector<const basis::OptionSyntax*> offered;   // options of fired rules, rule-file order
  std::vector<const basis::OptionSyntax*> combined;  // of those, the ones that combine
};

Prepared& prepared(std::size_t items) {
  static std::map<std::size_t, Prepared> cache;
  Prepared& p = cache[items];
  if (p.program) return p;
  const fs::path dir = fs::temp_directory_path() / "basis-bench-options";
  fs::create_directories(dir);
  const std::string name = "options-" + std::to_string(items);
  const std::string estimate_path = (dir / (name + ".yaml")).string();
  const std::string rules_path = (dir / "rules-500.yaml").string();
  std::string error;
  if (!basis::write_file_atomically((dir / (name + ".csv")).string(),
                                    basis::bench::generate_csv_items(items), error) ||
      !basis::write_file_atomically(
          estimate_path, basis::bench::generate_explain_estimate(name + ".csv"), error) ||
      !basis::write_file_atomically(rules_path, basis::bench::generate_rule_set(kRules), error)) {
    std::fprintf(stderr, "cannot write the workload: %s\n", error.c_str());
    std::abort();
  }

  basis::Diagnostics diags;
  auto syntax = basis::load_estimate(estimate_path, diags);
  if (!syntax) fail("load estimate", diags);
  auto estimate =
      basis::compute_estimate(std::move(*syntax), diags, basis::make_applies_to_filter());
  if (!estimate) fail("compute estimate", diags);
  p.estimate = std::make_unique<basis::Estimate>(std::move(*estimate));
  auto loaded = basis::load_rules(std::span<const std::string>(&rules_path, 1), diags);
  p.program = loaded ? basis::compile_rules(*loaded, diags) : nullptr;
  if (!p.program) fail("rules", diags);
  basis::Diagnostics evaluation_diags;
  p.evaluation = std::make_unique<basis::RuleEvaluation>(
      basis::evaluate(*p.program, *p.estimate, nullptr, evaluation_diags));
  if (!p.evaluation->complete()) fail("evaluate", evaluation_diags);

  for (const basis::OptionRef& ref : basis::program_options(*p.program)) {
    if (!p.evaluation->rules()[ref.rule].fired()) continue;
    p.offered.push_back(ref.option);
    bool conflicts = false;
    for (const basis::OptionSyntax* other : p.combined) {
      conflicts = conflicts || !basis::adjust_conflict(*other, *ref.option).empty();
    }
    if (!conflicts) p.combined.push_back(ref.option);
  }
  return p;
}

void BM_Options_EachAlone(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  std::size_t matched = 0;
  for (auto _ : state) {
    matched = 0;
    for (const basis::OptionSyntax* option : p.offered) {
      basis::OptionScenario scenario = basis::compute_option(
          *p.program, *p.estimate, nullptr, *option, basis::EvalLimits{}, p.evaluation.get());
      matched += scenario.matched && scenario.estimate ? 1 : 0;
      benchmark::DoNotOptimize(scenario);
    }
  }
  state.counters["options"] = static_cast<double>(p.offered.size());
  state.counters["matched"] = static_cast<double>(matched);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * p.offered.size()));
}

void BM_Options_AllTogether(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    basis::OptionScenario scenario = basis::compute_options(
        *p.program, *p.estimate, nullptr, p.combined, basis::EvalLimits{}, p.evaluation.get());
    if (!scenario.estimate) {
      state.SkipWithError("the combined scenario could not be computed");
      return;
    }
    benchmark::DoNotOptimize(scenario);
  }
  state.counters["options"] = static_cast<double>(p.combined.size());
}

}  // namespace

BENCHMARK(BM_Options_EachAlone)
    ->Arg(10'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();
BENCHMARK(BM_Options_AllTogether)
    ->Arg(10'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();
