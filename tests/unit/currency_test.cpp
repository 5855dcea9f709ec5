#include "basis/core/currency.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

namespace basis {
namespace {

Decimal D(std::string_view text) {
  const std::optional<Decimal> value = Decimal::parse(text);
  if (!value) ADD_FAILURE() << "test literal does not parse: " << text;
  return value.value_or(Decimal{});
}

struct CurrencyCase {
  std::string_view code;
  std::string_view symbol;
  int minor_unit;
  bool symbol_after;
  std::string_view formatted;  // 1234567.891 at the minor unit
  std::string_view negative;   // -1200 at the minor unit
};
std::ostream& operator<<(std::ostream& out, const CurrencyCase& c) {
  return out << c.code;
}

class EachCurrency : public ::testing::TestWithParam<CurrencyCase> {};

TEST_P(EachCurrency, HasItsSymbolMinorUnitAndFormat) {
  const auto& c = GetParam();
  const Currency* currency = find_currency(c.code);
  ASSERT_NE(currency, nullptr) << c.code;
  EXPECT_EQ(currency->code, c.code);
  EXPECT_EQ(currency->symbol, c.symbol);
  EXPECT_EQ(currency->minor_unit, c.minor_unit);
  EXPECT_EQ(currency->symbol_after, c.symbol_after);
  EXPECT_EQ(format_money(D("1234567.891"), *currency, currency->minor_unit), c.formatted);
  EXPECT_EQ(format_money(D("-1200"), *currency, currency->minor_unit), c.negative);
}

INSTANTIATE_TEST_SUITE_P(
    Currency, EachCurrency,
    ::testing::Values(CurrencyCase{"USD", "$", 2, false, "$1,234,567.89", "-$1,200.00"},
                      CurrencyCase{"EUR", "€", 2, false, "€1,234,567.89", "-€1,200.00"},
                      CurrencyCase{"GBP", "£", 2, false, "£1,234,567.89", "-£1,200.00"},
                      CurrencyCase{"CHF", "CHF ", 2, false, "CHF 1,234,567.89", "-CHF 1,200.00"},
                      CurrencyCase{"CAD", "CA$", 2, false, "CA$1,234,567.89", "-CA$1,200.00"},
                      CurrencyCase{"AUD", "A$", 2, false, "A$1,234,567.89", "-A$1,200.00"},
                      CurrencyCase{"JPY", "¥", 0, false, "¥1,234,568", "-¥1,200"},
                      CurrencyCase{"INR", "₹", 2, false, "₹1,234,567.89", "-₹1,200.00"},
                      CurrencyCase{"SEK", "kr", 2, true, "1,234,567.89 kr", "-1,200.00 kr"},
                      CurrencyCase{"NOK", "kr", 2, true, "1,234,567.89 kr", "-1,200.00 kr"},
                      CurrencyCase{"DKK", "kr", 2, true, "1,234,567.89 kr", "-1,200.00 kr"},
                      CurrencyCase{"NZD", "NZ$", 2, false, "NZ$1,234,567.89", "-NZ$1,200.00"},
                      CurrencyCase{"CNY", "CN¥", 2, false, "CN¥1,234,567.89", "-CN¥1,200.00"},
                      CurrencyCase{"HKD", "HK$", 2, false, "HK$1,234,567.89", "-HK$1,200.00"},
                      CurrencyCase{"SGD", "S$", 2, false, "S$1,234,567.89", "-S$1,200.00"},
                      CurrencyCase{"ZAR", "R", 2, false, "R1,234,567.89", "-R1,200.00"},
                      CurrencyCase{"MXN", "MX$", 2, false, "MX$1,234,567.89", "-MX$1,200.00"},
                      CurrencyCase{"BRL", "R$", 2, false, "R$1,234,567.89", "-R$1,200.00"},
                      CurrencyCase{"PLN", "zł", 2, true, "1,234,567.89 zł", "-1,200.00 zł"}));

TEST(CurrencyTable, ListsEveryCurrencyOnceAndFindsEach) {
  const auto all = known_currencies();
  EXPECT_EQ(all.size(), 19u);
  std::set<std::string_view> codes;
  for (const Currency& currency : all) {
    EXPECT_EQ(currency.code.size(), 3u) << currency.code;
    EXPECT_TRUE(codes.insert(currency.code).second) << "duplicate " << currency.code;
    EXPECT_EQ(find_currency(currency.code), &currency) << currency.code;
    EXPECT_FALSE(currency.symbol.empty()) << currency.code;
  }
}

TEST(CurrencyTable, MatchesCodesExactly) {
  EXPECT_EQ(find_currency("usd"), nullptr);
  EXPECT_EQ(find_currency("Usd"), nullptr);
  EXPECT_EQ(find_currency(""), nullptr);
  EXPECT_EQ(find_currency("US"), nullptr);
  EXPECT_EQ(find_currency("USD "), nullptr);
  EXPECT_EQ(find_currency(" USD"), nullptr);
  EXPECT_EQ(find_currency("XXX"), nullptr);
  EXPECT_EQ(find_currency("$"), nullptr);
}

struct NumberCase {
  std::string_view value;
  int decimals;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const NumberCase& c) {
  return out << c.value << " at " << c.decimals;
}

class FormatNumber : public ::testing::TestWithParam<NumberCase> {};

TEST_P(FormatNumber, GroupsThousandsAndRoundsHalfAwayFromZero) {
  const auto& c = GetParam();
  EXPECT_EQ(format_number(D(c.value), c.decimals), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Currency, FormatNumber,
    ::testing::Values(
        NumberCase{"1234567.89", 2, "1,234,567.89"}, NumberCase{"1234567.891", 2, "1,234,567.89"},
        NumberCase{"1234.5", 1, "1,234.5"}, NumberCase{"-1234.5", 1, "-1,234.5"},
        NumberCase{"-1234567", 0, "-1,234,567"}, NumberCase{"0", 0, "0"},
        NumberCase{"0", 2, "0.00"}, NumberCase{"12", 2, "12.00"}, NumberCase{"123", 0, "123"},
        NumberCase{"999", 0, "999"}, NumberCase{"-999", 0, "-999"}, NumberCase{"1000", 0, "1,000"},
        NumberCase{"-1000", 0, "-1,000"}, NumberCase{"1234", 0, "1,234"},
        NumberCase{"100000", 0, "100,000"}, NumberCase{"999999.5", 0, "1,000,000"},
        NumberCase{"999.995", 2, "1,000.00"}, NumberCase{"-999.995", 2, "-1,000.00"},
        NumberCase{"0.005", 2, "0.01"}, NumberCase{"-0.005", 2, "-0.01"},
        NumberCase{"-0.001", 2, "0.00"}, NumberCase{"-0.4", 0, "0"}, NumberCase{"0.125", 2, "0.13"},
        NumberCase{"-0.125", 2, "-0.13"}, NumberCase{"1234567.5", 0, "1,234,568"},
        NumberCase{"1234.5678", -2, "1,200"}, NumberCase{"-1250", -2, "-1,300"},
        NumberCase{"1701411834604692317.31687303715884105727", 2, "1,701,411,834,604,692,317.32"},
        NumberCase{"-1701411834604692317.31687303715884105727", 0, "-1,701,411,834,604,692,317"}));

struct MoneyCase {
  std::string_view value;
  std::string_view code;
  int decimals;
  std::string_view expected;
};
std::ostream& operator<<(std::ostream& out, const MoneyCase& c) {
  return out << c.value << ' ' << c.code << " at " << c.decimals;
}

class FormatMoney : public ::testing::TestWithParam<MoneyCase> {};

TEST_P(FormatMoney, PutsTheSymbolOnTheGroupedNumber) {
  const auto& c = GetParam();
  const Currency* currency = find_currency(c.code);
  ASSERT_NE(currency, nullptr);
  EXPECT_EQ(format_money(D(c.value), *currency, c.decimals), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Currency, FormatMoney,
    ::testing::Values(
        MoneyCase{"1234567.89", "USD", 2, "$1,234,567.89"},
        MoneyCase{"1234567.5", "JPY", 0, "¥1,234,568"}, MoneyCase{"-1234.5", "JPY", 0, "-¥1,235"},
        MoneyCase{"-5000", "USD", 2, "-$5,000.00"}, MoneyCase{"1200", "CHF", 2, "CHF 1,200.00"},
        MoneyCase{"-1200", "CHF", 2, "-CHF 1,200.00"}, MoneyCase{"1200", "SEK", 2, "1,200.00 kr"},
        MoneyCase{"-1200", "SEK", 2, "-1,200.00 kr"}, MoneyCase{"1234.5", "USD", 2, "$1,234.50"},
        MoneyCase{"1234.5", "USD", 0, "$1,235"}, MoneyCase{"-0.001", "USD", 2, "$0.00"},
        MoneyCase{"-0.001", "SEK", 2, "0.00 kr"}, MoneyCase{"-0.005", "EUR", 2, "-€0.01"},
        MoneyCase{"0", "GBP", 2, "£0.00"}, MoneyCase{"79177.86", "USD", 2, "$79,177.86"}));

}  // namespace
}  // namespace basis
