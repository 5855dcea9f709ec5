// The risk simulation: 100,000 iterations over 1,000 three-point items (PERT and triangular)
// on 1 and 2 threads. items/s counts sampled three-point values. Target: under 1 s on
// 2 cores for PERT.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/risk.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace {

constexpr std::uint64_t kIterations = 100'000;
constexpr std::size_t kItems = 1'000;

// 1,000 items with three-point hours on a rate card, a three-adjustment build-up
// (overhead, contingency on the subtotal, a fixed discount) and three risks, generated with
// the project's SplitMix64 so that every run measures the same estimate.
std::string three_point_estimate(std::size_t items, const char* method) {
  std::string out = fmt::format(
      R"({{"basis": "estimate/1", "id": "RISK-BENCH", "currency": "USD", "three_point": "{}",
 "rates": {{"senior": 175.50, "engineer": 130, "tester": 98}},
 "adjustments": [
  {{"id": "overhead", "kind": "overhead", "percent": "8%"}},
  {{"id": "contingency", "kind": "contingency", "percent": "10%", "base": "subtotal"}},
  {{"id": "discount", "kind": "discount", "amount": -2500}}],
 "risks": [
  {{"id": "R1", "title": "one", "probability": "30%", "impact": 24000}},
  {{"id": "R2", "title": "two", "probability": "10%", "impact": 90000}},
  {{"id": "R3", "title": "three", "probability": "55%", "impact": 5000}}],
 "items": [
)",
      method);
  std::uint64_t state = 1;
  const char* rates[] = {"senior", "engineer", "tester"};
  for (std::size_t i = 0; i < items; ++i) {
    const std::uint64_t r = basis::risk::splitmix64(state);
    const unsigned likely = 20 + static_cast<unsigned>(r % 200);
    const unsigned low = likely - static_cast<unsigned>((r >> 16) % (likely / 2 + 1));
    const unsigned high = likely + 1 + static_cast<unsigned>((r >> 32) % (likely + 1));
    out += fmt::format(
        R"(  {{"id": "IT-{:04}", "name": "work package", "hours": {{"low": {}, "likely": {}, "high": {}}}, "rate": "{}"}}{})",
        i + 1, low, likely, high, rates[(r >> 48) % 3], i + 1 < items ? ",\n" : "\n");
  }
  return out + " ]}\n";
}

const basis::Estimate& estimate(const char* method) {
  static std::map<std::string, std::unique_ptr<basis::Estimate>> cache;
  auto& slot = cache[method];
  if (!slot) {
    basis::Diagnostics diags;
    auto source = std::make_shared<const basis::SourceText>("risk-bench.json",
                                                            three_point_estimate(kItems, method));
    auto syntax = basis::load_estimate_text(source, "json", diags);
    auto computed = syntax ? basis::compute_estimate(std::move(*syntax), diags) : std::nullopt;
    if (!computed) {
      fmt::print(stderr, "{}", basis::format_diagnostics(diags));
      std::abort();
    }
    slot = std::make_unique<basis::Estimate>(std::move(*computed));
  }
  return *slot;
}

void run(benchmark::State& state, const char* method) {
  const basis::Estimate& e = estimate(method);
  basis::RiskSettings settings;
  settings.iterations = kIterations;
  settings.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto summary = basis::simulate_risk(e, settings, diags);
    if (!summary) {
      state.SkipWithError("simulation failed");
      return;
    }
    benchmark::DoNotOptimize(summary->percentiles);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kIterations * kItems));
}

void BM_RiskPert(benchmark::State& state) {
  run(state, "pert");
}
void BM_RiskTriangular(benchmark::State& state) {
  run(state, "triangular");
}

BENCHMARK(BM_RiskPert)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_RiskTriangular)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace
