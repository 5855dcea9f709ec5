// End to end, the path `basis explain ESTIMATE --rules RULES --format html` takes on a
// generated CSV estimate (10,000 items; 100,000 for the second bar) with a generated rule
// set of 500 rules (explain_workload.hpp): read and parse the estimate and the rules,
// compute the estimate, compile the rules, evaluate them, build the explanation (options
// recomputed as scenarios, coverage, trace) and render the HTML. PRODUCT.md: under 0.2 s
// on one core for 10,000 items, under 2 s for 100,000.
//
// BM_ExplainHtml reports the time of each stage as counters (milliseconds per run) and the
// peak resident memory against the input size; the BM_Stage_* benchmarks time one stage
// alone on inputs prepared outside the loop.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "basis/core/diagnostic.hpp"
#include "basis/core/file_io.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/explain.hpp"
#include "basis/engine/risk.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "basis/render/explanation.hpp"
#include "explain_workload.hpp"
#include "generate.hpp"

namespace {

namespace fs = std::filesystem;
constexpr std::size_t kRules = 500;

struct Workload {
  std::string estimate;  // the YAML wrapper; its items are in a CSV beside it
  std::string rules;
  std::uintmax_t input_bytes = 0;
};

const Workload& workload(std::size_t items) {
  static std::map<std::size_t, Workload> cache;
  Workload& w = cache[items];
  if (!w.estimate.empty()) return w;
  const fs::path dir = fs::temp_directory_path() / "basis-bench-explain";
  fs::create_directories(dir);
  const std::string name = "explain-" + std::to_string(items);
  std::string error;
  const bool written =
      basis::write_file_atomically((dir / (name + ".csv")).string(),
                                   basis::bench::generate_csv_items(items), error) &&
      basis::write_file_atomically((dir / (name + ".yaml")).string(),
                                   basis::bench::generate_explain_estimate(name + ".csv"), error) &&
      basis::write_file_atomically((dir / "rules-500.yaml").string(),
                                   basis::bench::generate_rule_set(kRules), error);
  if (!written) {
    std::fprintf(stderr, "cannot write the workload: %s\n", error.c_str());
    std::abort();
  }
  w.estimate = (dir / (name + ".yaml")).string();
  w.rules = (dir / "rules-500.yaml").string();
  w.input_bytes =
      fs::file_size(dir / (name + ".csv")) + fs::file_size(w.estimate) + fs::file_size(w.rules);
  return w;
}

[[noreturn]] void fail(const char* stage, const basis::Diagnostics& diags) {
  std::fprintf(stderr, "%s failed:\n%s", stage, basis::format_diagnostics(diags).c_str());
  std::abort();
}

basis::AppliesToFilter filter() {
  return basis::make_applies_to_filter();
}

// Stages are timed in CPU time of this thread: the machine may be shared, and the bar is
// for one core.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
};
double ms_since(double start) {
  return Clock::now() - start;
}

// The default evaluation budget (EvalLimits::max_steps, 10^8 steps for the whole
// evaluation) stops this rule set at 100,000 items; the bar is about time, so the larger
// run lifts it and says so in its label.
basis::EvalLimits limits_for(std::size_t items) {
  basis::EvalLimits limits;
  if (items > 10'000) limits.max_steps = UINT64_MAX;
  return limits;
}

void BM_ExplainHtml(benchmark::State& state) {
  const auto items = static_cast<std::size_t>(state.range(0));
  const Workload& w = workload(items);
  const std::string rule_path = w.rules;
  double t_load = 0, t_compute = 0, t_rules = 0, t_compile = 0, t_eval = 0, t_build = 0,
         t_render = 0;
  std::size_t html_bytes = 0;
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto t = Clock::now();
    auto syntax = basis::load_estimate(w.estimate, diags);
    if (!syntax) fail("load estimate", diags);
    t_load += ms_since(t);

    t = Clock::now();
    auto estimate = basis::compute_estimate(std::move(*syntax), diags, filter());
    if (!estimate) fail("compute estimate", diags);
    t_compute += ms_since(t);

    t = Clock::now();
    auto loaded = basis::load_rules(std::span<const std::string>(&rule_path, 1), diags);
    if (!loaded) fail("load rules", diags);
    t_rules += ms_since(t);

    t = Clock::now();
    auto program = basis::compile_rules(*loaded, diags);
    if (!program) fail("compile rules", diags);
    t_compile += ms_since(t);

    t = Clock::now();
    basis::Diagnostics evaluation_diags;
    basis::EvalOptions options;
    options.limits = limits_for(items);
    basis::RuleEvaluation ev =
        basis::evaluate(*program, *estimate, nullptr, evaluation_diags, options);
    t_eval += ms_since(t);

    t = Clock::now();
    basis::ExplainRequest request;
    request.estimate = &*estimate;
    request.program = program.get();
    request.style = "analytical";
    request.limits = options.limits;
    auto explanation = basis::build_explanation(ev, request, diags);
    if (!explanation)
      fail("build explanation", evaluation_diags.has_errors() ? evaluation_diags : diags);
    t_build += ms_since(t);

    t = Clock::now();
    std::string html = basis::render_html(*explanation);
    t_render += ms_since(t);
    html_bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  const auto per_run = benchmark::Counter::kAvgIterations;
  state.counters["load_ms"] = benchmark::Counter(t_load, per_run);
  state.counters["compute_ms"] = benchmark::Counter(t_compute, per_run);
  state.counters["rules_ms"] = benchmark::Counter(t_rules, per_run);
  state.counters["compile_ms"] = benchmark::Counter(t_compile, per_run);
  state.counters["eval_ms"] = benchmark::Counter(t_eval, per_run);
  state.counters["build_ms"] = benchmark::Counter(t_build, per_run);
  state.counters["render_ms"] = benchmark::Counter(t_render, per_run);
  state.counters["html_KB"] = static_cast<double>(html_bytes) / 1024.0;
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_x_input"] =
      static_cast<double>(usage.ru_maxrss) * 1024.0 / static_cast<double>(w.input_bytes);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * state.range(0)));
  if (items > 10'000) state.SetLabel("evaluation budget lifted");
}

