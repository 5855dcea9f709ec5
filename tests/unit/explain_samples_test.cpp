// The explanation of the sample estimates with the shipped rules. Every expected figure was
// computed independently of basis (samples/README.md, samples/tests/*.test.yaml): option
// totals and deltas, shares, and the values the rule tests expect in the text.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "explain_test_support.hpp"

namespace basis {
namespace {

using testing::dec;
using testing::explain_with;
using testing::Explained;
using testing::option_row;
using testing::shown_text;
using testing::source_path;
using testing::statements_of;

constexpr const char* kPortalV2 = "samples/software/portal-v2.yaml";
constexpr const char* kPortalV3 = "samples/software/portal-v3.yaml";
constexpr const char* kFitout = "samples/construction/office-fitout.yaml";
constexpr const char* kDataPlatform = "samples/consulting/data-platform.yaml";

class ExplainSamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    software = testing::compile_files({source_path("rules/software-delivery.yaml")});
    construction = testing::compile_files({source_path("rules/construction.yaml")});
  }
  static void TearDownTestSuite() {
    software.reset();
    construction.reset();
  }
  static std::shared_ptr<const RuleProgram> software;
  static std::shared_ptr<const RuleProgram> construction;
};

std::shared_ptr<const RuleProgram> ExplainSamples::software;
std::shared_ptr<const RuleProgram> ExplainSamples::construction;

struct OptionExpectation {
  const char* id;
  const char* new_total;
  const char* delta;
  const char* shown_total;
  const char* shown_delta;
  const char* shown_percent;
};

void expect_options(const Explanation& e, const std::vector<OptionExpectation>& expected) {
  ASSERT_EQ(e.options.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const OptionExpectation& x = expected[i];
    const OptionRow& row = e.options[i];  // largest saving first
    EXPECT_EQ(row.id, x.id) << "position " << i;
    EXPECT_EQ(row.new_total.exact, dec(x.new_total)) << x.id;
    EXPECT_EQ(row.delta.exact, dec(x.delta)) << x.id;
    EXPECT_EQ(row.new_total.shown, x.shown_total) << x.id;
    EXPECT_EQ(row.delta.shown, x.shown_delta) << x.id;
    EXPECT_EQ(row.delta_percent.shown, x.shown_percent) << x.id;
    EXPECT_EQ(row.delta.exact, *sub(row.new_total.exact, e.total.exact)) << x.id;
    EXPECT_FALSE(row.tradeoff.empty()) << x.id;
    EXPECT_FALSE(row.title.empty()) << x.id;
  }
}

void expect_contains(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& needle : needles) {
    EXPECT_NE(text.find(needle), std::string::npos) << "missing '" << needle << "' in:\n" << text;
  }
}

std::vector<SectionKind> kinds(const Explanation& e) {
  std::vector<SectionKind> out;
  for (const Section& s : e.sections) out.push_back(s.kind);
  return out;
}

// ---- options ----------------------------------------------------------------------------------

TEST_F(ExplainSamples, PortalV3OptionsAreRecomputedScenarios) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  expect_options(
      *x->explanation,
      {{"smaller-contingency", "840007.71", "-40357.51", "$840,007.71", "-$40,357.51", "-4.6%"},
       {"defer-deferrable", "856605.22", "-23760.00", "$856,605.22", "-$23,760.00", "-2.7%"},
       {"client-product-owner", "863970.82", "-16394.40", "$863,970.82", "-$16,394.40", "-1.9%"},
       {"defer-load-testing", "868188.22", "-12177.00", "$868,188.22", "-$12,177.00", "-1.4%"},
       {"engineer-led-flexible", "869910.82", "-10454.40", "$869,910.82", "-$10,454.40", "-1.2%"},
       {"lighter-research", "872643.22", "-7722.00", "$872,643.22", "-$7,722.00", "-0.9%"},
       {"client-led-uat", "875494.42", "-4870.80", "$875,494.42", "-$4,870.80", "-0.6%"}});
  const OptionRow* uat = option_row(*x->explanation, "client-led-uat");
  ASSERT_NE(uat, nullptr);
  EXPECT_EQ(uat->rule_id, "scope-options");
  EXPECT_EQ(uat->title, "Your staff run acceptance testing with our scripts");
  // A client style never gets what to ask in return.
  for (const OptionRow& o : x->explanation->options) EXPECT_TRUE(o.ask_in_return.empty()) << o.id;
  EXPECT_TRUE(x->explanation->warnings.empty());
}

