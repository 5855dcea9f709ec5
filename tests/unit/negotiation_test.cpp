// Negotiating with the options: several options taken together (`--with`), the search for
// combinations within a budget, and the brief's margins and concession plan. Every
// expected figure is worked out by hand in the comments from samples/software/portal-v3.yaml
// (and checked once with Python's exact decimal module), never read back from basis.
//
// portal-v3 by hand. Direct cost $747,361.30 (the line items, as in samples/README.md);
// overhead 8% of direct = $59,788.90; subtotal $807,150.20; contingency 10% of the
// subtotal = $80,715.02; discount -$7,500.00; total $880,365.22. So a line removed saves its
// amount x 1.08 x 1.10, and the 5% contingency option saves 5% of the subtotal.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "basis/engine/explain.hpp"
#include "basis/engine/negotiation.hpp"
#include "basis/render/explanation.hpp"
#include "cli_run_support.hpp"
#include "json_schema_check.hpp"
#include "rules_test_support.hpp"

namespace basis {
namespace {

using testing::all_diagnostics;
using testing::dec;
using testing::source_path;

constexpr const char* kPortalV3 = "samples/software/portal-v3.yaml";
constexpr const char* kDataPlatform = "samples/consulting/data-platform.yaml";
constexpr const char* kSoftwareRules = "rules/software-delivery.yaml";
// The software rules plus `minimal-contingency` (contingency to 2%) and `lean-overhead`
// (overhead to 6%).
constexpr const char* kExtraRules = "tests/data/negotiation/extra-options.yaml";

struct Explained {
  std::shared_ptr<const RuleProgram> program;
  std::optional<Estimate> estimate;
  std::optional<Explanation> explanation;
  Diagnostics diags;
};

struct Ask {
  std::string style = "analytical";
  std::vector<std::string> with;
  std::optional<Decimal> budget;
};

std::unique_ptr<Explained> explain(std::shared_ptr<const RuleProgram> program,
                                   std::optional<Estimate> estimate, const Ask& ask) {
  auto out = std::make_unique<Explained>();
  out->program = std::move(program);
  out->estimate = std::move(estimate);
  if (!out->program || !out->estimate) return out;
  ExplainRequest request;
  request.estimate = &*out->estimate;
  request.program = out->program.get();
  request.style = ask.style;
  request.workspace = BASIS_SOURCE_DIR;
  request.with_options = ask.with;
  request.budget = ask.budget;
  out->explanation = build_explanation(request, out->diags);
  return out;
}

// portal-v3 with other internal terms, to see the brief mark combinations.
std::optional<Estimate> portal_with_terms(const std::string& floor, const std::string& target) {
  Diagnostics diags;
  auto syntax = load_estimate(source_path(kPortalV3), diags);
  EXPECT_TRUE(syntax) << all_diagnostics(diags);
  if (!syntax) return std::nullopt;
  for (auto& [key, value] : syntax->internal.map) {
    if (key == "floor") {
      value.kind = Value::Kind::number;
      value.number = dec(floor.c_str());
      value.text = floor;
    } else if (key == "target_margin") {
      value.kind = Value::Kind::text;
      value.text = target;
    }
  }
  return compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
}

class Negotiation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    software = testing::compile_files({source_path(kSoftwareRules)});
    extra = testing::compile_files({source_path(kExtraRules)});
  }
  static void TearDownTestSuite() {
    software.reset();
    extra.reset();
  }
  static std::optional<Estimate> portal() { return testing::estimate_file(source_path(kPortalV3)); }
  static const OptionSyntax* option(const RuleProgram& program, const char* id) {
    auto ref = find_option(program, id);
    EXPECT_TRUE(ref) << id;
    return ref ? ref->option : nullptr;
  }
  static std::shared_ptr<const RuleProgram> software;
  static std::shared_ptr<const RuleProgram> extra;
};

std::shared_ptr<const RuleProgram> Negotiation::software;
std::shared_ptr<const RuleProgram> Negotiation::extra;

std::vector<std::vector<std::string>> combination_ids(const BudgetSearch& search) {
  std::vector<std::vector<std::string>> out;
  for (const BudgetCombination& c : search.combinations) out.push_back(c.option_ids);
  return out;
}

// ---- combining options ---------------------------------------------------------------------

