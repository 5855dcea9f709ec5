// The statements of the kept rules, by section, in output order; and the drivers section,
// where each statement joins the group of the cost lines it explains.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

void build_statements(BuildContext& ctx, Explanation& out,
                      std::vector<std::vector<Statement>>& by_section) {
  (void)out;
  by_section.assign(section_names().size(), {});
  for (std::size_t r : ctx.order) {
    if (!ctx.kept(r)) continue;
    const RuleSyntax& rule = ctx.rule(r);
    const TemplateField* tmpl = rule.text_for(ctx.profile.style);
    if (!tmpl) tmpl = &rule.text;
    if (!tmpl->syntax) continue;
    const RuleResult& result = ctx.result(r);
    const std::vector<RuleValue> elements = ctx.elements(r);
    const bool per_element = rule.for_each.present();
    for (std::size_t k = 0; k < elements.size(); ++k) {
      Statement s;
      s.rule_id = rule.id;
      s.title = rule.title.text;
      s.text = ctx.renderer.render(*tmpl, rule, elements[k]);
      if (s.text.empty()) continue;
      s.item_id = ctx.item_id(elements[k]);
      if (per_element) {
        if (k < result.explained_per_element.size()) {
          s.explains = ctx.ids(result.explained_per_element[k]);
        }
      } else {
        s.explains = ctx.ids(result.explained_items);
      }
      by_section[static_cast<std::size_t>(rule.section)].push_back(std::move(s));
    }
  }
}

void build_drivers(BuildContext& ctx, Explanation& out, std::vector<Statement> statements,
                   std::vector<Statement>& unassigned) {
  const TotalsReport& report = ctx.report;
  out.drivers_by = report.group_by;
  std::vector<std::size_t> group_of(ctx.estimate.items.size(), 0);
  std::vector<DriverGroup> groups;
  for (std::size_t g = 0; g < report.groups.size(); ++g) {
    const TotalsGroup& tg = report.groups[g];
    for (std::size_t i : tg.items) {
      if (i < group_of.size()) group_of[i] = g;
    }
    DriverGroup group;
    group.key = tg.key;
    group.amount = money_figure(ctx.estimate, tg.amount);
    group.share = share_figure(tg.share_tenths);
    if (tg.hours_items > 0) group.hours = Figure{tg.hours, format_hours(tg.shown_hours)};
    group.item_count = tg.item_count;
    groups.push_back(std::move(group));
  }

  // A statement goes to the group that holds most of the amount it explains (ties: the
  // larger group, which comes first).
  for (Statement& s : statements) {
    const std::vector<std::size_t> items = ctx.indices(s.explains);
    if (items.empty() || groups.empty()) {
      unassigned.push_back(std::move(s));
      continue;
    }
    std::vector<Decimal> explained(groups.size());
    std::vector<bool> touched(groups.size(), false);
    for (std::size_t i : items) {
      const std::size_t g = group_of[i];
      explained[g] = add(explained[g], ctx.estimate.items[i].amount).value_or(explained[g]);
      touched[g] = true;
    }
    std::size_t best = groups.size();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (touched[g] && (best == groups.size() || explained[g] > explained[best])) best = g;
    }
    groups[best].statements.push_back(std::move(s));
  }

  for (std::size_t g = 0; g < groups.size() && g < 3; ++g) {
    DriverGroup top = groups[g];
    top.statements.clear();
    out.top_drivers.push_back(std::move(top));
  }

  if (ctx.profile.brief && groups.size() > 3) {
    // The largest three, and the rest as one row so that the rows still add up.
    DriverGroup rest;
    rest.key = "other";
    rest.other = true;
    Decimal amount, hours, shown_hours;
    std::int64_t tenths = 0;
    std::size_t hours_items = 0;
    for (std::size_t g = 3; g < groups.size(); ++g) {
      const TotalsGroup& tg = report.groups[g];
      amount = add(amount, tg.amount).value_or(amount);
      hours = add(hours, tg.hours).value_or(hours);
      shown_hours = add(shown_hours, tg.shown_hours).value_or(shown_hours);
      tenths += tg.share_tenths;
      hours_items += tg.hours_items;
      rest.item_count += tg.item_count;
    }
    rest.amount = money_figure(ctx.estimate, amount);
    rest.share = share_figure(tenths);
    if (hours_items > 0) rest.hours = Figure{hours, format_hours(shown_hours)};
    groups.resize(3);
    groups.push_back(std::move(rest));
  }
  out.drivers = std::move(groups);
}

}  // namespace basis::explain_detail
