// The evaluation context: item field columns, records (estimate, previous, totals), global
// paths, the arena, and reading values.

#include <algorithm>

#include <fmt/format.h>

#include "basis/engine/totals_report.hpp"
#include "rules_context.hpp"

namespace basis::detail {

namespace {

constexpr std::size_t kChunk = 4096;

Value text_value(std::string_view s) {
  Value v;
  v.kind = Value::Kind::text;
  v.text = std::string(s);
  return v;
}

Value number_value(std::optional<Decimal> d) {
  Value v;
  if (d) {
    v.kind = Value::Kind::number;
    v.number = *d;
  }
  return v;
}

}  // namespace

EvalContext::EvalContext(const RuleProgram& program_in, const Estimate& estimate,
                         const Estimate* previous, const EvalLimits& limits_in)
    : program_ref(program_in),
      program(program_in.data()),
      estimates{&estimate, previous},
      limits(limits_in) {
  memo_state_.assign(program.memo_count, 0);
  memo_values_.assign(program.memo_count, RuleValue{});
  metric_values.assign(program.metrics.size(), RuleValue{});
  for (int which = 0; which < 2; ++which) columns_[which].resize(program.fields.size());
  // Global paths are resolved once: `estimate.client.industry` is then a plain load.
  globals_.reserve(program.globals.size());
  counting = false;  // the estimate's own data
  for (const GlobalPath& path : program.globals) {
    RuleValue v;
    switch (path.root) {
      case GlobalRoot::estimate:
        v = record(RecordKind::estimate, 0);
        break;
      case GlobalRoot::totals:
        v = record(RecordKind::totals, 0);
        break;
      case GlobalRoot::previous:
        v = previous ? record(RecordKind::estimate, 1) : RuleValue::null();
        break;
    }
    for (const std::string& key : path.keys) v = member(v, key, true);
    globals_.push_back(v);
  }
  counting = true;
}

RuleValue EvalContext::record(RecordKind kind, int which) {
  RuleValue v;
  v.kind_ = RuleValue::Kind::record;
  v.sub_ = static_cast<std::uint8_t>(kind);
  v.index_ = static_cast<std::uint32_t>(which);
  return v;
}

RuleValue EvalContext::group_value(std::size_t index) {
  RuleValue v;
  v.kind_ = RuleValue::Kind::group;
  v.index_ = static_cast<std::uint32_t>(index);
  return v;
}

// ---- arena ------------------------------------------------------------------------------------

RuleValue EvalContext::make_list(std::span<const RuleValue> elements, std::uint32_t node) {
  if (elements.empty()) return RuleValue::list({});
  if (counting) {
    elements_ += elements.size();
    if (elements_ > limits.max_elements) throw BudgetExceeded{node, false};
  }
  if (chunks_.empty() || chunk_used_ + elements.size() > chunk_size_) {
    const std::size_t size = std::max(kChunk, elements.size());
    chunks_.push_back(std::make_unique<RuleValue[]>(size));
    chunk_size_ = size;
    chunk_used_ = 0;
  }
  RuleValue* out = chunks_.back().get() + chunk_used_;
  std::copy(elements.begin(), elements.end(), out);
  chunk_used_ += elements.size();
  return RuleValue::list({out, elements.size()});
}

RuleValue EvalContext::make_text(std::string text) {
  texts_.push_back(std::move(text));
  return RuleValue::text(texts_.back());
}

std::vector<RuleValue>& EvalContext::scratch() {
  if (scratch_depth_ == scratch_.size()) scratch_.emplace_back();
  std::vector<RuleValue>& buffer = scratch_[scratch_depth_++];
  buffer.clear();
  return buffer;
}

RuleValue EvalContext::all_items_list() {
  if (!all_items_built_) {
    std::vector<RuleValue> items;
    items.reserve(estimates[0]->items.size());
    for (std::size_t i = 0; i < estimates[0]->items.size(); ++i)
      items.push_back(RuleValue::item(i));
    // The estimate's own items are not created by a rule: they do not count to the budget.
    const bool saved = counting;
    counting = false;
    all_items_ = make_list(items, kNone);
    counting = saved;
    all_items_built_ = true;
  }
  return all_items_;
}

// ---- plain values -----------------------------------------------------------------------------

RuleValue EvalContext::from_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null:
      return RuleValue::null();
    case Value::Kind::boolean:
      return RuleValue::boolean(value.boolean);
    case Value::Kind::number:
      return RuleValue::number(value.number);
    case Value::Kind::text:
      return RuleValue::text(value.text);
    case Value::Kind::list: {
      std::vector<RuleValue> elements;
      elements.reserve(value.list.size());
      for (const Value& e : value.list) elements.push_back(from_value(e));
      const bool saved = counting;
      counting = false;
      RuleValue list = make_list(elements, kNone);
      counting = saved;
      return list;
    }
    case Value::Kind::map: {
      RuleValue v;
      v.kind_ = RuleValue::Kind::map;
      v.map_ = &value;
      return v;
    }
  }
  return RuleValue::null();
}

