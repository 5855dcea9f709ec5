// The random streams and the public entry points of the samplers (the simulation itself
// uses the inline ones in risk_sampling.hpp).

#include "basis/engine/risk.hpp"
#include "risk_sampling.hpp"

namespace basis::risk {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

RandomStream::RandomStream(std::array<std::uint64_t, 4> state) : s_(state) {
  // xoshiro's one forbidden state: it would give zeros forever.
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 0x9E3779B97F4A7C15ULL;
}

RandomStream RandomStream::for_block(std::uint64_t seed, std::uint64_t block) {
  // The seed is mixed first so that neighbouring seeds and neighbouring blocks do not give
  // related states; the odd multiplier keeps distinct blocks distinct.
  std::uint64_t outer = seed;
  const std::uint64_t key = splitmix64(outer);
  std::uint64_t inner = key ^ (block * 0xD1B54A32D192ED03ULL);
  std::array<std::uint64_t, 4> state{};
  for (std::uint64_t& word : state) word = splitmix64(inner);
  return RandomStream(state);
}

double standard_normal(RandomStream& rng) {
  return detail::normal(rng);
}

double gamma(RandomStream& rng, double shape) {
  return detail::gamma(rng, detail::GammaShape::of(shape));
}

double beta(RandomStream& rng, double a, double b) {
  const double x = gamma(rng, a);
  const double y = gamma(rng, b);
  return x / (x + y);
}

double pert(RandomStream& rng, double low, double likely, double high) {
  if (!(low < high)) return likely;
  return detail::ThreePointSampler::make(detail::ThreePointSampler::Kind::pert, low, likely, high)
      .sample(rng);
}

double triangular(RandomStream& rng, double low, double likely, double high) {
  if (!(low < high)) return likely;
  return detail::ThreePointSampler::make(detail::ThreePointSampler::Kind::triangular, low, likely,
                                         high)
      .sample(rng);
}

double exp(double x) {
  return detail::exp(x);
}

double log(double x) {
  return detail::log(x);
}

}  // namespace basis::risk

namespace basis {

std::uint64_t nearest_rank(std::uint64_t count, int percent) {
  if (count == 0) return 0;
  if (percent < 1) percent = 1;
  if (percent > 100) percent = 100;
  const auto p = static_cast<unsigned __int128>(percent);
  const auto rank = (p * count + 99) / 100;  // ceil(percent x count / 100)
  return rank < 1 ? 1 : static_cast<std::uint64_t>(rank);
}

const RiskPercentile* RiskSummary::percentile(int percent) const {
  for (const RiskPercentile& p : percentiles) {
    if (p.percent == percent) return &p;
  }
  return nullptr;
}

}  // namespace basis
