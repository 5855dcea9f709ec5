// The text, Markdown and JSON renderings of the totals, on hand-built estimates whose
// figures are worked out in the comments.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "basis/engine/totals_report.hpp"
#include "basis/render/totals.hpp"

namespace basis {
namespace {

Decimal d(const char* text) {
  return Decimal::parse(text).value();
}

Value text_value(const std::string& s) {
  Value v;
  v.kind = Value::Kind::text;
  v.text = s;
  return v;
}

ItemSyntax item(const std::string& id, const std::string& category, const char* hours,
                const char* rate) {
  ItemSyntax i;
  i.id = id;
  i.name = "item " + id;
  i.form = CostForm::hours_rate;
  i.hours.kind = CostValue::Kind::number;
  i.hours.number = d(hours);
  i.rate.kind = CostValue::Kind::number;
  i.rate.number = d(rate);
  i.attributes.emplace_back("category", text_value(category));
  return i;
}

ItemSyntax amount_item(const std::string& id, const std::string& category, const char* amount) {
  ItemSyntax i;
  i.id = id;
  i.name = "item " + id;
  i.form = CostForm::amount;
  i.amount.kind = CostValue::Kind::number;
  i.amount.number = d(amount);
  i.attributes.emplace_back("category", text_value(category));
  return i;
}

AdjustmentSyntax adjustment(const std::string& id, AdjustmentKind kind, const std::string& label) {
  AdjustmentSyntax a;
  a.id = id;
  a.kind = kind;
  a.label = label;
  return a;
}

// development 100 h x 120 = 12,000.00; materials 1,234.56; services 2,000.00 (a | pipe in
// its name); direct 15,234.56.
//   pm 12% of direct = 1,828.1472 -> 1,828.15
//   escalation 4% of materials 1,234.56 = 49.3824 -> 49.38
//   contingency 10% of subtotal 17,112.09 = 1,711.209 -> 1,711.21
//   goodwill -500.00
//   vat 20% of direct = 3,046.912 -> 3,046.91
// total 21,370.21; subtotal (without tax) 18,323.30.
Estimate sample_estimate() {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "ACME";
  s.title = "Patient portal rebuild";
  s.currency = find_currency("USD");
  s.estimate_class = 3;
  s.items.push_back(item("DEV-01", "development", "100", "120"));
  s.items.push_back(amount_item("LIC-01", "materials", "1234.56"));
  s.items.push_back(amount_item("SRV-01", "services | audits", "2000"));
  AdjustmentSyntax pm = adjustment("pm", AdjustmentKind::overhead, "Project management");
  pm.percent = d("0.12");
  s.adjustments.push_back(pm);
  AdjustmentSyntax esc = adjustment("escalation", AdjustmentKind::escalation, "");
  esc.percent = d("0.04");
  esc.base = AdjustmentBase::applies_to;
  esc.applies_to.text = "category == \"materials\"";
  s.adjustments.push_back(esc);
  AdjustmentSyntax contingency = adjustment(
      "contingency", AdjustmentKind::contingency,
      "Contingency for the risks in the register and the three-point ranges of the estimate");
  contingency.percent = d("0.10");
  contingency.base = AdjustmentBase::subtotal;
  s.adjustments.push_back(contingency);
  AdjustmentSyntax goodwill = adjustment("goodwill", AdjustmentKind::discount, "Goodwill");
  goodwill.amount = d("-500");
  s.adjustments.push_back(goodwill);
  AdjustmentSyntax vat = adjustment("vat", AdjustmentKind::tax, "VAT");
  vat.percent = d("0.2");
  s.adjustments.push_back(vat);
  AppliesToFilter materials = [](const Estimate&, const AdjustmentSyntax&, Diagnostics&) {
    return std::optional<std::vector<std::size_t>>(std::vector<std::size_t>{1});
  };
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags, materials);
  EXPECT_TRUE(e.has_value()) << format_diagnostics(diags);
  return e ? std::move(*e) : Estimate();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text)) {
    if (l == line) return true;
  }
  return false;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(TotalsWording, Shares) {
  EXPECT_EQ(format_share(82), "8.2%");
  EXPECT_EQ(format_share(1000), "100.0%");
  EXPECT_EQ(format_share(0), "0.0%");
  EXPECT_EQ(format_share(-5), "-0.5%");
}

TEST(TotalsWording, Percents) {
  EXPECT_EQ(format_percent(d("0.12")), "12%");
  EXPECT_EQ(format_percent(d("0.035")), "3.5%");
  EXPECT_EQ(format_percent(d("-0.05")), "-5%");
  EXPECT_EQ(format_percent(d("0.3"), true), "+30%");
  EXPECT_EQ(format_percent(d("-0.2"), true), "-20%");
}