TEST_F(Negotiation, TwoOptionsArePricedTogetherNotAddedUp) {
  auto estimate = portal();
  ASSERT_TRUE(estimate && software);
  const OptionSyntax* contingency = option(*software, "smaller-contingency");
  const OptionSyntax* deferrable = option(*software, "defer-deferrable");
  ASSERT_TRUE(contingency && deferrable);
  // Alone: 5% contingency saves 5% of $807,150.20 = $40,357.51 -> $840,007.71. Removing
  // DEV-08 (160 h x $125 = $20,000) saves $20,000 x 1.08 x 1.10 = $23,760.00 -> $856,605.22.
  // Together: direct $727,361.30, overhead $58,188.90, subtotal $785,550.20, contingency 5% =
  // $39,277.51, total $817,327.71: a saving of $63,037.51, not the $64,117.51 the two add up
  // to. The difference, $1,080.00 = $20,000 x 1.08 x 5%, is the contingency the removed line
  // no longer carries once the percentage is lower.
  const OptionSyntax* both[] = {deferrable, contingency};
  OptionScenario together = compute_options(*software, *estimate, nullptr, both);
  ASSERT_TRUE(together.estimate);
  EXPECT_TRUE(together.matched);
  EXPECT_EQ(together.estimate->totals.total, dec("817327.71"));
  const Decimal alone_c =
      compute_option(*software, *estimate, nullptr, *contingency).estimate->totals.total;
  const Decimal alone_d =
      compute_option(*software, *estimate, nullptr, *deferrable).estimate->totals.total;
  EXPECT_EQ(alone_c, dec("840007.71"));
  EXPECT_EQ(alone_d, dec("856605.22"));
  const Decimal total = estimate->totals.total;
  const Decimal sum_of_savings = *add(*sub(total, alone_c), *sub(total, alone_d));
  const Decimal combined_saving = *sub(total, together.estimate->totals.total);
  EXPECT_EQ(sum_of_savings, dec("64117.51"));
  EXPECT_EQ(combined_saving, dec("63037.51"));
  EXPECT_EQ(*sub(sum_of_savings, combined_saving), dec("1080"));
}

TEST_F(Negotiation, TwoScopeOptionsAddUpExactly) {
  auto estimate = portal();
  ASSERT_TRUE(estimate && software);
  // Both only remove lines, and the percentages stay: each saves its lines x 1.08 x 1.10,
  // so together they save exactly the sum. DEV-08 $20,000 -> $23,760.00; QA-03 100 h x
  // $102.50 = $10,250 -> $12,177.00; together $35,937.00 -> $844,428.22 (direct $717,111.30,
  // overhead $57,368.90, contingency $77,448.02, less $7,500).
  const OptionSyntax* both[] = {option(*software, "defer-load-testing"),
                                option(*software, "defer-deferrable")};
  OptionScenario together = compute_options(*software, *estimate, nullptr, both);
  ASSERT_TRUE(together.estimate);
  EXPECT_EQ(together.estimate->totals.direct, dec("717111.30"));
  EXPECT_EQ(together.estimate->totals.total, dec("844428.22"));
}

TEST_F(Negotiation, WithOptionsExplainsTheChangedEstimate) {
  auto x =
      explain(software, portal(), {"analytical", {"smaller-contingency", "defer-deferrable"}, {}});
  ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
  const Explanation& e = *x->explanation;
  EXPECT_EQ(e.total.exact, dec("817327.71"));
  EXPECT_EQ(e.direct.exact, dec("727361.30"));
  ASSERT_TRUE(e.taken);
  // Applied in rule-file order: defer-deferrable comes before smaller-contingency in
  // scope-options, whatever order they were named in.
  EXPECT_EQ(e.taken->ids, (std::vector<std::string>{"defer-deferrable", "smaller-contingency"}));
  EXPECT_EQ(e.taken->titles[1], "Carry a 5% contingency instead");
  EXPECT_EQ(e.taken->total_before.shown, "$880,365.22");
  EXPECT_EQ(e.taken->delta.shown, "-$63,037.51");
  EXPECT_EQ(e.taken->delta_percent.shown, "-7.2%");  // 63,037.51 / 880,365.22 = 7.16%
  // The options taken are not offered again; the others are priced on the new estimate:
  // halving PM-02 (240 h x $115 = $27,600) saves $13,800 x 1.08 x 1.05 = $15,649.20.
  for (const OptionRow& o : e.options) {
    EXPECT_NE(o.id, "smaller-contingency");
    EXPECT_NE(o.id, "defer-deferrable");
  }
  auto po = std::find_if(e.options.begin(), e.options.end(),
                         [](const OptionRow& o) { return o.id == "client-product-owner"; });
  ASSERT_NE(po, e.options.end());
  EXPECT_EQ(po->delta.exact, dec("-15649.20"));
  EXPECT_EQ(po->new_total.exact, dec("801678.51"));
  // The summary says so in every format.
  const std::string md = render_markdown(e);
  EXPECT_NE(md.find("**Options taken:** Move the features marked deferrable to a second release "
                    "and Carry a 5% contingency instead"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("**Total before these options:** $880,365.22 (change -$63,037.51, -7.2%)"),
            std::string::npos);
}

TEST_F(Negotiation, TwoAdjustsOfOneAdjustmentCannotBeCombined) {
  ASSERT_TRUE(extra);
  Diagnostics diags;
  const std::vector<std::string> ids = {"minimal-contingency", "smaller-contingency"};
  EXPECT_FALSE(resolve_options(*extra, ids, diags));
  ASSERT_EQ(diags.error_count(), 1u) << all_diagnostics(diags);
  const Diagnostic& d = diags.items()[0];
  // Reported at the second in rule-file order (the extra file imports the software rules,
  // so smaller-contingency comes first), with a note at the first.
  EXPECT_EQ(d.message,
            "options 'smaller-contingency' and 'minimal-contingency' both adjust 'contingency' and "
            "cannot be taken together: the second would overwrite the first; take one of them");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].message.find("'smaller-contingency' adjusts 'contingency'"),
            std::string::npos);
  // Different adjustments combine.
  Diagnostics fine;
  const std::vector<std::string> other = {"lean-overhead", "smaller-contingency"};
  EXPECT_TRUE(resolve_options(*extra, other, fine)) << all_diagnostics(fine);
  EXPECT_EQ(
      adjust_conflict(*option(*extra, "lean-overhead"), *option(*extra, "smaller-contingency")),
      "");

  auto x = explain(extra, portal(), {"analytical", ids, {}});
  EXPECT_FALSE(x->explanation);
  EXPECT_TRUE(x->diags.has_errors());
}

