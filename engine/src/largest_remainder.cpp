// Largest-remainder (Hamilton) rounding, exact: every quota part x units / sum is split
// into its floor and remainder with integer arithmetic on Decimal's raw values, so two
// remainders compare equal only when they are equal.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "basis/engine/totals_report.hpp"

namespace basis {

namespace {

using I128 = __int128;
using U128 = unsigned __int128;

struct QuotientRemainder {
  U128 quotient = 0;
  U128 remainder = 0;
};

// (x * m) / s and (x * m) % s for 0 <= x < s, without ever forming x * m: the product is
// built bit by bit of m, reducing modulo s at each step (s < 2^127, so 2r never overflows).
QuotientRemainder mul_div_mod(U128 x, std::uint64_t m, U128 s) {
  QuotientRemainder out;
  for (int bit = 63; bit >= 0; --bit) {
    out.quotient <<= 1;
    out.remainder <<= 1;
    if (out.remainder >= s) {
      out.remainder -= s;
      out.quotient += 1;
    }
    if ((m >> bit) & 1u) {
      out.remainder += x;
      if (out.remainder >= s) {
        out.remainder -= s;
        out.quotient += 1;
      }
    }
  }
  return out;
}

std::int64_t saturate(I128 v) {
  if (v > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (v < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(v);
}

}  // namespace

std::vector<std::int64_t> largest_remainder_shares(const std::vector<Decimal>& parts,
                                                   std::int64_t units) {
  const std::size_t n = parts.size();
  std::vector<std::int64_t> shares(n, 0);
  if (n == 0 || units <= 0) return shares;

  std::vector<I128> raw(n);
  for (std::size_t i = 0; i < n; ++i) raw[i] = parts[i].raw();
  // The sum of the parts must fit: scale them all down (which only blurs remainders far
  // below any shown digit) until it does.
  I128 sum = 0;
  for (;;) {
    bool overflow = false;
    sum = 0;
    for (I128 r : raw) {
      if (__builtin_add_overflow(sum, r, &sum)) {
        overflow = true;
        break;
      }
    }
    if (!overflow) break;
    for (I128& r : raw) r /= 1000;
  }
  if (sum == 0) return shares;
  if (sum < 0) {
    sum = -sum;
    for (I128& r : raw) r = -r;
  }

  std::vector<I128> floors(n);
  std::vector<U128> remainders(n);
  I128 allotted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // floor(raw / sum) and a remainder in [0, sum), also for negative parts.
    I128 whole = raw[i] / sum;
    I128 rest = raw[i] % sum;
    if (rest < 0) {
      rest += sum;
      whole -= 1;
    }
    QuotientRemainder fraction = mul_div_mod(
        static_cast<U128>(rest), static_cast<std::uint64_t>(units), static_cast<U128>(sum));
    I128 floor_units = 0;
    if (__builtin_mul_overflow(whole, static_cast<I128>(units), &floor_units) ||
        __builtin_add_overflow(floor_units, static_cast<I128>(fraction.quotient), &floor_units)) {
      floor_units = whole < 0 ? std::numeric_limits<std::int64_t>::min()
                              : std::numeric_limits<std::int64_t>::max();
    }
    floors[i] = floor_units;
    remainders[i] = fraction.remainder;
    allotted += floor_units;
  }

  I128 left = static_cast<I128>(units) - allotted;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    if (raw[a] != raw[b]) return raw[a] > raw[b];
    return a < b;
  });
  for (std::size_t k = 0; k < n && left > 0; ++k, --left) floors[order[k]] += 1;
  for (std::size_t i = 0; i < n; ++i) shares[i] = saturate(floors[i]);
  return shares;
}

}  // namespace basis