const Value& EvalContext::synthesized(int which, std::string_view field) {
  auto key = std::make_pair(which, std::string(field));
  auto it = synthesized_.find(key);
  if (it != synthesized_.end()) return *it->second;
  const Estimate& e = *estimates[which];
  Value out;
  if (field == "rates") {
    out.kind = Value::Kind::map;
    for (const RateSyntax& rate : e.syntax.rates)
      out.map.emplace_back(rate.name, number_value(rate.price));
  } else if (field == "risks") {
    out.kind = Value::Kind::list;
    for (const RiskSyntax& risk : e.syntax.risks) {
      Value r;
      r.kind = Value::Kind::map;
      r.map.emplace_back("id", text_value(risk.id));
      r.map.emplace_back("title", text_value(risk.title));
      r.map.emplace_back("probability", number_value(risk.probability));
      r.map.emplace_back("impact", number_value(risk.impact));
      for (const auto& [k, v] : risk.attributes) r.map.emplace_back(k, v);
      out.list.push_back(std::move(r));
    }
  } else if (field == "adjustments") {
    out.kind = Value::Kind::list;
    for (const AdjustmentSyntax& adj : e.syntax.adjustments) {
      Value a;
      a.kind = Value::Kind::map;
      a.map.emplace_back("id", text_value(adj.id));
      a.map.emplace_back("kind", text_value(adjustment_kind_name(adj.kind)));
      a.map.emplace_back("label", text_value(adj.label.empty() ? adj.id : adj.label));
      a.map.emplace_back("percent", number_value(adj.percent));
      const AdjustmentLine* line = e.totals.adjustment(adj.id);
      a.map.emplace_back("amount",
                         number_value(line ? std::optional<Decimal>(line->amount) : adj.amount));
      a.map.emplace_back("base",
                         number_value(line ? std::optional<Decimal>(line->base) : std::nullopt));
      out.list.push_back(std::move(a));
    }
  }
  values_.push_back(std::move(out));
  synthesized_.emplace(std::move(key), &values_.back());
  return values_.back();
}

