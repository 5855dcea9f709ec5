// Evaluation of the rules language: every operator and precedence level, null semantics,
// every function, filters and projections over collections, rules (for_each, when,
// explains, group tiers), templates' expressions, runtime warnings and the budgets.
//
// Expected values are worked out by hand from the small estimate below:
//   A: 120 h x engineer 100 = 12,000     B: PERT (10 + 4x20 + 60)/6 = 25 h x senior 150 = 3,750
//   C: 3 x 50 = 150                      D: amount 1,000
//   direct 16,900; contingency 10% of direct = 1,690; subtotal = total = 18,590.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "rules_test_support.hpp"

namespace basis {
namespace {

using testing::all_diagnostics;
using testing::compile_text;
using testing::dec;

constexpr const char* kEstimate = R"(basis: estimate/1
id: T
title: Test estimate
currency: USD
class: 3
client:
  industry: healthcare
  name: Acme
rates:
  engineer: 100
  senior: 150
items:
  - id: A
    name: Alpha build
    category: dev
    hours: 120
    rate: engineer
    internal:
      cost: 80
  - id: B
    name: Beta test
    category: test
    hours: {low: 10, likely: 20, high: 60}
    rate: senior
  - id: C
    name: Licence
    category: materials
    quantity: 3
    unit_cost: 50
  - id: D
    name: Audit
    category: services
    amount: 1000
    tags: [x, y]
adjustments:
  - id: contingency
    kind: contingency
    percent: 10%
assumptions:
  - Access is given.
internal:
  floor: 20000
)";

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

class RulesEval : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diags;
    estimate_ = new std::optional<Estimate>(testing::estimate_text(kEstimate, diags));
    ASSERT_TRUE(*estimate_) << all_diagnostics(diags);
  }
  static void TearDownTestSuite() {
    delete estimate_;
    estimate_ = nullptr;
  }
  const Estimate& estimate() { return **estimate_; }

  // The value of `expr` as a metric, described (numbers exact, texts quoted, lists in
  // brackets, items by id). Warnings go to `warnings` when given.
  std::string value(const std::string& expr, Diagnostics* warnings = nullptr) {
    auto program =
        compile_text("basis: rules/1\nruleset: t\ndefine:\n  m: " + single_quoted(expr) + "\n");
    if (!program) return "<compile error>";
    Diagnostics diags;
    RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags);
    if (warnings)
      warnings->append(diags);
    else
      EXPECT_TRUE(diags.empty()) << expr << ": " << all_diagnostics(diags);
    return ev.describe(*ev.metric("m"));
  }

  static std::optional<Estimate>* estimate_;
};

std::optional<Estimate>* RulesEval::estimate_ = nullptr;

TEST_F(RulesEval, ArithmeticAndPrecedence) {
  EXPECT_EQ(value("1 + 2 * 3"), "7");
  EXPECT_EQ(value("(1 + 2) * 3"), "9");
  EXPECT_EQ(value("10 - 4 - 3"), "3");  // left to right
  EXPECT_EQ(value("24 / 4 / 2"), "3");
  EXPECT_EQ(value("7 % 4"), "3");
  EXPECT_EQ(value("-7 % 4"), "-3");
  EXPECT_EQ(value("2 * -3"), "-6");
  EXPECT_EQ(value("- 2 * 3 + 1"), "-5");
  EXPECT_EQ(value("0.1 + 0.2"), "0.3");
  EXPECT_EQ(value("3 * 33.33"), "99.99");
  EXPECT_EQ(value("15% * 200"), "30");
  EXPECT_EQ(value("1_000 + 1"), "1001");
  EXPECT_EQ(value("2 / 3"), "0.66666666666666666667");
  EXPECT_EQ(value("1 + 2 * 3 > 6 and 1 < 2"), "true");
}

TEST_F(RulesEval, TextsJoinWithPlus) {
  EXPECT_EQ(value("\"Total: \" + estimate.id"), "\"Total: T\"");
  EXPECT_EQ(value("'a' + \"b\" + 'c'"), "\"abc\"");
}

TEST_F(RulesEval, Comparisons) {
  EXPECT_EQ(value("2 < 3"), "true");
  EXPECT_EQ(value("3 <= 3"), "true");
  EXPECT_EQ(value("3 > 3"), "false");
  EXPECT_EQ(value("2 >= 3"), "false");
  EXPECT_EQ(value("1 == 1.00"), "true");
  EXPECT_EQ(value("15% == 0.15"), "true");
  EXPECT_EQ(value("\"a\" != \"b\""), "true");
  EXPECT_EQ(value("\"abc\" < \"abd\""), "true");
  EXPECT_EQ(value("\"1\" == 1"), "false");  // different kinds are never equal
  EXPECT_EQ(value("\"b\" > 1"), "false");
  EXPECT_EQ(value("[1, \"a\"] == [1, \"a\"]"), "true");
}

