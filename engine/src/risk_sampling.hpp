#pragma once
// The samplers of the risk simulation, inline so that the simulation loop can keep each
// distribution's parameters in registers. Only + - x /, sqrt (correctly rounded by IEEE 754)
// and bit operations: no libm transcendental function, no std:: distribution, so a seed
// gives the same bits with every standard library.

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "basis/engine/risk.hpp"

namespace basis::risk::detail {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // fdlibm's split of ln 2
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;

// 2^k for a normal result (-1022 <= k <= 1023), exactly.
constexpr double pow2(int k) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}

// 1/n! for the Taylor series of exp on |r| <= ln2 / 2, where the 14th term is below 2^-60.
inline constexpr std::array<double, 14> kExpCoefficients = [] {
  std::array<double, 14> c{};
  double factorial = 1;
  for (int n = 0; n < 14; ++n) {
    if (n > 0) factorial *= n;
    c[static_cast<std::size_t>(n)] = 1.0 / factorial;
  }
  return c;
}();

constexpr double exp(double x) {
  if (x != x) return x;
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  const double scaled = x * kInvLn2;
  const int k = static_cast<int>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = kExpCoefficients[13];
  for (int n = 12; n >= 0; --n) p = p * r + kExpCoefficients[static_cast<std::size_t>(n)];
  // Scaling in two steps keeps 2^k representable down to the subnormal range.
  if (k < -1000) return p * pow2(k + 200) * pow2(-200);
  if (k > 1000) return p * pow2(k - 200) * pow2(200);
  return p * pow2(k);
}

// 1/(2j+1) for log's series in s^2, where s <= 0.1716 and the 13th term is below 2^-60.
inline constexpr std::array<double, 13> kLogCoefficients = [] {
  std::array<double, 13> c{};
  for (int j = 0; j < 13; ++j) c[static_cast<std::size_t>(j)] = 1.0 / (2 * j + 1);
  return c;
}();

constexpr double log(double x) {
  if (x != x || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int e = 0;
  if (x < 0x1.0p-1022) {  // subnormal: make it normal first
    x *= 0x1.0p54;
    e -= 54;
  }
  const auto bits = std::bit_cast<std::uint64_t>(x);
  e += static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | (1023ULL << 52));
  if (m > 1.4142135623730951) {  // keep m in [sqrt(1/2), sqrt(2)): the series converges fast
    m *= 0.5;
    ++e;
  }
  // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1).
  const double s = (m - 1.0) / (m + 1.0);
  const double z = s * s;
  double p = kLogCoefficients[12];
  for (int j = 11; j >= 0; --j) p = p * z + kLogCoefficients[static_cast<std::size_t>(j)];
  return e * kLn2Hi + (2.0 * s * p + e * kLn2Lo);
}

// Newton's square root, for the compile-time tables only (std::sqrt is not constexpr).
constexpr double sqrt_constexpr(double x) {
  if (x <= 0) return 0;
  double y = x > 1 ? x / 2 : 1;
  for (int i = 0; i < 200; ++i) {
    const double next = 0.5 * (y + x / y);
    if (next == y) break;
    y = next;
  }
  return y;
}

// Marsaglia and Tsang's ziggurat (2000) for the standard normal with 128 layers of equal
// area v, layer 0 being the base strip plus the tail beyond r.
struct Ziggurat {
  static constexpr int kLayers = 128;
  static constexpr double r = 3.442619855899;
  static constexpr double v = 9.91256303526217e-3;
  std::array<double, kLayers> width{};        // x_i / 2^52: a 53-bit signed integer to x
  std::array<std::int64_t, kLayers> inner{};  // x_{i+1} / x_i x 2^52: below it, accept
  std::array<double, kLayers + 1> height{};   // f(x_i) = exp(-x_i^2 / 2); height[128] = 1
};

constexpr Ziggurat make_ziggurat() {
  Ziggurat z;
  std::array<double, Ziggurat::kLayers + 1> x{};
  const double fr = exp(-0.5 * Ziggurat::r * Ziggurat::r);
  x[0] = Ziggurat::v / fr;
  x[1] = Ziggurat::r;
  for (int i = 1; i + 1 < Ziggurat::kLayers; ++i) {
    const auto u = static_cast<std::size_t>(i);
    x[u + 1] = sqrt_constexpr(-2.0 * log(Ziggurat::v / x[u] + exp(-0.5 * x[u] * x[u])));
  }
  x[Ziggurat::kLayers] = 0;
  for (std::size_t i = 0; i < Ziggurat::kLayers; ++i) {
    z.width[i] = x[i] * 0x1.0p-52;
    z.inner[i] = static_cast<std::int64_t>(x[i + 1] / x[i] * 0x1.0p52);
    z.height[i] = i == 0 ? fr : exp(-0.5 * x[i] * x[i]);
  }
  z.height[Ziggurat::kLayers] = 1.0;
  return z;
}