TEST_F(ExplainSamples, OfficeFitoutOptionsAreRecomputedScenarios) {
  auto x = explain_with(construction, kFitout, "driver");
  ASSERT_TRUE(x->explanation);
  expect_options(
      *x->explanation,
      {{"client-buys-furniture", "716355.73", "-289422.00", "£716,355.73", "-£289,422.00",
        "-28.8%"},
       {"reuse-furniture", "921105.73", "-84672.00", "£921,105.73", "-£84,672.00", "-8.4%"},
       {"order-materials-early", "994959.93", "-10817.80", "£994,959.93", "-£10,817.80", "-1.1%"}});
}

TEST_F(ExplainSamples, DataPlatformOffersOnlyTheOptionsThatMatch) {
  auto x = explain_with(software, kDataPlatform, "expressive");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  expect_options(
      e, {{"smaller-contingency", "462363.72", "-13210.39", "$462,363.72", "-$13,210.39", "-2.8%"},
          {"client-led-uat", "468497.95", "-7076.16", "$468,497.95", "-$7,076.16", "-1.5%"}});
  // The three options whose filters select nothing here are left out, each with a warning.
  for (const char* id : {"client-product-owner", "defer-load-testing", "defer-deferrable"}) {
    EXPECT_EQ(option_row(e, id), nullptr) << id;
    const bool warned =
        std::any_of(e.warnings.begin(), e.warnings.end(), [&](const std::string& w) {
          return w.find(std::string("option '") + id + "'") != std::string::npos &&
                 w.find("matches nothing") != std::string::npos;
        });
    EXPECT_TRUE(warned) << id;
  }
  EXPECT_EQ(e.warnings.size(), 3u);
}

TEST_F(ExplainSamples, OptionRowsNameTheLinesTheyChange) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const OptionRow* uat = option_row(*x->explanation, "client-led-uat");
  ASSERT_NE(uat, nullptr);
  EXPECT_EQ(uat->changed_items,
            (std::vector<std::string>{"QA-06"}));  // the one acceptance-test line
  const OptionRow* contingency = option_row(*x->explanation, "smaller-contingency");
  ASSERT_NE(contingency, nullptr);
  EXPECT_TRUE(contingency->changed_items.empty());
}

// ---- text the rule tests expect (samples/tests/*.test.yaml)
// --------------------------------------

TEST_F(ExplainSamples, PortalV3AnalyticalText) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  expect_contains(shown_text(*x->explanation),
                  {"910 hours", "$93,275.00", "35.0%", "2,600 hours", "11 work packages", "$142.23",
                   "320 hours", "600 hours", "$69,300.00", "$80,715.02", "10.8%", "$7,500.00",
                   "$32,150.00", "$184,725.00", "8.6%"});
}

TEST_F(ExplainSamples, PortalV3RetailIsInvitedToChallengeHeavyTesting) {
  auto x = explain_with(software, kPortalV3, "analytical", "retail");
  ASSERT_TRUE(x->explanation);
  const std::string text = shown_text(*x->explanation);
  expect_contains(text, {"above the 15% to 30% we usually see", "35.0%", "$93,275.00"});
  EXPECT_EQ(text.find("in healthcare"), std::string::npos);
  EXPECT_EQ(statements_of(*x->explanation, "testing-regulated").size(), 0u);
  EXPECT_EQ(statements_of(*x->explanation, "testing-heavy").size(), 1u);
}

TEST_F(ExplainSamples, PortalV2AnalyticalText) {
  auto x = explain_with(software, kPortalV2, "analytical");
  ASSERT_TRUE(x->explanation);
  expect_contains(shown_text(*x->explanation),
                  {"34.6%", "2,540 hours", "$142.64", "$93,433.68", "13.0%"});
}

