// Phrases every rendering of the totals shares, so that the formats never disagree.

#include <fmt/format.h>

#include "basis/render/totals.hpp"

namespace basis {

std::optional<TotalsFormat> parse_totals_format(std::string_view name) {
  if (name == "text") return TotalsFormat::text;
  if (name == "md" || name == "markdown") return TotalsFormat::markdown;
  if (name == "json") return TotalsFormat::json;
  return std::nullopt;
}

std::string render_totals(const Estimate& estimate, const TotalsReport& report,
                          TotalsFormat format) {
  switch (format) {
    case TotalsFormat::text:
      return render_totals_text(estimate, report);
    case TotalsFormat::markdown:
      return render_totals_markdown(estimate, report);
    case TotalsFormat::json:
      return render_totals_json(estimate, report);
  }
  return render_totals_text(estimate, report);
}

std::string format_share(std::int64_t tenths) {
  const bool negative = tenths < 0;
  // Magnitude as unsigned so that the most negative value cannot overflow.
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(tenths)
                                           : static_cast<std::uint64_t>(tenths);
  return fmt::format("{}{}.{}%", negative ? "-" : "", magnitude / 10, magnitude % 10);
}

std::string describe_accuracy(const Estimate& estimate, const AccuracyRange& range) {
  const Currency* currency = estimate.currency ? estimate.currency : find_currency("USD");
  return fmt::format("expected between {} and {} ({} / {}, AACE class {})",
                     format_money(range.low, *currency, 0), format_money(range.high, *currency, 0),
                     format_percent(range.low_percent, true),
                     format_percent(range.high_percent, true), range.estimate_class);
}

std::string describe_estimate_facts(const Estimate& estimate) {
  std::string facts = fmt::format("Currency {}", estimate.currency->code);
  // Only a step other than the currency's minor unit (0.01 for USD) is worth a mention.
  Decimal minor_step = Decimal::from_int(1);
  for (int i = 0; i < estimate.currency->minor_unit; ++i) {
    minor_step = div(minor_step, Decimal::from_int(10)).value_or(minor_step);
  }
  if (estimate.rounding_step != minor_step) {
    facts += fmt::format(", amounts rounded to {}", estimate.rounding_step.to_string());
  }
  if (estimate.syntax.estimate_class) {
    facts += fmt::format(", AACE class {}", *estimate.syntax.estimate_class);
  }
  return facts;
}

}  // namespace basis
