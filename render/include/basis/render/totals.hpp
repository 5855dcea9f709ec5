#pragma once
// Renderings of the reconciled cost build-up (`basis totals`): text for a terminal or an
// e-mail (80 columns), GitHub-flavoured Markdown, and JSON with exact amounts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "basis/engine/estimate.hpp"
#include "basis/engine/totals_report.hpp"

namespace basis {

enum class TotalsFormat { text, markdown, json };

// "text", "md" (also "markdown") or "json"; nullopt otherwise.
std::optional<TotalsFormat> parse_totals_format(std::string_view name);

// Every renderer expects an Estimate made by compute_estimate (currency set) and a report
// built from that same estimate.
std::string render_totals(const Estimate& estimate, const TotalsReport& report,
                          TotalsFormat format);
std::string render_totals_text(const Estimate& estimate, const TotalsReport& report);
std::string render_totals_markdown(const Estimate& estimate, const TotalsReport& report);
std::string render_totals_json(const Estimate& estimate, const TotalsReport& report);

// Wording shared by every format (and reusable by explanations):
// "8.2%" from 82 tenths.
std::string format_share(std::int64_t tenths);
// "Currency USD, AACE class 3"; "Currency USD, amounts rounded to 100" when the estimate
// rounds to a step other than the currency's minor unit.
std::string describe_estimate_facts(const Estimate& estimate);
// "expected between $691,638 and $1,123,912 (-20% / +30%, AACE class 3)"
std::string describe_accuracy(const Estimate& estimate, const AccuracyRange& range);

}  // namespace basis
