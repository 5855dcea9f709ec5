// build_totals_report, largest_remainder_shares and accuracy_range. Expected shares were
// computed independently (python3 decimal: exact quotas, floors, remainders).

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "basis/engine/totals_report.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis {
namespace {

Decimal d(const char* text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal());
}

std::vector<Decimal> parts(std::initializer_list<const char*> texts) {
  std::vector<Decimal> out;
  for (const char* t : texts) out.push_back(d(t));
  return out;
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

Estimate load_sample(const std::string& relative, const AppliesToFilter& filter = {}) {
  Diagnostics diags;
  auto syntax = load_estimate(std::string(BASIS_SOURCE_DIR) + "/samples/" + relative, diags);
  EXPECT_TRUE(syntax.has_value()) << format_diagnostics(diags);
  if (!syntax) return Estimate();
  auto estimate = compute_estimate(std::move(*syntax), diags, filter);
  EXPECT_TRUE(estimate.has_value()) << format_diagnostics(diags);
  return estimate ? std::move(*estimate) : Estimate();
}

// key -> share in tenths of a percent
std::map<std::string, std::int64_t> shares_of(const TotalsReport& report) {
  std::map<std::string, std::int64_t> out;
  for (const TotalsGroup& g : report.groups) out[g.key] = g.share_tenths;
  return out;
}

std::vector<std::string> keys_of(const TotalsReport& report) {
  std::vector<std::string> out;
  for (const TotalsGroup& g : report.groups) out.push_back(g.key);
  return out;
}

// --- largest_remainder_shares --------------------------------------------------------

TEST(LargestRemainder, AllZeroGivesZeros) {
  EXPECT_EQ(largest_remainder_shares(parts({"0", "0", "0"}), 1000),
            (std::vector<std::int64_t>{0, 0, 0}));
}

TEST(LargestRemainder, NoPartsGivesNothing) {
  EXPECT_TRUE(largest_remainder_shares({}, 1000).empty());
}

TEST(LargestRemainder, SingleGroupTakesEverything) {
  EXPECT_EQ(largest_remainder_shares(parts({"123.45"}), 1000), (std::vector<std::int64_t>{1000}));
}

TEST(LargestRemainder, EqualThirdsGoToTheEarliest) {
  EXPECT_EQ(largest_remainder_shares(parts({"1", "1", "1"}), 1000),
            (std::vector<std::int64_t>{334, 333, 333}));
}

TEST(LargestRemainder, EqualRemaindersGoToTheLargerPart) {
  // quotas 0.5, 1.5 and 8 of 10: one unit left, both remainders are exactly one half.
  EXPECT_EQ(largest_remainder_shares(parts({"0.5", "1.5", "8"}), 10),
            (std::vector<std::int64_t>{0, 2, 8}));
}

TEST(LargestRemainder, LargestRemainderWinsOverSize) {
  // quotas 3.4, 2.6 and 4.0 of 10: the 0.6 remainder takes the unit, not the larger part.
  EXPECT_EQ(largest_remainder_shares(parts({"34", "26", "40"}), 10),
            (std::vector<std::int64_t>{3, 3, 4}));
}

TEST(LargestRemainder, RemaindersAreComparedExactly) {
  // Quotas 1/3, 0.333333333333333333 and 0.333333333333333333666...: they differ only
  // from the 19th digit on, and the largest must win.
  auto shares =
      largest_remainder_shares(parts({"1", "0.999999999999999999", "1.000000000000000001"}), 1);
  EXPECT_EQ(shares, (std::vector<std::int64_t>{0, 0, 1}));
}

TEST(LargestRemainder, CreditsKeepTheSum) {
  auto shares = largest_remainder_shares(parts({"1100", "-100"}), 1000);
  EXPECT_EQ(shares, (std::vector<std::int64_t>{1100, -100}));
  shares = largest_remainder_shares(parts({"700", "400", "-100.5"}), 1000);
  EXPECT_EQ(sum(shares), 1000);
}

TEST(LargestRemainder, HugePartsDoNotOverflow) {
  auto shares =
      largest_remainder_shares(parts({"1000000000000000000", "1000000000000000000", "1"}), 1000);
  EXPECT_EQ(sum(shares), 1000);
  EXPECT_EQ(shares[0], 500);
  EXPECT_EQ(shares[2], 0);
}

// --- groups on the samples ------------------------------------------------------------

TEST(TotalsReport, PortalV2CategoryShares) {
  Estimate e = load_sample("software/portal-v2.yaml");
  TotalsReport report = build_totals_report(e, "category");
  EXPECT_EQ(report.group_by, "category");
  EXPECT_EQ(keys_of(report),
            (std::vector<std::string>{"development", "project-management", "testing", "design",
                                      "infrastructure", "services", "materials"}));
  // Rounding each share on its own would give infrastructure 8.3% and a sum of 100.1%.
  std::map<std::string, std::int64_t> expected = {
      {"development", 503}, {"project-management", 147}, {"testing", 120},
      {"design", 94},       {"infrastructure", 82},      {"services", 37},
      {"materials", 17}};
  EXPECT_EQ(shares_of(report), expected);
  EXPECT_EQ(report.groups[0].amount, d("362300.00"));
  EXPECT_EQ(report.groups[0].item_count, 11u);
  EXPECT_EQ(report.groups[0].hours, d("2540"));
  EXPECT_EQ(report.groups[4].amount, d("59499.20"));
  EXPECT_EQ(report.groups[4].hours, d("280"));  // INF-02 is quantity x unit_cost: no hours
  EXPECT_EQ(report.groups[5].hours_items, 0u);
  EXPECT_EQ(report.total_hours, d("5020"));
  EXPECT_EQ(report.hours_decimals, 0);
  EXPECT_EQ(report.totals, &e.totals);
}

TEST(TotalsReport, PortalV3CategoryShares) {
  Estimate e = load_sample("software/portal-v3.yaml");
  TotalsReport report = build_totals_report(e, "category");
  std::map<std::string, std::int64_t> expected = {
      {"development", 495}, {"project-management", 149}, {"testing", 125},
      {"design", 87},       {"infrastructure", 83},      {"services", 44},
      {"materials", 17}};
  EXPECT_EQ(shares_of(report), expected);
  EXPECT_EQ(report.total_hours, d("5130"));
}

TEST(TotalsReport, DataPlatformCategorySharesAndHalfHours) {
  Estimate e = load_sample("consulting/data-platform.yaml");
  TotalsReport report = build_totals_report(e, "category");
  // Rounding each share on its own would give development 48.4% and a sum of 99.9%.
  std::map<std::string, std::int64_t> expected = {
      {"development", 485},   {"discovery", 121}, {"project-management", 117}, {"testing", 77},
      {"infrastructure", 67}, {"enablement", 59}, {"materials", 40},           {"services", 34}};
  EXPECT_EQ(shares_of(report), expected);
  EXPECT_EQ(report.groups[0].key, "development");
  EXPECT_EQ(report.groups[0].amount, d("205100.00"));
  EXPECT_EQ(report.total_hours, d("1952.5"));
  EXPECT_EQ(report.hours_decimals, 1);  // ENB-02 is 57.5 hours
  EXPECT_EQ(report.shown_total_hours, d("1952.5"));
  EXPECT_FALSE(report.accuracy.has_value());  // no class
}

TEST(TotalsReport, OfficeFitoutCategoryShares) {
  AppliesToFilter materials = [](const Estimate& estimate, const AdjustmentSyntax&, Diagnostics&) {
    std::vector<std::size_t> matched;
    for (std::size_t i = 0; i < estimate.items.size(); ++i) {
      const Value* v = estimate.items[i].syntax->attribute("cost_type");
      if (v && v->text == "material") matched.push_back(i);
    }
    return std::optional<std::vector<std::size_t>>(matched);
  };
  Estimate e = load_sample("construction/office-fitout.yaml", materials);
  TotalsReport report = build_totals_report(e, "category");
  // Rounding each share on its own would give furniture 28.9% and a sum of 99.9%.
  std::map<std::string, std::int64_t> expected = {
      {"furniture", 290}, {"partitions", 179},   {"electrical", 159}, {"finishes", 155},
      {"hvac", 110},      {"preliminaries", 55}, {"demolition", 52}};
  EXPECT_EQ(shares_of(report), expected);
  ASSERT_TRUE(report.accuracy.has_value());
  EXPECT_EQ(report.accuracy->estimate_class, 4);
  EXPECT_EQ(report.accuracy->low, d("704044"));
  EXPECT_EQ(report.accuracy->high, d("1508667"));
}

TEST(TotalsReport, ItemsWithoutTheFieldGoToNone) {
  Estimate e = load_sample("software/portal-v2.yaml");
  TotalsReport report = build_totals_report(e, "phase");
  const TotalsGroup* none = nullptr;
  std::int64_t shares = 0;
  std::size_t items = 0;
  for (const TotalsGroup& g : report.groups) {
    if (g.key == "(none)") none = &g;
    shares += g.share_tenths;
    items += g.item_count;
  }
  ASSERT_NE(none, nullptr);
  // LIC-01..03 carry no phase.
  EXPECT_EQ(none->item_count, 3u);
  EXPECT_EQ(none->amount, d("12299.70"));
  EXPECT_EQ(shares, 1000);
  EXPECT_EQ(items, 33u);
}

TEST(TotalsReport, GroupsByBuiltInFields) {
  Estimate e = load_sample("software/portal-v2.yaml");
  TotalsReport by_id = build_totals_report(e, "id");
  EXPECT_EQ(by_id.groups.size(), 33u);
  EXPECT_EQ(by_id.groups[0].key, "DEV-06");  // 420 hours x 165 = 69,300.00, the largest line
  EXPECT_EQ(by_id.groups[0].amount, d("69300.00"));
  TotalsReport by_rate = build_totals_report(e, "rate_name");
  std::map<std::string, std::size_t> counts;
  for (const TotalsGroup& g : by_rate.groups) counts[g.key] = g.item_count;
  EXPECT_EQ(counts["qa_engineer"], 7u);
  EXPECT_EQ(counts["(none)"], 6u);  // INF-02, LIC-01..03, SRV-01..02
  EXPECT_TRUE(is_known_group_field(e, "seniority"));
  EXPECT_TRUE(is_known_group_field(e, "rate_name"));
  EXPECT_FALSE(is_known_group_field(e, "catgory"));
}

TEST(TotalsReport, EqualAmountsAreOrderedByKey) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "T";
  s.currency = find_currency("USD");
  for (const char* key : {"beta", "alpha", "gamma"}) {
    ItemSyntax item;
    item.id = key;
    item.name = key;
    item.form = CostForm::amount;
    item.amount.kind = CostValue::Kind::number;
    item.amount.number = d("100");
    Value category;
    category.kind = Value::Kind::text;
    category.text = key;
    item.attributes.emplace_back("category", category);
    s.items.push_back(item);
  }
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  ASSERT_TRUE(e.has_value());
  TotalsReport report = build_totals_report(*e, "category");
  EXPECT_EQ(keys_of(report), (std::vector<std::string>{"alpha", "beta", "gamma"}));
  // three equal thirds: the tenth left over goes to the first in that order
  EXPECT_EQ(report.groups[0].share_tenths, 334);
  EXPECT_EQ(report.groups[1].share_tenths, 333);
}

