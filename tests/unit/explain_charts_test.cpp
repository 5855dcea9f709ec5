// The two SVG charts of the HTML explanation, read back from the rendered HTML: both are
// images with an accessible name (role="img", <title>, <desc>, aria-labelledby) and a
// tooltip per bar; the waterfall runs from the direct cost through each adjustment, in
// order, to the total, every bar starting where the previous one ended; the breakdown's
// bars are proportional to their amounts; long labels wrap instead of being cut. The
// expected figures are the samples' build-ups worked by hand (portal-v3: 8% overhead on
// $747,361.30 is $59,788.90; 10% contingency on the subtotal $807,150.20 is $80,715.02;
// less the $7,500 discount, $880,365.22).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "basis/render/explanation.hpp"
#include "explain_test_support.hpp"

namespace basis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

struct Bar {
  std::string title;  // the group's tooltip
  std::string label;  // the text beside the bar, lines joined by a space
  double x = 0, width = 0;
  std::string fill;
  double right() const { return x + width; }
};

struct Chart {
  std::string svg;
  std::vector<Bar> bars;
  double axis_x = -1;  // the first vertical line: the zero of the bars
};

std::string html_of(const std::string& rules, const std::string& estimate) {
  auto explained = testing::explain_with(testing::compile_files({testing::source_path(rules)}),
                                         estimate, "analytical");
  if (!explained->explanation) return "";
  return render_html(*explained->explanation);
}

std::string first_match(const std::string& text, const std::regex& pattern) {
  std::smatch m;
  return std::regex_search(text, m, pattern) ? m[1].str() : std::string();
}

// The chart whose title element has the id `<name>-title`.
Chart chart(const std::string& html, const std::string& name) {
  Chart c;
  const std::size_t start = html.find("aria-labelledby=\"" + name + "-title");
  if (start == std::string::npos) return c;
  const std::size_t open = html.rfind("<svg", start);
  const std::size_t close = html.find("</svg>", start);
  c.svg = html.substr(open, close + 6 - open);
  const std::string axis = first_match(c.svg, std::regex("<line x1=\"([0-9.]+)\""));
  if (!axis.empty()) c.axis_x = std::stod(axis);
  const std::regex group("<g>\\n([\\s\\S]*?)</g>");
  for (auto it = std::sregex_iterator(c.svg.begin(), c.svg.end(), group);
       it != std::sregex_iterator(); ++it) {
    const std::string g = (*it)[1].str();
    Bar bar;
    bar.title = first_match(g, std::regex("<title>([^<]*)</title>"));
    // The label is the first <text>: one line, or <tspan> lines.
    const std::string label = first_match(g, std::regex("(<text[^>]*>[\\s\\S]*?</text>)"));
    const std::regex piece(">([^<>]+)<");
    for (auto p = std::sregex_iterator(label.begin(), label.end(), piece);
         p != std::sregex_iterator(); ++p) {
      bar.label += (bar.label.empty() ? "" : " ") + (*p)[1].str();
    }
    bar.x = std::stod(first_match(g, std::regex("<rect x=\"([0-9.]+)\"")));
    bar.width = std::stod(first_match(g, std::regex("<rect [^>]*width=\"([0-9.]+)\"")));
    bar.fill = first_match(g, std::regex("<rect [^>]*fill=\"([^\"]+)\""));
    c.bars.push_back(bar);
  }
  return c;
}

std::vector<std::string> titles(const Chart& c) {
  std::vector<std::string> out;
  for (const Bar& b : c.bars) out.push_back(b.title);
  return out;
}

// Geometry is written with one decimal: a position may be off by the rounding of two.
constexpr double kPixel = 0.11;