TEST_F(ExplainSamples, PortalV3DriverReadsTheShortWording) {
  auto x = explain_with(software, kPortalV3, "driver");
  ASSERT_TRUE(x->explanation);
  const std::string text = shown_text(*x->explanation);
  expect_contains(text, {"fit for budget approval; the range is the honest spread today",
                         "for the listed risks only, not for new scope"});
  // The analytical wording of the same rules is not there.
  EXPECT_EQ(text.find("It is fit for budget approval."), std::string::npos);
}

TEST_F(ExplainSamples, DataPlatformExpressiveText) {
  auto x = explain_with(software, kDataPlatform, "expressive");
  ASSERT_TRUE(x->explanation);
  expect_contains(shown_text(*x->explanation), {"$51,275.00", "$25,075.00", "15.4%", "$49,680.00"});
}

TEST_F(ExplainSamples, OfficeFitoutDriverText) {
  auto x = explain_with(construction, kFitout, "driver");
  ASSERT_TRUE(x->explanation);
  const std::string text = shown_text(*x->explanation);
  expect_contains(text, {"£694 per m²", "Class 4 estimate: good for a go/no-go decision",
                         "£107,761.90", "£234,820"});
  // The driver's table shows the three largest trades, so its wording does not list them.
  expect_contains(text,
                  {"Savings that matter will come from the three largest trades in the table"});
  // The for loop over the three largest trades, with loop.last / loop.index.
  auto analytical = explain_with(construction, kFitout, "analytical");
  ASSERT_TRUE(analytical->explanation);
  expect_contains(shown_text(*analytical->explanation),
                  {"The three largest trades are furniture (£234,820), partitions (£145,224) "
                   "and electrical (£129,300). Savings that matter"});
}

TEST_F(ExplainSamples, OfficeFitoutAnalyticalText) {
  auto x = explain_with(construction, kFitout, "analytical");
  ASSERT_TRUE(x->explanation);
  expect_contains(shown_text(*x->explanation), {"£13,522.25", "£386,350.00", "£18,000.00",
                                                "1,981 hours", "£42,410.00", "£8,550.00", "13.3%"});
}

// ---- sections and statements -------------------------------------------------------------------

TEST_F(ExplainSamples, SectionsFollowTheStyle) {
  using S = SectionKind;
  const std::vector<std::pair<std::string, std::vector<S>>> table = {
      {"driver", {S::summary, S::options, S::drivers, S::risks}},
      {"analytical",
       {S::summary, S::drivers, S::basis, S::benchmarks, S::assumptions, S::exclusions, S::risks,
        S::options, S::questions, S::objections, S::buildup, S::coverage, S::trace}},
      {"amiable",
       {S::summary, S::assumptions, S::risks, S::drivers, S::questions, S::objections, S::options}},
      {"expressive", {S::summary, S::drivers, S::options}},
      {"internal",
       {S::summary, S::drivers, S::basis, S::benchmarks, S::assumptions, S::exclusions, S::risks,
        S::options, S::questions, S::objections, S::buildup, S::coverage, S::trace, S::internal}},
  };
  for (const auto& [style, expected] : table) {
    auto x = explain_with(software, kPortalV3, style);
    ASSERT_TRUE(x->explanation) << style;
    EXPECT_EQ(kinds(*x->explanation), expected) << style;
    EXPECT_EQ(x->explanation->style, style);
    EXPECT_EQ(x->explanation->brief, style == "driver") << style;
  }
}

TEST_F(ExplainSamples, StatementsComeInPriorityOrder) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const Section* basis_section = nullptr;
  for (const Section& s : x->explanation->sections) {
    if (s.kind == SectionKind::basis) basis_section = &s;
  }
  ASSERT_NE(basis_section, nullptr);
  std::vector<std::string> rules;
  for (const Statement& s : basis_section->statements) {
    if (rules.empty() || rules.back() != s.rule_id) rules.push_back(s.rule_id);
  }
  // three-point-ranges (20, common.yaml, loaded first) before development-bottom-up (20),
  // then quoted-lines (10) before senior-led (10), infrastructure-build (5), bought-in (4),
  // discount-line (2).
  EXPECT_EQ(rules, (std::vector<std::string>{"three-point-ranges", "development-bottom-up",
                                             "quoted-lines", "senior-led", "infrastructure-build",
                                             "bought-in", "discount-line"}));
}

