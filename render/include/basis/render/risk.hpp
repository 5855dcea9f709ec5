#pragma once
// Renderings of a risk simulation (`basis risk`): text for a terminal or an e-mail (80
// columns, histogram in characters), GitHub-flavoured Markdown, JSON with exact amounts, and
// one self-contained HTML page with the histogram as inline SVG. They format a RiskSummary;
// nothing is simulated or computed here.

#include <optional>
#include <string>
#include <string_view>

#include "basis/engine/estimate.hpp"
#include "basis/engine/risk.hpp"

namespace basis {

enum class RiskFormat { text, markdown, json, html };

// "text", "md" (also "markdown"), "json" or "html"; nullopt otherwise.
std::optional<RiskFormat> parse_risk_format(std::string_view name);

// The summary must come from simulate_risk on this estimate.
std::string render_risk(const Estimate& estimate, const RiskSummary& summary, RiskFormat format);
std::string render_risk_text(const Estimate& estimate, const RiskSummary& summary);
std::string render_risk_markdown(const Estimate& estimate, const RiskSummary& summary);
std::string render_risk_json(const Estimate& estimate, const RiskSummary& summary);
std::string render_risk_html(const Estimate& estimate, const RiskSummary& summary);

}  // namespace basis
