// compute_estimate: item amounts, adjustments on each base, rounding, overflow, and the
// sample figures of /work/shared/samples/README.md ("Key figures"), which were computed
// independently with exact decimal arithmetic.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "basis/engine/estimate.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis {
namespace {

Decimal d(const char* text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal());
}

CostValue number(const char* text, SourcePos pos = {}) {
  CostValue v;
  v.kind = CostValue::Kind::number;
  v.number = d(text);
  v.pos = pos;
  return v;
}

CostValue three_point(const char* low, const char* likely, const char* high) {
  CostValue v;
  v.kind = CostValue::Kind::three_point;
  v.points = {d(low), d(likely), d(high)};
  return v;
}

CostValue rate_name(const char* name, SourcePos pos = {}) {
  CostValue v;
  v.kind = CostValue::Kind::rate_name;
  v.rate_name = name;
  v.pos = pos;
  return v;
}

ItemSyntax hours_item(const char* id, CostValue hours, CostValue rate) {
  ItemSyntax item;
  item.id = id;
  item.name = std::string("item ") + id;
  item.form = CostForm::hours_rate;
  item.hours = hours;
  item.rate = rate;
  return item;
}

ItemSyntax quantity_item(const char* id, const char* quantity, const char* unit_cost) {
  ItemSyntax item;
  item.id = id;
  item.name = std::string("item ") + id;
  item.form = CostForm::quantity_unit_cost;
  item.quantity = number(quantity);
  item.unit_cost = number(unit_cost);
  return item;
}

ItemSyntax amount_item(const char* id, const char* amount) {
  ItemSyntax item;
  item.id = id;
  item.name = std::string("item ") + id;
  item.form = CostForm::amount;
  item.amount = number(amount);
  return item;
}

AdjustmentSyntax percent_adjustment(const char* id, const char* fraction,
                                    AdjustmentBase base = AdjustmentBase::direct,
                                    AdjustmentKind kind = AdjustmentKind::other) {
  AdjustmentSyntax a;
  a.id = id;
  a.label = id;
  a.kind = kind;
  a.percent = d(fraction);
  a.base = base;
  return a;
}

AdjustmentSyntax fixed_adjustment(const char* id, const char* amount) {
  AdjustmentSyntax a;
  a.id = id;
  a.label = id;
  a.kind = AdjustmentKind::discount;
  a.amount = d(amount);
  return a;
}

EstimateSyntax estimate_in(const char* currency = "USD") {
  EstimateSyntax syntax;
  syntax.source = std::make_shared<SourceText>("test.yaml", "id: T\n");
  syntax.id = "T";
  syntax.currency = find_currency(currency);
  return syntax;
}

Estimate compute_ok(EstimateSyntax syntax, const AppliesToFilter& filter = {}) {
  Diagnostics diags;
  auto estimate = compute_estimate(std::move(syntax), diags, filter);
  EXPECT_FALSE(diags.has_errors()) << format_diagnostics(diags);
  if (!estimate) {
    ADD_FAILURE() << "compute_estimate failed";
    return Estimate();
  }
  return std::move(*estimate);
}

Estimate load_sample(const std::string& relative, const AppliesToFilter& filter = {}) {
  Diagnostics diags;
  auto syntax = load_estimate(std::string(BASIS_SOURCE_DIR) + "/samples/" + relative, diags);
  EXPECT_TRUE(syntax.has_value()) << format_diagnostics(diags);
  if (!syntax) return Estimate();
  return compute_ok(std::move(*syntax), filter);
}

// The test stand-in for the rules engine: items whose cost_type is "material".
AppliesToFilter material_filter() {
  return [](const Estimate& estimate, const AdjustmentSyntax&,
            Diagnostics&) -> std::optional<std::vector<std::size_t>> {
    std::vector<std::size_t> matched;
    for (std::size_t i = 0; i < estimate.items.size(); ++i) {
      const Value* cost_type = estimate.items[i].syntax->attribute("cost_type");
      if (cost_type && cost_type->kind == Value::Kind::text && cost_type->text == "material") {
        matched.push_back(i);
      }
    }
    return matched;
  };
}

