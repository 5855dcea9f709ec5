#pragma once
// Spreadsheet money cells: "$1,234.50", "12%", "-$350.00", "($350.00)", "1,200.00 kr".
// Private to parser/src.

#include <string>
#include <string_view>
#include <vector>

#include "basis/core/currency.hpp"
#include "basis/core/decimal.hpp"

namespace basis::detail {

struct MoneyCell {
  enum class Status : std::uint8_t { number, not_a_number, foreign_currency, out_of_range };
  Status status = Status::not_a_number;
  Decimal value;
  std::string symbol;  // foreign_currency: the symbol as written
};

// Reads a cell of a cost column. Accepted: the estimate's currency symbol or ISO code
// before or after the number, thousands separators ',' in groups of three, '.' as the
// decimal point, a trailing '%' (12% is 0.12), a leading sign (before or after the symbol)
// or accounting parentheses for a negative. A currency whose symbol ends in '$' or '¥'
// (CA$, A$, CN¥, ...) also accepts the bare '$' or '¥' that local spreadsheets write.
// A cell that would be a number but for another currency's symbol is foreign_currency.
MoneyCell parse_money_cell(std::string_view cell, const Currency& currency);

// The same, with the symbol lists built once for a whole file.
class MoneyCellReader {
 public:
  explicit MoneyCellReader(const Currency& currency);
  MoneyCell read(std::string_view cell) const;

 private:
  std::vector<std::string_view> own_, foreign_;
};

// Spaces around a cell, including the no-break spaces spreadsheets put next to symbols.
std::string_view trim_cell(std::string_view text);

}  // namespace basis::detail
