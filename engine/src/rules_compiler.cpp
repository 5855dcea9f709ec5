#include "rules_compiler.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rules_names.hpp"

namespace basis::detail {

namespace {

std::uint64_t frame_bit(std::size_t frame) {
  return std::uint64_t{1} << std::min<std::size_t>(frame, 63);
}

std::uint32_t code_point_count(std::string_view text) {
  std::uint32_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool is_scalar(TypeKind k) {
  return k == TypeKind::number || k == TypeKind::text || k == TypeKind::boolean ||
         k == TypeKind::null;
}

// Types that arithmetic can never use.
bool not_arithmetic(TypeKind k) {
  return k == TypeKind::boolean || k == TypeKind::list || k == TypeKind::item ||
         k == TypeKind::group || k == TypeKind::estimate || k == TypeKind::totals ||
         k == TypeKind::adjustments || k == TypeKind::loop || k == TypeKind::map;
}

Type merge_types(Type a, Type b) {
  if (a == b) return a;
  if (a.is(TypeKind::null)) return b;
  if (b.is(TypeKind::null)) return a;
  if (a.is(TypeKind::list) && b.is(TypeKind::list)) return Type::list_of(TypeKind::unknown);
  return Type::of(TypeKind::unknown);
}

std::string arg_count_text(const FnSpec& spec) {
  if (spec.min_args == spec.max_args) {
    return fmt::format("{} argument{}", spec.min_args, spec.min_args == 1 ? "" : "s");
  }
  if (spec.max_args == spec.min_args + 1) {
    return fmt::format("{} or {} arguments", spec.min_args, spec.max_args);
  }
  return fmt::format("{} to {} arguments", spec.min_args, spec.max_args);
}

}  // namespace

ExprCompiler::ExprCompiler(ProgramData& program, Diagnostics& diags,
                           const std::map<std::string, std::uint32_t, std::less<>>& metric_index)
    : program_(program), diags_(diags), metric_index_(metric_index) {}

std::uint32_t ExprCompiler::compile(const ExpressionSyntax& syntax, ExprId root,
                                    std::uint32_t owner, bool repeated) {
  ctx_ = {&syntax, owner};
  origin_of_expr_.assign(syntax.nodes.size(), kNone);
  ok_ = true;
  if (root == kNoExpr || root >= syntax.nodes.size()) return kNone;
  const std::uint32_t n = node(root);
  if (!ok_ || n == kNone) return kNone;
  if (repeated) mark_repeated(n);
  return n;
}

// ---- helpers --------------------------------------------------------------------------------

void ExprCompiler::error(ExprId at, std::string message, bool whole) {
  ok_ = false;
  const ExprNode& e = ctx_.syntax->node(at);
  const std::uint32_t begin = whole ? e.begin : e.token_begin;
  const std::uint32_t end = whole ? e.end : e.token_end;
  const std::string_view text =
      std::string_view(ctx_.syntax->input.text).substr(begin, end - begin);
  diags_.error(ctx_.syntax->input.source, whole ? e.pos : e.token_pos, std::move(message),
               std::max<std::uint32_t>(1, code_point_count(text)));
}

std::string ExprCompiler::text(ExprId id) const {
  return std::string(ctx_.syntax->text_of(id));
}

std::string ExprCompiler::describe_operand(ExprId id, const NodeInfo& info) const {
  return fmt::format("{} is {}", text(id), type_name(info.type.kind));
}

std::uint32_t ExprCompiler::origin(ExprId id) {
  if (id < origin_of_expr_.size() && origin_of_expr_[id] != kNone) return origin_of_expr_[id];
  program_.origins.push_back(Origin{ctx_.syntax, id});
  const auto o = static_cast<std::uint32_t>(program_.origins.size() - 1);
  if (id < origin_of_expr_.size()) origin_of_expr_[id] = o;
  return o;
}

std::uint32_t ExprCompiler::emit(Node n, NodeInfo info, ExprId at) {
  n.origin = origin(at);
  program_.nodes.push_back(n);
  const auto id = static_cast<std::uint32_t>(program_.nodes.size() - 1);
  if (infos_.size() < program_.nodes.size()) infos_.resize(program_.nodes.size());
  infos_[id] = std::move(info);
  // The children of a node that depends on the current element or a loop variable are
  // evaluated again and again: their invariant parts that loop over collections are
  // computed once per evaluation.
  const Node& stored = program_.nodes[id];
  std::vector<std::uint32_t> children;
  switch (stored.op) {
    case Op::list:
    case Op::call: {
      auto c = program_.children(stored);
      children.assign(c.begin(), c.end());
      break;
    }
    case Op::item_member:
    case Op::project:
    case Op::member:
    case Op::negate:
    case Op::logical_not:
      children = {stored.a};
      break;
    case Op::index:
    case Op::arithmetic:
    case Op::compare:
    case Op::logical_and:
    case Op::logical_or:
    case Op::coalesce:
    case Op::where:
      children = {stored.a, stored.b};
      break;
    default:
      break;
  }
  bool costly = expensive(id);
  for (std::uint32_t c : children) costly = costly || infos_[c].costly;
  infos_[id].costly = costly;
  if (infos_[id].deps != 0) {
    for (std::uint32_t c : children) mark_repeated(c);
  }
  if (stored.op == Op::where) mark_repeated(stored.b);  // the condition runs per element
  if (stored.op == Op::where) mark_repeated(stored.b);  // the condition runs per element
  return id;
}

bool ExprCompiler::expensive(std::uint32_t n) const {
  const Node& node = program_.nodes[n];
  switch (node.op) {
    case Op::where:
    case Op::project:
      return true;
    case Op::call:
      switch (static_cast<Fn>(node.aux)) {
        case Fn::sum:
        case Fn::count:
        case Fn::avg:
        case Fn::min:
        case Fn::max:
        case Fn::exists:
        case Fn::group:
        case Fn::sort:
        case Fn::take:
        case Fn::contains:
        case Fn::len:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}

void ExprCompiler::mark_repeated(std::uint32_t child) {
  if (child == kNone || child >= infos_.size()) return;
  if (infos_[child].deps != 0 || !infos_[child].costly) return;
  Node& n = program_.nodes[child];
  if (n.memo == kNone) n.memo = program_.memo_count++;
}

std::uint32_t ExprCompiler::constant(RuleValue v, Type t, ExprId at) {
  program_.constants.push_back(v);
  NodeInfo info;
  info.type = t;
  info.constant = true;
  return emit(Node{Op::constant, 0, Shape::general,
                   static_cast<std::uint32_t>(program_.constants.size() - 1), 0},
              std::move(info), at);
}

std::uint32_t ExprCompiler::global(GlobalPath path, Type t, ExprId at) {
  std::uint32_t slot = kNone;
  for (std::size_t i = 0; i < program_.globals.size(); ++i) {
    const GlobalPath& g = program_.globals[i];
    if (g.root == path.root && g.keys == path.keys) slot = static_cast<std::uint32_t>(i);
  }
  if (slot == kNone) {
    static constexpr std::string_view kRootNames[] = {"estimate", "previous", "totals"};
    path.text = std::string(kRootNames[static_cast<int>(path.root)]);
    for (const std::string& k : path.keys) path.text += "." + k;
    program_.globals.push_back(std::move(path));
    slot = static_cast<std::uint32_t>(program_.globals.size() - 1);
  }
  NodeInfo info;
  info.type = t;
  return emit(Node{Op::global, 0, Shape::general, slot, 0}, std::move(info), at);
}

std::uint32_t ExprCompiler::field_slot(std::string_view name) {
  for (std::size_t i = 0; i < program_.fields.size(); ++i) {
    if (program_.fields[i].name == name) return static_cast<std::uint32_t>(i);
  }
  program_.fields.push_back(FieldSlot{std::string(name), field_kind(name)});
  return static_cast<std::uint32_t>(program_.fields.size() - 1);
}

void ExprCompiler::merge(NodeInfo& into, std::uint32_t child) const {
  if (child == kNone) return;
  const NodeInfo& c = infos_[child];
  into.deps |= c.deps;
  if (!into.tainted && c.tainted) {
    into.tainted = true;
    into.taint_metric = c.taint_metric;
    into.taint_path = c.taint_path;
    into.taint_source = c.taint_source;
    into.taint_pos = c.taint_pos;
    into.taint_length = c.taint_length;
    into.taint_chain = false;
  }
}

void ExprCompiler::taint_at(NodeInfo& info, std::string path, ExprId at) const {
  const ExprNode& e = ctx_.syntax->node(at);
  info.tainted = true;
  info.taint_metric = kNone;
  info.taint_path = std::move(path);
  info.taint_source = ctx_.syntax->input.source;
  info.taint_pos = e.pos;
  info.taint_length = std::max<std::uint32_t>(1, code_point_count(ctx_.syntax->text_of(at)));
  info.taint_chain = true;
}

int ExprCompiler::binding_frame() const {
  for (int i = static_cast<int>(frames.size()) - 1; i >= 0; --i) {
    if (frames[static_cast<std::size_t>(i)].binds_item) return i;
  }
  return -1;
}

// ---- nodes ----------------------------------------------------------------------------------

std::uint32_t ExprCompiler::node(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  switch (e.kind) {
    case ExprKind::number:
      return constant(RuleValue::number(e.number), Type::of(TypeKind::number), id);
    case ExprKind::string: {
      program_.strings.push_back(e.text);
      return constant(RuleValue::text(program_.strings.back()), Type::of(TypeKind::text), id);
    }
    case ExprKind::boolean:
      return constant(RuleValue::boolean(e.boolean), Type::of(TypeKind::boolean), id);
    case ExprKind::null:
      return constant(RuleValue::null(), Type::of(TypeKind::null), id);
    case ExprKind::list:
      return literal_list(id);
    case ExprKind::name:
      return name(id);
    case ExprKind::member: {
      const std::uint32_t object = node(e.object());
      if (object == kNone) return kNone;
      return member(object, e.text, id);
    }
    case ExprKind::index:
      return index(id);
    case ExprKind::call:
      return call(id);
    case ExprKind::unary:
      return unary(id);
    case ExprKind::binary:
      return binary(id);
    case ExprKind::where:
      return where(id);
  }
  return kNone;
}

std::uint32_t ExprCompiler::literal_list(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  std::vector<std::uint32_t> elements;
  bool failed = false;
  for (ExprId c : e.args()) {
    const std::uint32_t n = node(c);
    if (n == kNone) failed = true;
    elements.push_back(n);
  }
  if (failed) return kNone;
  bool all_constant = true;
  Type element = elements.empty() ? Type::of(TypeKind::unknown) : infos_[elements[0]].type;
  for (std::uint32_t n : elements) {
    all_constant = all_constant && infos_[n].constant;
    if (!(infos_[n].type == element)) element = merge_types(element, infos_[n].type);
  }
  const Type type = Type::list_of(element.kind);
  if (all_constant) {
    std::vector<RuleValue> values;
    for (std::uint32_t n : elements) values.push_back(program_.constants[program_.nodes[n].a]);
    program_.constant_lists.push_back(std::move(values));
    return constant(RuleValue::list(program_.constant_lists.back()), type, id);
  }
  NodeInfo info;
  info.type = type;
  for (std::uint32_t n : elements) merge(info, n);
  const auto first = static_cast<std::uint32_t>(program_.child_pool.size());
  program_.child_pool.insert(program_.child_pool.end(), elements.begin(), elements.end());
  return emit(Node{Op::list, 0, Shape::general, first, static_cast<std::uint32_t>(elements.size())},
              std::move(info), id);
}

std::uint32_t ExprCompiler::name(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  const std::string_view n = e.text;

  // Loop variables of templates, innermost first.
  for (int i = static_cast<int>(frames.size()) - 1; i >= 0; --i) {
    const Frame& f = frames[static_cast<std::size_t>(i)];
    if (!f.is_local) continue;
    if (f.name == n || n == "loop") {
      NodeInfo info;
      info.type = f.name == n ? f.type : Type::of(TypeKind::loop);
      info.deps = frame_bit(static_cast<std::size_t>(i));
      return emit(Node{Op::local, 0, Shape::general, f.name == n ? f.slot : f.slot + 1, 0},
                  std::move(info), id);
    }
  }

  if (env.metrics) {
    auto it = metric_index_.find(n);
    if (it != metric_index_.end()) {
      const MetricInfo& m = program_.metrics[it->second];
      NodeInfo info;
      info.type = m.type;
      if (m.internal) {
        taint_at(info, "", id);
        info.taint_metric = it->second;
        info.taint_chain = false;
      }
      return emit(Node{Op::metric, 0, Shape::general, it->second, 0}, std::move(info), id);
    }
  }
  if (n == "estimate")
    return global(GlobalPath{GlobalRoot::estimate, {}, {}}, Type::of(TypeKind::estimate), id);
  if (n == "items") {
    NodeInfo info;
    info.type = Type::list_of(TypeKind::item);
    return emit(Node{Op::all_items}, std::move(info), id);
  }
  if (n == "totals" || n == "previous") {
    const bool allowed = n == "totals" ? env.totals : env.previous;
    if (!allowed) {
      error(id, fmt::format("'{}' cannot be used here: {}", n, env.no_totals_reason));
      return kNone;
    }
    if (n == "totals")
      return global(GlobalPath{GlobalRoot::totals, {}, {}}, Type::of(TypeKind::totals), id);
    return global(GlobalPath{GlobalRoot::previous, {}, {}}, Type::of(TypeKind::estimate), id);
  }

  const int b = binding_frame();
  if (n == "item") {
    if (b < 0) {
      error(id, "'item' is only defined inside for_each rules, where filters and loops over items");
      return kNone;
    }
    NodeInfo info;
    info.type = frames[static_cast<std::size_t>(b)].type;
    info.deps = frame_bit(static_cast<std::size_t>(b));
    return emit(Node{Op::current_item}, std::move(info), id);
  }
  if (b >= 0) {
    const Type element = frames[static_cast<std::size_t>(b)].type;
    NodeInfo info;
    info.deps = frame_bit(static_cast<std::size_t>(b));
    if (element.is(TypeKind::group)) {
      if (!contains_name(group_fields(), n)) {
        error(id, fmt::format("unknown name '{}': a group has key, amount, hours, count, items "
                              "and share{}",
                              n, did_you_mean(n, group_fields())));
        return kNone;
      }
      info.type = group_field_type(n);
    } else if (is_scalar(element.kind)) {
      error(id, fmt::format("unknown name '{}': the elements here are {}, which have no fields", n,
                            type_name(element.kind)));
      return kNone;
    } else {
      info.type = item_field_type(field_kind(n));
      if (!element.is(TypeKind::item) && field_kind(n) == FieldKind::attribute) {
        info.type = Type::of(TypeKind::unknown);
      }
      if (n == "internal" && (element.is(TypeKind::item) || element.is(TypeKind::unknown))) {
        taint_at(info, "item.internal", id);
      }
    }
    return emit(Node{Op::item_field, 0, Shape::general, field_slot(n), 0}, std::move(info), id);
  }

  std::vector<std::string_view> candidates;
  for (const MetricInfo& m : program_.metrics) {
    if (env.metrics) candidates.push_back(m.name);
  }
  for (const Frame& f : frames) {
    if (f.is_local) candidates.push_back(f.name);
  }
  candidates.push_back("estimate");
  candidates.push_back("items");
  if (env.totals) candidates.push_back("totals");
  if (env.previous) candidates.push_back("previous");
  error(id, fmt::format("unknown name '{}'{}", n, did_you_mean(n, candidates)));
  return kNone;
}

std::uint32_t ExprCompiler::member(std::uint32_t object, std::string_view name, ExprId at) {
  const Node o = program_.nodes[object];
  const Type ot = infos_[object].type;
  const ExprNode& at_node = ctx_.syntax->node(at);
  const std::string object_text =
      (at_node.kind == ExprKind::member || at_node.kind == ExprKind::index) ? text(at_node.object())
                                                                            : text(at);
  if (o.op == Op::global &&
      (ot.is(TypeKind::estimate) || ot.is(TypeKind::totals) || ot.is(TypeKind::adjustments) ||
       ot.is(TypeKind::map) || ot.is(TypeKind::unknown))) {
    return member_of_global(object, name, at);
  }
  NodeInfo info;
  merge(info, object);
  const bool may_be_item = ot.is(TypeKind::item) || ot.is(TypeKind::unknown);
  switch (ot.kind) {
    case TypeKind::item: {
      info.type = item_field_type(field_kind(name));
      if (name == "internal")
        taint_at(info, text(at), at);
      else if (infos_[object].taint_chain)
        taint_at(info, text(at), at);
      return emit(Node{Op::item_member, 0, Shape::general, object, field_slot(name)},
                  std::move(info), at);
    }
    case TypeKind::list: {
      const TypeKind element = ot.element;
      if (is_scalar(element)) {
        error(at, fmt::format("{} is a list of {}: it has no field '{}'", object_text,
                              element == TypeKind::number ? "numbers"
                              : element == TypeKind::text ? "texts"
                                                          : "values",
                              name));
        return kNone;
      }
      Type field = Type::of(TypeKind::unknown);
      if (element == TypeKind::group) {
        if (!contains_name(group_fields(), name)) {
          error(at, fmt::format("a group has no field '{}'{}", name,
                                did_you_mean(name, group_fields())));
          return kNone;
        }
        field = group_field_type(name);
      } else if (element == TypeKind::item) {
        field = item_field_type(field_kind(name));
      }
      if (name == "internal" && (element == TypeKind::item || element == TypeKind::unknown)) {
        taint_at(info, text(at), at);
      } else if (infos_[object].taint_chain) {
        taint_at(info, text(at), at);
      }
      info.type = Type::list_of(field.kind);
      return emit(Node{Op::project, 0, Shape::general, object, field_slot(name)}, std::move(info),
                  at);
    }
    case TypeKind::group:
      if (!contains_name(group_fields(), name)) {
        error(at,
              fmt::format("a group has no field '{}'{}", name, did_you_mean(name, group_fields())));
        return kNone;
      }
      info.type = group_field_type(name);
      break;
    case TypeKind::loop:
      if (!contains_name(loop_fields(), name)) {
        error(at,
              fmt::format("'loop' has no field '{}'{}", name, did_you_mean(name, loop_fields())));
        return kNone;
      }
      info.type = loop_field_type(name);
      break;
    case TypeKind::number:
    case TypeKind::text:
    case TypeKind::boolean:
    case TypeKind::null:
      error(at,
            fmt::format("{} is {}: it has no field '{}'", object_text, type_name(ot.kind), name));
      return kNone;
    case TypeKind::estimate:
      if (name == "internal") taint_at(info, text(at), at);
      info.type = Type::of(TypeKind::unknown);
      break;
    default:
      info.type = Type::of(TypeKind::unknown);
      if (may_be_item && name == "internal")
        taint_at(info, text(at), at);
      else if (infos_[object].taint_chain)
        taint_at(info, text(at), at);
      break;
  }
  return emit(Node{Op::member, 0, Shape::general, object, field_slot(name)}, std::move(info), at);
}

std::uint32_t ExprCompiler::member_of_global(std::uint32_t object, std::string_view name,
                                             ExprId at) {
  const GlobalPath prefix = program_.globals[program_.nodes[object].a];
  const Type ot = infos_[object].type;
  const bool is_previous = prefix.root == GlobalRoot::previous;
  GlobalPath path = prefix;
  path.keys.emplace_back(name);
  NodeInfo info;
  merge(info, object);
  Type type = Type::of(TypeKind::unknown);
  switch (ot.kind) {
    case TypeKind::estimate: {
      if (!contains_name(estimate_fields(), name)) {
        error(at, fmt::format("{} has no field '{}'{}", is_previous ? "previous" : "estimate", name,
                              did_you_mean(name, estimate_fields())));
        return kNone;
      }
      if (name == "items" && !is_previous && prefix.keys.empty()) {
        NodeInfo items;
        items.type = Type::list_of(TypeKind::item);
        return emit(Node{Op::all_items}, std::move(items), at);
      }
      if (name == "totals" && !is_previous) {
        return global(GlobalPath{GlobalRoot::totals, {}, {}}, Type::of(TypeKind::totals), at);
      }
      type = estimate_field_type(name);
      break;
    }
    case TypeKind::totals:
      if (!contains_name(totals_fields(), name)) {
        error(at,
              fmt::format("totals has no field '{}'{}", name, did_you_mean(name, totals_fields())));
        return kNone;
      }
      type = totals_field_type(name);
      break;
    case TypeKind::adjustments:
      type = Type::of(TypeKind::number);
      break;
    default:
      type = Type::of(TypeKind::unknown);
      break;
  }
  const std::uint32_t n = global(path, type, at);
  NodeInfo& out = infos_[n];
  out.deps |= info.deps;
  const bool internal_root = (prefix.root == GlobalRoot::estimate || is_previous) &&
                             !path.keys.empty() && path.keys[0] == "internal";
  if (internal_root) {
    taint_at(out, program_.globals[program_.nodes[n].a].text, at);
    // Point at the start of the whole chain: `estimate` rather than the last name.
  }
  return n;
}

std::uint32_t ExprCompiler::index(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  const std::uint32_t object = node(e.object());
  const ExprNode& sub = ctx_.syntax->node(e.subscript());
  if (object == kNone) {
    if (sub.kind != ExprKind::string) node(e.subscript());
    return kNone;
  }
  if (sub.kind == ExprKind::string) return member(object, sub.text, id);
  const std::uint32_t subscript = node(e.subscript());
  if (subscript == kNone) return kNone;
  NodeInfo info;
  merge(info, object);
  merge(info, subscript);
  const Type ot = infos_[object].type;
  info.type = ot.is(TypeKind::list) ? Type::of(ot.element) : Type::of(TypeKind::unknown);
  if (is_scalar(ot.kind) && !ot.is(TypeKind::text) && !ot.is(TypeKind::null)) {
    error(id, fmt::format("{} is {}: it cannot be indexed", text(e.object()), type_name(ot.kind)));
    return kNone;
  }
  return emit(Node{Op::index, 0, Shape::general, object, subscript}, std::move(info), id);
}

std::uint32_t ExprCompiler::call(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  const FnSpec* spec = find_function(e.text);
  std::vector<std::uint32_t> args;
  bool failed = false;
  for (ExprId a : e.args()) {
    const std::uint32_t n = node(a);
    if (n == kNone) failed = true;
    args.push_back(n);
  }
  if (!spec) {
    std::vector<std::string_view> names;
    for (const FnSpec& f : function_specs()) names.push_back(f.name);
    error(id, fmt::format("unknown function '{}'{}", e.text, did_you_mean(e.text, names)));
    return kNone;
  }
  const int argc = static_cast<int>(e.args().size());
  if (argc < spec->min_args || argc > spec->max_args) {
    error(id, fmt::format("'{}' takes {}, not {}", spec->name, arg_count_text(*spec), argc));
    return kNone;
  }
  if (failed) return kNone;

  auto arg_type = [&](int i) { return infos_[args[static_cast<std::size_t>(i)]].type; };
  auto arg_expr = [&](int i) { return e.args()[static_cast<std::size_t>(i)]; };
  auto constant_text = [&](int i) -> std::optional<std::string_view> {
    const NodeInfo& in = infos_[args[static_cast<std::size_t>(i)]];
    if (!in.constant) return std::nullopt;
    const RuleValue& v = program_.constants[program_.nodes[args[static_cast<std::size_t>(i)]].a];
    if (!v.is_text()) return std::nullopt;
    return v.as_text();
  };
  auto need_number = [&](int i) {
    const Type t = arg_type(i);
    if (t.is(TypeKind::text) || not_arithmetic(t.kind)) {
      error(arg_expr(i),
            fmt::format("'{}' needs a number, but {}", spec->name,
                        describe_operand(arg_expr(i), infos_[args[static_cast<std::size_t>(i)]])),
            true);
      return false;
    }
    return true;
  };
  auto need_text = [&](int i) {
    const Type t = arg_type(i);
    if (t.is(TypeKind::number) || t.is(TypeKind::boolean) || t.is(TypeKind::list)) {
      error(arg_expr(i),
            fmt::format("'{}' needs text, but {}", spec->name,
                        describe_operand(arg_expr(i), infos_[args[static_cast<std::size_t>(i)]])),
            true);
      return false;
    }
    return true;
  };

  NodeInfo info;
  for (std::uint32_t a : args) merge(info, a);
  switch (spec->fn) {
    case Fn::sum:
    case Fn::avg: {
      const Type t = arg_type(0);
      if (t.is(TypeKind::text) || (t.is(TypeKind::list) && t.element == TypeKind::text)) {
        error(arg_expr(0),
              fmt::format("'{}' needs numbers, but {}", spec->name,
                          t.is(TypeKind::list) ? text(arg_expr(0)) + " is a list of texts"
                                               : describe_operand(arg_expr(0), infos_[args[0]])),
              true);
        return kNone;
      }
      info.type = Type::of(TypeKind::number);
      break;
    }
    case Fn::count:
    case Fn::len:
      info.type = Type::of(TypeKind::number);
      break;
    case Fn::exists:
    case Fn::contains:
    case Fn::starts_with:
      if (spec->fn == Fn::starts_with && (!need_text(0) || !need_text(1))) return kNone;
      info.type = Type::of(TypeKind::boolean);
      break;
    case Fn::min:
    case Fn::max:
      if (argc == 2) {
        if (!need_number(0) || !need_number(1)) return kNone;
        info.type = Type::of(TypeKind::number);
      } else {
        const Type t = arg_type(0);
        info.type = t.is(TypeKind::list) ? Type::of(t.element) : Type::of(TypeKind::unknown);
      }
      break;
    case Fn::group:
    case Fn::sort: {
      if (argc >= 2) {
        const Type ft = arg_type(1);
        if (!ft.is(TypeKind::text) && !ft.is(TypeKind::unknown)) {
          error(arg_expr(1),
                fmt::format("the field to {} by must be text, such as \"category\"", spec->name),
                true);
          return kNone;
        }
        if (auto field = constant_text(1); field && *field == "internal") {
          taint_at(info, text(id), arg_expr(1));
        }
      }
      if (argc == 3) {
        auto order = constant_text(2);
        const Type ot = arg_type(2);
        if ((infos_[args[2]].constant && (!order || (*order != "asc" && *order != "desc"))) ||
            (!ot.is(TypeKind::text) && !ot.is(TypeKind::unknown))) {
          error(arg_expr(2), "the sort order must be \"asc\" or \"desc\"", true);
          return kNone;
        }
      }
      info.type = spec->fn == Fn::group ? Type::list_of(TypeKind::group) : arg_type(0);
      break;
    }
    case Fn::take:
      if (!need_number(1)) return kNone;
      info.type = arg_type(0);
      break;
    case Fn::share:
      if (!need_number(0) || !need_number(1)) return kNone;
      info.type = Type::of(TypeKind::number);
      break;
    case Fn::round:
      if (!need_number(0) || (argc == 2 && !need_number(1))) return kNone;
      info.type = Type::of(TypeKind::number);
      break;
    case Fn::floor:
    case Fn::ceil:
    case Fn::abs:
      if (!need_number(0)) return kNone;
      info.type = Type::of(TypeKind::number);
      break;
    case Fn::lower:
    case Fn::upper:
      if (!need_text(0)) return kNone;
      info.type = Type::of(TypeKind::text);
      break;
    case Fn::if_:
      info.type = merge_types(arg_type(1), arg_type(2));
      break;
  }
  const auto first = static_cast<std::uint32_t>(program_.child_pool.size());
  program_.child_pool.insert(program_.child_pool.end(), args.begin(), args.end());
  return emit(Node{Op::call, static_cast<std::uint8_t>(spec->fn), Shape::general, first,
                   static_cast<std::uint32_t>(args.size())},
              std::move(info), id);
}

std::uint32_t ExprCompiler::unary(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  const std::uint32_t operand = node(e.operand());
  if (operand == kNone) return kNone;
  NodeInfo info;
  merge(info, operand);
  if (e.unary_op == UnaryOp::logical_not) {
    info.type = Type::of(TypeKind::boolean);
    return emit(Node{Op::logical_not, 0, Shape::general, operand, 0}, std::move(info), id);
  }
  const NodeInfo& oi = infos_[operand];
  if (oi.type.is(TypeKind::text) || not_arithmetic(oi.type.kind)) {
    error(id, fmt::format("'-' needs a number, but {}", describe_operand(e.operand(), oi)));
    return kNone;
  }
  if (oi.constant) {
    const RuleValue v = program_.constants[program_.nodes[operand].a];
    if (v.is_number()) return constant(RuleValue::number(v.as_number().negated()), oi.type, id);
  }
  info.type = Type::of(TypeKind::number);
  return emit(Node{Op::negate, 0, Shape::general, operand, 0}, std::move(info), id);
}

std::uint32_t ExprCompiler::binary(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  const std::uint32_t l = node(e.lhs());
  const std::uint32_t r = node(e.rhs());
  if (l == kNone || r == kNone) return kNone;
  const NodeInfo& li = infos_[l];
  const NodeInfo& ri = infos_[r];
  const Type lt = li.type, rt = ri.type;
  NodeInfo info;
  merge(info, l);
  merge(info, r);
  const BinaryOp op = e.binary_op;
  Op code = Op::arithmetic;
  switch (op) {
    case BinaryOp::add: {
      const bool lt_text = lt.is(TypeKind::text), rt_text = rt.is(TypeKind::text);
      const bool lt_num = lt.is(TypeKind::number), rt_num = rt.is(TypeKind::number);
      if ((lt_text && rt_num) || (lt_num && rt_text)) {
        error(id, fmt::format("cannot add text and a number with '+': {}, {}",
                              describe_operand(e.lhs(), li), describe_operand(e.rhs(), ri)));
        return kNone;
      }
      for (auto [t, side, si] : {std::tuple{lt, e.lhs(), &li}, std::tuple{rt, e.rhs(), &ri}}) {
        if (not_arithmetic(t.kind)) {
          error(id, fmt::format("'+' needs numbers or text, but {}", describe_operand(side, *si)));
          return kNone;
        }
      }
      info.type = (lt_text || rt_text) ? Type::of(TypeKind::text)
                  : (lt_num || rt_num) ? Type::of(TypeKind::number)
                                       : Type::of(TypeKind::unknown);
      break;
    }
    case BinaryOp::subtract:
    case BinaryOp::multiply:
    case BinaryOp::divide:
    case BinaryOp::remainder: {
      for (auto [t, side, si] : {std::tuple{lt, e.lhs(), &li}, std::tuple{rt, e.rhs(), &ri}}) {
        if (t.is(TypeKind::text) || not_arithmetic(t.kind)) {
          const bool other_number = (side == e.lhs() ? rt : lt).is(TypeKind::number);
          error(id,
                t.is(TypeKind::text) && other_number
                    ? fmt::format("cannot use text in arithmetic with '{}': {}, {}", spelling(op),
                                  describe_operand(e.lhs(), li), describe_operand(e.rhs(), ri))
                    : fmt::format("'{}' needs numbers, but {}", spelling(op),
                                  describe_operand(side, *si)));
          return kNone;
        }
      }
      info.type = Type::of(TypeKind::number);
      break;
    }
    case BinaryOp::equal:
    case BinaryOp::not_equal:
    case BinaryOp::less:
    case BinaryOp::less_equal:
    case BinaryOp::greater:
    case BinaryOp::greater_equal:
      code = Op::compare;
      info.type = Type::of(TypeKind::boolean);
      break;
    case BinaryOp::in:
    case BinaryOp::not_in:
      if (rt.is(TypeKind::number) || rt.is(TypeKind::boolean) || rt.is(TypeKind::item) ||
          rt.is(TypeKind::group)) {
        error(id, fmt::format("'{}' needs a list or text on its right, but {}", spelling(op),
                              describe_operand(e.rhs(), ri)));
        return kNone;
      }
      code = Op::compare;
      info.type = Type::of(TypeKind::boolean);
      break;
    case BinaryOp::logical_and:
      code = Op::logical_and;
      info.type = Type::of(TypeKind::boolean);
      break;
    case BinaryOp::logical_or:
      code = Op::logical_or;
      info.type = Type::of(TypeKind::boolean);
      break;
    case BinaryOp::null_coalesce:
      code = Op::coalesce;
      info.type = merge_types(lt, rt);
      break;
  }
  Node n{code, static_cast<std::uint8_t>(op), Shape::general, l, r};
  if (code == Op::compare && program_.nodes[l].op == Op::item_field &&
      program_.nodes[l].memo == kNone && program_.nodes[r].op == Op::constant) {
    n.shape = Shape::field_constant;
  }
  return emit(n, std::move(info), id);
}

std::uint32_t ExprCompiler::where(ExprId id) {
  const ExprNode& e = ctx_.syntax->node(id);
  // `where` binds loosest: `items.amount where C` is `(items where C).amount`. Peel the
  // member accesses off the collection down to the first part that is a list.
  std::vector<ExprId> chain;
  ExprId base = e.collection();
  while (ctx_.syntax->node(base).kind == ExprKind::member) {
    chain.push_back(base);
    base = ctx_.syntax->node(base).object();
  }
  std::reverse(chain.begin(), chain.end());
  std::uint32_t collection = node(base);
  std::size_t k = 0;
  while (collection != kNone && !infos_[collection].type.is(TypeKind::list) && k < chain.size()) {
    collection = member(collection, ctx_.syntax->node(chain[k]).text, chain[k]);
    ++k;
  }
  if (collection == kNone) {
    // Still check the condition, so that its errors are reported too.
    frames.push_back(Frame{false, {}, kNone, Type::of(TypeKind::unknown), true});
    node(e.condition());
    frames.pop_back();
    return kNone;
  }
  const Type ct = infos_[collection].type;
  if (!ct.is(TypeKind::list) && !ct.is(TypeKind::unknown) && !ct.is(TypeKind::null)) {
    error(id, fmt::format("'where' needs a list on its left, but {}",
                          describe_operand(k == 0 ? base : chain[k - 1], infos_[collection])));
    return kNone;
  }
  const std::size_t frame_index = frames.size();
  frames.push_back(Frame{
      false, {}, kNone, Type::of(ct.is(TypeKind::list) ? ct.element : TypeKind::unknown), true});
  const std::uint32_t condition = node(e.condition());
  frames.pop_back();
  if (condition == kNone) return kNone;
  NodeInfo info;
  info.type = ct.is(TypeKind::list) ? ct : Type::list_of(TypeKind::unknown);
  merge(info, collection);
  NodeInfo cond = infos_[condition];
  cond.deps &= ~frame_bit(frame_index);
  if (frame_index >= 63) cond.deps |= frame_bit(63);  // beyond 63 frames: assume it varies
  info.deps |= cond.deps;
  if (!info.tainted && cond.tainted) {
    info.tainted = true;
    info.taint_metric = cond.taint_metric;
    info.taint_path = cond.taint_path;
    info.taint_source = cond.taint_source;
    info.taint_pos = cond.taint_pos;
    info.taint_length = cond.taint_length;
  }
  std::uint32_t result =
      emit(Node{Op::where, 0, Shape::general, collection, condition}, std::move(info), id);
  for (; k < chain.size(); ++k) {
    result = member(result, ctx_.syntax->node(chain[k]).text, chain[k]);
    if (result == kNone) return kNone;
  }
  return result;
}

// ---- taint messages --------------------------------------------------------------------------

std::string taint_chain(const ProgramData& program, std::uint32_t metric) {
  std::string chain = program.metrics[metric].name;
  std::uint32_t current = metric;
  for (std::size_t guard = 0; guard <= program.metrics.size(); ++guard) {
    const MetricInfo& m = program.metrics[current];
    if (m.taint_metric == kNone) {
      chain += " -> " + m.taint_path;
      break;
    }
    current = m.taint_metric;
    chain += " -> " + program.metrics[current].name;
  }
  return chain;
}

std::string taint_explanation(const ProgramData& program, const NodeInfo& info) {
  if (info.taint_metric == kNone) return info.taint_path;
  std::uint32_t last = info.taint_metric;
  for (std::size_t guard = 0; guard <= program.metrics.size(); ++guard) {
    if (program.metrics[last].taint_metric == kNone) break;
    last = program.metrics[last].taint_metric;
  }
  return fmt::format("'{}' depends on {} ({})", program.metrics[info.taint_metric].name,
                     program.metrics[last].taint_path, taint_chain(program, info.taint_metric));
}

}  // namespace basis::detail
