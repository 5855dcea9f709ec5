// HTML risk report: one self-contained, print-ready page (inline CSS and SVG, no script, no
// external request).

#include <string>

#include <fmt/format.h>

#include "basis/render/risk.hpp"
#include "basis/render/totals.hpp"
#include "explain_markup.hpp"
#include "risk_svg.hpp"
#include "risk_wording.hpp"

namespace basis {

namespace {

using explain::escape_html;

constexpr const char* kStyle = R"css(
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6673; --rule: #d5dbe1; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--rule); }
p { margin: 0 0 .8rem; }
.facts, .note { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; font-variant-numeric: tabular-nums;
  margin: .4rem 0 1.1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--rule); }
thead th { font-weight: 600; border-bottom: 2px solid var(--ink); }
th.num, td.num { text-align: right; white-space: nowrap; }
.verdict { font-weight: 600; }
figure.chart { margin: 1rem 0 1.4rem; }
svg.chart { display: block; width: 100%; max-width: 45rem; height: auto; }
svg.chart text { font-family: inherit; font-size: 12px; }
@page { margin: 16mm 14mm; }
@media print { main { max-width: none; padding: 0; } }
)css";

std::string num_cell(const std::string& text) {
  return "<td class=\"num\">" + escape_html(text) + "</td>";
}

std::string paragraph(const std::string& text, const char* css_class = nullptr) {
  if (text.empty()) return "";
  return fmt::format("<p{}>{}</p>\n", css_class ? fmt::format(" class=\"{}\"", css_class) : "",
                     escape_html(text));
}

std::string figures_table(const Estimate& estimate, const RiskSummary& summary) {
  std::string out = "<table class=\"figures\">\n<tbody>\n";
  auto row = [&](const std::string& label, Decimal amount) {
    out += "<tr><th scope=\"row\">" + escape_html(label) + "</th>" +
           num_cell(estimate.format_money(amount)) + "</tr>\n";
  };
  row("Base (total without contingency)", summary.base);
  const std::string share = risk_wording::share_of_base(summary.contingency_tenths);
  row(share.empty() ? "Contingency in the estimate" : "Contingency in the estimate (" + share + ")",
      summary.contingency);
  row("Total of the estimate", summary.estimate_total);
  if (!summary.risks.empty()) {
    row("Expected cost of the risks (probability x impact)", summary.expected_risk_cost);
  }
  return out + "</tbody>\n</table>\n";
}

std::string percentiles_table(const Estimate& estimate, const RiskSummary& summary) {
  std::string out =
      "<table class=\"percentiles\">\n<thead><tr><th scope=\"col\">Percentile</th>"
      "<th scope=\"col\" class=\"num\">Simulated total</th>"
      "<th scope=\"col\" class=\"num\">Implied contingency</th>"
      "<th scope=\"col\" class=\"num\">Share of base</th></tr></thead>\n<tbody>\n";
  for (const RiskPercentile& p : summary.percentiles) {
    out += "<tr><th scope=\"row\">" + risk_wording::percentile_label(p.percent) + "</th>" +
           num_cell(estimate.format_money(p.total)) +
           num_cell(estimate.format_money(p.contingency)) +
           num_cell(p.contingency_tenths ? format_share(*p.contingency_tenths) : "-") + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string risks_section(const Estimate& estimate, const RiskSummary& summary) {
  if (summary.risks.empty() && summary.risks_not_simulated.empty()) return "";
  std::string out = "<section id=\"risks\">\n<h2>Risks</h2>\n";
  if (!summary.risks.empty()) {
    out +=
        "<table>\n<thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Title</th>"
        "<th scope=\"col\" class=\"num\">Probability</th><th scope=\"col\" "
        "class=\"num\">Impact</th><th scope=\"col\" class=\"num\">Expected value</th></tr>"
        "</thead>\n<tbody>\n";
    for (const RiskEvent& event : summary.risks) {
      out += "<tr><th scope=\"row\">" + escape_html(event.syntax->id) + "</th><td>" +
             escape_html(event.syntax->title) + "</td>" +
             num_cell(format_percent(event.probability)) +
             num_cell(estimate.format_money(event.impact)) +
             num_cell(estimate.format_money(event.expected_value)) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += paragraph(risk_wording::not_simulated(summary));
  return out + "</section>\n";
}

}  // namespace

std::string render_risk_html(const Estimate& estimate, const RiskSummary& summary) {
  const std::string heading = risk_wording::heading(estimate);
  std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(heading) + "</title>\n";
  out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  out += "<header>\n<h1>" + escape_html(heading) + "</h1>\n";
  out += paragraph(estimate.syntax.title, "facts");
  out += paragraph(risk_wording::describe_run(summary), "facts");
  out += "</header>\n";
  out += paragraph(risk_wording::nothing_uncertain(summary));
  out += "<section id=\"figures\">\n<h2>Contingency against the simulation</h2>\n";
  out += figures_table(estimate, summary);
  out += percentiles_table(estimate, summary);
  out += paragraph(risk_wording::spread(estimate, summary));
  out += paragraph(risk_wording::p80_verdict(estimate, summary), "verdict");
  out += paragraph(risk_wording::confidence(estimate, summary));
  out += "</section>\n";
  out += "<section id=\"distribution\">\n<h2>Distribution of the simulated total</h2>\n";
  out += "<figure class=\"chart\">\n" + risk_svg::histogram(estimate, summary) + "\n</figure>\n";
  out += "</section>\n";
  out += risks_section(estimate, summary);
  out += paragraph(risk_wording::method_note(summary), "note");
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace basis
