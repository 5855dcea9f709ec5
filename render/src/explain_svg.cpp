// Inline SVG charts (see explain_svg.hpp). No xmlns: an SVG inside HTML needs none, and the
// document must not name any URL.

#include "explain_svg.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/currency.hpp"
#include "explain_markup.hpp"
#include "totals_layout.hpp"

namespace basis::explain {

namespace {

constexpr int kWidth = 720;
constexpr int kLabelRight = 256;  // labels end here, right-aligned
constexpr int kBarLeft = 264;
constexpr int kRowHeight = 30;      // a row whose label fits one line
constexpr int kTallRowHeight = 38;  // every row, when some label takes two lines
constexpr int kLineHeight = 14;
constexpr int kBarHeight = 16;
constexpr int kTop = 12;
constexpr std::size_t kLabelColumns = 38;  // about 245 px of 12 px text

constexpr const char* kBase = "#2f5d8a";
constexpr const char* kIncrease = "#c27c3a";
constexpr const char* kDecrease = "#3b8a63";
constexpr const char* kInk = "#1d232b";
constexpr const char* kRule = "#aab4be";

std::string px(Decimal value) {
  return value.to_fixed(1);
}
std::string px(int value) {
  return std::to_string(value);
}

// value / span of `length` pixels, clamped to [0, length]; 0 when it cannot be computed.
Decimal scale(Decimal value, Decimal span, int length) {
  if (span.sign() <= 0 || value.sign() <= 0) return Decimal();
  const std::optional<Decimal> product = mul(value, Decimal::from_int(length));
  const std::optional<Decimal> quotient = product ? div(*product, span) : std::nullopt;
  if (!quotient) return Decimal();
  return std::min(*quotient, Decimal::from_int(length));
}

Decimal plus(Decimal a, Decimal b) {
  return add(a, b).value_or(a);
}
Decimal minus(Decimal a, Decimal b) {
  return sub(a, b).value_or(a);
}

// A label in at most two lines that fit its column, the second cut with an ellipsis: an
// adjustment's label ("Contingency for the risks in the register") must stay readable on
// paper, where there is no tooltip.
std::vector<std::string> label_lines(const std::string& raw) {
  const std::string text = layout::one_line(without_markers(raw));
  std::vector<std::string> lines = layout::wrap(text, kLabelColumns);
  if (lines.size() <= 2) return lines;
  std::string rest = lines[1];
  for (std::size_t i = 2; i < lines.size(); ++i) rest += " " + lines[i];
  lines.resize(2);
  lines[1] = rest.substr(0, layout::prefix_bytes(rest, kLabelColumns - 1)) + "\u2026";
  return lines;
}

int row_height(const std::vector<std::vector<std::string>>& labels) {
  for (const std::vector<std::string>& lines : labels) {
    if (lines.size() > 1) return kTallRowHeight;
  }
  return kRowHeight;
}

std::string open_svg(const std::string& id, int height, const std::string& title,
                     const std::string& desc) {
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
                    "-desc\" viewBox=\"0 0 " + px(kWidth) + " " + px(height) + "\" width=\"" +
                    px(kWidth) + "\" height=\"" + px(height) + "\">\n";
  out += "<title id=\"" + id + "-title\">" + escape_html(title) + "</title>\n";
  out += "<desc id=\"" + id + "-desc\">" + escape_html(desc) + "</desc>\n";
  return out;
}

std::string text_at(int x, int y, const char* anchor, const std::string& text,
                    const char* weight = nullptr) {
  std::string out = "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" + anchor +
                    "\" fill=\"" + kInk + "\"";
  if (weight != nullptr) out += std::string(" font-weight=\"") + weight + "\"";
  return out + ">" + escape_html(text) + "</text>\n";
}

// A row's label, right-aligned at the label column, centred on the bar whose one-line
// baseline is `baseline`.
std::string label_at(int baseline, const std::vector<std::string>& lines,
                     const char* weight = nullptr) {
  if (lines.size() < 2) {
    return text_at(kLabelRight, baseline, "end", lines.empty() ? std::string() : lines[0], weight);
  }
  std::string out = "<text text-anchor=\"end\" fill=\"" + std::string(kInk) + "\"";
  if (weight != nullptr) out += std::string(" font-weight=\"") + weight + "\"";
  out += ">";
  int y = baseline - kLineHeight / 2;
  for (const std::string& line : lines) {
    out += "<tspan x=\"" + px(kLabelRight) + "\" y=\"" + px(y) + "\">" + escape_html(line) +
           "</tspan>";
    y += kLineHeight;
  }
  return out + "</text>\n";
}

std::string text_at(Decimal x, int y, const std::string& text) {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"start\" fill=\"" + kInk +
         "\">" + escape_html(text) + "</text>\n";
}

std::string rect(Decimal x, int y, Decimal w, const char* fill) {
  return "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(w) + "\" height=\"" +
         px(kBarHeight) + "\" fill=\"" + fill + "\"/>\n";
}

}  // namespace

std::string breakdown_svg(const Explanation& e) {
  const std::vector<DriverGroup>& groups = e.drivers.empty() ? e.top_drivers : e.drivers;
  if (groups.empty()) return "";
  constexpr int kValueRoom = 176;  // "$1,234,567.89 (100.0%)" beside the longest bar
  constexpr int kBarMax = kWidth - kBarLeft - kValueRoom;

  const std::string by = e.drivers_by.empty() ? "group" : e.drivers_by;
  Decimal largest;
  std::vector<std::vector<std::string>> labels;
  for (const DriverGroup& g : groups) {
    largest = std::max(largest, g.amount.exact);
    labels.push_back(label_lines(g.key.empty() ? "(no " + by + ")" : g.key));
  }
  const int row = row_height(labels);
  const int height = 2 * kTop + static_cast<int>(groups.size()) * row;

  std::string desc = "Horizontal bars, one per " + by + ": ";
  std::string rows;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const DriverGroup& g = groups[i];
    const std::string key = g.key.empty() ? "(no " + by + ")" : g.key;
    std::string figure = g.amount.shown;
    if (!g.share.shown.empty()) figure += " (" + g.share.shown + ")";
    desc += (i > 0 ? "; " : "") + key + " " + figure;

    const int y = kTop + static_cast<int>(i) * row;
    const int bar_y = y + (row - kBarHeight) / 2;
    const Decimal length = scale(g.amount.exact, largest, kBarMax);
    rows += "<g>\n<title>" + escape_html(key + ": " + figure) + "</title>\n";
    rows += label_at(bar_y + 12, labels[i]);
    rows += rect(Decimal::from_int(kBarLeft), bar_y, length, kBase);
    rows += text_at(plus(Decimal::from_int(kBarLeft + 6), length), bar_y + 12, figure);
    rows += "</g>\n";
  }
  desc += ".";