RuleValue EvalContext::record_member(const RuleValue& rec, std::string_view name) {
  const int which = static_cast<int>(rec.index());
  const Estimate* e = estimates[which];
  if (!e) return RuleValue::null();
  switch (static_cast<RecordKind>(rec.sub())) {
    case RecordKind::estimate: {
      const EstimateSyntax& s = e->syntax;
      if (name == "id") return RuleValue::text(s.id);
      if (name == "title") return s.title.empty() ? RuleValue::null() : RuleValue::text(s.title);
      if (name == "version") return from_value(s.version);
      if (name == "date") return s.date.empty() ? RuleValue::null() : RuleValue::text(s.date);
      if (name == "currency") {
        return e->currency ? RuleValue::text(e->currency->code) : RuleValue::text("USD");
      }
      if (name == "class") {
        return s.estimate_class ? RuleValue::number(Decimal::from_int(*s.estimate_class))
                                : RuleValue::null();
      }
      if (name == "domain") return s.domain.empty() ? RuleValue::null() : RuleValue::text(s.domain);
      if (name == "three_point") {
        return RuleValue::text(s.three_point == ThreePointMethod::triangular ? "triangular"
                                                                             : "pert");
      }
      if (name == "rounding") return RuleValue::number(e->rounding_step);
      if (name == "client") return from_value(s.client);
      if (name == "project") return from_value(s.project);
      if (name == "internal") return from_value(s.internal);
      if (name == "assumptions" || name == "exclusions") {
        const auto& texts = name == "assumptions" ? s.assumptions : s.exclusions;
        std::vector<RuleValue> list;
        for (const std::string& t : texts) list.push_back(RuleValue::text(t));
        const bool saved = counting;
        counting = false;
        RuleValue v = make_list(list, kNone);
        counting = saved;
        return v;
      }
      if (name == "risks" || name == "adjustments" || name == "rates") {
        return from_value(synthesized(which, name));
      }
      if (name == "items") {
        if (which == 0) return all_items_list();
        std::vector<RuleValue> list;
        for (std::size_t i = 0; i < e->items.size(); ++i) list.push_back(RuleValue::item(i, true));
        const bool saved = counting;
        counting = false;
        RuleValue v = make_list(list, kNone);
        counting = saved;
        return v;
      }
      if (name == "totals") return record(RecordKind::totals, which);
      return RuleValue::null();
    }
    case RecordKind::totals:
      if (name == "direct") return RuleValue::number(e->totals.direct);
      if (name == "subtotal") return RuleValue::number(e->totals.subtotal);
      if (name == "total") return RuleValue::number(e->totals.total);
      if (name == "adjustments") return record(RecordKind::adjustments, which);
      return RuleValue::null();
    case RecordKind::adjustments: {
      const AdjustmentLine* line = e->totals.adjustment(name);
      return line ? RuleValue::number(line->amount) : RuleValue::null();
    }
  }
  return RuleValue::null();
}

// ---- items ------------------------------------------------------------------------------------

std::optional<std::size_t> EvalContext::previous_index(std::string_view id) {
  if (!estimates[1]) return std::nullopt;
  if (!previous_ids_built_) {
    for (std::size_t i = 0; i < estimates[1]->items.size(); ++i) {
      previous_ids_.emplace(estimates[1]->items[i].id(), i);
    }
    previous_ids_built_ = true;
  }
  auto it = previous_ids_.find(id);
  if (it == previous_ids_.end()) return std::nullopt;
  return it->second;
}

RuleValue EvalContext::builtin_field(int which, std::uint32_t index, FieldKind kind,
                                     std::string_view name) {
  const LineItem& item = estimates[which]->items[index];
  auto figure = [](const CostFigure& f) {
    return f.value ? RuleValue::number(*f.value) : RuleValue::null();
  };
  auto point = [](const CostFigure& f, int which_point) {
    if (!f.points) return RuleValue::null();
    return RuleValue::number(which_point == 0   ? f.points->low
                             : which_point == 1 ? f.points->likely
                                                : f.points->high);
  };
  switch (kind) {
    case FieldKind::id:
      return RuleValue::text(item.id());
    case FieldKind::name:
      return RuleValue::text(item.name());
    case FieldKind::amount:
      return RuleValue::number(item.amount);
    case FieldKind::hours:
      return figure(item.hours);
    case FieldKind::rate:
      return figure(item.rate);
    case FieldKind::quantity:
      return figure(item.quantity);
    case FieldKind::unit_cost:
      return figure(item.unit_cost);
    case FieldKind::rate_name:
      return item.rate_name.empty() ? RuleValue::null() : RuleValue::text(item.rate_name);
    case FieldKind::internal:
      return item.syntax ? from_value(item.syntax->internal) : RuleValue::null();
    case FieldKind::previous: {
      if (which != 0) return RuleValue::null();
      auto j = previous_index(item.id());
      return j ? RuleValue::item(*j, true) : RuleValue::null();
    }
    case FieldKind::hours_low:
      return point(item.hours, 0);
    case FieldKind::hours_likely:
      return point(item.hours, 1);
    case FieldKind::hours_high:
      return point(item.hours, 2);
    case FieldKind::rate_low:
      return point(item.rate, 0);
    case FieldKind::rate_likely:
      return point(item.rate, 1);
    case FieldKind::rate_high:
      return point(item.rate, 2);
    case FieldKind::quantity_low:
      return point(item.quantity, 0);
    case FieldKind::quantity_likely:
      return point(item.quantity, 1);
    case FieldKind::quantity_high:
      return point(item.quantity, 2);
    case FieldKind::unit_cost_low:
      return point(item.unit_cost, 0);
    case FieldKind::unit_cost_likely:
      return point(item.unit_cost, 1);
    case FieldKind::unit_cost_high:
      return point(item.unit_cost, 2);
    case FieldKind::amount_low:
      return point(item.amount_input, 0);
    case FieldKind::amount_likely:
      return point(item.amount_input, 1);
    case FieldKind::amount_high:
      return point(item.amount_input, 2);
    case FieldKind::attribute: {
      const Value* v = item.syntax ? item.syntax->attribute(name) : nullptr;
      return v ? from_value(*v) : RuleValue::null();
    }
  }
  return RuleValue::null();
}