TEST_F(RulesEval, LogicAndItsPrecedence) {
  EXPECT_EQ(value("true and false"), "false");
  EXPECT_EQ(value("true or false"), "true");
  EXPECT_EQ(value("not true"), "false");
  EXPECT_EQ(value("not 1 == 2"), "true");               // not binds looser than ==
  EXPECT_EQ(value("true or false and false"), "true");  // and binds tighter than or
  EXPECT_EQ(value("not false and false"), "false");     // not binds tighter than and
  EXPECT_EQ(value("null ?? 5"), "5");
  EXPECT_EQ(value("3 ?? 5"), "3");
  EXPECT_EQ(value("null ?? null ?? 2"), "2");
  EXPECT_EQ(value("false or null ?? true"), "false");  // ?? is loosest: (false or null) ?? true
  // and/or/not return booleans; only null and false are false.
  EXPECT_EQ(value("1 and \"x\""), "true");
  EXPECT_EQ(value("0 or false"), "true");
  EXPECT_EQ(value("not null"), "true");
}

TEST_F(RulesEval, MembershipInListsAndTexts) {
  EXPECT_EQ(value("2 in [1, 2, 3]"), "true");
  EXPECT_EQ(value("4 in [1, 2, 3]"), "false");
  EXPECT_EQ(value("4 not in [1, 2]"), "true");
  EXPECT_EQ(value("\"ell\" in \"hello\""), "true");
  EXPECT_EQ(value("\"xyz\" not in \"hello\""), "true");
  EXPECT_EQ(value("estimate.client.industry in [\"pharma\", \"healthcare\"]"), "true");
  EXPECT_EQ(value("null in [1, null]"), "true");
  EXPECT_EQ(value("1 in null"), "false");
  EXPECT_EQ(value("1 not in null"), "false");
}

TEST_F(RulesEval, NullSemantics) {
  EXPECT_EQ(value("estimate.client.missing"), "null");
  EXPECT_EQ(value("estimate.client.missing + 1"), "null");
  EXPECT_EQ(value("estimate.client.missing * 0"), "null");
  EXPECT_EQ(value("-estimate.client.missing"), "null");
  EXPECT_EQ(value("estimate.client.missing > 1"), "false");
  EXPECT_EQ(value("estimate.client.missing < 1"), "false");
  EXPECT_EQ(value("estimate.client.missing <= 1"), "false");
  EXPECT_EQ(value("estimate.client.missing == null"), "true");
  EXPECT_EQ(value("estimate.client.missing != null"), "false");
  EXPECT_EQ(value("estimate.client.name != null"), "true");
  EXPECT_EQ(value("estimate.client.missing == 0"), "false");
  EXPECT_EQ(value("estimate.client.missing and true"), "false");
  EXPECT_EQ(value("estimate.client.missing.deeper"), "null");
  EXPECT_EQ(value("totals.adjustments.escalation"), "null");
  EXPECT_EQ(value("previous"), "null");
  EXPECT_EQ(value("previous.totals.total"), "null");
  EXPECT_EQ(value("count(items where nonexistent == null)"), "4");  // absent fields are null
}

TEST_F(RulesEval, EstimateAndTotals) {
  EXPECT_EQ(value("estimate.id"), "\"T\"");
  EXPECT_EQ(value("estimate.title"), "\"Test estimate\"");
  EXPECT_EQ(value("estimate.currency"), "\"USD\"");
  EXPECT_EQ(value("estimate.class"), "3");
  EXPECT_EQ(value("estimate.three_point"), "\"pert\"");  // the default, filled in
  EXPECT_EQ(value("estimate.rounding"), "0.01");
  EXPECT_EQ(value("estimate.domain"), "null");
  EXPECT_EQ(value("estimate.client.industry"), "\"healthcare\"");
  EXPECT_EQ(value("estimate.client[\"name\"]"), "\"Acme\"");
  EXPECT_EQ(value("estimate.rates.senior"), "150");
  EXPECT_EQ(value("len(estimate.assumptions)"), "1");
  EXPECT_EQ(value("estimate.adjustments[0].kind"), "\"contingency\"");
  EXPECT_EQ(value("estimate.adjustments[0].amount"), "1690");
  EXPECT_EQ(value("count(estimate.items)"), "4");
  EXPECT_EQ(value("totals.direct"), "16900");
  EXPECT_EQ(value("totals.subtotal"), "18590");
  EXPECT_EQ(value("totals.total"), "18590");
  EXPECT_EQ(value("totals.adjustments.contingency"), "1690");
  EXPECT_EQ(value("totals.adjustments[\"contingency\"]"), "1690");
  EXPECT_EQ(value("estimate.totals.direct"), "16900");
}

