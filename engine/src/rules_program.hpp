#pragma once
// Private to the rules engine: the compiled, immutable form of a rule program. Expressions
// become nodes in one flat vector; names are resolved to metric indices, item field slots,
// global path slots and template local slots at compile time.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "basis/engine/rules.hpp"

namespace basis::detail {

inline constexpr std::uint32_t kNone = 0xffffffffu;

enum class Op : std::uint8_t {
  constant,      // a: constant index
  metric,        // a: metric index
  global,        // a: global path slot
  all_items,     // every item of the current estimate
  current_item,  // `item`: the element of the innermost item scope
  item_field,    // a bare field of the current element; a: field slot
  local,         // a: template local slot
  item_member,   // object.field where object is an item; a: object, b: field slot
  project,       // list.field: each element's field; a: list, b: field slot
  member,        // any other object.name; a: object, b: field slot (name and item reads)
  index,         // a: object, b: subscript
  list,          // a: first child in child_pool, b: count
  negate,        // a
  logical_not,   // a
  arithmetic,    // aux: BinaryOp (add..remainder); a, b
  compare,       // aux: BinaryOp (equal..not_in); a, b
  logical_and,   // a, b
  logical_or,    // a, b
  coalesce,      // a, b
  where,         // a: collection, b: condition (evaluated with the element as current)
  call,          // aux: Fn; a: first argument in child_pool, b: argument count
};

enum class Fn : std::uint8_t {
  sum,
  count,
  avg,
  min,
  max,
  exists,
  group,
  sort,
  take,
  share,
  round,
  floor,
  ceil,
  abs,
  len,
  lower,
  upper,
  contains,
  starts_with,
  if_,
};

struct FnSpec {
  std::string_view name;
  Fn fn;
  int min_args;
  int max_args;
};
std::span<const FnSpec> function_specs();
const FnSpec* find_function(std::string_view name);

// How an item field is read: the built-in fields straight from the LineItem, any other
// name from the item's attributes (through a column built once per evaluation).
enum class FieldKind : std::uint8_t {
  id,
  name,
  amount,
  hours,
  rate,
  quantity,
  unit_cost,
  rate_name,
  internal,
  previous,
  hours_low,
  hours_likely,
  hours_high,
  rate_low,
  rate_likely,
  rate_high,
  quantity_low,
  quantity_likely,
  quantity_high,
  unit_cost_low,
  unit_cost_likely,
  unit_cost_high,
  amount_low,
  amount_likely,
  amount_high,
  attribute,
};
FieldKind field_kind(std::string_view name);
std::span<const std::string_view> builtin_item_fields();

struct FieldSlot {
  std::string name;
  FieldKind kind = FieldKind::attribute;
};

// The root of a global path: `estimate.client.industry` is {estimate, {client, industry}}.
enum class GlobalRoot : std::uint8_t { estimate, previous, totals };
struct GlobalPath {
  GlobalRoot root = GlobalRoot::estimate;
  std::vector<std::string> keys;
  std::string text;  // "estimate.client.industry"
};

// Records (estimate, previous, totals, totals.adjustments) as runtime values: RuleValue
// kind record with sub = RecordKind and index = 0 (current estimate) or 1 (previous).
enum class RecordKind : std::uint8_t { estimate, totals, adjustments };

// Static types, for member resolution and the text/number checks.
enum class TypeKind : std::uint8_t {
  unknown,
  null,
  boolean,
  number,
  text,
  list,
  item,
  group,
  map,
  estimate,
  totals,
  adjustments,
  loop,
};
struct Type {
  TypeKind kind = TypeKind::unknown;
  TypeKind element = TypeKind::unknown;  // lists
  static Type of(TypeKind k) { return {k, TypeKind::unknown}; }
  static Type list_of(TypeKind e) { return {TypeKind::list, e}; }
  bool is(TypeKind k) const { return kind == k; }
  friend bool operator==(Type, Type) = default;
};
std::string_view type_name(TypeKind kind);  // "a number", "text", ...

// Shapes of compare nodes that the evaluator short-cuts (the children are still there for
// `why` and traces).
enum class Shape : std::uint8_t { general, field_constant };

struct Node {
  Op op = Op::constant;
  std::uint8_t aux = 0;
  Shape shape = Shape::general;
  std::uint32_t a = 0, b = 0;
  std::uint32_t memo = kNone;  // memo slot: invariant subtrees are evaluated once
  std::uint32_t origin = 0;    // index into ProgramData::origins
};

// Where a node came from, for messages and `why`.
struct Origin {
  const ExpressionSyntax* syntax = nullptr;
  ExprId expr = kNoExpr;
};

// Who an expression belongs to, for the warnings evaluation reports.
enum class OwnerKind : std::uint8_t { metric, rule, applies_to, other };
struct Owner {
  OwnerKind kind = OwnerKind::other;
  std::uint32_t index = 0;
  std::string name;  // adjustment id for applies_to
};

struct MetricInfo {
  std::string name;
  const MetricSyntax* syntax = nullptr;
  SourceRef source;
  std::uint32_t root = kNone;
  Type type;
  bool internal = false;
  // Why it is internal: the next metric in the chain, or the path it reads.
  std::uint32_t taint_metric = kNone;
  std::string taint_path;
};

struct CompiledRule {
  std::uint32_t when = kNone;
  std::uint32_t for_each = kNone;
  std::uint32_t explains = kNone;
  std::uint32_t benchmark = kNone;
  bool explains_item = false;
};

struct ProgramData {
  std::shared_ptr<const LoadedRules> rules;
  std::vector<LoadedRules::RuleRef> rule_refs;
  std::vector<CompiledRule> compiled_rules;

  std::vector<Node> nodes;
  std::vector<std::uint32_t> child_pool;
  std::vector<Origin> origins;
  std::vector<std::shared_ptr<const void>> keep_alive;  // syntax trees the origins point to

  // Constants: literals, and lists of literals built once.
  std::vector<RuleValue> constants;
  std::deque<std::string> strings;
  std::deque<std::vector<RuleValue>> constant_lists;

  std::vector<FieldSlot> fields;
  std::vector<GlobalPath> globals;
  std::uint32_t memo_count = 0;

  std::vector<MetricInfo> metrics;          // load order
  std::vector<std::uint32_t> metric_order;  // dependency order
  std::vector<Owner> owners;

  std::deque<CompiledTemplate> templates;
  std::vector<std::pair<const TemplateSyntax*, const CompiledTemplate*>> template_index;  // sorted
  std::vector<std::pair<const ExpressionSyntax*, CompiledExpr>> expression_index;         // sorted

  const Node& node(std::uint32_t id) const { return nodes[id]; }
  std::span<const std::uint32_t> children(const Node& n) const {
    return {child_pool.data() + n.a, n.b};
  }
  std::string owner_name(std::uint32_t owner) const;
  // The position and text of a node's origin.
  SourcePos pos_of(std::uint32_t node) const;
  SourceRef source_of(std::uint32_t node) const;
  std::string_view text_of(std::uint32_t node) const;
  std::uint32_t length_of(std::uint32_t node) const;  // characters of its token
};

}  // namespace basis::detail