void EvalContext::build_column(int which, std::uint32_t slot) {
  const FieldSlot& f = program.fields[slot];
  std::vector<RuleValue>& column = columns_[which][slot];
  const std::size_t n = estimates[which]->items.size();
  column.reserve(n);
  const bool repeats = f.kind == FieldKind::attribute || f.kind == FieldKind::rate_name;
  for (std::size_t i = 0; i < n; ++i) {
    RuleValue v = builtin_field(which, static_cast<std::uint32_t>(i), f.kind, f.name);
    column.push_back(repeats && v.is_text() ? intern(v) : v);
  }
}

RuleValue EvalContext::intern(const RuleValue& v) {
  auto it = interned_.find(v.as_text());
  if (it == interned_.end()) {
    texts_.emplace_back(v.as_text());
    const std::string_view stored = texts_.back();
    it = interned_.emplace(stored, stored).first;
  }
  return RuleValue::text(it->second);
}

const std::vector<std::uint32_t>* EvalContext::where_candidates(std::uint32_t condition) {
  const Node* n = &program.nodes[condition];
  while (n->op == Op::logical_and && n->memo == kNone) n = &program.nodes[n->a];
  if (n->op != Op::compare || n->shape != Shape::field_constant || n->memo != kNone ||
      static_cast<BinaryOp>(n->aux) != BinaryOp::equal) {
    return nullptr;
  }
  const RuleValue& constant = program.constants[program.nodes[n->b].a];
  const std::uint32_t slot = program.nodes[n->a].a;
  if (!constant.is_text() || slot >= program.fields.size()) return nullptr;
  const FieldKind kind = program.fields[slot].kind;
  if (kind != FieldKind::attribute && kind != FieldKind::rate_name) return nullptr;
  if (!estimates[0]) return nullptr;

  if (text_index_.size() <= slot) text_index_.resize(program.fields.size());
  std::unique_ptr<TextIndex>& index = text_index_[slot];
  if (!index) {
    index = std::make_unique<TextIndex>();
    const std::size_t count = estimates[0]->items.size();
    if (columns_[0][slot].empty()) build_column(0, slot);
    const std::vector<RuleValue>& column = columns_[0][slot];
    index->usable = column.size() == count;
    for (std::size_t i = 0; index->usable && i < count; ++i) {
      const RuleValue& v = column[i];
      if (v.is_null()) continue;
      if (!v.is_text()) index->usable = false;
      // Column texts are interned: one pointer per distinct text.
      else
        index->items[v.as_text().data()].push_back(static_cast<std::uint32_t>(i));
    }
    if (!index->usable) index->items.clear();
  }
  if (!index->usable) return nullptr;
  static const std::vector<std::uint32_t> none;
  const auto interned = interned_.find(constant.as_text());
  if (interned == interned_.end()) return &none;  // no item has this text
  const auto it = index->items.find(interned->second.data());
  return it == index->items.end() ? &none : &it->second;
}

RuleValue EvalContext::item_field_value(int which, std::uint32_t index, std::uint32_t slot) {
  std::vector<RuleValue>& column = columns_[which][slot];
  if (column.empty()) [[unlikely]] {
    if (!estimates[which] || index >= estimates[which]->items.size()) return RuleValue::null();
    build_column(which, slot);
  }
  if (index >= column.size()) return RuleValue::null();
  return column[index];
}

