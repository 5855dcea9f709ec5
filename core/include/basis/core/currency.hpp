#pragma once
// ISO 4217 currencies basis knows: symbol, where the symbol goes, and the minor unit.

#include <span>
#include <string>
#include <string_view>

#include "basis/core/decimal.hpp"

namespace basis {

struct Currency {
  std::string_view code;    // "USD"
  std::string_view symbol;  // "$"
  int minor_unit;           // decimals of the smallest coin: 2 for USD, 0 for JPY
  bool symbol_after;        // "1,234.50 kr" rather than "kr1,234.50"
};

// nullptr when the code is unknown. Codes are matched exactly (upper case).
const Currency* find_currency(std::string_view code);
std::span<const Currency> known_currencies();

// Groups thousands with ',' and rounds half away from zero to `decimals` places:
// format_number(1234.5, 1) == "1,234.5", format_number(-1234567, 0) == "-1,234,567".
std::string format_number(Decimal value, int decimals);
// The currency's symbol on the grouped number, minus sign first:
// "$1,234,567.89", "¥1,234,568", "-$5,000.00", "CHF 1,200.00", "1,200.00 kr".
std::string format_money(Decimal amount, const Currency& currency, int decimals);

}  // namespace basis
