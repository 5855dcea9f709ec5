// Questions to confirm with the client and anticipated objections, from the kept rules in
// output order. A for_each rule asks once per distinct wording, not once per element.

#include <set>

#include "explain_internal.hpp"

namespace basis::explain_detail {

void build_questions(BuildContext& ctx, Explanation& out) {
  for (std::size_t r : ctx.order) {
    if (!ctx.kept(r)) continue;
    const RuleSyntax& rule = ctx.rule(r);
    if (rule.questions.empty() && rule.objections.empty()) continue;
    const std::vector<RuleValue> elements = ctx.elements(r);
    std::set<std::string> asked;
    for (const TemplateField& q : rule.questions) {
      for (const RuleValue& element : elements) {
        RichText text = ctx.renderer.render(q, rule, element);
        if (text.empty() || !asked.insert(plain_text(text)).second) continue;
        out.questions.push_back(Question{rule.id, std::move(text)});
      }
    }
    std::set<std::string> answered;
    for (const ObjectionSyntax& o : rule.objections) {
      for (const RuleValue& element : elements) {
        Objection objection;
        objection.rule_id = rule.id;
        objection.objection = ctx.renderer.render(o.objection, rule, element);
        objection.response = ctx.renderer.render(o.response, rule, element);
        if (objection.objection.empty()) continue;
        const std::string key =
            plain_text(objection.objection) + "\n" + plain_text(objection.response);
        if (!answered.insert(key).second) continue;
        out.objections.push_back(std::move(objection));
      }
    }
  }
}

}  // namespace basis::explain_detail