// ---- one stage at a time ------------------------------------------------------------------

struct Prepared {
  std::shared_ptr<const basis::RuleProgram> program;
  std::unique_ptr<basis::Estimate> estimate;
  std::optional<basis::Explanation> explanation;
};

Prepared& prepared(std::size_t items) {
  static std::map<std::size_t, Prepared> cache;
  Prepared& p = cache[items];
  if (p.program) return p;
  const Workload& w = workload(items);
  basis::Diagnostics diags;
  auto syntax = basis::load_estimate(w.estimate, diags);
  if (!syntax) fail("load estimate", diags);
  auto estimate = basis::compute_estimate(std::move(*syntax), diags, filter());
  if (!estimate) fail("compute estimate", diags);
  p.estimate = std::make_unique<basis::Estimate>(std::move(*estimate));
  auto loaded = basis::load_rules(std::span<const std::string>(&w.rules, 1), diags);
  p.program = loaded ? basis::compile_rules(*loaded, diags) : nullptr;
  if (!p.program) fail("rules", diags);
  basis::ExplainRequest request;
  request.estimate = p.estimate.get();
  request.program = p.program.get();
  request.style = "analytical";
  p.explanation = basis::build_explanation(request, diags);
  if (!p.explanation) fail("build explanation", diags);
  return p;
}

void BM_Stage_LoadEstimate(benchmark::State& state) {
  const Workload& w = workload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto syntax = basis::load_estimate(w.estimate, diags);
    benchmark::DoNotOptimize(syntax);
  }
}

void BM_Stage_ComputeEstimate(benchmark::State& state) {
  const Workload& w = workload(static_cast<std::size_t>(state.range(0)));
  basis::Diagnostics diags;
  const auto syntax = basis::load_estimate(w.estimate, diags);
  if (!syntax) fail("load estimate", diags);
  for (auto _ : state) {
    state.PauseTiming();
    basis::EstimateSyntax copy = *syntax;
    state.ResumeTiming();
    basis::Diagnostics d;
    auto estimate = basis::compute_estimate(std::move(copy), d, filter());
    benchmark::DoNotOptimize(estimate);
  }
}

void BM_Stage_LoadAndCompileRules(benchmark::State& state) {
  const Workload& w = workload(10'000);
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto loaded = basis::load_rules(std::span<const std::string>(&w.rules, 1), diags);
    auto program = loaded ? basis::compile_rules(*loaded, diags) : nullptr;
    benchmark::DoNotOptimize(program.get());
  }
}

void BM_Stage_Evaluate(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    basis::Diagnostics diags;
    basis::RuleEvaluation ev = basis::evaluate(*p.program, *p.estimate, nullptr, diags);
    benchmark::DoNotOptimize(ev.rules().data());
  }
}

void BM_Stage_EvaluateAndBuild(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    basis::Diagnostics diags;
    basis::ExplainRequest request;
    request.estimate = p.estimate.get();
    request.program = p.program.get();
    request.style = "analytical";
    auto explanation = basis::build_explanation(request, diags);
    benchmark::DoNotOptimize(explanation);
  }
}

void BM_Stage_RenderHtml(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::string html = basis::render_html(*p.explanation);
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_KB"] =
      static_cast<double>(basis::render_html(*p.explanation).size()) / 1024.0;
}

}  // namespace

// The risks section's simulation alone (part of the build stage): simulate_risk as the
// explanation runs it, one thread, the default seed and explanation_risk_iterations (1,000
// for the 2,459 three-point values of the 10,000-item workload).
void BM_Stage_RiskSection(benchmark::State& state) {
  Prepared& p = prepared(static_cast<std::size_t>(state.range(0)));
  if (!p.explanation->risk_simulation) {
    state.SkipWithError("the workload has no three-point values");
    return;
  }
  basis::RiskSettings settings;
  settings.iterations = p.explanation->risk_simulation->iterations;
  settings.threads = 1;
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto summary = basis::simulate_risk(*p.estimate, settings, diags);
    benchmark::DoNotOptimize(summary);
  }
  state.counters["iterations"] = static_cast<double>(settings.iterations);
  state.counters["three_point_values"] =
      static_cast<double>(p.explanation->risk_simulation->three_point_values);
}

BENCHMARK(BM_ExplainHtml)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_LoadEstimate)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_ComputeEstimate)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_LoadAndCompileRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_Evaluate)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_EvaluateAndBuild)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_RenderHtml)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_RiskSection)->Arg(10'000)->Unit(benchmark::kMillisecond);
