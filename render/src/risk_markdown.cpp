// Markdown risk report: tables for the figures and percentiles, the histogram as a text
// block, clean enough to paste into a proposal.

#include <string>

#include <fmt/format.h>

#include "basis/render/risk.hpp"
#include "basis/render/totals.hpp"
#include "explain_markup.hpp"
#include "risk_wording.hpp"

namespace basis {

namespace {

std::string cell(std::string_view text) {
  std::string escaped = explain::escape_markdown(text, false);
  std::string out;
  for (char c : escaped) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string paragraph(std::string_view text) {
  return explain::escape_markdown(text, true) + "\n\n";
}

}  // namespace

std::string render_risk_markdown(const Estimate& estimate, const RiskSummary& summary) {
  std::string out =
      "# " + explain::escape_markdown(risk_wording::heading(estimate), false) + "\n\n";
  if (!estimate.syntax.title.empty()) out += paragraph(estimate.syntax.title);
  out += paragraph(risk_wording::describe_run(summary));
  if (const std::string note = risk_wording::nothing_uncertain(summary); !note.empty()) {
    out += paragraph(note);
  }

  out += "| Figure | Amount |\n|---|---:|\n";
  out += fmt::format("| Base (total without contingency) | {} |\n",
                     cell(estimate.format_money(summary.base)));
  const std::string share = risk_wording::share_of_base(summary.contingency_tenths);
  out += fmt::format("| Contingency in the estimate{} | {} |\n",
                     share.empty() ? "" : " (" + cell(share) + ")",
                     cell(estimate.format_money(summary.contingency)));
  out += fmt::format("| Total of the estimate | {} |\n",
                     cell(estimate.format_money(summary.estimate_total)));
  if (!summary.risks.empty()) {
    out += fmt::format("| Expected cost of the risks (probability x impact) | {} |\n",
                       cell(estimate.format_money(summary.expected_risk_cost)));
  }
  out += "\n## Percentiles\n\n";
  out += "| Percentile | Simulated total | Implied contingency | Share of base |\n";
  out += "|---|---:|---:|---:|\n";
  for (const RiskPercentile& p : summary.percentiles) {
    out += fmt::format("| {} | {} | {} | {} |\n", risk_wording::percentile_label(p.percent),
                       cell(estimate.format_money(p.total)),
                       cell(estimate.format_money(p.contingency)),
                       p.contingency_tenths ? format_share(*p.contingency_tenths) : "-");
  }
  out += '\n';
  out += paragraph(risk_wording::spread(estimate, summary));
  out += paragraph(risk_wording::p80_verdict(estimate, summary));
  out += paragraph(risk_wording::confidence(estimate, summary));

  if (!summary.risks.empty() || !summary.risks_not_simulated.empty()) {
    out += "## Risks\n\n";
    if (!summary.risks.empty()) {
      out += "| Risk | Title | Probability | Impact | Expected value |\n";
      out += "|---|---|---:|---:|---:|\n";
      for (const RiskEvent& event : summary.risks) {
        out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(event.syntax->id),
                           cell(event.syntax->title), cell(format_percent(event.probability)),
                           cell(estimate.format_money(event.impact)),
                           cell(estimate.format_money(event.expected_value)));
      }
      out += '\n';
    }
    if (const std::string note = risk_wording::not_simulated(summary); !note.empty()) {
      out += paragraph(note);
    }
  }

  out += "## Distribution of the simulated total\n\n```text\n";
  for (const std::string& row : risk_wording::histogram_rows(estimate, summary, 80)) {
    // A row never holds three backticks: money, digits, '#' and marker labels only.
    out += row + '\n';
  }
  out += "```\n\n";
  out += paragraph(risk_wording::method_note(summary));
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace basis