TEST(ExplainCharts, BothChartsAreNamedImagesWithATooltipPerBar) {
  const std::string html =
      html_of("rules/software-delivery.yaml", "samples/software/portal-v3.yaml");
  ASSERT_FALSE(html.empty());
  for (const std::string name : {"breakdown", "waterfall"}) {
    SCOPED_TRACE(name);
    const Chart c = chart(html, name);
    ASSERT_FALSE(c.svg.empty());
    EXPECT_THAT(c.svg, HasSubstr("<svg class=\"chart\" role=\"img\" aria-labelledby=\"" + name +
                                 "-title " + name + "-desc\""));
    // The ids it names are its own title and description, and appear once in the page.
    const std::string title =
        first_match(c.svg, std::regex("<title id=\"" + name + "-title\">([^<]+)</title>"));
    const std::string desc =
        first_match(c.svg, std::regex("<desc id=\"" + name + "-desc\">([^<]+)</desc>"));
    EXPECT_FALSE(title.empty());
    EXPECT_FALSE(desc.empty());
    EXPECT_EQ(html.find("id=\"" + name + "-title\""), html.rfind("id=\"" + name + "-title\""));
    ASSERT_FALSE(c.bars.empty());
    for (const Bar& b : c.bars) {
      EXPECT_FALSE(b.title.empty());
      // The description carries every bar's figure, for a reader who cannot see the bars.
      const std::string figure = b.title.substr(b.title.rfind(": ") + 2);
      EXPECT_THAT(desc, HasSubstr(figure));
    }
  }
}

TEST(ExplainCharts, WaterfallRunsFromDirectCostThroughEachAdjustmentToTheTotal) {
  const std::string html =
      html_of("rules/software-delivery.yaml", "samples/software/portal-v3.yaml");
  const Chart c = chart(html, "waterfall");
  ASSERT_THAT(titles(c),
              ElementsAre("Direct cost: $747,361.30",
                          "Delivery overhead (tooling, quality management, security training): "
                          "$59,788.90",
                          "Contingency for the risks in the register and the three-point ranges: "
                          "$80,715.02",
                          "Returning-client discount: -$7,500.00", "Total: $880,365.22"));
  const Bar& direct = c.bars[0];
  const Bar& total = c.bars[4];
  // Direct cost and total stand on the zero line; pixels per dollar from the direct cost.
  EXPECT_NEAR(direct.x, c.axis_x, kPixel);
  EXPECT_NEAR(total.x, c.axis_x, kPixel);
  const double per_dollar = direct.width / 747361.30;
  // Increases start where the running total stands and grow right by their amount.
  EXPECT_NEAR(c.bars[1].x, direct.right(), kPixel);
  EXPECT_NEAR(c.bars[1].width, 59788.90 * per_dollar, kPixel);
  EXPECT_NEAR(c.bars[2].x, c.bars[1].right(), kPixel);
  EXPECT_NEAR(c.bars[2].width, 80715.02 * per_dollar, kPixel);
  // The discount ends where the running total stood and grows left.
  EXPECT_NEAR(c.bars[3].right(), c.bars[2].right(), kPixel);
  EXPECT_NEAR(c.bars[3].width, 7500.00 * per_dollar, kPixel);
  EXPECT_NE(c.bars[3].fill, c.bars[1].fill);
  EXPECT_EQ(c.bars[1].fill, c.bars[2].fill);
  // The total ends where the last adjustment left the running total.
  EXPECT_NEAR(total.right(), c.bars[3].x, kPixel);
  EXPECT_NEAR(total.width, 880365.22 * per_dollar, 2 * kPixel);
  EXPECT_EQ(total.fill, direct.fill);
}