TEST_F(Negotiation, UnknownOptionSuggestsTheClosestId) {
  Diagnostics diags;
  const std::vector<std::string> ids = {"smaller-contingncy"};
  EXPECT_FALSE(resolve_options(*software, ids, diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "unknown option 'smaller-contingncy'; did you mean 'smaller-contingency'?");
}

TEST_F(Negotiation, AnOptionThatChangesNothingCannotBeTaken) {
  // The data platform has no line with role "analysis": client-product-owner matches nothing
  // there, which is why the explanation does not offer it.
  auto x = explain(software, testing::estimate_file(source_path(kDataPlatform)),
                   {"expressive", {"client-product-owner"}, {}});
  EXPECT_FALSE(x->explanation);
  EXPECT_NE(all_diagnostics(x->diags).find("option 'client-product-owner' changes nothing in this "
                                           "estimate"),
            std::string::npos)
      << all_diagnostics(x->diags);
}

TEST_F(Negotiation, AnOptionWhoseRuleDoesNotApplyCannotBeTaken) {
  // engineer-led-flexible belongs to senior-mix, which needs senior hours (senior_engineer
  // and solution_architect development lines) to be 30% or more of the development hours;
  // the data platform has none of those rates, so the rule does not fire and the option is
  // not offered.
  auto x = explain(software, testing::estimate_file(source_path(kDataPlatform)),
                   {"expressive", {"engineer-led-flexible"}, {}});
  EXPECT_FALSE(x->explanation);
  EXPECT_NE(all_diagnostics(x->diags).find("option 'engineer-led-flexible' cannot be taken: its "
                                           "rule 'senior-mix' does not apply to this estimate"),
            std::string::npos)
      << all_diagnostics(x->diags);
}

TEST_F(Negotiation, CommandLineErrorsExitWithTwo) {
  cli_testing::ScratchDir dir("negotiation");
  const std::string estimate = cli_testing::quote(source_path(kPortalV3));
  const auto unknown =
      cli_testing::run_basis("explain " + estimate + " --with defer-deferrable,smaller-contingncy",
                             dir.path() / "unknown");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown option 'smaller-contingncy'; did you mean "
                             "'smaller-contingency'?"),
            std::string::npos)
      << unknown.err;
  EXPECT_TRUE(unknown.out.empty());

  const auto conflict = cli_testing::run_basis(
      "explain " + estimate + " --rules " + cli_testing::quote(source_path(kExtraRules)) +
          " --with minimal-contingency --with smaller-contingency",
      dir.path() / "conflict");
  EXPECT_EQ(conflict.exit_code, 2);
  EXPECT_NE(conflict.err.find("options 'smaller-contingency' and 'minimal-contingency' both adjust "
                              "'contingency'"),
            std::string::npos)
      << conflict.err;

  const auto bad_budget =
      cli_testing::run_basis("explain " + estimate + " --budget lots", dir.path() / "budget");
  EXPECT_EQ(bad_budget.exit_code, 2);
  EXPECT_NE(bad_budget.err.find("--budget: 'lots' is not an amount"), std::string::npos);

  const auto taken = cli_testing::run_basis(
      "explain " + estimate + " --with defer-load-testing,defer-deferrable --format json",
      dir.path() / "taken");
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  const nlohmann::json j = nlohmann::json::parse(taken.out);
  EXPECT_EQ(j["total"]["exact"], "844428.22");
  EXPECT_EQ(j["taken"]["total_before"]["exact"], "880365.22");
}

// ---- the budget search -----------------------------------------------------------------------