// --- samples -------------------------------------------------------------------------

TEST(SampleFigures, PortalV2) {
  Estimate e = load_sample("software/portal-v2.yaml");
  ASSERT_EQ(e.items.size(), 33u);
  EXPECT_EQ(e.totals.direct, d("720938.90"));
  ASSERT_EQ(e.totals.adjustments.size(), 3u);
  const AdjustmentLine* overhead = e.totals.adjustment("overhead");
  const AdjustmentLine* contingency = e.totals.adjustment("contingency");
  const AdjustmentLine* discount = e.totals.adjustment("discount");
  ASSERT_TRUE(overhead && contingency && discount);
  EXPECT_EQ(overhead->base, d("720938.90"));
  EXPECT_EQ(overhead->amount, d("57675.11"));
  EXPECT_EQ(contingency->base, d("778614.01"));
  EXPECT_EQ(contingency->amount, d("93433.68"));
  EXPECT_EQ(discount->base, d("0"));
  EXPECT_EQ(discount->amount, d("-7500.00"));
  EXPECT_EQ(e.totals.subtotal, d("864547.69"));  // no tax: the same as the total
  EXPECT_EQ(e.totals.total, d("864547.69"));
  EXPECT_EQ(e.money_decimals, 2);
  EXPECT_EQ(e.format_money(e.totals.total), "$864,547.69");
}

TEST(SampleFigures, PortalV2ThreePointItems) {
  Estimate e = load_sample("software/portal-v2.yaml");
  // DEV-02: PERT (280 + 4 x 340 + 460) / 6 = 350 hours at engineer 125.
  const LineItem* dev02 = nullptr;
  for (const LineItem& item : e.items) {
    if (item.id() == "DEV-02") dev02 = &item;
  }
  ASSERT_NE(dev02, nullptr);
  ASSERT_TRUE(dev02->hours.value && dev02->hours.points);
  EXPECT_EQ(*dev02->hours.value, d("350"));
  EXPECT_EQ(dev02->hours.points->high, d("460"));
  EXPECT_EQ(dev02->rate_name, "engineer");
  EXPECT_EQ(*dev02->rate.value, d("125"));
  EXPECT_EQ(dev02->amount, d("43750.00"));
}

TEST(SampleFigures, PortalV3) {
  Estimate e = load_sample("software/portal-v3.yaml");
  EXPECT_EQ(e.items.size(), 34u);
  EXPECT_EQ(e.totals.direct, d("747361.30"));
  EXPECT_EQ(e.totals.adjustment("overhead")->amount, d("59788.90"));
  EXPECT_EQ(e.totals.adjustment("contingency")->amount, d("80715.02"));
  EXPECT_EQ(e.totals.adjustment("discount")->amount, d("-7500.00"));
  EXPECT_EQ(e.totals.total, d("880365.22"));
}

TEST(SampleFigures, DataPlatformItemsFromCsv) {
  Estimate e = load_sample("consulting/data-platform.yaml");
  ASSERT_EQ(e.items.size(), 22u);
  EXPECT_EQ(e.totals.direct, d("423410.00"));
  EXPECT_EQ(e.totals.adjustment("expenses")->amount, d("16936.40"));
  EXPECT_EQ(e.totals.adjustment("contingency")->base, d("440346.40"));
  EXPECT_EQ(e.totals.adjustment("contingency")->amount, d("35227.71"));
  EXPECT_EQ(e.totals.total, d("475574.11"));
  for (const LineItem& item : e.items) {
    // "$2,080.00" x 6 days; 57.5 hours x senior_consultant 210.
    if (item.id() == "ADV-01") {
      EXPECT_EQ(item.amount, d("12480.00"));
    }
    if (item.id() == "ENB-02") {
      EXPECT_EQ(item.amount, d("12075.00"));
    }
    // (60 + 4 x 80 + 130) / 6 = 85 hours x data_engineer 175.
    if (item.id() == "DIS-02") {
      EXPECT_EQ(item.amount, d("14875.00"));
    }
  }
}