TEST_F(ExplainSamples, ForEachRulesSayOneStatementPerElement) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  auto senior = statements_of(*x->explanation, "senior-led");
  ASSERT_EQ(senior.size(), 4u);
  const std::vector<std::string> items = {"DEV-01", "DEV-05", "DEV-06", "DEV-10"};
  for (std::size_t i = 0; i < senior.size(); ++i) {
    EXPECT_EQ(senior[i]->item_id, items[i]);
    EXPECT_EQ(senior[i]->explains, std::vector<std::string>{items[i]});
  }
  EXPECT_EQ(
      plain_text(senior[0]->text),
      "Patient sign-in and single sign-on with the hospital identity provider: 240 hours at "
      "$165.00 an hour, assigned to a senior engineer because a mistake in identity or session "
      "handling exposes patient records.");
  EXPECT_NE(plain_text(senior[3]->text)
                .find("160 hours at $185.00 an hour, assigned to a solution architect"),
            std::string::npos);
  // quoted-lines is one statement for the six quoted lines (the basis table gives each one).
  auto quoted = statements_of(*x->explanation, "quoted-lines");
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0]->explains,
            (std::vector<std::string>{"INF-02", "LIC-01", "LIC-02", "SRV-01", "SRV-02", "SRV-03"}));
  EXPECT_NE(plain_text(quoted[0]->text).find("6 lines ($64,486.30) are suppliers' own prices"),
            std::string::npos);
}

TEST_F(ExplainSamples, DriverGroupsCarryTheStatementsOfTheirLines) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  ASSERT_EQ(e.drivers.size(), 7u);
  const std::vector<std::string> keys = {"development", "project-management", "testing",
                                         "design",      "infrastructure",     "services",
                                         "materials"};
  Decimal amount;
  Decimal shares;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(e.drivers[i].key, keys[i]);
    amount = *add(amount, e.drivers[i].amount.exact);
    shares = *add(shares, e.drivers[i].share.exact);
  }
  EXPECT_EQ(amount, e.direct.exact);
  EXPECT_EQ(shares, Decimal::from_int(1));
  EXPECT_EQ(e.drivers[0].amount.shown, "$369,800.00");
  EXPECT_EQ(e.drivers[0].hours.shown, "2,600 hours");
  EXPECT_EQ(e.drivers[2].share.shown, "12.5%");
  auto rules_of = [&](const DriverGroup& g) {
    std::vector<std::string> ids;
    for (const Statement& s : g.statements) ids.push_back(s.rule_id);
    return ids;
  };
  // integration-range explains DEV-06; accessibility lines are spread over development,
  // testing and services and go where most of their amount is (development).
  EXPECT_EQ(rules_of(e.drivers[0]),
            (std::vector<std::string>{"integration-range", "accessibility-built-in"}));
  EXPECT_EQ(rules_of(e.drivers[1]), std::vector<std::string>{"management-share"});
  EXPECT_EQ(rules_of(e.drivers[2]), std::vector<std::string>{"testing-regulated"});
  EXPECT_EQ(rules_of(e.drivers[3]), std::vector<std::string>{"design-before-build"});
  // senior-mix explains no line: it stays with the section.
  const Section* drivers = nullptr;
  for (const Section& s : e.sections) {
    if (s.kind == SectionKind::drivers) drivers = &s;
  }
  ASSERT_NE(drivers, nullptr);
  ASSERT_EQ(drivers->statements.size(), 1u);
  EXPECT_EQ(drivers->statements[0].rule_id, "senior-mix");
}

