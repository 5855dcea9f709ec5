// The revision bridge (`basis diff`): the shipped pair portal-v2 -> portal-v3 worked out by
// hand, then one synthetic pair per rule (volume only, rate only, both, fixed amount,
// cost form change, quantity x unit cost, a rounding step other than 0.01, adjustments
// recomputed), currencies, the reconciliation check itself, and the renderings.

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "basis/engine/estimate.hpp"
#include "basis/engine/revision.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/render/revision.hpp"

namespace basis {
namespace {

Decimal d(const char* text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal());
}

std::optional<Estimate> compute(std::optional<EstimateSyntax> syntax, Diagnostics& diags) {
  if (!syntax) return std::nullopt;
  return compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
}

Estimate load_sample(const std::string& relative) {
  Diagnostics diags;
  auto estimate =
      compute(load_estimate(std::string(BASIS_SOURCE_DIR) + "/samples/" + relative, diags), diags);
  EXPECT_TRUE(estimate.has_value()) << format_diagnostics(diags);
  return estimate ? std::move(*estimate) : Estimate();
}

Estimate from_yaml(const std::string& yaml, const std::string& name = "t.yaml") {
  Diagnostics diags;
  auto estimate = compute(
      load_estimate_text(std::make_shared<const SourceText>(name, yaml), "yaml", diags), diags);
  EXPECT_TRUE(estimate.has_value()) << format_diagnostics(diags) << yaml;
  return estimate ? std::move(*estimate) : Estimate();
}

RevisionBridge bridge_of(const Estimate& before, const Estimate& after) {
  Diagnostics diags;
  auto bridge = build_revision_bridge(before, after, diags);
  EXPECT_TRUE(bridge.has_value()) << format_diagnostics(diags);
  EXPECT_FALSE(diags.has_errors()) << format_diagnostics(diags);
  return bridge ? std::move(*bridge) : RevisionBridge();
}

const ItemRevision* find(const std::vector<ItemRevision>& items, const std::string& id) {
  for (const ItemRevision& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

const AdjustmentRevision* find_adjustment(const RevisionBridge& bridge, const std::string& id) {
  for (const AdjustmentRevision& a : bridge.adjustment_changes) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

// The bridge identity, written out again here rather than trusted from the model:
// old total + added - removed + volume + price + adjustment changes = new total.
void expect_bridge_identity(const RevisionBridge& b) {
  Decimal sum = b.before.total;
  for (const ItemRevision& item : b.added_items) sum = *add(sum, item.after->amount);
  for (const ItemRevision& item : b.removed_items) sum = *sub(sum, item.before->amount);
  for (const ItemRevision& item : b.changed_items) {
    EXPECT_EQ(*add(item.volume_effect, item.price_effect), item.delta) << item.id;
    sum = *add(sum, item.volume_effect);
    sum = *add(sum, item.price_effect);
  }
  for (const AdjustmentRevision& a : b.adjustment_changes) sum = *add(sum, a.delta);
  EXPECT_EQ(sum, b.after.total);
  EXPECT_EQ(*sub(b.after.total, b.before.total), b.delta);
  EXPECT_TRUE(revision_bridge_reconciles(b));
}

// ---- the shipped pair ------------------------------------------------------------------
//
// portal-v2 -> portal-v3, by hand (rates: engineer 125, qa_engineer 98 -> 102.50,
// ux_designer 130, project_manager 140):
//
//   added    DEV-11  180 h x 125                        =  22,500.00
//            SRV-03  fixed amount                       =   6,250.00   sum 28,750.00
//   removed  DEV-12  160 h x 125                        =  20,000.00
//   changed                          old        new      volume     price
//   DEV-03   300 -> 340 h x 125      37,500.00  42,500.00  +5,000.00   0
//   QA-01    60 h, 98 -> 102.50       5,880.00   6,150.00   0          +270.00 (60 x 4.50)
//   QA-02    PERT (280+4x340+440)/6 = 340 -> (300+4x360+480)/6 = 370 h, 98 -> 102.50
//                                    33,320.00  37,925.00  +2,940.00   +1,665.00
//            volume 30 x 98 = 2,940; price = 4,605 - 2,940 = 1,665 (= 370 x 4.50)
//   QA-03    100 h                    9,800.00  10,250.00   0          +450.00
//   QA-04    160 h                   15,680.00  16,400.00   0          +720.00
//   QA-05    60 h                     5,880.00   6,150.00   0          +270.00
//   QA-06    80 h                     7,840.00   8,200.00   0          +360.00
//   QA-07    80 h                     7,840.00   8,200.00   0          +360.00
//   UX-01    120 -> 100 h x 130      15,600.00  13,000.00  -2,600.00   0
//   PM-01    480 -> 520 h x 140      67,200.00  72,800.00  +5,600.00   0
//   INF-02   8 -> 9 month x 2,187.40 17,499.20  19,686.60  +2,187.40   0
//   LIC-01   8 -> 9 month x 450       3,600.00   4,050.00    +450.00   0
//   volume = 5,000 + 2,940 - 2,600 + 5,600 + 2,187.40 + 450 = 13,577.40
//   price  = 270 + 1,665 + 450 + 720 + 270 + 360 + 360     =  4,095.00
//   direct: 720,938.90 + 28,750 - 20,000 + 13,577.40 + 4,095 = 747,361.30
//
//   adjustments                old         new        change
//   overhead 8% of direct      57,675.11   59,788.90  +2,113.79
//       base effect 26,422.40 x 8% = 2,113.792 -> 2,113.79; percentage effect 0
//   contingency 12% -> 10% of subtotal 778,614.01 -> 807,150.20
//                              93,433.68   80,715.02  -12,718.66
//       base effect 28,536.19 x 12% = 3,424.3428 -> 3,424.34;
//       percentage effect -12,718.66 - 3,424.34 = -16,143.00 (= 807,150.20 x -2%, 0.004 rounding)
//   discount fixed             -7,500.00   -7,500.00       0
//   adjustments = 2,113.79 - 12,718.66 = -10,604.87
//
//   864,547.69 + 28,750 - 20,000 + 13,577.40 + 4,095 - 10,604.87 = 880,365.22 (+15,817.53)

class PortalBridge : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    before_ = new Estimate(load_sample("software/portal-v2.yaml"));
    after_ = new Estimate(load_sample("software/portal-v3.yaml"));
    bridge_ = new RevisionBridge(bridge_of(*before_, *after_));
  }
  static void TearDownTestSuite() {
    delete bridge_;
    delete after_;
    delete before_;
  }
  static Estimate* before_;
  static Estimate* after_;
  static RevisionBridge* bridge_;
};
Estimate* PortalBridge::before_ = nullptr;
Estimate* PortalBridge::after_ = nullptr;
RevisionBridge* PortalBridge::bridge_ = nullptr;

TEST_F(PortalBridge, TotalsAndDelta) {
  const RevisionBridge& b = *bridge_;
  EXPECT_EQ(b.before.total, d("864547.69"));
  EXPECT_EQ(b.after.total, d("880365.22"));
  EXPECT_EQ(b.delta, d("15817.53"));
  EXPECT_EQ(b.before.label, "revision 2");
  EXPECT_EQ(b.after.label, "revision 3");
  ASSERT_TRUE(b.delta_fraction.has_value());
  EXPECT_EQ(signed_percent_one_place(*b.delta_fraction), "+1.8%");
}

TEST_F(PortalBridge, AddedAndRemoved) {
  const RevisionBridge& b = *bridge_;
  ASSERT_EQ(b.added_items.size(), 2u);
  EXPECT_EQ(b.added_items[0].id, "DEV-11");
  EXPECT_EQ(b.added_items[0].after->amount, d("22500"));
  EXPECT_EQ(b.added_items[0].reason,
            "Added at the 29 October review; parents and carers manage appointments for 30% of "
            "patients.");
  EXPECT_EQ(b.added_items[1].id, "SRV-03");
  EXPECT_EQ(b.added_items[1].after->amount, d("6250"));
  ASSERT_EQ(b.removed_items.size(), 1u);
  EXPECT_EQ(b.removed_items[0].id, "DEV-12");
  EXPECT_EQ(b.removed_items[0].delta, d("-20000"));
  EXPECT_FALSE(b.removed_items[0].form_changed);
  EXPECT_EQ(b.added, d("28750"));
  EXPECT_EQ(b.removed, d("20000"));
}

TEST_F(PortalBridge, EachChangedItemsVolumeAndPrice) {
  struct Expected {
    const char *id, *old_amount, *new_amount, *volume, *price;
  };
  const Expected expected[] = {
      {"DEV-03", "37500", "42500", "5000", "0"},
      {"QA-01", "5880", "6150", "0", "270"},
      {"QA-02", "33320", "37925", "2940", "1665"},
      {"QA-03", "9800", "10250", "0", "450"},
      {"QA-04", "15680", "16400", "0", "720"},
      {"QA-05", "5880", "6150", "0", "270"},
      {"QA-06", "7840", "8200", "0", "360"},
      {"QA-07", "7840", "8200", "0", "360"},
      {"UX-01", "15600", "13000", "-2600", "0"},
      {"PM-01", "67200", "72800", "5600", "0"},
      {"INF-02", "17499.20", "19686.60", "2187.40", "0"},
      {"LIC-01", "3600", "4050", "450", "0"},
  };
  const RevisionBridge& b = *bridge_;
  ASSERT_EQ(b.changed_items.size(), std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    const ItemRevision& item = b.changed_items[i];
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(item.id, expected[i].id);  // in NEW's order
    EXPECT_EQ(item.before->amount, d(expected[i].old_amount));
    EXPECT_EQ(item.after->amount, d(expected[i].new_amount));
    EXPECT_EQ(item.volume_effect, d(expected[i].volume));
    EXPECT_EQ(item.price_effect, d(expected[i].price));
  }
  EXPECT_EQ(b.unchanged_items, 20u);  // 34 items in v3: 2 added, 12 changed
  EXPECT_EQ(b.volume, d("13577.40"));
  EXPECT_EQ(b.price, d("4095"));
  EXPECT_EQ(find(b.changed_items, "DEV-03")->reason,
            "Image and PDF attachments were added to scope at the 29 October review.");
  EXPECT_EQ(find(b.changed_items, "QA-01")->reason, "");
}

TEST_F(PortalBridge, Adjustments) {
  const RevisionBridge& b = *bridge_;
  ASSERT_EQ(b.adjustment_changes.size(), 3u);
  const AdjustmentRevision* overhead = find_adjustment(b, "overhead");
  ASSERT_NE(overhead, nullptr);
  EXPECT_EQ(overhead->before->amount, d("57675.11"));
  EXPECT_EQ(overhead->after->amount, d("59788.90"));
  EXPECT_EQ(overhead->delta, d("2113.79"));
  EXPECT_EQ(*overhead->base_effect, d("2113.79"));
  EXPECT_EQ(*overhead->percent_effect, d("0"));
  const AdjustmentRevision* contingency = find_adjustment(b, "contingency");
  ASSERT_NE(contingency, nullptr);
  EXPECT_EQ(contingency->before->base, d("778614.01"));
  EXPECT_EQ(contingency->after->base, d("807150.20"));
  EXPECT_EQ(contingency->delta, d("-12718.66"));
  EXPECT_EQ(*contingency->base_effect, d("3424.34"));
  EXPECT_EQ(*contingency->percent_effect, d("-16143.00"));
  EXPECT_EQ(describe_adjustment_revision(b, *contingency),
            "12% -> 10% of subtotal $778,614.01 -> $807,150.20");
  const AdjustmentRevision* discount = find_adjustment(b, "discount");
  ASSERT_NE(discount, nullptr);
  EXPECT_EQ(discount->change, RevisionChange::unchanged);
  EXPECT_EQ(discount->delta, d("0"));
  EXPECT_FALSE(discount->base_effect.has_value());
  EXPECT_EQ(b.adjustments, d("-10604.87"));
}

TEST_F(PortalBridge, StepsLeadFromOldTotalToNewTotal) {
  const RevisionBridge& b = *bridge_;
  // Item steps always; adjustments only when they changed (the discount did not).
  ASSERT_EQ(b.steps.size(), 6u);
  const char* keys[] = {"added", "removed", "volume", "price", "overhead", "contingency"};
  const char* amounts[] = {"28750", "-20000", "13577.40", "4095", "2113.79", "-12718.66"};
  const char* running[] = {"893297.69", "873297.69", "886875.09",
                           "890970.09", "893083.88", "880365.22"};
  const std::size_t counts[] = {2, 1, 6, 7, 1, 1};
  EXPECT_EQ(b.steps[2].items,
            (std::vector<std::string>{"DEV-03", "QA-02", "UX-01", "PM-01", "INF-02", "LIC-01"}));
  EXPECT_EQ(b.steps[3].items, (std::vector<std::string>{"QA-01", "QA-02", "QA-03", "QA-04", "QA-05",
                                                        "QA-06", "QA-07"}));
  EXPECT_EQ(b.steps[1].items, (std::vector<std::string>{"DEV-12"}));
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(b.steps[i].key, keys[i]);
    EXPECT_EQ(b.steps[i].amount, d(amounts[i])) << keys[i];
    EXPECT_EQ(b.steps[i].running, d(running[i])) << keys[i];
    EXPECT_EQ(b.steps[i].count, counts[i]) << keys[i];
  }
  expect_bridge_identity(b);
}

TEST_F(PortalBridge, RateCardChanges) {
  const RevisionBridge& b = *bridge_;
  ASSERT_EQ(b.rates.size(), 1u);
  EXPECT_EQ(b.rates[0].name, "qa_engineer");
  EXPECT_EQ(*b.rates[0].before, d("98"));
  EXPECT_EQ(*b.rates[0].after, d("102.50"));
  EXPECT_EQ(b.rates[0].items, (std::vector<std::string>{"QA-01", "QA-02", "QA-03", "QA-04", "QA-05",
                                                        "QA-06", "QA-07"}));
}

TEST_F(PortalBridge, Wording) {
  const RevisionBridge& b = *bridge_;
  EXPECT_EQ(describe_revision(b),
            "The total rose by $15,817.53 (+1.8%) from $864,547.69 in revision 2 to $880,365.22 "
            "in revision 3: items added +$28,750.00 (DEV-11, SRV-03), items removed -$20,000.00 "
            "(DEV-12), changes in hours and quantities +$13,577.40, changes in rates and prices "
            "+$4,095.00, Delivery overhead (tooling, quality management, security training) "
            "+$2,113.79, Contingency for the risks in the register and the three-point ranges "
            "-$12,718.66.");
  EXPECT_EQ(describe_item_revision(b, *find(b.changed_items, "DEV-03")),
            "hours 300 -> 340 at $125.00 (engineer)");
  EXPECT_EQ(describe_item_revision(b, *find(b.changed_items, "QA-01")),
            "60 hours; rate $98.00 -> $102.50 (qa_engineer)");
  EXPECT_EQ(describe_item_revision(b, *find(b.changed_items, "QA-02"), "→"),
            "hours 340 → 370 (three-point expected value); rate $98.00 → $102.50 (qa_engineer)");
  EXPECT_EQ(describe_item_revision(b, *find(b.changed_items, "INF-02")),
            "quantity 8 -> 9 month at $2,187.40");
  EXPECT_EQ(describe_item_revision(b, b.added_items[1]), "fixed amount $6,250.00");
}

TEST_F(PortalBridge, SameRevisionTwiceHasNothingToBridge) {
  const RevisionBridge b = bridge_of(*after_, *after_);
  EXPECT_EQ(b.delta, d("0"));
  EXPECT_TRUE(b.added_items.empty());
  EXPECT_TRUE(b.removed_items.empty());
  EXPECT_TRUE(b.changed_items.empty());
  EXPECT_TRUE(b.rates.empty());
  EXPECT_EQ(b.unchanged_items, 34u);
  EXPECT_EQ(b.steps.size(), 4u);  // the four item steps, all zero
  EXPECT_EQ(describe_revision(b),
            "The total did not change from revision 3 to revision 3 ($880,365.22).");
  expect_bridge_identity(b);
}

TEST_F(PortalBridge, BackwardsIsTheMirrorImage) {
  const RevisionBridge b = bridge_of(*after_, *before_);
  EXPECT_EQ(b.delta, d("-15817.53"));
  EXPECT_EQ(b.added, d("20000"));
  EXPECT_EQ(b.removed, d("28750"));
  // Volume at the old price is now priced at v3's rate: QA-02 30 fewer hours x 102.50.
  EXPECT_EQ(find(b.changed_items, "QA-02")->volume_effect, d("-3075"));
  EXPECT_EQ(find(b.changed_items, "QA-02")->price_effect, d("-1530"));  // 340 x -4.50
  expect_bridge_identity(b);
}

// ---- one rule at a time ------------------------------------------------------------------

std::string estimate_yaml(const std::string& items, const std::string& extra = "") {
  return "id: T\nversion: 1\ncurrency: USD\n" + extra + "rates:\n  dev: 100\n  senior: 150\n" +
         "items:\n" + items;
}

TEST(RevisionRules, VolumeOnly) {
  // 10 -> 12 hours at 100: volume 2 x 100 = 200, price 0.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: dev}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, hours: 12, rate: dev}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].volume_effect, d("200"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("0"));
  EXPECT_EQ(b.delta, d("200"));
  expect_bridge_identity(b);
}

TEST(RevisionRules, RateOnly) {
  // 10 hours, rate 100 -> 110 (a number now, not the rate card): price 10 x 10 = 100.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: dev}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: 110}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].volume_effect, d("0"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("100"));
  EXPECT_EQ(describe_item_revision(b, b.changed_items[0]),
            "10 hours; rate $100.00 (dev) -> $110.00");
  expect_bridge_identity(b);
}

TEST(RevisionRules, AnotherRateCardEntry) {
  // dev (100) -> senior (150) for 8 hours: price 8 x 50 = 400.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 8, rate: dev}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, hours: 8, rate: senior}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].price_effect, d("400"));
  EXPECT_EQ(describe_item_revision(b, b.changed_items[0]),
            "8 hours; rate $100.00 (dev) -> $150.00 (senior)");
}

TEST(RevisionRules, VolumeAndRate) {
  // 10 h x 100 = 1,000 -> 12 h x 110 = 1,320: volume 2 x 100 = 200 at the old rate,
  // price 12 x 10 = 120 at the new hours; 200 + 120 = 320.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: 100}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, hours: 12, rate: 110}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].delta, d("320"));
  EXPECT_EQ(b.changed_items[0].volume_effect, d("200"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("120"));
  EXPECT_EQ(b.volume, d("200"));
  EXPECT_EQ(b.price, d("120"));
  expect_bridge_identity(b);
}

TEST(RevisionRules, FixedAmountChangeIsAPriceEffect) {
  // amount 1,000 -> 1,250.55: all 250.55 is price.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: F, name: fee, amount: 1000}\n")),
                from_yaml(estimate_yaml("  - {id: F, name: fee, amount: 1250.55}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].volume_effect, d("0"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("250.55"));
  EXPECT_EQ(describe_item_revision(b, b.changed_items[0]), "fixed amount $1,000.00 -> $1,250.55");
  expect_bridge_identity(b);
}

TEST(RevisionRules, CostFormChangeIsRemovedAndAdded) {
  // A: 10 h x 100 = 1,000 -> a quote of 900: removed 1,000, added 900, no volume or price.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: dev}\n"
                                        "  - {id: B, name: b, amount: 50}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, amount: 900, change_reason: quoted}\n"
                                        "  - {id: B, name: b, amount: 50}\n")));
  ASSERT_EQ(b.added_items.size(), 1u);
  ASSERT_EQ(b.removed_items.size(), 1u);
  EXPECT_TRUE(b.changed_items.empty());
  EXPECT_EQ(b.unchanged_items, 1u);
  EXPECT_TRUE(b.added_items[0].form_changed);
  EXPECT_TRUE(b.removed_items[0].form_changed);
  EXPECT_EQ(b.added_items[0].reason, "quoted");
  EXPECT_EQ(b.added, d("900"));
  EXPECT_EQ(b.removed, d("1000"));
  EXPECT_EQ(b.volume, d("0"));
  EXPECT_EQ(b.price, d("0"));
  EXPECT_EQ(b.delta, d("-100"));
  EXPECT_EQ(describe_item_revision(b, b.removed_items[0]),
            "10 hours at $100.00 (dev) (cost form changed from hours x rate to a fixed amount)");
  expect_bridge_identity(b);
}

TEST(RevisionRules, QuantityTimesUnitCost) {
  // 8 x 2,187.40 = 17,499.20 -> 9 x 2,250.10 = 20,250.90 (delta 2,751.70):
  // volume 1 x 2,187.40 = 2,187.40; price 9 x 62.70 = 564.30.
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml(
                    "  - {id: H, name: hosting, quantity: 8, unit: month, unit_cost: 2187.40}\n")),
                from_yaml(estimate_yaml(
                    "  - {id: H, name: hosting, quantity: 9, unit: month, unit_cost: 2250.10}\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].delta, d("2751.70"));
  EXPECT_EQ(b.changed_items[0].volume_effect, d("2187.40"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("564.30"));
  EXPECT_EQ(describe_item_revision(b, b.changed_items[0]),
            "quantity 8 -> 9 month; unit cost $2,187.40 -> $2,250.10");
  expect_bridge_identity(b);
}

TEST(RevisionRules, RoundingStepOfAHundredGoesToPrice) {
  // rounding: 100. 33 h x 61.50 = 2,029.50 -> 2,000; 37 h x 61.50 = 2,275.50 -> 2,300
  // (delta 300). Volume 4 x 61.50 = 246 -> 200 (to the step); price = 300 - 200 = 100,
  // all of it rounding, since the rate did not change.
  const RevisionBridge b = bridge_of(
      from_yaml(estimate_yaml("  - {id: A, name: a, hours: 33, rate: 61.50}\n", "rounding: 100\n")),
      from_yaml(
          estimate_yaml("  - {id: A, name: a, hours: 37, rate: 61.50}\n", "rounding: 100\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].before->amount, d("2000"));
  EXPECT_EQ(b.changed_items[0].after->amount, d("2300"));
  EXPECT_EQ(b.changed_items[0].volume_effect, d("200"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("100"));
  EXPECT_EQ(b.money_decimals, 0);
  EXPECT_EQ(b.signed_money(b.changed_items[0].volume_effect), "+$200");
  // A rate keeps its cents even when amounts are whole.
  EXPECT_EQ(describe_item_revision(b, b.changed_items[0]), "hours 33 -> 37 at $61.50");
  expect_bridge_identity(b);
}

TEST(RevisionRules, RoundingStepOfOneWithThreePointHours) {
  // rounding: 1. PERT (10 + 4x12 + 17)/6 = 12.5 h x 45 = 562.5 -> 563;
  // (10 + 4x13 + 17)/6 = 13.1666... h x 47 = 618.83 -> 619 (delta 56).
  // Volume (13.1666... - 12.5) x 45 = 30 -> 30; price = 56 - 30 = 26
  // (13.1666... x 2 = 26.33, the rest is rounding).
  const RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml(
                    "  - {id: A, name: a, hours: {low: 10, likely: 12, high: 17}, rate: 45}\n",
                    "rounding: 1\n")),
                from_yaml(estimate_yaml(
                    "  - {id: A, name: a, hours: {low: 10, likely: 13, high: 17}, rate: 47}\n",
                    "rounding: 1\n")));
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].before->amount, d("563"));
  EXPECT_EQ(b.changed_items[0].after->amount, d("619"));
  EXPECT_EQ(b.changed_items[0].volume_effect, d("30"));
  EXPECT_EQ(b.changed_items[0].price_effect, d("26"));
  expect_bridge_identity(b);
}

TEST(RevisionRules, AdjustmentsRecomputed) {
  // old: A 10 h x 100 = 1,000, B 500: direct 1,500.
  //   overhead 10% of direct = 150; fee fixed 200; contingency 5% of subtotal
  //   (1,500 + 150 + 200 = 1,850) = 92.50; discount -100. Total 1,842.50.
  // new: A 12 h x 100 = 1,200, B 500: direct 1,700.
  //   overhead 10% = 170; contingency 6% of subtotal 1,870 = 112.20; discount -150;
  //   tax 8% of subtotal (1,870 + 112.20 - 150 = 1,832.20) = 146.576 -> 146.58.
  //   Total 1,700 + 170 + 112.20 - 150 + 146.58 = 1,978.78 (delta 136.28).
  // overhead +20 (base 200 x 10% = 20, percentage 0); contingency +19.70 (base
  // 20 x 5% = 1.00, percentage 18.70 = 1,870 x 1%); discount -50; fee removed -200;
  // tax added +146.58. 200 + 20 + 19.70 - 50 - 200 + 146.58 = 136.28.
  const std::string items_old =
      "  - {id: A, name: a, hours: 10, rate: dev}\n  - {id: B, name: b, amount: 500}\n";
  const std::string items_new =
      "  - {id: A, name: a, hours: 12, rate: dev}\n  - {id: B, name: b, amount: 500}\n";
  const std::string before =
      estimate_yaml(items_old) +
      "adjustments:\n"
      "  - {id: overhead, kind: overhead, percent: 10%}\n"
      "  - {id: fee, kind: fee, amount: 200}\n"
      "  - {id: contingency, kind: contingency, percent: 5%, base: subtotal}\n"
      "  - {id: discount, kind: discount, amount: -100}\n";
  const std::string after =
      estimate_yaml(items_new) +
      "adjustments:\n"
      "  - {id: overhead, kind: overhead, percent: 10%}\n"
      "  - {id: contingency, kind: contingency, percent: 6%, base: subtotal}\n"
      "  - {id: discount, kind: discount, amount: -150}\n"
      "  - {id: tax, kind: tax, percent: 8%, base: subtotal}\n";
  const RevisionBridge b = bridge_of(from_yaml(before), from_yaml(after));
  EXPECT_EQ(b.before.total, d("1842.50"));
  EXPECT_EQ(b.after.total, d("1978.78"));
  EXPECT_EQ(b.delta, d("136.28"));
  EXPECT_EQ(b.volume, d("200"));
  ASSERT_EQ(b.adjustment_changes.size(), 5u);
  // NEW's order, then the adjustments only OLD had.
  EXPECT_EQ(b.adjustment_changes[0].id, "overhead");
  EXPECT_EQ(b.adjustment_changes[0].delta, d("20"));
  EXPECT_EQ(*b.adjustment_changes[0].base_effect, d("20"));
  EXPECT_EQ(*b.adjustment_changes[0].percent_effect, d("0"));
  EXPECT_EQ(b.adjustment_changes[1].id, "contingency");
  EXPECT_EQ(b.adjustment_changes[1].before->amount, d("92.50"));
  EXPECT_EQ(b.adjustment_changes[1].after->amount, d("112.20"));
  EXPECT_EQ(b.adjustment_changes[1].delta, d("19.70"));
  EXPECT_EQ(*b.adjustment_changes[1].base_effect, d("1"));
  EXPECT_EQ(*b.adjustment_changes[1].percent_effect, d("18.70"));
  EXPECT_EQ(b.adjustment_changes[2].id, "discount");
  EXPECT_EQ(b.adjustment_changes[2].delta, d("-50"));
  EXPECT_FALSE(b.adjustment_changes[2].base_effect.has_value());
  EXPECT_EQ(b.adjustment_changes[3].id, "tax");
  EXPECT_EQ(b.adjustment_changes[3].change, RevisionChange::added);
  EXPECT_EQ(b.adjustment_changes[3].delta, d("146.58"));
  EXPECT_EQ(b.adjustment_changes[4].id, "fee");
  EXPECT_EQ(b.adjustment_changes[4].change, RevisionChange::removed);
  EXPECT_EQ(b.adjustment_changes[4].delta, d("-200"));
  EXPECT_EQ(b.adjustments, d("-63.72"));
  EXPECT_EQ(describe_adjustment_revision(b, b.adjustment_changes[3]),
            "added: 8% of subtotal $1,832.20");
  // Steps: 4 item steps, then every adjustment that moved.
  ASSERT_EQ(b.steps.size(), 9u);
  EXPECT_EQ(b.steps[8].key, "fee");
  EXPECT_EQ(b.steps[8].running, d("1978.78"));
  expect_bridge_identity(b);
}

TEST(RevisionRules, AppliesToAdjustmentFollowsItsItems) {
  // escalation 5% of materials: 8 x 450 = 3,600 -> 180; 9 x 450 = 4,050 -> 202.50.
  const std::string adjustments =
      "adjustments:\n"
      "  - {id: escalation, kind: escalation, percent: 5%, applies_to: 'category == \"m\"'}\n";
  const RevisionBridge b = bridge_of(
      from_yaml(estimate_yaml("  - {id: L, name: l, category: m, quantity: 8, unit_cost: 450}\n"
                              "  - {id: A, name: a, hours: 1, rate: dev}\n") +
                adjustments),
      from_yaml(estimate_yaml("  - {id: L, name: l, category: m, quantity: 9, unit_cost: 450}\n"
                              "  - {id: A, name: a, hours: 2, rate: dev}\n") +
                adjustments));
  ASSERT_EQ(b.adjustment_changes.size(), 1u);
  EXPECT_EQ(b.adjustment_changes[0].delta, d("22.50"));
  EXPECT_EQ(*b.adjustment_changes[0].base_effect, d("22.50"));
  EXPECT_EQ(b.volume, d("550"));  // 450 + 100
  expect_bridge_identity(b);
}

TEST(RevisionRules, UnchangedFiguresAreNotListed) {
  // Only `source` and `change_reason` differ: no money moved, nothing to bridge.
  const RevisionBridge b = bridge_of(
      from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: dev, source: v1}\n")),
      from_yaml(estimate_yaml(
          "  - {id: A, name: a, hours: 10, rate: dev, source: v2, change_reason: stale}\n")));
  EXPECT_TRUE(b.changed_items.empty());
  EXPECT_EQ(b.unchanged_items, 1u);
}

TEST(RevisionRules, DifferentCurrenciesAreRefused) {
  const Estimate usd = from_yaml(estimate_yaml("  - {id: A, name: a, amount: 10}\n"), "old.yaml");
  std::string eur_yaml = estimate_yaml("  - {id: A, name: a, amount: 10}\n");
  eur_yaml.replace(eur_yaml.find("USD"), 3, "EUR");
  const Estimate eur = from_yaml(eur_yaml, "new.yaml");
  Diagnostics diags;
  EXPECT_FALSE(build_revision_bridge(usd, eur, diags).has_value());
  ASSERT_TRUE(diags.has_errors());
  const std::string text = format_diagnostics(diags);
  EXPECT_NE(text.find("new.yaml: error: the new revision is in EUR but the old one is in USD"),
            std::string::npos)
      << text;
}

TEST(RevisionRules, DifferentEstimatesAreAWarning) {
  std::string other = estimate_yaml("  - {id: A, name: a, amount: 10}\n");
  other.replace(other.find("id: T"), 5, "id: U");
  Diagnostics diags;
  auto b = build_revision_bridge(from_yaml(estimate_yaml("  - {id: A, name: a, amount: 10}\n")),
                                 from_yaml(other), diags);
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::warning);
}

TEST(RevisionRules, RepeatedIdsBuiltInCodeArePairedOnce) {
  // Loading rejects a repeated id, but an estimate edited in code may have one: each old
  // line is then paired once, in order (A 10 = A 10; A 20 -> A 25 changed by 5).
  Estimate before =
      from_yaml(estimate_yaml("  - {id: A, name: a, amount: 10}\n"
                              "  - {id: B, name: b, amount: 20}\n"));
  Estimate after =
      from_yaml(estimate_yaml("  - {id: A, name: a, amount: 10}\n"
                              "  - {id: B, name: b, amount: 25}\n"));
  before.syntax.items[1].id = "A";
  after.syntax.items[1].id = "A";
  const RevisionBridge b = bridge_of(before, after);
  EXPECT_EQ(b.unchanged_items, 1u);
  ASSERT_EQ(b.changed_items.size(), 1u);
  EXPECT_EQ(b.changed_items[0].price_effect, d("5"));
  EXPECT_TRUE(b.added_items.empty());
  EXPECT_TRUE(b.removed_items.empty());
  expect_bridge_identity(b);
}

TEST(RevisionRules, TheReconciliationCheckCatchesATamperedBridge) {
  RevisionBridge b =
      bridge_of(from_yaml(estimate_yaml("  - {id: A, name: a, hours: 10, rate: 100}\n")),
                from_yaml(estimate_yaml("  - {id: A, name: a, hours: 12, rate: 110}\n")));
  ASSERT_TRUE(revision_bridge_reconciles(b));
  RevisionBridge moved = b;  // a cent moved from price to volume: the item no longer adds up
  moved.changed_items[0].volume_effect = d("200.01");
  EXPECT_FALSE(revision_bridge_reconciles(moved));
  RevisionBridge lost = b;  // an item dropped from the bridge
  lost.changed_items.clear();
  lost.volume = lost.price = Decimal();
  EXPECT_FALSE(revision_bridge_reconciles(lost));
  RevisionBridge step = b;  // a step whose running total is off by a cent
  step.steps.back().running = *add(step.steps.back().running, d("0.01"));
  EXPECT_FALSE(revision_bridge_reconciles(step));
}

// ---- renderings --------------------------------------------------------------------------

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST_F(PortalBridge, TextRendering) {
  const std::string text = render_revision_text(*bridge_);
  EXPECT_TRUE(has_line(text, "Revision 2 (2026-09-15) -> revision 3 (2026-11-20)")) << text;
  EXPECT_TRUE(has_line(text,
                       "Total, revision 2                                                 "
                       "   $864,547.69"))
      << text;
  EXPECT_TRUE(has_line(text,
                       "Changes in hours and quantities (6 items)                         "
                       "   +$13,577.40"))
      << text;
  EXPECT_TRUE(has_line(text,
                       "Change (+1.8%)                                                    "
                       "   +$15,817.53"))
      << text;
  EXPECT_TRUE(has_line(text,
                       "QA-02                           $33,320.00   $37,925.00   "
                       "+$2,940.00  +$1,665.00"))
      << text;
  EXPECT_TRUE(has_line(text, "  Why: Test cases for attachments and caregiver proxy access."));
  EXPECT_TRUE(has_line(text,
                       "Total                          $227,639.20  $245,311.60  "
                       "+$13,577.40  +$4,095.00"))
      << text;
  EXPECT_TRUE(has_line(text, "  from the base +$3,424.34, from the percentage -$16,143.00"));
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 80u) << line;
}