TEST_F(Negotiation, PortalBudgetFromTheEstimate) {
  // client.budget is $840,000: the options must save $40,365.22.
  // - The 5% contingency alone gives $840,007.71, $7.71 too much.
  // - Without it, the two largest scope savings add up to $23,760.00 + $16,394.40 =
  //   $40,154.40 (they only remove or halve lines, so they add exactly): no pair fits.
  // - So the pairs are the contingency with each of the six others. With the contingency at
  //   5% a line saves amount x 1.08 x 1.05: UAT (QA-06 half of 80 h x $102.50 = $4,100)
  //   $4,649.40 -> $835,358.31 (direct $743,261.30, overhead $59,460.90, contingency
  //   $40,136.11, less $7,500); research (UX-01 half of 100 h x $130 = $6,500) -> $832,636.71;
  //   flexible (DEV-05 220 h x $40 less) $8,800 -> $830,028.51; load testing $10,250 ->
  //   $828,384.21; product owner $13,800 -> $824,358.51; deferrable $20,000 -> $817,327.71.
  // - Triples without the contingency: sums of three scope savings reaching $40,365.22;
  //   the highest totals: load testing + UAT + deferrable $12,177.00 + $4,870.80 + $23,760.00
  //   = $40,807.80 -> $839,557.42; flexible + research + deferrable $10,454.40 + $7,722.00 +
  //   $23,760.00 = $41,936.40 -> $838,428.82; research + load testing + deferrable
  //   $43,659.00 -> $836,706.22; product owner + UAT + deferrable $45,025.20 -> $835,340.02.
  //   Every triple that fits holds the deferrable line (without it the three largest save
  //   $16,394.40 + $12,177.00 + $10,454.40 = $39,025.80); the other two must save
  //   $16,605.22: product owner with any of four, load testing with flexible, research or
  //   UAT, and flexible + research: eight triples. The list stops at ten combinations.
  auto x = explain(software, portal(), {});
  ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
  ASSERT_TRUE(x->explanation->budget);
  const BudgetSearch& b = *x->explanation->budget;
  EXPECT_EQ(b.source, "estimate");
  EXPECT_EQ(b.budget.shown, "$840,000.00");
  EXPECT_EQ(b.gap.exact, dec("40365.22"));
  EXPECT_FALSE(b.within_budget);
  const std::vector<std::vector<std::string>> expected = {
      {"client-led-uat", "smaller-contingency"},
      {"lighter-research", "smaller-contingency"},
      {"engineer-led-flexible", "smaller-contingency"},
      {"defer-load-testing", "smaller-contingency"},
      {"client-product-owner", "smaller-contingency"},
      {"defer-deferrable", "smaller-contingency"},
      {"defer-load-testing", "client-led-uat", "defer-deferrable"},
      {"engineer-led-flexible", "lighter-research", "defer-deferrable"},
      {"lighter-research", "defer-load-testing", "defer-deferrable"},
      {"client-product-owner", "client-led-uat", "defer-deferrable"},
  };
  EXPECT_EQ(combination_ids(b), expected);
  const std::vector<const char*> totals = {"835358.31", "832636.71", "830028.51", "828384.21",
                                           "824358.51", "817327.71", "839557.42", "838428.82",
                                           "836706.22", "835340.02"};
  ASSERT_EQ(b.combinations.size(), totals.size());
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const BudgetCombination& c = b.combinations[i];
    EXPECT_EQ(c.new_total.exact, dec(totals[i])) << i;
    EXPECT_EQ(c.under_budget.exact, *sub(dec("840000"), dec(totals[i]))) << i;
    EXPECT_EQ(c.delta.exact, *sub(dec(totals[i]), dec("880365.22"))) << i;
    EXPECT_FALSE(c.margin) << "a client's list carries no margin";
  }
  EXPECT_EQ(b.combinations[0].new_total.shown, "$835,358.31");
  EXPECT_EQ(b.combinations[0].under_budget.shown, "$4,641.69");
  EXPECT_EQ(b.combinations[0].delta_percent.shown, "-5.1%");
  EXPECT_TRUE(b.complete);
  EXPECT_TRUE(b.more);  // fourteen fit with three options or fewer
  EXPECT_TRUE(b.bound_held);
  EXPECT_EQ(b.options_searched, 7u);
  // Computed: no single option (the contingency's $40,357.51 falls short of the gap), the six
  // pairs with the contingency (no other pair's savings reach the gap), and the eight
  // triples whose savings do; the other 127 - 14 subsets are never computed.
  EXPECT_EQ(b.scenarios_evaluated, 14u);
}