TEST(TotalsReport, ShownHoursAddUpToTheShownTotal) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "T";
  s.currency = find_currency("USD");
  const char* hours[] = {"10.25", "10.25", "10.5"};
  const char* keys[] = {"a", "b", "c"};
  for (int i = 0; i < 3; ++i) {
    ItemSyntax item;
    item.id = keys[i];
    item.name = keys[i];
    item.form = CostForm::hours_rate;
    item.hours.kind = CostValue::Kind::number;
    item.hours.number = d(hours[i]);
    item.rate.kind = CostValue::Kind::number;
    item.rate.number = d("100");
    Value category;
    category.kind = Value::Kind::text;
    category.text = keys[i];
    item.attributes.emplace_back("category", category);
    s.items.push_back(item);
  }
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  ASSERT_TRUE(e.has_value());
  TotalsReport report = build_totals_report(*e, "category");
  EXPECT_EQ(report.hours_decimals, 1);
  EXPECT_EQ(report.shown_total_hours, d("31"));
  // Each rounded alone: 10.3 + 10.3 + 10.5 = 31.1. Largest remainder keeps 31.0.
  Decimal shown;
  for (const TotalsGroup& g : report.groups) shown = *add(shown, g.shown_hours);
  EXPECT_EQ(shown, d("31"));
  EXPECT_EQ(report.groups[0].key, "c");
  EXPECT_EQ(report.groups[0].shown_hours, d("10.5"));
}

