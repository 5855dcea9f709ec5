// The explanation's revision bridge (`explain --previous`) and the risks section's simulated
// totals. The bridge rows are the hand-worked figures of the shipped pair portal-v2 ->
// portal-v3 (revision_test.cpp works them out line by line); the percentiles are those of
// simulate_risk (`basis risk`) with the default seed and the explanation's iteration count.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "basis/engine/risk.hpp"
#include "explain_test_support.hpp"

namespace basis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const char* const kRules = "rules/software-delivery.yaml";

std::unique_ptr<testing::Explained> portal_since_v2(const std::string& style = "analytical") {
  static std::optional<Estimate> v2 =
      testing::estimate_file(testing::source_path("samples/software/portal-v2.yaml"));
  EXPECT_TRUE(v2.has_value());
  return testing::explain_with(testing::compile_files({testing::source_path(kRules)}),
                               "samples/software/portal-v3.yaml", style, "", v2 ? &*v2 : nullptr);
}

Decimal dec(const char* text) {
  return testing::dec(text);
}

std::vector<std::string> step_rows(const PreviousComparison& p) {
  std::vector<std::string> rows;
  for (const RevisionStep& s : p.steps) {
    rows.push_back(s.kind + " | " + s.label + " | " + s.amount.shown + " | " + s.running.shown);
  }
  return rows;
}

const ItemChange* change_of(const PreviousComparison& p, const std::string& id,
                            const std::string& kind) {
  for (const ItemChange& c : p.changes) {
    if (c.item_id == id && c.change == kind) return &c;
  }
  return nullptr;
}

// ---- the bridge ----------------------------------------------------------------------------

// Running totals by hand: 864,547.69 + 28,750 = 893,297.69; - 20,000 = 873,297.69;
// + 13,577.40 = 886,875.09; + 4,095 = 890,970.09; + 2,113.79 = 893,083.88;
// - 12,718.66 = 880,365.22, the new total.
TEST(ExplainBridge, StepsLeadFromTheOldTotalToTheNewOneByTheHandWorkedFigures) {
  auto explained = portal_since_v2();
  ASSERT_TRUE(explained->explanation);
  ASSERT_TRUE(explained->explanation->previous);
  const PreviousComparison& p = *explained->explanation->previous;
  EXPECT_EQ(p.total.exact, dec("864547.69"));
  EXPECT_EQ(p.delta.exact, dec("15817.53"));
  EXPECT_EQ(p.delta.shown, "+$15,817.53");
  EXPECT_EQ(p.delta_percent.shown, "+1.8%");
  EXPECT_EQ(p.label, "revision 2");
  EXPECT_EQ(p.current_label, "revision 3");
  EXPECT_THAT(
      step_rows(p),
      ElementsAre("added | Items added (2) | +$28,750.00 | $893,297.69",
                  "removed | Items removed (1) | -$20,000.00 | $873,297.69",
                  "volume | Changes in hours and quantities (6 items) | +$13,577.40 | $886,875.09",
                  "price | Changes in rates and prices (7 items) | +$4,095.00 | $890,970.09",
                  "adjustment | Delivery overhead (tooling, quality management, security "
                  "training) | +$2,113.79 | $893,083.88",
                  "adjustment | Contingency for the risks in the register and the three-point "
                  "ranges | -$12,718.66 | $880,365.22"));
  // Shown parts sum to the shown whole: the steps to the change, to the cent.
  Decimal sum;
  for (const RevisionStep& s : p.steps) sum = *add(sum, s.amount.exact);
  EXPECT_EQ(sum, dec("15817.53"));
  EXPECT_EQ(p.steps.back().running.exact, explained->explanation->total.exact);
  EXPECT_EQ(p.unchanged_items, 20u);
}

