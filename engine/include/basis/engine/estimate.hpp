#pragma once
// An estimate with its money computed: each line's amount (rounded once to the estimate's
// step), each adjustment's base and amount, the direct cost, subtotal and total.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/currency.hpp"
#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis {

// A cost field's value as rules see it: the expected value, plus its three points when it
// was written as a three-point value.
struct CostFigure {
  std::optional<Decimal> value;  // expected value; nullopt when the field is absent
  // The three points as written, in the line's syntax; null for a single value. A pointer
  // rather than a copy: a 100,000-line estimate's lines are copied for every scenario.
  const ThreePoint* points = nullptr;
};

struct LineItem {
  const ItemSyntax* syntax = nullptr;  // id, name, attributes, positions
  CostForm form = CostForm::amount;
  CostFigure hours, rate, quantity, unit_cost, amount_input;
  std::string rate_name;  // when `rate` (or `unit_cost`) named a rate-card entry
  Decimal amount;         // rounded once to the estimate's step

  const std::string& id() const { return syntax->id; }
  const std::string& name() const { return syntax->name; }
};

struct AdjustmentLine {
  const AdjustmentSyntax* syntax = nullptr;
  Decimal base;                            // what the percentage applied to (0 for a fixed amount)
  Decimal amount;                          // rounded once to the estimate's step
  std::vector<std::size_t> matched_items;  // indices into items, for applies_to
};

struct Totals {
  Decimal direct;    // sum of item amounts
  Decimal subtotal;  // direct + every adjustment not of kind tax
  Decimal total;     // direct + every adjustment
  std::vector<AdjustmentLine> adjustments;
  const AdjustmentLine* adjustment(std::string_view id) const;
};

struct Estimate {
  Estimate() = default;
  // A copy points its items and adjustments at its own syntax, not at the original's, so
  // that options and scenarios can work on copies safely.
  Estimate(const Estimate& other);
  Estimate& operator=(const Estimate& other);
  Estimate(Estimate&&) noexcept = default;
  Estimate& operator=(Estimate&&) noexcept = default;

  EstimateSyntax syntax;
  std::vector<LineItem> items;
  Totals totals;
  const Currency* currency = nullptr;
  Decimal rounding_step;   // 0.01 for USD unless `rounding:` says otherwise
  int money_decimals = 2;  // decimals shown for money: those of the rounding step
  // A scenario's own lines (edited or added by start_scenario's caller); its other lines
  // point into the syntax of the estimate it started from, and `syntax.items` is empty.
  std::vector<std::shared_ptr<const ItemSyntax>> scenario_lines;

  const std::string& id() const { return syntax.id; }
  std::string format_money(Decimal amount) const;
};

// Decides whether an item belongs to an adjustment's `applies_to` filter. Supplied by the
// rules engine, which owns the expression language; without one, an estimate that uses
// `applies_to` cannot be computed and says so.
using AppliesToFilter = std::function<std::optional<std::vector<std::size_t>>(
    const Estimate&, const AdjustmentSyntax&, Diagnostics&)>;

// Computes every amount and total. Overflow and unusable filters are reported as errors
// at the position of the figure involved; returns nullopt when any error was reported.
std::optional<Estimate> compute_estimate(EstimateSyntax syntax, Diagnostics& diags,
                                         const AppliesToFilter& applies_to = {});

// Recomputes the totals of an estimate whose items were changed (options, scenarios):
// each item's amount again from its figures (hours x rate, quantity x unit_cost, or
// amount_input), then the adjustments from estimate.syntax.adjustments (so a changed
// percent there counts), direct, subtotal and total. An option that adds items or changes
// the syntax's item list should rather edit an EstimateSyntax and call compute_estimate.
bool recompute_totals(Estimate& estimate, Diagnostics& diags,
                      const AppliesToFilter& applies_to = {});

// Scenarios (options, --with, the budget search) change a few lines of a large estimate;
// copying every line's syntax and recomputing it all would cost more than the option.
// start_scenario copies the estimate without its lines' syntax: the scenario's lines keep
// pointing into `base`, which must outlive the scenario and its copies (its `syntax.items`
// is empty; code reads lines through `items`). set_scenario_line gives line `index` (or a
// new last line, when index == items.size()) syntax owned by the scenario and recomputes
// it; recompute_adjustments then brings the adjustments and totals up to date.
Estimate start_scenario(const Estimate& base);
bool set_scenario_line(Estimate& scenario, std::size_t index, ItemSyntax syntax,
                       Diagnostics& diags);
bool recompute_adjustments(Estimate& estimate, Diagnostics& diags,
                           const AppliesToFilter& applies_to = {});

// The expected value of a three-point value: PERT (low + 4 likely + high) / 6 or
// triangular (low + likely + high) / 3, to Decimal's 20 places. nullopt on overflow.
std::optional<Decimal> expected_value(const ThreePoint& points, ThreePointMethod method);

// The decimals money is shown with: those of the rounding step (0 for steps >= 1), never
// more than the currency's minor unit.
int money_decimals_for(Decimal rounding_step, const Currency& currency);

// The message reported at an `applies_to` expression when no filter was supplied.
inline constexpr std::string_view kAppliesToUnavailable =
    "applies_to needs the rules engine, which is not available in this build";

}  // namespace basis
