// Internal values: anything that depends on an `internal` block (of the estimate, of an
// item, of the previous revision), through any chain of metrics, may not reach a
// client-facing place. Each place is checked, with the message, the chain and the position.

#include <gtest/gtest.h>

#include <string>

#include "rules_test_support.hpp"

namespace basis {
namespace {

using testing::all_diagnostics;
using testing::compile_errors;
using testing::compile_text;

constexpr std::string_view kHint =
    "; internal values may only be used in 'internal', 'ask_in_return' or a rule in section "
    "internal";

std::string header(const std::string& body) {
  return "basis: rules/1\nruleset: t\ndefine:\n  floor_headroom: totals.total - "
         "estimate.internal.floor\n"
         "  plain: totals.total\n" +
         body;
}

// The single error of compiling `body` (after the header: rules start at line 6).
const Diagnostic* single_error(Diagnostics& diags) {
  if (diags.error_count() != 1) {
    ADD_FAILURE() << "expected one error:\n" << all_diagnostics(diags);
    return nullptr;
  }
  for (const Diagnostic& d : diags.items()) {
    if (d.severity == Severity::error) return &d;
  }
  return nullptr;
}

void expect_error(const std::string& body, std::uint32_t line, std::uint32_t column,
                  const std::string& message) {
  Diagnostics diags = compile_errors(header(body));
  const Diagnostic* d = single_error(diags);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->message, message + std::string(kHint));
  EXPECT_EQ(d->pos.line, line);
  EXPECT_EQ(d->pos.column, column);
}

TEST(RulesTaint, AMetricThatReadsInternalDataCannotBeShownToAClient) {
  expect_error(
      "rules:\n  - id: r\n    text: \"Room: {{ floor_headroom }}\"\n", 8, 21,
      "internal value in client-facing text: 'floor_headroom' depends on estimate.internal.floor "
      "(floor_headroom -> estimate.internal.floor)");
}

TEST(RulesTaint, TheChainThroughTwoOtherMetricsIsShown) {
  expect_error(
      "  base: estimate.internal.floor * 2\n  doubled: base + plain\n  shown: doubled / 2\n"
      "rules:\n  - id: r\n    text: \"{{ shown | money }}\"\n",
      11, 15,
      "internal value in client-facing text: 'shown' depends on estimate.internal.floor "
      "(shown -> doubled -> base -> estimate.internal.floor)");
}

TEST(RulesTaint, InternalMetricsAreAllowedWhereOnlyTheFirmReadsThem) {
  auto program = compile_text(header(R"yaml(  chained: floor_headroom * 2
rules:
  - id: brief
    section: internal
    when: floor_headroom > 0
    text: "Room: {{ chained }}"
  - id: public
    text: "Total {{ plain }}"
    internal: "Room: {{ floor_headroom }} ({{ estimate.internal.target_margin }})"
    options:
      - id: o
        title: Option
        change:
          - remove: category == "x"
        ask_in_return: "Ask for {{ floor_headroom }}"
)yaml"));
  ASSERT_TRUE(program);
  EXPECT_TRUE(program->metric_is_internal("floor_headroom"));
  EXPECT_TRUE(program->metric_is_internal("chained"));
  EXPECT_FALSE(program->metric_is_internal("plain"));
}

TEST(RulesTaint, ConditionsAndFiltersAreClientFacingToo) {
  expect_error("rules:\n  - id: r\n    when: estimate.internal.floor > 0\n    text: x\n", 8, 11,
               "internal value in client-facing 'when': estimate.internal.floor");
  expect_error("rules:\n  - id: r\n    for_each: items where internal.cost > 0\n    text: x\n", 8,
               27, "internal value in client-facing 'for_each': internal.cost");
  expect_error("rules:\n  - id: r\n    explains: items where item.internal.cost > 0\n    text: x\n",
               8, 27, "internal value in client-facing 'explains': item.internal.cost");
  expect_error(
      "rules:\n  - id: r\n    text: x\n    benchmark:\n      value: floor_headroom\n"
      "      range: [1, 2]\n",
      10, 14,
      "internal value in client-facing 'benchmark value': 'floor_headroom' depends on "
      "estimate.internal.floor (floor_headroom -> estimate.internal.floor)");
  expect_error(
      "rules:\n  - id: r\n    text: x\n    options:\n      - id: o\n        title: Cut\n"
      "        change:\n          - remove: internal.cost > 100\n",
      13, 21, "internal value in client-facing 'option filter': internal.cost");
}

TEST(RulesTaint, EveryClientFacingTemplateIsChecked) {
  const std::string use = "\"{{ floor_headroom }}\"";
  const std::string message =
      "internal value in client-facing text: 'floor_headroom' depends on estimate.internal.floor "
      "(floor_headroom -> estimate.internal.floor)";
  expect_error("rules:\n  - id: r\n    text: x\n    by_style:\n      driver: " + use + "\n", 10, 19,
               message);
  expect_error("rules:\n  - id: r\n    text: x\n    questions:\n      - " + use + "\n", 10, 13,
               message);
  expect_error("rules:\n  - id: r\n    text: x\n    objections:\n      - objection: " + use +
                   "\n        response: x\n",
               10, 24, message);
  expect_error(
      "rules:\n  - id: r\n    text: x\n    objections:\n      - objection: x\n        response: " +
          use + "\n",
      11, 23, message);
  expect_error("rules:\n  - id: r\n    text: x\n    options:\n      - id: o\n        title: " +
                   use + "\n        change:\n          - remove: category == \"x\"\n",
               11, 20, message);
  expect_error(
      "rules:\n  - id: r\n    text: x\n    options:\n      - id: o\n        title: x\n"
      "        change:\n          - remove: category == \"x\"\n        tradeoff: " +
          use + "\n",
      14, 23, message);
}

TEST(RulesTaint, EveryWayToReachInternalData) {
  // An item's internal block, through a projection over items.
  expect_error("rules:\n  - id: r\n    text: \"{{ sum(items.internal.cost) }}\"\n", 8, 19,
               "internal value in client-facing text: items.internal.cost");
  // ...through `where`: which items are selected would reveal it.
  expect_error("rules:\n  - id: r\n    text: \"{{ count(items where internal.cost > 10) }}\"\n", 8,
               33, "internal value in client-facing text: internal.cost");
  // ...grouped or sorted by it.
  expect_error("rules:\n  - id: r\n    text: \"{{ sort(items, 'internal') }}\"\n", 8, 27,
               "internal value in client-facing text: sort(items, 'internal')");
  // ...the previous revision's, directly or through an item.
  expect_error("rules:\n  - id: r\n    text: \"{{ previous.internal.floor }}\"\n", 8, 15,
               "internal value in client-facing text: previous.internal.floor");
  expect_error(
      "rules:\n  - id: r\n    for_each: items\n    text: \"{{ item.previous.internal.cost }}\"\n",
      9, 15, "internal value in client-facing text: item.previous.internal.cost");
  // A for_each rule's template reaches the item's fields bare.
  expect_error("rules:\n  - id: r\n    for_each: items\n    text: \"{{ internal }}\"\n", 9, 15,
               "internal value in client-facing text: item.internal");
  // Inside a loop variable over items.
  expect_error(
      "rules:\n  - id: r\n    text: \"{% for x in items %}{{ x.internal.cost }}{% endfor %}\"\n", 8,
      35, "internal value in client-facing text: x.internal.cost");
}

TEST(RulesTaint, FreeFormFieldsNamedInternalAreNotInternalData) {
  // `client` is free-form: a field of it called internal is the client's, not the firm's.
  EXPECT_TRUE(
      compile_text(header("rules:\n  - id: r\n    text: \"{{ estimate.client.internal }}\"\n")));
}

TEST(RulesTaint, AppliesToMayNotReadInternalData) {
  const std::string estimate = R"(id: X
items:
  - id: A
    name: a
    amount: 10
    internal:
      cost: 4
adjustments:
  - id: esc
    kind: escalation
    percent: 3%
    applies_to: internal.cost > 1
  - id: other
    kind: other
    percent: 1%
    applies_to: amount > estimate.internal.floor
internal:
  floor: 1
)";
  Diagnostics diags;
  auto syntax =
      load_estimate_text(std::make_shared<const SourceText>("e.yaml", estimate), "yaml", diags);
  ASSERT_TRUE(syntax) << all_diagnostics(diags);
  EXPECT_FALSE(check_applies_to(*syntax, diags));
  diags.sort();
  ASSERT_EQ(diags.error_count(), 2u) << all_diagnostics(diags);
  EXPECT_EQ(
      diags.items()[0].message,
      "applies_to may not read internal data (internal.cost): it would make every total internal");
  EXPECT_EQ(diags.items()[0].pos.line, 12u);
  EXPECT_EQ(diags.items()[0].pos.column, 17u);
  EXPECT_EQ(
      diags.items()[1].message,
      "applies_to may not read internal data (estimate.internal.floor): it would make every total "
      "internal");
  EXPECT_EQ(diags.items()[1].pos.line, 16u);
  EXPECT_EQ(diags.items()[1].pos.column, 26u);
  // compute_estimate reports the same through the filter.
  Diagnostics computed;
  EXPECT_FALSE(compute_estimate(std::move(*syntax), computed, make_applies_to_filter()));
  EXPECT_TRUE(computed.has_errors());
}

}  // namespace
}  // namespace basis