  std::string out = open_svg("breakdown", height, "Direct cost by " + by, desc);
  out += "<line x1=\"" + px(kBarLeft) + "\" y1=\"" + px(kTop - 4) + "\" x2=\"" + px(kBarLeft) +
         "\" y2=\"" + px(height - kTop + 4) + "\" stroke=\"" + kRule + "\"/>\n";
  out += rows;
  return out + "</svg>";
}

namespace {

// One bar of a waterfall: a total from the axis, or a step from the running total by its
// amount.
struct WaterfallBar {
  std::string label, shown;
  Decimal from, to;
  bool base = false;
};

// The waterfall both charts draw: bars in rows, each labelled with its figure, dashed
// connectors from one bar's end to the next, the axis at `axis` (totals start there). An
// axis that does not start at zero is labelled under the chart with `axis_label`.
std::string waterfall_chart(const std::string& id, const std::string& title,
                            const std::string& desc_head, const std::vector<WaterfallBar>& bars,
                            Decimal axis, const std::string& axis_label) {
  constexpr int kAxisLabelRoom = 16;
  constexpr int kValueRoom = 132;
  constexpr int kBarMax = kWidth - kBarLeft - kValueRoom - 8;
  Decimal low = axis, high = axis;
  for (const WaterfallBar& bar : bars) {
    low = std::min({low, bar.from, bar.to});
    high = std::max({high, bar.from, bar.to});
  }
  const Decimal span = minus(high, low);
  const auto x_of = [&](Decimal value) {
    return plus(Decimal::from_int(kBarLeft), scale(minus(value, low), span, kBarMax));
  };

  std::vector<std::vector<std::string>> labels;
  for (const WaterfallBar& bar : bars) labels.push_back(label_lines(bar.label));
  const int row = row_height(labels);
  const int bars_bottom = kTop + static_cast<int>(bars.size()) * row;
  const int height = bars_bottom + kTop + (axis_label.empty() ? 0 : kAxisLabelRoom);
  std::string desc = desc_head;
  std::string rows;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const WaterfallBar& bar = bars[i];
    desc += (i > 0 ? "; " : "") + bar.label + " " + bar.shown;

    const int y = kTop + static_cast<int>(i) * row;
    const int bar_y = y + (row - kBarHeight) / 2;
    const Decimal left = x_of(std::min(bar.from, bar.to));
    Decimal width = minus(x_of(std::max(bar.from, bar.to)), left);
    if (width < Decimal::from_int(1)) width = Decimal::from_int(1);  // a zero line still shows
    const char* fill = bar.base ? kBase : (bar.to < bar.from ? kDecrease : kIncrease);

    rows += "<g>\n<title>" + escape_html(bar.label + ": " + bar.shown) + "</title>\n";
    rows += label_at(bar_y + 12, labels[i], bar.base ? "600" : nullptr);
    rows += rect(left, bar_y, width, fill);
    rows += text_at(kWidth - 4, bar_y + 12, "end", bar.shown, bar.base ? "600" : nullptr);
    rows += "</g>\n";
    if (i + 1 < bars.size()) {
      const std::string x = px(x_of(bar.to));
      rows += "<line x1=\"" + x + "\" y1=\"" + px(bar_y + kBarHeight) + "\" x2=\"" + x +
              "\" y2=\"" + px(bar_y + row) + "\" stroke=\"" + kRule +
              "\" stroke-dasharray=\"3 3\"/>\n";
    }
  }
  desc += ".";
  if (!axis_label.empty()) desc += " The axis starts at " + axis_label + ", not at zero.";

