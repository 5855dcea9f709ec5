// The rule library on the sample estimates: which rules fire and the metric values, as
// listed in samples/tests/*.test.yaml (computed independently of basis, with exact decimal
// arithmetic). Metrics are compared at the precision written there.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rules_test_support.hpp"

namespace basis {
namespace {

using testing::compile_files;
using testing::dec;
using testing::estimate_file;
using testing::source_path;

struct MetricExpectation {
  const char* name;
  const char* value;  // as written in the test file; "true"/"false" for booleans
};

void expect_rules(const RuleEvaluation& ev, const std::vector<std::string>& fires,
                  const std::vector<std::string>& not_fires) {
  for (const std::string& id : fires) {
    const RuleResult* r = ev.rule(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(r->outcome, RuleOutcome::fired) << id << " is " << outcome_name(r->outcome);
  }
  for (const std::string& id : not_fires) {
    const RuleResult* r = ev.rule(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_NE(r->outcome, RuleOutcome::fired) << id;
  }
}

void expect_metrics(const RuleEvaluation& ev, const std::vector<MetricExpectation>& metrics) {
  for (const MetricExpectation& m : metrics) {
    const RuleValue* v = ev.metric(m.name);
    ASSERT_NE(v, nullptr) << m.name;
    const std::string written = m.value;
    if (written == "true" || written == "false") {
      ASSERT_EQ(v->kind(), RuleValue::Kind::boolean) << m.name;
      EXPECT_EQ(v->as_boolean(), written == "true") << m.name;
      continue;
    }
    ASSERT_TRUE(v->is_number()) << m.name << " is " << ev.describe(*v);
    const Decimal expected = dec(m.value);
    const auto dot = written.find('.');
    const int places = dot == std::string::npos ? 0 : static_cast<int>(written.size() - dot - 1);
    EXPECT_EQ(v->as_number().round(places), expected)
        << m.name << " = " << v->as_number().to_string() << ", expected " << written;
  }
}

class RuleSamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    software = compile_files({source_path("rules/software-delivery.yaml")});
    construction = compile_files({source_path("rules/construction.yaml")});
  }
  static void TearDownTestSuite() {
    software.reset();
    construction.reset();
  }
  static std::shared_ptr<const RuleProgram> software;
  static std::shared_ptr<const RuleProgram> construction;
};

std::shared_ptr<const RuleProgram> RuleSamples::software;
std::shared_ptr<const RuleProgram> RuleSamples::construction;

TEST_F(RuleSamples, PortalV3RegulatedTestingIsExplained) {
  ASSERT_TRUE(software);
  auto estimate = estimate_file(source_path("samples/software/portal-v3.yaml"));
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*software, *estimate, nullptr, diags);
  EXPECT_FALSE(diags.has_errors()) << testing::all_diagnostics(diags);
  expect_rules(
      ev,
      {"testing-regulated", "integration-range", "senior-led", "senior-mix",
       "development-bottom-up", "design-before-build", "management-share", "accessibility-built-in",
       "infrastructure-build", "bought-in", "maturity-defined", "how-built", "three-point-ranges",
       "quoted-lines", "contingency-held", "discount-line", "change-reasons", "change-control",
       "scope-options"},
      {"testing-thin", "maturity-concept", "maturity-detailed", "allowances", "judgment-heavy",
       "escalation-line", "contingency-thin", "no-contingency", "discovery-first", "handover"});
  expect_metrics(ev, {{"dev_hours", "2600"},
                      {"test_hours", "910"},
                      {"test_ratio", "0.35"},
                      {"senior_hours", "1040"},
                      {"senior_share", "0.4"},
                      {"dev_cost", "369800.00"},
                      {"test_cost", "93275.00"},
                      {"pm_cost", "111600.00"},
                      {"accessibility_cost", "32150.00"},
                      {"ranged_count", "4"},
                      {"ranged_cost", "184725.00"},
                      {"quoted_cost", "64486.30"},
                      {"contingency_cost", "80715.02"},
                      {"regulated", "true"}});
  EXPECT_EQ(estimate->totals.total, dec("880365.22"));
  // Tiers of testing-depth: regulated (30) is kept; heavy (25) and standard (20) held too.
  EXPECT_EQ(ev.rule("testing-heavy")->outcome, RuleOutcome::suppressed);
  EXPECT_EQ(ev.rule("testing-standard")->outcome, RuleOutcome::suppressed);
  EXPECT_EQ(ev.rule("contingency-thin")->outcome, RuleOutcome::not_fired);
  // The internal metric is marked as such.
  EXPECT_TRUE(software->metric_is_internal("floor_headroom"));
  EXPECT_FALSE(software->metric_is_internal("test_ratio"));
}

TEST_F(RuleSamples, PortalV3ForRetailIsInvitedToChallengeHeavyTesting) {
  ASSERT_TRUE(software);
  auto estimate = estimate_file(source_path("samples/software/portal-v3.yaml"), "retail");
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*software, *estimate, nullptr, diags);
  expect_rules(ev, {"testing-heavy"}, {"testing-regulated", "testing-thin"});
  expect_metrics(ev, {{"regulated", "false"}, {"test_ratio", "0.35"}});
  EXPECT_EQ(ev.rule("testing-standard")->outcome, RuleOutcome::suppressed);
  EXPECT_EQ(estimate->totals.total, dec("880365.22"));
}