TEST(SampleFigures, OfficeFitoutWithoutRulesEngineSaysSo) {
  Diagnostics diags;
  auto syntax = load_estimate(
      std::string(BASIS_SOURCE_DIR) + "/samples/construction/office-fitout.yaml", diags);
  ASSERT_TRUE(syntax.has_value()) << format_diagnostics(diags);
  auto estimate = compute_estimate(std::move(*syntax), diags);
  EXPECT_FALSE(estimate.has_value());
  ASSERT_EQ(diags.error_count(), 1u) << format_diagnostics(diags);
  const Diagnostic& error = diags.items().back();
  EXPECT_EQ(error.message,
            "applies_to needs the rules engine, which is not available in this build");
  // `    applies_to: cost_type == "material"` on line 466: the expression starts at column 17.
  EXPECT_EQ(error.pos.line, 466u);
  EXPECT_EQ(error.pos.column, 17u);
  EXPECT_NE(error.file.find("office-fitout.yaml"), std::string::npos);
}

TEST(SampleFigures, OfficeFitoutWithMaterialFilter) {
  Estimate e = load_sample("construction/office-fitout.yaml", material_filter());
  ASSERT_EQ(e.items.size(), 50u);
  EXPECT_EQ(e.totals.direct, d("811462.00"));
  const AdjustmentLine* escalation = e.totals.adjustment("escalation");
  ASSERT_NE(escalation, nullptr);
  EXPECT_EQ(escalation->matched_items.size(), 18u);
  EXPECT_EQ(escalation->base, d("386350.00"));
  EXPECT_EQ(escalation->amount, d("13522.25"));
  EXPECT_EQ(e.totals.adjustment("overhead")->amount, d("73031.58"));
  EXPECT_EQ(e.totals.adjustment("contingency")->base, d("898015.83"));
  EXPECT_EQ(e.totals.adjustment("contingency")->amount, d("107761.90"));
  EXPECT_EQ(e.totals.total, d("1005777.73"));
  EXPECT_EQ(e.format_money(e.totals.total), "£1,005,777.73");
}

// --- items ---------------------------------------------------------------------------

TEST(ItemAmount, PertIsCarriedExactlyAndRoundedOnce) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(hours_item("QA", three_point("120", "160", "241"), number("95")));
  Estimate e = compute_ok(std::move(s));
  // 1001/6 hours x 95 = 15849.1666...; with hours pre-rounded to 166.83 it would be 15848.85.
  EXPECT_EQ(e.items[0].amount, d("15849.17"));
  EXPECT_EQ(e.items[0].hours.value->round(12), d("166.833333333333"));
}

TEST(ItemAmount, TriangularAveragesTheThreePoints) {
  EstimateSyntax s = estimate_in();
  s.three_point = ThreePointMethod::triangular;
  s.items.push_back(hours_item("QA", three_point("120", "160", "241"), number("95")));
  Estimate e = compute_ok(std::move(s));
  // 521/3 x 95 = 16498.333...
  EXPECT_EQ(e.items[0].amount, d("16498.33"));
}

TEST(ItemAmount, ExactDecimalArithmetic) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(quantity_item("A", "3", "33.33"));
  s.items.push_back(amount_item("B", "0.1"));
  s.items.push_back(amount_item("C", "0.2"));
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.items[0].amount, d("99.99"));
  EXPECT_EQ(e.totals.direct, d("100.29"));
  EXPECT_EQ(e.totals.total, d("100.29"));
}

TEST(ItemAmount, RoundsHalfAwayFromZero) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(quantity_item("UP", "1", "0.125"));
  s.items.push_back(amount_item("CREDIT", "-0.125"));
  s.items.push_back(quantity_item("DOWN", "1", "0.12499"));
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.items[0].amount, d("0.13"));
  EXPECT_EQ(e.items[1].amount, d("-0.13"));
  EXPECT_EQ(e.items[2].amount, d("0.12"));
}