TEST_F(Negotiation, PortalBudgetGivenByTheRequestListsEveryMinimalCombination) {
  // $845,000: the gap is $35,365.22. The contingency alone fits ($840,007.71). Pairs without
  // it: load testing + deferrable $35,937.00 -> $844,428.22; product owner + deferrable
  // $40,154.40 -> $840,210.82; no other pair reaches the gap (next: flexible + deferrable
  // $34,214.40). Triples containing neither pair: product owner + load testing + research
  // $36,293.40 -> $844,071.82; research + UAT + deferrable $36,352.80 -> $844,012.42;
  // product owner + load testing + flexible $39,025.80 -> $841,339.42; flexible + UAT +
  // deferrable $39,085.20 -> $841,280.02; flexible + research + deferrable $41,936.40 ->
  // $838,428.82. One quadruple: product owner + flexible + research + UAT $39,441.60 ->
  // $840,923.62. Nine in all, so the list is complete.
  auto x = explain(software, portal(), {"analytical", {}, dec("845000")});
  ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
  ASSERT_TRUE(x->explanation->budget);
  const BudgetSearch& b = *x->explanation->budget;
  EXPECT_EQ(b.source, "request");
  const std::vector<std::vector<std::string>> expected = {
      {"smaller-contingency"},
      {"defer-load-testing", "defer-deferrable"},
      {"client-product-owner", "defer-deferrable"},
      {"lighter-research", "client-product-owner", "defer-load-testing"},
      {"lighter-research", "client-led-uat", "defer-deferrable"},
      {"engineer-led-flexible", "client-product-owner", "defer-load-testing"},
      {"engineer-led-flexible", "client-led-uat", "defer-deferrable"},
      {"engineer-led-flexible", "lighter-research", "defer-deferrable"},
      {"engineer-led-flexible", "lighter-research", "client-product-owner", "client-led-uat"},
  };
  EXPECT_EQ(combination_ids(b), expected);
  const std::vector<const char*> totals = {"840007.71", "844428.22", "840210.82",
                                           "844071.82", "844012.42", "841339.42",
                                           "841280.02", "838428.82", "840923.62"};
  ASSERT_EQ(b.combinations.size(), totals.size());
  for (std::size_t i = 0; i < totals.size(); ++i) {
    EXPECT_EQ(b.combinations[i].new_total.exact, dec(totals[i])) << i;
  }
  EXPECT_FALSE(b.more);
  EXPECT_TRUE(b.complete);
}

TEST_F(Negotiation, WithinBudgetNeedsNoOption) {
  auto x = explain(software, portal(), {"driver", {}, dec("900000")});
  ASSERT_TRUE(x->explanation);
  ASSERT_TRUE(x->explanation->budget);
  EXPECT_TRUE(x->explanation->budget->within_budget);
  EXPECT_TRUE(x->explanation->budget->combinations.empty());
  EXPECT_EQ(x->explanation->budget->scenarios_evaluated, 0u);
  EXPECT_NE(render_markdown(*x->explanation).find("The total, $880,365.22, is within this budget."),
            std::string::npos);
}

// 30 options, each removing one line I01..I30 of $1,000 x i, under a 10% contingency on the
// subtotal: direct $465,000, total $511,500, and removing line i saves exactly $1,100 x i.
std::string thirty_line_estimate() {
  std::string yaml = "basis: estimate/1\nid: SYN-30\nitems:\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string id = (i < 10 ? "I0" : "I") + std::to_string(i);
    yaml += "  - {id: " + id + ", name: Line " + std::to_string(i) +
            ", amount: " + std::to_string(1000 * i) + "}\n";
  }
  yaml +=
      "adjustments:\n  - id: contingency\n    kind: contingency\n    percent: 10%\n"
      "    base: subtotal\n";
  return yaml;
}

std::string thirty_option_rules() {
  std::string yaml =
      "basis: rules/1\nruleset: thirty\nrules:\n  - id: thirty-ways\n"
      "    title: Thirty ways to save\n    section: options\n    options:\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    yaml += "      - id: drop-" + n + "\n        title: Leave out line " + std::to_string(i) +
            "\n        change:\n          - remove: id == \"I" + n + "\"\n        tradeoff: Line " +
            std::to_string(i) + " is not delivered.\n";
  }
  return yaml;
}

TEST_F(Negotiation, ThirtyOptionsAreSearchedWithoutTryingEveryCombination) {
  Diagnostics diags;
  auto estimate = testing::estimate_text(thirty_line_estimate(), diags);
  ASSERT_TRUE(estimate) << all_diagnostics(diags);
  EXPECT_EQ(estimate->totals.total, dec("511500"));
  auto program = testing::compile_text(thirty_option_rules());
  ASSERT_TRUE(program);
  // Budget $446,600 = $511,500 - $1,100 x 59: a combination fits when its line numbers add
  // up to 59 or more. No single line (30 at most); one pair, 29 + 30 (exactly on the budget);
  // then the triples reaching 59 that do not hold both 29 and 30. Enumerating the triples of
  // 1..30 (Python's itertools), 864 reach 59 and 28 of those hold 29 and 30: 836 triples.
  // With ten found after the triples, the search stops: 1 + 836 = 837 scenarios computed,
  // against 2^30 - 1 = 1,073,741,823 subsets.
  auto x = explain(program, std::move(estimate), {"analytical", {}, dec("446600")});
  ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
  ASSERT_TRUE(x->explanation->budget);
  const BudgetSearch& b = *x->explanation->budget;
  EXPECT_EQ(b.options_searched, 30u);
  EXPECT_EQ(b.scenarios_evaluated, 837u);
  EXPECT_LT(b.scenarios_evaluated, 1u << 20);
  EXPECT_TRUE(b.complete);
  EXPECT_TRUE(b.more);
  EXPECT_TRUE(b.bound_held);
  // The pair first; then triples that land exactly on the budget (sum 59), ties in the order
  // of their options in the rule file: (1,28,30), (2,27,30), (2,28,29), (3,26,30), ...
  const std::vector<std::vector<std::string>> expected = {
      {"drop-29", "drop-30"},
      {"drop-01", "drop-28", "drop-30"},
      {"drop-02", "drop-27", "drop-30"},
      {"drop-02", "drop-28", "drop-29"},
      {"drop-03", "drop-26", "drop-30"},
      {"drop-03", "drop-27", "drop-29"},
      {"drop-04", "drop-25", "drop-30"},
      {"drop-04", "drop-26", "drop-29"},
      {"drop-04", "drop-27", "drop-28"},
      {"drop-05", "drop-24", "drop-30"},
  };
  EXPECT_EQ(combination_ids(b), expected);
  for (const BudgetCombination& c : b.combinations) {
    EXPECT_EQ(c.new_total.exact, dec("446600")) << c.option_ids[0];
    EXPECT_TRUE(c.under_budget.exact.is_zero());
  }
}

