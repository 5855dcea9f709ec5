// Coverage: the cost lines that no kept rule explains. Rules in section `internal` do not
// count: a line is covered only by something a client could read.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis {

std::vector<std::size_t> uncovered_items(const RuleEvaluation& evaluation) {
  const RuleProgram& program = evaluation.program();
  const std::size_t item_count = evaluation.estimate().items.size();
  std::vector<bool> covered(item_count, false);
  const auto results = evaluation.rules();
  for (std::size_t r = 0; r < program.rule_refs().size() && r < results.size(); ++r) {
    if (!results[r].fired()) continue;
    if (program.rule_refs()[r].rule->section == RuleSection::internal) continue;
    for (std::size_t i : results[r].explained_items) {
      if (i < item_count) covered[i] = true;
    }
  }
  std::vector<std::size_t> uncovered;
  for (std::size_t i = 0; i < item_count; ++i) {
    if (!covered[i]) uncovered.push_back(i);
  }
  return uncovered;
}

}  // namespace basis

namespace basis::explain_detail {

void build_coverage(BuildContext& ctx, Explanation& out) {
  const Estimate& estimate = ctx.estimate;
  for (std::size_t i : uncovered_items(ctx.ev)) {
    if (i >= estimate.items.size()) continue;
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
