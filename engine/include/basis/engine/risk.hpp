#pragma once
// Risk simulation (`basis risk`): Monte Carlo over every three-point value of an estimate and
// its risk register, giving the P10 / P50 / P80 / P90 of the total and the contingency each
// implies.
//
// This is the one place in basis where binary floating point touches money: each iteration
// samples doubles, rounds every item and adjustment amount to the estimate's step (as the
// engine does with Decimal) and adds them up. The figures shown are converted back to
// Decimal and rounded to the step; the base, the estimate's total and its contingency stay
// exact. See docs/risk.md.
//
// The random numbers are made here, not by the standard library (whose distributions differ
// between implementations): xoshiro256** seeded through SplitMix64, one stream per block of
// kRiskBlockIterations iterations, so that a seed gives the same result on any number of
// threads.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"

namespace basis {

inline constexpr std::uint64_t kDefaultRiskIterations = 10'000;
inline constexpr std::uint64_t kDefaultRiskSeed = 1;
inline constexpr std::uint64_t kMaxRiskIterations = 10'000'000;
// Iterations drawn from one random stream. Part of what a seed means: changing it changes
// every result.
inline constexpr std::uint64_t kRiskBlockIterations = 1024;
// The percentiles reported, in this order.
inline constexpr std::array<int, 4> kRiskPercentiles = {10, 50, 80, 90};

struct RiskSettings {
  std::uint64_t iterations = kDefaultRiskIterations;  // 1 .. kMaxRiskIterations
  std::uint64_t seed = kDefaultRiskSeed;
  unsigned threads = 0;  // 0: one per hardware thread. Never changes the result.
  // Called after each block with the iterations done so far, from whichever thread finished
  // the block (never two calls at once). For progress bars; may be empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct RiskPercentile {
  int percent = 0;      // 10, 50, 80, 90
  Decimal total;        // the simulated total at this percentile, rounded to the step
  Decimal contingency;  // total - base: the contingency this percentile implies
  // contingency / base in tenths of a percent (rounded half away from zero); nullopt when
  // the base is not positive.
  std::optional<std::int64_t> contingency_tenths;
};

struct RiskHistogramBin {
  Decimal from, to;  // [from, to); from == to when every iteration gave the same total
  std::uint64_t count = 0;
};

// A risk of the register that was simulated: it occurs with `probability` and then costs
// `impact`.
struct RiskEvent {
  const RiskSyntax* syntax = nullptr;
  Decimal probability;  // fraction: 0.3
  Decimal impact;
  Decimal expected_value;  // probability x impact, rounded to the step
};

struct RiskSummary {
  std::uint64_t iterations = 0;
  std::uint64_t seed = 0;
  ThreePointMethod method = ThreePointMethod::pert;
  std::size_t three_point_values = 0;               // figures with low < high, each sampled
  std::size_t uncertain_items = 0;                  // items with at least one such figure
  std::vector<std::size_t> uncertain_item_indices;  // into Estimate::items, in file order
  std::vector<RiskEvent> risks;                     // in register order
  // Risks without a probability or an impact: listed, not simulated.
  std::vector<const RiskSyntax*> risks_not_simulated;
  Decimal expected_risk_cost;  // sum of the risks' expected values

  // Exact figures of the estimate itself.
  Decimal base;                                    // the total without `contingency` adjustments
  Decimal estimate_total;                          // the estimate's total
  Decimal contingency;                             // estimate_total - base
  std::optional<std::int64_t> contingency_tenths;  // contingency / base, tenths of a percent

  // Simulated figures, rounded to the step.
  std::vector<RiskPercentile> percentiles;  // kRiskPercentiles, in order
  Decimal mean, minimum, maximum;
  // The estimate's contingency reaches P80: estimate_total >= P80 total.
  bool contingency_reaches_p80 = false;
  Decimal p80_margin;  // estimate_total - P80 total: what is left over (or missing, < 0)
  // Share of iterations whose total is at or below the estimate's total, in tenths of a
  // percent: the confidence the estimate's price gives.
  std::int64_t estimate_total_confidence_tenths = 0;
  // At most 21 bins of one width (1, 2 or 5 x 10^k rounding steps) from below the minimum
  // to above the maximum; bins may be empty.
  std::vector<RiskHistogramBin> histogram;