TEST_F(Negotiation, TheScenarioLimitStopsTheSearchAndSaysSo) {
  Diagnostics diags;
  auto estimate = testing::estimate_text(thirty_line_estimate(), diags);
  ASSERT_TRUE(estimate);
  auto program = testing::compile_text(thirty_option_rules());
  ASSERT_TRUE(program);
  ExplainRequest request;
  request.estimate = &*estimate;
  request.program = program.get();
  request.budget = dec("446600");
  request.budget_max_scenarios = 50;
  auto e = build_explanation(request, diags);
  ASSERT_TRUE(e) << all_diagnostics(diags);
  ASSERT_TRUE(e->budget);
  EXPECT_FALSE(e->budget->complete);
  EXPECT_EQ(e->budget->scenarios_evaluated, 50u);
  // What was found before the stop is still exact: the pair 29 + 30 comes first.
  ASSERT_FALSE(e->budget->combinations.empty());
  EXPECT_EQ(e->budget->combinations[0].option_ids,
            (std::vector<std::string>{"drop-29", "drop-30"}));
  const bool warned = std::any_of(e->warnings.begin(), e->warnings.end(), [](const std::string& w) {
    return w.find("budget search: stopped after 50 scenarios") != std::string::npos;
  });
  EXPECT_TRUE(warned);
}

// ---- the brief -------------------------------------------------------------------------------

