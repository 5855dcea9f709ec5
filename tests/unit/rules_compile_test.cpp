// Compiling rule sets: every diagnostic the compiler reports, with its message and its
// line:column (worked out by hand from the rule text in each test).

#include <gtest/gtest.h>

#include <string>

#include "rules_test_support.hpp"

namespace basis {
namespace {

using testing::all_diagnostics;
using testing::compile_errors;
using testing::compile_text;

std::string with_header(const std::string& body) {
  return "basis: rules/1\nruleset: t\n" + body;
}

struct Expected {
  std::uint32_t line;
  std::uint32_t column;
  std::string message;
};

void expect_errors(const std::string& rules, const std::vector<Expected>& expected) {
  Diagnostics diags = compile_errors(with_header(rules));
  std::vector<const Diagnostic*> errors;
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::error) errors.push_back(&d);
  }
  ASSERT_EQ(errors.size(), expected.size()) << all_diagnostics(diags);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(errors[i]->message, expected[i].message);
    EXPECT_EQ(errors[i]->pos.line, expected[i].line) << expected[i].message;
    EXPECT_EQ(errors[i]->pos.column, expected[i].column) << expected[i].message;
    EXPECT_EQ(errors[i]->file, "rules.yaml");
  }
}

TEST(RulesCompile, UnknownNameOutsideItemScopeSuggestsAMetric) {
  expect_errors("define:\n  dev_hours: 1\n  other: dev_hour + 1\n",
                {{5, 10, "unknown name 'dev_hour'; did you mean 'dev_hours'?"}});
  expect_errors("define:\n  m: totls.direct\n",
                {{4, 6, "unknown name 'totls'; did you mean 'totals'?"}});
}

TEST(RulesCompile, UnknownNamesInsideItemScopeAreItemFields) {
  auto program = compile_text(
      with_header("define:\n  m: count(items where anything_at_all == 1)\nrules:\n  - id: r\n"
                  "    for_each: items\n    when: some_attribute != null\n    text: \"{{ "
                  "other_attribute }}\"\n"));
  EXPECT_TRUE(program);
}

TEST(RulesCompile, UnknownFunctionsAndArgumentCounts) {
  expect_errors("define:\n  m: summ(items.amount)\n",
                {{4, 6, "unknown function 'summ'; did you mean 'sum'?"}});
  expect_errors("define:\n  m: round(1, 2, 3)\n",
                {{4, 6, "'round' takes 1 or 2 arguments, not 3"}});
  expect_errors("define:\n  m: 1 + if(true, 1)\n", {{4, 10, "'if' takes 3 arguments, not 2"}});
  expect_errors("define:\n  m: sort(items, \"amount\", \"desc\", 1)\n",
                {{4, 6, "'sort' takes 1 to 3 arguments, not 4"}});
}

TEST(RulesCompile, TextMixedWithNumbers) {
  expect_errors(
      "define:\n  m: '\"Total: \" + totals.total'\n",
      {{4, 17,
        "cannot add text and a number with '+': \"Total: \" is text, totals.total is a number"}});
  expect_errors("define:\n  m: '2 - \"x\"'\n",
                {{4, 9, "cannot use text in arithmetic with '-': 2 is a number, \"x\" is text"}});
  expect_errors("rules:\n  - id: r\n    for_each: items\n    when: name * 2 > 1\n    text: x\n",
                {{6, 16, "cannot use text in arithmetic with '*': name is text, 2 is a number"}});
  expect_errors("define:\n  m: '-\"x\"'\n", {{4, 7, "'-' needs a number, but \"x\" is text"}});
  expect_errors("define:\n  m: items * 2\n", {{4, 12, "'*' needs numbers, but items is a list"}});
  expect_errors("define:\n  m: lower(3)\n", {{4, 12, "'lower' needs text, but 3 is a number"}});
  expect_errors("define:\n  m: round(estimate.id)\n",
                {{4, 12, "'round' needs a number, but estimate.id is text"}});
  expect_errors("define:\n  m: sum(items.name)\n",
                {{4, 10, "'sum' needs numbers, but items.name is a list of texts"}});
  expect_errors("define:\n  m: 1 in 5\n",
                {{4, 8, "'in' needs a list or text on its right, but 5 is a number"}});
  // Two texts join; a text and an unknown value are not an error at load time.
  EXPECT_TRUE(
      compile_text(with_header("define:\n  m: 'estimate.id + \"-\" + estimate.client.code'\n")));
}