TEST_F(ExplainSamples, SharesAddUpToExactlyOneHundredPercent) {
  struct Case {
    std::shared_ptr<const RuleProgram>* program;
    const char* estimate;
    const char* key;
    const char* share;
  };
  // Rounded one by one these would add up to 100.1% or 99.9% (samples/README.md).
  for (const Case& c : {Case{&software, kPortalV2, "infrastructure", "8.2%"},
                        Case{&construction, kFitout, "furniture", "29.0%"},
                        Case{&software, kDataPlatform, "development", "48.5%"}}) {
    auto x = explain_with(*c.program, c.estimate, "analytical");
    ASSERT_TRUE(x->explanation) << c.estimate;
    std::int64_t tenths = 0;
    bool found = false;
    for (const DriverGroup& g : x->explanation->drivers) {
      auto t = mul(g.share.exact, Decimal::from_int(1000));
      ASSERT_TRUE(t && t->is_integer());
      tenths += *t->to_int64();
      if (g.key == c.key) {
        found = true;
        EXPECT_EQ(g.share.shown, c.share) << c.estimate;
      }
    }
    EXPECT_TRUE(found) << c.key;
    EXPECT_EQ(tenths, 1000) << c.estimate;
  }
}

TEST_F(ExplainSamples, BriefStylesShowTheThreeLargestGroupsAndTheRest) {
  auto x = explain_with(construction, kFitout, "driver");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  ASSERT_EQ(e.drivers.size(), 4u);
  EXPECT_EQ(e.drivers[0].key, "furniture");
  EXPECT_EQ(e.drivers[0].amount.shown, "£234,820.00");
  EXPECT_EQ(e.drivers[0].share.shown, "29.0%");
  EXPECT_EQ(e.drivers[1].key, "partitions");
  EXPECT_EQ(e.drivers[2].key, "electrical");
  EXPECT_TRUE(e.drivers[3].other);
  EXPECT_TRUE(e.drivers[3].statements.empty());
  // 811,462.00 - 234,820 - 145,224 - 129,300
  EXPECT_EQ(e.drivers[3].amount.exact, dec("302118.00"));
  Decimal shares;
  for (const DriverGroup& g : e.drivers) shares = *add(shares, g.share.exact);
  EXPECT_EQ(shares, Decimal::from_int(1));
  ASSERT_EQ(e.top_drivers.size(), 3u);
  EXPECT_EQ(e.top_drivers[0].key, "furniture");
}

TEST_F(ExplainSamples, SummaryFacts) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  EXPECT_EQ(e.total.shown, "$880,365.22");
  EXPECT_EQ(e.direct.shown, "$747,361.30");
  EXPECT_EQ(e.range_text, "expected between $704,292 and $1,144,475 (-20% / +30%)");
  ASSERT_TRUE(e.range_low && e.range_high);
  EXPECT_EQ(e.range_low->exact, dec("704292"));
  EXPECT_EQ(e.range_high->exact, dec("1144475"));
  EXPECT_EQ(e.estimate_class, 3);
  EXPECT_EQ(e.client_name, "Cedar Valley Health");
  EXPECT_EQ(e.currency, "USD");
  EXPECT_EQ(e.date, "2026-11-20");
  ASSERT_EQ(e.top_drivers.size(), 3u);
  EXPECT_EQ(e.top_drivers[0].key, "development");
  EXPECT_EQ(e.top_drivers[0].share.shown, "49.5%");
  EXPECT_TRUE(e.top_drivers[0].statements.empty());

  auto fitout = explain_with(construction, kFitout, "driver");
  ASSERT_TRUE(fitout->explanation);
  EXPECT_EQ(fitout->explanation->range_text,
            "expected between £704,044 and £1,508,667 (-30% / +50%)");
  auto platform = explain_with(software, kDataPlatform, "expressive");
  ASSERT_TRUE(platform->explanation);
  EXPECT_FALSE(platform->explanation->range_low);  // no class, no range
  EXPECT_EQ(platform->explanation->range_text, "");
}