TEST_F(RulesEval, ItemFields) {
  EXPECT_EQ(value("items.id"), "[\"A\", \"B\", \"C\", \"D\"]");
  EXPECT_EQ(value("items.name"), "[\"Alpha build\", \"Beta test\", \"Licence\", \"Audit\"]");
  EXPECT_EQ(value("items.amount"), "[12000, 3750, 150, 1000]");
  EXPECT_EQ(value("items.hours"), "[120, 25, null, null]");
  EXPECT_EQ(value("items.rate"), "[100, 150, null, null]");
  EXPECT_EQ(value("items.rate_name"), "[\"engineer\", \"senior\", null, null]");
  EXPECT_EQ(value("items.quantity"), "[null, null, 3, null]");
  EXPECT_EQ(value("items.unit_cost"), "[null, null, 50, null]");
  EXPECT_EQ(value("items.hours_low"), "[null, 10, null, null]");
  EXPECT_EQ(value("items.hours_likely"), "[null, 20, null, null]");
  EXPECT_EQ(value("items.hours_high"), "[null, 60, null, null]");
  EXPECT_EQ(value("items.category"), "[\"dev\", \"test\", \"materials\", \"services\"]");
  EXPECT_EQ(value("items[3].tags"), "[\"x\", \"y\"]");
  EXPECT_EQ(value("items[0].previous"), "null");
  EXPECT_EQ(value("items[9]"), "null");
}

TEST_F(RulesEval, CollectionsFilterAndProject) {
  EXPECT_EQ(value("items where hours > 100"), "[item A]");
  EXPECT_EQ(value("(items where category == \"dev\").amount"), "[12000]");
  // `where` binds loosest: the projection applies to the filtered items.
  EXPECT_EQ(value("items.amount where amount > 1000"), "[12000, 3750]");
  EXPECT_EQ(value("items.id where category in [\"dev\", \"test\"] and hours > 100"), "[\"A\"]");
  EXPECT_EQ(value("estimate.items.id where amount < 1000"), "[\"C\"]");
  EXPECT_EQ(value("items where item.amount >= 1000 and name != \"Audit\""), "[item A, item B]");
  EXPECT_EQ(value("[1, 5, 10] where item > 2"), "[5, 10]");
  EXPECT_EQ(value("group(items, \"category\") where amount > 1000"),
            "[group \"dev\" (1 items, amount 12000), group \"test\" (1 items, amount 3750)]");
  // An inner item hides the outer one.
  EXPECT_EQ(value("count(items where count(items where item.category == \"dev\") == 1)"), "4");
}

// `items where field == "text" and ...` visits only the items indexed under that text; the
// answers must be those of testing every item, whatever the order of the conjuncts.
TEST_F(RulesEval, IndexedEqualityFiltersAnswerAsAFullScan) {
  EXPECT_EQ(value("items.id where category == \"dev\" and hours > 100"), "[\"A\"]");
  EXPECT_EQ(value("items.id where hours > 100 and category == \"dev\""), "[\"A\"]");
  EXPECT_EQ(value("items.id where category == \"dev\" and hours > 200"), "[]");
  EXPECT_EQ(value("items.id where rate_name == \"senior\""), "[\"B\"]");
  EXPECT_EQ(value("items.id where category == \"test\" or category == \"dev\""), "[\"A\", \"B\"]");
  EXPECT_EQ(value("count(items where category == \"nothing-has-this\")"), "0");
  EXPECT_EQ(value("sum(items.amount where category == \"materials\" and amount > 0)"), "150");
  // Items without the field (null) are not in the index and never equal a text.
  EXPECT_EQ(value("items.id where tags == \"x\""), "[]");
}

// A column that mixes numbers and texts has no index: every item is compared, and the
// comparisons behave (and warn) exactly as without one.
TEST(RulesIndex, MixedColumnsAreScannedItemByItem) {
  Diagnostics diags;
  auto estimate = testing::estimate_text(R"(basis: estimate/1
id: MIX
title: Mixed phases
currency: USD
items:
  - {id: P1, name: One, phase: build, amount: 100}
  - {id: P2, name: Two, phase: 2, amount: 200}
  - {id: P3, name: Three, phase: build, amount: 300}
  - {id: P4, name: Four, amount: 400}
)",
                                         diags);
  ASSERT_TRUE(estimate) << all_diagnostics(diags);
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  built: sum(items.amount where phase == "build")
  built_first: sum(items.amount where phase == "build" and amount > 100)
)");
  ASSERT_TRUE(program);
  Diagnostics run;
  RuleEvaluation ev = evaluate(*program, *estimate, nullptr, run);
  EXPECT_EQ(ev.describe(*ev.metric("built")), "400");
  EXPECT_EQ(ev.describe(*ev.metric("built_first")), "300");
}