TEST(RulesCompile, UnknownFieldsOfTheEstimateAndTotals) {
  expect_errors("define:\n  m: estimate.clinet.industry\n",
                {{4, 15, "estimate has no field 'clinet'; did you mean 'client'?"}});
  expect_errors("define:\n  m: totals.totl\n",
                {{4, 13, "totals has no field 'totl'; did you mean 'total'?"}});
  expect_errors("define:\n  m: previous.totls\n",
                {{4, 15, "previous has no field 'totls'; did you mean 'totals'?"}});
  expect_errors("define:\n  m: totals.direct.x\n",
                {{4, 20, "totals.direct is a number: it has no field 'x'"}});
  // Free-form maps and adjustment ids are open.
  EXPECT_TRUE(compile_text(
      with_header("define:\n  a: estimate.client.anything\n  b: totals.adjustments.any_id\n"
                  "  c: 'totals.adjustments[\"sales-tax\"]'\n  d: previous.totals.total\n")));
}

TEST(RulesCompile, FieldsOfValuesThatHaveNone) {
  expect_errors("define:\n  m: items.amount.x\n",
                {{4, 19, "items.amount is a list of numbers: it has no field 'x'"}});
  expect_errors("define:\n  m: totals.direct[0]\n",
                {{4, 19, "totals.direct is a number: it cannot be indexed"}});
  expect_errors("define:\n  m: items + 1\n",
                {{4, 12, "'+' needs numbers or text, but items is a list"}});
  expect_errors("rules:\n  - id: r\n    text: \"{% for g in items %}{{ g.id.x }}{% endfor %}\"\n",
                {{5, 40, "g.id is text: it has no field 'x'"}});
}

TEST(RulesCompile, ItemOnlyInsideItemScope) {
  expect_errors(
      "define:\n  m: item.hours\n",
      {{4, 6, "'item' is only defined inside for_each rules, where filters and loops over items"}});
}

TEST(RulesCompile, GroupsLoopsAndSortOrders) {
  expect_errors("define:\n  m: 'group(items, \"category\")[0].keyy'\n",
                {{4, 35, "a group has no field 'keyy'; did you mean 'key'?"}});
  expect_errors("define:\n  m: 'sort(items, \"amount\", \"down\")'\n",
                {{4, 29, "the sort order must be \"asc\" or \"desc\""}});
  expect_errors("define:\n  m: 'group(items, 3)'\n",
                {{4, 20, "the field to group by must be text, such as \"category\""}});
  expect_errors("define:\n  n: 5\n  m: n where n > 1\n",
                {{5, 8, "'where' needs a list on its left, but n is a number"}});
  expect_errors("define:\n  m: 'count(group(items, \"category\") where keyy != null)'\n",
                {{4, 44,
                  "unknown name 'keyy': a group has key, amount, hours, count, items and share; "
                  "did you mean 'key'?"}});
}

TEST(RulesCompile, TemplatePositions) {
  expect_errors("define:\n  dev_hours: 1\nrules:\n  - id: r\n    text: \"Hours: {{ dev_hour }}\"\n",
                {{7, 22, "unknown name 'dev_hour'; did you mean 'dev_hours'?"}});
  expect_errors(
      "rules:\n  - id: r\n    text: \"{% for g in group(items, 'category') %}{{ g.keyy }}{% endfor "
      "%}\"\n",
      {{5, 56, "a group has no field 'keyy'; did you mean 'key'?"}});
  expect_errors(
      "rules:\n  - id: r\n    text: \"{% for g in items %}{{ loop.indx }}{% endfor %}\"\n",
      {{5, 40, "'loop' has no field 'indx'; did you mean 'index'?"}});
  // A loop variable is known inside its loop only.
  expect_errors(
      "rules:\n  - id: r\n    text: \"{% for g in [1, 2] %}{{ g }}{% endfor %}{{ g }}\"\n",
      {{5, 55, "unknown name 'g'"}});
}

