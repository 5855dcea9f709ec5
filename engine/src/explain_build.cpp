// build_explanation: the facts, the statements of the kept rules, the built-in tables and
// the options, arranged in the sections of the reader's style, then traced and checked.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis {

namespace {

using namespace explain_detail;

// The rule section whose statements a section of the explanation shows.
std::optional<RuleSection> rule_section(SectionKind kind) {
  switch (kind) {
    case SectionKind::summary:
      return RuleSection::summary;
    case SectionKind::drivers:
      return RuleSection::drivers;
    case SectionKind::basis:
      return RuleSection::basis;
    case SectionKind::assumptions:
      return RuleSection::assumptions;
    case SectionKind::exclusions:
      return RuleSection::exclusions;
    case SectionKind::risks:
      return RuleSection::risks;
    case SectionKind::options:
      return RuleSection::options;
    case SectionKind::questions:
      return RuleSection::questions;
    case SectionKind::objections:
      return RuleSection::objections;
    case SectionKind::internal:
      return RuleSection::internal;
    default:
      return std::nullopt;
  }
}

bool shows(const StyleProfile& profile, SectionKind kind) {
  return std::find(profile.sections.begin(), profile.sections.end(), kind) !=
         profile.sections.end();
}

std::optional<Explanation> build(RuleEvaluation& ev, const ExplainRequest& request,
                                 Diagnostics& diags, const Diagnostics* evaluation_diags,
                                 const TakenScenario* taken = nullptr) {
  Explanation out;
  Reporter reporter(diags, out.warnings, request.workspace);
  if (evaluation_diags) reporter.take(*evaluation_diags);
  if (!ev.complete()) return std::nullopt;

  const auto style = parse_style(request.style);
  if (!style) {
    diags.file_error("", fmt::format("unknown style '{}'; expected driver, analytical, amiable, "
                                     "expressive or internal{}",
                                     request.style, did_you_mean(request.style, style_names())));
    return std::nullopt;
  }
  const Estimate& estimate = ev.estimate();
  const RuleProgram& program = ev.program();
  const LoadedRules& rules = program.rules();

  Diagnostics eval_diags;
  std::vector<TraceEntry> pool;
  const bool client = *style != DecisionStyle::internal;
  TemplateRenderer renderer(ev, client, pool, reporter, eval_diags);

  std::optional<AccuracyBounds> bounds;
  if (estimate.syntax.estimate_class) {
    if (const ClassBoundsSyntax* b = rules.settings.bounds_for(*estimate.syntax.estimate_class)) {
      bounds = AccuracyBounds{b->low.value, b->high.value};
    }
  }
  std::string drivers_by =
      rules.settings.drivers_by.text.empty() ? "category" : rules.settings.drivers_by.text;
  if (!is_known_group_field(estimate, drivers_by)) {
    reporter.warn(
        rules.settings.drivers_by_source, rules.settings.drivers_by.pos,
        fmt::format("no cost line has the field '{}' that drivers_by groups by", drivers_by));
  }

  BuildContext ctx{request,
                   ev,
                   estimate,
                   program,
                   style_profile(*style, rules.settings),
                   client,
                   reporter,
                   eval_diags,
                   renderer,
                   pool,
                   build_totals_report(estimate, drivers_by, bounds),
                   output_order(program),
                   {},
                   taken};
  for (std::size_t i = 0; i < estimate.items.size(); ++i)
    ctx.item_index.emplace(estimate.items[i].id(), i);

  out.style = std::string(style_name(*style));
  out.brief = ctx.profile.brief;
  build_summary(ctx, out);
  build_taken(ctx, out);
  build_previous(ctx, out);
  if (eval_diags.has_errors()) {  // the previous revision cannot be bridged to this one
    reporter.take(eval_diags);
    return std::nullopt;
  }

  std::vector<std::vector<Statement>> by_section;
  build_statements(ctx, out, by_section);
  std::vector<Statement> unassigned;
  build_drivers(ctx, out, std::move(by_section[static_cast<std::size_t>(RuleSection::drivers)]),
                unassigned);
  by_section[static_cast<std::size_t>(RuleSection::drivers)] = std::move(unassigned);

  build_basis(ctx, out);
  build_benchmarks(ctx, out);
  out.assumptions = estimate.syntax.assumptions;
  out.exclusions = estimate.syntax.exclusions;
  build_risks(ctx, out);
  if (shows(ctx.profile, SectionKind::risks)) build_risk_simulation(ctx, out);
  build_options(ctx, out);
  build_budget(ctx, out);
  if (shows(ctx.profile, SectionKind::questions) || shows(ctx.profile, SectionKind::objections)) {
    build_questions(ctx, out);
    if (!shows(ctx.profile, SectionKind::questions)) out.questions.clear();
    if (!shows(ctx.profile, SectionKind::objections)) out.objections.clear();
  }
  build_buildup(ctx, out);
  build_coverage(ctx, out);
  build_internal(ctx, out);

  for (SectionKind kind : ctx.profile.sections) {
    Section section;
    section.kind = kind;
    section.title = std::string(section_title(kind));
    if (auto rs = rule_section(kind))
      section.statements = by_section[static_cast<std::size_t>(*rs)];
    out.sections.push_back(std::move(section));
  }

  number_trace(out, pool);
  reporter.take(eval_diags);
  if (eval_diags.has_errors()) return std::nullopt;
  if (!check_guarantees(ctx, out, diags)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<Explanation> build_explanation(const ExplainRequest& request, Diagnostics& diags) {
  if (!request.estimate || !request.program) {
    diags.file_error("", "an explanation needs an estimate and a rule program");
    return std::nullopt;
  }
  // --with: the estimate explained is the one with the options taken.
  std::optional<TakenScenario> taken;
  if (!request.with_options.empty()) {
    taken = take_options(request, diags);
    if (!taken) return std::nullopt;
  }
  Diagnostics evaluation_diags;
  EvalOptions options;
  options.limits = request.limits;
  RuleEvaluation ev = evaluate(*request.program, taken ? taken->estimate : *request.estimate,
                               request.previous, evaluation_diags, options);
  return build(ev, request, diags, &evaluation_diags, taken ? &*taken : nullptr);
}

std::optional<Explanation> build_explanation(RuleEvaluation& evaluation,
                                             const ExplainRequest& request, Diagnostics& diags) {
  if (!request.with_options.empty()) {
    diags.file_error("",
                     "options can only be taken when the explanation evaluates the rules "
                     "itself (build_explanation(request, diags))");
    return std::nullopt;
  }
  return build(evaluation, request, diags, nullptr);
}

}  // namespace basis