void EvalContext::note_contributor(const RuleValue& item) {
  if (contributors && quiet_trace == 0 && item.kind() == RuleValue::Kind::item &&
      !item.from_previous()) {
    contributors->push_back(item.index());
  }
}

RuleValue EvalContext::member(const RuleValue& value, std::string_view name, bool allow_internal) {
  if (!allow_internal && name == "internal") return RuleValue::null();
  switch (value.kind()) {
    case RuleValue::Kind::item: {
      if (contributors) note_contributor(value);
      const FieldKind kind = field_kind(name);
      if (!estimates[value.sub()] || value.index() >= estimates[value.sub()]->items.size()) {
        return RuleValue::null();
      }
      return builtin_field(value.sub(), value.index_, kind, name);
    }
    case RuleValue::Kind::map: {
      const Value* v = value.as_map()->find(name);
      return v ? from_value(*v) : RuleValue::null();
    }
    case RuleValue::Kind::record:
      return record_member(value, name);
    case RuleValue::Kind::group: {
      const GroupData* g = group(value);
      return g ? group_member(*g, name) : RuleValue::null();
    }
    case RuleValue::Kind::loop: {
      const std::size_t i = value.index(), n = value.loop_length();
      if (name == "index")
        return RuleValue::number(Decimal::from_int(static_cast<std::int64_t>(i + 1)));
      if (name == "index0")
        return RuleValue::number(Decimal::from_int(static_cast<std::int64_t>(i)));
      if (name == "first") return RuleValue::boolean(i == 0);
      if (name == "last") return RuleValue::boolean(i + 1 == n);
      if (name == "length")
        return RuleValue::number(Decimal::from_int(static_cast<std::int64_t>(n)));
      return RuleValue::null();
    }
    case RuleValue::Kind::list: {
      std::vector<RuleValue>& out = scratch();
      for (const RuleValue& e : value.as_list()) out.push_back(member(e, name, allow_internal));
      RuleValue list = make_list(out, kNone);
      release_scratch();
      return list;
    }
    default:
      return RuleValue::null();
  }
}

const LineItem* EvalContext::line_item(const RuleValue& v) const {
  if (v.kind() != RuleValue::Kind::item) return nullptr;
  const Estimate* e = estimates[v.sub()];
  if (!e || v.index() >= e->items.size()) return nullptr;
  return &e->items[v.index()];
}

const GroupData* EvalContext::group(const RuleValue& v) const {
  if (v.kind() != RuleValue::Kind::group || v.index() >= groups_.size()) return nullptr;
  return &groups_[v.index()];
}

RuleValue EvalContext::group_member(const GroupData& g, std::string_view name) {
  if (contributors && name != "key") {
    for (const RuleValue& item : g.items.as_list()) note_contributor(item);
  }
  if (name == "key") return g.key;
  if (name == "amount") return RuleValue::number(g.amount);
  if (name == "hours") return RuleValue::number(g.hours);
  if (name == "count")
    return RuleValue::number(Decimal::from_int(static_cast<std::int64_t>(g.count)));
  if (name == "items") return g.items;
  if (name == "share") return g.share;
  return RuleValue::null();
}

// ---- messages ---------------------------------------------------------------------------------

void EvalContext::warn(std::uint32_t node, std::string message) {
  if (warned_.empty()) warned_.assign(program.nodes.size(), 0);
  if (node < warned_.size()) {
    if (warned_[node]) return;
    warned_[node] = 1;
  }
  if (!diags) return;
  diags->warning(program.source_of(node), program.pos_of(node), std::move(message),
                 program.length_of(node));
}

