// applies_to: an adjustment's filter over items, compiled in item scope without metrics,
// totals or the previous revision (the totals do not exist yet when it runs) and without
// internal data (every total would become internal).

#include <map>

#include <fmt/format.h>

#include "rules_compiler.hpp"
#include "rules_context.hpp"

namespace basis {

namespace {

struct CompiledFilter {
  std::shared_ptr<RuleProgram> program;
  std::uint32_t root = detail::kNone;
};

std::optional<CompiledFilter> compile_filter(const AdjustmentSyntax& adjustment,
                                             Diagnostics& diags) {
  auto syntax = parse_expression(adjustment.applies_to, diags);
  if (!syntax) return std::nullopt;
  auto shared = std::make_shared<const ExpressionSyntax>(std::move(*syntax));
  CompiledFilter filter;
  filter.program = std::make_shared<RuleProgram>();
  detail::ProgramData& data = filter.program->mutable_data();
  data.rules = std::make_shared<const LoadedRules>();
  data.keep_alive.push_back(shared);
  data.owners.push_back(detail::Owner{detail::OwnerKind::applies_to, 0, adjustment.id});
  const std::map<std::string, std::uint32_t, std::less<>> no_metrics;
  detail::ExprCompiler compiler(data, diags, no_metrics);
  compiler.env.metrics = false;
  compiler.env.totals = false;
  compiler.env.previous = false;
  compiler.env.no_totals_reason = "applies_to selects items before the totals exist";
  compiler.frames.push_back(
      detail::Frame{false, {}, detail::kNone, detail::Type::of(detail::TypeKind::item), true});
  const std::size_t errors_before = diags.error_count();
  filter.root = compiler.compile(*shared, shared->root, 0, false);
  if (filter.root == detail::kNone || diags.error_count() != errors_before) return std::nullopt;
  const detail::NodeInfo& info = compiler.info(filter.root);
  if (info.tainted) {
    diags.error(info.taint_source, info.taint_pos,
                fmt::format("applies_to may not read internal data ({}): it would make every "
                            "total internal",
                            info.taint_path),
                info.taint_length);
    return std::nullopt;
  }
  return filter;
}

}  // namespace

AppliesToFilter make_applies_to_filter() {
  return [](const Estimate& estimate, const AdjustmentSyntax& adjustment,
            Diagnostics& diags) -> std::optional<std::vector<std::size_t>> {
    auto filter = compile_filter(adjustment, diags);
    if (!filter) return std::nullopt;
    detail::EvalContext ctx(*filter->program, estimate, nullptr, EvalLimits{});
    ctx.diags = &diags;
    std::vector<std::size_t> matched;
    const bool ok = ctx.guarded(0, [&] {
      for (std::size_t i = 0; i < estimate.items.size(); ++i) {
        ctx.current = RuleValue::item(i);
        if (ctx.test(filter->root)) matched.push_back(i);
      }
    });
    if (!ok) return std::nullopt;
    return matched;
  };
}

bool check_applies_to(const EstimateSyntax& estimate, Diagnostics& diags) {
  bool ok = true;
  for (const AdjustmentSyntax& adjustment : estimate.adjustments) {
    if (adjustment.base != AdjustmentBase::applies_to) continue;
    ok = compile_filter(adjustment, diags).has_value() && ok;
  }
  return ok;
}

}  // namespace basis