TEST_F(PortalBridge, MarkdownRendering) {
  const std::string md = render_revision_markdown(*bridge_);
  EXPECT_TRUE(has_line(md, "## Bridge from revision 2 to revision 3")) << md;
  EXPECT_TRUE(has_line(md, "| Items removed (1) | -$20,000.00 |")) << md;
  EXPECT_TRUE(has_line(md, "| **Total, revision 3** | **$880,365.22** |")) << md;
  EXPECT_TRUE(has_line(md, "| Change | +$15,817.53 (+1.8%) |")) << md;
  EXPECT_TRUE(has_line(md,
                       "| UX-01 | Research with patients and front-desk staff | hours 120 → 100 at "
                       "$130.00 (ux\\_designer) | $15,600.00 | $13,000.00 | -$2,600.00 | $0.00 | "
                       "Reusing Cedar Valley's 2025 patient survey saved one round of "
                       "interviews. |"))
      << md;
}

TEST_F(PortalBridge, JsonRendering) {
  const auto json = nlohmann::json::parse(render_revision_json(*bridge_));
  EXPECT_EQ(json["currency"], "USD");
  EXPECT_EQ(json["old"]["total"], "864547.69");
  EXPECT_EQ(json["new"]["total"], "880365.22");
  EXPECT_EQ(json["delta"], "15817.53");
  EXPECT_EQ(json["delta_formatted"], "+$15,817.53");
  EXPECT_EQ(json["delta_percent"], "+1.8%");
  EXPECT_EQ(json["reconciled"], true);
  // The steps, summed from the JSON's own exact strings, give the new total.
  Decimal running = d(json["old"]["total"].get<std::string>().c_str());
  for (const auto& step : json["bridge"]) {
    running = *add(running, d(step["amount"].get<std::string>().c_str()));
    EXPECT_EQ(running, d(step["running"].get<std::string>().c_str())) << step["key"];
  }
  EXPECT_EQ(running, d("880365.22"));
  const auto& qa02 = json["changed_items"][2];
  EXPECT_EQ(qa02["id"], "QA-02");
  EXPECT_EQ(qa02["before"]["hours"], "340");
  EXPECT_EQ(qa02["after"]["rate"], "102.5");
  EXPECT_EQ(qa02["volume_effect"], "2940.00");
  EXPECT_EQ(qa02["price_effect"], "1665.00");
  EXPECT_EQ(json["removed_items"][0]["change_reason"], nullptr);
  EXPECT_EQ(json["adjustment_changes"][1]["percent_effect"], "-16143.00");
  EXPECT_EQ(render_revision_json(*bridge_), render_revision_json(*bridge_));
}

TEST(RevisionFormats, Names) {
  EXPECT_EQ(parse_revision_format("text"), RevisionFormat::text);
  EXPECT_EQ(parse_revision_format("md"), RevisionFormat::markdown);
  EXPECT_EQ(parse_revision_format("markdown"), RevisionFormat::markdown);
  EXPECT_EQ(parse_revision_format("json"), RevisionFormat::json);
  EXPECT_FALSE(parse_revision_format("html").has_value());
}

}  // namespace
}  // namespace basis
