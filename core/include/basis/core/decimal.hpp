#pragma once
// Exact decimal numbers for every amount, rate, quantity, hours figure and percentage.
//
// A Decimal is a signed fixed-point number with 20 decimal places held in a 128-bit
// integer: no heap, trivially copyable, ~1.7e18 in magnitude. 20 places (not 18) keep at
// least 18 significant digits in quotients down to 0.01, which is where shares live.
// Arithmetic never rounds silently except where documented (multiplication and division
// round half away from zero at the 20th place); every operation that can overflow returns
// std::nullopt instead of a wrapped value, and the caller reports it.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basis {

class Decimal {
 public:
  using Raw = __int128;
  static constexpr int kPlaces = 20;

  constexpr Decimal() = default;
  static constexpr Decimal from_raw(Raw raw) {
    Decimal d;
    d.raw_ = raw;
    return d;
  }
  // Whole numbers, exact for |value| <= 1,701,411,834,604,692,317 (the largest whole
  // magnitude); beyond that from_int saturates at max()/min() and try_from_int fails.
  static Decimal from_int(std::int64_t value);
  static std::optional<Decimal> try_from_int(std::int64_t value);
  // Parses `[+-]digits[.digits][(e|E)[+-]digits]` (no spaces, no grouping, no `_`; at least
  // one digit on each side of a '.'; leading zeros fine: "007", "-0" is 0).
  // Fails on anything else, on more than 20 decimal places after the exponent is applied
  // (unless the extra digits are zeros), and on out-of-range values. Zero with any
  // exponent is zero. Never allocates.
  static std::optional<Decimal> parse(std::string_view text);

  // Largest and smallest representable values.
  static Decimal max();
  static Decimal min();

  constexpr Raw raw() const { return raw_; }
  int sign() const { return raw_ < 0 ? -1 : (raw_ > 0 ? 1 : 0); }
  bool is_zero() const { return raw_ == 0; }
  bool is_integer() const;
  Decimal negated() const { return from_raw(-raw_); }  // never overflows: range is symmetric
  Decimal abs() const { return raw_ < 0 ? negated() : *this; }

  // Shortest exact text: "0.3", "-5000", "182.66666666666666666667". No exponent, no grouping.
  std::string to_string() const;
  // Rounded half away from zero to `decimals` places (clamped to 0..20), always that many
  // places: to_fixed(2) of 1234.5 is "1234.50"; a value that rounds to zero has no minus
  // sign ("0.00" for -0.001). Never fails, even where round(decimals) would overflow.
  std::string to_fixed(int decimals) const;

  // Rounds half away from zero to a multiple of `step` (e.g. 0.01, 1, 100, 0.05).
  // nullopt when step <= 0 or when the rounded value is out of range.
  std::optional<Decimal> round_to_step(Decimal step) const;
  // Rounds half away from zero to `decimals` places (may be negative: -2 rounds to hundreds;
  // 20 or more returns the value unchanged). nullopt when the result is out of range.
  std::optional<Decimal> round(int decimals) const;
  // Towards -infinity / +infinity, to a whole number. Whole numbers beyond
  // +-1,701,411,834,604,692,317 are out of range, so floor() below -that and ceil() above
  // +that saturate at it (only the last fraction of a unit before min()/max() does this).
  Decimal floor() const;
  Decimal ceil() const;
  // The number of decimal places actually used (0 for 12, 2 for 12.50 -> 1 for 12.5).
  int places() const;
  // Truncates towards zero to an int64. Every Decimal's whole part fits (|x| < 1.8e18), so
  // this never fails today; the optional keeps callers honest if the range grows.
  std::optional<std::int64_t> to_int64() const;
  // Nearest double (correctly rounded). Only the risk simulation may use it (see docs/risk.md).
  double to_double() const;

  friend constexpr bool operator==(Decimal a, Decimal b) { return a.raw_ == b.raw_; }
  friend constexpr std::strong_ordering operator<=>(Decimal a, Decimal b) {
    return a.raw_ <=> b.raw_;
  }

 private:
  Raw raw_ = 0;
};

// Checked arithmetic: nullopt on overflow (and on division by zero).
std::optional<Decimal> add(Decimal a, Decimal b);
std::optional<Decimal> sub(Decimal a, Decimal b);
// Exact product rounded half away from zero at the 20th place (256-bit intermediate).
std::optional<Decimal> mul(Decimal a, Decimal b);
// Quotient rounded half away from zero at the 20th place.
std::optional<Decimal> div(Decimal a, Decimal b);
// Remainder with the sign of the dividend (like C++ %), exact. nullopt when b == 0.
std::optional<Decimal> mod(Decimal a, Decimal b);

}  // namespace basis
