// The adjustments half of compute_estimate: direct cost, each adjustment on its base in
// file order, subtotal and total.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/estimate.hpp"
#include "estimate_internal.hpp"

namespace basis::detail {

namespace {

SourceRef adjustment_source(const Estimate& estimate) {
  return estimate.syntax.source;
}

// The items an `applies_to` adjustment covers, through the rules engine's filter.
std::optional<std::vector<std::size_t>> matched_items(const Estimate& estimate,
                                                      const AdjustmentSyntax& adjustment,
                                                      const AppliesToFilter& filter,
                                                      Diagnostics& diags) {
  if (!filter) {
    const ExpressionText& expr = adjustment.applies_to;
    const SourceRef source = expr.source ? expr.source : adjustment_source(estimate);
    const SourcePos pos = expr.anchors.empty() ? adjustment.pos : expr.pos_of(0);
    diags.error(source, pos, std::string(kAppliesToUnavailable), code_points(expr.text));
    return std::nullopt;
  }
  const std::size_t errors_before = diags.error_count();
  auto matched = filter(estimate, adjustment, diags);
  if (!matched) {
    if (diags.error_count() == errors_before) {
      diags.error(adjustment_source(estimate), adjustment.pos,
                  fmt::format("the items of adjustment '{}' could not be selected", adjustment.id));
    }
    return std::nullopt;
  }
  // A filter that names an item twice must not count its amount twice.
  std::sort(matched->begin(), matched->end());
  matched->erase(std::unique(matched->begin(), matched->end()), matched->end());
  matched->erase(std::remove_if(matched->begin(), matched->end(),
                                [&](std::size_t i) { return i >= estimate.items.size(); }),
                 matched->end());
  return matched;
}

}  // namespace

bool compute_adjustments(Estimate& estimate, Diagnostics& diags, const AppliesToFilter& filter) {
  Totals totals;
  const SourceRef items_file = item_source(estimate.syntax);
  const SourceRef file = adjustment_source(estimate);
  for (const LineItem& item : estimate.items) {
    auto sum = add(totals.direct, item.amount);
    if (!sum) {
      report_overflow(items_file, item.syntax ? item.syntax->pos : SourcePos{},
                      fmt::format("direct cost with item '{}'", item.syntax ? item.id() : ""),
                      diags);
      return false;
    }
    totals.direct = *sum;
  }

  bool ok = true;
  Decimal running = totals.direct;     // direct + every adjustment so far
  Decimal before_tax = totals.direct;  // direct + every adjustment not of kind tax
  for (const AdjustmentSyntax& adjustment : estimate.syntax.adjustments) {
    AdjustmentLine line;
    line.syntax = &adjustment;
    const std::string what = fmt::format("amount of adjustment '{}'", adjustment.id);
    std::optional<Decimal> unrounded;
    if (adjustment.amount) {
      unrounded = *adjustment.amount;
    } else if (adjustment.percent) {
      switch (adjustment.base) {
        case AdjustmentBase::direct:
          line.base = totals.direct;
          break;
        case AdjustmentBase::subtotal:
          line.base = running;
          break;
        case AdjustmentBase::applies_to: {
          auto matched = matched_items(estimate, adjustment, filter, diags);
          if (!matched) {
            ok = false;
            continue;
          }
          line.matched_items = std::move(*matched);
          for (std::size_t i : line.matched_items) {
            auto sum = add(line.base, estimate.items[i].amount);
            if (!sum) {
              report_overflow(file, adjustment.pos,
                              fmt::format("base of adjustment '{}'", adjustment.id), diags);
              return false;
            }
            line.base = *sum;
          }
          break;
        }
      }
      unrounded = mul(*adjustment.percent, line.base);
      if (!unrounded) {
        report_overflow(file, adjustment.pos, what, diags);
        return false;
      }
    } else {
      diags.error(
          file, adjustment.pos,
          fmt::format("adjustment '{}' has neither a percent nor an amount", adjustment.id));
      ok = false;
      continue;
    }
    auto amount =
        round_money(*unrounded, estimate.rounding_step, file, adjustment.pos, what, diags);
    if (!amount) return false;
    line.amount = *amount;
    auto next = add(running, line.amount);
    auto next_before_tax =
        adjustment.kind == AdjustmentKind::tax ? before_tax : add(before_tax, line.amount);
    if (!next || !next_before_tax) {
      report_overflow(file, adjustment.pos,
                      fmt::format("total with adjustment '{}'", adjustment.id), diags);
      return false;
    }
    running = *next;
    before_tax = *next_before_tax;
    totals.adjustments.push_back(std::move(line));
  }
  if (!ok) return false;
  totals.subtotal = before_tax;
  totals.total = running;
  estimate.totals = std::move(totals);
  return true;
}

}  // namespace basis::detail