  std::string out = open_svg(id, height, title, desc);
  const std::string zero = px(x_of(axis));
  out += "<line x1=\"" + zero + "\" y1=\"" + px(kTop - 4) + "\" x2=\"" + zero + "\" y2=\"" +
         px(bars_bottom + 4) + "\" stroke=\"" + kRule + "\"/>\n";
  if (!axis_label.empty()) {
    out += text_at(kBarLeft, height - 4, "start", "axis from " + axis_label);
  }
  out += rows;
  return out + "</svg>";
}

// Where a bridge's axis starts: a round figure below the lowest total by about half the
// bridge's spread, so that changes of a few percent of the total are visible (the chart says
// the axis does not start at zero). Zero when the totals come near it or nothing moved.
Decimal bridge_axis(Decimal low, Decimal high) {
  const Decimal span = minus(high, low);
  if (span.sign() <= 0 || low.sign() <= 0) return Decimal();
  Decimal unit = Decimal::from_int(1);  // the largest power of ten not above the spread
  while (true) {
    const std::optional<Decimal> next = mul(unit, Decimal::from_int(10));
    if (!next || *next > span) break;
    unit = *next;
  }
  const std::optional<Decimal> half = div(span, Decimal::from_int(2));
  const std::optional<Decimal> units = half ? div(minus(low, *half), unit) : std::nullopt;
  const std::optional<Decimal> start = units ? mul(units->floor(), unit) : std::nullopt;
  if (!start || start->sign() <= 0) return Decimal();
  // Nothing gained when the axis would start below a third of the lowest total.
  const std::optional<Decimal> third = div(low, Decimal::from_int(3));
  if (third && *start < *third) return Decimal();
  return *start;
}

}  // namespace

std::string waterfall_svg(const Explanation& e) {
  if (e.buildup.empty()) return "";
  // Direct cost and totals from zero, an adjustment from the running total by its amount.
  std::vector<WaterfallBar> bars;
  Decimal running;
  for (const BuildupLine& line : e.buildup) {
    const bool base = line.kind == "direct" || line.kind == "total" || line.kind == "subtotal";
    WaterfallBar bar{line.label.empty() ? line.id : line.label, line.amount.shown,
                     base ? Decimal() : running,
                     base ? line.amount.exact : plus(running, line.amount.exact), base};
    running = bar.to;
    bars.push_back(std::move(bar));
  }
  return waterfall_chart("waterfall", "Cost build-up from direct cost to total",
                         "Waterfall from direct cost to total: ", bars, Decimal(), "");
}

std::string revision_svg(const Explanation& e) {
  if (!e.previous || e.previous->steps.empty()) return "";
  const PreviousComparison& p = *e.previous;
  const std::string from = p.label.empty() ? "the previous revision" : p.label;
  const std::string to = p.current_label.empty() ? "this revision" : p.current_label;
  Decimal low = std::min(p.total.exact, e.total.exact),
          high = std::max(p.total.exact, e.total.exact);
  Decimal running = p.total.exact;
  for (const RevisionStep& step : p.steps) {
    low = std::min({low, running, step.running.exact});
    high = std::max({high, running, step.running.exact});
    running = step.running.exact;
  }
  const Decimal axis = bridge_axis(low, high);

  std::vector<WaterfallBar> bars;
  bars.push_back({"Total, " + from, p.total.shown, axis, p.total.exact, true});
  running = p.total.exact;
  for (const RevisionStep& step : p.steps) {
    bars.push_back({step.label, step.amount.shown, running, step.running.exact, false});
    running = step.running.exact;
  }
  bars.push_back({"Total, " + to, e.total.shown, axis, e.total.exact, true});

  std::string axis_label;  // a round figure: whole currency units
  if (!axis.is_zero()) {
    const Currency* currency = find_currency(e.currency);
    axis_label = currency ? format_money(axis, *currency, 0) : axis.to_string();
  }
  return waterfall_chart("bridge", "Bridge from " + from + " to " + to,
                         "Waterfall from the total of " + from + " to the total of " + to + ": ",
                         bars, axis, axis_label);
}

}  // namespace basis::explain
