// The evaluator: one switch over the flat node vector. Numeric and boolean paths allocate
// nothing; collections are streamed element by element into aggregates, and only
// materialized (into the arena) when a list itself is the value.

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "rules_context.hpp"

namespace basis::detail {

RuleValue EvalContext::evaluate_root(std::uint32_t root, std::uint32_t owner, const RuleValue& item,
                                     std::span<const RuleValue> loop_locals,
                                     std::vector<std::size_t>* trace) {
  RuleValue result;
  if (root == kNone) return result;
  const RuleValue saved_current = current;
  const auto saved_locals = locals;
  auto* saved_trace = contributors;
  current = item;
  locals = loop_locals;
  contributors = trace;
  guarded(owner, [&] { result = eval(root); });
  current = saved_current;
  locals = saved_locals;
  contributors = saved_trace;
  return result;
}

void EvalContext::add_metric_contributors(std::uint32_t metric) {
  if (metric_contributors_.empty()) metric_contributors_.resize(program.metrics.size());
  if (!metric_contributors_[metric]) {
    // Evaluated again, this time noting the items whose values it reads.
    std::vector<std::size_t> items;
    const RuleValue saved_current = current;
    const auto saved_locals = locals;
    auto* saved = contributors;
    const int saved_quiet = quiet_trace;
    current = RuleValue::null();
    locals = {};
    contributors = &items;
    quiet_trace = 0;
    if (program.metrics[metric].root != kNone) eval(program.metrics[metric].root);
    current = saved_current;
    locals = saved_locals;
    contributors = saved;
    quiet_trace = saved_quiet;
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    metric_contributors_[metric] = std::move(items);
  }
  contributors->insert(contributors->end(), metric_contributors_[metric]->begin(),
                       metric_contributors_[metric]->end());
}

RuleValue EvalContext::eval(std::uint32_t id) {
  const Node& n = program.nodes[id];
  step(id);
  if (n.memo != kNone) [[unlikely]] {
    // A memoized value is the same wherever it is used, but a trace or `why` needs the
    // parts (and the items) that make it, so those evaluate it again.
    if (memo_state_[n.memo] && !contributors && !recorder) return memo_values_[n.memo];
    RuleValue v = recorder ? eval_recorded(id) : eval_node(n, id);
    memo_values_[n.memo] = v;
    memo_state_[n.memo] = 1;
    return v;
  }
  if (recorder) [[unlikely]]
    return eval_recorded(id);
  return eval_node(n, id);
}

RuleValue EvalContext::eval_recorded(std::uint32_t id) {
  if (record_suppressed > 0) return eval_node(program.nodes[id], id);
  const std::size_t slot = recorder->size();
  recorder->push_back(Recorded{id, record_depth, false, RuleValue{}});
  ++record_depth;
  RuleValue v = eval_node(program.nodes[id], id);
  --record_depth;
  (*recorder)[slot].evaluated = true;
  (*recorder)[slot].value = v;
  return v;
}

void EvalContext::stream(std::uint32_t id, Sink sink) {
  const Node& n = program.nodes[id];
  if (n.memo == kNone && !recorder) {
    switch (n.op) {
      case Op::all_items: {
        step(id);
        const std::size_t count = estimates[0]->items.size();
        for (std::size_t i = 0; i < count; ++i) {
          step(id);
          if (!sink(RuleValue::item(i))) return;
        }
        return;
      }
      case Op::where: {
        step(id);
        const std::uint32_t condition = n.b;
        const Node& source = program.nodes[n.a];
        const RuleValue saved = current;
        if (source.op == Op::all_items && source.memo == kNone) {
          // The common case, `items where C`, as a plain loop (over the items an indexed
          // first conjunct leaves, when it has one).
          step(n.a);
          auto visit = [&](std::size_t i) {
            step(id);
            current = RuleValue::item(i);
            ++quiet_trace;
            const bool keep = test(condition);
            --quiet_trace;
            if (!keep) return true;
            current = saved;
            return sink(RuleValue::item(i));
          };
          if (const std::vector<std::uint32_t>* candidates = where_candidates(condition)) {
            for (std::uint32_t i : *candidates) {
              if (!visit(i)) return;
            }
          } else {
            const std::size_t count = estimates[0]->items.size();
            for (std::size_t i = 0; i < count; ++i) {
              if (!visit(i)) return;
            }
          }
          current = saved;
          return;
        }
        auto filter = [&](const RuleValue& element) {
          step(id);
          current = element;
          ++quiet_trace;
          const bool keep = test(condition);
          --quiet_trace;
          current = saved;
          return keep ? sink(element) : true;
        };
        stream(n.a, make_sink(filter));
        return;
      }
      case Op::project: {
        step(id);
        const std::uint32_t slot = n.b;
        auto project = [&](const RuleValue& element) { return sink(field(element, slot)); };
        stream(n.a, make_sink(project));
        return;
      }
      default:
        break;
    }
  }
  const RuleValue v = eval(id);
  if (v.is_list()) {
    for (const RuleValue& e : v.as_list()) {
      step(id);
      if (!sink(e)) return;
    }
  } else if (!v.is_null()) {
    sink(v);
  }
}

RuleValue EvalContext::materialize(std::uint32_t id) {
  std::vector<RuleValue>& out = scratch();
  auto push = [&](const RuleValue& v) {
    out.push_back(v);
    return true;
  };
  const Node& n = program.nodes[id];
  switch (n.op) {
    case Op::where: {
      const std::uint32_t condition = n.b;
      auto filter = [&](const RuleValue& element) {
        step(id);
        const RuleValue saved = current;
        current = element;
        ++quiet_trace;
        if (recorder) ++record_suppressed;
        const bool keep = test(condition);
        if (recorder) --record_suppressed;
        --quiet_trace;
        current = saved;
        if (keep) out.push_back(element);
        return true;
      };
      const Node& source = program.nodes[n.a];
      const std::vector<std::uint32_t>* candidates =
          source.op == Op::all_items && source.memo == kNone && !recorder
              ? where_candidates(condition)
              : nullptr;
      if (candidates) {
        // Only the items an indexed first conjunct leaves (see stream).
        step(n.a);
        for (std::uint32_t i : *candidates) filter(RuleValue::item(i));
      } else {
        stream(n.a, make_sink(filter));
      }
      break;
    }
    case Op::project: {
      const std::uint32_t slot = n.b;
      auto project = [&](const RuleValue& element) {
        if (recorder) ++record_suppressed;
        out.push_back(field(element, slot));
        if (recorder) --record_suppressed;
        return true;
      };
      const RuleValue source = eval(n.a);
      if (!source.is_list()) {
        release_scratch();
        return source.is_null() ? RuleValue::null() : field(source, slot);
      }
      for (const RuleValue& e : source.as_list()) {
        step(id);
        project(e);
      }
      break;
    }
    default:
      stream(id, make_sink(push));
      break;
  }
  RuleValue list = make_list(out, id);
  release_scratch();
  return list;
}

// ---- operators --------------------------------------------------------------------------------

bool EvalContext::compare(BinaryOp op, const RuleValue& a, const RuleValue& b, std::uint32_t id) {
  using K = RuleValue::Kind;
  switch (op) {
    case BinaryOp::equal:
      return a == b;
    case BinaryOp::not_equal:
      if (a.kind() == K::error || b.kind() == K::error) return false;
      return !(a == b);
    case BinaryOp::less:
    case BinaryOp::less_equal:
    case BinaryOp::greater:
    case BinaryOp::greater_equal: {
      int c;
      if (a.kind() == K::number && b.kind() == K::number) {
        const auto x = a.as_number(), y = b.as_number();
        c = x < y ? -1 : (x > y ? 1 : 0);
      } else if (a.kind() == K::text && b.kind() == K::text) {
        const int r = a.as_text().compare(b.as_text());
        c = r < 0 ? -1 : (r > 0 ? 1 : 0);
      } else {
        return false;  // a comparison with null (or across kinds) is false
      }
      switch (op) {
        case BinaryOp::less:
          return c < 0;
        case BinaryOp::less_equal:
          return c <= 0;
        case BinaryOp::greater:
          return c > 0;
        default:
          return c >= 0;
      }
    }
    case BinaryOp::in:
    case BinaryOp::not_in: {
      bool found = false;
      if (b.kind() == K::list) {
        const auto elements = b.as_list();
        steps_ += elements.size();
        if (a.kind() == K::text) {
          // The common case, a text among texts: lengths first, then bytes.
          const std::string_view needle = a.as_text();
          for (const RuleValue& e : elements) {
            if (e.kind() == K::text && e.text_.size == needle.size() &&
                std::memcmp(e.text_.data, needle.data(), needle.size()) == 0) {
              found = true;
              break;
            }
          }
        } else {
          for (const RuleValue& e : elements) {
            if (a == e) {
              found = true;
              break;
            }
          }
        }
        if (steps_ > limits.max_steps) throw BudgetExceeded{id, true};
      } else if (b.kind() == K::text && a.kind() == K::text) {
        found = b.as_text().find(a.as_text()) != std::string_view::npos;
      } else {
        return false;
      }
      return op == BinaryOp::in ? found : !found;
    }
    default:
      return false;
  }
}

RuleValue EvalContext::arithmetic(const Node& n, std::uint32_t id, const RuleValue& a,
                                  const RuleValue& b) {
  using K = RuleValue::Kind;
  const auto op = static_cast<BinaryOp>(n.aux);
  if (a.kind() == K::error || b.kind() == K::error) return RuleValue::error();
  if (a.kind() == K::null || b.kind() == K::null) return RuleValue::null();
  if (op == BinaryOp::add && a.kind() == K::text && b.kind() == K::text) {
    std::string joined;
    joined.reserve(a.as_text().size() + b.as_text().size());
    joined.append(a.as_text()).append(b.as_text());
    return make_text(std::move(joined));
  }
  if (a.kind() != K::number || b.kind() != K::number) {
    warn(id, fmt::format("'{}' in {} needs numbers, but got {} and {}: the result is null",
                         spelling(op), owner_name(), describe(a), describe(b)));
    return RuleValue::null();
  }
  const Decimal x = a.as_number(), y = b.as_number();
  std::optional<Decimal> r;
  switch (op) {
    case BinaryOp::add:
      r = add(x, y);
      break;
    case BinaryOp::subtract:
      r = sub(x, y);
      break;
    case BinaryOp::multiply:
      r = mul(x, y);
      break;
    case BinaryOp::divide:
    case BinaryOp::remainder:
      if (y.is_zero()) {
        warn(id, fmt::format("division by zero in {}: the result is null", owner_name()));
        return RuleValue::null();
      }
      r = op == BinaryOp::divide ? div(x, y) : mod(x, y);
      break;
    default:
      break;
  }
  if (!r) {
    warn(id, fmt::format("overflow in {}: the result of '{}' is too large", owner_name(),
                         spelling(op)));
    return RuleValue::error();
  }
  return RuleValue::number(*r);
}

RuleValue EvalContext::index_value(const RuleValue& object, const RuleValue& subscript) {
  if (object.is_list() && subscript.is_number()) {
    const Decimal i = subscript.as_number();
    if (!i.is_integer() || i.sign() < 0) return RuleValue::null();
    const auto k = i.to_int64();
    if (!k || static_cast<std::uint64_t>(*k) >= object.as_list().size()) return RuleValue::null();
    return object.as_list()[static_cast<std::size_t>(*k)];
  }
  if (subscript.is_text()) return member(object, subscript.as_text(), false);
  return RuleValue::null();
}

bool EvalContext::compare_field_constant(const Node& n, std::uint32_t id) {
  steps_ += 2;  // the two operands, as if evaluated one by one
  const RuleValue v = field(current, program.nodes[n.a].a);
  const RuleValue& c = program.constants[program.nodes[n.b].a];
  const auto op = static_cast<BinaryOp>(n.aux);
  using K = RuleValue::Kind;
  if (v.kind_ == K::number && c.kind_ == K::number) {
    const Decimal::Raw x = v.raw_, y = c.raw_;
    switch (op) {
      case BinaryOp::equal:
        return x == y;
      case BinaryOp::not_equal:
        return x != y;
      case BinaryOp::less:
        return x < y;
      case BinaryOp::less_equal:
        return x <= y;
      case BinaryOp::greater:
        return x > y;
      case BinaryOp::greater_equal:
        return x >= y;
      default:
        break;
    }
  } else if ((v.kind_ == K::null || c.kind_ == K::null) && op != BinaryOp::in &&
             op != BinaryOp::not_in) {
    // A comparison with null is false, except == null and != null.
    if (op == BinaryOp::equal) return v.kind_ == c.kind_;
    if (op == BinaryOp::not_equal) return v.kind_ != c.kind_ && v.kind_ != K::error;
    return false;
  } else if (v.kind_ == K::text && c.kind_ == K::text &&
             (op == BinaryOp::equal || op == BinaryOp::not_equal)) {
    return (v.as_text() == c.as_text()) == (op == BinaryOp::equal);
  }
  return compare(op, v, c, id);
}

bool EvalContext::test(std::uint32_t id) {
  const Node& n = program.nodes[id];
  if (n.memo != kNone || recorder) [[unlikely]]
    return eval(id).truthy();
  step(id);
  switch (n.op) {
    case Op::compare:
      if (n.shape == Shape::field_constant) return compare_field_constant(n, id);
      {
        const RuleValue a = eval(n.a);
        const RuleValue b = eval(n.b);
        return compare(static_cast<BinaryOp>(n.aux), a, b, id);
      }
    case Op::logical_and:
      return test(n.a) && test(n.b);
    case Op::logical_or:
      return test(n.a) || test(n.b);
    case Op::logical_not:
      return !test(n.a);
    default:
      return eval_node(n, id).truthy();
  }
}

RuleValue EvalContext::eval_node(const Node& n, std::uint32_t id) {
  switch (n.op) {
    case Op::constant:
      return program.constants[n.a];
    case Op::metric:
      if (contributors && quiet_trace == 0) add_metric_contributors(n.a);
      return metric_values[n.a];
    case Op::global:
      return globals_[n.a];
    case Op::all_items:
      return all_items_list();
    case Op::current_item:
      return current;
    case Op::item_field:
      return field(current, n.a);
    case Op::local:
      return n.a < locals.size() ? locals[n.a] : RuleValue::null();
    case Op::item_member:
      return field(eval(n.a), n.b);
    case Op::project:
      return materialize(id);
    case Op::member: {
      const RuleValue object = eval(n.a);
      if (object.is_list()) {
        std::vector<RuleValue>& out = scratch();
        for (const RuleValue& e : object.as_list()) {
          step(id);
          out.push_back(field(e, n.b));
        }
        RuleValue list = make_list(out, id);
        release_scratch();
        return list;
      }
      return field(object, n.b);
    }
    case Op::index: {
      const RuleValue object = eval(n.a);
      return index_value(object, eval(n.b));
    }
    case Op::list: {
      std::vector<RuleValue>& out = scratch();
      for (std::uint32_t c : program.children(n)) out.push_back(eval(c));
      RuleValue list = make_list(out, id);
      release_scratch();
      return list;
    }
    case Op::negate: {
      const RuleValue v = eval(n.a);
      if (v.is_number()) return RuleValue::number(v.as_number().negated());
      if (v.kind() == RuleValue::Kind::error) return v;
      return RuleValue::null();
    }
    case Op::logical_not:
      return RuleValue::boolean(!test(n.a));
    case Op::arithmetic: {
      const RuleValue a = eval(n.a);
      return arithmetic(n, id, a, eval(n.b));
    }
    case Op::compare: {
      if (n.shape == Shape::field_constant && !recorder)
        return RuleValue::boolean(compare_field_constant(n, id));
      const RuleValue a = eval(n.a);
      const RuleValue b = eval(n.b);
      const bool r = compare(static_cast<BinaryOp>(n.aux), a, b, id);
      return RuleValue::boolean(r);
    }
    case Op::logical_and:
      return RuleValue::boolean(test(n.a) && test(n.b));
    case Op::logical_or:
      return RuleValue::boolean(test(n.a) || test(n.b));
    case Op::coalesce: {
      const RuleValue a = eval(n.a);
      if (a.is_null() || a.kind() == RuleValue::Kind::error) return eval(n.b);
      return a;
    }
    case Op::where:
      return materialize(id);
    case Op::call:
      return call(n, id);
  }
  return RuleValue::null();
}

}  // namespace basis::detail
