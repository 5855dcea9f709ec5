#pragma once
// Private to the rules engine: the state of one evaluation of a program against an
// estimate (the "activation"): item field columns built once per used field, global
// paths resolved once, metric values, memoized invariant subexpressions, an arena for the
// lists and texts made while evaluating, and the step and size budgets.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "basis/engine/totals_report.hpp"
#include "rules_program.hpp"

namespace basis::detail {

// Thrown inside the evaluator only, caught at every entry point: a budget ran out.
struct BudgetExceeded {
  std::uint32_t node;
  bool steps;  // the step budget (else the size budget)
};

struct GroupData {
  RuleValue key;
  Decimal amount;
  Decimal hours;
  std::size_t count = 0;
  RuleValue items;
  RuleValue share;
};

// One entry of a `why` recording.
struct Recorded {
  std::uint32_t node;
  int depth;
  bool evaluated;
  RuleValue value;
};

// A callback for the elements of a collection; returning false stops the walk.
struct Sink {
  void* self;
  bool (*fn)(void*, const RuleValue&);
  bool operator()(const RuleValue& v) const { return fn(self, v); }
};
template <class F>
Sink make_sink(F& f) {
  return Sink{&f, [](void* s, const RuleValue& v) { return (*static_cast<F*>(s))(v); }};
}

class EvalContext {
 public:
  EvalContext(const RuleProgram& program, const Estimate& estimate, const Estimate* previous,
              const EvalLimits& limits);

  const RuleProgram& program_ref;
  const ProgramData& program;
  const Estimate* estimates[2];
  EvalLimits limits;
  Diagnostics* diags = nullptr;

  // ---- results kept by evaluate() ----
  std::vector<RuleValue> metric_values;
  std::vector<MetricResult> metric_results;
  std::vector<RuleResult> rule_results;
  bool complete = true;

  // ---- entry points (catch BudgetExceeded and report it) ----
  // Evaluates a root with `item` as the current element and `locals` as loop variables.
  RuleValue evaluate_root(std::uint32_t root, std::uint32_t owner, const RuleValue& item,
                          std::span<const RuleValue> locals,
                          std::vector<std::size_t>* contributors);
  // Calls `f` guarded: a budget that runs out is reported once and leaves `complete` false.
  template <class F>
  bool guarded(std::uint32_t owner, F&& f) {
    if (exhausted_) return false;
    const std::uint32_t saved = owner_;
    owner_ = owner;
    try {
      f();
    } catch (const BudgetExceeded& e) {
      report_budget(e);
      owner_ = saved;
      return false;
    }
    owner_ = saved;
    return true;
  }

  // ---- evaluation ----
  RuleValue eval(std::uint32_t node);
  void stream(std::uint32_t node, Sink sink);
  RuleValue materialize(std::uint32_t node);
  bool exhausted() const { return exhausted_; }

  RuleValue current;  // the element of the innermost item scope
  std::span<const RuleValue> locals;
  std::vector<std::size_t>* contributors = nullptr;
  int quiet_trace = 0;  // inside a where condition: reads are not contributions
  std::vector<Recorded>* recorder = nullptr;
  int record_depth = 0;
  int record_suppressed = 0;

  // ---- values ----
  // A field of an element: for items a load from the field's column (built on first use).
  RuleValue field(const RuleValue& element, std::uint32_t slot) {
    if (element.kind_ == RuleValue::Kind::item) [[likely]] {
      if (contributors) [[unlikely]]
        note_contributor(element);
      const std::vector<RuleValue>& column = columns_[element.sub_][slot];
      if (element.index_ < column.size()) [[likely]]
        return column[element.index_];
      return item_field_value(element.sub_, element.index_, slot);
    }
    return member(element, program.fields[slot].name, true);
  }
  // The items a `where` condition can hold for, when its first conjunct is an indexed
  // equality; null when every item must be tested.
  const std::vector<std::uint32_t>* where_candidates(std::uint32_t condition);
  // A condition's truth, without building boolean values on the way.
  bool test(std::uint32_t node);
  RuleValue member(const RuleValue& value, std::string_view name, bool allow_internal);
  RuleValue from_value(const Value& value);
  // Lists made by evaluation count towards the size budget (reported at `node`); lists of
  // the estimate's own data, made while `counting` is false, do not.
  RuleValue make_list(std::span<const RuleValue> elements, std::uint32_t node);
  bool counting = true;
  RuleValue make_text(std::string text);
  RuleValue all_items_list();
  const GroupData* group(const RuleValue& v) const;
  std::string describe(const RuleValue& v) const;
  Value to_value(const RuleValue& v) const;
  static RuleValue record(RecordKind kind, int which);
  static RuleValue group_value(std::size_t index);
  const LineItem* line_item(const RuleValue& v) const;

