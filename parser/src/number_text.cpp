#include "number_text.hpp"

#include <cstdint>
#include <string>

namespace basis::detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The pieces of `[+-]?(digits(.digits?)?|.digits)([eE][+-]?digits)?`, as views into the text.
struct DecimalPieces {
  std::string_view sign, whole, fraction, exponent;  // exponent without the 'e'
  bool has_point = false;
};

std::optional<DecimalPieces> split_decimal(std::string_view s, bool allow_exponent) {
  DecimalPieces p;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) p.sign = s.substr(i++, 1);
  std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  p.whole = s.substr(start, i - start);
  if (i < s.size() && s[i] == '.') {
    p.has_point = true;
    start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    p.fraction = s.substr(start, i - start);
  }
  if (p.whole.empty() && p.fraction.empty()) return std::nullopt;
  if (allow_exponent && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    start = ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t digits = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits) return std::nullopt;
    p.exponent = s.substr(start, i - start);
  }
  if (i != s.size()) return std::nullopt;
  return p;
}

bool has_leading_zero(const DecimalPieces& p) {
  return p.whole.size() > 1 && p.whole[0] == '0';
}

NumberText from_pieces(const DecimalPieces& p, std::string_view text) {
  // Most numbers are already in Decimal::parse's grammar ("2187.40", "-5", "1e3"): parse
  // the text itself rather than a normalised copy.
  if (!p.whole.empty() && (!p.has_point || !p.fraction.empty())) {
    NumberText out;
    if (auto value = Decimal::parse(text)) {
      out.status = NumberText::Status::number;
      out.value = *value;
    } else {
      out.status = NumberText::Status::out_of_range;
    }
    return out;
  }
  // Decimal::parse wants digits on both sides of a point: ".5" -> "0.5", "5." -> "5".
  std::string normal;
  normal.reserve(p.sign.size() + p.whole.size() + p.fraction.size() + p.exponent.size() + 3);
  normal.append(p.sign);
  normal.append(p.whole.empty() ? std::string_view("0") : p.whole);
  if (!p.fraction.empty()) {
    normal.push_back('.');
    normal.append(p.fraction);
  }
  if (!p.exponent.empty()) {
    normal.push_back('e');
    normal.append(p.exponent);
  }
  NumberText out;
  if (auto value = Decimal::parse(normal)) {
    out.status = NumberText::Status::number;
    out.value = *value;
  } else {
    out.status = NumberText::Status::out_of_range;
  }
  return out;
}

NumberText from_radix(std::string_view digits, int radix) {
  NumberText out;
  if (digits.empty()) return out;
  std::int64_t value = 0;
  for (char c : digits) {
    int d;
    if (is_digit(c))
      d = c - '0';
    else if (radix == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (radix == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return out;
    if (d >= radix) return out;
    // Past ~1.7e18 no Decimal can hold it; keep scanning so that bad digits still say "text".
    if (value > (INT64_MAX - d) / radix)
      out.status = NumberText::Status::out_of_range;
    else
      value = value * radix + d;
  }
  if (out.status == NumberText::Status::out_of_range) return out;
  if (auto d = Decimal::try_from_int(value)) {
    out.status = NumberText::Status::number;
    out.value = *d;
  } else {
    out.status = NumberText::Status::out_of_range;
  }
  return out;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_yaml_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::optional<bool> yaml_boolean(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

NumberText parse_yaml_number(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && text[1] == 'x') return from_radix(text.substr(2), 16);
  if (text.size() > 2 && text[0] == '0' && text[1] == 'o') return from_radix(text.substr(2), 8);
  auto pieces = split_decimal(text, true);
  if (!pieces || has_leading_zero(*pieces)) return {};
  return from_pieces(*pieces, text);
}

NumberText parse_json_number(std::string_view text) {
  auto pieces = split_decimal(text, true);
  if (!pieces) return {};
  return from_pieces(*pieces, text);
}

NumberText parse_plain_number(std::string_view text) {
  auto pieces = split_decimal(text, false);
  if (!pieces || pieces->whole.empty() || (pieces->has_point && pieces->fraction.empty()) ||
      has_leading_zero(*pieces)) {
    return {};
  }
  return from_pieces(*pieces, text);
}

PercentText parse_percent(std::string_view text) {
  PercentText out;
  std::string_view t = trim(text);
  const bool has_sign = !t.empty() && t.back() == '%';
  if (has_sign) t = trim(t.substr(0, t.size() - 1));
  auto pieces = split_decimal(t, false);
  if (!pieces) return out;
  NumberText number = from_pieces(*pieces, t);
  if (number.status == NumberText::Status::out_of_range) {
    out.status = PercentText::Status::out_of_range;
    return out;
  }
  if (!has_sign) {
    out.status = PercentText::Status::bare_number;
    out.number = number.value;
    return out;
  }
  auto fraction = div(number.value, Decimal::from_int(100));
  if (!fraction) {
    out.status = PercentText::Status::out_of_range;
    return out;
  }
  out.status = PercentText::Status::percentage;
  out.fraction = *fraction;
  out.number = number.value;
  return out;
}

}  // namespace basis::detail