// --- accuracy ranges ------------------------------------------------------------------

Estimate single_amount(const char* amount, std::optional<int> estimate_class) {
  EstimateSyntax s;
  s.source = std::make_shared<SourceText>("t.yaml", "");
  s.id = "T";
  s.currency = find_currency("USD");
  s.estimate_class = estimate_class;
  ItemSyntax item;
  item.id = "A";
  item.name = "A";
  item.form = CostForm::amount;
  item.amount.kind = CostValue::Kind::number;
  item.amount.number = d(amount);
  s.items.push_back(item);
  Diagnostics diags;
  auto e = compute_estimate(std::move(s), diags);
  EXPECT_TRUE(e.has_value());
  return e ? std::move(*e) : Estimate();
}

TEST(AccuracyRange, TheSpecExample) {
  auto range = accuracy_range(single_amount("79177.86", 3));
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low_percent, d("-0.2"));
  EXPECT_EQ(range->high_percent, d("0.3"));
  EXPECT_EQ(range->low, d("63342"));
  EXPECT_EQ(range->high, d("102931"));
}

TEST(AccuracyRange, PortalV2) {
  auto range = accuracy_range(load_sample("software/portal-v2.yaml"));
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low, d("691638"));
  EXPECT_EQ(range->high, d("1123912"));
}

