#pragma once
// Sentences and labels every rendering of a risk simulation shares, so that text, Markdown
// and HTML say the same thing in the same words.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "basis/engine/estimate.hpp"
#include "basis/engine/risk.hpp"

namespace basis::risk_wording {

// "PERT" or "triangular".
std::string_view method_name(ThreePointMethod method);
// "Risk simulation of CVH-PORTAL"
std::string heading(const Estimate& estimate);
// "10,000 iterations, seed 1: 4 three-point values on 4 items (PERT) and 4 risks"
std::string describe_run(const RiskSummary& summary);
// "P80"
std::string percentile_label(int percent);
// "10.0% of base" or "" when the base is not positive.
std::string share_of_base(const std::optional<std::int64_t>& tenths);
// Whether the estimate's contingency reaches P80, with the figures.
std::string p80_verdict(const Estimate& estimate, const RiskSummary& summary);
// "The estimate's total covers 93.4% of the simulated totals."
std::string confidence(const Estimate& estimate, const RiskSummary& summary);
// "Mean $750,120.00; simulated totals from $700,000.00 to $812,000.00."
std::string spread(const Estimate& estimate, const RiskSummary& summary);
// What was simulated when nothing was uncertain, else "".
std::string nothing_uncertain(const RiskSummary& summary);
// Risks listed without a probability or an impact, else "".
std::string not_simulated(const RiskSummary& summary);
// The closing note on method and arithmetic.
std::string method_note(const RiskSummary& summary);

// The markers of the histogram (P50, P80, P90, the estimate's total, the base) with their
// values, in that order.
struct Marker {
  std::string label;
  Decimal value;
};
std::vector<Marker> markers(const RiskSummary& summary);

// The histogram as text rows ("$730,000.00  #####  120  P50"), at most `columns` wide.
std::vector<std::string> histogram_rows(const Estimate& estimate, const RiskSummary& summary,
                                        std::size_t columns);

}  // namespace basis::risk_wording