TEST_F(ExplainSamples, TablesOfTheAnalyticalReader) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  // Benchmarks of the kept rules only (testing-heavy and testing-standard are suppressed).
  ASSERT_EQ(e.benchmarks.size(), 2u);
  EXPECT_EQ(e.benchmarks[0].rule_id, "testing-regulated");
  EXPECT_EQ(e.benchmarks[0].value.shown, "35.0%");
  EXPECT_EQ(e.benchmarks[0].low.shown, "25.0%");
  EXPECT_EQ(e.benchmarks[0].high.shown, "40.0%");
  EXPECT_EQ(e.benchmarks[0].position, "inside");
  EXPECT_EQ(e.benchmarks[1].rule_id, "management-share");
  EXPECT_EQ(e.benchmarks[1].value.shown, "14.9%");
  // Risks: probability x impact.
  ASSERT_EQ(e.risks.size(), 4u);
  EXPECT_EQ(e.risks[0].id, "R1");
  EXPECT_EQ(e.risks[0].probability.shown, "30%");
  EXPECT_EQ(e.risks[0].expected.shown, "$7,200.00");
  ASSERT_TRUE(e.contingency);
  EXPECT_EQ(e.contingency->shown, "$80,715.02");
  // Build-up from direct cost to total.
  ASSERT_EQ(e.buildup.size(), 5u);
  EXPECT_EQ(e.buildup[0].amount.shown, "$747,361.30");
  EXPECT_EQ(e.buildup[1].basis, "8% of direct cost $747,361.30");
  EXPECT_EQ(e.buildup[1].amount.shown, "$59,788.90");
  EXPECT_EQ(e.buildup[2].basis, "10% of subtotal $807,150.20");
  EXPECT_EQ(e.buildup[2].amount.shown, "$80,715.02");
  EXPECT_EQ(e.buildup[3].amount.shown, "-$7,500.00");
  EXPECT_EQ(e.buildup[4].amount.shown, "$880,365.22");
  // Basis lines.
  ASSERT_EQ(e.basis.size(), 34u);
  EXPECT_EQ(e.basis[1].item_id, "DEV-02");
  EXPECT_EQ(e.basis[1].quantity, "350 hours at $125.00");
  EXPECT_EQ(e.basis[1].range, "280 / 340 / 460 hours");
  EXPECT_EQ(e.basis[1].method, "three-point");
  // Every line is explained by some kept rule.
  EXPECT_TRUE(e.uncovered_items.empty());
  // Questions of kept rules only, each once.
  ASSERT_FALSE(e.questions.empty());
  EXPECT_EQ(plain_text(e.questions[0].text),
            "Does your quality or compliance team have validation templates or a traceability "
            "format that we must follow?");
  for (const Question& q : e.questions) {
    EXPECT_NE(q.rule_id, "testing-heavy");  // suppressed
  }
}