TEST(ItemAmount, RateNamesResolveToTheRateCard) {
  EstimateSyntax s = estimate_in();
  s.rates.push_back({"engineer", d("120"), {}});
  s.items.push_back(hours_item("DEV", number("10.5"), rate_name("engineer")));
  ItemSyntax lic = quantity_item("LIC", "4", "0");
  lic.unit_cost = rate_name("engineer");
  s.items.push_back(lic);
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.items[0].amount, d("1260.00"));
  EXPECT_EQ(e.items[0].rate_name, "engineer");
  EXPECT_EQ(e.items[1].amount, d("480.00"));
  EXPECT_EQ(e.items[1].rate_name, "engineer");
}

TEST(ItemAmount, UnknownRateIsAnErrorWithASuggestion) {
  EstimateSyntax s = estimate_in();
  s.rates.push_back({"qa_engineer", d("95"), {}});
  s.items.push_back(hours_item("QA", number("10"), rate_name("qa_enginer", {7, 11})));
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message, "unknown rate 'qa_enginer'; did you mean 'qa_engineer'?");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{7, 11}));
}

TEST(ItemAmount, OverflowIsAnErrorAtTheFigure) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(hours_item("BIG", number("100000000000000000", {4, 12}), number("1000")));
  s.items.push_back(amount_item("OK", "1"));
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message, "amount of item 'BIG' is too large (overflow)");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{4, 12}));
}

TEST(ItemAmount, OverflowInADirectCostSumIsAnError) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000000000000000000"));
  s.items.push_back(amount_item("B", "1000000000000000000"));
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_NE(diags.items()[0].message.find("too large (overflow)"), std::string::npos);
}

TEST(ItemAmount, OverflowInAnExpectedValueIsAnError) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(
      hours_item("H", three_point("1", "1000000000000000000", "1000000000000000000"), number("1")));
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message, "hours of item 'H' is too large (overflow)");
}

// --- adjustments ---------------------------------------------------------------------

TEST(Adjustments, EachBaseIsRoundedOnce) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "100.01"));
  s.items.push_back(amount_item("B", "33.33"));
  s.adjustments.push_back(percent_adjustment("on-direct", "0.125"));  // 16.6675 -> 16.67
  s.adjustments.push_back(percent_adjustment("on-subtotal", "0.1", AdjustmentBase::subtotal));
  s.adjustments.push_back(percent_adjustment("on-b", "0.015", AdjustmentBase::applies_to));
  s.adjustments.back().applies_to.text = "id == \"B\"";
  AppliesToFilter only_b = [](const Estimate&, const AdjustmentSyntax&, Diagnostics&) {
    return std::optional<std::vector<std::size_t>>(std::vector<std::size_t>{1});
  };
  Estimate e = compute_ok(std::move(s), only_b);
  EXPECT_EQ(e.totals.direct, d("133.34"));
  EXPECT_EQ(e.totals.adjustments[0].base, d("133.34"));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("16.67"));
  // 10% of (133.34 + 16.67) = 15.001 -> 15.00
  EXPECT_EQ(e.totals.adjustments[1].base, d("150.01"));
  EXPECT_EQ(e.totals.adjustments[1].amount, d("15.00"));
  // 1.5% of 33.33 = 0.49995 -> 0.50
  EXPECT_EQ(e.totals.adjustments[2].base, d("33.33"));
  EXPECT_EQ(e.totals.adjustments[2].amount, d("0.50"));
  EXPECT_EQ(e.totals.adjustments[2].matched_items, (std::vector<std::size_t>{1}));
  EXPECT_EQ(e.totals.total, d("165.51"));
}

