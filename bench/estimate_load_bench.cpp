// Loading and totalling large estimates: the path `basis totals` takes on a 100,000-item
// CSV or JSON file (read, parse, check, compute every amount and total, group, render).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "basis/core/diagnostic.hpp"
#include "basis/core/file_io.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/totals_report.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/render/totals.hpp"
#include "generate.hpp"

namespace {

std::filesystem::path bench_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / "basis-bench";
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

std::string prepare(std::size_t items, const std::string& format) {
  auto dir = bench_dir();
  std::string error;
  std::string name = "items-" + std::to_string(items);
  if (format == "csv") {
    basis::write_file_atomically((dir / (name + ".csv")).string(),
                                 basis::bench::generate_csv_items(items), error);
    basis::write_file_atomically((dir / (name + ".yaml")).string(),
                                 basis::bench::generate_yaml_wrapper(name + ".csv"), error);
    return (dir / (name + ".yaml")).string();
  }
  basis::write_file_atomically((dir / (name + ".json")).string(),
                               basis::bench::generate_json_estimate(items), error);
  return (dir / (name + ".json")).string();
}

void run_totals(benchmark::State& state, const std::string& format) {
  const auto items = static_cast<std::size_t>(state.range(0));
  const std::string path = prepare(items, format);
  for (auto _ : state) {
    basis::Diagnostics diags;
    auto syntax = basis::load_estimate(path, diags);
    if (!syntax) {
      state.SkipWithError("load failed");
      return;
    }
    auto estimate = basis::compute_estimate(std::move(*syntax), diags);
    if (!estimate) {
      state.SkipWithError("compute failed");
      return;
    }
    auto report = basis::build_totals_report(*estimate, "category");
    std::string text = basis::render_totals_text(*estimate, report);
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
}

void BM_TotalsCsv(benchmark::State& state) {
  run_totals(state, "csv");
}
void BM_TotalsJson(benchmark::State& state) {
  run_totals(state, "json");
}

BENCHMARK(BM_TotalsCsv)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TotalsJson)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
