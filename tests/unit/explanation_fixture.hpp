#pragma once
// A hand-built Explanation for the renderer tests, independent of the builder in engine/:
// every figure is written out as the builder would show it, so that the tests check that
// renderers show exactly these texts. The amounts reconcile: the driver groups add up to
// the direct cost, the build-up to the total, the shares to 100.0%.

#include <string>

#include "basis/engine/explanation.hpp"

namespace basis::testing {

inline Figure fig(const char* exact, const char* shown) {
  return Figure{*Decimal::parse(exact), shown};
}

inline TextSpan md(std::string text) {
  return {TextSpan::Kind::markdown, std::move(text), -1};
}
inline TextSpan val(std::string text, int trace = -1) {
  return {TextSpan::Kind::value, std::move(text), trace};
}

// A value that needs escaping in every format, and raw HTML in a template.
inline constexpr const char* kNastyValue = "a*b|c<script>alert(1)</script>";
inline constexpr const char* kRawHtmlTemplate =
    "Note <b onclick=\"x()\">bold</b> and <script>alert('md')</script> done.";

inline TraceEntry trace_entry(const char* id, const char* shown, const char* exact,
                              const char* expression, const char* rule, std::uint32_t line,
                              std::uint32_t column, std::vector<std::string> items) {
  TraceEntry t;
  t.id = id;
  t.shown = shown;
  if (exact != nullptr) {
    t.exact = *Decimal::parse(exact);
    t.has_exact = true;
  }
  t.expression = expression;
  t.rule_id = rule;
  t.file = "rules/software.yaml";
  t.pos = SourcePos{line, column};
  t.items = std::move(items);
  return t;
}

inline Explanation sample_explanation() {
  Explanation e;
  e.style = "analytical";
  e.estimate_id = "SW-1";
  e.title = "Northwind Health portal";
  e.currency = "USD";
  e.client_name = "Northwind Health";
  e.estimate_class = 3;
  e.date = "2026-11-20";
  e.version = "3";
  e.total = fig("864547.69", "$864,547.69");
  e.direct = fig("720938.90", "$720,938.90");
  e.range_low = fig("691638", "$691,638");
  e.range_high = fig("1123912", "$1,123,912");
  e.range_text = "expected between $691,638 and $1,123,912 (-20% / +30%)";

  e.trace = {
      trace_entry("t1", "35.0%", "0.35", "test_ratio | percent", "testing-regulated", 27, 7,
                  {"QA-01", "QA-02"}),
      trace_entry("t2", "1,440 hours", "1440", "test_hours | hours", "testing-regulated", 28, 8,
                  {"QA-01", "QA-02"}),
      trace_entry("t3", "$180,000.00", "180000",
                  "sum(items.amount where category == \"testing\") | money", "testing-regulated",
                  28, 29, {"QA-01", "QA-02"}),
      trace_entry("t4", kNastyValue, nullptr, "item.name", "odd-names", 60, 5, {"PM-02"}),
      trace_entry("t5", "$270,000", "270000",
                  "1.5 * sum(items.amount where category == "
                  "\"testing\") | money(0)",
                  "testing-regulated", 44, 23, {"QA-01", "QA-02"}),
  };

  Statement testing;
  testing.rule_id = "testing-regulated";
  testing.title = "Validation effort in a regulated industry";
  testing.text = {md("Testing is "),
                  val("35.0%", 0),
                  md(" of development effort ("),
                  val("1,440 hours", 1),
                  md(", "),
                  val("$180,000.00", 2),
                  md("). In **healthcare**, each release needs validation evidence that an "
                     "auditor can follow.")};
  testing.explains = {"QA-01", "QA-02"};

  Statement odd;
  odd.rule_id = "odd-names";
  odd.text = {md("The line "), val(kNastyValue, 3), md(" is named as written. "),
              md(kRawHtmlTemplate)};
  odd.item_id = "PM-02";

  Statement linked;
  linked.rule_id = "links";
  linked.text = {
      md("See [our site](http://example.com/about) and "
         "![the logo](https://example.com/logo.png) for more.")};

  DriverGroup development{"development",
                          fig("412000", "$412,000.00"),
                          fig("57.1", "57.1%"),
                          fig("2600", "2,600 hours"),
                          4,
                          {},
                          false};
  DriverGroup testing_group{"testing",
                            fig("180000", "$180,000.00"),
                            fig("25.0", "25.0%"),
                            fig("1440", "1,440 hours"),
                            2,
                            {testing},
                            false};
  DriverGroup management{"project | management",
                         fig("128938.90", "$128,938.90"),
                         fig("17.9", "17.9%"),
                         fig("0", ""),
                         2,
                         {odd},
                         false};
  e.drivers = {development, testing_group, management};
  e.top_drivers = e.drivers;
  for (DriverGroup& g : e.top_drivers) g.statements.clear();

  e.basis = {
      {"DEV-01", "Backend development", "development", "bottom-up", "rate card 2026",
       "320 hours at $125.00", fig("40000", "$40,000.00"), false, "", ""},
      {"QA-01", "Validation testing", "testing", "three-point", "delivery history",
       "1,440 hours at $125.00", fig("180000", "$180,000.00"), false, "",
       "1,200 / 1,440 / 1,900 hours"},
      {"ALW-1", "Integration allowance", "development", "judgment", "", "fixed amount",
       fig("25000", "$25,000.00"), true, "third-party API is undocumented", ""},
  };
  e.escalation = {{"esc", "Escalation 2027", "escalation", "3% of direct cost $720,938.90",
                   fig("21628.17", "$21,628.17")}};
  e.benchmarks = {{"testing-regulated", "testing as a share of development effort",
                   fig("0.35", "35.0%"), fig("0.20", "20.0%"), fig("0.35", "35.0%"), "inside",
                   "delivery history 2021-2025, 14 projects", "", "percent"}};
  e.assumptions = {"Client provides anonymised test data", "Hosting is in the client's tenant"};
  e.exclusions = {"Data migration from the legacy system"};
  e.risks = {{"R1",
              "Integration delays",
              fig("0.3", "30%"),
              fig("50000", "$50,000.00"),
              fig("15000", "$15,000.00"),
              {{"mitigation", "early API spikes"}, {"owner", "PM"}}}};
  e.contingency = fig("43256.33", "$43,256.33");

  OptionRow defer;
  defer.id = "defer-performance-tests";
  defer.title = "Defer performance testing to the second release";
  defer.rule_id = "testing-regulated";
  defer.new_total = fig("851138.69", "$851,138.69");
  defer.delta = fig("-13409", "-$13,409.00");
  defer.delta_percent = fig("-1.6", "-1.6%");
  defer.tradeoff = {md("Load problems would first be seen in production.")};
  defer.changed_items = {"QA-03"};
  OptionRow offshore;
  offshore.id = "offshore-qa";
  offshore.title = "Run regression testing offshore";
  offshore.rule_id = "offshore";
  offshore.new_total = fig("858547.69", "$858,547.69");
  offshore.delta = fig("-6000", "-$6,000.00");
  offshore.delta_percent = fig("-0.7", "-0.7%");
  offshore.tradeoff = {md("Hand-overs add a day to each cycle.")};
  e.options = {defer, offshore};

  e.questions = {{"testing-regulated",
                  {md("Does your quality team keep validation templates that we could reuse?")}}};
  e.objections = {{"testing-regulated",
                   {md("Testing looks expensive.")},
                   {md("The validation package is what your auditors will ask for; building it "
                       "after go-live typically costs "),
                    val("$270,000", 4), md(".")}}};

  e.buildup = {
      {"direct", "Direct cost", "direct", "", fig("720938.90", "$720,938.90")},
      {"overhead", "Overhead", "overhead", "12% of direct cost $720,938.90",
       fig("86512.67", "$86,512.67")},
      {"contingency", "Contingency", "contingency", "5% of subtotal $865,126.66",
       fig("43256.33", "$43,256.33")},
      {"discount", "Loyalty discount", "discount", "fixed amount", fig("-5000", "-$5,000.00")},
      {"margin", "Margin", "profit", "2.2% of subtotal", fig("18839.79", "$18,839.79")},
      {"total", "Total", "total", "", fig("864547.69", "$864,547.69")},
  };
  e.uncovered_items = {"PM-02"};
  e.uncovered = {{"PM-02", "Steering meetings", fig("8000", "$8,000.00")}};

  PreviousComparison previous;
  previous.version = "2";
  previous.total = fig("852547.69", "$852,547.69");
  previous.delta = fig("12000", "+$12,000.00");
  previous.delta_percent = fig("0.014", "+1.4%");
  ItemChange qa;
  qa.item_id = "QA-01";
  qa.name = "Validation testing";
  qa.change = "changed";
  qa.before = fig("168000", "$168,000.00");
  qa.after = fig("180000", "$180,000.00");
  qa.reason = "Validation scope grew";
  qa.description = "hours 1,344 \u2192 1,440 at $125.00 (engineer)";
  qa.delta = fig("12000", "+$12,000.00");
  qa.volume_effect = fig("12000", "+$12,000.00");
  qa.price_effect = fig("0", "$0.00");
  previous.changes = {qa};
  previous.label = "revision 2";
  previous.current_label = "revision 3";
  previous.summary =
      "The total rose by $12,000.00 (+1.4%) from $852,547.69 in revision 2 to $864,547.69 in "
      "revision 3: changes in hours and quantities +$12,000.00.";
  previous.highlights = {
      "QA-01 Validation testing: +$12,000.00, hours 1,344 \u2192 1,440 at $125.00 (engineer). "
      "Validation scope grew."};
  previous.steps = {{"volume",
                     "volume",
                     "Changes in hours and quantities (1 item)",
                     {"QA-01"},
                     fig("12000", "+$12,000.00"),
                     fig("864547.69", "$864,547.69")}};
  previous.unchanged_items = 2;
  e.previous = previous;

  RiskSimulation simulation;
  simulation.iterations = 10000;
  simulation.seed = 1;
  simulation.method = "PERT";
  simulation.three_point_values = 1;
  simulation.risks_simulated = 1;
  simulation.base = fig("821291.36", "$821,291.36");
  simulation.contingency = fig("43256.33", "$43,256.33");
  simulation.contingency_percent = fig("0.053", "5.3%");
  simulation.percentiles = {
      {50, fig("840000", "$840,000.00"), fig("18708.64", "$18,708.64"), fig("0.023", "2.3%")},
      {80, fig("855000", "$855,000.00"), fig("33708.64", "$33,708.64"), fig("0.041", "4.1%")},
      {90, fig("870000", "$870,000.00"), fig("48708.64", "$48,708.64"), fig("0.059", "5.9%")}};
  simulation.contingency_reaches_p80 = true;
  simulation.p80_margin = fig("9547.69", "$9,547.69");
  simulation.total_confidence = fig("0.862", "86.2%");
  simulation.text = "10,000 iterations over the 1 three-point value (PERT distribution, seed 1).";
  e.risk_simulation = simulation;

  const auto section = [](SectionKind kind, const char* title, std::vector<Statement> st = {}) {
    return Section{kind, title, std::move(st)};
  };
  e.sections = {
      section(SectionKind::summary, "Summary"),
      section(SectionKind::drivers, "What drives the cost"),
      section(SectionKind::basis, "How the estimate was built", {linked}),
      section(SectionKind::benchmarks, "Benchmarks"),
      section(SectionKind::assumptions, "Assumptions"),
      section(SectionKind::exclusions, "Exclusions"),
      section(SectionKind::risks, "Risks and contingency"),
      section(SectionKind::options, "Options"),
      section(SectionKind::questions, "Questions to confirm"),
      section(SectionKind::objections, "Objections and answers"),
      section(SectionKind::buildup, "Cost build-up"),
      section(SectionKind::coverage, "Coverage"),
      section(SectionKind::trace, "Where the numbers come from"),
  };
  e.warnings = {"1 cost line is explained by no rule: PM-02"};
  return e;
}

}  // namespace basis::testing