TEST(Adjustments, NegativePercentRoundsAwayFromZero) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "100.10"));
  s.adjustments.push_back(percent_adjustment("discount", "-0.05"));
  Estimate e = compute_ok(std::move(s));
  // -5% of 100.10 = -5.005 -> -5.01
  EXPECT_EQ(e.totals.adjustments[0].amount, d("-5.01"));
  EXPECT_EQ(e.totals.total, d("95.09"));
}

TEST(Adjustments, FixedAmountsAreTakenAsIsAndRoundedToTheStep) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000"));
  s.adjustments.push_back(fixed_adjustment("goodwill", "-5000"));
  s.adjustments.push_back(fixed_adjustment("odd", "12.345"));
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("-5000"));
  EXPECT_EQ(e.totals.adjustments[0].base, d("0"));
  EXPECT_EQ(e.totals.adjustments[1].amount, d("12.35"));
  EXPECT_EQ(e.totals.total, d("-3987.65"));
}

TEST(Adjustments, SubtotalLeavesOutTaxButALaterSubtotalBaseIncludesIt) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000"));
  s.adjustments.push_back(
      percent_adjustment("vat", "0.2", AdjustmentBase::direct, AdjustmentKind::tax));
  s.adjustments.push_back(
      percent_adjustment("fee", "0.1", AdjustmentBase::subtotal, AdjustmentKind::fee));
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("200.00"));
  // base: direct + every adjustment before it, tax included
  EXPECT_EQ(e.totals.adjustments[1].base, d("1200.00"));
  EXPECT_EQ(e.totals.adjustments[1].amount, d("120.00"));
  EXPECT_EQ(e.totals.subtotal, d("1120.00"));
  EXPECT_EQ(e.totals.total, d("1320.00"));
}

TEST(Adjustments, AppliesToWithoutFilterIsAnErrorAtTheExpression) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000"));
  AdjustmentSyntax a = percent_adjustment("escalation", "0.04", AdjustmentBase::applies_to);
  a.applies_to.text = "category == \"materials\"";
  a.applies_to.source = s.source;
  a.applies_to.anchors.push_back({0, SourcePos{9, 17}});
  s.adjustments.push_back(a);
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "applies_to needs the rules engine, which is not available in this build");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{9, 17}));
  EXPECT_EQ(diags.items()[0].length, 23u);
}

TEST(Adjustments, AFilterThatNamesAnItemTwiceCountsItOnce) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000"));
  s.items.push_back(amount_item("B", "10"));
  s.adjustments.push_back(percent_adjustment("x", "0.1", AdjustmentBase::applies_to));
  AppliesToFilter twice = [](const Estimate&, const AdjustmentSyntax&, Diagnostics&) {
    return std::optional<std::vector<std::size_t>>(std::vector<std::size_t>{0, 0, 7});
  };
  Estimate e = compute_ok(std::move(s), twice);
  EXPECT_EQ(e.totals.adjustments[0].base, d("1000"));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("100.00"));
}

TEST(Adjustments, AFailingFilterFailsTheEstimate) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "1000"));
  s.adjustments.push_back(percent_adjustment("x", "0.1", AdjustmentBase::applies_to));
  AppliesToFilter failing = [](const Estimate&, const AdjustmentSyntax&, Diagnostics& diags) {
    diags.error(nullptr, SourcePos{}, "unknown field 'catgory'");
    return std::optional<std::vector<std::size_t>>();
  };
  Diagnostics diags;
  EXPECT_FALSE(compute_estimate(std::move(s), diags, failing).has_value());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message, "unknown field 'catgory'");
}

// --- rounding steps and currencies ---------------------------------------------------

TEST(Rounding, WholeUnits) {
  EstimateSyntax s = estimate_in();
  s.rounding = d("1");
  s.items.push_back(quantity_item("A", "3", "411.5"));        // 1234.5 -> 1235
  s.adjustments.push_back(percent_adjustment("pm", "0.12"));  // 148.2 -> 148
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.rounding_step, d("1"));
  EXPECT_EQ(e.money_decimals, 0);
  EXPECT_EQ(e.items[0].amount, d("1235"));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("148"));
  EXPECT_EQ(e.format_money(e.totals.total), "$1,383");
}

