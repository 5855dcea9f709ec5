#include "basis/core/currency.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace basis {
namespace {

// Symbols follow CLDR's English short forms where a bare "$" or "¥" would be ambiguous
// (CA$, A$, NZ$, HK$, MX$, CN¥); S$ and R$ are the forms used in their own markets.
// Symbols that read as words in their own languages (kr, zł) go after the number with a
// space; "CHF " carries its own space because a code glued to digits is unreadable.
constexpr std::array kCurrencies{
    Currency{"AUD", "A$", 2, false},  Currency{"BRL", "R$", 2, false},
    Currency{"CAD", "CA$", 2, false}, Currency{"CHF", "CHF ", 2, false},
    Currency{"CNY", "CN¥", 2, false}, Currency{"DKK", "kr", 2, true},
    Currency{"EUR", "€", 2, false},   Currency{"GBP", "£", 2, false},
    Currency{"HKD", "HK$", 2, false}, Currency{"INR", "₹", 2, false},
    Currency{"JPY", "¥", 0, false},   Currency{"MXN", "MX$", 2, false},
    Currency{"NOK", "kr", 2, true},   Currency{"NZD", "NZ$", 2, false},
    Currency{"PLN", "zł", 2, true},   Currency{"SEK", "kr", 2, true},
    Currency{"SGD", "S$", 2, false},  Currency{"USD", "$", 2, false},
    Currency{"ZAR", "R", 2, false},
};

}  // namespace

const Currency* find_currency(std::string_view code) {
  const auto found = std::find_if(kCurrencies.begin(), kCurrencies.end(),
                                  [code](const Currency& c) { return c.code == code; });
  return found == kCurrencies.end() ? nullptr : &*found;
}

std::span<const Currency> known_currencies() {
  return kCurrencies;
}

std::string format_number(Decimal value, int decimals) {
  // A negative count rounds to tens, hundreds, ... and shows no decimals.
  if (decimals < 0) {
    if (auto rounded = value.round(decimals)) value = *rounded;
    decimals = 0;
  }
  const std::string fixed = value.to_fixed(decimals);
  const std::size_t sign = fixed.front() == '-' ? 1 : 0;
  const std::size_t point = std::min(fixed.find('.'), fixed.size());
  const std::size_t whole_digits = point - sign;

  std::string grouped;
  grouped.reserve(fixed.size() + whole_digits / 3);
  grouped.append(fixed, 0, sign);
  for (std::size_t i = 0; i < whole_digits; ++i) {
    if (i != 0 && (whole_digits - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(fixed[sign + i]);
  }
  grouped.append(fixed, point, std::string::npos);
  return grouped;
}

std::string format_money(Decimal amount, const Currency& currency, int decimals) {
  std::string number = format_number(amount, decimals);
  // The sign comes from the rounded text so that -0.001 shows as "$0.00", not "-$0.00".
  const bool negative = number.front() == '-';
  std::string_view digits = number;
  if (negative) digits.remove_prefix(1);

  std::string text;
  text.reserve(number.size() + currency.symbol.size() + 1);
  if (negative) text.push_back('-');
  if (currency.symbol_after) {
    text.append(digits);
    text.push_back(' ');
    text.append(currency.symbol);
  } else {
    text.append(currency.symbol);
    text.append(digits);
  }
  return text;
}

}  // namespace basis
