#include "basis/core/decimal.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>

#include "wide_integer.hpp"

namespace basis {
namespace {

using U128 = unsigned __int128;
using detail::U256;

// The range is symmetric (|raw| <= 2^127 - 1) so that negation never overflows; the one
// two's-complement value without a positive twin is treated as an overflow.
constexpr U128 kMaxMagnitude = (U128{1} << 127) - 1;
constexpr U128 kScale = detail::pow10(Decimal::kPlaces);

// Largest whole number of units: floor(kMaxMagnitude / 10^20) = 1,701,411,834,604,692,317.
constexpr U128 kMaxWhole = kMaxMagnitude / kScale;

U128 magnitude(Decimal::Raw raw) {
  return raw < 0 ? U128(0) - U128(raw) : U128(raw);
}

std::optional<Decimal> from_magnitude(U128 magnitude, bool negative) {
  if (magnitude > kMaxMagnitude) return std::nullopt;
  const auto raw = static_cast<Decimal::Raw>(magnitude);
  return Decimal::from_raw(negative ? -raw : raw);
}

std::optional<Decimal> from_magnitude(const U256& magnitude, bool negative) {
  if (!magnitude.fits_u128()) return std::nullopt;
  return from_magnitude(magnitude.low_u128(), negative);
}

// Division of magnitudes rounded half away from zero. `divisor` is not zero.
U128 divide_rounded(U128 dividend, U128 divisor) {
  const U128 quotient = dividend / divisor;
  const U128 remainder = dividend % divisor;
  // remainder < divisor <= 2^128 - 1, so compare against the complement instead of doubling.
  return remainder >= divisor - remainder ? quotient + 1 : quotient;
}

char* write_unsigned(char* end, std::uint64_t value) {
  do {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return end;
}

// Longest text: '-', 19 whole digits, '.', 20 fraction digits.
constexpr std::size_t kTextCapacity = 48;

// A magnitude split so that digit work runs on 64-bit integers: 128-bit division by ten
// is a library call and dominated to_string.
struct Parts {
  std::uint64_t whole;
  std::array<char, Decimal::kPlaces> fraction;  // all 20 digits, leading and trailing zeros
};

Parts split(U128 magnitude) {
  constexpr std::uint64_t kHalf = 10'000'000'000;  // 10^10
  Parts parts{};
  parts.whole = static_cast<std::uint64_t>(magnitude / kScale);
  const U128 fraction = magnitude % kScale;
  std::uint64_t high = static_cast<std::uint64_t>(fraction / kHalf);
  std::uint64_t low = static_cast<std::uint64_t>(fraction % kHalf);
  for (int i = Decimal::kPlaces - 1; i >= Decimal::kPlaces / 2; --i, low /= 10) {
    parts.fraction[i] = static_cast<char>('0' + low % 10);
  }
  for (int i = Decimal::kPlaces / 2 - 1; i >= 0; --i, high /= 10) {
    parts.fraction[i] = static_cast<char>('0' + high % 10);
  }
  return parts;
}

int fraction_places(const Parts& parts) {
  int places = Decimal::kPlaces;
  while (places > 0 && parts.fraction[places - 1] == '0') --places;
  return places;
}

// Formats a raw magnitude with exactly `decimals` places, which must not drop non-zero
// digits (the caller rounds first). The minus sign is left off a zero.
std::string_view format_parts(std::array<char, kTextCapacity>& buffer, const Parts& parts,
                              bool negative, int decimals) {
  char* const end = buffer.data() + buffer.size();
  char* begin = end;
  if (decimals > 0) {
    begin -= decimals;
    std::copy_n(parts.fraction.begin(), decimals, begin);
    *--begin = '.';
  }
  begin = write_unsigned(begin, parts.whole);
  const bool zero = parts.whole == 0 && fraction_places(parts) == 0;
  if (negative && !zero) *--begin = '-';
  return {begin, static_cast<std::size_t>(end - begin)};
}

std::string_view format_shortest(std::array<char, kTextCapacity>& buffer, Decimal::Raw raw) {
  const Parts parts = split(magnitude(raw));
  return format_parts(buffer, parts, raw < 0, fraction_places(parts));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

Decimal Decimal::from_int(std::int64_t value) {
  if (auto exact = try_from_int(value)) return *exact;
  return value < 0 ? min() : max();
}

std::optional<Decimal> Decimal::try_from_int(std::int64_t value) {
  const U128 units = value < 0 ? U128(0) - U128(static_cast<__int128>(value)) : U128(value);
  if (units > kMaxWhole) return std::nullopt;
  return from_magnitude(units * kScale, value < 0);
}

Decimal Decimal::max() {
  return from_raw(static_cast<Raw>(kMaxMagnitude));
}
Decimal Decimal::min() {
  return from_raw(-static_cast<Raw>(kMaxMagnitude));
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  // Grammar check first, remembering where the digit runs are; the value is built from
  // the significant digits only, so leading and trailing zeros of any length are free.
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }
  const char* const whole_begin = p;
  while (p != end && is_digit(*p)) ++p;
  const char* const whole_end = p;
  if (whole_begin == whole_end) return std::nullopt;
  const char* fraction_begin = p;
  const char* fraction_end = p;
  if (p != end && *p == '.') {
    fraction_begin = ++p;
    while (p != end && is_digit(*p)) ++p;
    fraction_end = p;
    if (fraction_begin == fraction_end) return std::nullopt;
  }
  // Saturates far beyond any meaningful exponent so huge exponents cannot wrap.
  constexpr std::int64_t kExponentCap = 1'000'000'000;
  std::int64_t exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exponent_negative = false;
    if (p != end && (*p == '+' || *p == '-')) {
      exponent_negative = *p == '-';
      ++p;
    }
    const char* const exponent_begin = p;
    while (p != end && is_digit(*p)) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (*p - '0');
      ++p;
    }
    if (p == exponent_begin) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (p != end) return std::nullopt;

  // Digits are numbered 0..count-1 across the whole and fraction runs, skipping the '.';
  // digit i is worth 10^(whole_count - 1 - i + exponent).
  const auto whole_count = static_cast<std::int64_t>(whole_end - whole_begin);
  const auto fraction_count = static_cast<std::int64_t>(fraction_end - fraction_begin);
  const auto digit_at = [&](std::int64_t i) {
    return i < whole_count ? whole_begin[i] : fraction_begin[i - whole_count];
  };
  const std::int64_t count = whole_count + fraction_count;
  std::int64_t first = 0;
  while (first < count && digit_at(first) == '0') ++first;
  if (first == count) return Decimal{};
  std::int64_t last = count - 1;
  while (digit_at(last) == '0') --last;

  // Powers of ten of the first and last significant digits, in units of 10^-20.
  const std::int64_t top_power = whole_count - 1 - first + exponent + kPlaces;
  const std::int64_t bottom_power = whole_count - 1 - last + exponent + kPlaces;
  if (bottom_power < 0) return std::nullopt;  // a non-zero digit beyond the 20th place
  if (top_power > 38) return std::nullopt;    // at least 10^39 > 2^127

  // At most 39 significant digits remain; they can still exceed 2^128 - 1.
  U128 magnitude = 0;
  for (std::int64_t i = first; i <= last; ++i) {
    const U128 digit = static_cast<U128>(digit_at(i) - '0');
    if (__builtin_mul_overflow(magnitude, U128{10}, &magnitude)) return std::nullopt;
    if (__builtin_add_overflow(magnitude, digit, &magnitude)) return std::nullopt;
  }
  if (__builtin_mul_overflow(magnitude, detail::pow10(static_cast<int>(bottom_power)),
                             &magnitude)) {
    return std::nullopt;
  }
  return from_magnitude(magnitude, negative);
}

bool Decimal::is_integer() const {
  return raw_ % static_cast<Raw>(kScale) == 0;
}

std::string Decimal::to_string() const {
  std::array<char, kTextCapacity> buffer;
  return std::string(format_shortest(buffer, raw_));
}

std::string Decimal::to_fixed(int decimals) const {
  if (decimals < 0) decimals = 0;
  if (decimals > kPlaces) decimals = kPlaces;
  const U128 step = detail::pow10(kPlaces - decimals);
  // kMaxMagnitude + step / 2 still fits in 128 unsigned bits, so this cannot fail.
  const U128 rounded = divide_rounded(magnitude(raw_), step) * step;
  std::array<char, kTextCapacity> buffer;
  return std::string(format_parts(buffer, split(rounded), raw_ < 0, decimals));
}

std::optional<Decimal> Decimal::round_to_step(Decimal step) const {
  if (step.raw_ <= 0) return std::nullopt;
  const U128 step_magnitude = magnitude(step.raw_);
  const U128 multiples = divide_rounded(magnitude(raw_), step_magnitude);
  U128 result = 0;
  if (__builtin_mul_overflow(multiples, step_magnitude, &result)) return std::nullopt;
  return from_magnitude(result, raw_ < 0);
}

std::optional<Decimal> Decimal::round(int decimals) const {
  if (decimals >= kPlaces) return *this;
  // Every representable magnitude is below half of 10^39, so such steps round to zero.
  if (kPlaces - decimals > 38) return Decimal{};
  return round_to_step(from_raw(static_cast<Raw>(detail::pow10(kPlaces - decimals))));
}

Decimal Decimal::floor() const {
  const Raw scale = static_cast<Raw>(kScale);
  const Raw truncated = raw_ / scale * scale;
  if (truncated == raw_ || raw_ > 0) return from_raw(truncated);
  if (truncated / scale <= -static_cast<Raw>(kMaxWhole)) return from_raw(truncated);
  return from_raw(truncated - scale);
}

Decimal Decimal::ceil() const {
  const Raw scale = static_cast<Raw>(kScale);
  const Raw truncated = raw_ / scale * scale;
  if (truncated == raw_ || raw_ < 0) return from_raw(truncated);
  if (truncated / scale >= static_cast<Raw>(kMaxWhole)) return from_raw(truncated);
  return from_raw(truncated + scale);
}

int Decimal::places() const {
  return fraction_places(split(magnitude(raw_)));
}

std::optional<std::int64_t> Decimal::to_int64() const {
  // |whole part| <= kMaxWhole < 2^63, so every Decimal truncates into an int64.
  return static_cast<std::int64_t>(raw_ / static_cast<Raw>(kScale));
}

double Decimal::to_double() const {
  // Going through the exact text gives the correctly rounded double; dividing two
  // doubles would round twice.
  std::array<char, kTextCapacity> buffer;
  const std::string_view text = format_shortest(buffer, raw_);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<Decimal> add(Decimal a, Decimal b) {
  Decimal::Raw sum = 0;
  if (__builtin_add_overflow(a.raw(), b.raw(), &sum)) return std::nullopt;
  if (magnitude(sum) > kMaxMagnitude) return std::nullopt;
  return Decimal::from_raw(sum);
}

std::optional<Decimal> sub(Decimal a, Decimal b) {
  Decimal::Raw difference = 0;
  if (__builtin_sub_overflow(a.raw(), b.raw(), &difference)) return std::nullopt;
  if (magnitude(difference) > kMaxMagnitude) return std::nullopt;
  return Decimal::from_raw(difference);
}

std::optional<Decimal> mul(Decimal a, Decimal b) {
  const bool negative = (a.raw() < 0) != (b.raw() < 0);
  const U256 product = U256::multiply(magnitude(a.raw()), magnitude(b.raw()));
  const U256 quotient = product.divide_rounded(kScale);
  return from_magnitude(quotient, negative);
}

std::optional<Decimal> div(Decimal a, Decimal b) {
  if (b.raw() == 0) return std::nullopt;
  const bool negative = (a.raw() < 0) != (b.raw() < 0);
  const U256 dividend = U256::multiply(magnitude(a.raw()), kScale);
  const U256 quotient = dividend.divide_rounded(magnitude(b.raw()));
  return from_magnitude(quotient, negative);
}

std::optional<Decimal> mod(Decimal a, Decimal b) {
  if (b.raw() == 0) return std::nullopt;
  // Both operands carry the same scale, so the remainder of the raw values is exact.
  return Decimal::from_raw(a.raw() % b.raw());
}

}  // namespace basis