TEST_F(RulesEval, Aggregates) {
  EXPECT_EQ(value("count(items)"), "4");
  EXPECT_EQ(value("count(items where hours > 100)"), "1");
  EXPECT_EQ(value("count(items.hours)"), "2");  // non-null only
  EXPECT_EQ(value("sum(items.amount)"), "16900");
  EXPECT_EQ(value("sum(items.amount where category == \"dev\")"), "12000");
  EXPECT_EQ(value("sum(items.hours)"), "145");
  EXPECT_EQ(value("sum(items.amount where category == \"none\")"), "0");
  EXPECT_EQ(value("avg(items.hours)"), "72.5");
  EXPECT_EQ(value("avg(items.hours where false)"), "null");
  EXPECT_EQ(value("min(items.amount)"), "150");
  EXPECT_EQ(value("max(items.amount)"), "12000");
  EXPECT_EQ(value("min(items.amount where false)"), "null");
  EXPECT_EQ(value("max(items.name)"), "\"Licence\"");
  EXPECT_EQ(value("min(2, 5)"), "2");
  EXPECT_EQ(value("max(2, 5)"), "5");
  EXPECT_EQ(value("max(null, 5)"), "5");
  EXPECT_EQ(value("exists(items where category == \"test\")"), "true");
  EXPECT_EQ(value("exists(items where category == \"none\")"), "false");
  EXPECT_EQ(value("sum([1, null, 2])"), "3");
}

TEST_F(RulesEval, GroupSortTake) {
  EXPECT_EQ(value("count(group(items, \"category\"))"), "4");
  EXPECT_EQ(value("group(items, \"category\").key"),
            "[\"dev\", \"test\", \"materials\", \"services\"]");
  EXPECT_EQ(value("take(sort(group(items, \"category\"), \"amount\", \"desc\"), 2).key"),
            "[\"dev\", \"test\"]");
  // The breakdown shares (largest remainder at 0.1%): 71.0, 22.2, 0.9, 5.9.
  EXPECT_EQ(value("group(items, \"category\").share"), "[0.71, 0.222, 0.009, 0.059]");
  EXPECT_EQ(value("group(items where amount > 500, \"category\").share"), "[0.71, 0.222, 0.059]");
  EXPECT_EQ(value("group(items, \"category\")[0].hours"), "120");
  EXPECT_EQ(value("group(items, \"category\")[0].count"), "1");
  EXPECT_EQ(value("group(items, \"category\")[1].items"), "[item B]");
  EXPECT_EQ(value("group(items, \"form\").key"), "[\"hours\", \"quantity\", \"amount\"]");
  EXPECT_EQ(value("group(items, \"rate_name\").key"), "[\"engineer\", \"senior\", null]");
  EXPECT_EQ(value("sort(items, \"amount\").id"), "[\"C\", \"D\", \"B\", \"A\"]");
  EXPECT_EQ(value("sort(items, \"amount\", \"desc\").id"), "[\"A\", \"B\", \"D\", \"C\"]");
  EXPECT_EQ(value("sort(items, \"hours\", \"desc\").id"),
            "[\"A\", \"B\", \"C\", \"D\"]");  // nulls last, stable
  EXPECT_EQ(value("sort(items, \"hours\").id"), "[\"B\", \"A\", \"C\", \"D\"]");
  EXPECT_EQ(value("sort([3, 1, 2])"), "[1, 2, 3]");
  EXPECT_EQ(value("take([1, 2, 3], 2)"), "[1, 2]");
  EXPECT_EQ(value("take([1, 2], 5)"), "[1, 2]");
  EXPECT_EQ(value("take([1], 0)"), "[]");
}

TEST_F(RulesEval, NumberAndTextFunctions) {
  EXPECT_EQ(value("share(1, 4)"), "0.25");
  EXPECT_EQ(value("share(1, 0)"), "null");  // no warning either
  EXPECT_EQ(value("share(null, 4)"), "null");
  EXPECT_EQ(value("round(2.345, 2)"), "2.35");
  EXPECT_EQ(value("round(-2.5)"), "-3");  // half away from zero
  EXPECT_EQ(value("round(1250, -2)"), "1300");
  EXPECT_EQ(value("floor(-1.5)"), "-2");
  EXPECT_EQ(value("ceil(1.2)"), "2");
  EXPECT_EQ(value("abs(-3.5)"), "3.5");
  EXPECT_EQ(value("len(\"héllo\")"), "5");
  EXPECT_EQ(value("len([1, 2])"), "2");
  EXPECT_EQ(value("len(null)"), "null");
  EXPECT_EQ(value("lower(\"ABC d\")"), "\"abc d\"");
  EXPECT_EQ(value("upper(\"abc\")"), "\"ABC\"");
  EXPECT_EQ(value("contains(\"hello\", \"ell\")"), "true");
  EXPECT_EQ(value("contains([1, 2], 2)"), "true");
  EXPECT_EQ(value("contains(null, 2)"), "false");
  EXPECT_EQ(value("starts_with(\"hello\", \"he\")"), "true");
  EXPECT_EQ(value("starts_with(\"hello\", \"lo\")"), "false");
  EXPECT_EQ(value("if(true, 1, 2)"), "1");
  EXPECT_EQ(value("if(null, 1, 2)"), "2");
  EXPECT_EQ(value("if(true, 1, 1 / 0)"), "1");  // the branch not taken is not evaluated
  EXPECT_EQ(value("count(items where contains(lower(name), \"build\"))"), "1");
}

