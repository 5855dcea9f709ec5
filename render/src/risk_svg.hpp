#pragma once
// The risk report's histogram as inline SVG (for the HTML page).

#include <string>

#include "basis/engine/estimate.hpp"
#include "basis/engine/risk.hpp"

namespace basis::risk_svg {

// "" when the summary has no histogram.
std::string histogram(const Estimate& estimate, const RiskSummary& summary);

}  // namespace basis::risk_svg