inline constexpr Ziggurat kZiggurat = make_ziggurat();

// Beyond r: Marsaglia's (1964) exponential rejection.
inline double normal_tail(RandomStream& rng, bool negative) {
  double a = 0, b = 0;
  do {
    a = -log(rng.uniform_open()) / Ziggurat::r;
    b = -log(rng.uniform_open());
  } while (b + b < a * a);
  return negative ? -(Ziggurat::r + a) : Ziggurat::r + a;
}

// The rare continuation of normal() (~2.7% of draws): the wedge test, the tail and new draws
// until one is accepted. Out of line and taking the stream by value, so that the stream of the
// hot loop never has its address taken and can stay in registers.
[[gnu::noinline]] inline RandomStream normal_slow(RandomStream rng, std::uint64_t bits,
                                                  double& out) {
  for (;;) {
    const auto layer = static_cast<std::size_t>(bits & (Ziggurat::kLayers - 1));
    const std::int64_t j = static_cast<std::int64_t>(bits) >> 11;
    const double x = static_cast<double>(j) * kZiggurat.width[layer];
    if ((j < 0 ? -j : j) < kZiggurat.inner[layer]) {
      out = x;
      return rng;
    }
    if (layer == 0) {
      out = normal_tail(rng, j < 0);
      return rng;
    }
    const double y = kZiggurat.height[layer] +
                     rng.uniform() * (kZiggurat.height[layer + 1] - kZiggurat.height[layer]);
    if (y < exp(-0.5 * x * x)) {
      out = x;
      return rng;
    }
    bits = rng.next();
  }
}

[[gnu::always_inline]] inline double normal(RandomStream& rng) {
  const std::uint64_t bits = rng.next();
  const auto layer = static_cast<std::size_t>(bits & (Ziggurat::kLayers - 1));
  // Bits 11..63 as a signed 53-bit integer: the sign and the position within the layer.
  const std::int64_t j = static_cast<std::int64_t>(bits) >> 11;
  const double x = static_cast<double>(j) * kZiggurat.width[layer];
  if ((j < 0 ? -j : j) < kZiggurat.inner[layer]) [[likely]] {
    return x;
  }
  double out = 0;
  rng = normal_slow(rng, bits, out);
  return out;
}

// Marsaglia and Tsang (2000) for shape >= 1: d = shape - 1/3, c = 1 / sqrt(9 d).
struct GammaShape {
  double d = 0, c = 0;
  static GammaShape of(double shape) {
    GammaShape g;
    g.d = shape - 1.0 / 3.0;
    g.c = 1.0 / std::sqrt(9.0 * g.d);
    return g;
  }
};

// Marsaglia and Tsang's exact test, for the ~10% of draws the squeeze does not accept.
[[gnu::noinline]] inline bool gamma_accepts(double u, double x2, double d, double v) {
  return log(u) < 0.5 * x2 + d * (1.0 - v + log(v));
}

[[gnu::always_inline]] inline double gamma(RandomStream& rng, GammaShape g) {
  for (;;) {
    double x = 0, v = 0;
    do {
      x = normal(rng);
      v = 1.0 + g.c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform_open();
    const double x2 = x * x;
    // The squeeze accepts ~90% without a logarithm.
    if (u < 1.0 - 0.0331 * x2 * x2) [[likely]] {
      return g.d * v;
    }
    if (gamma_accepts(u, x2, g.d, v)) return g.d * v;
  }
}

// One three-point value's distribution with its parameters computed once.
struct ThreePointSampler {
  enum class Kind : std::uint8_t { pert, triangular };
  Kind kind = Kind::pert;
  double low = 0, likely = 0, high = 0, span = 0;
  GammaShape alpha, beta;                 // PERT
  double split = 0, left = 0, right = 0;  // triangular: F(likely), span x (likely - low), ...

  static ThreePointSampler make(Kind kind, double low, double likely, double high) {
    ThreePointSampler s;
    s.kind = kind;
    s.low = low;
    s.likely = likely;
    s.high = high;
    s.span = high - low;
    if (kind == Kind::pert) {
      s.alpha = GammaShape::of(1.0 + 4.0 * (likely - low) / s.span);
      s.beta = GammaShape::of(1.0 + 4.0 * (high - likely) / s.span);
    } else {
      s.split = (likely - low) / s.span;
      s.left = s.span * (likely - low);
      s.right = s.span * (high - likely);
    }
    return s;
  }

  [[gnu::always_inline]] double sample(RandomStream& rng) const {
    if (kind == Kind::pert) {
      const double x = gamma(rng, alpha);
      const double y = gamma(rng, beta);
      return low + span * (x / (x + y));
    }
    const double u = rng.uniform();
    // One square root and selects rather than branches: the side is a coin toss.
    const bool lower = u < split;
    const double root = std::sqrt(lower ? u * left : (1.0 - u) * right);
    return lower ? low + root : high - root;
  }
};

}  // namespace basis::risk::detail