const InternalFigure* figure(const Explanation& e, const std::string& id) {
  for (const InternalFigure& f : e.internal_figures) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST_F(Negotiation, BriefMarginsOnPortal) {
  // Cost by hand: labour hours x cost rate, by rate name -
  //   senior_engineer  DEV-01 240 + DEV-05 220 + DEV-06 420 = 880 h x $104 = $91,520
  //   engineer         350 + 340 + 270 + 120 + 160 + 140 + 180 = 1,560 h x $78 = $121,680
  //   solution_architect 160 h x $118 = $18,880
  //   qa_engineer      60 + 370 + 100 + 160 + 60 + 80 + 80 = 910 h x $62 = $56,420
  //   ux_designer      100 + 200 + 140 + 60 = 500 h x $80 = $40,000
  //   project_manager  520 + 80 = 600 h x $88 = $52,800
  //   business_analyst 240 h x $70 = $16,800
  //   devops_engineer  160 + 120 = 280 h x $95 = $26,600          labour $424,700.00
  // (PERT hours: DEV-02 350, DEV-04 270, DEV-06 420, QA-02 370.) Passed through at their
  // price: INF-02 $19,686.60, LIC-01 $4,050, LIC-02 $7,499.70, LIC-03 $1,200, SRV-01
  // $18,500, SRV-02 $8,500, SRV-03 $6,250 = $65,686.30. Cost $490,386.30. Margin
  // ($880,365.22 - $490,386.30) / $880,365.22 = $389,978.92 / $880,365.22 = 44.297%.
  auto x = explain(software, portal(), {"internal", {}, {}});
  ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
  const Explanation& e = *x->explanation;
  ASSERT_TRUE(figure(e, "quoted_total") && figure(e, "cost") && figure(e, "margin"));
  EXPECT_EQ(figure(e, "quoted_total")->value.shown, "$880,365.22");
  EXPECT_EQ(figure(e, "cost")->value.exact, dec("490386.30"));
  EXPECT_NE(figure(e, "cost")->label.find("27 of 34 lines at cost"), std::string::npos);
  EXPECT_EQ(figure(e, "margin")->value.shown, "44.3%");
  EXPECT_EQ(*div(dec("389978.92"), dec("880365.22")), figure(e, "margin")->value.exact);
  EXPECT_EQ(figure(e, "floor")->value.shown, "$760,000.00");
  EXPECT_EQ(figure(e, "target_margin")->value.shown, "24%");

  // The plan. Margins after each option (cost falls by the option's lines at cost rates, or
  // not at all for the contingency):
  //   flexible: cost -220 h x ($104 - $78) = -$5,720 -> $484,666.30 on $869,910.82: 44.286%,
  //     0.0119 points lost for $10,454.40 saved = $879,770.09 per point;
  //   deferrable: -160 h x $78 = -$12,480 -> $477,906.30 on $856,605.22: 44.209%, 0.0881
  //     points, $269,597.75 per point;
  //   research -$4,000, product owner -$8,400, UAT -$2,480, load testing -$6,200: $223,608.68,
  //     $193,472.93, $182,892.39, $181,366.11 per point;
  //   contingency: cost unchanged on $840,007.71: 41.621%, 2.6762 points, $15,080.22 per point.
  const std::vector<std::string> order = {
      "engineer-led-flexible", "defer-deferrable",   "lighter-research",   "client-product-owner",
      "client-led-uat",        "defer-load-testing", "smaller-contingency"};
  ASSERT_EQ(e.concessions.size(), order.size());
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(e.concessions[i].option_id, order[i]);
  const Concession& flexible = e.concessions[0];
  EXPECT_EQ(flexible.saving.exact, dec("10454.40"));
  ASSERT_TRUE(flexible.margin_after && flexible.points_lost && flexible.saving_per_point);
  EXPECT_EQ(flexible.margin_after->shown, "44.3%");
  EXPECT_EQ(flexible.points_lost->shown, "0.01");
  EXPECT_EQ(flexible.saving_per_point->shown, "$879,770.09");
  const Concession& contingency = e.concessions[6];
  EXPECT_EQ(contingency.margin_after->shown, "41.6%");
  EXPECT_EQ(contingency.points_lost->shown, "2.68");
  EXPECT_EQ(contingency.saving_per_point->shown, "$15,080.22");
  EXPECT_EQ(*div(dec("349621.41"), dec("840007.71")), contingency.margin_after->exact);
  for (const Concession& c : e.concessions) {
    EXPECT_FALSE(c.below_floor) << c.option_id;  // every option stays above $760,000
    EXPECT_FALSE(c.below_target_margin) << c.option_id;
  }
  const std::string md = render_markdown(e);
  EXPECT_NE(md.find("### Concession plan"), std::string::npos);
  EXPECT_NE(md.find("| 7 | Carry a 5% contingency instead | $40,357.51 | $840,007.71 | 41.6% | "
                    "2.68 | $15,080.22 | yes | A signed change-control process"),
            std::string::npos)
      << md;
}

TEST_F(Negotiation, BriefMarksCombinationsNotToOfferAndClientsKeepThem) {
  // Floor $838,000 and a 44% target margin. The six pairs keep the contingency at 5%:
  // margins near 41.5% (contingency + UAT: cost $487,906.30 on $835,358.31 = 41.59%) and
  // totals under $838,000. The triples: load testing + UAT + deferrable cost $469,226.30 on
  // $839,557.42 = 44.11%, offered; flexible + research + deferrable $468,186.30 on
  // $838,428.82 = 44.16%, offered; research + load testing + deferrable ($836,706.22) and
  // product owner + UAT + deferrable ($835,340.02) are under the floor (44.10%, 44.09%).
  auto internal = explain(software, portal_with_terms("838000", "44%"), {"internal", {}, {}});
  auto client = explain(software, portal_with_terms("838000", "44%"), {"analytical", {}, {}});
  ASSERT_TRUE(internal->explanation && client->explanation)
      << all_diagnostics(internal->diags) << all_diagnostics(client->diags);
  ASSERT_TRUE(internal->explanation->budget && client->explanation->budget);
  const BudgetSearch& brief = *internal->explanation->budget;
  const BudgetSearch& shown = *client->explanation->budget;
  // The same list for both readers: the floor never removes a combination.
  EXPECT_EQ(combination_ids(brief), combination_ids(shown));
  ASSERT_EQ(brief.combinations.size(), 10u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_TRUE(brief.combinations[i].below_floor) << i;
    EXPECT_TRUE(brief.combinations[i].below_target_margin) << i;
  }
  EXPECT_EQ(brief.combinations[0].margin->shown, "41.6%");
  EXPECT_EQ(brief.combinations[0].margin->exact, *div(dec("347452.01"), dec("835358.31")));
  const std::vector<std::pair<bool, const char*>> triples = {
      {false, "44.1%"}, {false, "44.2%"}, {true, "44.1%"}, {true, "44.1%"}};
  for (std::size_t i = 0; i < triples.size(); ++i) {
    const BudgetCombination& c = brief.combinations[6 + i];
    EXPECT_EQ(c.below_floor, triples[i].first) << i;
    EXPECT_FALSE(c.below_target_margin) << i;
    ASSERT_TRUE(c.margin);
    EXPECT_EQ(c.margin->shown, triples[i].second) << i;
  }
  EXPECT_EQ(brief.combinations[7].margin->exact, *div(dec("370242.52"), dec("838428.82")));
  const std::string md = render_markdown(*internal->explanation);
  EXPECT_NE(md.find("Margin 41.6%. **Not to be offered:** below the floor and the target margin."),
            std::string::npos)
      << md;
  // Concessions below the floor go last: the contingency ($840,007.71 is above $838,000,
  // but 41.6% is under 44%) is not to be offered.
  const std::vector<Concession>& plan = internal->explanation->concessions;
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan.back().option_id, "smaller-contingency");
  EXPECT_TRUE(plan.back().below_target_margin);
  EXPECT_FALSE(plan.back().below_floor);
  for (const BudgetCombination& c : shown.combinations) {
    EXPECT_FALSE(c.margin);
    EXPECT_FALSE(c.below_floor || c.below_target_margin);
  }
}

