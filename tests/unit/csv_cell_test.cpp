// Reading numbers from the text of scalars and spreadsheet cells: the YAML 1.2 core
// schema (with the leading-zero and .inf departures), JSON tokens, plain CSV cells,
// percentages, and money cells with symbols, separators, signs and parentheses.

#include <gtest/gtest.h>

#include "../../parser/src/csv_cells.hpp"
#include "../../parser/src/number_text.hpp"

namespace basis::detail {
namespace {

Decimal dec(std::string_view text) {
  return *Decimal::parse(text);
}

// The value when the text reads as a number, or "-" when it does not, "range" when out
// of range: one string so that a table row states both outcomes.
std::string yaml(std::string_view text) {
  NumberText n = parse_yaml_number(text);
  if (n.status == NumberText::Status::out_of_range) return "range";
  return n.is_number() ? n.value.to_string() : "-";
}
std::string plain(std::string_view text) {
  NumberText n = parse_plain_number(text);
  if (n.status == NumberText::Status::out_of_range) return "range";
  return n.is_number() ? n.value.to_string() : "-";
}

const Currency& cur(std::string_view code) {
  return *find_currency(code);
}

std::string cell(std::string_view text, std::string_view code = "USD") {
  MoneyCell m = parse_money_cell(text, cur(code));
  switch (m.status) {
    case MoneyCell::Status::number:
      return m.value.to_string();
    case MoneyCell::Status::not_a_number:
      return "-";
    case MoneyCell::Status::foreign_currency:
      return "foreign " + m.symbol;
    case MoneyCell::Status::out_of_range:
      return "range";
  }
  return "?";
}

TEST(YamlNumber, CoreSchemaIntegersAndFloats) {
  EXPECT_EQ(yaml("12"), "12");
  EXPECT_EQ(yaml("-3.5"), "-3.5");
  EXPECT_EQ(yaml("+7"), "7");
  EXPECT_EQ(yaml("0"), "0");
  EXPECT_EQ(yaml("-0"), "0");
  EXPECT_EQ(yaml("0.25"), "0.25");
  EXPECT_EQ(yaml(".5"), "0.5");
  EXPECT_EQ(yaml("5."), "5");
  EXPECT_EQ(yaml("1e3"), "1000");
  EXPECT_EQ(yaml("2.5E-2"), "0.025");
  EXPECT_EQ(yaml("1e-20"), "0.00000000000000000001");
  EXPECT_EQ(yaml("0x1F"), "31");
  EXPECT_EQ(yaml("0o17"), "15");
  EXPECT_EQ(yaml("2187.40"), "2187.4");
}

TEST(YamlNumber, TextThatIsNotANumber) {
  // Leading zeros keep codes and ids as text.
  EXPECT_EQ(yaml("001"), "-");
  EXPECT_EQ(yaml("007.5"), "-");
  EXPECT_EQ(yaml("-012"), "-");
  EXPECT_EQ(yaml("00"), "-");
  // Infinity and NaN are numbers in YAML, but never an amount.
  EXPECT_EQ(yaml(".inf"), "-");
  EXPECT_EQ(yaml("-.Inf"), "-");
  EXPECT_EQ(yaml(".nan"), "-");
  // YAML 1.1 and spreadsheet spellings are text in YAML 1.2.
  EXPECT_EQ(yaml("1_000"), "-");
  EXPECT_EQ(yaml("1,000"), "-");
  EXPECT_EQ(yaml("12%"), "-");
  EXPECT_EQ(yaml("0b101"), "-");
  EXPECT_EQ(yaml("0x"), "-");
  EXPECT_EQ(yaml("0xZZ"), "-");
  EXPECT_EQ(yaml("0o8"), "-");
  EXPECT_EQ(yaml(""), "-");
  EXPECT_EQ(yaml("."), "-");
  EXPECT_EQ(yaml("-"), "-");
  EXPECT_EQ(yaml("e5"), "-");
  EXPECT_EQ(yaml("1e"), "-");
  EXPECT_EQ(yaml("--1"), "-");
  EXPECT_EQ(yaml("1 2"), "-");
  EXPECT_EQ(yaml("forty"), "-");
}

TEST(YamlNumber, OutOfRange) {
  EXPECT_EQ(yaml("1e400"), "range");
  EXPECT_EQ(yaml("0.000000000000000000001"), "range");  // 21 decimal places
  EXPECT_EQ(yaml("0xFFFFFFFFFFFFFFFFFF"), "range");
  EXPECT_EQ(yaml("99999999999999999999"), "range");
}

TEST(YamlScalars, NullAndBooleansOfTheCoreSchemaOnly) {
  for (std::string_view t : {"", "~", "null", "Null", "NULL"}) EXPECT_TRUE(is_yaml_null(t)) << t;
  for (std::string_view t : {"nul", "none", "None", "0"}) EXPECT_FALSE(is_yaml_null(t)) << t;
  EXPECT_EQ(yaml_boolean("true"), true);
  EXPECT_EQ(yaml_boolean("TRUE"), true);
  EXPECT_EQ(yaml_boolean("False"), false);
  for (std::string_view t : {"yes", "no", "on", "off", "y", "n", "Yes", "OFF", "1", "tru"}) {
    EXPECT_EQ(yaml_boolean(t), std::nullopt) << t;
  }
}

TEST(JsonNumber, TokensAreReadExactly) {
  EXPECT_EQ(parse_json_number("2187.40").value, dec("2187.4"));
  EXPECT_EQ(parse_json_number("-0.1").value, dec("-0.1"));
  EXPECT_EQ(parse_json_number("1E2").value, dec("100"));
  EXPECT_EQ(parse_json_number("1e400").status, NumberText::Status::out_of_range);
}

TEST(PlainNumber, CsvCellsOutsideCostColumns) {
  EXPECT_EQ(plain("12"), "12");
  EXPECT_EQ(plain("-4"), "-4");
  EXPECT_EQ(plain("1.50"), "1.5");
  EXPECT_EQ(plain("0.5"), "0.5");
  EXPECT_EQ(plain("007"), "-");
  EXPECT_EQ(plain("1e3"), "-");
  EXPECT_EQ(plain(".5"), "-");
  EXPECT_EQ(plain("5."), "-");
  EXPECT_EQ(plain("1,000"), "-");
  EXPECT_EQ(plain("$5"), "-");
  EXPECT_EQ(plain("12%"), "-");
}

TEST(Percent, WrittenWithASign) {
  PercentText p = parse_percent("12%");
  EXPECT_EQ(p.status, PercentText::Status::percentage);
  EXPECT_EQ(p.fraction, dec("0.12"));
  EXPECT_EQ(parse_percent("-5%").fraction, dec("-0.05"));
  EXPECT_EQ(parse_percent("2.5%").fraction, dec("0.025"));
  EXPECT_EQ(parse_percent("12 %").fraction, dec("0.12"));
  EXPECT_EQ(parse_percent("0%").fraction, dec("0"));
  EXPECT_EQ(parse_percent("100%").fraction, dec("1"));
}

TEST(Percent, BareNumbersAndText) {
  PercentText bare = parse_percent("12");
  EXPECT_EQ(bare.status, PercentText::Status::bare_number);
  EXPECT_EQ(bare.number, dec("12"));
  EXPECT_EQ(parse_percent("0.12").status, PercentText::Status::bare_number);
  for (std::string_view t : {"twelve%", "%", "12%%", "12%5", "", "1,2%", "$12%"}) {
    EXPECT_EQ(parse_percent(t).status, PercentText::Status::not_a_percent) << t;
  }
  EXPECT_EQ(parse_percent("1e400%").status, PercentText::Status::not_a_percent);
  EXPECT_EQ(parse_percent("99999999999999999999%").status, PercentText::Status::out_of_range);
}

TEST(MoneyCell, SpreadsheetForms) {
  EXPECT_EQ(cell("$1,234.50"), "1234.5");
  EXPECT_EQ(cell("12%"), "0.12");
  EXPECT_EQ(cell("12 %"), "0.12");
  EXPECT_EQ(cell("-$350.00"), "-350");
  EXPECT_EQ(cell("($350.00)"), "-350");
  EXPECT_EQ(cell("$-350.00"), "-350");
  EXPECT_EQ(cell("(350)"), "-350");
  EXPECT_EQ(cell("+$5"), "5");
  EXPECT_EQ(cell("1,234"), "1234");
  EXPECT_EQ(cell("1,234,567.891"), "1234567.891");
  EXPECT_EQ(cell("1234.5"), "1234.5");
  EXPECT_EQ(cell("  42 "), "42");
  EXPECT_EQ(cell(".5"), "0.5");
  EXPECT_EQ(cell("5."), "5");
  EXPECT_EQ(cell("007"), "7");  // a cost column holds numbers only: no code to protect
  EXPECT_EQ(cell("USD 1,200"), "1200");
  EXPECT_EQ(cell("1,200 USD"), "1200");
  EXPECT_EQ(cell("US$99"), "99");
  EXPECT_EQ(cell("$\xC2\xA0"
                 "100"),
            "100");  // a no-break space after the symbol
}

TEST(MoneyCell, OtherCurrenciesOwnSymbols) {
  EXPECT_EQ(cell("1,200.00 kr", "SEK"), "1200");
  EXPECT_EQ(cell("CHF 1,200.00", "CHF"), "1200");
  EXPECT_EQ(cell("CHF1,200.00", "CHF"), "1200");
  EXPECT_EQ(cell("\xC2\xA5"
                 "1,235",
                 "JPY"),
            "1235");
  EXPECT_EQ(cell("\xE2\x82\xAC"
                 "99.90",
                 "EUR"),
            "99.9");
  EXPECT_EQ(cell("-\xC2\xA3"
                 "5",
                 "GBP"),
            "-5");
  // Local spreadsheets write a bare "$" or "¥" for their own dollar or yuan.
  EXPECT_EQ(cell("$100", "CAD"), "100");
  EXPECT_EQ(cell("CA$100", "CAD"), "100");
  EXPECT_EQ(cell("\xC2\xA5"
                 "10",
                 "CNY"),
            "10");
}

TEST(MoneyCell, ForeignSymbolsAreNamed) {
  EXPECT_EQ(cell("\xE2\x82\xAC"
                 "1,200"),
            "foreign \xE2\x82\xAC");
  EXPECT_EQ(cell("CA$100"), "foreign CA$");
  EXPECT_EQ(cell("EUR 5"), "foreign EUR");
  EXPECT_EQ(cell("1,200.00 kr"), "foreign kr");
  EXPECT_EQ(cell("($350.00)", "EUR"), "foreign $");
  EXPECT_EQ(cell("CN\xC2\xA5"
                 "10",
                 "JPY"),
            "foreign CN\xC2\xA5");
  EXPECT_EQ(cell("$5", "GBP"), "foreign $");
}

TEST(MoneyCell, AnythingElseIsNotANumber) {
  for (std::string_view t : {"forty", "",     "$",      "(-5)", "--5",      "-(5)",    "$12%",
                             "12%%",  "1,23", "1,2345", ",123", "1.234,50", "12.3.4",  "1 200",
                             "(5",    "5)",   "$$5",    "1e3",  "0x10",     "12 USD%", "abc$"}) {
    EXPECT_EQ(cell(t), "-") << t;
  }
}

TEST(MoneyCell, OutOfRange) {
  EXPECT_EQ(cell("$99,999,999,999,999,999,999"), "range");
  EXPECT_EQ(cell("0.000000000000000000001"), "range");
}

TEST(MoneyCell, ReaderIsReusable) {
  MoneyCellReader reader(cur("USD"));
  EXPECT_EQ(reader.read("$1.00").value, dec("1"));
  EXPECT_EQ(reader.read("$2.00").value, dec("2"));
  EXPECT_EQ(reader
                .read("\xC2\xA3"
                      "2")
                .status,
            MoneyCell::Status::foreign_currency);
}

}  // namespace
}  // namespace basis::detail