TEST_F(RulesEval, DivisionByZeroIsNullWithAWarningAtTheOperator) {
  Diagnostics warnings;
  EXPECT_EQ(value("1 + 2 / (totals.direct - 16900)", &warnings), "null");
  ASSERT_EQ(warnings.items().size(), 1u) << all_diagnostics(warnings);
  const Diagnostic& d = warnings.items()[0];
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.message, "division by zero in metric 'm': the result is null");
  EXPECT_EQ(d.file, "rules.yaml");
  EXPECT_EQ(d.pos.line, 4u);
  EXPECT_EQ(d.pos.column, 13u);  // `  m: '1 + 2 / ...`: the '/'
}

TEST_F(RulesEval, OverflowIsAnErrorValueWithAWarning) {
  Diagnostics warnings;
  EXPECT_EQ(value("1000000000000000000 * 1000000000000000000", &warnings), "error");
  ASSERT_EQ(warnings.items().size(), 1u);
  EXPECT_EQ(warnings.items()[0].message, "overflow in metric 'm': the result of '*' is too large");
  EXPECT_EQ(warnings.items()[0].pos.column, 27u);
  // An error is not null, but comparisons with it are false and ?? replaces it.
  Diagnostics more;
  EXPECT_EQ(value("1000000000000000000 * 1000000000000000000 > 0", &more), "false");
  EXPECT_EQ(value("1000000000000000000 * 1000000000000000000 ?? 7", &more), "7");
}

TEST_F(RulesEval, TypeMismatchesOnlyKnownAtRunTimeWarn) {
  Diagnostics warnings;
  EXPECT_EQ(value("estimate.client.name + 1", &warnings), "null");
  ASSERT_EQ(warnings.items().size(), 1u);
  EXPECT_EQ(warnings.items()[0].message,
            "'+' in metric 'm' needs numbers, but got \"Acme\" and 1: the result is null");
  EXPECT_EQ(warnings.items()[0].pos.column, 28u);
  Diagnostics sum;
  EXPECT_EQ(value("sum([1000000000000000000, 1000000000000000000])", &sum), "error");
  ASSERT_EQ(sum.items().size(), 1u);
  EXPECT_EQ(sum.items()[0].message, "overflow in metric 'm': the sum is too large");
  EXPECT_EQ(sum.items()[0].pos.column, 7u);
}

TEST_F(RulesEval, InternalDataIsNotReachableByAComputedName) {
  // A name computed at run time never reads an internal block (the static check cannot
  // see it), so it reads as absent.
  EXPECT_EQ(value("count(items where item[\"inter\" + \"nal\"] != null)"), "0");
  EXPECT_EQ(value("items[0][\"cat\" + \"egory\"]"), "\"dev\"");
}

// ---- rules --------------------------------------------------------------------------------------

constexpr const char* kRules = R"(basis: rules/1
ruleset: t
define:
  dev_hours: sum(items.hours where category == "dev")
  big: 10000
rules:
  - id: always
    text: Always.
  - id: never
    when: dev_hours > 1000
    text: Never.
  - id: tier-high
    group: tiers
    priority: 10
    when: dev_hours > 100
    text: High.
  - id: tier-low
    group: tiers
    priority: 5
    when: dev_hours > 0
    text: Low.
  - id: tier-tie
    group: ties
    when: true
    text: First.
  - id: tier-tie-2
    group: ties
    when: true
    text: Second.
  - id: per-item
    for_each: items where amount >= 1000
    when: category != "services"
    explains: item
    text: "{{ item.name }}"
  - id: per-item-none
    for_each: items where amount > 1000000
    text: x
  - id: explains-filter
    explains: items where rate_name != null
    text: "{{ count(items where rate_name != null) }}"
  - id: loop
    text: "{% for g in take(sort(group(items, \"category\"), \"amount\", \"desc\"), 2) %}{{ g.key }}{{ loop.index }}{% endfor %}"
  - id: item-loop
    for_each: items where category == "dev"
    text: "{% for x in items where amount < 2000 %}{{ name }}/{{ item.name }}{% endfor %}{{ name }}"
)";

