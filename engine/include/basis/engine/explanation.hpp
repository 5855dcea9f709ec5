#pragma once
// The explanation: built once by the engine for one reader's style, then only formatted by
// render/. Everything a renderer shows is here, already computed, worded and ordered; the
// JSON rendering is this structure itself. A client style's Explanation holds nothing
// internal: internal notes and figures are only ever filled in for the internal style.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"

namespace basis {

// A figure as shown, with its exact value for JSON and checks.
struct Figure {
  Decimal exact;
  std::string shown;  // "$864,547.69", "35.0%", "2,600 hours"
};

// The ids of the items a traced number was computed from, in estimate order. Entries with
// the same items share one list: a sum over 1,250 lines and the share computed from it
// name the same lines, and a 10,000-line explanation has hundreds of such entries.
class ItemIds {
 public:
  using value_type = std::string;
  using const_iterator = std::vector<std::string>::const_iterator;
  using iterator = const_iterator;

  ItemIds() = default;
  ItemIds(std::vector<std::string> ids)  // NOLINT: implicit, a list of ids is item ids
      : ids_(ids.empty() ? nullptr
                         : std::make_shared<const std::vector<std::string>>(std::move(ids))) {}
  explicit ItemIds(std::shared_ptr<const std::vector<std::string>> ids) : ids_(std::move(ids)) {}

  const std::vector<std::string>& list() const { return ids_ ? *ids_ : empty_list(); }
  const_iterator begin() const { return list().begin(); }
  const_iterator end() const { return list().end(); }
  std::size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const std::string& operator[](std::size_t i) const { return list()[i]; }
  friend bool operator==(const ItemIds& a, const ItemIds& b) { return a.list() == b.list(); }
  friend bool operator==(const ItemIds& a, const std::vector<std::string>& b) {
    return a.list() == b;
  }

