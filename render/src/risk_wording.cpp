#include "risk_wording.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "basis/render/totals.hpp"
#include "totals_layout.hpp"

namespace basis::risk_wording {

namespace {

std::string count_of(std::uint64_t n, std::string_view one, std::string_view many) {
  if (n == 0) return fmt::format("no {}", many);
  const std::string number = format_number(Decimal::from_int(static_cast<std::int64_t>(n)), 0);
  return fmt::format("{} {}", number, n == 1 ? one : many);
}

}  // namespace

std::string_view method_name(ThreePointMethod method) {
  return method == ThreePointMethod::triangular ? "triangular" : "PERT";
}

std::string heading(const Estimate& estimate) {
  return "Risk simulation of " + estimate.id();
}

std::string describe_run(const RiskSummary& summary) {
  std::string text = fmt::format(
      "{}, seed {}: ", count_of(summary.iterations, "iteration", "iterations"), summary.seed);
  text += count_of(summary.three_point_values, "three-point value", "three-point values");
  if (summary.three_point_values > 0) {
    text += fmt::format(" on {} ({})", count_of(summary.uncertain_items, "item", "items"),
                        method_name(summary.method));
  }
  text += " and " + count_of(summary.risks.size(), "risk", "risks");
  return text;
}

std::string percentile_label(int percent) {
  return fmt::format("P{}", percent);
}

std::string share_of_base(const std::optional<std::int64_t>& tenths) {
  if (!tenths) return "";
  return format_share(*tenths) + " of base";
}

std::string p80_verdict(const Estimate& estimate, const RiskSummary& summary) {
  const RiskPercentile& p80 = *summary.percentile(80);
  const std::string implied =
      fmt::format("{}{}", estimate.format_money(p80.contingency),
                  p80.contingency_tenths ? " (" + share_of_base(p80.contingency_tenths) + ")" : "");
  if (summary.contingency.is_zero()) {
    return fmt::format(
        "The estimate carries no contingency; P80 implies a contingency of {}, and the "
        "estimate's total {} P80.",
        implied, summary.contingency_reaches_p80 ? "reaches" : "does not reach");
  }
  const std::string carried = fmt::format(
      "The estimate's contingency of {}{}", estimate.format_money(summary.contingency),
      summary.contingency_tenths ? " (" + share_of_base(summary.contingency_tenths) + ")" : "");
  if (summary.contingency_reaches_p80) {
    if (summary.p80_margin.is_zero()) {
      return fmt::format("{} reaches P80 exactly: its total of {} is the P80 total.", carried,
                         estimate.format_money(summary.estimate_total));
    }
    return fmt::format(
        "{} reaches P80: the estimate's total of {} is {} above the P80 total of {}.", carried,
        estimate.format_money(summary.estimate_total), estimate.format_money(summary.p80_margin),
        estimate.format_money(p80.total));
  }
  return fmt::format("{} does not reach P80: P80 implies a contingency of {}, {} more.", carried,
                     implied, estimate.format_money(summary.p80_margin.abs()));
}

std::string confidence(const Estimate& estimate, const RiskSummary& summary) {
  return fmt::format("The estimate's total of {} covers {} of the simulated totals.",
                     estimate.format_money(summary.estimate_total),
                     format_share(summary.estimate_total_confidence_tenths));
}

std::string spread(const Estimate& estimate, const RiskSummary& summary) {
  return fmt::format("Mean {}; the simulated totals range from {} to {}.",
                     estimate.format_money(summary.mean), estimate.format_money(summary.minimum),
                     estimate.format_money(summary.maximum));
}

std::string nothing_uncertain(const RiskSummary& summary) {
  if (summary.uncertain()) return "";
  return "Nothing in the estimate is uncertain: it has no three-point value with a range and "
         "no risk with a probability and an impact, so every iteration gives the base.";
}

std::string not_simulated(const RiskSummary& summary) {
  if (summary.risks_not_simulated.empty()) return "";
  std::string ids;
  for (const RiskSyntax* risk : summary.risks_not_simulated) {
    if (!ids.empty()) ids += ", ";
    ids += risk->id;
  }
  return fmt::format("Not simulated (no probability or no impact): {}.", ids);
}

std::string method_note(const RiskSummary& summary) {
  return fmt::format(
      "Each iteration draws every three-point value from its {} distribution and lets each "
      "risk occur with its probability, then recomputes the items and every adjustment except "
      "contingency, rounded as the estimate rounds them; a risk that occurs adds its impact. "
      "Percentiles are nearest-rank. The simulation uses binary floating point; the base, the "
      "estimate's total and its contingency are exact. The same seed gives the same result on "
      "any number of threads.",
      method_name(summary.method));
}

std::vector<Marker> markers(const RiskSummary& summary) {
  std::vector<Marker> out;
  for (int percent : {50, 80, 90}) {
    if (const RiskPercentile* p = summary.percentile(percent)) {
      out.push_back({percentile_label(percent), p->total});
    }
  }
  out.push_back({"estimate", summary.estimate_total});
  out.push_back({"base", summary.base});
  return out;
}

std::vector<std::string> histogram_rows(const Estimate& estimate, const RiskSummary& summary,
                                        std::size_t columns) {
  const std::vector<RiskHistogramBin>& bins = summary.histogram;
  std::vector<std::string> labels, counts, marks;
  std::uint64_t most = 0;
  std::size_t label_w = 0, count_w = 0, mark_w = 0;
  const std::vector<Marker> all_markers = markers(summary);
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const RiskHistogramBin& bin = bins[i];
    labels.push_back(estimate.format_money(bin.from));
    counts.push_back(format_number(Decimal::from_int(static_cast<std::int64_t>(bin.count)), 0));
    std::string mark;
    const bool last = i + 1 == bins.size();
    for (const Marker& m : all_markers) {
      const bool inside = m.value >= bin.from && (m.value < bin.to || (last && m.value <= bin.to));
      if (!inside) continue;
      if (!mark.empty()) mark += ' ';
      mark += m.label;
    }
    marks.push_back(mark);
    most = std::max(most, bin.count);
    label_w = std::max(label_w, layout::width(labels.back()));
    count_w = std::max(count_w, layout::width(counts.back()));
    mark_w = std::max(mark_w, layout::width(mark));
  }
  const std::size_t fixed = label_w + count_w + 4 + (mark_w > 0 ? mark_w + 2 : 0);
  const std::size_t bar_w = columns > fixed + 10 ? columns - fixed : 10;
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    std::size_t bar = 0;
    if (bins[i].count > 0 && most > 0) {
      bar = static_cast<std::size_t>((bins[i].count * bar_w + most / 2) / most);
      bar = std::max<std::size_t>(bar, 1);
    }
    std::string row = layout::pad_left(labels[i], label_w) + "  " + std::string(bar, '#') +
                      std::string(bar_w - bar, ' ') + "  " + layout::pad_left(counts[i], count_w);
    if (!marks[i].empty()) row += "  " + marks[i];
    while (!row.empty() && row.back() == ' ') row.pop_back();
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace basis::risk_wording