TEST_F(RulesEval, RulesFireInOrderAndTiersKeepTheHighestPriority) {
  auto program = compile_text(kRules);
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags);
  EXPECT_TRUE(diags.empty()) << all_diagnostics(diags);
  EXPECT_EQ(testing::fired_ids(ev, RuleOutcome::fired),
            (std::vector<std::string>{"always", "tier-high", "tier-tie", "per-item",
                                      "explains-filter", "loop", "item-loop"}));
  EXPECT_EQ(testing::fired_ids(ev, RuleOutcome::suppressed),
            (std::vector<std::string>{"tier-low", "tier-tie-2"}));
  EXPECT_EQ(testing::fired_ids(ev, RuleOutcome::not_fired),
            (std::vector<std::string>{"never", "per-item-none"}));

  const RuleResult* per_item = ev.rule("per-item");
  ASSERT_EQ(per_item->matched.size(), 2u);  // A and B; D is a service
  EXPECT_EQ(per_item->matched[0].index(), 0u);
  EXPECT_EQ(per_item->matched[1].index(), 1u);
  EXPECT_EQ(per_item->explained_items, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(ev.rule("explains-filter")->explained_items, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(ev.rule("always")->explained_items.empty());
}

TEST_F(RulesEval, TemplateExpressionsWithLoopsAndContributors) {
  auto program = compile_text(kRules);
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags);

  // The loop of rule `loop`: the collection, then each element bound to its local slot.
  const RuleSyntax* loop_rule = program->rules().find_rule("loop");
  const CompiledTemplate* tmpl = program->find_template(loop_rule->text.syntax.get());
  ASSERT_NE(tmpl, nullptr);
  const TemplateSyntax& syntax = *tmpl->syntax;
  const TemplatePart& for_part = syntax.part(syntax.top[0]);
  ASSERT_EQ(for_part.kind, TemplatePartKind::for_loop);
  const RuleValue groups = ev.evaluate(*tmpl, for_part.expr, {}, diags);
  ASSERT_TRUE(groups.is_list());
  ASSERT_EQ(groups.as_list().size(), 2u);
  const std::uint32_t slot = tmpl->loop_slot[syntax.top[0]];
  std::vector<RuleValue> locals(tmpl->local_count);
  std::string out;
  for (std::size_t i = 0; i < groups.as_list().size(); ++i) {
    locals[slot] = groups.as_list()[i];
    locals[slot + 1] = RuleValue::loop(i, groups.as_list().size());
    EvalScope scope;
    scope.locals = locals;
    for (TemplatePartId p : for_part.body) {
      const RuleValue v = ev.evaluate(*tmpl, syntax.part(p).expr, scope, diags);
      out += v.is_text() ? std::string(v.as_text()) : ev.describe(v);
    }
  }
  EXPECT_EQ(out, "dev1test2");
  auto view = ev.group(groups.as_list()[0]);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->amount, dec("12000"));
  EXPECT_EQ(view->share.as_number(), dec("0.71"));

  // Contributors of a number: the items it was computed from (not those only filtered).
  const RuleSyntax* filter_rule = program->rules().find_rule("explains-filter");
  const CompiledTemplate* count_tmpl = program->find_template(filter_rule->text.syntax.get());
  std::vector<std::size_t> contributors;
  EvalScope traced;
  traced.contributors = &contributors;
  const TemplatePart& placeholder = count_tmpl->syntax->part(count_tmpl->syntax->top[0]);
  EXPECT_EQ(ev.describe(ev.evaluate(*count_tmpl, placeholder.expr, traced, diags)), "2");
  std::sort(contributors.begin(), contributors.end());
  EXPECT_EQ(contributors, (std::vector<std::size_t>{0, 1}));

  // A loop over items makes its element `item` and its fields bare names; outside the
  // loop, the rule's for_each item is back.
  const RuleSyntax* item_loop = program->rules().find_rule("item-loop");
  const CompiledTemplate* item_tmpl = program->find_template(item_loop->text.syntax.get());
  const TemplateSyntax& isyn = *item_tmpl->syntax;
  const TemplatePart& iloop = isyn.part(isyn.top[0]);
  const RuleValue elements =
      ev.evaluate(*item_tmpl, iloop.expr, {RuleValue::item(0), {}, nullptr}, diags);
  EXPECT_EQ(ev.describe(elements), "[item C, item D]");
  std::vector<RuleValue> ilocals(item_tmpl->local_count);
  ilocals[item_tmpl->loop_slot[isyn.top[0]]] = RuleValue::item(2);
  EvalScope in_loop{RuleValue::item(0), ilocals, nullptr};
  EXPECT_EQ(ev.describe(ev.evaluate(*item_tmpl, isyn.part(iloop.body[0]).expr, in_loop, diags)),
            "\"Licence\"");
  EXPECT_EQ(ev.describe(ev.evaluate(*item_tmpl, isyn.part(iloop.body[2]).expr, in_loop, diags)),
            "\"Licence\"");
  EXPECT_EQ(ev.describe(ev.evaluate(*item_tmpl, isyn.part(isyn.top[1]).expr, in_loop, diags)),
            "\"Alpha build\"");
}