TEST(Rounding, Hundreds) {
  EstimateSyntax s = estimate_in();
  s.rounding = d("100");
  s.items.push_back(quantity_item("A", "3", "411.5"));        // 1234.5 -> 1200
  s.items.push_back(amount_item("B", "1250"));                // half away from zero -> 1300
  s.adjustments.push_back(percent_adjustment("pm", "0.12"));  // 12% of 2500 = 300
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.money_decimals, 0);
  EXPECT_EQ(e.items[0].amount, d("1200"));
  EXPECT_EQ(e.items[1].amount, d("1300"));
  EXPECT_EQ(e.totals.adjustments[0].amount, d("300"));
  EXPECT_EQ(e.format_money(e.totals.total), "$2,800");
}

TEST(Rounding, StepOfFiveCentsShowsTwoDecimals) {
  EstimateSyntax s = estimate_in();
  s.rounding = d("0.05");
  s.items.push_back(amount_item("A", "10.024"));  // -> 10.00
  s.items.push_back(amount_item("B", "10.025"));  // -> 10.05
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.money_decimals, 2);
  EXPECT_EQ(e.items[0].amount, d("10.00"));
  EXPECT_EQ(e.items[1].amount, d("10.05"));
}

TEST(Rounding, YenHasNoMinorUnit) {
  EstimateSyntax s = estimate_in("JPY");
  s.items.push_back(quantity_item("A", "3", "33.33"));  // 99.99 -> 100
  s.items.push_back(
      hours_item("B", three_point("1", "2", "4"), number("1000")));  // 2.1666.. x 1000
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.rounding_step, d("1"));
  EXPECT_EQ(e.money_decimals, 0);
  EXPECT_EQ(e.items[0].amount, d("100"));
  EXPECT_EQ(e.items[1].amount, d("2167"));
  EXPECT_EQ(e.format_money(e.totals.total), "¥2,267");
}

// --- copies and recomputation --------------------------------------------------------

TEST(EstimateCopy, PointsAtItsOwnSyntax) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(amount_item("A", "10"));
  s.adjustments.push_back(percent_adjustment("pm", "0.1"));
  Estimate original = compute_ok(std::move(s));
  Estimate copy = original;
  EXPECT_EQ(copy.items[0].syntax, &copy.syntax.items[0]);
  EXPECT_EQ(copy.totals.adjustments[0].syntax, &copy.syntax.adjustments[0]);
  Estimate assigned;
  assigned = original;
  EXPECT_EQ(assigned.items[0].syntax, &assigned.syntax.items[0]);
  EXPECT_EQ(original.items[0].syntax, &original.syntax.items[0]);
}

TEST(RecomputeTotals, FollowsChangedFiguresAndPercents) {
  EstimateSyntax s = estimate_in();
  s.items.push_back(hours_item("DEV", number("100"), number("120")));
  s.items.push_back(amount_item("FEE", "500"));
  s.adjustments.push_back(percent_adjustment("contingency", "0.10", AdjustmentBase::subtotal));
  Estimate e = compute_ok(std::move(s));
  EXPECT_EQ(e.totals.total, d("13750.00"));

  Estimate option = e;
  option.items[0].hours.value = d("80");             // scale hours by 0.8
  option.syntax.adjustments[0].percent = d("0.05");  // adjust contingency to 5%
  option.items.erase(option.items.begin() + 1);      // remove FEE
  Diagnostics diags;
  ASSERT_TRUE(recompute_totals(option, diags)) << format_diagnostics(diags);
  EXPECT_EQ(option.items[0].amount, d("9600.00"));
  EXPECT_EQ(option.totals.direct, d("9600.00"));
  EXPECT_EQ(option.totals.adjustments[0].amount, d("480.00"));
  EXPECT_EQ(option.totals.total, d("10080.00"));
  EXPECT_EQ(e.totals.total, d("13750.00"));  // the original is untouched
}

}  // namespace
}  // namespace basis
