// Options taken (`basis explain --with A,B`): the estimate with them applied together is
// the one explained, and the summary says which were taken and what the total was before.
// Taking an option is only possible where it would be offered: its rule applies to the
// estimate and it changes something.

#include <algorithm>

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

bool TakenScenario::taken(const OptionSyntax& option) const {
  return std::any_of(options.begin(), options.end(),
                     [&](const OptionRef& ref) { return ref.option == &option; });
}

const OptionSyntax* TakenScenario::clash(const OptionSyntax& option) const {
  for (const OptionRef& ref : options) {
    if (ref.option != &option && !adjust_conflict(*ref.option, option).empty()) return ref.option;
  }
  return nullptr;
}

std::optional<TakenScenario> take_options(const ExplainRequest& request, Diagnostics& diags) {
  const RuleProgram& program = *request.program;
  std::optional<std::vector<OptionRef>> refs =
      resolve_options(program, request.with_options, diags);
  if (!refs) return std::nullopt;

  // An option is offered only when its rule is kept for this reader; the same holds for
  // taking one.
  Diagnostics evaluation_diags;
  EvalOptions eval_options;
  eval_options.limits = request.limits;
  RuleEvaluation ev =
      evaluate(program, *request.estimate, request.previous, evaluation_diags, eval_options);
  if (!ev.complete()) {
    diags.append(evaluation_diags);
    return std::nullopt;
  }
  const bool client = request.style != "internal";
  bool ok = true;
  for (const OptionRef& ref : *refs) {
    const RuleSyntax& rule = *program.rule_refs()[ref.rule].rule;
    if (!ev.rules()[ref.rule].fired()) {
      diags.error(ref.source, ref.option->id_pos,
                  fmt::format("option '{}' cannot be taken: its rule '{}' does not apply to "
                              "this estimate, so the option is not offered (`basis why {}` "
                              "shows why)",
                              ref.option->id, rule.id, rule.id));
      ok = false;
    } else if (rule.section == RuleSection::internal && client) {
      diags.error(ref.source, ref.option->id_pos,
                  fmt::format("option '{}' cannot be taken here: its rule '{}' is internal, so "
                              "the option is offered only in the negotiation brief "
                              "(--style internal)",
                              ref.option->id, rule.id));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;

  std::vector<const OptionSyntax*> syntax;
  for (const OptionRef& ref : *refs) syntax.push_back(ref.option);
  OptionScenario scenario =
      compute_options(program, *request.estimate, request.previous, syntax, request.limits);
  for (std::size_t i = 0; i < refs->size(); ++i) {
    if (i < scenario.option_matched.size() && scenario.option_matched[i]) continue;
    if (!scenario.estimate && !scenario.problems.empty()) break;  // reported below
    const OptionRef& ref = (*refs)[i];
    diags.error(ref.source, ref.option->id_pos,
                fmt::format("option '{}' changes nothing in this estimate{}", ref.option->id,
                            i > 0 ? " once the options before it are taken" : ""));
    ok = false;
  }
  if (!scenario.estimate) {
    std::vector<std::string> ids;
    for (const OptionRef& ref : *refs) ids.push_back("'" + ref.option->id + "'");
    diags.file_error(
        "", fmt::format("{} could not be computed: {}",
                        ids.size() == 1 ? "option " + ids.front()
                                        : "options " + format_list(ids) + " taken together",
                        scenario.problems.empty() ? "unknown problem" : scenario.problems.front()));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;

  TakenScenario out;
  out.estimate = std::move(*scenario.estimate);
  out.options = std::move(*refs);
  out.total_before = request.estimate->totals.total;
  return out;
}

void build_taken(BuildContext& ctx, Explanation& out) {
  if (!ctx.taken) return;
  const Estimate& estimate = ctx.estimate;
  TakenOptions taken;
  for (const OptionRef& ref : ctx.taken->options) {
    taken.ids.push_back(ref.option->id);
    std::string title =
        ctx.renderer.render_plain(ref.option->title, ctx.rule(ref.rule), RuleValue::null());
    taken.titles.push_back(title.empty() ? ref.option->id : std::move(title));
  }
  const Decimal before = ctx.taken->total_before;
  taken.total_before = money_figure(estimate, before);
  change_figures(estimate, estimate.totals.total, before, taken.delta, taken.delta_percent);
  out.taken = std::move(taken);
}

void change_figures(const Estimate& estimate, Decimal value, Decimal base, Figure& delta,
                    Figure& percent) {
  const Decimal change = sub(value, base).value_or(Decimal());
  delta = money_figure(estimate, change);
  if (change.sign() > 0) delta.shown.insert(delta.shown.begin(), '+');
  percent = Figure{};
  if (base.is_zero()) return;
  if (auto fraction = div(change, base)) {
    percent.exact = *fraction;
    percent.shown = format_percent_places(*fraction, 1).value_or("");
    if (fraction->sign() > 0) percent.shown.insert(percent.shown.begin(), '+');
  }
}

}  // namespace basis::explain_detail