TEST(TotalsWording, AdjustmentBases) {
  Estimate e = sample_estimate();
  ASSERT_EQ(e.totals.adjustments.size(), 5u);
  EXPECT_EQ(describe_adjustment_base(e, e.totals.adjustments[0]), "12% of direct cost $15,234.56");
  EXPECT_EQ(describe_adjustment_base(e, e.totals.adjustments[1]),
            "4% of $1,234.56 (items where category == \"materials\")");
  EXPECT_EQ(describe_adjustment_base(e, e.totals.adjustments[2]), "10% of subtotal $17,112.09");
  EXPECT_EQ(describe_adjustment_base(e, e.totals.adjustments[3]), "fixed amount");
  EXPECT_EQ(e.totals.total, d("21370.21"));
  EXPECT_EQ(e.totals.subtotal, d("18323.30"));
}

TEST(TotalsWording, AccuracyOfTheSpecExample) {
  Estimate e = sample_estimate();
  AccuracyRange range{3, d("-0.2"), d("0.3"), d("63342"), d("102931")};
  EXPECT_EQ(describe_accuracy(e, range),
            "expected between $63,342 and $102,931 (-20% / +30%, AACE class 3)");
}

TEST(TotalsText, LayoutAndFigures) {
  Estimate e = sample_estimate();
  const std::string out = render_totals_text(e, build_totals_report(e, "category"));
  for (const std::string& line : lines_of(out)) EXPECT_LE(code_points(line), 80u) << line;
  EXPECT_TRUE(has_line(out, "ACME: Patient portal rebuild")) << out;
  EXPECT_TRUE(has_line(out, "Currency USD, AACE class 3")) << out;
  EXPECT_TRUE(has_line(out, "category           items  hours      amount   share")) << out;
  EXPECT_TRUE(has_line(out, "development            1    100  $12,000.00   78.8%")) << out;
  EXPECT_TRUE(has_line(out, "services | audits      1      -   $2,000.00   13.1%")) << out;
  EXPECT_TRUE(has_line(out, "Direct cost            3    100  $15,234.56  100.0%")) << out;
  EXPECT_TRUE(has_line(out,
                       "Contingency for the risks in the register and the three-point ranges"
                       "   $1,711.21"))
      << out;
  EXPECT_TRUE(
      has_line(out, "    escalation: 4% of $1,234.56 (items where category == \"materials\")"))
      << out;
  EXPECT_TRUE(has_line(out, "    discount: fixed amount")) << out;
  // A label too long for its column wraps; its amount stays on the first line.
  EXPECT_TRUE(has_line(out, "  of the estimate")) << out;
  EXPECT_TRUE(has_line(out, "  expected between $17,096 and $27,781 (-20% / +30%, AACE class 3)"))
      << out;
  const std::string total_line = lines_of(out)[lines_of(out).size() - 5];
  EXPECT_EQ(total_line.substr(0, 5), "Total");
  EXPECT_EQ(total_line.substr(total_line.size() - 10), "$21,370.21");
  EXPECT_NE(out.find("Total before tax"), std::string::npos);
}

TEST(TotalsText, NonAsciiCurrencyStillAligns) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "GB";
  s.currency = find_currency("GBP");
  s.items.push_back(amount_item("A", "short", "811462"));
  s.items.push_back(amount_item("B", "a-much-longer-category", "5"));
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  ASSERT_TRUE(e.has_value());
  const std::string out = render_totals_text(*e, build_totals_report(*e, "category"));
  std::size_t width = 0;
  for (const std::string& line : lines_of(out)) {
    if (line.find("£") == std::string::npos || line.find('%') == std::string::npos) continue;
    if (width == 0) width = code_points(line);
    EXPECT_EQ(code_points(line), width) << out;
  }
  EXPECT_GT(width, 0u);
}

TEST(TotalsText, WideCharactersTakeTwoColumns) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "JP";
  s.currency = find_currency("JPY");
  s.items.push_back(amount_item("A", "カテゴリ", "2000"));  // 4 characters, 8 columns
  s.items.push_back(amount_item("B", "abcdefgh", "1000"));
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  ASSERT_TRUE(e.has_value());
  const std::string out = render_totals_text(*e, build_totals_report(*e, "category"));
  EXPECT_TRUE(has_line(out, "カテゴリ         1      -  ¥2,000   66.7%")) << out;
  EXPECT_TRUE(has_line(out, "abcdefgh         1      -  ¥1,000   33.3%")) << out;
}

