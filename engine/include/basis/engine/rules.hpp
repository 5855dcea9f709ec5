#pragma once
// The rules engine. Loaded rule sets are compiled once into an immutable RuleProgram: every
// name resolved (item fields to small integer slots), types, metric cycles and the flow of
// internal values checked, every expression and template expression compiled. A program
// is evaluated against an estimate (and optionally its previous revision): metrics once,
// in dependency order, then every rule in load order; tiers of a `group` are settled last.
//
// Lifetimes: a RuleEvaluation refers to the program and the estimates it was given; they
// must outlive it. RuleValues point into storage owned by the estimate, the program or the
// evaluation that made them.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/parser/expression_syntax.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "basis/parser/template_syntax.hpp"

namespace basis {

namespace detail {
struct ProgramData;
class EvalContext;
}  // namespace detail

// ---- values -------------------------------------------------------------------------------

// A value of the rules language: small and trivially copyable.
class RuleValue {
 public:
  enum class Kind : std::uint8_t {
    null,
    boolean,
    number,
    text,
    list,
    item,    // a line item of the estimate (or of the previous revision)
    group,   // an element of group(): key, amount, hours, count, items, share
    map,     // a free-form map of the estimate (client, project, an item's attribute, ...)
    record,  // estimate, previous, totals, totals.adjustments
    loop,    // `loop` in a template loop: index, index0, first, last, length
    error,   // a failed computation (overflow); reported as a warning where it happened
  };

  RuleValue() : raw_(0) {}
  static RuleValue null() { return {}; }
  static RuleValue boolean(bool b) {
    RuleValue v;
    v.kind_ = Kind::boolean;
    v.flag_ = b;
    return v;
  }
  static RuleValue number(Decimal d) {
    RuleValue v;
    v.kind_ = Kind::number;
    v.raw_ = d.raw();
    return v;
  }
  // Does not copy: `s` must outlive the value.
  static RuleValue text(std::string_view s) {
    RuleValue v;
    v.kind_ = Kind::text;
    v.text_ = TextRef{s.data(), s.size()};
    return v;
  }
  // Does not copy either.
  static RuleValue list(std::span<const RuleValue> elements) {
    RuleValue v;
    v.kind_ = Kind::list;
    v.list_ = ListRef{elements.data(), elements.size()};
    return v;
  }
  static RuleValue item(std::size_t index, bool previous = false) {
    RuleValue v;
    v.kind_ = Kind::item;
    v.sub_ = previous ? 1 : 0;
    v.index_ = static_cast<std::uint32_t>(index);
    return v;
  }
  static RuleValue loop(std::size_t index0, std::size_t length);
  static RuleValue error();

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_number() const { return kind_ == Kind::number; }
  bool is_text() const { return kind_ == Kind::text; }
  bool is_list() const { return kind_ == Kind::list; }
  bool is_item() const { return kind_ == Kind::item; }
  // Null, false and errors are false; everything else is true.
  bool truthy() const {
    return kind_ == Kind::boolean ? flag_ : (kind_ != Kind::null && kind_ != Kind::error);
  }

  bool as_boolean() const { return flag_; }
  Decimal as_number() const { return Decimal::from_raw(raw_); }
  std::optional<Decimal> number_or_null() const;
  std::string_view as_text() const { return {text_.data, text_.size}; }
  std::span<const RuleValue> as_list() const { return {list_.data, list_.size}; }
  // item: the index into Estimate::items of the current (or, with from_previous(), the
  // previous) estimate; group: the group's index in its evaluation; loop: index0.
  std::size_t index() const { return index_; }
  bool from_previous() const { return sub_ == 1; }
  std::size_t loop_length() const { return static_cast<std::size_t>(raw_); }
  const Value* as_map() const { return map_; }
  std::uint8_t sub() const { return sub_; }

  // Structural equality as the language's `==` sees it (null == null; error equals nothing).
  friend bool operator==(const RuleValue& a, const RuleValue& b);

