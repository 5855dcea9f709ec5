// Coverage: the cost lines that no kept rule explains. Rules in section `internal` do not
// count: a line is covered only by something a client could read.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

void build_coverage(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  std::vector<bool> covered(estimate.items.size(), false);
  for (std::size_t r = 0; r < ctx.program.rule_refs().size(); ++r) {
    if (r >= ctx.ev.rules().size() || !ctx.ev.rules()[r].fired()) continue;
    if (ctx.rule(r).section == RuleSection::internal) continue;
    for (std::size_t i : ctx.result(r).explained_items) {
      if (i < covered.size()) covered[i] = true;
    }
  }
  for (std::size_t i = 0; i < estimate.items.size(); ++i) {
    if (covered[i]) continue;
    const LineItem& item = estimate.items[i];
    out.uncovered_items.push_back(item.id());
    out.uncovered.push_back(
        CoverageLine{item.id(), item.name(), money_figure(estimate, item.amount)});
  }
  if (out.uncovered_items.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < out.uncovered_items.size(); ++i) {
    if (i == 10) {
      list += fmt::format(" and {} more", out.uncovered_items.size() - 10);
      break;
    }
    list += (i ? ", " : "") + out.uncovered_items[i];
  }
  ctx.reporter.warn(fmt::format("{} explained by no rule: {}",
                                out.uncovered_items.size() == 1
                                    ? std::string("1 cost line is")
                                    : fmt::format("{} cost lines are", out.uncovered_items.size()),
                                list));
}

}  // namespace basis::explain_detail
