#include "csv_cells.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace basis::detail {

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
constexpr std::string_view kYen = "\xC2\xA5";

// Symbols that mark a figure as money in some currency, beyond those of known_currencies():
// a cell carrying one of them is in a foreign currency, not text.
constexpr std::array<std::string_view, 14> kOtherSymbols = {"$",
                                                            "US$",
                                                            "\xE2\x82\xAC" /* € */,
                                                            "\xC2\xA3" /* £ */,
                                                            kYen,
                                                            "\xE2\x82\xB9" /* ₹ */,
                                                            "\xE2\x82\xA9" /* ₩ */,
                                                            "\xE2\x82\xBD" /* ₽ */,
                                                            "\xE2\x82\xBA" /* ₺ */,
                                                            "\xE2\x82\xAA" /* ₪ */,
                                                            "\xE0\xB8\xBF" /* ฿ */,
                                                            "\xE2\x82\xB1" /* ₱ */,
                                                            "\xE2\x82\xA6" /* ₦ */,
                                                            "Fr."};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// `\d+` or `\d{1,3}(,\d{3})+`, then optionally `.\d+`; or `.\d+`. Commas are dropped.
std::optional<std::string> grouped_digits(std::string_view s) {
  std::string digits;
  digits.reserve(s.size() + 1);
  std::size_t i = 0;
  std::size_t run = 0;
  bool grouped = false;
  while (i < s.size() && (is_digit(s[i]) || s[i] == ',')) {
    if (s[i] == ',') {
      if (run == 0 || (grouped ? run != 3 : run > 3)) return std::nullopt;
      grouped = true;
      run = 0;
    } else {
      digits.push_back(s[i]);
      ++run;
    }
    ++i;
  }
  if (grouped && run != 3) return std::nullopt;
  if (digits.empty()) digits.push_back('0');
  const bool had_whole = i > 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) {
      if (!had_whole) return std::nullopt;
    } else {
      digits.push_back('.');
      digits.append(s.substr(start, i - start));
    }
  } else if (!had_whole) {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return digits;
}

struct Parsed {
  MoneyCell::Status status = MoneyCell::Status::not_a_number;
  Decimal value;
  std::string_view symbol;
};

// One reading of a cell with a given set of symbols, longest first.
Parsed read_cell(std::string_view cell, const std::vector<std::string_view>& symbols) {
  Parsed out;
  std::string_view t = trim_cell(cell);
  bool negative = false;
  bool parentheses = false;
  bool signed_ = false;
  if (t.size() >= 2 && t.front() == '(' && t.back() == ')') {
    parentheses = true;
    negative = true;
    t = trim_cell(t.substr(1, t.size() - 2));
  }
  auto take_sign = [&] {
    if (!t.empty() && (t.front() == '-' || t.front() == '+')) {
      if (parentheses || signed_) return false;
      negative = t.front() == '-';
      signed_ = true;
      t = trim_cell(t.substr(1));
    }
    return true;
  };
  if (!take_sign()) return out;
  for (std::string_view s : symbols) {
    if (starts_with(t, s)) {
      out.symbol = s;
      t = trim_cell(t.substr(s.size()));
      if (!take_sign()) return out;
      break;
    }
  }
  if (out.symbol.empty()) {
    for (std::string_view s : symbols) {
      if (ends_with(t, s)) {
        out.symbol = s;
        t = trim_cell(t.substr(0, t.size() - s.size()));
        break;
      }
    }
  }
  bool percent = false;
  if (!t.empty() && t.back() == '%') {
    if (!out.symbol.empty()) return out;  // "$12%" is neither money nor a share
    percent = true;
    t = trim_cell(t.substr(0, t.size() - 1));
  }
  auto digits = grouped_digits(t);
  if (!digits) return out;
  auto value = Decimal::parse(*digits);
  if (value && percent) value = div(*value, Decimal::from_int(100));
  if (!value) {
    out.status = MoneyCell::Status::out_of_range;
    return out;
  }
  out.status = MoneyCell::Status::number;
  out.value = negative ? value->negated() : *value;
  return out;
}

void sort_longest_first(std::vector<std::string_view>& symbols) {
  std::stable_sort(symbols.begin(), symbols.end(),
                   [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
}

std::vector<std::string_view> own_symbols(const Currency& currency) {
  std::vector<std::string_view> symbols;
  std::string_view symbol = trim_cell(currency.symbol);
  symbols.push_back(symbol);
  symbols.push_back(currency.code);
  if (ends_with(symbol, "$") && symbol != "$") symbols.push_back("$");
  if (ends_with(symbol, kYen) && symbol != kYen) symbols.push_back(kYen);
  if (currency.code == "USD") symbols.push_back("US$");
  sort_longest_first(symbols);
  return symbols;
}

std::vector<std::string_view> foreign_symbols(const std::vector<std::string_view>& own) {
  std::vector<std::string_view> symbols;
  auto add = [&](std::string_view s) {
    if (std::find(own.begin(), own.end(), s) == own.end() &&
        std::find(symbols.begin(), symbols.end(), s) == symbols.end()) {
      symbols.push_back(s);
    }
  };
  for (const Currency& c : known_currencies()) {
    add(trim_cell(c.symbol));
    add(c.code);
  }
  for (std::string_view s : kOtherSymbols) add(s);
  sort_longest_first(symbols);
  return symbols;
}

}  // namespace

std::string_view trim_cell(std::string_view text) {
  for (;;) {
    const std::size_t before = text.size();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    for (std::string_view space : {kNoBreakSpace, kNarrowNoBreakSpace}) {
      if (starts_with(text, space)) text.remove_prefix(space.size());
      if (ends_with(text, space)) text.remove_suffix(space.size());
    }
    if (text.size() == before) return text;
  }
}

MoneyCellReader::MoneyCellReader(const Currency& currency)
    : own_(own_symbols(currency)), foreign_(foreign_symbols(own_)) {}

MoneyCell MoneyCellReader::read(std::string_view cell) const {
  MoneyCell out;
  Parsed parsed = read_cell(cell, own_);
  if (parsed.status != MoneyCell::Status::not_a_number) {
    out.status = parsed.status;
    out.value = parsed.value;
    return out;
  }
  // Only worth a second reading when the first failed: names a symbol the estimator
  // can fix rather than saying "not a number" about "€1,200".
  Parsed other = read_cell(cell, foreign_);
  if (other.status != MoneyCell::Status::not_a_number && !other.symbol.empty()) {
    out.status = MoneyCell::Status::foreign_currency;
    out.symbol = std::string(other.symbol);
  }
  return out;
}

MoneyCell parse_money_cell(std::string_view cell, const Currency& currency) {
  return MoneyCellReader(currency).read(cell);
}

}  // namespace basis::detail