 private:
  static const std::vector<std::string>& empty_list() {
    static const std::vector<std::string> none;
    return none;
  }
  std::shared_ptr<const std::vector<std::string>> ids_;
};

// Every number a placeholder put into text: where it came from.
struct TraceEntry {
  std::string id;  // "t1", "t2", ... in order of appearance
  std::string shown;
  Decimal exact;
  bool has_exact = false;  // false for a shown value that is not a number
  std::string expression;  // as written in the rule file
  std::string rule_id;
  std::string file;  // relative to the rule file's workspace
  SourcePos pos;
  ItemIds items;  // contributing item ids, sorted as in the estimate
};

// Text of a statement: Markdown with placeholders filled in. Values inserted by
// placeholders are separate spans so that renderers escape them and link them to their
// trace; literal spans are the template's own Markdown.
struct TextSpan {
  enum class Kind : std::uint8_t { markdown, value };
  Kind kind = Kind::markdown;
  std::string text;
  int trace = -1;  // index into Explanation::trace for a traced number
};
using RichText = std::vector<TextSpan>;

// What one fired rule says in one section.
struct Statement {
  std::string rule_id;
  std::string title;
  RichText text;
  std::string item_id;                // for_each rules: the element the statement is about
  std::vector<std::string> explains;  // item ids this statement justifies
};

struct DriverGroup {
  std::string key;
  Figure amount;
  Figure share;  // largest remainder: the shares of all groups add up to 100.0%
  Figure hours;
  std::size_t item_count = 0;
  std::vector<Statement> statements;  // rules whose explained items fall in this group
  // Brief styles show the largest groups and one row for all the others (other == true,
  // key "other", no statements), so that the shown rows still add up to the direct cost.
  bool other = false;
};

struct BasisLine {
  std::string item_id, name, category, method, source;
  std::string quantity;  // "320 hours at $125.00", "8 months at $2,187.40", "fixed amount"
  Figure amount;
  bool allowance = false;
  std::string trigger;
  std::string range;  // "280 / 340 / 460 hours" for three-point lines
};

struct Benchmark {
  std::string rule_id;
  std::string label;
  Figure value;
  Figure low, high;
  std::string position;  // "inside", "below", "above"
  std::string source;
  std::string item_id;  // for_each rules: the element the value was computed for
  std::string format;   // percent, money, number or hours: how value, low and high are shown
};

struct RiskLine {
  std::string id, title;
  Figure probability, impact, expected;  // expected = probability x impact
  // The register's further fields (mitigation, owner, ...) as text, in file order.
  std::vector<std::pair<std::string, std::string>> details;
};

// The simulated totals of the risks section (`basis risk` with the default seed and the
// explanation's iteration count), when the estimate has three-point values.
struct RiskPercentileLine {
  int percent = 0;             // 50, 80, 90
  Figure total;                // the simulated total at this percentile
  Figure contingency;          // total - base: the contingency it implies
  Figure contingency_percent;  // of the base, 1 decimal ("4.6%"); empty when the base is 0
};
struct RiskSimulation {
  std::uint64_t iterations = 0;
  std::uint64_t seed = 0;
  std::string method;  // "PERT" or "triangular"
  std::size_t three_point_values = 0;
  std::size_t risks_simulated = 0;  // risks of the register that occur in the simulation
  Figure base;                      // the total without contingency adjustments
  Figure contingency;               // the estimate's contingency (total - base)
  Figure contingency_percent;       // of the base
  std::vector<RiskPercentileLine> percentiles;  // P50, P80, P90
  bool contingency_reaches_p80 = false;
  Figure p80_margin;        // total - P80 total (negative: what is missing)
  Figure total_confidence;  // share of the simulated totals at or below the total ("99.8%")
  std::string text;         // how it was simulated and what it finds, in a few sentences
};

struct OptionRow {
  std::string id, title, rule_id;
  Figure new_total;
  Figure delta;          // new total - total; a saving is negative
  Figure delta_percent;  // of the total, 1 decimal
  RichText tradeoff;
  RichText ask_in_return;                  // internal style only; empty for a client
  std::vector<std::string> changed_items;  // items removed or changed, in estimate order
};

struct Objection {
  std::string rule_id;
  RichText objection, response;
};

struct Question {
  std::string rule_id;
  RichText text;
};

struct BuildupLine {
  std::string id, label, kind;  // kind: "direct", an adjustment kind, "total"
  std::string basis;            // "12% of subtotal $778,614.01"
  Figure amount;
};

// A cost line that no fired rule explains.
struct CoverageLine {
  std::string item_id, name;
  Figure amount;
};

// The negotiation brief's figures (internal style only): floor, room above it, margins.
struct InternalFigure {
  std::string id;  // "floor", "headroom", "target_margin", "quoted_total", "cost", "margin"
  std::string label;
  Figure value;
};

// How the total moved since the previous revision (when one is given), as the revision
// bridge of `basis diff` (revision.hpp) computes it: items matched by id, each changed
// item's change split into a volume and a price effect, each adjustment's change on its own.
struct ItemChange {
  std::string item_id, name;
  std::string change;  // "added", "removed", "changed" ("unchanged": only a change_reason)
  std::optional<Figure> before, after;
  std::string reason;       // the item's change_reason, if any
  std::string description;  // what changed: "hours 300 → 340 at $125.00 (engineer)"
  Figure delta;             // after - before (a removed item's is negative)
  // Changed items only: the volume effect (change in hours or quantity at the old price,
  // rounded to the estimate's step) and the price effect (the rest); they add up to delta.
  std::optional<Figure> volume_effect, price_effect;
  bool form_changed = false;  // removed and added because its cost form changed
};
// An adjustment whose amount or basis changed, was added or was removed.
struct AdjustmentChange {
  std::string id, label;
  std::string kind;    // the adjustment kind ("contingency", "overhead", ...)
  std::string change;  // "added", "removed", "changed"
  std::string basis;   // "12% → 10% of subtotal $778,614.01 → $807,150.20"
  std::optional<Figure> before, after;
  Figure delta;
  // Both revisions take a percentage: the effect of the base's change at the old
  // percentage and the rest (the effect of the percentage); they add up to delta.
  std::optional<Figure> base_effect, percent_effect;
};
// One step of the bridge from the previous total to this one (a waterfall bar).
struct RevisionStep {
  std::string kind;   // "added", "removed", "volume", "price", "adjustment"
  std::string key;    // "added", "removed", "volume", "price", or the adjustment's id
  std::string label;  // "Items added (2)", "Changes in hours and quantities (6 items)", ...
  std::vector<std::string> items;  // the items behind the step (none for an adjustment)
  Figure amount;                   // signed effect on the total
  Figure running;                  // the total after this step
};
struct PreviousComparison {
  std::string version;  // the previous revision's `version`, as written
  Figure total;         // the previous total
  Figure delta;         // total - previous total
  Figure delta_percent;
  std::vector<ItemChange> changes;  // in estimate order: current items, then removed ones
  // Added with the revision bridge (additive).
  std::string label, current_label;  // "revision 2" / "revision 3" (or "the old revision")
  // How much and why the total moved: one sentence naming every step of the bridge.
  std::string summary;
  // The largest changes (items and adjustments) with their reasons, largest first.
  std::vector<std::string> highlights;
  // previous total + every step's amount = total, to the cent (checked).
  std::vector<RevisionStep> steps;
  std::vector<AdjustmentChange> adjustments;  // changed adjustments, in the estimate's order
  std::size_t unchanged_items = 0;
};

// The options taken (`basis explain --with`): the explanation describes the estimate with
// them applied; the summary says which they are and what the total was before them.
struct TakenOptions {
  std::vector<std::string> ids;     // in the order they were applied (rule-file order)
  std::vector<std::string> titles;  // the same order
  Figure total_before;              // the estimate's total without them
  Figure delta;                     // total - total_before; a saving is negative
  Figure delta_percent;             // of total_before, 1 decimal
};

// One combination of options that brings the total within the budget, computed as one
// scenario (the options applied together, the estimate recomputed).
struct BudgetCombination {
  std::vector<std::string> option_ids;  // rule-file order; titles and trade-offs: options
  std::vector<std::string> titles;      // the same order
  Figure new_total;
  Figure delta;          // new total - total
  Figure delta_percent;  // of the total, 1 decimal
  Figure under_budget;   // budget - new total
  // The negotiation brief only (internal style); absent or false for a client: the margin
  // at the new total, and whether it falls below the floor or the target margin, which
  // makes the combination one not to offer.
  std::optional<Figure> margin;
  bool below_floor = false;
  bool below_target_margin = false;
};

// Which combinations of the options bring the total within a budget (docs/negotiation.md
// states what the search guarantees).
struct BudgetSearch {
  Figure budget;
  std::string source;  // "estimate" (client.budget) or "request" (--budget)
  Figure gap;          // total - budget: what the options must save (<= 0: within budget)
  bool within_budget = false;
  // Minimal combinations (no part of one is within the budget alone), fewest options
  // first, then the highest total.
  std::vector<BudgetCombination> combinations;
  std::size_t options_searched = 0;     // options that lower the total on their own
  std::size_t scenarios_evaluated = 0;  // combined scenarios the search computed
  bool complete = true;                 // false: the scenario limit stopped the search part-way
  bool more = false;                    // other combinations may fit than those listed
  bool bound_held = true;  // false: a combination saved more than its options one by one
};

// One step of the concession plan (internal style only): what an option saves the client
// against what it costs the firm in margin.
struct Concession {
  std::string option_id, title, rule_id;  // ask_in_return and notes: options, internal_notes
  Figure saving;                          // total - the option's new total
  Figure new_total;
  // When the estimate gives costs: the margin at the new total, the margin points lost
  // ((margin now - margin after) x 100) and the client saving per point lost (absent when
  // no margin is lost).
  std::optional<Figure> margin_after;
  std::optional<Figure> points_lost;
  std::optional<Figure> saving_per_point;
  bool below_floor = false;
  bool below_target_margin = false;
};

struct InternalNote {
  std::string rule_id, title;
  RichText text;
};

enum class SectionKind : std::uint8_t {
  summary,
  drivers,
  basis,
  benchmarks,
  assumptions,
  exclusions,
  risks,
  options,
  questions,
  objections,
  buildup,
  coverage,
  trace,
  internal
};

// "summary", "drivers", ..., "buildup", "coverage", "trace", "internal".
std::string_view section_kind_name(SectionKind kind);
// "Summary", "What drives the cost", ...: the heading the builder gives each section.
std::string_view section_title(SectionKind kind);

struct Section {
  SectionKind kind = SectionKind::summary;
  std::string title;                  // "Summary", "What drives the cost", ...
  std::vector<Statement> statements;  // the section's rule statements, in output order
};

struct Explanation {
  std::string style;  // driver, analytical, amiable, expressive, internal
  bool brief = false;
  std::string estimate_id, title, currency, client_name;
  std::optional<int> estimate_class;

