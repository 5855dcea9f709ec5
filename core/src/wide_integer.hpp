#pragma once
// Unsigned 256-bit intermediates for Decimal multiplication and division. Private to core:
// a product of two 127-bit magnitudes needs 254 bits, and a dividend scaled by 10^20
// needs 194, before the division brings them back into range.

#include <bit>
#include <cstdint>

namespace basis::detail {

using U128 = unsigned __int128;

// 10^n for 0 <= n <= 38 (10^38 < 2^128 - 1 < 10^39).
constexpr U128 pow10(int n) {
  U128 value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

class U256 {
 public:
  static U256 multiply(U128 a, U128 b) {
    const std::uint64_t a0 = static_cast<std::uint64_t>(a);
    const std::uint64_t a1 = static_cast<std::uint64_t>(a >> 64);
    const std::uint64_t b0 = static_cast<std::uint64_t>(b);
    const std::uint64_t b1 = static_cast<std::uint64_t>(b >> 64);
    const U128 p00 = U128{a0} * b0;
    const U128 p01 = U128{a0} * b1;
    const U128 p10 = U128{a1} * b0;
    const U128 p11 = U128{a1} * b1;
    // Column sums: each stays below 2^128 because it adds at most three 64-bit parts.
    const U128 middle =
        (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    const U128 high = (middle >> 64) + (p01 >> 64) + (p10 >> 64) + p11;
    U256 result;
    result.limbs_[0] = static_cast<std::uint64_t>(p00);
    result.limbs_[1] = static_cast<std::uint64_t>(middle);
    result.limbs_[2] = static_cast<std::uint64_t>(high);
    result.limbs_[3] = static_cast<std::uint64_t>(high >> 64);
    return result;
  }

  bool fits_u128() const { return limbs_[2] == 0 && limbs_[3] == 0; }
  U128 low_u128() const { return (U128{limbs_[1]} << 64) | limbs_[0]; }

  // Quotient by a non-zero divisor, rounded half away from zero (both are magnitudes).
  U256 divide_rounded(U128 divisor) const {
    U256 quotient;
    const U128 remainder = divide(divisor, quotient);
    if (remainder >= divisor - remainder) quotient.increment();
    return quotient;
  }

 private:
  // Truncating division; returns the remainder.
  U128 divide(U128 divisor, U256& quotient) const {
    if ((divisor >> 64) == 0) return divide_small(static_cast<std::uint64_t>(divisor), quotient);
    return divide_large(divisor, quotient);
  }

  U128 divide_small(std::uint64_t divisor, U256& quotient) const {
    U128 remainder = 0;
    for (int i = 3; i >= 0; --i) {
      const U128 current = (remainder << 64) | limbs_[i];
      quotient.limbs_[i] = static_cast<std::uint64_t>(current / divisor);
      remainder = current % divisor;
    }
    return remainder;
  }

  // Knuth's algorithm D (TAOCP 4.3.1) on 32-bit digits, so that every intermediate fits
  // in 64 bits; the divisor has 3 or 4 digits here.
  U128 divide_large(U128 divisor, U256& quotient) const {
    std::uint32_t u[8];
    for (int i = 0; i < 4; ++i) {
      u[2 * i] = static_cast<std::uint32_t>(limbs_[i]);
      u[2 * i + 1] = static_cast<std::uint32_t>(limbs_[i] >> 32);
    }
    std::uint32_t v[4];
    for (int i = 0; i < 4; ++i) v[i] = static_cast<std::uint32_t>(divisor >> (32 * i));
    int n = 4;
    while (v[n - 1] == 0) --n;
    int m = 8;
    while (m > 0 && u[m - 1] == 0) --m;
    quotient = U256{};
    if (m < n) return low_u128();

    // Normalise so the divisor's top digit has its high bit set.
    const int shift = std::countl_zero(v[n - 1]);
    std::uint32_t vn[4] = {};
    std::uint32_t un[9] = {};
    for (int i = n - 1; i > 0; --i) {
      vn[i] = static_cast<std::uint32_t>((std::uint64_t{v[i]} << shift) |
                                         (std::uint64_t{v[i - 1]} >> (32 - shift)));
    }
    vn[0] = v[0] << shift;
    un[m] = static_cast<std::uint32_t>(std::uint64_t{u[m - 1]} >> (32 - shift));
    for (int i = m - 1; i > 0; --i) {
      un[i] = static_cast<std::uint32_t>((std::uint64_t{u[i]} << shift) |
                                         (std::uint64_t{u[i - 1]} >> (32 - shift)));
    }
    un[0] = u[0] << shift;

    constexpr std::uint64_t kBase = std::uint64_t{1} << 32;
    std::uint32_t q[8] = {};
    for (int j = m - n; j >= 0; --j) {
      const std::uint64_t numerator = (std::uint64_t{un[j + n]} << 32) | un[j + n - 1];
      std::uint64_t qhat = numerator / vn[n - 1];
      std::uint64_t rhat = numerator % vn[n - 1];
      while (qhat >= kBase || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
        --qhat;
        rhat += vn[n - 1];
        if (rhat >= kBase) break;
      }
      // Multiply and subtract; `borrow` carries the high part and the borrow together.
      std::int64_t borrow = 0;
      std::int64_t t = 0;
      for (int i = 0; i < n; ++i) {
        const std::uint64_t p = qhat * vn[i];
        t = static_cast<std::int64_t>(un[i + j]) - borrow -
            static_cast<std::int64_t>(p & 0xFFFFFFFFu);
        un[i + j] = static_cast<std::uint32_t>(t);
        borrow = static_cast<std::int64_t>(p >> 32) - (t >> 32);
      }
      t = static_cast<std::int64_t>(un[j + n]) - borrow;
      un[j + n] = static_cast<std::uint32_t>(t);
      q[j] = static_cast<std::uint32_t>(qhat);
      if (t < 0) {  // qhat was one too large (rare): add the divisor back
        --q[j];
        std::uint64_t carry = 0;
        for (int i = 0; i < n; ++i) {
          const std::uint64_t sum = std::uint64_t{un[i + j]} + vn[i] + carry;
          un[i + j] = static_cast<std::uint32_t>(sum);
          carry = sum >> 32;
        }
        un[j + n] = static_cast<std::uint32_t>(un[j + n] + carry);
      }
    }
    for (int i = 0; i < 4; ++i) {
      quotient.limbs_[i] = (std::uint64_t{q[2 * i + 1]} << 32) | q[2 * i];
    }
    U128 remainder = 0;
    for (int i = n - 1; i >= 0; --i) {
      const std::uint32_t digit = static_cast<std::uint32_t>(
          (std::uint64_t{un[i]} >> shift) | (std::uint64_t{un[i + 1]} << (32 - shift)));
      remainder = (remainder << 32) | digit;
    }
    return remainder;
  }

  void increment() {
    for (auto& limb : limbs_) {
      if (++limb != 0) return;
    }
  }

  std::uint64_t limbs_[4] = {};
};

}  // namespace basis::detail