TEST_F(RulesEval, PreviousRevisionAndItemPrevious) {
  const std::string older =
      std::string(kEstimate).replace(std::string(kEstimate).find("hours: 120"), 10, "hours: 100");
  Diagnostics diags;
  auto previous = testing::estimate_text(older, diags);
  ASSERT_TRUE(previous) << all_diagnostics(diags);
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  moved: totals.total - previous.totals.total
  dev_before: previous.items[0].hours
rules:
  - id: grew
    for_each: items where item.previous != null and hours > item.previous.hours
    text: "{{ item.previous.hours }} to {{ hours }}"
)");
  ASSERT_TRUE(program);
  RuleEvaluation ev = evaluate(*program, estimate(), &*previous, diags);
  EXPECT_TRUE(diags.empty()) << all_diagnostics(diags);
  // 20 more hours at 100: direct +2,000, contingency +200.
  EXPECT_EQ(ev.describe(*ev.metric("moved")), "2200");
  EXPECT_EQ(ev.describe(*ev.metric("dev_before")), "100");
  const RuleResult* grew = ev.rule("grew");
  ASSERT_EQ(grew->matched.size(), 1u);
  EXPECT_EQ(ev.item(grew->matched[0])->id(), "A");
  // Without a previous revision, `previous` and `item.previous` are null: nothing grew.
  RuleEvaluation alone = evaluate(*program, estimate(), nullptr, diags);
  EXPECT_EQ(alone.describe(*alone.metric("moved")), "null");
  EXPECT_EQ(alone.rule("grew")->outcome, RuleOutcome::not_fired);
}

TEST_F(RulesEval, MetricsAreEvaluatedInDependencyOrder) {
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  c: b * 2
  b: a + 1
  a: count(items)
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags);
  EXPECT_EQ(ev.describe(*ev.metric("c")), "10");
  ASSERT_EQ(ev.metrics().size(), 3u);
  EXPECT_EQ(ev.metrics()[0].name, "c");  // results in load order
}

TEST_F(RulesEval, WhyRecordsEachPartOfTheCondition) {
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  dev_hours: sum(items.hours where category == "dev")
rules:
  - id: r
    when: dev_hours > 1000 or (estimate.class == 3 and count(items) >= 4)
    text: x
  - id: e
    for_each: items where rate_name != null
    when: hours > 100
    text: x
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags);
  auto trace = explain_condition(ev, "r", std::nullopt, diags);
  ASSERT_TRUE(trace);
  EXPECT_EQ(trace->outcome, RuleOutcome::fired);
  std::vector<std::string> lines;
  for (const ConditionPart& p : trace->when_parts) {
    lines.push_back(std::string(static_cast<std::size_t>(p.depth) * 2, ' ') + p.text + " = " +
                    p.shown);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "dev_hours > 1000 or (estimate.class == 3 and count(items) >= 4) = true",
                       "  dev_hours > 1000 = false",
                       "    dev_hours = 120",
                       "    1000 = 1000",
                       "  (estimate.class == 3 and count(items) >= 4) = true",
                       "    estimate.class == 3 = true",
                       "      estimate.class = 3",
                       "      3 = 3",
                       "    count(items) >= 4 = true",
                       "      count(items) = 4",
                       "        items = [item A, item B, item C, item D]",
                       "      4 = 4",
                   }));
  EXPECT_EQ(trace->when_parts[0].pos.line, 7u);
  EXPECT_EQ(trace->when_parts[0].pos.column, 11u);

  auto each = explain_condition(ev, "e", std::string_view("B"), diags);
  ASSERT_TRUE(each);
  EXPECT_EQ(each->for_each_items, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(each->item_in_collection);
  ASSERT_FALSE(each->when_parts.empty());
  EXPECT_EQ(each->when_parts[0].shown, "false");  // B has 25 hours
  EXPECT_EQ(each->when_parts[1].shown, "25");

  // Short-circuit: the right of `or` is not evaluated when the left decides.
  auto program2 = compile_text(R"(basis: rules/1
ruleset: t
rules:
  - id: s
    when: true or count(items) > 1
    text: x
)");
  RuleEvaluation ev2 = evaluate(*program2, estimate(), nullptr, diags);
  auto s = explain_condition(ev2, "s", std::nullopt, diags);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->when_parts.size(), 6u);
  EXPECT_FALSE(s->when_parts[2].evaluated);
  EXPECT_EQ(s->when_parts[2].shown, "not evaluated");

  Diagnostics unknown;
  EXPECT_FALSE(explain_condition(ev, "rr", std::nullopt, unknown));
  ASSERT_EQ(unknown.items().size(), 1u);
  EXPECT_EQ(unknown.items()[0].message, "unknown rule 'rr'; did you mean 'r'?");
}