// Every string value in a JSON document, joined.
void strings_of(const nlohmann::json& j, std::string& out) {
  if (j.is_string()) out += j.get<std::string>() + "\n";
  if (j.is_array() || j.is_object()) {
    for (const auto& item : j) strings_of(item, out);
  }
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The visible text of an HTML page: the style sheet (whose `margin` is CSS) and tags removed.
std::string visible_html(const std::string& html) {
  std::string text = html;
  const auto style = text.find("<style");
  const auto style_end = text.find("</style>");
  if (style != std::string::npos && style_end != std::string::npos) {
    text.erase(style, style_end + 8 - style);
  }
  std::string out;
  bool tag = false;
  for (char c : text) {
    if (c == '<') tag = true;
    if (!tag) out += c;
    if (c == '>') tag = false;
  }
  return out;
}

TEST_F(Negotiation, NoClientStyleShowsAnythingOfTheBrief) {
  cli_testing::ScratchDir dir("negotiation");
  // portal-v3 with tighter terms, so that the brief has combinations not to offer.
  std::string yaml = cli_testing::read_file(source_path(kPortalV3));
  const auto floor = yaml.find("floor: 760000");
  const auto target = yaml.find("target_margin: 24%");
  ASSERT_NE(floor, std::string::npos);
  ASSERT_NE(target, std::string::npos);
  yaml.replace(target, 18, "target_margin: 44%");
  yaml.replace(floor, 13, "floor: 838000");
  const auto estimate = dir.path() / "portal-tight.yaml";
  cli_testing::write_file(estimate, yaml);
  const std::string common = cli_testing::quote(estimate.string()) + " --rules " +
                             cli_testing::quote(source_path(kExtraRules)) +
                             " --with lean-overhead --budget 800000";

  // The brief has all of it (so the checks below can fail).
  const auto brief = cli_testing::run_basis("explain " + common + " --style internal --format md",
                                            dir.path() / "b");
  ASSERT_EQ(brief.exit_code, 0) << brief.err;
  const std::vector<std::string> secrets = {
      "margin",      "floor",   "not to be offered", "concession",   "cost to the firm",
      "points lost", "838,000", "walk-away",         "ask in return"};
  for (const std::string& secret : secrets) {
    if (secret == "walk-away" || secret == "ask in return") continue;  // wording of the table
    EXPECT_NE(lower(brief.out).find(secret), std::string::npos) << secret;
  }

  for (const std::string& style : cli_testing::client_styles()) {
    for (const std::string& format : cli_testing::text_formats()) {
      const auto run =
          cli_testing::run_basis("explain " + common + " --style " + style + " --format " + format,
                                 dir.path() / (style + "-" + format));
      ASSERT_EQ(run.exit_code, 0) << style << " " << format << ": " << run.err;
      std::string text = run.out;
      if (format == "html") text = visible_html(text);
      if (format == "json") {
        const nlohmann::json j = nlohmann::json::parse(run.out);
        EXPECT_TRUE(j["concessions"].empty()) << style;
        EXPECT_TRUE(j["internal_figures"].empty()) << style;
        ASSERT_TRUE(j["budget"].is_object()) << style;
        EXPECT_FALSE(j["budget"]["combinations"].empty()) << style;
        for (const auto& c : j["budget"]["combinations"]) {
          EXPECT_TRUE(c["margin"].is_null()) << style;
          EXPECT_FALSE(c["below_floor"].get<bool>()) << style;
          EXPECT_FALSE(c["below_target_margin"].get<bool>()) << style;
        }
        text.clear();
        strings_of(j, text);
      }
      const std::string seen = lower(text);
      const std::string budget_shown =
          format == "json" ? "$800,000.00" : "within a budget of $800,000.00";
      EXPECT_NE(seen.find(budget_shown), std::string::npos) << style << " " << format;
      for (const std::string& secret : secrets) {
        EXPECT_EQ(seen.find(secret), std::string::npos)
            << style << " " << format << " shows '" << secret << "'";
      }
    }
  }
}

TEST_F(Negotiation, JsonWithBudgetTakenAndPlanFollowsTheSchema) {
  const nlohmann::json schema = nlohmann::json::parse(explanation_json_schema());
  for (const char* style : {"internal", "driver"}) {
    auto x = explain(extra, portal_with_terms("838000", "44%"),
                     {style, {"lean-overhead"}, dec("800000")});
    ASSERT_TRUE(x->explanation) << all_diagnostics(x->diags);
    const nlohmann::json j = nlohmann::json::parse(render_json(*x->explanation));
    EXPECT_EQ(testing::schema_problem(schema, schema, j), "") << style;
    EXPECT_TRUE(j["taken"].is_object());
    EXPECT_FALSE(j["budget"]["combinations"].empty());
    EXPECT_EQ(j["concessions"].empty(), std::string(style) != "internal");
  }
}

}  // namespace
}  // namespace basis