TEST(RulesCompile, FoldedExpressionsReportTheRightLine) {
  expect_errors("define:\n  m: >\n    sum(items.amount)\n    + unknown_thing\n",
                {{6, 7, "unknown name 'unknown_thing'"}});
}

TEST(RulesCompile, EveryProblemIsReported) {
  expect_errors(
      "define:\n  a: nope + 1\n  b: summ(1)\nrules:\n  - id: r\n    when: nada\n    text: \"{{ "
      "zilch }}\"\n",
      {{4, 6, "unknown name 'nope'"},
       {5, 6, "unknown function 'summ'; did you mean 'sum'?"},
       {8, 11, "unknown name 'nada'"},
       {9, 15, "unknown name 'zilch'"}});
}

TEST(RulesCompile, MetricCyclesAreNamedOnceAtTheirFirstMetric) {
  expect_errors("define:\n  a: b + 1\n  b: c + 1\n  c: a + 1\n  d: d * 2\n",
                {{4, 3, "metric cycle: a -> b -> c -> a"}, {7, 3, "metric cycle: d -> d"}});
  // The search may enter a cycle from outside it; the cycle is still named from its
  // first metric.
  expect_errors("define:\n  e: c\n  b: c + 1\n  c: b * 2\n", {{5, 3, "metric cycle: b -> c -> b"}});
}

TEST(RulesCompile, TheShippedLibraryCompiles) {
  for (const char* file :
       {"rules/common.yaml", "rules/software-delivery.yaml", "rules/construction.yaml"}) {
    EXPECT_TRUE(testing::compile_files({testing::source_path(file)})) << file;
  }
}

TEST(RulesCompile, AppliesToIsCheckedWithoutTotals) {
  const std::string estimate = R"(id: X
items:
  - id: A
    name: a
    amount: 10
    category: m
adjustments:
  - id: esc
    kind: escalation
    percent: 3%
    applies_to: category == "m" and amount > totals.direct
  - id: two
    kind: other
    percent: 1%
    applies_to: cout(items) > 0
)";
  Diagnostics diags;
  auto syntax =
      load_estimate_text(std::make_shared<const SourceText>("e.yaml", estimate), "yaml", diags);
  ASSERT_TRUE(syntax) << all_diagnostics(diags);
  EXPECT_FALSE(check_applies_to(*syntax, diags));
  diags.sort();
  ASSERT_EQ(diags.error_count(), 2u) << all_diagnostics(diags);
  EXPECT_EQ(diags.items()[0].message,
            "'totals' cannot be used here: applies_to selects items before the totals exist");
  EXPECT_EQ(diags.items()[0].pos.line, 11u);
  EXPECT_EQ(diags.items()[0].pos.column, 46u);
  EXPECT_EQ(diags.items()[1].message, "unknown function 'cout'; did you mean 'count'?");
  EXPECT_EQ(diags.items()[1].pos.line, 15u);
  EXPECT_EQ(diags.items()[1].pos.column, 17u);
}

TEST(RulesCompile, ProgramLookups) {
  auto program = compile_text(with_header(
      "define:\n  m: 1\n  n: m + 1\nrules:\n  - id: a\n    when: m > 0\n    text: \"{{ n }}\"\n"
      "  - id: b\n    for_each: items\n    explains: item\n    text: x\n"));
  ASSERT_TRUE(program);
  EXPECT_EQ(program->find_rule("b"), std::optional<std::size_t>(1));
  EXPECT_FALSE(program->find_rule("c"));
  EXPECT_EQ(program->metric_names(), (std::vector<std::string_view>{"m", "n"}));
  EXPECT_TRUE(program->rule_when(0).valid());
  EXPECT_FALSE(program->rule_for_each(0).valid());
  EXPECT_TRUE(program->rule_for_each(1).valid());
  EXPECT_FALSE(program->rule_explains(1).valid());  // `explains: item` needs no expression
  const RuleSyntax* a = program->rules().find_rule("a");
  EXPECT_NE(program->find_template(a->text.syntax.get()), nullptr);
  EXPECT_TRUE(program->find_expression(a->when.syntax.get()).valid());
}

}  // namespace
}  // namespace basis