TEST(ExplainBridge, ItemsCarryTheirVolumeAndPriceEffectsAndReasons) {
  auto explained = portal_since_v2();
  ASSERT_TRUE(explained->explanation && explained->explanation->previous);
  const PreviousComparison& p = *explained->explanation->previous;

  // QA-02: PERT 340 -> 370 hours, rate 98 -> 102.50: volume 30 x 98 = 2,940, price
  // 4,605 - 2,940 = 1,665 (= 370 x 4.50).
  const ItemChange* qa02 = change_of(p, "QA-02", "changed");
  ASSERT_NE(qa02, nullptr);
  EXPECT_EQ(qa02->before->exact, dec("33320"));
  EXPECT_EQ(qa02->after->exact, dec("37925"));
  EXPECT_EQ(qa02->delta.exact, dec("4605"));
  EXPECT_EQ(qa02->volume_effect->exact, dec("2940"));
  EXPECT_EQ(qa02->price_effect->exact, dec("1665"));
  EXPECT_EQ(qa02->reason, "Test cases for attachments and caregiver proxy access.");
  EXPECT_EQ(qa02->description,
            "hours 340 \u2192 370 (three-point expected value); rate $98.00 \u2192 $102.50 "
            "(qa_engineer)");

  // UX-01: 120 -> 100 hours at 130: all volume, -2,600.
  const ItemChange* ux01 = change_of(p, "UX-01", "changed");
  ASSERT_NE(ux01, nullptr);
  EXPECT_EQ(ux01->volume_effect->exact, dec("-2600"));
  EXPECT_EQ(ux01->price_effect->exact, Decimal());

  // QA-01: 60 hours, 98 -> 102.50: all price, 60 x 4.50 = 270.
  const ItemChange* qa01 = change_of(p, "QA-01", "changed");
  ASSERT_NE(qa01, nullptr);
  EXPECT_EQ(qa01->volume_effect->exact, Decimal());
  EXPECT_EQ(qa01->price_effect->exact, dec("270"));

  // Added and removed items carry their whole amount, no split.
  const ItemChange* dev11 = change_of(p, "DEV-11", "added");
  ASSERT_NE(dev11, nullptr);
  EXPECT_EQ(dev11->delta.exact, dec("22500"));
  EXPECT_FALSE(dev11->volume_effect);
  const ItemChange* dev12 = change_of(p, "DEV-12", "removed");
  ASSERT_NE(dev12, nullptr);
  EXPECT_EQ(dev12->delta.exact, dec("-20000"));
  EXPECT_EQ(p.changes.back().item_id, "DEV-12");  // removed items come last

  // The volume and price effects of the changed items add up to their steps.
  Decimal volume, price;
  for (const ItemChange& c : p.changes) {
    if (c.change != "changed") continue;
    volume = *add(volume, c.volume_effect->exact);
    price = *add(price, c.price_effect->exact);
  }
  EXPECT_EQ(volume, dec("13577.40"));
  EXPECT_EQ(price, dec("4095"));
}

// Overhead: base effect 26,422.40 x 8% = 2,113.79, no percentage effect. Contingency
// 12% -> 10%: base effect 28,536.19 x 12% = 3,424.34, percentage effect -16,143.00.
TEST(ExplainBridge, AdjustmentsAreShownOnTheirOwnWithBaseAndPercentageEffects) {
  auto explained = portal_since_v2();
  ASSERT_TRUE(explained->explanation && explained->explanation->previous);
  const std::vector<AdjustmentChange>& a = explained->explanation->previous->adjustments;
  ASSERT_EQ(a.size(), 2u);  // the unchanged discount is not listed
  EXPECT_EQ(a[0].id, "overhead");
  EXPECT_EQ(a[0].delta.exact, dec("2113.79"));
  EXPECT_EQ(a[0].base_effect->exact, dec("2113.79"));
  EXPECT_EQ(a[0].percent_effect->exact, Decimal());
  EXPECT_EQ(a[1].kind, "contingency");
  EXPECT_EQ(a[1].before->exact, dec("93433.68"));
  EXPECT_EQ(a[1].after->exact, dec("80715.02"));
  EXPECT_EQ(a[1].delta.exact, dec("-12718.66"));
  EXPECT_EQ(a[1].base_effect->exact, dec("3424.34"));
  EXPECT_EQ(a[1].percent_effect->exact, dec("-16143"));
  EXPECT_EQ(a[1].basis, "12% \u2192 10% of subtotal $778,614.01 \u2192 $807,150.20");
}

