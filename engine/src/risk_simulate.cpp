// The Monte Carlo run: blocks of iterations, each with its own random stream, shared out to
// threads and written to fixed slots, so the result is the same on any number of threads;
// then percentiles, histogram and the summary in exact money.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/risk.hpp"
#include "risk_model.hpp"

namespace basis {

namespace {

using risk::RandomStream;
using risk::detail::Figure;
using risk::detail::Model;

// Per-thread buffers, one value per iteration of a block.
struct Scratch {
  std::vector<double> direct, applies, first, second, risks;
  void reserve(std::size_t block, std::size_t bases) {
    direct.resize(block);
    applies.resize(block * (bases + 1));
    first.resize(block);
    second.resize(block);
    risks.resize(block);
  }
};

void draw(const Model& model, const Figure& figure, RandomStream& rng, double* out,
          std::size_t count) {
  if (figure.sampler < 0) {
    std::fill(out, out + count, figure.expected);
    return;
  }
  const risk::detail::ThreePointSampler& sampler =
      model.samplers[static_cast<std::size_t>(figure.sampler)];
  // A local stream whose address is never taken stays in registers through the loop.
  RandomStream local = rng;
  if (sampler.kind == risk::detail::ThreePointSampler::Kind::pert) {
    for (std::size_t t = 0; t < count; ++t) out[t] = sampler.sample(local);
  } else {
    for (std::size_t t = 0; t < count; ++t) out[t] = sampler.sample(local);
  }
  rng = local;
}

// One block: item by item (each figure drawn for every iteration of the block), then the
// risks, then each iteration's adjustments. The order of draws is fixed, so a block's
// totals depend only on the seed and the block's index.
void run_block(const Model& model, std::uint64_t seed, std::uint64_t block, std::size_t count,
               double* out, Scratch& s) {
  RandomStream rng = RandomStream::for_block(seed, block);
  std::fill(s.direct.begin(), s.direct.begin() + static_cast<std::ptrdiff_t>(count),
            model.fixed_direct);
  for (std::size_t k = 0; k < model.fixed_applies.size(); ++k) {
    std::fill(s.applies.begin() + static_cast<std::ptrdiff_t>(k * count),
              s.applies.begin() + static_cast<std::ptrdiff_t>((k + 1) * count),
              model.fixed_applies[k]);
  }
  for (const risk::detail::UncertainItem& item : model.items) {
    draw(model, item.first, rng, s.first.data(), count);
    draw(model, item.second, rng, s.second.data(), count);
    for (std::size_t t = 0; t < count; ++t) {
      const double amount = model.scale.to_steps(s.first[t] * s.second[t]);
      s.direct[t] += amount;
      s.first[t] = amount;
    }
    for (std::uint32_t k : item.covered_by) {
      double* base = s.applies.data() + k * count;
      for (std::size_t t = 0; t < count; ++t) base[t] += s.first[t];
    }
  }
  std::fill(s.risks.begin(), s.risks.begin() + static_cast<std::ptrdiff_t>(count), 0.0);
  for (const risk::detail::RiskEventModel& event : model.risks) {
    for (std::size_t t = 0; t < count; ++t) {
      if (rng.uniform() < event.probability) s.risks[t] += event.impact_steps;
    }
  }
  for (std::size_t t = 0; t < count; ++t) {
    out[t] = model.finish(s.direct[t], s.applies.data() + t, count, false) + s.risks[t];
  }
}

// Every iteration's total in steps, in iteration order.
std::vector<double> run_all(const Model& model, const RiskSettings& settings) {
  const std::uint64_t n = settings.iterations;
  const std::uint64_t blocks = (n + kRiskBlockIterations - 1) / kRiskBlockIterations;
  std::vector<double> totals(n);

  unsigned threads = settings.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, blocks));
  std::vector<Scratch> scratch(threads);
  for (Scratch& s : scratch) s.reserve(kRiskBlockIterations, model.fixed_applies.size());

  std::atomic<std::uint64_t> next{0};
  std::mutex progress_mutex;
  std::uint64_t done = 0;
  auto work = [&](Scratch& s) {
    for (;;) {
      const std::uint64_t block = next.fetch_add(1);
      if (block >= blocks) return;
      const std::uint64_t first = block * kRiskBlockIterations;
      const auto count = static_cast<std::size_t>(std::min(kRiskBlockIterations, n - first));
      run_block(model, settings.seed, block, count, totals.data() + first, s);
      if (settings.progress) {
        std::lock_guard lock(progress_mutex);
        done += count;
        settings.progress(done, n);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) {
    try {
      pool.emplace_back(work, std::ref(scratch[i]));
    } catch (const std::system_error&) {
      break;  // fewer threads: the blocks left are run below, with the same result
    }
  }
  work(scratch[0]);
  for (std::thread& t : pool) t.join();
  return totals;
}

// Whole steps to money.
std::optional<Decimal> money(double steps, Decimal step) {
  if (!std::isfinite(steps) || std::abs(steps) >= risk::detail::kMaxSteps) return std::nullopt;
  return mul(Decimal::from_int(static_cast<std::int64_t>(steps)), step);
}

// part / whole in tenths of a percent, half away from zero; nullopt unless whole > 0.
std::optional<std::int64_t> tenths_of(Decimal part, Decimal whole) {
  if (whole.sign() <= 0) return std::nullopt;
  auto ratio = div(part, whole);
  if (!ratio) return std::nullopt;
  auto tenths = mul(*ratio, Decimal::from_int(1000));
  if (!tenths) return std::nullopt;
  auto rounded = tenths->round(0);
  if (!rounded) return std::nullopt;
  return rounded->to_int64();
}

// The smallest of 1, 2, 5 x 10^k steps that splits [low, high] into at most 20 bins.
double bin_width(double low, double high) {
  const double raw = (high - low) / 20.0;
  for (double magnitude = 1;; magnitude *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * magnitude >= raw) return m * magnitude;
    }
  }
}