TEST_F(ExplainSamples, OfficeFitoutBasisShowsAllowancesAndEscalation) {
  auto x = explain_with(construction, kFitout, "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  const auto allowance =
      std::find_if(e.basis.begin(), e.basis.end(), [](const BasisLine& b) { return b.allowance; });
  ASSERT_NE(allowance, e.basis.end());
  EXPECT_FALSE(allowance->trigger.empty());
  ASSERT_EQ(e.escalation.size(), 1u);
  EXPECT_EQ(e.escalation[0].amount.shown, "£13,522.25");
  EXPECT_EQ(e.escalation[0].basis, "3.5% of £386,350.00 (items where cost_type == \"material\")");
}

// ---- trace
// ---------------------------------------------------------------------------------------

TEST_F(ExplainSamples, EveryPlaceholderNumberIsTraced) {
  auto x = explain_with(software, kPortalV3, "analytical");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  auto regulated = statements_of(e, "testing-regulated");
  ASSERT_EQ(regulated.size(), 1u);
  const TextSpan* hours = nullptr;
  for (const TextSpan& span : regulated[0]->text) {
    if (span.kind == TextSpan::Kind::value && span.text == "910 hours") hours = &span;
  }
  ASSERT_NE(hours, nullptr);
  ASSERT_GE(hours->trace, 0);
  const TraceEntry& t = e.trace[static_cast<std::size_t>(hours->trace)];
  EXPECT_EQ(t.shown, "910 hours");
  EXPECT_TRUE(t.has_exact);
  EXPECT_EQ(t.exact, Decimal::from_int(910));
  EXPECT_EQ(t.expression, "test_hours");
  EXPECT_EQ(t.rule_id, "testing-regulated");
  EXPECT_EQ(t.file, "rules/software-delivery.yaml");
  EXPECT_EQ(t.pos.line, 40u);
  EXPECT_EQ(t.pos.column, 21u);
  EXPECT_EQ(t.items, (std::vector<std::string>{"QA-01", "QA-02", "QA-03", "QA-04", "QA-05", "QA-06",
                                               "QA-07"}));

  // A for_each element's value comes from that element only.
  auto integration = statements_of(e, "integration-range");
  ASSERT_EQ(integration.size(), 1u);
  int traced = 0;
  for (const TextSpan& span : integration[0]->text) {
    if (span.trace < 0) continue;
    ++traced;
    EXPECT_EQ(e.trace[static_cast<std::size_t>(span.trace)].items,
              std::vector<std::string>{"DEV-06"});
  }
  EXPECT_EQ(traced, 4);  // hours_low, hours_high, hours, amount

  // Ids in order of appearance; every value span that shows a number has an entry.
  for (std::size_t i = 0; i < e.trace.size(); ++i) {
    EXPECT_EQ(e.trace[i].id, "t" + std::to_string(i + 1));
  }
  EXPECT_EQ(e.trace[0].rule_id, "how-built");  // the first number in the summary
}

// ---- guarantees
// -----------------------------------------------------------------------------------

TEST_F(ExplainSamples, ClientStylesHoldNothingInternal) {
  struct Case {
    std::shared_ptr<const RuleProgram>* program;
    const char* estimate;
    std::vector<std::string> secrets;  // figures only the brief may show
  };
  const std::vector<Case> cases = {
      {&software, kPortalV3, {"$760,000", "760,000", "$120,365.22", "24%"}},
      {&construction, kFitout, {"£930,000", "930,000", "£75,777.73"}},
      {&software, kDataPlatform, {"$300,000", "300,000", "$175,574.11"}},
  };
  for (const Case& c : cases) {
    auto brief = explain_with(*c.program, c.estimate, "internal");
    ASSERT_TRUE(brief->explanation);
    const Explanation& internal = *brief->explanation;
    ASSERT_FALSE(internal.internal_notes.empty()) << c.estimate;
    ASSERT_FALSE(internal.internal_figures.empty()) << c.estimate;
    EXPECT_EQ(internal.internal_figures[0].id, "floor");
    const std::string brief_text = testing::all_text(internal);
    EXPECT_NE(brief_text.find(c.secrets[0]), std::string::npos) << c.estimate;

    for (const char* style : {"driver", "analytical", "amiable", "expressive"}) {
      auto x = explain_with(*c.program, c.estimate, style);
      ASSERT_TRUE(x->explanation) << style;
      const Explanation& e = *x->explanation;
      EXPECT_TRUE(e.internal_notes.empty()) << style;
      EXPECT_TRUE(e.internal_figures.empty()) << style;
      std::string everything = testing::all_text(e);
      for (const Section& s : e.sections) {
        everything += s.title + "\n";
        EXPECT_NE(s.kind, SectionKind::internal) << style;
      }
      for (const TraceEntry& t : e.trace) everything += t.shown + " " + t.expression + "\n";
      for (const std::string& w : e.warnings) everything += w + "\n";
      for (const OptionRow& o : e.options) EXPECT_TRUE(o.ask_in_return.empty()) << style;
      for (const InternalNote& n : internal.internal_notes) {
        EXPECT_EQ(everything.find(plain_text(n.text)), std::string::npos)
            << style << ": " << n.rule_id;
      }
      for (const OptionRow& o : internal.options) {
        if (!o.ask_in_return.empty()) {
          EXPECT_EQ(everything.find(plain_text(o.ask_in_return)), std::string::npos) << style;
        }
      }
      for (const std::string& secret : c.secrets) {
        EXPECT_EQ(everything.find(secret), std::string::npos) << style << " shows " << secret;
      }
      EXPECT_TRUE(statements_of(e, "negotiation-position").empty()) << style;
    }
  }
}

TEST_F(ExplainSamples, TheBriefAsksForSomethingInReturn) {
  auto x = explain_with(software, kPortalV3, "internal");
  ASSERT_TRUE(x->explanation);
  const Explanation& e = *x->explanation;
  const OptionRow* contingency = option_row(e, "smaller-contingency");
  ASSERT_NE(contingency, nullptr);
  EXPECT_EQ(plain_text(contingency->ask_in_return),
            "A signed change-control process with a five-working-day decision time. Today's room "
            "above the floor is $120,365.22; this option spends part of it on risk.");
  const auto note =
      std::find_if(e.internal_notes.begin(), e.internal_notes.end(),
                   [](const InternalNote& n) { return n.rule_id == "negotiation-position"; });
  ASSERT_NE(note, e.internal_notes.end());
  EXPECT_NE(plain_text(note->text)
                .find("Quoted $880,365.22 against a floor of $760,000.00, which "
                      "leaves $120,365.22 of room."),
            std::string::npos);
  // Floor 760,000; room 880,365.22 - 760,000; target margin 24%.
  ASSERT_GE(e.internal_figures.size(), 3u);
  EXPECT_EQ(e.internal_figures[0].value.shown, "$760,000.00");
  EXPECT_EQ(e.internal_figures[1].value.exact, dec("120365.22"));
  EXPECT_EQ(e.internal_figures[2].value.shown, "24%");
}

TEST_F(ExplainSamples, SameInputsGiveTheSameExplanation) {
  auto a = explain_with(software, kPortalV3, "internal");
  auto b = explain_with(software, kPortalV3, "internal");
  ASSERT_TRUE(a->explanation && b->explanation);
  EXPECT_EQ(testing::all_text(*a->explanation), testing::all_text(*b->explanation));
  ASSERT_EQ(a->explanation->trace.size(), b->explanation->trace.size());
  for (std::size_t i = 0; i < a->explanation->trace.size(); ++i) {
    EXPECT_EQ(a->explanation->trace[i].shown, b->explanation->trace[i].shown);
    EXPECT_EQ(a->explanation->trace[i].items, b->explanation->trace[i].items);
  }
}

TEST_F(ExplainSamples, ThePreviousRevisionExplainsTheMove) {
  auto v2 = testing::estimate_file(source_path(kPortalV2));
  ASSERT_TRUE(v2);
  auto x = explain_with(software, kPortalV3, "analytical", "", &*v2);
  ASSERT_TRUE(x->explanation);
  ASSERT_TRUE(x->explanation->previous);
  const PreviousComparison& p = *x->explanation->previous;
  // samples/README.md: +$15,817.53 (+1.8%).
  EXPECT_EQ(p.total.shown, "$864,547.69");
  EXPECT_EQ(p.delta.shown, "+$15,817.53");
  EXPECT_EQ(p.delta_percent.shown, "+1.8%");
  auto find = [&](const std::string& id) -> const ItemChange* {
    for (const ItemChange& c : p.changes) {
      if (c.item_id == id) return &c;
    }
    return nullptr;
  };
  ASSERT_NE(find("DEV-11"), nullptr);
  EXPECT_EQ(find("DEV-11")->change, "added");
  EXPECT_EQ(find("DEV-11")->after->shown, "$22,500.00");
  ASSERT_NE(find("DEV-12"), nullptr);
  EXPECT_EQ(find("DEV-12")->change, "removed");
  EXPECT_EQ(find("DEV-12")->before->shown, "$20,000.00");
  ASSERT_NE(find("DEV-03"), nullptr);
  EXPECT_EQ(find("DEV-03")->change, "changed");
  EXPECT_FALSE(find("DEV-03")->reason.empty());
  EXPECT_EQ(find("DEV-01"), nullptr);  // unchanged
}

}  // namespace
}  // namespace basis