  // Whether anything was sampled: without three-point values or risks every iteration
  // gives the base.
  bool uncertain() const { return three_point_values > 0 || !risks.empty(); }
  const RiskPercentile* percentile(int percent) const;
};

// What one iteration simulates: every three-point value drawn from its distribution (PERT
// beta, or triangular with `three_point: triangular`), each item's amount and every
// adjustment recomputed and rounded as the engine does, except the `contingency`
// adjustments (the contingency is what the simulation sizes), plus the impact of each risk
// that occurs. Items an `applies_to` adjustment covers are those it covered in the estimate.
//
// Errors (settings out of range, figures too large for the simulation) are reported to
// `diags` and give nullopt. The estimate must come from compute_estimate.
std::optional<RiskSummary> simulate_risk(const Estimate& estimate, const RiskSettings& settings,
                                         Diagnostics& diags);

// The estimate's total without its `contingency` adjustments, recomputed exactly (a later
// adjustment on `base: subtotal` then applies to the subtotal without contingency). The
// estimate's total itself when it has no contingency adjustment. nullopt on overflow.
std::optional<Decimal> total_without_contingency(const Estimate& estimate, Diagnostics& diags);

// The simulation's floating-point path evaluated with every three-point value at its expected
// value and no risk event, for checks and tests.
//
// `total` and `base` form each uncertain item's amount from its expected figures in doubles,
// as an iteration does. They match the engine to the cent except where an amount lands
// exactly on half a step: the engine then rounds by the 20th decimal place of the expected
// value ((l + 4m + h) / 6 is rarely a finite decimal), the doubles by their own last bit; each
// such item can differ by one step (`items_off_by_a_step` counts them).
// `*_from_engine_amounts` take the engine's exact item amounts instead and reproduce the
// estimate's total (with contingency) and base (without) exactly: the adjustments are
// mirrored, not approximated.
struct RiskExpectedTotals {
  double total = 0;
  double base = 0;
  double total_from_engine_amounts = 0;
  double base_from_engine_amounts = 0;
  std::size_t items_off_by_a_step = 0;
  std::size_t items_off_by_more = 0;  // always 0 unless the model is wrong
};
std::optional<RiskExpectedTotals> risk_totals_at_expected_values(const Estimate& estimate,
                                                                 Diagnostics& diags);

// Nearest-rank percentile: the 1-based rank ceil(percent / 100 x count), at least 1, of
// `count` sorted values (count > 0, percent 1..100).
std::uint64_t nearest_rank(std::uint64_t count, int percent);

namespace risk {

// xoshiro256** (Blackman and Vigna), hand-written so that a seed means the same numbers
// with every compiler and standard library.
class RandomStream {
 public:
  explicit RandomStream(std::array<std::uint64_t, 4> state);
  // The stream of one block of iterations: SplitMix64 of the seed and the block index.
  static RandomStream for_block(std::uint64_t seed, std::uint64_t block);

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // (0, 1]: safe to take the logarithm of.
  double uniform_open() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_;
};

// SplitMix64's output function of one state step.
std::uint64_t splitmix64(std::uint64_t& state);

// Hand-written samplers (no std:: distribution): the same bits in, the same value out.
double standard_normal(RandomStream& rng);           // ziggurat, 128 layers
double gamma(RandomStream& rng, double shape);       // Marsaglia-Tsang; shape >= 1
double beta(RandomStream& rng, double a, double b);  // X / (X + Y) of two gammas; a, b >= 1
// PERT: low + (high - low) x Beta(1 + 4 (likely - low) / (high - low), 1 + 4 (high - likely)
// / (high - low)); mean (low + 4 likely + high) / 6.
double pert(RandomStream& rng, double low, double likely, double high);
// Triangular by inverting its distribution function; mean (low + likely + high) / 3.
double triangular(RandomStream& rng, double low, double likely, double high);

// exp and log from + - x / only (and exact bit operations), so that they give the same
// bits everywhere; within a few units in the last place of the true value.
double exp(double x);
double log(double x);

}  // namespace risk

}  // namespace basis
