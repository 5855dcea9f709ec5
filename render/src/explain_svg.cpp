// Inline SVG charts (see explain_svg.hpp). No xmlns: an SVG inside HTML needs none, and the
// document must not name any URL.

#include "explain_svg.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

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

std::string waterfall_svg(const Explanation& e) {
  if (e.buildup.empty()) return "";
  constexpr int kValueRoom = 132;
  constexpr int kBarMax = kWidth - kBarLeft - kValueRoom - 8;

  // Each bar runs from `from` to `to`: direct cost and totals from zero, an adjustment from
  // the running total by its amount.
  struct Bar {
    Decimal from, to;
    bool base;
  };
  std::vector<Bar> bars;
  Decimal running, low, high;
  for (const BuildupLine& line : e.buildup) {
    const bool base = line.kind == "direct" || line.kind == "total" || line.kind == "subtotal";
    Bar bar{base ? Decimal() : running, base ? line.amount.exact : plus(running, line.amount.exact),
            base};
    running = bar.to;
    low = std::min({low, bar.from, bar.to});
    high = std::max({high, bar.from, bar.to});
    bars.push_back(bar);
  }
  const Decimal span = minus(high, low);
  const auto x_of = [&](Decimal value) {
    return plus(Decimal::from_int(kBarLeft), scale(minus(value, low), span, kBarMax));
  };

  std::vector<std::vector<std::string>> labels;
  for (const BuildupLine& line : e.buildup) {
    labels.push_back(label_lines(line.label.empty() ? line.id : line.label));
  }
  const int row = row_height(labels);
  const int height = 2 * kTop + static_cast<int>(bars.size()) * row;
  std::string desc = "Waterfall from direct cost to total: ";
  std::string rows;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const BuildupLine& line = e.buildup[i];
    const Bar& bar = bars[i];
    const std::string label = line.label.empty() ? line.id : line.label;
    desc += (i > 0 ? "; " : "") + label + " " + line.amount.shown;

    const int y = kTop + static_cast<int>(i) * row;
    const int bar_y = y + (row - kBarHeight) / 2;
    const Decimal left = x_of(std::min(bar.from, bar.to));
    Decimal width = minus(x_of(std::max(bar.from, bar.to)), left);
    if (width < Decimal::from_int(1)) width = Decimal::from_int(1);  // a zero line still shows
    const char* fill = bar.base ? kBase : (bar.to < bar.from ? kDecrease : kIncrease);

    rows += "<g>\n<title>" + escape_html(label + ": " + line.amount.shown) + "</title>\n";
    rows += label_at(bar_y + 12, labels[i], bar.base ? "600" : nullptr);
    rows += rect(left, bar_y, width, fill);
    rows += text_at(kWidth - 4, bar_y + 12, "end", line.amount.shown, bar.base ? "600" : nullptr);
    rows += "</g>\n";
    if (i + 1 < bars.size()) {
      const std::string x = px(x_of(bar.to));
      rows += "<line x1=\"" + x + "\" y1=\"" + px(bar_y + kBarHeight) + "\" x2=\"" + x +
              "\" y2=\"" + px(bar_y + row) + "\" stroke=\"" + kRule +
              "\" stroke-dasharray=\"3 3\"/>\n";
    }
  }
  desc += ".";

  std::string out = open_svg("waterfall", height, "Cost build-up from direct cost to total", desc);
  const std::string zero = px(x_of(Decimal()));
  out += "<line x1=\"" + zero + "\" y1=\"" + px(kTop - 4) + "\" x2=\"" + zero + "\" y2=\"" +
         px(height - kTop + 4) + "\" stroke=\"" + kRule + "\"/>\n";
  out += rows;
  return out + "</svg>";
}

}  // namespace basis::explain
