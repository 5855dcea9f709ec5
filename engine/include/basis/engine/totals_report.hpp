#pragma once
// The reconciled cost build-up that `basis totals` shows: items grouped by a field, with
// hours, amounts and shares that add up to exactly 100.0%, the direct cost, each
// adjustment, the total and the class accuracy range.

#include <optional>
#include <string>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/engine/estimate.hpp"

namespace basis {

struct TotalsGroup {
  std::string key;  // the field's value as text; "(none)" for items without the field
  std::size_t item_count = 0;
  Decimal hours;
  Decimal amount;
  // Share of the direct cost in tenths of a percent after largest-remainder rounding,
  // so the shown shares of all groups add up to exactly 1000 (100.0%).
  std::int64_t share_tenths = 0;
  std::vector<std::size_t> items;  // indices into Estimate::items, in file order
};

struct AccuracyRange {
  int estimate_class = 0;
  Decimal low_percent;   // -0.20 for class 3
  Decimal high_percent;  // 0.30
  Decimal low;           // total x (1 + low_percent), whole currency units
  Decimal high;
};

struct TotalsReport {
  std::string group_by;  // "category" unless --by says otherwise
  std::vector<TotalsGroup> groups;  // largest amount first, ties by key
  Decimal total_hours;
  const Totals* totals = nullptr;
  std::optional<AccuracyRange> accuracy;
};

// Largest-remainder rounding of parts to `units` (1000 for tenths of a percent): the
// results add up to exactly `units` when the parts' sum is non-zero. Ties go to the
// larger part, then to the earlier index.
std::vector<std::int64_t> largest_remainder_shares(const std::vector<Decimal>& parts,
                                                   std::int64_t units);

// The AACE class bounds (outer bounds by default) and the range they give on `total`,
// rounded half away from zero to whole currency units.
std::optional<AccuracyRange> accuracy_range(const Estimate& estimate);

TotalsReport build_totals_report(const Estimate& estimate, const std::string& group_by);

}  // namespace basis
