#include "basis/core/decimal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace basis {

// Readable failures: gtest finds this by argument-dependent lookup.
void PrintTo(const Decimal& value, std::ostream* out) {
  *out << value.to_string();
}

namespace {

// 2^127 - 1 ten-to-the-twentieths, written out: the largest magnitude.
constexpr std::string_view kMaxText = "1701411834604692317.31687303715884105727";
constexpr std::string_view kMinText = "-1701411834604692317.31687303715884105727";

Decimal D(std::string_view text) {
  const std::optional<Decimal> value = Decimal::parse(text);
  if (!value) ADD_FAILURE() << "test literal does not parse: " << text;
  return value.value_or(Decimal{});
}

std::string text_of(const std::optional<Decimal>& value) {
  return value ? value->to_string() : "nullopt";
}

// ---------------------------------------------------------------------------- parse

struct ParseCase {
  std::string_view text;
  std::string_view expected;  // to_string of the parsed value
};
std::ostream& operator<<(std::ostream& out, const ParseCase& c) {
  return out << c.text << ' ' << c.expected;
}

class ParseAccepts : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseAccepts, ReadsTheExactValue) {
  const auto& c = GetParam();
  const auto value = Decimal::parse(c.text);
  ASSERT_TRUE(value.has_value()) << c.text;
  EXPECT_EQ(value->to_string(), c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, ParseAccepts,
    ::testing::Values(
        ParseCase{"0", "0"}, ParseCase{"-0", "0"}, ParseCase{"+0.000", "0"},
        ParseCase{"1.5", "1.5"}, ParseCase{"+1.5", "1.5"}, ParseCase{"-0.25", "-0.25"},
        ParseCase{"1.50", "1.5"}, ParseCase{"007", "7"}, ParseCase{"-007.10", "-7.1"},
        ParseCase{"1e3", "1000"}, ParseCase{"1E+2", "100"}, ParseCase{"2.5E-2", "0.025"},
        ParseCase{"-2.5e-2", "-0.025"}, ParseCase{"12.34e1", "123.4"}, ParseCase{"5000", "5000"},
        ParseCase{"99.99", "99.99"}, ParseCase{"0.00000000000000000001", "0.00000000000000000001"},
        ParseCase{"1e-20", "0.00000000000000000001"},
        ParseCase{"100e-22", "0.00000000000000000001"},
        // Places beyond the 20th are fine when they are zeros.
        ParseCase{"1.000000000000000000000000", "1"},
        ParseCase{"0.123000000000000000000000000000", "0.123"},
        ParseCase{"1234567890000000000000000000000000000000000e-40", "123.456789"},
        // Zero is zero whatever the exponent.
        ParseCase{"0e999999999999999999999", "0"}, ParseCase{"0.0e-999999999999", "0"},
        ParseCase{"000000000000000000000000000000000000000000001", "1"},
        ParseCase{"1e18", "1000000000000000000"},
        ParseCase{"1701411834604692317", "1701411834604692317"}, ParseCase{kMaxText, kMaxText},
        ParseCase{kMinText, kMinText},
        ParseCase{"170141183460469231731687303715884105727e-20", kMaxText}));

class ParseRejects : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ParseRejects, Fails) {
  EXPECT_FALSE(Decimal::parse(GetParam()).has_value()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, ParseRejects,
    ::testing::Values(
        // Not numbers in the grammar.
        "", ".", "1.", ".5", "-.5", "+", "-", "+-1", "--1", "nan", "NaN", "inf", "-inf", "Infinity",
        "1_000", "1,000", "1,5", " 1", "1 ", "\t1", "1\n", "0x10", "0b1", "1e", "1e+", "1E-", "e5",
        "1.e5", "1e5.5", "1.5.2", "1e2e3", "12a", "$5", "5%", "1/2", "\xd9\xa1",
        std::string_view("1\0", 2),
        // A non-zero digit beyond the 20th place.
        "0.000000000000000000001", "1e-21", "1.5e-20", "0.123456789012345678901",
        "12345678901234567890123456789012345678901234567890e-40",
        // Out of range.
        "1701411834604692317.31687303715884105728", "-1701411834604692317.31687303715884105728",
        "1701411834604692318", "1e19", "-1e19", "1e38", "99999999999999999999999999999999999999999",
        "1e999999999999999999999", "340282366920938463463374607431768211456",
        "170141183460469231731687303715884105728e-20"));

// ---------------------------------------------------------------------------- text

TEST(DecimalText, ShortestExactFormWithoutExponent) {
  EXPECT_EQ(D("0.30").to_string(), "0.3");
  EXPECT_EQ(D("-5e3").to_string(), "-5000");
  EXPECT_EQ(Decimal{}.to_string(), "0");
  EXPECT_EQ(Decimal::from_raw(1).to_string(), "0.00000000000000000001");
  EXPECT_EQ(Decimal::from_raw(-1).to_string(), "-0.00000000000000000001");
  EXPECT_EQ(Decimal::from_raw(100'000'000'000'000'000).to_string(), "0.001");
  EXPECT_EQ(Decimal::max().to_string(), kMaxText);
  EXPECT_EQ(Decimal::min().to_string(), kMinText);
}

struct FixedCase {
  std::string_view value;
  int decimals;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const FixedCase& c) {
  return out << c.value << ' ' << c.decimals << ' ' << c.expected;
}

class ToFixed : public ::testing::TestWithParam<FixedCase> {};

TEST_P(ToFixed, RoundsHalfAwayFromZeroToExactlyThatManyPlaces) {
  const auto& c = GetParam();
  EXPECT_EQ(D(c.value).to_fixed(c.decimals), c.expected) << c.value << " at " << c.decimals;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, ToFixed,
    ::testing::Values(FixedCase{"1234.5", 2, "1234.50"}, FixedCase{"0.125", 2, "0.13"},
                      FixedCase{"-0.125", 2, "-0.13"}, FixedCase{"0.124999", 2, "0.12"},
                      FixedCase{"-0.001", 2, "0.00"}, FixedCase{"-0.004999", 2, "0.00"},
                      FixedCase{"-0.005", 2, "-0.01"}, FixedCase{"2.5", 0, "3"},
                      FixedCase{"-2.5", 0, "-3"}, FixedCase{"-0.5", 0, "-1"},
                      FixedCase{"-0.4", 0, "0"}, FixedCase{"0.99", 1, "1.0"},
                      FixedCase{"9.995", 2, "10.00"}, FixedCase{"0", 3, "0.000"},
                      FixedCase{"7", 0, "7"}, FixedCase{"1e-20", 20, "0.00000000000000000001"},
                      FixedCase{"1e-20", 19, "0.0000000000000000000"},
                      FixedCase{"5e-20", 19, "0.0000000000000000001"},
                      FixedCase{kMaxText, 0, "1701411834604692317"},
                      FixedCase{kMaxText, 2, "1701411834604692317.32"},
                      FixedCase{kMinText, 2, "-1701411834604692317.32"},
                      FixedCase{kMaxText, 20, kMaxText}));

// ---------------------------------------------------------------------------- + - x /

TEST(DecimalArithmetic, AdditionIsExact) {
  EXPECT_EQ(add(D("0.1"), D("0.2")), D("0.3"));
  EXPECT_EQ(text_of(add(D("0.1"), D("0.2"))), "0.3");
  EXPECT_EQ(text_of(add(D("-5000"), D("1234.56"))), "-3765.44");
  EXPECT_EQ(text_of(add(D("-0.1"), D("-0.2"))), "-0.3");
  EXPECT_EQ(text_of(sub(D("0.3"), D("0.1"))), "0.2");
  EXPECT_EQ(text_of(sub(D("100"), D("100.01"))), "-0.01");
  EXPECT_EQ(text_of(sub(D("-1"), D("-1"))), "0");
}

TEST(DecimalArithmetic, AdditionOverflowIsReported) {
  const Decimal tiny = Decimal::from_raw(1);
  EXPECT_FALSE(add(Decimal::max(), tiny).has_value());
  EXPECT_FALSE(add(Decimal::min(), tiny.negated()).has_value());
  EXPECT_FALSE(add(Decimal::max(), Decimal::max()).has_value());
  EXPECT_FALSE(sub(Decimal::min(), tiny).has_value());
  EXPECT_FALSE(sub(Decimal::max(), Decimal::min()).has_value());
  EXPECT_FALSE(sub(Decimal::min(), Decimal::max()).has_value());
  EXPECT_EQ(text_of(add(Decimal::max(), Decimal::min())), "0");
  EXPECT_EQ(text_of(sub(Decimal::max(), tiny)), "1701411834604692317.31687303715884105726");
  EXPECT_EQ(text_of(add(Decimal::min(), tiny)), "-1701411834604692317.31687303715884105726");
}

struct BinaryCase {
  std::string_view a;
  std::string_view b;
  std::string_view expected;  // "nullopt" for overflow or division by zero
};
std::ostream& operator<<(std::ostream& out, const BinaryCase& c) {
  return out << c.a << ' ' << c.b << ' ' << c.expected;
}

class Multiplication : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(Multiplication, RoundsHalfAwayFromZeroAtTheTwentiethPlace) {
  const auto& c = GetParam();
  EXPECT_EQ(text_of(mul(D(c.a), D(c.b))), c.expected) << c.a << " x " << c.b;
  EXPECT_EQ(text_of(mul(D(c.b), D(c.a))), c.expected) << c.b << " x " << c.a;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, Multiplication,
    ::testing::Values(BinaryCase{"3", "33.33", "99.99"}, BinaryCase{"1.5", "1.5", "2.25"},
                      BinaryCase{"-2", "3.5", "-7"}, BinaryCase{"-2", "-3.5", "7"},
                      BinaryCase{"0", "-3.5", "0"}, BinaryCase{"0.1", "0.1", "0.01"},
                      BinaryCase{"166.83333333333333333333", "150", "25024.9999999999999999995"},
                      BinaryCase{"166.83333333333333333333", "0.3", "50.05"},
                      // 1e-11 x 5e-10 = 5e-21 exactly: a tie at the 21st place.
                      BinaryCase{"0.00000000001", "0.0000000005", "0.00000000000000000001"},
                      BinaryCase{"-0.00000000001", "0.0000000005", "-0.00000000000000000001"},
                      BinaryCase{"0.00000000001", "0.0000000004", "0"},
                      BinaryCase{"-0.00000000001", "0.0000000004", "0"},
                      BinaryCase{"0.00000000000000000001", "0.5", "0.00000000000000000001"},
                      BinaryCase{"0.00000000000000000003", "0.5", "0.00000000000000000002"},
                      BinaryCase{"-0.00000000000000000003", "0.5", "-0.00000000000000000002"},
                      BinaryCase{"0.00000000000000000001", "0.00000000000000000001", "0"},
                      // Near the limit of ~1.7e18.
                      BinaryCase{"1e15", "100", "100000000000000000"},
                      BinaryCase{"1e9", "1e9", "1000000000000000000"},
                      BinaryCase{"1e17", "1e2", "nullopt"}, BinaryCase{"1e10", "1e10", "nullopt"},
                      BinaryCase{"-1e17", "1e2", "nullopt"},
                      BinaryCase{"1701411834604692317", "1", "1701411834604692317"},
                      BinaryCase{"850705917302346158.65843651857942052863", "2",
                                 "1701411834604692317.31687303715884105726"},
                      BinaryCase{"850705917302346158.65843651857942052864", "2", "nullopt"},
                      BinaryCase{kMaxText, "1", kMaxText}, BinaryCase{kMaxText, "-1", kMinText},
                      BinaryCase{kMinText, "-1", kMaxText},
                      BinaryCase{kMaxText, "1.00000000000000000001", "nullopt"},
                      BinaryCase{kMaxText, kMaxText, "nullopt"},
                      BinaryCase{kMaxText, kMinText, "nullopt"},
                      // max x 0.5 = 850705917302346158.658436518579420528635: a tie.
                      BinaryCase{kMaxText, "0.5", "850705917302346158.65843651857942052864"},
                      BinaryCase{kMinText, "0.5", "-850705917302346158.65843651857942052864"},
                      BinaryCase{kMaxText, "0.00000000000000000001", "0.01701411834604692317"}));

class Division : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(Division, RoundsHalfAwayFromZeroAtTheTwentiethPlace) {
  const auto& c = GetParam();
  EXPECT_EQ(text_of(div(D(c.a), D(c.b))), c.expected) << c.a << " / " << c.b;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, Division,
    ::testing::Values(
        BinaryCase{"1", "3", "0.33333333333333333333"},
        BinaryCase{"2", "3", "0.66666666666666666667"},
        BinaryCase{"-2", "3", "-0.66666666666666666667"},
        BinaryCase{"2", "-3", "-0.66666666666666666667"},
        BinaryCase{"-2", "-3", "0.66666666666666666667"},
        BinaryCase{"1001", "6", "166.83333333333333333333"}, BinaryCase{"99.99", "3", "33.33"},
        BinaryCase{"1", "8", "0.125"}, BinaryCase{"10", "4", "2.5"}, BinaryCase{"0", "7", "0"},
        BinaryCase{"1", "0.00000000000000000001", "nullopt"},
        BinaryCase{"0.01", "0.00000000000000000001", "1000000000000000000"},
        BinaryCase{"1e18", "0.1", "nullopt"}, BinaryCase{kMaxText, "0.5", "nullopt"},
        BinaryCase{kMaxText, "1", kMaxText}, BinaryCase{kMaxText, kMaxText, "1"},
        BinaryCase{kMinText, kMaxText, "-1"}, BinaryCase{"1", kMaxText, "0.00000000000000000059"},
        BinaryCase{"1000", kMaxText, "0.00000000000000058775"},
        // 5e-21 and -5e-21: ties at the 21st place; 1e-20 / 3 rounds to zero.
        BinaryCase{"0.00000000000000000001", "2", "0.00000000000000000001"},
        BinaryCase{"-0.00000000000000000001", "2", "-0.00000000000000000001"},
        BinaryCase{"0.00000000000000000001", "3", "0"},
        BinaryCase{"-0.00000000000000000001", "3", "0"}, BinaryCase{"1", "0", "nullopt"},
        BinaryCase{"0", "0", "nullopt"}, BinaryCase{"-1", "0", "nullopt"}));

TEST(DecimalArithmetic, PertExpectedValueIsExact) {
  // (optimistic + 4 x most likely + pessimistic) / 6 for 120, 160, 241 hours.
  const auto four_likely = mul(Decimal::from_int(4), D("160"));
  ASSERT_TRUE(four_likely);
  const auto sum = add(*add(D("120"), *four_likely), D("241"));
  ASSERT_TRUE(sum);
  EXPECT_EQ(text_of(sum), "1001");
  EXPECT_EQ(text_of(div(*sum, Decimal::from_int(6))), "166.83333333333333333333");
}

struct ModCase {
  std::string_view a;
  std::string_view b;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const ModCase& c) {
  return out << c.a << ' ' << c.b << ' ' << c.expected;
}

class Remainder : public ::testing::TestWithParam<ModCase> {};

TEST_P(Remainder, TakesTheSignOfTheDividend) {
  const auto& c = GetParam();
  EXPECT_EQ(text_of(mod(D(c.a), D(c.b))), c.expected) << c.a << " mod " << c.b;
}

INSTANTIATE_TEST_SUITE_P(Decimal, Remainder,
                         ::testing::Values(ModCase{"10", "3", "1"}, ModCase{"-10", "3", "-1"},
                                           ModCase{"10", "-3", "1"}, ModCase{"-10", "-3", "-1"},
                                           ModCase{"5.5", "2", "1.5"}, ModCase{"-5.5", "2", "-1.5"},
                                           ModCase{"7.25", "0.5", "0.25"}, ModCase{"6", "3", "0"},
                                           ModCase{"0.3", "0.1", "0"}, ModCase{"1", "7", "1"},
                                           ModCase{kMaxText, "1", "0.31687303715884105727"},
                                           ModCase{kMinText, "1", "-0.31687303715884105727"},
                                           ModCase{"1", "0", "nullopt"},
                                           ModCase{"0", "0", "nullopt"}));

// ---------------------------------------------------------------------------- rounding

struct StepCase {
  std::string_view value;
  std::string_view step;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const StepCase& c) {
  return out << c.value << ' ' << c.step << ' ' << c.expected;
}

class RoundToStep : public ::testing::TestWithParam<StepCase> {};

TEST_P(RoundToStep, RoundsHalfAwayFromZero) {
  const auto& c = GetParam();
  EXPECT_EQ(text_of(D(c.value).round_to_step(D(c.step))), c.expected)
      << c.value << " to " << c.step;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, RoundToStep,
    ::testing::Values(StepCase{"2.5", "1", "3"}, StepCase{"-2.5", "1", "-3"},
                      StepCase{"2.4999", "1", "2"}, StepCase{"-2.4999", "1", "-2"},
                      StepCase{"3.5", "1", "4"}, StepCase{"1234.5", "1", "1235"},
                      StepCase{"0.125", "0.01", "0.13"}, StepCase{"-0.125", "0.01", "-0.13"},
                      StepCase{"0.135", "0.01", "0.14"}, StepCase{"0.124999", "0.01", "0.12"},
                      StepCase{"-0.005", "0.01", "-0.01"}, StepCase{"-0.001", "0.01", "0"},
                      StepCase{"150", "100", "200"}, StepCase{"-150", "100", "-200"},
                      StepCase{"250", "100", "300"}, StepCase{"149.99", "100", "100"},
                      StepCase{"1049.99", "100", "1000"}, StepCase{"1050", "100", "1100"},
                      StepCase{"0.075", "0.05", "0.1"}, StepCase{"0.074", "0.05", "0.05"},
                      StepCase{"0.025", "0.05", "0.05"}, StepCase{"-0.025", "0.05", "-0.05"},
                      StepCase{"0.0249", "0.05", "0"}, StepCase{"7", "0.25", "7"},
                      StepCase{"7.125", "0.25", "7.25"}, StepCase{"0", "0.01", "0"},
                      StepCase{"1234.5678", "0.00000000000000000001", "1234.5678"},
                      StepCase{kMaxText, "1", "1701411834604692317"},
                      StepCase{kMaxText, "100", "1701411834604692300"},
                      StepCase{kMaxText, "0.01", "nullopt"}, StepCase{kMaxText, "1e18", "nullopt"},
                      StepCase{kMinText, "1e18", "nullopt"}, StepCase{"1", "0", "nullopt"},
                      StepCase{"1", "-0.01", "nullopt"}));

struct PlacesCase {
  std::string_view value;
  int decimals;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const PlacesCase& c) {
  return out << c.value << ' ' << c.decimals << ' ' << c.expected;
}

class RoundToPlaces : public ::testing::TestWithParam<PlacesCase> {};

TEST_P(RoundToPlaces, RoundsHalfAwayFromZero) {
  const auto& c = GetParam();
  EXPECT_EQ(text_of(D(c.value).round(c.decimals)), c.expected) << c.value << " to " << c.decimals;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, RoundToPlaces,
    ::testing::Values(PlacesCase{"1.005", 2, "1.01"}, PlacesCase{"-1.005", 2, "-1.01"},
                      PlacesCase{"1.0049", 2, "1"}, PlacesCase{"2.5", 0, "3"},
                      PlacesCase{"-2.5", 0, "-3"}, PlacesCase{"0.125", 2, "0.13"},
                      PlacesCase{"-0.125", 2, "-0.13"}, PlacesCase{"1234.5678", -2, "1200"},
                      PlacesCase{"1250", -2, "1300"}, PlacesCase{"-1250", -2, "-1300"},
                      PlacesCase{"1249.99", -2, "1200"}, PlacesCase{"123", -3, "0"},
                      PlacesCase{"500", -3, "1000"}, PlacesCase{"-500", -3, "-1000"},
                      PlacesCase{"0.123456789", 20, "0.123456789"},
                      PlacesCase{"0.123456789", 25, "0.123456789"},
                      PlacesCase{"0.123456789", 5, "0.12346"}, PlacesCase{kMaxText, -18, "nullopt"},
                      PlacesCase{kMaxText, -19, "0"}, PlacesCase{kMinText, -40, "0"},
                      PlacesCase{kMaxText, 2, "nullopt"}));

struct FloorCeilCase {
  std::string_view value;
  std::string_view floor;
  std::string_view ceil;
};
std::ostream& operator<<(std::ostream& out, const FloorCeilCase& c) {
  return out << c.value << ' ' << c.floor << ' ' << c.ceil;
}

class FloorAndCeil : public ::testing::TestWithParam<FloorCeilCase> {};

TEST_P(FloorAndCeil, RoundTowardsTheInfinities) {
  const auto& c = GetParam();
  EXPECT_EQ(D(c.value).floor().to_string(), c.floor) << c.value;
  EXPECT_EQ(D(c.value).ceil().to_string(), c.ceil) << c.value;
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, FloorAndCeil,
    ::testing::Values(FloorCeilCase{"2.7", "2", "3"}, FloorCeilCase{"-2.7", "-3", "-2"},
                      FloorCeilCase{"2", "2", "2"}, FloorCeilCase{"-2", "-2", "-2"},
                      FloorCeilCase{"0.5", "0", "1"}, FloorCeilCase{"-0.5", "-1", "0"},
                      FloorCeilCase{"0", "0", "0"},
                      FloorCeilCase{"-0.00000000000000000001", "-1", "0"},
                      FloorCeilCase{"1e-20", "0", "1"},
                      FloorCeilCase{"-1234.0001", "-1235", "-1234"},
                      // The next whole number beyond the largest is not representable, so
                      // floor and ceil stop at the largest whole magnitude.
                      FloorCeilCase{kMaxText, "1701411834604692317", "1701411834604692317"},
                      FloorCeilCase{kMinText, "-1701411834604692317", "-1701411834604692317"}));

// ---------------------------------------------------------------------------- queries

TEST(DecimalQueries, Places) {
  EXPECT_EQ(D("12").places(), 0);
  EXPECT_EQ(D("12.50").places(), 1);
  EXPECT_EQ(D("12.05").places(), 2);
  EXPECT_EQ(D("-3.25").places(), 2);
  EXPECT_EQ(D("0.001").places(), 3);
  EXPECT_EQ(D("1e-20").places(), 20);
  EXPECT_EQ(D("1e3").places(), 0);
  EXPECT_EQ(Decimal{}.places(), 0);
}

TEST(DecimalQueries, IsInteger) {
  EXPECT_TRUE(D("5").is_integer());
  EXPECT_TRUE(D("-5.000").is_integer());
  EXPECT_TRUE(Decimal{}.is_integer());
  EXPECT_FALSE(D("5.5").is_integer());
  EXPECT_FALSE(D("-0.00000000000000000001").is_integer());
  EXPECT_FALSE(Decimal::max().is_integer());
}

TEST(DecimalQueries, ToInt64Truncates) {
  EXPECT_EQ(D("12.9").to_int64(), 12);
  EXPECT_EQ(D("-12.9").to_int64(), -12);
  EXPECT_EQ(D("0.99").to_int64(), 0);
  EXPECT_EQ(Decimal::max().to_int64(), INT64_C(1701411834604692317));
  EXPECT_EQ(Decimal::min().to_int64(), INT64_C(-1701411834604692317));
}

TEST(DecimalQueries, ToDoubleIsTheNearestDouble) {
  EXPECT_EQ(D("0.1").to_double(), 0.1);
  EXPECT_EQ(D("-2.5").to_double(), -2.5);
  EXPECT_EQ(D("0.3").to_double(), 0.3);
  EXPECT_EQ(D("166.83333333333333333333").to_double(), 1001.0 / 6.0);
  EXPECT_EQ(D("1e-20").to_double(), 1e-20);
  EXPECT_EQ(Decimal{}.to_double(), 0.0);
  EXPECT_EQ(Decimal::max().to_double(), 1701411834604692317.31687303715884105727);
}

TEST(DecimalQueries, SignAbsNegated) {
  EXPECT_EQ(D("-3").sign(), -1);
  EXPECT_EQ(D("3").sign(), 1);
  EXPECT_EQ(Decimal{}.sign(), 0);
  EXPECT_TRUE(Decimal{}.is_zero());
  EXPECT_EQ(D("-3.5").abs(), D("3.5"));
  EXPECT_EQ(D("3.5").abs(), D("3.5"));
  EXPECT_EQ(D("3.5").negated(), D("-3.5"));
  EXPECT_EQ(Decimal::min().negated(), Decimal::max());
  EXPECT_EQ(Decimal::min().abs(), Decimal::max());
}

TEST(DecimalQueries, Ordering) {
  EXPECT_LT(D("-1"), D("0.5"));
  EXPECT_LT(D("0.5"), D("0.50000000000000000001"));
  EXPECT_GT(D("100"), D("99.99"));
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_LT(Decimal::min(), Decimal::max());
}

TEST(DecimalQueries, MaxAndMinAreTheSymmetricLimits) {
  EXPECT_EQ(Decimal::max().raw(),
            static_cast<__int128>(~(static_cast<unsigned __int128>(1) << 127)));
  EXPECT_EQ(Decimal::min().raw(), -Decimal::max().raw());
}

TEST(DecimalFromInt, IsExactUpToTheLargestWholeNumber) {
  EXPECT_EQ(Decimal::from_int(0).to_string(), "0");
  EXPECT_EQ(Decimal::from_int(42).to_string(), "42");
  EXPECT_EQ(Decimal::from_int(-42).to_string(), "-42");
  EXPECT_EQ(Decimal::from_int(INT64_C(1701411834604692317)).to_string(), "1701411834604692317");
  EXPECT_EQ(Decimal::from_int(INT64_C(-1701411834604692317)).to_string(), "-1701411834604692317");
  EXPECT_EQ(text_of(Decimal::try_from_int(-7)), "-7");
  EXPECT_FALSE(Decimal::try_from_int(INT64_C(1701411834604692318)).has_value());
  EXPECT_FALSE(Decimal::try_from_int(INT64_MAX).has_value());
  EXPECT_FALSE(Decimal::try_from_int(INT64_MIN).has_value());
  EXPECT_EQ(Decimal::from_int(INT64_MAX), Decimal::max());
  EXPECT_EQ(Decimal::from_int(INT64_MIN), Decimal::min());
}

// ---------------------------------------------------------------------------- cross-check

// Products and quotients of random operands (everyday sizes, tiny fractions, values at
// the limit, digit patterns that exercise the long-division correction step) computed by
// Python's decimal module: see tests/data/decimal/generate_cross_check.py.
TEST(DecimalCrossCheck, MatchesPythonDecimal) {
  std::ifstream file(BASIS_SOURCE_DIR "/tests/data/decimal/cross_check.txt");
  ASSERT_TRUE(file) << "missing tests/data/decimal/cross_check.txt";
  std::string line;
  int checked = 0;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    std::string op, a, b, expected;
    ASSERT_TRUE(fields >> op >> a >> b >> expected) << line;
    const auto left = Decimal::parse(a);
    const auto right = Decimal::parse(b);
    ASSERT_TRUE(left && right) << line;
    EXPECT_EQ(left->to_string(), a);
    EXPECT_EQ(right->to_string(), b);
    const auto result = op == "mul" ? mul(*left, *right) : div(*left, *right);
    EXPECT_EQ(result ? result->to_string() : "overflow", expected) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 900);
}

// Operands small enough that the exact product or scaled dividend fits in 128 bits, so
// native unsigned __int128 arithmetic gives the rounded result long-hand.
using U128 = unsigned __int128;

U128 rounded_quotient(U128 dividend, U128 divisor) {
  const U128 quotient = dividend / divisor;
  return 2 * (dividend % divisor) >= divisor ? quotient + 1 : quotient;
}

Decimal::Raw with_sign(U128 magnitude, bool negative) {
  const auto raw = static_cast<Decimal::Raw>(magnitude);
  return negative ? -raw : raw;
}

TEST(DecimalCrossCheck, SmallOperandsMatchNativeLongHand) {
  std::mt19937_64 random(20260101);  // the standard fixes mt19937_64's sequence
  const U128 scale = static_cast<U128>(10'000'000'000) * 10'000'000'000;
  for (int i = 0; i < 5000; ++i) {
    // Magnitudes below 2^(bits): 2^62 x 2^62 and 2^60 x 10^20 fit in 128 bits.
    const U128 a = random() >> 2 >> (random() % 60);
    const U128 b = (random() >> 2 >> (random() % 60)) | 1;
    const bool a_negative = random() % 2 == 0;
    const bool b_negative = random() % 2 == 0;
    const Decimal left = Decimal::from_raw(with_sign(a, a_negative));
    const Decimal right = Decimal::from_raw(with_sign(b, b_negative));
    const bool negative = a_negative != b_negative;

    const auto product = mul(left, right);
    ASSERT_TRUE(product);
    EXPECT_EQ(product->raw(), with_sign(rounded_quotient(a * b, scale), negative))
        << left.to_string() << " x " << right.to_string();

    const U128 small_a = a >> 2;  // below 2^60
    const auto quotient = div(Decimal::from_raw(with_sign(small_a, a_negative)), right);
    ASSERT_TRUE(quotient);
    EXPECT_EQ(quotient->raw(), with_sign(rounded_quotient(small_a * scale, b), negative))
        << left.to_string() << " / " << right.to_string();
  }
}

// ---------------------------------------------------------------------------- properties

Decimal random_decimal(std::mt19937_64& random) {
  const U128 high = random();  // separate statements: operand order is unspecified
  const U128 bits = (high << 64) | random();
  // A quarter of the draws lie near the limit, where overflow happens.
  const int shift = random() % 4 == 0 ? 1 : 1 + static_cast<int>(random() % 127);
  const U128 magnitude = bits >> shift;  // below 2^127
  return Decimal::from_raw(with_sign(magnitude, random() % 2 == 0));
}

TEST(DecimalProperties, TextRoundTripsExactly) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 5000; ++i) {
    const Decimal value = random_decimal(random);
    const std::string text = value.to_string();
    EXPECT_EQ(Decimal::parse(text), value) << text;
    const std::string fixed = value.to_fixed(20);
    EXPECT_EQ(Decimal::parse(fixed), value) << fixed;
    EXPECT_EQ(fixed.size() - fixed.find('.'), 21u) << fixed;
    EXPECT_EQ(Decimal::parse(text + "e0"), value) << text;
    if (!value.is_integer()) {
      EXPECT_EQ(Decimal::parse(text + "000"), value) << text;
    }
  }
}

TEST(DecimalProperties, AddAndSubUndoEachOtherWhenInRange) {
  std::mt19937_64 random(11);
  int in_range = 0;
  int overflows = 0;
  for (int i = 0; i < 5000; ++i) {
    const Decimal a = random_decimal(random);
    const Decimal b = random_decimal(random);
    const auto sum = add(a, b);
    // Opposite signs always fit; same signs fit while |a| <= max - |b|.
    const bool same_sign = (a.raw() < 0) == (b.raw() < 0);
    const bool fits = !same_sign || a.abs().raw() <= Decimal::max().raw() - b.abs().raw();
    EXPECT_EQ(sum.has_value(), fits) << a.to_string() << " + " << b.to_string();
    if (!sum) {
      ++overflows;
      continue;
    }
    ++in_range;
    EXPECT_EQ(sub(*sum, b), a);
    EXPECT_EQ(sub(*sum, a), b);
    EXPECT_EQ(add(b, a), sum);
  }
  EXPECT_GT(in_range, 1000);
  EXPECT_GT(overflows, 50);
}

TEST(DecimalProperties, RoundingNeverMovesMoreThanHalfAStep) {
  std::mt19937_64 random(13);
  const Decimal cent = D("0.01");
  const Decimal half_cent = D("0.005");
  for (int i = 0; i < 5000; ++i) {
    const Decimal value = Decimal::from_raw(random_decimal(random).raw() >> 8);
    const auto rounded = value.round_to_step(cent);
    ASSERT_TRUE(rounded) << value.to_string();
    EXPECT_LE(rounded->places(), 2);
    const Decimal moved = sub(*rounded, value)->abs();
    EXPECT_LE(moved, half_cent) << value.to_string();
    EXPECT_EQ(value.round(2), rounded);
    EXPECT_EQ(value.to_fixed(2), rounded->to_fixed(2));
    EXPECT_LE(value.floor(), value);
    EXPECT_GE(value.ceil(), value);
    EXPECT_TRUE(value.floor().is_integer());
    EXPECT_TRUE(value.ceil().is_integer());
  }
}

TEST(DecimalProperties, ParseNeverCrashesOnArbitraryBytes) {
  std::mt19937_64 random(17);
  constexpr std::string_view kAlphabet = "0123456789+-.eE x_,";
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text(random() % 12, ' ');
    for (char& c : text) c = kAlphabet[random() % kAlphabet.size()];
    const auto value = Decimal::parse(text);
    if (!value) continue;
    ++accepted;
    // Whatever is accepted is a number whose canonical text reads back the same.
    EXPECT_EQ(Decimal::parse(value->to_string()), value) << text;
    EXPECT_EQ(text.find_first_of(" x_,"), std::string::npos) << text;
  }
  EXPECT_GT(accepted, 100);
}

}  // namespace
}  // namespace basis