bool build_histogram(const std::vector<double>& sorted, Decimal step,
                     std::vector<RiskHistogramBin>& bins) {
  const double low = sorted.front(), high = sorted.back();
  if (low == high) {
    auto value = money(low, step);
    if (!value) return false;
    bins.push_back({*value, *value, sorted.size()});
    return true;
  }
  const double width = bin_width(low, high);
  const double start = std::floor(low / width) * width;
  const auto count = static_cast<std::size_t>(std::floor((high - start) / width)) + 1;
  std::vector<std::uint64_t> counts(count, 0);
  for (double x : sorted) {
    auto i = static_cast<std::size_t>(std::floor((x - start) / width));
    counts[std::min(i, count - 1)] += 1;
  }
  for (std::size_t i = 0; i < count; ++i) {
    auto from = money(start + static_cast<double>(i) * width, step);
    auto to = money(start + static_cast<double>(i + 1) * width, step);
    if (!from || !to) return false;
    bins.push_back({*from, *to, counts[i]});
  }
  return true;
}

bool check_settings(const Estimate& estimate, const RiskSettings& settings, Diagnostics& diags) {
  if (settings.iterations >= 1 && settings.iterations <= kMaxRiskIterations) return true;
  diags.error(estimate.syntax.source, SourcePos{},
              fmt::format("the number of iterations must be between 1 and {}, found {}",
                          kMaxRiskIterations, settings.iterations));
  return false;
}

}  // namespace

std::optional<RiskSummary> simulate_risk(const Estimate& estimate, const RiskSettings& settings,
                                         Diagnostics& diags) {
  if (!check_settings(estimate, settings, diags)) return std::nullopt;
  auto model = risk::detail::build_model(estimate, diags);
  if (!model) return std::nullopt;
  auto base = total_without_contingency(estimate, diags);
  if (!base) return std::nullopt;
  const Decimal step = estimate.rounding_step;
  auto overflow = [&] {
    diags.error(estimate.syntax.source, SourcePos{},
                "a simulated total is too large for the risk simulation");
    return std::nullopt;
  };

  RiskSummary summary;
  summary.iterations = settings.iterations;
  summary.seed = settings.seed;
  summary.method = estimate.syntax.three_point;
  summary.three_point_values = model->samplers.size();
  summary.uncertain_items = model->items.size();
  for (const risk::detail::UncertainItem& item : model->items) {
    summary.uncertain_item_indices.push_back(item.item);
  }
  for (const RiskSyntax& risk : estimate.syntax.risks) {
    if (!risk.probability || !risk.impact) {
      summary.risks_not_simulated.push_back(&risk);
      continue;
    }
    RiskEvent event;
    event.syntax = &risk;
    event.probability = *risk.probability;
    event.impact = *risk.impact;
    auto expected = mul(event.probability, event.impact);
    if (expected) expected = expected->round_to_step(step);
    std::optional<Decimal> sum;
    if (expected) sum = add(summary.expected_risk_cost, *expected);
    if (!sum) return overflow();
    event.expected_value = *expected;
    summary.expected_risk_cost = *sum;
    summary.risks.push_back(event);
  }
  summary.base = *base;
  summary.estimate_total = estimate.totals.total;
  auto contingency = sub(summary.estimate_total, summary.base);
  if (!contingency) return overflow();
  summary.contingency = *contingency;
  summary.contingency_tenths = tenths_of(summary.contingency, summary.base);

  std::vector<double> sorted = run_all(*model, settings);
  double sum = 0;  // in iteration order, before sorting: the same sum on any thread count
  for (double x : sorted) {
    if (!std::isfinite(x) || std::abs(x) >= risk::detail::kMaxSteps) return overflow();
    sum += x;
  }
  std::sort(sorted.begin(), sorted.end());

  for (int percent : kRiskPercentiles) {
    RiskPercentile p;
    p.percent = percent;
    auto total = money(sorted[nearest_rank(sorted.size(), percent) - 1], step);
    auto implied = total ? sub(*total, summary.base) : std::nullopt;
    if (!implied) return overflow();
    p.total = *total;
    p.contingency = *implied;
    p.contingency_tenths = tenths_of(p.contingency, summary.base);
    summary.percentiles.push_back(p);
  }
  auto mean = money(std::round(sum / static_cast<double>(sorted.size())), step);
  auto minimum = money(sorted.front(), step);
  auto maximum = money(sorted.back(), step);
  if (!mean || !minimum || !maximum) return overflow();
  summary.mean = *mean;
  summary.minimum = *minimum;
  summary.maximum = *maximum;
  const Decimal p80 = summary.percentile(80)->total;
  summary.contingency_reaches_p80 = summary.estimate_total >= p80;
  auto margin = sub(summary.estimate_total, p80);
  if (!margin) return overflow();
  summary.p80_margin = *margin;

  // The estimate's total is a whole number of steps, like every simulated total.
  auto total_steps = risk::detail::whole_steps(summary.estimate_total, step);
  if (!total_steps) return overflow();
  const auto covered = static_cast<std::uint64_t>(
      std::upper_bound(sorted.begin(), sorted.end(), *total_steps) - sorted.begin());
  const std::uint64_t n = sorted.size();
  summary.estimate_total_confidence_tenths =
      static_cast<std::int64_t>((covered * 2000 + n) / (2 * n));
  if (!build_histogram(sorted, step, summary.histogram)) return overflow();
  return summary;
}

}  // namespace basis