TEST(AccuracyRange, OuterBoundsOfEveryClass) {
  const char* expected[][2] = {
      {"900", "1150"}, {"850", "1200"}, {"800", "1300"}, {"700", "1500"}, {"500", "2000"}};
  for (int cls = 1; cls <= 5; ++cls) {
    auto range = accuracy_range(single_amount("1000", cls));
    ASSERT_TRUE(range.has_value()) << cls;
    EXPECT_EQ(range->low, d(expected[cls - 1][0])) << cls;
    EXPECT_EQ(range->high, d(expected[cls - 1][1])) << cls;
  }
  EXPECT_FALSE(default_class_bounds(0).has_value());
  EXPECT_FALSE(default_class_bounds(6).has_value());
}

TEST(AccuracyRange, RoundsHalfAwayFromZeroToWholeUnits) {
  // 1000.63 x 0.8 = 800.504 -> 801; x 1.3 = 1300.819 -> 1301
  auto range = accuracy_range(single_amount("1000.63", 3));
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low, d("801"));
  EXPECT_EQ(range->high, d("1301"));
}

TEST(AccuracyRange, ARuleSetMayOverrideTheBounds) {
  Estimate e = single_amount("1000", 3);
  auto range = accuracy_range(e, AccuracyBounds{d("-0.15"), d("0.2")});
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low, d("850"));
  EXPECT_EQ(range->high, d("1200"));
  TotalsReport report = build_totals_report(e, "category", AccuracyBounds{d("-0.1"), d("0.1")});
  ASSERT_TRUE(report.accuracy.has_value());
  EXPECT_EQ(report.accuracy->low, d("900"));
}

TEST(AccuracyRange, ANegativeTotalKeepsLowBelowHigh) {
  // -100 x 0.5 = -50 and -100 x 2 = -200
  auto range = accuracy_range(single_amount("-100", 5));
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->low, d("-200"));
  EXPECT_EQ(range->high, d("-50"));
}

TEST(AccuracyRange, OverflowIsFlaggedNotHidden) {
  // 1e18 x (1 + 100%) is beyond Decimal's range of about 1.7e18.
  Estimate e = single_amount("1000000000000000000", 5);
  EXPECT_FALSE(accuracy_range(e).has_value());
  TotalsReport report = build_totals_report(e, "category");
  EXPECT_FALSE(report.accuracy.has_value());
  EXPECT_TRUE(report.accuracy_overflow);
  EXPECT_FALSE(build_totals_report(single_amount("1000", 5), "category").accuracy_overflow);
}

TEST(AccuracyRange, NoneWithoutAClass) {
  EXPECT_FALSE(accuracy_range(single_amount("1000", std::nullopt)).has_value());
}

}  // namespace
}  // namespace basis
