// Plain-text risk report: aligned figures and a character histogram within 80 columns, for a
// terminal or an e-mail. Also the format dispatch.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/render/risk.hpp"
#include "basis/render/totals.hpp"
#include "risk_wording.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

constexpr std::size_t kColumns = 80;

using layout::pad_left;
using layout::pad_right;
using layout::width;

void append_wrapped(std::string& out, std::string_view text, std::size_t indent = 0) {
  for (const std::string& line : layout::wrap(layout::one_line(text), kColumns - indent)) {
    out.append(indent, ' ');
    out += line;
    out += '\n';
  }
}

void append_figures(std::string& out, const Estimate& estimate, const RiskSummary& summary) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("Base (total without contingency)", estimate.format_money(summary.base));
  const std::string share = risk_wording::share_of_base(summary.contingency_tenths);
  rows.emplace_back(
      share.empty() ? "Contingency in the estimate" : "Contingency in the estimate (" + share + ")",
      estimate.format_money(summary.contingency));
  rows.emplace_back("Total of the estimate", estimate.format_money(summary.estimate_total));
  if (!summary.risks.empty()) {
    rows.emplace_back("Expected cost of the risks (probability x impact)",
                      estimate.format_money(summary.expected_risk_cost));
  }
  std::size_t amount_w = 0;
  for (const auto& row : rows) amount_w = std::max(amount_w, width(row.second));
  const std::size_t label_w = kColumns - 2 - amount_w;
  for (const auto& [label, amount] : rows) {
    out += pad_right(label, label_w) + "  " + pad_left(amount, amount_w) + '\n';
  }
}

void append_percentiles(std::string& out, const Estimate& estimate, const RiskSummary& summary) {
  struct Row {
    std::string label, total, contingency, share;
  };
  std::vector<Row> rows = {{"Percentile", "Simulated total", "Implied contingency", "% of base"}};
  for (const RiskPercentile& p : summary.percentiles) {
    rows.push_back({risk_wording::percentile_label(p.percent), estimate.format_money(p.total),
                    estimate.format_money(p.contingency),
                    p.contingency_tenths ? format_share(*p.contingency_tenths) : "-"});
  }
  std::size_t w[4] = {0, 0, 0, 0};
  for (const Row& row : rows) {
    w[0] = std::max(w[0], width(row.label));
    w[1] = std::max(w[1], width(row.total));
    w[2] = std::max(w[2], width(row.contingency));
    w[3] = std::max(w[3], width(row.share));
  }
  for (const Row& row : rows) {
    out += pad_right(row.label, w[0]) + "   " + pad_left(row.total, w[1]) + "   " +
           pad_left(row.contingency, w[2]) + "   " + pad_left(row.share, w[3]) + '\n';
  }
}

void append_risks(std::string& out, const Estimate& estimate, const RiskSummary& summary) {
  if (summary.risks.empty() && summary.risks_not_simulated.empty()) return;
  out += "\nRisks\n";
  for (const RiskEvent& event : summary.risks) {
    append_wrapped(
        out,
        fmt::format("{}: probability {}, impact {}, expected {}", event.syntax->id,
                    format_percent(event.probability), estimate.format_money(event.impact),
                    estimate.format_money(event.expected_value)),
        2);
    if (!event.syntax->title.empty()) append_wrapped(out, event.syntax->title, 6);
  }
  if (const std::string note = risk_wording::not_simulated(summary); !note.empty()) {
    append_wrapped(out, note, 2);
  }
}

}  // namespace

std::optional<RiskFormat> parse_risk_format(std::string_view name) {
  if (name == "text") return RiskFormat::text;
  if (name == "md" || name == "markdown") return RiskFormat::markdown;
  if (name == "json") return RiskFormat::json;
  if (name == "html") return RiskFormat::html;
  return std::nullopt;
}

std::string render_risk(const Estimate& estimate, const RiskSummary& summary, RiskFormat format) {
  switch (format) {
    case RiskFormat::text:
      return render_risk_text(estimate, summary);
    case RiskFormat::markdown:
      return render_risk_markdown(estimate, summary);
    case RiskFormat::json:
      return render_risk_json(estimate, summary);
    case RiskFormat::html:
      return render_risk_html(estimate, summary);
  }
  return render_risk_text(estimate, summary);
}

std::string render_risk_text(const Estimate& estimate, const RiskSummary& summary) {
  std::string out;
  append_wrapped(out, risk_wording::heading(estimate));
  if (!estimate.syntax.title.empty()) append_wrapped(out, estimate.syntax.title);
  append_wrapped(out, risk_wording::describe_run(summary));
  if (const std::string note = risk_wording::nothing_uncertain(summary); !note.empty()) {
    append_wrapped(out, note);
  }
  out += '\n';
  append_figures(out, estimate, summary);
  out += '\n';
  append_percentiles(out, estimate, summary);
  append_wrapped(out, risk_wording::spread(estimate, summary));
  out += '\n';
  append_wrapped(out, risk_wording::p80_verdict(estimate, summary));
  append_wrapped(out, risk_wording::confidence(estimate, summary));
  append_risks(out, estimate, summary);
  out += "\nDistribution of the simulated total\n";
  for (const std::string& row : risk_wording::histogram_rows(estimate, summary, kColumns)) {
    out += row + '\n';
  }
  out += '\n';
  append_wrapped(out, risk_wording::method_note(summary));
  return out;
}

}  // namespace basis
