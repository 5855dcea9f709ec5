#pragma once
// An estimate file read and checked, but not yet computed: every field with its position.
// The parser never computes money; engine/ turns this into an Estimate with amounts.

#include <optional>
#include <string>
#include <vector>

#include "basis/core/currency.hpp"
#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/value.hpp"

namespace basis {

struct ThreePoint {
  Decimal low, likely, high;
};

// A cost field (hours, rate, quantity, unit_cost, amount): a number, a three-point
// value, or (for rate and unit_cost) the name of a rate-card entry.
struct CostValue {
  enum class Kind : std::uint8_t { absent, number, three_point, rate_name };
  Kind kind = Kind::absent;
  Decimal number;
  ThreePoint points;
  std::string rate_name;
  SourcePos pos;
  bool present() const { return kind != Kind::absent; }
};

enum class CostForm : std::uint8_t { hours_rate, quantity_unit_cost, amount };
enum class ThreePointMethod : std::uint8_t { pert, triangular };

struct ItemSyntax {
  std::string id;
  std::string name;
  CostForm form = CostForm::amount;
  CostValue hours, rate, quantity, unit_cost, amount;
  // Every other field (category, phase, method, source, unit, allowance, trigger, ...), in
  // file order, excluding the cost fields and `internal`.
  std::vector<std::pair<std::string, Value>> attributes;
  Value internal;  // the item's `internal` block (null when absent)
  SourcePos pos;   // the item's first key (YAML/JSON) or its row (CSV, column 1)
  SourcePos id_pos;

  const Value* attribute(std::string_view key) const;
};

enum class AdjustmentKind : std::uint8_t {
  overhead,
  escalation,
  contingency,
  fee,
  discount,
  tax,
  other
};
enum class AdjustmentBase : std::uint8_t { direct, subtotal, applies_to };

// An expression written in a file, kept with its position for the rules engine to compile.
struct ExpressionText {
  std::string text;
  SourceRef source;
  std::vector<TextAnchor> anchors;  // map offsets in `text` back to the file
  SourcePos pos_of(std::size_t offset) const { return position_in_text(anchors, text, offset); }
};

struct AdjustmentSyntax {
  std::string id;
  AdjustmentKind kind = AdjustmentKind::other;
  std::string label;               // defaults to the id when absent
  std::optional<Decimal> percent;  // as a fraction: 12% -> 0.12
  std::optional<Decimal> amount;   // a fixed amount
  AdjustmentBase base = AdjustmentBase::direct;
  ExpressionText applies_to;  // when base == applies_to
  SourcePos pos;
};

struct RiskSyntax {
  std::string id;
  std::string title;
  std::optional<Decimal> probability;  // fraction: 30% -> 0.3
  std::optional<Decimal> impact;
  std::vector<std::pair<std::string, Value>> attributes;  // mitigation, owner, ...
  SourcePos pos;
};

struct RateSyntax {
  std::string name;
  Decimal price;
  SourcePos pos;
};

// Everything of an estimate file but its lines. Scenarios (options, the budget search)
// copy this part and keep pointing at the base estimate's lines rather than copying them.
struct EstimateHeaderSyntax {
  SourceRef source;
  std::string id;
  std::string title;
  Value version;  // as written: usually a number
  std::string date;
  const Currency* currency = nullptr;  // never null after a successful load (USD by default)
  std::optional<int> estimate_class;   // AACE 1..5
  std::string domain;
  ThreePointMethod three_point = ThreePointMethod::pert;
  std::optional<Decimal> rounding;  // when absent: the currency's minor unit
  Value client;                     // map or null
  Value project;
  Value internal;
  std::vector<RateSyntax> rates;
  std::vector<AdjustmentSyntax> adjustments;
  std::vector<std::string> assumptions;
  std::vector<std::string> exclusions;
  std::vector<RiskSyntax> risks;
  std::string items_csv;  // the path of `items: {csv: ...}` as written, when used
  // The CSV file the items were read from (positions of ItemSyntax point into it); null
  // when the items are in `source` itself. Engine diagnostics about items use it.
  SourceRef items_source;

  const RateSyntax* find_rate(std::string_view name) const;
  // The rounding step in force: `rounding` or the currency's minor unit.
  Decimal rounding_step() const;
};

struct EstimateSyntax : EstimateHeaderSyntax {
  std::vector<ItemSyntax> items;
};

// Loads an estimate from a .yaml/.yml, .json or .csv file (chosen by extension; a bare CSV
// gets an estimate around it whose id is the file name without extension). Reports every
// problem of the file; returns nullopt when any error was reported.
std::optional<EstimateSyntax> load_estimate(const std::string& path, Diagnostics& diags);
// The same from text already in memory (the format given as "yaml", "json" or "csv").
std::optional<EstimateSyntax> load_estimate_text(const SourceRef& source, std::string_view format,
                                                 Diagnostics& diags);

}  // namespace basis
