#pragma once
// Reading numbers, booleans, nulls and percentages from the text of a scalar, by the rules
// of the syntax it was written in. Private to parser/src.

#include <optional>
#include <string_view>

#include "basis/core/decimal.hpp"

namespace basis::detail {

struct NumberText {
  enum class Status : std::uint8_t { not_a_number, number, out_of_range };
  Status status = Status::not_a_number;
  Decimal value;
  bool is_number() const { return status == Status::number; }
};

// YAML 1.2 core schema: `null`, `Null`, `NULL`, `~` and the empty scalar.
bool is_yaml_null(std::string_view text);
// YAML 1.2 core schema: true/True/TRUE, false/False/FALSE (never yes/no/on/off).
std::optional<bool> yaml_boolean(std::string_view text);
// A plain YAML scalar that the YAML 1.2 core schema reads as an integer or a float
// (`12`, `-3.5`, `.5`, `1e3`, `0x1F`, `0o17`), read exactly. Two deliberate departures:
// an integer part with a leading zero (`001`, `007.5`) stays text, because such values are
// codes and ids, never quantities; `.inf` and `.nan` stay text because no amount can be
// infinite. A number with more than 20 decimal places or beyond ~1.7e18 is out_of_range.
NumberText parse_yaml_number(std::string_view text);
// A JSON number token as written (the JSON grammar is a subset of Decimal::parse's).
NumberText parse_json_number(std::string_view text);
// A spreadsheet cell outside the cost columns: `[+-]digits[.digits]`, with the same
// leading-zero rule as YAML (a cell `0042` is a code, not forty-two).
NumberText parse_plain_number(std::string_view text);

struct PercentText {
  enum class Status : std::uint8_t {
    percentage,     // "12%", "-5%", "2.5%", "12 %"
    bare_number,    // "12": a number without its % sign
    not_a_percent,  // anything else
    out_of_range,
  };
  Status status = Status::not_a_percent;
  Decimal fraction;  // 12% -> 0.12
  Decimal number;    // for bare_number: the number as written (12)
};
PercentText parse_percent(std::string_view text);

// Text without surrounding spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace basis::detail