TEST(TotalsMarkdown, Tables) {
  Estimate e = sample_estimate();
  const std::string out = render_totals_markdown(e, build_totals_report(e, "category"));
  EXPECT_TRUE(has_line(out, "# ACME: Patient portal rebuild")) << out;
  EXPECT_TRUE(has_line(out, "Currency USD, AACE class 3")) << out;
  EXPECT_TRUE(has_line(out, "| category | items | hours | amount | share |")) << out;
  EXPECT_TRUE(has_line(out, "| development | 1 | 100 | $12,000.00 | 78.8% |")) << out;
  EXPECT_TRUE(has_line(out, "| services \\| audits | 1 | - | $2,000.00 | 13.1% |")) << out;
  EXPECT_TRUE(has_line(out, "| **Direct cost** | **3** | **100** | **$15,234.56** | **100.0%** |"))
      << out;
  EXPECT_TRUE(has_line(out,
                       "| Project management | overhead | 12% of direct cost $15,234.56 | "
                       "$1,828.15 |"))
      << out;
  EXPECT_TRUE(has_line(out,
                       "| escalation | escalation | 4% of $1,234.56 (items where "
                       "`category == \"materials\"`) | $49.38 |"))
      << out;
  EXPECT_TRUE(has_line(out, "| Goodwill | discount | fixed amount | -$500.00 |")) << out;
  EXPECT_TRUE(has_line(out, "| **Total** | | | **$21,370.21** |")) << out;
  EXPECT_TRUE(has_line(out, "| Total before tax | | | $18,323.30 |")) << out;
  EXPECT_TRUE(has_line(out,
                       "**Accuracy range:** expected between $17,096 and $27,781 (-20% / "
                       "+30%, AACE class 3)"))
      << out;
}

TEST(TotalsJson, ExactAmountsInAFixedOrder) {
  Estimate e = sample_estimate();
  const std::string out = render_totals_json(e, build_totals_report(e, "category"));
  auto json = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"estimate", "group_by", "groups", "items", "hours",
                                            "hours_exact", "direct", "direct_formatted",
                                            "adjustments", "subtotal", "subtotal_formatted",
                                            "total", "total_formatted", "accuracy"}));
  EXPECT_EQ(json["direct"], "15234.56");
  EXPECT_EQ(json["total"], "21370.21");
  EXPECT_EQ(json["subtotal"], "18323.30");
  EXPECT_EQ(json["groups"][0]["key"], "development");
  EXPECT_EQ(json["groups"][0]["share_tenths"], 788);
  EXPECT_EQ(json["groups"][0]["share"], "78.8");
  EXPECT_EQ(json["groups"][0]["share_formatted"], "78.8%");
  EXPECT_EQ(json["groups"][0]["hours"], "100");
  EXPECT_TRUE(json["groups"][1]["hours"].is_null());
  EXPECT_EQ(json["adjustments"][1]["base_kind"], "applies_to");
  EXPECT_EQ(json["adjustments"][1]["percent"], "4");
  EXPECT_EQ(json["adjustments"][1]["matched_items"], nlohmann::ordered_json::array({"LIC-01"}));
  EXPECT_EQ(json["adjustments"][3]["base_kind"], "fixed");
  EXPECT_TRUE(json["adjustments"][3]["percent"].is_null());
  EXPECT_EQ(json["adjustments"][3]["amount"], "-500.00");
  EXPECT_EQ(json["accuracy"]["low"], "17096");
  EXPECT_EQ(json["accuracy"]["low_percent"], "-20");
  EXPECT_EQ(json["accuracy"]["text"],
            "expected between $17,096 and $27,781 (-20% / +30%, AACE class 3)");
}

TEST(TotalsJson, HundredsShowNoDecimals) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "R";
  s.currency = find_currency("USD");
  s.rounding = d("100");
  s.items.push_back(amount_item("A", "x", "1249.99"));
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  ASSERT_TRUE(e.has_value());
  auto json = nlohmann::json::parse(render_totals_json(*e, build_totals_report(*e, "category")));
  EXPECT_EQ(json["total"], "1200");
  EXPECT_EQ(json["total_formatted"], "$1,200");
  EXPECT_EQ(json["estimate"]["rounding_step"], "100");
  EXPECT_EQ(json["estimate"]["money_decimals"], 0);
  EXPECT_TRUE(json["accuracy"].is_null());
  EXPECT_EQ(describe_estimate_facts(*e), "Currency USD, amounts rounded to 100");
}

}  // namespace
}  // namespace basis