  // Summary facts (always computed; a style decides what it shows).
  Figure total, direct;
  std::optional<Figure> range_low, range_high;  // class accuracy range
  std::string range_text;                // "expected between $691,638 and $1,123,912 (-20% / +30%)"
  std::vector<DriverGroup> top_drivers;  // the largest groups (3) with shares

  std::vector<Section> sections;  // in the style's order; only the sections it shows
  std::vector<DriverGroup> drivers;
  std::string drivers_by = "category";
  std::vector<BasisLine> basis;
  std::vector<Benchmark> benchmarks;
  std::vector<std::string> assumptions, exclusions;  // the estimate's own
  std::vector<RiskLine> risks;
  std::optional<Figure> contingency;
  std::vector<OptionRow> options;  // largest saving first
  std::vector<Question> questions;
  std::vector<Objection> objections;
  std::vector<BuildupLine> buildup;
  std::vector<std::string> uncovered_items;  // cost lines no fired rule explains
  std::vector<TraceEntry> trace;
  std::vector<InternalNote> internal_notes;  // internal style only
  std::vector<std::string> warnings;         // shown on the command line, in JSON

  // Added after the first version (additive).
  std::string date, version;  // as written in the estimate
  std::optional<PreviousComparison> previous;
  std::vector<BuildupLine> escalation;            // escalation adjustments, for the basis section
  std::vector<CoverageLine> uncovered;            // the uncovered_items with names and amounts
  std::vector<InternalFigure> internal_figures;   // internal style only
  std::optional<TakenOptions> taken;              // --with: the options taken
  std::optional<BudgetSearch> budget;             // when a budget is given
  std::vector<Concession> concessions;            // internal style only, in the plan's order
  std::optional<RiskSimulation> risk_simulation;  // risks section, with three-point values
};

}  // namespace basis