// The summary names every step and then the largest changes with their reasons, and the
// rate-card change behind the seven QA lines.
TEST(ExplainBridge, TheSummarySaysHowMuchAndWhyTheTotalMoved) {
  auto explained = portal_since_v2();
  ASSERT_TRUE(explained->explanation && explained->explanation->previous);
  const PreviousComparison& p = *explained->explanation->previous;
  EXPECT_EQ(p.summary,
            "The total rose by $15,817.53 (+1.8%) from $864,547.69 in revision 2 to $880,365.22 "
            "in revision 3: items added +$28,750.00 (DEV-11, SRV-03), items removed -$20,000.00 "
            "(DEV-12), changes in hours and quantities +$13,577.40, changes in rates and prices "
            "+$4,095.00, Delivery overhead (tooling, quality management, security training) "
            "+$2,113.79, Contingency for the risks in the register and the three-point ranges "
            "-$12,718.66.");
  ASSERT_EQ(p.highlights.size(), 6u);
  // Largest first: 22,500; 20,000; 12,718.66; 6,250; 5,600 (5,000 for DEV-03 is sixth).
  EXPECT_THAT(p.highlights[0],
              StartsWith("DEV-11 Caregiver proxy access, added: +$22,500.00, 180 hours at "
                         "$125.00 (engineer). Added at the 29 October review;"));
  EXPECT_EQ(p.highlights[1],
            "DEV-12 Mobile app shell for the app stores, removed: -$20,000.00, 160 hours at "
            "$125.00 (engineer).");
  EXPECT_THAT(p.highlights[2], StartsWith("Contingency for the risks in the register and the "
                                          "three-point ranges: -$12,718.66, 12% \u2192 10%"));
  EXPECT_THAT(p.highlights[3], StartsWith("SRV-03 HIPAA security risk assessment, added: "
                                          "+$6,250.00"));
  EXPECT_EQ(p.highlights[4],
            "PM-01 Project management: +$5,600.00, hours 480 \u2192 520 at $140.00 "
            "(project_manager). Schedule extended from 8 to 9 months for the added scope.");
  // 270 + 1,665 + 450 + 720 + 270 + 360 + 360 = 4,095.
  EXPECT_EQ(p.highlights[5],
            "Rate qa_engineer $98.00 \u2192 $102.50: +$4,095.00 in the price of 7 items (QA-01, "
            "QA-02, QA-03 and 4 more).");
}

// The same comparison in every style: a client style gets the whole bridge (nothing in it
// is internal), and the checks pass.
TEST(ExplainBridge, EveryStyleGetsTheSameBridge) {
  for (const char* style : {"driver", "analytical", "amiable", "expressive", "internal"}) {
    SCOPED_TRACE(style);
    auto explained = portal_since_v2(style);
    ASSERT_TRUE(explained->explanation && explained->explanation->previous);
    EXPECT_EQ(explained->explanation->previous->steps.size(), 6u);
    EXPECT_EQ(explained->explanation->previous->delta.exact, dec("15817.53"));
  }
}

TEST(ExplainBridge, AnotherCurrencyIsRefusedWithTheDiffsMessage) {
  Diagnostics diags;
  std::optional<Estimate> eur = testing::estimate_text(R"(id: CVH-PORTAL
title: in euros
currency: EUR
items:
  - {id: A, name: A, amount: 100}
)",
                                                       diags);
  ASSERT_TRUE(eur) << testing::all_diagnostics(diags);
  auto program = testing::compile_files({testing::source_path(kRules)});
  std::optional<Estimate> v3 =
      testing::estimate_file(testing::source_path("samples/software/portal-v3.yaml"));
  ASSERT_TRUE(program && v3);
  ExplainRequest request;
  request.estimate = &*v3;
  request.program = program.get();
  request.previous = &*eur;
  Diagnostics explain_diags;
  EXPECT_FALSE(build_explanation(request, explain_diags));
  EXPECT_THAT(testing::all_diagnostics(explain_diags),
              HasSubstr("the new revision is in USD but the old one is in EUR: a revision bridge "
                        "compares two revisions in the same currency"));
}

// ---- the simulated totals ---------------------------------------------------------------