TEST_F(RulesEval, SelectItemsForOptionFilters) {
  auto program = compile_text(R"(basis: rules/1
ruleset: t
rules:
  - id: o
    text: x
    options:
      - id: cut
        title: Cut
        change:
          - remove: category == "dev" or amount < 200
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev = evaluate(*program, estimate(), nullptr, diags, EvalOptions{{}, false});
  const RuleSyntax* rule = program->rules().find_rule("o");
  const CompiledExpr filter =
      program->find_expression(rule->options[0].change[0].filter.syntax.get());
  ASSERT_TRUE(filter.valid());
  auto selected = ev.select_items(filter, diags);
  ASSERT_TRUE(selected);
  EXPECT_EQ(*selected, (std::vector<std::size_t>{0, 2}));
}

// ---- budgets ------------------------------------------------------------------------------

Estimate generated_estimate(std::size_t count) {
  EstimateSyntax syntax;
  syntax.source = std::make_shared<const SourceText>("generated.yaml", "");
  syntax.id = "GEN";
  syntax.currency = find_currency("USD");
  for (std::size_t i = 0; i < count; ++i) {
    ItemSyntax item;
    item.id = "I" + std::to_string(i);
    item.name = "Item " + std::to_string(i);
    item.form = CostForm::amount;
    item.amount.kind = CostValue::Kind::number;
    item.amount.number = Decimal::from_int(static_cast<std::int64_t>(i % 100 + 1));
    Value category;
    category.kind = Value::Kind::text;
    category.text = i % 2 ? "odd" : "even";
    item.attributes.emplace_back("category", category);
    syntax.items.push_back(std::move(item));
  }
  Diagnostics diags;
  auto estimate = compute_estimate(std::move(syntax), diags);
  EXPECT_TRUE(estimate) << all_diagnostics(diags);
  return std::move(*estimate);
}

TEST(RulesBudget, NestedLoopsOverOneHundredThousandItemsEndWithABudgetError) {
  const Estimate big = generated_estimate(100'000);
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  total_even: sum(items.amount where category == "even")
rules:
  - id: fine
    when: total_even > 0
    text: x
  - id: quadratic
    for_each: items where id in (items where amount > 0).id
    text: x
  - id: after
    text: x
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  const auto start = std::chrono::steady_clock::now();
  RuleEvaluation ev = evaluate(*program, big, nullptr, diags);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(ev.complete());
  ASSERT_TRUE(diags.has_errors());
  const Diagnostic& d = diags.items().back();
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.message,
            "rule 'quadratic' needs more than 100000000 evaluation steps: evaluation stopped here "
            "(a loop over the items inside another loop over them grows with the square of the "
            "number of items)");
  EXPECT_EQ(d.pos.line, 10u);
  EXPECT_EQ(d.pos.column, 30u);  // the `in` that scans the list for every item
  EXPECT_EQ(ev.rule("fine")->outcome, RuleOutcome::fired);
  EXPECT_EQ(ev.rule("quadratic")->outcome, RuleOutcome::not_fired);
  EXPECT_EQ(ev.rule("after")->outcome, RuleOutcome::not_fired);  // not reached
  // Not a timing test: only a guard against a hang (the budget is ~1 s of work).
  EXPECT_LT(seconds, 120.0);
}

TEST(RulesBudget, InvariantInnerLoopsAreComputedOnce) {
  const Estimate big = generated_estimate(100'000);
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  nested: count(items where amount > avg(items.amount where category == "even"))
rules:
  - id: per-item
    for_each: items where amount >= max(items.amount)
    when: amount > sum(items.amount) / count(items)
    text: x
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev =
      evaluate(*program, big, nullptr, diags, EvalOptions{EvalLimits{5'000'000, 1'000'000}, true});
  EXPECT_TRUE(ev.complete()) << all_diagnostics(diags);
  EXPECT_FALSE(diags.has_errors());
  // Even items have amounts 1, 3, ..., 99 (average 50); 50 of every 100 items are above.
  EXPECT_EQ(ev.describe(*ev.metric("nested")), "50000");
  EXPECT_EQ(ev.rule("per-item")->matched.size(), 1000u);  // amount 100
}

TEST(RulesBudget, ListSizeBudget) {
  const Estimate big = generated_estimate(2000);
  auto program = compile_text(R"(basis: rules/1
ruleset: t
define:
  ids: items.id
)");
  ASSERT_TRUE(program);
  Diagnostics diags;
  RuleEvaluation ev =
      evaluate(*program, big, nullptr, diags, EvalOptions{EvalLimits{1'000'000, 1000}, true});
  EXPECT_FALSE(ev.complete());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "metric 'ids' builds lists of more than 1000 elements in all: evaluation stopped here");
}

}  // namespace
}  // namespace basis