void EvalContext::report_budget(const BudgetExceeded& e) {
  exhausted_ = true;
  complete = false;
  if (!diags) return;
  const std::string message =
      e.steps ? fmt::format(
                    "{} needs more than {} evaluation steps: evaluation stopped here (a "
                    "loop over the items inside another loop over them grows with the "
                    "square of the number of items)",
                    owner_name(), limits.max_steps)
              : fmt::format(
                    "{} builds lists of more than {} elements in all: evaluation "
                    "stopped here",
                    owner_name(), limits.max_elements);
  if (e.node < program.nodes.size()) {
    diags->error(program.source_of(e.node), program.pos_of(e.node), message,
                 program.length_of(e.node));
    return;
  }
  // No node to point at: the rule or metric itself.
  SourceRef source;
  SourcePos pos;
  if (owner_ < program.owners.size()) {
    const Owner& o = program.owners[owner_];
    if (o.kind == OwnerKind::metric && o.index < program.metrics.size()) {
      source = program.metrics[o.index].source;
      pos = program.metrics[o.index].syntax->name_pos;
    } else if (o.kind == OwnerKind::rule && o.index < program.rule_refs.size()) {
      source = program.rule_refs[o.index].file->source;
      pos = program.rule_refs[o.index].rule->id_pos;
    }
  }
  diags->error(source, pos, message);
}

std::string EvalContext::describe(const RuleValue& v) const {
  switch (v.kind()) {
    case RuleValue::Kind::null:
      return "null";
    case RuleValue::Kind::error:
      return "error";
    case RuleValue::Kind::boolean:
      return v.as_boolean() ? "true" : "false";
    case RuleValue::Kind::number:
      return v.as_number().to_string();
    case RuleValue::Kind::text:
      return fmt::format("\"{}\"", v.as_text());
    case RuleValue::Kind::list: {
      std::string out = "[";
      std::size_t shown = 0;
      for (const RuleValue& e : v.as_list()) {
        if (shown) out += ", ";
        if (++shown > 10) {
          out += fmt::format("... {} more", v.as_list().size() - 10);
          break;
        }
        out += describe(e);
      }
      return out + "]";
    }
    case RuleValue::Kind::item: {
      const LineItem* item = line_item(v);
      return item ? fmt::format("item {}{}", item->id(), v.from_previous() ? " (previous)" : "")
                  : "item";
    }
    case RuleValue::Kind::group: {
      const GroupData* g = group(v);
      return g ? fmt::format("group {} ({} items, amount {})", describe(g->key), g->count,
                             g->amount.to_string())
               : "group";
    }
    case RuleValue::Kind::map:
      return "{...}";
    case RuleValue::Kind::record:
      switch (static_cast<RecordKind>(v.sub())) {
        case RecordKind::estimate:
          return v.index() == 0 ? "estimate" : "previous";
        case RecordKind::totals:
          return "totals";
        case RecordKind::adjustments:
          return "totals.adjustments";
      }
      return "record";
    case RuleValue::Kind::loop:
      return fmt::format("loop {} of {}", v.index() + 1, v.loop_length());
  }
  return "";
}

Value EvalContext::to_value(const RuleValue& v) const {
  Value out;
  switch (v.kind()) {
    case RuleValue::Kind::null:
    case RuleValue::Kind::error:
    case RuleValue::Kind::record:
    case RuleValue::Kind::loop:
      return out;
    case RuleValue::Kind::boolean:
      out.kind = Value::Kind::boolean;
      out.boolean = v.as_boolean();
      return out;
    case RuleValue::Kind::number:
      out.kind = Value::Kind::number;
      out.number = v.as_number();
      return out;
    case RuleValue::Kind::text:
      return text_value(v.as_text());
    case RuleValue::Kind::list:
      out.kind = Value::Kind::list;
      for (const RuleValue& e : v.as_list()) out.list.push_back(to_value(e));
      return out;
    case RuleValue::Kind::item: {
      const LineItem* item = line_item(v);
      return item ? text_value(item->id()) : out;
    }
    case RuleValue::Kind::group: {
      const GroupData* g = group(v);
      if (!g) return out;
      out.kind = Value::Kind::map;
      out.map.emplace_back("key", to_value(g->key));
      out.map.emplace_back("amount", number_value(g->amount));
      out.map.emplace_back("hours", number_value(g->hours));
      out.map.emplace_back("count",
                           number_value(Decimal::from_int(static_cast<std::int64_t>(g->count))));
      out.map.emplace_back("share", to_value(g->share));
      out.map.emplace_back("items", to_value(g->items));
      return out;
    }
    case RuleValue::Kind::map:
      return *v.as_map();
  }
  return out;
}

}  // namespace basis::detail