 private:
  friend class detail::EvalContext;
  struct TextRef {
    const char* data;
    std::size_t size;
  };
  struct ListRef {
    const RuleValue* data;
    std::size_t size;
  };
  Kind kind_ = Kind::null;
  std::uint8_t sub_ = 0;
  bool flag_ = false;
  std::uint32_t index_ = 0;
  union {
    Decimal::Raw raw_;
    TextRef text_;
    ListRef list_;
    const Value* map_;
  };
};

// Bounds on one evaluation (rules, then every template evaluated through it), so that a
// hostile rule file ends with an error that names the rule and the place instead of
// running for hours or exhausting memory.
struct EvalLimits {
  std::uint64_t max_steps = 100'000'000;    // expression nodes and collection elements visited
  std::uint64_t max_elements = 10'000'000;  // list elements created
};

// ---- the compiled program -------------------------------------------------------------------

// A compiled expression of the program (a metric, a rule's when/for_each/explains,
// benchmark value, an option filter, or an applies_to filter).
struct CompiledExpr {
  std::uint32_t root = 0xffffffffu;
  std::uint32_t owner = 0;  // which rule or metric, for messages
  bool valid() const { return root != 0xffffffffu; }
};

// A compiled template. The renderer walks syntax->parts itself and asks the evaluation for
// the value of each expression (placeholders, filter arguments, if conditions, loop
// collections) with RuleEvaluation::evaluate(tmpl, expr_id, scope).
struct CompiledTemplate {
  const TemplateSyntax* syntax = nullptr;
  std::size_t rule = 0;           // the rule it belongs to (evaluation order)
  bool internal = false;          // may use internal values: reaches only the negotiation brief
  std::uint32_t local_count = 0;  // size of EvalScope::locals needed by its loops
  // Per TemplatePartId: for a for_loop, the local slot of its variable; `loop` is the slot
  // after it. Unused for other parts.
  std::vector<std::uint32_t> loop_slot;
  struct Root {
    std::uint32_t node = 0xffffffffu;
    std::uint32_t current_local = 0xffffffffu;  // the loop whose element is `item`, if any
  };
  std::vector<Root> roots;  // per ExprId of syntax->expressions; node unset for non-roots
};

class RuleProgram {
 public:
  RuleProgram();
  ~RuleProgram();
  RuleProgram(const RuleProgram&) = delete;
  RuleProgram& operator=(const RuleProgram&) = delete;

  // The rule sets the program was compiled from (its own copy, shared syntax trees).
  const LoadedRules& rules() const;
  // Every rule in evaluation order (imports first, then file order).
  std::span<const LoadedRules::RuleRef> rule_refs() const;
  std::optional<std::size_t> find_rule(std::string_view id) const;
  // Metric names in load order.
  std::vector<std::string_view> metric_names() const;
  // Whether a metric's value is internal (depends on an internal block).
  bool metric_is_internal(std::string_view name) const;

  // The compiled form of a template or expression of the loaded rules, by syntax identity.
  const CompiledTemplate* find_template(const TemplateSyntax* syntax) const;
  CompiledExpr find_expression(const ExpressionSyntax* syntax) const;
  // The compiled forms of a rule's own expressions (invalid when absent).
  CompiledExpr rule_when(std::size_t rule) const;
  CompiledExpr rule_for_each(std::size_t rule) const;
  CompiledExpr rule_explains(std::size_t rule) const;
  CompiledExpr rule_benchmark(std::size_t rule) const;

  const detail::ProgramData& data() const { return *data_; }
  detail::ProgramData& mutable_data() { return *data_; }

 private:
  std::unique_ptr<detail::ProgramData> data_;
};

// Compiles everything loaded. Reports every problem (unknown names and functions with
// "did you mean", argument counts, text mixed with numbers, metric cycles, internal values
// in client-facing places) and returns nullptr when there was an error.
std::shared_ptr<const RuleProgram> compile_rules(const LoadedRules& rules, Diagnostics& diags);
std::shared_ptr<const RuleProgram> compile_rules(std::shared_ptr<const LoadedRules> rules,
                                                 Diagnostics& diags);

// ---- evaluation ---------------------------------------------------------------------------------

enum class RuleOutcome : std::uint8_t {
  not_fired,   // condition false (or no for_each element matched)
  fired,       // kept
  suppressed,  // condition held but a higher tier of its group was kept
};
std::string_view outcome_name(RuleOutcome outcome);

struct RuleResult {
  RuleOutcome outcome = RuleOutcome::not_fired;
  // for_each: the elements that matched, in collection order (each one a statement).
  std::vector<RuleValue> matched;
  // The cost lines it explains when kept (indices into Estimate::items, sorted, unique).
  std::vector<std::size_t> explained_items;
  // For `explains: item` or a for_each rule: the items explained by each matched element.
  std::vector<std::vector<std::size_t>> explained_per_element;
  bool fired() const { return outcome == RuleOutcome::fired; }
};

struct MetricResult {
  std::string_view name;
  RuleValue value;
  bool internal = false;
};

// Where a template or expression is evaluated: the rule's for_each element (null when the
// rule has none) and the template's loop variables (slots as CompiledTemplate says).
struct EvalScope {
  RuleValue item;
  std::span<const RuleValue> locals;
  // When set, receives the indices of the items whose values fed the result (the trace's
  // "contributing items"); unsorted, may repeat.
  std::vector<std::size_t>* contributors = nullptr;
};

struct EvalOptions {
  EvalLimits limits;
  bool run_rules = true;  // false: metrics only (option scenarios, filters)
};

// The members of a group() element.
struct GroupView {
  RuleValue key;
  Decimal amount;
  Decimal hours;
  std::size_t count = 0;
  RuleValue items;  // a list of items
  RuleValue share;  // the breakdown share (0.355 for 35.5%), or null
};

class RuleEvaluation {
 public:
  RuleEvaluation(RuleEvaluation&&) noexcept;
  RuleEvaluation& operator=(RuleEvaluation&&) noexcept;
  ~RuleEvaluation();

