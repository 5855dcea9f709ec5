// The rules engine: conditions evaluated per second over generated items (items/s is
// condition evaluations per second), a whole rule library over a large estimate, and
// loading + checking + compiling 1,000 generated rules.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include <fmt/format.h>

#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "generate.hpp"

namespace {

const basis::Estimate& large_estimate(std::size_t items) {
  static std::map<std::size_t, std::unique_ptr<basis::Estimate>> cache;
  auto& slot = cache[items];
  if (!slot) {
    basis::Diagnostics diags;
    auto source = std::make_shared<const basis::SourceText>(
        "generated.json", basis::bench::generate_json_estimate(items));
    auto syntax = basis::load_estimate_text(source, "json", diags);
    auto estimate = syntax ? basis::compute_estimate(std::move(*syntax), diags) : std::nullopt;
    if (!estimate) {
      fmt::print(stderr, "{}", basis::format_diagnostics(diags));
      std::abort();
    }
    slot = std::make_unique<basis::Estimate>(std::move(*estimate));
  }
  return *slot;
}

std::optional<basis::LoadedRules> rules_from_text(const std::string& text,
                                                  basis::Diagnostics& diags) {
  auto source = std::make_shared<const basis::SourceText>("bench.yaml", text);
  auto file = basis::load_ruleset_text(source, diags);
  if (!file) return std::nullopt;
  basis::LoadedRules rules;
  rules.files.push_back(std::move(*file));
  return rules;
}

std::shared_ptr<const basis::RuleProgram> metric_program(const std::string& expression) {
  basis::Diagnostics diags;
  auto rules = rules_from_text(
      "basis: rules/1\nruleset: bench\ndefine:\n  m: '" + expression + "'\n", diags);
  auto program = rules ? basis::compile_rules(*rules, diags) : nullptr;
  if (!program) {
    fmt::print(stderr, "{}", basis::format_diagnostics(diags));
    std::abort();
  }
  return program;
}

// Evaluates one metric (a filter over every item) again and again on one evaluation: the
// field columns are built once, as in real use, and each iteration runs the condition on
// every item.
void run_condition(benchmark::State& state, const std::string& expression) {
  const auto items = static_cast<std::size_t>(state.range(0));
  const basis::Estimate& estimate = large_estimate(items);
  auto program = metric_program(expression);
  basis::Diagnostics diags;
  basis::EvalOptions options;
  options.limits.max_steps = UINT64_MAX;
  basis::RuleEvaluation ev = basis::evaluate(*program, estimate, nullptr, diags, options);
  const basis::CompiledExpr expr =
      program->find_expression(program->rules().find_metric("m")->expression.syntax.get());
  basis::RuleValue result;
  for (auto _ : state) {
    result = ev.evaluate(expr, {}, diags);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
  state.SetLabel(ev.describe(result));
}

void BM_SimpleComparison(benchmark::State& state) {
  run_condition(state, "count(items where hours > 100)");
}
void BM_InList(benchmark::State& state) {
  run_condition(state, "count(items where category in [\"design\", \"testing\", \"materials\"])");
}
void BM_TextEquality(benchmark::State& state) {
  run_condition(state, "count(items where category == \"testing\")");
}
void BM_AggregateWithFilter(benchmark::State& state) {
  run_condition(state, "sum(items.amount where category == \"testing\" and hours > 50)");
}
void BM_ArithmeticCondition(benchmark::State& state) {
  run_condition(state, "count(items where hours * rate > 20000 or amount < 500)");
}

// A whole evaluation: context, field columns, every metric and rule of the shipped
// software rule set.
void BM_SoftwareRuleSet(benchmark::State& state) {
  const auto items = static_cast<std::size_t>(state.range(0));
  const basis::Estimate& estimate = large_estimate(items);
  basis::Diagnostics diags;
  const std::string path = std::string(BASIS_SOURCE_DIR) + "/rules/software-delivery.yaml";
  auto loaded = basis::load_rules(std::span<const std::string>(&path, 1), diags);
  auto program = loaded ? basis::compile_rules(*loaded, diags) : nullptr;
  if (!program) {
    state.SkipWithError("rules did not compile");
    return;
  }
  for (auto _ : state) {
    basis::Diagnostics run;
    basis::RuleEvaluation ev = basis::evaluate(*program, estimate, nullptr, run);
    benchmark::DoNotOptimize(ev.rules().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
}

std::string generated_rules(std::size_t count) {
  std::string out = "basis: rules/1\nruleset: generated\ndefine:\n";
  for (std::size_t m = 0; m < 50; ++m) {
    out += fmt::format("  cost_{0}: sum(items.amount where category == \"cat{0}\")\n", m);
    out += fmt::format("  share_{0}: share(cost_{0}, totals.direct)\n", m);
  }
  out += "rules:\n";
  for (std::size_t r = 0; r < count; ++r) {
    const std::size_t m = r % 50;
    out += fmt::format(
        "  - id: rule-{0}\n"
        "    title: Generated rule {0}\n"
        "    section: drivers\n"
        "    priority: {1}\n"
        "    group: tier-{2}\n"
        "    when: share_{3} >= {1}% and estimate.client.industry in [\"retail\", \"finance\"]\n"
        "    explains: items where category == \"cat{3}\" and hours > {1}\n"
        "    text: >\n"
        "      Category {3} is {{{{ cost_{3} | money }}}} ({{{{ share_{3} | percent }}}}) over\n"
        "      {{{{ count(items where category == \"cat{3}\") | plural(\"line\") }}}}.\n"
        "      {{% if share_{3} > 20% %}}It is a large part.{{% else %}}It is small.{{% endif %}}\n"
        "    questions:\n"
        "      - Is {{{{ lower(estimate.client.name ?? \"the client\") }}}} able to confirm "
        "category {3}?\n",
        r, r % 40, r / 3, m);
  }
  return out;
}

void BM_CompileRules(benchmark::State& state) {
  const std::string text = generated_rules(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto rules = rules_from_text(text, diags);
    auto program = rules ? basis::compile_rules(*rules, diags) : nullptr;
    if (!program) {
      state.SkipWithError(basis::format_diagnostics(diags).c_str());
      return;
    }
    benchmark::DoNotOptimize(program.get());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * state.range(0)));
}

void BM_CompileOnly(benchmark::State& state) {
  const std::string text = generated_rules(static_cast<std::size_t>(state.range(0)));
  basis::Diagnostics diags;
  auto rules = rules_from_text(text, diags);
  if (!rules) {
    state.SkipWithError("rules did not load");
    return;
  }
  for (auto _ : state) {
    basis::Diagnostics d;
    auto program = basis::compile_rules(*rules, d);
    benchmark::DoNotOptimize(program.get());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * state.range(0)));
}

}  // namespace

BENCHMARK(BM_SimpleComparison)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InList)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextEquality)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AggregateWithFilter)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ArithmeticCondition)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SoftwareRuleSet)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileRules)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileOnly)->Arg(1000)->Unit(benchmark::kMillisecond);