TEST(ExplainRiskSimulation, IterationsFollowTheDocumentedRule) {
  EXPECT_EQ(explanation_risk_iterations(0), 10'000u);
  EXPECT_EQ(explanation_risk_iterations(4), 10'000u);
  EXPECT_EQ(explanation_risk_iterations(100), 10'000u);  // 1,000,000 / 100 = 10,000
  EXPECT_EQ(explanation_risk_iterations(101), 9'900u);   // 1,000,000 / 101 = 9,900.99
  EXPECT_EQ(explanation_risk_iterations(500), 2'000u);   // 1,000,000 / 500
  EXPECT_EQ(explanation_risk_iterations(2'459), 406u);   // 1,000,000 / 2,459 = 406.67
  EXPECT_EQ(explanation_risk_iterations(5'000), 200u);   // 1,000,000 / 5,000
  EXPECT_EQ(explanation_risk_iterations(5'001), 200u);   // 199.96, raised to the floor
  EXPECT_EQ(explanation_risk_iterations(100'000), 200u);
}

// The explanation's percentiles are simulate_risk's (what `basis risk --iterations 10000
// --seed 1` prints) on the same estimate.
TEST(ExplainRiskSimulation, PercentilesAreThoseOfBasisRiskWithTheSameSeedAndIterations) {
  for (const char* sample : {"samples/software/portal-v3.yaml", "samples/software/portal-v2.yaml",
                             "samples/construction/office-fitout.yaml"}) {
    SCOPED_TRACE(sample);
    auto explained = testing::explain_with(testing::compile_files({testing::source_path(kRules)}),
                                           sample, "analytical");
    ASSERT_TRUE(explained->explanation);
    ASSERT_TRUE(explained->explanation->risk_simulation);
    const RiskSimulation& sim = *explained->explanation->risk_simulation;

    RiskSettings settings;
    settings.seed = 1;
    settings.iterations = explanation_risk_iterations(sim.three_point_values);
    settings.threads = 2;  // the thread count never changes the result
    Diagnostics diags;
    std::optional<RiskSummary> expected = simulate_risk(*explained->estimate, settings, diags);
    ASSERT_TRUE(expected) << testing::all_diagnostics(diags);
    EXPECT_EQ(sim.iterations, 10'000u);
    EXPECT_EQ(sim.seed, 1u);
    EXPECT_EQ(sim.three_point_values, expected->three_point_values);
    EXPECT_EQ(sim.base.exact, expected->base);
    EXPECT_EQ(sim.contingency.exact, expected->contingency);
    ASSERT_EQ(sim.percentiles.size(), 3u);
    const int percents[] = {50, 80, 90};
    for (std::size_t i = 0; i < 3; ++i) {
      const RiskPercentile* p = expected->percentile(percents[i]);
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(sim.percentiles[i].percent, percents[i]);
      EXPECT_EQ(sim.percentiles[i].total.exact, p->total);
      EXPECT_EQ(sim.percentiles[i].contingency.exact, p->contingency);
      // Money through the estimate's own formatting.
      EXPECT_EQ(sim.percentiles[i].total.shown, explained->estimate->format_money(p->total));
    }
    EXPECT_EQ(sim.contingency_reaches_p80, expected->contingency_reaches_p80);
    EXPECT_EQ(sim.p80_margin.exact, expected->p80_margin);
  }
}

// portal-v3: base 880,365.22 - 80,715.02 = 799,650.20 (the total without the 10%
// contingency on the subtotal 807,150.20 = 747,361.30 + 59,788.90; the discount stays).
TEST(ExplainRiskSimulation, TheTextGivesTheP80FindingInTheEstimatesMoney) {
  auto explained = testing::explain_with(testing::compile_files({testing::source_path(kRules)}),
                                         "samples/software/portal-v3.yaml", "driver");
  ASSERT_TRUE(explained->explanation && explained->explanation->risk_simulation);
  const RiskSimulation& sim = *explained->explanation->risk_simulation;
  EXPECT_EQ(sim.base.exact, dec("799650.20"));
  EXPECT_EQ(sim.contingency.shown, "$80,715.02");
  EXPECT_EQ(sim.contingency_percent.shown, "10.1%");  // 80,715.02 / 799,650.20 = 10.09%
  EXPECT_EQ(sim.method, "PERT");
  EXPECT_EQ(sim.risks_simulated, 4u);
  EXPECT_THAT(sim.text, StartsWith("10,000 iterations over the 4 three-point values and the 4 "
                                   "risks of the register (PERT distribution, seed 1)."));
  const RiskPercentileLine& p80 = sim.percentiles[1];
  EXPECT_EQ(p80.contingency.exact, *sub(p80.total.exact, dec("799650.20")));
  EXPECT_THAT(sim.text,
              HasSubstr("80% of the simulated totals are at or below " + p80.total.shown +
                        " (P80): " + p80.contingency.shown + " (" + p80.contingency_percent.shown +
                        ") above the base of $799,650.20, the total without "
                        "contingency."));
  ASSERT_TRUE(sim.contingency_reaches_p80);
  EXPECT_EQ(sim.p80_margin.exact, *sub(dec("880365.22"), p80.total.exact));
  EXPECT_THAT(sim.text,
              HasSubstr("The estimate's contingency of $80,715.02 (10.1% of the base) reaches P80: "
                        "the total of $880,365.22 is " +
                        sim.p80_margin.shown + " above the P80 total"));
}

// One three-point item, no contingency: PERT 10 / 20 / 90 hours is Beta(1.5, 4.5) over
// [10, 90], mean 30 hours, its 80th percentile near 10 + 80 x 0.36 = 39 hours, well above the
// mean the estimate prices: the estimate's zero contingency does not reach P80.
TEST(ExplainRiskSimulation, AContingencyShortOfP80IsSaidSo) {
  Diagnostics diags;
  std::optional<Estimate> estimate = testing::estimate_text(R"(id: SHORT
title: short of P80
currency: USD
rates: {engineer: 100}
items:
  - {id: A, name: Uncertain work, hours: {low: 10, likely: 20, high: 90}, rate: engineer}
)",
                                                            diags);
  ASSERT_TRUE(estimate) << testing::all_diagnostics(diags);
  auto program = testing::compile_files({testing::source_path("rules/common.yaml")});
  ASSERT_TRUE(program);
  ExplainRequest request;
  request.estimate = &*estimate;
  request.program = program.get();
  Diagnostics explain_diags;
  std::optional<Explanation> e = build_explanation(request, explain_diags);
  ASSERT_TRUE(e) << testing::all_diagnostics(explain_diags);
  ASSERT_TRUE(e->risk_simulation);
  const RiskSimulation& sim = *e->risk_simulation;
  EXPECT_EQ(sim.base.shown, "$3,000.00");  // (10 + 80 + 90) / 6 = 30 hours x 100
  EXPECT_EQ(sim.contingency.exact, Decimal());
  EXPECT_FALSE(sim.contingency_reaches_p80);
  EXPECT_GT(sim.percentiles[1].total.exact, dec("3000"));
  EXPECT_EQ(sim.p80_margin.exact, *sub(dec("3000"), sim.percentiles[1].total.exact));
  EXPECT_THAT(
      sim.text,
      HasSubstr("The estimate's contingency of $0.00 (0.0% of the base) does not reach P80: the "
                "total of $3,000.00 is " +
                estimate->format_money(sim.p80_margin.exact.abs()) + " below the P80 total"));
}

// Without three-point values there is nothing to simulate; a style without a risks section
// does not pay for it.
TEST(ExplainRiskSimulation, OnlyWithThreePointValuesAndARisksSection) {
  Diagnostics diags;
  std::optional<Estimate> certain = testing::estimate_text(R"(id: CERTAIN
title: certain
currency: USD
rates: {engineer: 100}
items:
  - {id: A, name: Known work, hours: 10, rate: engineer}
  - {id: B, name: Same three points, hours: {low: 5, likely: 5, high: 5}, rate: engineer}
risks:
  - {id: R1, title: Something, probability: 50%, impact: 1000}
)",
                                                           diags);
  ASSERT_TRUE(certain) << testing::all_diagnostics(diags);
  auto program = testing::compile_files({testing::source_path("rules/common.yaml")});
  ASSERT_TRUE(program);
  ExplainRequest request;
  request.estimate = &*certain;
  request.program = program.get();
  Diagnostics explain_diags;
  std::optional<Explanation> e = build_explanation(request, explain_diags);
  ASSERT_TRUE(e) << testing::all_diagnostics(explain_diags);
  EXPECT_FALSE(e->risk_simulation);

  auto expressive = testing::explain_with(testing::compile_files({testing::source_path(kRules)}),
                                          "samples/software/portal-v3.yaml", "expressive");
  ASSERT_TRUE(expressive->explanation);
  EXPECT_FALSE(expressive->explanation->risk_simulation);
}

}  // namespace
}  // namespace basis
