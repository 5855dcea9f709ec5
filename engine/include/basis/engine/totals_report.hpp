#pragma once
// The reconciled cost build-up that `basis totals` shows: items grouped by a field, with
// hours, amounts and shares that add up to exactly 100.0%, the direct cost, each
// adjustment, the total and the class accuracy range.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/engine/estimate.hpp"

namespace basis {

struct TotalsGroup {
  std::string key;  // the field's value as text; "(none)" for items without the field
  std::size_t item_count = 0;
  Decimal hours;
  std::size_t hours_items = 0;  // items of the hours x rate form: 0 means "no hours to show"
  Decimal amount;
  // Share of the direct cost in tenths of a percent after largest-remainder rounding,
  // so the shown shares of all groups add up to exactly 1000 (100.0%).
  std::int64_t share_tenths = 0;
  std::vector<std::size_t> items;  // indices into Estimate::items, in file order
  Decimal shown_hours;             // see TotalsReport::hours_decimals
};

struct AccuracyRange {
  int estimate_class = 0;
  Decimal low_percent;   // -0.20 for class 3
  Decimal high_percent;  // 0.30
  Decimal low;           // total x (1 + low_percent), whole currency units
  Decimal high;
};

struct TotalsReport {
  std::string group_by;             // "category" unless --by says otherwise
  std::vector<TotalsGroup> groups;  // largest amount first, ties by key
  Decimal total_hours;
  // Hours as shown: rounded to `hours_decimals` (0 when every group's hours are whole,
  // else 1) with largest-remainder rounding, so shown group hours add up to the shown total.
  int hours_decimals = 0;
  Decimal shown_total_hours;
  const Totals* totals = nullptr;
  std::optional<AccuracyRange> accuracy;
  // The estimate has a class but its range does not fit in a Decimal: callers report it
  // as an error rather than show no range.
  bool accuracy_overflow = false;
};

// Largest-remainder rounding of parts to `units` (1000 for tenths of a percent): the
// results add up to exactly `units` when the parts' sum is non-zero. Ties go to the
// larger part, then to the earlier index.
std::vector<std::int64_t> largest_remainder_shares(const std::vector<Decimal>& parts,
                                                   std::int64_t units);

// The bounds of an accuracy range as fractions of the total: {-0.20, 0.30} for class 3.
struct AccuracyBounds {
  Decimal low_percent;
  Decimal high_percent;
};

// The outer bounds of an AACE class (18R-97): 5: -50%/+100%, 4: -30%/+50%, 3: -20%/+30%,
// 2: -15%/+20%, 1: -10%/+15%. nullopt outside 1..5.
std::optional<AccuracyBounds> default_class_bounds(int estimate_class);

// The AACE class bounds (outer bounds by default, or `bounds` when a rule set overrides
// them) and the range they give on `total`, rounded half away from zero to whole currency
// units. nullopt when the estimate has no class (or the range would overflow).
std::optional<AccuracyRange> accuracy_range(const Estimate& estimate,
                                            const std::optional<AccuracyBounds>& bounds = {});

// The grouping key of an item: "id", "name", "rate_name" (also "rate": the rate-card name,
// else the number), "form" (hours / quantity / amount), or any item attribute; nullopt
// when the item has no such field (it then goes to the group "(none)").
std::optional<std::string> group_key(const LineItem& item, std::string_view field);
// Whether `field` is a built-in grouping field or an attribute of at least one item.
bool is_known_group_field(const Estimate& estimate, std::string_view field);

inline constexpr std::string_view kNoGroup = "(none)";

TotalsReport build_totals_report(const Estimate& estimate, const std::string& group_by,
                                 const std::optional<AccuracyBounds>& bounds = {});

// Wording of the build-up that `basis totals` and the explanation share, so that the two
// never describe a line differently.
// A fraction as a percentage without trailing zeros: 0.12 -> "12%", 0.035 -> "3.5%",
// -0.05 -> "-5%"; with `signed_plus`, 0.3 -> "+30%".
std::string format_percent(Decimal fraction, bool signed_plus = false);
// The name of an adjustment kind as written in files: "overhead", "contingency", ...
std::string_view adjustment_kind_name(AdjustmentKind kind);
// What an adjustment was computed on: "12% of subtotal $778,614.01", "8% of direct cost
// $720,938.90", "3.5% of £386,350.00 (items where cost_type == "material")", "fixed amount".
std::string describe_adjustment_base(const Estimate& estimate, const AdjustmentLine& line);

}  // namespace basis