TEST_F(RuleSamples, PortalV2CarriesNoChangeReasons) {
  ASSERT_TRUE(software);
  auto estimate = estimate_file(source_path("samples/software/portal-v2.yaml"));
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*software, *estimate, nullptr, diags);
  expect_rules(
      ev, {"testing-regulated", "integration-range", "development-bottom-up", "contingency-held"},
      {"change-reasons", "testing-thin"});
  expect_metrics(ev, {{"dev_hours", "2540"},
                      {"test_hours", "880"},
                      {"senior_hours", "1040"},
                      {"dev_cost", "362300.00"},
                      {"contingency_cost", "93433.68"}});
  EXPECT_EQ(estimate->totals.total, dec("864547.69"));
}

TEST_F(RuleSamples, DataPlatformUnderTheSoftwareRules) {
  ASSERT_TRUE(software);
  auto estimate = estimate_file(source_path("samples/consulting/data-platform.yaml"));
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*software, *estimate, nullptr, diags);
  expect_rules(ev,
               {"testing-standard", "discovery-first", "handover", "development-bottom-up",
                "management-share", "three-point-ranges", "quoted-lines", "contingency-held"},
               {"testing-regulated", "testing-heavy", "testing-thin", "senior-mix", "senior-led",
                "integration-range", "maturity-concept", "maturity-defined", "maturity-detailed",
                "discount-line", "judgment-heavy"});
  expect_metrics(ev, {{"dev_hours", "1170"},
                      {"test_hours", "180"},
                      {"dev_cost", "205100.00"},
                      {"pm_cost", "49680.00"},
                      {"ranged_count", "4"},
                      {"ranged_cost", "106675.00"},
                      {"contingency_cost", "35227.71"},
                      {"senior_hours", "0"}});
  EXPECT_EQ(estimate->totals.total, dec("475574.11"));
}

TEST_F(RuleSamples, OfficeFitOutAsTheDriverReadsIt) {
  ASSERT_TRUE(construction);
  auto estimate = estimate_file(source_path("samples/construction/office-fitout.yaml"));
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*construction, *estimate, nullptr, diags);
  EXPECT_FALSE(diags.has_errors()) << testing::all_diagnostics(diags);
  expect_rules(
      ev,
      {"maturity-concept", "cost-per-m2", "largest-trades", "services-share", "furniture-share",
       "prelims", "out-of-hours", "strip-out-measured", "partitions-measured", "finishes-schedule",
       "escalation-materials", "labour-hours", "allowances", "escalation-line", "contingency-held",
       "three-point-ranges", "quoted-lines"},
      {"maturity-defined", "maturity-detailed", "discount-line", "contingency-thin",
       "no-contingency", "judgment-heavy", "change-reasons"});
  expect_metrics(ev, {{"floor_area", "1450"},
                      {"material_cost", "386350.00"},
                      {"services_cost", "218520.00"},
                      {"furniture_cost", "234820.00"},
                      {"prelims_cost", "44468.00"},
                      {"labour_hours", "1981"},
                      {"ranged_count", "2"},
                      {"contingency_cost", "107761.90"}});
  // applies_to: escalation on the materials only, to the cent.
  const AdjustmentLine* escalation = estimate->totals.adjustment("escalation");
  ASSERT_NE(escalation, nullptr);
  EXPECT_EQ(escalation->base, dec("386350.00"));
  EXPECT_EQ(escalation->amount, dec("13522.25"));
  EXPECT_EQ(estimate->totals.direct, dec("811462.00"));
  EXPECT_EQ(estimate->totals.total, dec("1005777.73"));
}

TEST_F(RuleSamples, ForEachRulesKeepTheirMatchingItems) {
  ASSERT_TRUE(software);
  auto estimate = estimate_file(source_path("samples/software/portal-v3.yaml"));
  ASSERT_TRUE(estimate);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*software, *estimate, nullptr, diags);
  // senior-led: one statement per item whose rate is a senior or architect rate; each
  // explains its own item.
  const RuleResult* senior = ev.rule("senior-led");
  ASSERT_NE(senior, nullptr);
  ASSERT_FALSE(senior->matched.empty());
  ASSERT_EQ(senior->explained_per_element.size(), senior->matched.size());
  for (std::size_t i = 0; i < senior->matched.size(); ++i) {
    const LineItem* item = ev.item(senior->matched[i]);
    ASSERT_NE(item, nullptr);
    EXPECT_TRUE(item->rate_name == "senior_engineer" || item->rate_name == "solution_architect")
        << item->id();
    EXPECT_EQ(senior->explained_per_element[i],
              std::vector<std::size_t>{senior->matched[i].index()});
  }
  // Every explained testing line is of category testing, and all of them are explained.
  const RuleResult* testing = ev.rule("testing-regulated");
  std::vector<std::size_t> testing_items;
  for (std::size_t i = 0; i < estimate->items.size(); ++i) {
    const Value* c = estimate->items[i].syntax->attribute("category");
    if (c && c->text == "testing") testing_items.push_back(i);
  }
  EXPECT_FALSE(testing_items.empty());
  EXPECT_EQ(testing->explained_items, testing_items);
}

}  // namespace
}  // namespace basis
