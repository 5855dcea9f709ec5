#pragma once
// The estimate as the risk simulation computes it: in doubles counting rounding steps
// (cents for USD), so that every amount the engine rounds is a whole number and sums of them
// are exact. Only the items with a three-point figure are recomputed per iteration; every
// other item's exact amount is folded into constants once.

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "basis/engine/estimate.hpp"
#include "risk_sampling.hpp"

namespace basis::risk::detail {

// A cost figure of an uncertain item: its expected value, and the sampler that draws it
// (none for a figure given as one number).
struct Figure {
  double expected = 1;
  int sampler = -1;
};

struct UncertainItem {
  std::size_t item = 0;                   // index into Estimate::items
  Figure first, second;                   // hours x rate, quantity x unit_cost, or amount x 1
  std::vector<std::uint32_t> covered_by;  // indices into Model::fixed_applies
};

// One adjustment, in file order.
struct AdjustmentStep {
  enum class Base : std::uint8_t { fixed, direct, subtotal, applies_to };
  Base base = Base::fixed;
  // A percentage as numerator / denominator (12.5% = 125 / 1000): the product with a whole
  // number of steps is then exact, and so is the half-way case the engine rounds away from
  // zero.
  double numerator = 0, denominator = 1;
  double fixed_steps = 0;
  std::uint32_t applies = 0;  // for applies_to: index into Model::fixed_applies
  bool contingency = false;
};

struct RiskEventModel {
  double probability = 0;
  double impact_steps = 0;
};

// Half away from zero, like std::round, without a library call in the hot loop (x86-64's
// baseline has no rounding instruction). Exact: below 2^52 the fraction x - trunc(x) is exact,
// and from 2^52 on every double is whole.
inline double round_half_away(double x) {
  if (!(std::abs(x) < 0x1.0p52)) return x;
  const double whole = static_cast<double>(static_cast<std::int64_t>(x));
  const double rest = x - whole;
  // Without branches: which way a sampled amount rounds is a coin toss for the predictor.
  return whole + static_cast<double>(rest >= 0.5) - static_cast<double>(rest <= -0.5);
}

// Money in steps: the amount of an item is rounded half away from zero to a whole step.
struct StepScale {
  double step = 0.01;     // the step in money
  double multiplier = 0;  // 1 / step when that is a whole number (100 for cents), else 0
  double to_steps(double money) const {
    return round_half_away(multiplier != 0 ? money * multiplier : money / step);
  }
};

struct Model {
  std::vector<ThreePointSampler> samplers;
  std::vector<UncertainItem> items;
  double fixed_direct = 0;            // steps: the items without a three-point figure
  std::vector<double> fixed_applies;  // steps: per applies_to base, its items without one
  std::vector<AdjustmentStep> adjustments;
  std::vector<RiskEventModel> risks;
  StepScale scale;

  // Direct cost to total, as compute_adjustments does it, in steps. `applies` points at the
  // first applies_to base; the next one is `stride` further.
  double finish(double direct, const double* applies, std::size_t stride,
                bool with_contingency) const {
    double running = direct;
    for (const AdjustmentStep& a : adjustments) {
      if (a.contingency && !with_contingency) continue;
      double amount = a.fixed_steps;
      switch (a.base) {
        case AdjustmentStep::Base::fixed:
          break;
        case AdjustmentStep::Base::direct:
          amount = round_half_away(a.numerator * direct / a.denominator);
          break;
        case AdjustmentStep::Base::subtotal:
          amount = round_half_away(a.numerator * running / a.denominator);
          break;
        case AdjustmentStep::Base::applies_to:
          amount = round_half_away(a.numerator * applies[a.applies * stride] / a.denominator);
          break;
      }
      running += amount;
    }
    return running;
  }
};

// The largest whole number of steps the simulation trusts: doubles are exact integers below
// 2^53; a margin keeps sums of such amounts exact too.
inline constexpr double kMaxSteps = 0x1.0p50;

// Reports what cannot be simulated (amounts beyond kMaxSteps) and gives nullopt.
std::optional<Model> build_model(const Estimate& estimate, Diagnostics& diags);

// An exact amount in whole steps (the amount must be a multiple of the step); nullopt when it
// is too large.
std::optional<double> whole_steps(Decimal amount, Decimal step);

}  // namespace basis::risk::detail
