// GitHub-flavoured Markdown totals: two tables, clean enough to paste into a proposal.

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "basis/render/totals.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

using layout::markdown_cell;

// An expression as a code span; pipes stay escaped because GFM splits cells first.
std::string code(std::string_view text) {
  std::string body;
  std::size_t longest = 0, run = 0;
  for (char c : layout::one_line(text)) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '|') body += '\\';
    body += c;
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string adjustment_basis(const Estimate& estimate, const AdjustmentLine& line) {
  const AdjustmentSyntax& adjustment = *line.syntax;
  if (adjustment.base == AdjustmentBase::applies_to && adjustment.percent && !adjustment.amount) {
    return fmt::format("{} of {} (items where {})", format_percent(*adjustment.percent),
                       estimate.format_money(line.base), code(adjustment.applies_to.text));
  }
  return markdown_cell(describe_adjustment_base(estimate, line));
}

}  // namespace

std::string render_totals_markdown(const Estimate& estimate, const TotalsReport& report) {
  const Totals& totals = *report.totals;
  std::string out = "# " + markdown_cell(estimate.id());
  if (!estimate.syntax.title.empty()) out += ": " + markdown_cell(estimate.syntax.title);
  out += "\n\n";
  out += markdown_cell(describe_estimate_facts(estimate)) + "\n\n";

  out += fmt::format("## Direct cost by {}\n\n", markdown_cell(report.group_by));
  out += fmt::format("| {} | items | hours | amount | share |\n", markdown_cell(report.group_by));
  out += "|:---|---:|---:|---:|---:|\n";
  bool any_hours = false;
  for (const TotalsGroup& group : report.groups) {
    const bool has_hours = group.hours_items > 0;
    any_hours = any_hours || has_hours;
    out += fmt::format("| {} | {} | {} | {} | {} |\n", markdown_cell(group.key), group.item_count,
                       has_hours ? format_number(group.shown_hours, report.hours_decimals) : "-",
                       estimate.format_money(group.amount), format_share(group.share_tenths));
  }
  out += fmt::format(
      "| **Direct cost** | **{}** | **{}** | **{}** | **{}** |\n\n", estimate.items.size(),
      any_hours ? format_number(report.shown_total_hours, report.hours_decimals) : "-",
      estimate.format_money(totals.direct), totals.direct.is_zero() ? "-" : format_share(1000));

  out += "## Cost build-up\n\n";
  out += "| line | kind | basis | amount |\n";
  out += "|:---|:---|:---|---:|\n";
  out += fmt::format("| Direct cost | | | {} |\n", estimate.format_money(totals.direct));
  bool any_tax = false;
  for (const AdjustmentLine& line : totals.adjustments) {
    const AdjustmentSyntax& adjustment = *line.syntax;
    any_tax = any_tax || adjustment.kind == AdjustmentKind::tax;
    out += fmt::format("| {} | {} | {} | {} |\n",
                       markdown_cell(adjustment.label.empty() ? adjustment.id : adjustment.label),
                       adjustment_kind_name(adjustment.kind), adjustment_basis(estimate, line),
                       estimate.format_money(line.amount));
  }
  out += fmt::format("| **Total** | | | **{}** |\n", estimate.format_money(totals.total));
  if (any_tax) {
    out += fmt::format("| Total before tax | | | {} |\n", estimate.format_money(totals.subtotal));
  }
  if (report.accuracy) {
    out += fmt::format("\n**Accuracy range:** {}\n", describe_accuracy(estimate, *report.accuracy));
  }
  return out;
}

}  // namespace basis