  const RuleProgram& program() const;
  const Estimate& estimate() const;
  const Estimate* previous() const;
  // False when a budget stopped the evaluation (an error was reported).
  bool complete() const;

  std::span<const MetricResult> metrics() const;  // load order
  const RuleValue* metric(std::string_view name) const;
  std::span<const RuleResult> rules() const;  // parallel to program().rule_refs()
  const RuleResult* rule(std::string_view id) const;

  // The value of one expression of a compiled template (ExprId in syntax->expressions).
  RuleValue evaluate(const CompiledTemplate& tmpl, ExprId expr, const EvalScope& scope,
                     Diagnostics& diags);
  // The value of a compiled expression; `scope.item` is the element of item scope.
  RuleValue evaluate(CompiledExpr expr, const EvalScope& scope, Diagnostics& diags);
  // The items (indices) an item filter (an option's `remove`/`where`) selects, in order.
  std::optional<std::vector<std::size_t>> select_items(CompiledExpr filter, Diagnostics& diags);

  // Reading values.
  const LineItem* item(const RuleValue& value) const;  // nullptr unless an item
  std::optional<GroupView> group(const RuleValue& value) const;
  // A member of any value as the language's `a.b` gives it (fields of items, groups,
  // maps, records, loop); for templates that format a value's parts.
  RuleValue member(const RuleValue& value, std::string_view name);
  // Plain data: items become their id, groups a map, records null.
  Value to_value(const RuleValue& value) const;
  // Debug and `why` text: numbers exact, texts quoted, lists in brackets, items by id.
  std::string describe(const RuleValue& value) const;

  detail::EvalContext& context() { return *ctx_; }

 private:
  friend RuleEvaluation evaluate(const RuleProgram&, const Estimate&, const Estimate*, Diagnostics&,
                                 const EvalOptions&);
  explicit RuleEvaluation(std::unique_ptr<detail::EvalContext> ctx);
  std::unique_ptr<detail::EvalContext> ctx_;
};

// Evaluates metrics and (unless options.run_rules is false) every rule. Division by zero
// and overflow are warnings naming the rule or metric and the place; an exhausted budget is
// an error and leaves the evaluation incomplete.
RuleEvaluation evaluate(const RuleProgram& program, const Estimate& estimate,
                        const Estimate* previous, Diagnostics& diags,
                        const EvalOptions& options = {});

// ---- applies_to -------------------------------------------------------------------------------

// The filter compute_estimate uses for adjustments' `applies_to`: the expression is parsed
// and compiled in item scope (item fields, `estimate`, `items`; no totals, metrics or
// previous revision, and no internal data) and evaluated per item.
AppliesToFilter make_applies_to_filter();
// Checks every applies_to of an estimate without computing it; false on any error.
bool check_applies_to(const EstimateSyntax& estimate, Diagnostics& diags);

// ---- why ------------------------------------------------------------------------------------

// One part of a condition with its value, in evaluation-tree order (a part's sub-parts
// follow it with depth + 1).
struct ConditionPart {
  std::string text;  // the part as written, e.g. "test_ratio >= 25%"
  SourcePos pos;
  int depth = 0;
  bool evaluated = false;  // false when and/or/??/if decided without it
  RuleValue value;
  std::string shown;  // describe(value), or "not evaluated"
};

struct ConditionTrace {
  std::string rule_id;
  RuleOutcome outcome = RuleOutcome::not_fired;
  bool has_when = false;
  bool has_for_each = false;
  std::vector<ConditionPart> for_each_parts;  // the collection (for_each rules)
  std::vector<std::size_t> for_each_items;    // its items, when it yields items
  std::optional<std::size_t> item;            // the element `when` was evaluated for
  bool item_in_collection = false;
  std::vector<ConditionPart> when_parts;
  std::optional<std::string> group;  // the group and the tier that was kept
  std::optional<std::string> kept_in_group;
};

// Why a rule fired or not: each part of its condition with its value. For a for_each rule
// `item` (an item id) chooses the element; without it the first element the condition holds
// for is used, else the first element of the collection. Reports an unknown rule or item and
// returns nullopt.
std::optional<ConditionTrace> explain_condition(RuleEvaluation& evaluation,
                                                std::string_view rule_id,
                                                std::optional<std::string_view> item_id,
                                                Diagnostics& diags);

}  // namespace basis
