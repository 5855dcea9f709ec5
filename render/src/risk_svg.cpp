// The histogram of a risk simulation as inline SVG: one bar per bin, a line at P50, P80,
// P90, the estimate's total and the base, each labelled with its figure so the chart reads
// without colour. Geometry in whole tenths of a pixel from integers and Decimal, so the same
// summary always draws the same bytes.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "explain_markup.hpp"
#include "risk_svg.hpp"
#include "risk_wording.hpp"

namespace basis::risk_svg {

namespace {

constexpr std::int64_t kWidth = 720;
constexpr std::int64_t kLeft = 70, kRight = 700;  // plot area, pixels
constexpr std::int64_t kMarkerRow = 13;           // one label row per marker above the bars
constexpr std::int64_t kPlotHeight = 190;

// Tenths of a pixel as SVG text: 1234 -> "123.4".
std::string px(std::int64_t tenths) {
  const bool negative = tenths < 0;
  const std::int64_t m = negative ? -tenths : tenths;
  return fmt::format("{}{}.{}", negative ? "-" : "", m / 10, m % 10);
}

// Where `value` falls between `low` and `high` across the plot, in tenths of a pixel,
// clamped to the plot.
std::int64_t position(Decimal value, Decimal low, Decimal high) {
  const std::int64_t span = (kRight - kLeft) * 10;
  auto range = sub(high, low);
  auto offset = sub(value, low);
  if (!range || !offset || range->sign() <= 0) return kLeft * 10 + span / 2;
  auto fraction = div(*offset, *range);
  if (!fraction) return kLeft * 10 + span / 2;
  auto scaled = mul(std::clamp(*fraction, Decimal::from_int(0), Decimal::from_int(1)),
                    Decimal::from_int(span));
  auto rounded = scaled ? scaled->round(0) : std::nullopt;
  const auto tenths = rounded ? rounded->to_int64() : std::nullopt;
  return kLeft * 10 + (tenths ? *tenths : span / 2);
}

}  // namespace

std::string histogram(const Estimate& estimate, const RiskSummary& summary) {
  const std::vector<RiskHistogramBin>& bins = summary.histogram;
  if (bins.empty()) return "";
  const std::vector<risk_wording::Marker> markers = risk_wording::markers(summary);
  const auto rows = static_cast<std::int64_t>(markers.size());
  const std::int64_t top = 8 + rows * kMarkerRow + 6;
  const std::int64_t bottom = top + kPlotHeight;
  const std::int64_t height = bottom + 34;

  std::string desc = risk_wording::describe_run(summary) + ".";
  for (const RiskPercentile& p : summary.percentiles) {
    desc += fmt::format(" {} {}.", risk_wording::percentile_label(p.percent),
                        estimate.format_money(p.total));
  }
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-labelledby=\"risk-histogram-title risk-histogram-desc\">\n"
      "<title id=\"risk-histogram-title\">Distribution of the simulated total</title>\n"
      "<desc id=\"risk-histogram-desc\">{}</desc>\n",
      kWidth, height, explain::escape_html(desc));

  std::uint64_t most = 0;
  for (const RiskHistogramBin& bin : bins) most = std::max(most, bin.count);
  const auto n = static_cast<std::int64_t>(bins.size());
  const std::int64_t bin_w = (kRight - kLeft) * 10 / n;
  const std::int64_t gap = bin_w > 40 ? 10 : 0;
  out += "<g class=\"bars\" fill=\"#8aa4c8\">\n";
  for (std::int64_t i = 0; i < n; ++i) {
    const RiskHistogramBin& bin = bins[static_cast<std::size_t>(i)];
    if (bin.count == 0 || most == 0) continue;
    const auto h =
        static_cast<std::int64_t>(bin.count * static_cast<std::uint64_t>(kPlotHeight) * 10 / most);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} to {}: {}</title></rect>\n",
        px(kLeft * 10 + i * bin_w), px(bottom * 10 - h), px(bin_w - gap), px(h),
        explain::escape_html(estimate.format_money(bin.from)),
        explain::escape_html(estimate.format_money(bin.to)), bin.count);
  }
  out += "</g>\n";

  // Axes: the count scale on the left, the money range below.
  out += fmt::format(
      "<g class=\"axes\" stroke=\"#1d232b\" stroke-width=\"1\">"
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>"
      "<line x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{1}\"/></g>\n",
      kLeft, bottom, kRight, top);
  out += fmt::format(
      "<g class=\"labels\" fill=\"#1d232b\">"
      "<text x=\"{0}\" y=\"{1}\" text-anchor=\"end\">{2}</text>"
      "<text x=\"{0}\" y=\"{3}\" text-anchor=\"end\">0</text>"
      "<text x=\"{4}\" y=\"{5}\" text-anchor=\"start\">{6}</text>"
      "<text x=\"{7}\" y=\"{5}\" text-anchor=\"end\">{8}</text>"
      "<text x=\"{9}\" y=\"{10}\" text-anchor=\"middle\">simulated total ({11} iterations)</text>"
      "</g>\n",
      kLeft - 6, top + 4, most, bottom, kLeft, bottom + 16,
      explain::escape_html(estimate.format_money(bins.front().from)), kRight,
      explain::escape_html(estimate.format_money(bins.back().to)), (kLeft + kRight) / 2,
      bottom + 30,
      format_number(Decimal::from_int(static_cast<std::int64_t>(summary.iterations)), 0));

  const Decimal low = bins.front().from, high = bins.back().to;
  out += "<g class=\"markers\" font-size=\"12\">\n";
  for (std::size_t k = 0; k < markers.size(); ++k) {
    const risk_wording::Marker& m = markers[k];
    const std::int64_t x = position(m.value, low, high);
    const std::int64_t label_y = (8 + static_cast<std::int64_t>(k + 1) * kMarkerRow) * 10;
    // Labels run to the right of their line, unless that would leave the chart.
    const bool near_right = x > (kRight - 130) * 10;
    const std::string dash = m.label == "estimate" ? ""
                             : m.label == "base"   ? " stroke-dasharray=\"2 3\""
                                                   : " stroke-dasharray=\"6 3\"";
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#1d232b\" "
        "stroke-width=\"1.5\"{3}/>"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"{6}\" fill=\"#1d232b\">{7} {8}</text>\n",
        px(x), px(label_y + 30), px(bottom * 10), dash, px(near_right ? x - 40 : x + 40),
        px(label_y), near_right ? "end" : "start", explain::escape_html(m.label),
        explain::escape_html(estimate.format_money(m.value)));
  }
  out += "</g>\n</svg>";
  return out;
}

}  // namespace basis::risk_svg