// portal-v2 -> portal-v3: the running totals run from $864,547.69 up to $893,297.69 at most
// (after the items added). The spread is $28,750.00, so the axis starts at the round
// $10,000 at or below $864,547.69 - $14,375.00: $850,000. Each step starts where the running
// total stands and has the width of its amount.
TEST(ExplainCharts, BridgeRunsFromThePreviousTotalThroughEachStepToTheTotal) {
  static std::optional<Estimate> v2 =
      testing::estimate_file(testing::source_path("samples/software/portal-v2.yaml"));
  ASSERT_TRUE(v2);
  auto explained = testing::explain_with(
      testing::compile_files({testing::source_path("rules/software-delivery.yaml")}),
      "samples/software/portal-v3.yaml", "analytical", "", &*v2);
  ASSERT_TRUE(explained->explanation);
  const std::string html = render_html(*explained->explanation);
  const Chart c = chart(html, "bridge");
  ASSERT_FALSE(c.svg.empty());
  EXPECT_THAT(c.svg, HasSubstr("<svg class=\"chart\" role=\"img\" aria-labelledby=\"bridge-title "
                               "bridge-desc\""));
  EXPECT_THAT(c.svg, HasSubstr("<title id=\"bridge-title\">Bridge from revision 2 to revision "
                               "3</title>"));
  EXPECT_THAT(c.svg, HasSubstr("The axis starts at $850,000, not at zero.</desc>"));
  EXPECT_THAT(c.svg, HasSubstr(">axis from $850,000</text>"));
  ASSERT_THAT(titles(c),
              ElementsAre("Total, revision 2: $864,547.69", "Items added (2): +$28,750.00",
                          "Items removed (1): -$20,000.00",
                          "Changes in hours and quantities (6 items): +$13,577.40",
                          "Changes in rates and prices (7 items): +$4,095.00",
                          "Delivery overhead (tooling, quality management, security training): "
                          "+$2,113.79",
                          "Contingency for the risks in the register and the three-point ranges: "
                          "-$12,718.66",
                          "Total, revision 3: $880,365.22"));
  const Bar& before = c.bars[0];
  const Bar& after = c.bars[7];
  EXPECT_NEAR(before.x, c.axis_x, kPixel);
  EXPECT_NEAR(after.x, c.axis_x, kPixel);
  const double per_dollar = before.width / (864547.69 - 850000);
  const double amounts[] = {28750.00, -20000.00, 13577.40, 4095.00, 2113.79, -12718.66};
  double running_x = before.right();
  for (int i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    const Bar& step = c.bars[static_cast<std::size_t>(i + 1)];
    EXPECT_NEAR(step.width, std::abs(amounts[i]) * per_dollar, 2 * kPixel);
    if (amounts[i] > 0) {
      EXPECT_NEAR(step.x, running_x, kPixel);
      running_x = step.right();
    } else {
      EXPECT_NEAR(step.right(), running_x, kPixel);
      running_x = step.x;
    }
  }
  EXPECT_EQ(c.bars[1].fill, c.bars[4].fill);  // increases alike
  EXPECT_EQ(c.bars[2].fill, c.bars[6].fill);  // decreases alike
  EXPECT_NE(c.bars[1].fill, c.bars[2].fill);
  EXPECT_EQ(after.fill, before.fill);
  EXPECT_NEAR(after.right(), running_x, 2 * kPixel);
  EXPECT_NEAR(after.width, (880365.22 - 850000) * per_dollar, 2 * kPixel);
}

TEST(ExplainCharts, BreakdownBarsAreProportionalToTheirAmounts) {
  const std::string html =
      html_of("rules/software-delivery.yaml", "samples/software/portal-v3.yaml");
  const Chart c = chart(html, "breakdown");
  ASSERT_THAT(titles(c),
              ElementsAre("development: $369,800.00 (49.5%)",
                          "project-management: $111,600.00 (14.9%)", "testing: $93,275.00 (12.5%)",
                          "design: $65,000.00 (8.7%)", "infrastructure: $61,686.60 (8.3%)",
                          "services: $33,250.00 (4.4%)", "materials: $12,749.70 (1.7%)"));
  const double amounts[] = {369800.00, 111600.00, 93275.00, 65000.00, 61686.60, 33250.00, 12749.70};
  const double per_dollar = c.bars[0].width / amounts[0];
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    SCOPED_TRACE(c.bars[i].title);
    EXPECT_NEAR(c.bars[i].x, c.axis_x, kPixel);
    EXPECT_NEAR(c.bars[i].width, amounts[i] * per_dollar, kPixel);
  }
}

TEST(ExplainCharts, LongLabelsWrapOntoTwoLinesInsteadOfBeingCut) {
  const std::string html =
      html_of("rules/construction.yaml", "samples/construction/office-fitout.yaml");
  const Chart c = chart(html, "waterfall");
  ASSERT_EQ(c.bars.size(), 5u);
  EXPECT_EQ(c.bars[1].label, "Material price escalation to a Q2 2027 order date");
  EXPECT_EQ(c.bars[2].label, "Contractor&#39;s overheads, insurances and profit");
  EXPECT_EQ(c.bars[3].label, "Design and construction contingency");
  EXPECT_THAT(c.svg, HasSubstr("<tspan"));
  EXPECT_THAT(c.svg, Not(HasSubstr("\u2026")));
  // The portal's two long adjustment labels fit two lines as well.
  const Chart portal = chart(
      html_of("rules/software-delivery.yaml", "samples/software/portal-v3.yaml"), "waterfall");
  ASSERT_EQ(portal.bars.size(), 5u);
  EXPECT_EQ(portal.bars[1].label,
            "Delivery overhead (tooling, quality management, security training)");
  EXPECT_EQ(portal.bars[2].label,
            "Contingency for the risks in the register and the three-point ranges");
}

}  // namespace
}  // namespace basis