  void warn(std::uint32_t node, std::string message);
  std::string owner_name() const { return program.owner_name(owner_); }
  std::uint32_t owner() const { return owner_; }
  void note_contributor(const RuleValue& item);

 private:
  RuleValue eval_node(const Node& n, std::uint32_t id);
  RuleValue eval_recorded(std::uint32_t id);
  RuleValue arithmetic(const Node& n, std::uint32_t id, const RuleValue& a, const RuleValue& b);
  bool compare(BinaryOp op, const RuleValue& a, const RuleValue& b, std::uint32_t id);
  bool compare_field_constant(const Node& n, std::uint32_t id);
  RuleValue call(const Node& n, std::uint32_t id);
  RuleValue aggregate(Fn fn, std::uint32_t arg, std::uint32_t id);
  RuleValue make_groups(std::uint32_t id, const RuleValue& list, std::string_view field);
  RuleValue sort_list(std::uint32_t id, const RuleValue& list, std::string_view field,
                      bool descending);
  RuleValue index_value(const RuleValue& object, const RuleValue& subscript);
  RuleValue record_member(const RuleValue& record, std::string_view name);
  RuleValue item_field_value(int which, std::uint32_t index, std::uint32_t slot);
  RuleValue builtin_field(int which, std::uint32_t index, FieldKind kind, std::string_view name);
  void build_column(int which, std::uint32_t slot);
  RuleValue group_member(const GroupData& g, std::string_view name);
  RuleValue breakdown_share(int which, std::string_view field, const std::string& key);
  std::optional<std::size_t> previous_index(std::string_view id);
  void add_metric_contributors(std::uint32_t metric);
  const Value& synthesized(int which, std::string_view field);
  void step(std::uint32_t node) {
    if (++steps_ > limits.max_steps) [[unlikely]]
      throw BudgetExceeded{node, true};
  }
  void report_budget(const BudgetExceeded& e);

  std::vector<RuleValue>& scratch();
  void release_scratch() { --scratch_depth_; }

  std::uint32_t owner_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t elements_ = 0;
  bool exhausted_ = false;

  std::vector<RuleValue> globals_;
  std::vector<std::vector<RuleValue>> columns_[2];  // per estimate, per field slot
  std::vector<std::uint8_t> memo_state_;
  std::vector<RuleValue> memo_values_;
  std::vector<std::uint8_t> warned_;

  // Arena: lists live in chunks that never move; texts in a deque.
  std::vector<std::unique_ptr<RuleValue[]>> chunks_;
  std::size_t chunk_used_ = 0, chunk_size_ = 0;
  std::deque<std::string> texts_;
  // Texts of attribute columns, one copy each: category-like fields repeat a few values,
  // and comparing against a compact pool stays in the cache.
  std::unordered_map<std::string_view, std::string_view> interned_;
  RuleValue intern(const RuleValue& v);
  // `items where category == "design" and ...` visits only the design items: for each
  // interned text column, the items of each value (built on first use). A column holding
  // anything but text and null has no index, so every item is still tested there and
  // its comparisons warn as they would.
  struct TextIndex {
    bool usable = false;
    std::unordered_map<const char*, std::vector<std::uint32_t>> items;
  };
  std::vector<std::unique_ptr<TextIndex>> text_index_;  // per field slot, current estimate
  std::deque<Value> values_;
  std::map<std::pair<int, std::string>, const Value*> synthesized_;
  std::deque<std::vector<RuleValue>> scratch_;  // a deque: buffers in use never move
  std::size_t scratch_depth_ = 0;

  std::deque<GroupData> groups_;
  std::map<std::pair<int, std::string>, TotalsReport> breakdowns_;
  std::unordered_map<std::string_view, std::size_t> previous_ids_;
  bool previous_ids_built_ = false;
  RuleValue all_items_;
  std::vector<std::optional<std::vector<std::size_t>>> metric_contributors_;
  bool all_items_built_ = false;

  friend class ::basis::RuleEvaluation;
};

// Comparisons and truthiness as the language defines them.
int compare_for_sort(const RuleValue& a, const RuleValue& b);

}  // namespace basis::detail
