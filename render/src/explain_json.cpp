// The explanation as JSON: the structure itself, keys in the order of the C++ struct,
// every figure as its exact decimal text beside its shown text. Described by
// explanation_json_schema() (explanation_schema.cpp); the two change together.

#include <nlohmann/json.hpp>

#include "basis/render/explanation.hpp"
#include "explain_document.hpp"
#include "explain_markup.hpp"

namespace basis {

namespace {

using Json = nlohmann::ordered_json;

Json figure(const Figure& f) {
  Json out;
  out["exact"] = f.exact.to_string();
  out["shown"] = f.shown;
  return out;
}

Json figure(const std::optional<Figure>& f) {
  return f ? figure(*f) : Json();
}

Json strings(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

struct JsonWriter {
  const Explanation& e;

  Json rich(const RichText& text) const {
    Json out;
    out["markdown"] = explain::rich_markdown(text, e, {});
    Json spans = Json::array();
    for (const TextSpan& span : text) {
      Json s;
      s["kind"] = span.kind == TextSpan::Kind::value ? "value" : "markdown";
      s["text"] = span.text;
      s["trace"] = span.trace >= 0 ? Json(span.trace) : Json();
      spans.push_back(std::move(s));
    }
    out["spans"] = std::move(spans);
    return out;
  }

  Json statement(const Statement& st) const {
    Json out;
    out["rule_id"] = st.rule_id;
    out["title"] = st.title;
    out["text"] = rich(st.text);
    out["item_id"] = st.item_id;
    out["explains"] = strings(st.explains);
    return out;
  }

  Json statements(const std::vector<Statement>& list) const {
    Json out = Json::array();
    for (const Statement& st : list) out.push_back(statement(st));
    return out;
  }

  Json group(const DriverGroup& g) const {
    Json out;
    out["key"] = g.key;
    out["amount"] = figure(g.amount);
    out["share"] = figure(g.share);
    out["hours"] = figure(g.hours);
    out["item_count"] = g.item_count;
    out["statements"] = statements(g.statements);
    out["other"] = g.other;
    return out;
  }

  Json groups(const std::vector<DriverGroup>& list) const {
    Json out = Json::array();
    for (const DriverGroup& g : list) out.push_back(group(g));
    return out;
  }

  template <typename T, typename F>
  static Json each(const std::vector<T>& list, F&& f) {
    Json out = Json::array();
    for (const T& x : list) out.push_back(f(x));
    return out;
  }

  static Json buildup_line(const BuildupLine& b) {
    Json j;
    j["id"] = b.id;
    j["label"] = b.label;
    j["kind"] = b.kind;
    j["basis"] = b.basis;
    j["amount"] = figure(b.amount);
    return j;
  }

  Json previous() const {
    if (!e.previous) return Json();
    const PreviousComparison& p = *e.previous;
    Json out;
    out["version"] = p.version;
    out["total"] = figure(p.total);
    out["delta"] = figure(p.delta);
    out["delta_percent"] = figure(p.delta_percent);
    out["changes"] = each(p.changes, [](const ItemChange& c) {
      Json j;
      j["item_id"] = c.item_id;
      j["name"] = c.name;
      j["change"] = c.change;
      j["before"] = figure(c.before);
      j["after"] = figure(c.after);
      j["reason"] = c.reason;
      j["description"] = c.description;
      j["delta"] = figure(c.delta);
      j["volume_effect"] = figure(c.volume_effect);
      j["price_effect"] = figure(c.price_effect);
      j["form_changed"] = c.form_changed;
      return j;
    });
    out["label"] = p.label;
    out["current_label"] = p.current_label;
    out["summary"] = p.summary;
    out["highlights"] = strings(p.highlights);
    out["steps"] = each(p.steps, [](const RevisionStep& s) {
      Json j;
      j["kind"] = s.kind;
      j["key"] = s.key;
      j["label"] = s.label;
      j["items"] = strings(s.items);
      j["amount"] = figure(s.amount);
      j["running"] = figure(s.running);
      return j;
    });
    out["adjustments"] = each(p.adjustments, [](const AdjustmentChange& a) {
      Json j;
      j["id"] = a.id;
      j["label"] = a.label;
      j["kind"] = a.kind;
      j["change"] = a.change;
      j["basis"] = a.basis;
      j["before"] = figure(a.before);
      j["after"] = figure(a.after);
      j["delta"] = figure(a.delta);
      j["base_effect"] = figure(a.base_effect);
      j["percent_effect"] = figure(a.percent_effect);
      return j;
    });
    out["unchanged_items"] = p.unchanged_items;
    return out;
  }

  Json risk_simulation() const {
    if (!e.risk_simulation) return Json();
    const RiskSimulation& r = *e.risk_simulation;
    Json out;
    out["iterations"] = r.iterations;
    out["seed"] = r.seed;
    out["method"] = r.method;
    out["three_point_values"] = r.three_point_values;
    out["risks_simulated"] = r.risks_simulated;
    out["base"] = figure(r.base);
    out["contingency"] = figure(r.contingency);
    out["contingency_percent"] = figure(r.contingency_percent);
    out["percentiles"] = each(r.percentiles, [](const RiskPercentileLine& p) {
      Json j;
      j["percent"] = p.percent;
      j["total"] = figure(p.total);
      j["contingency"] = figure(p.contingency);
      j["contingency_percent"] = figure(p.contingency_percent);
      return j;
    });
    out["contingency_reaches_p80"] = r.contingency_reaches_p80;
    out["p80_margin"] = figure(r.p80_margin);
    out["total_confidence"] = figure(r.total_confidence);
    out["text"] = r.text;
    return out;
  }

  Json render() const {
    Json out;
    out["format"] = "explanation/1";
    out["style"] = e.style;
    out["brief"] = e.brief;
    out["estimate_id"] = e.estimate_id;
    out["title"] = e.title;
    out["currency"] = e.currency;
    out["client_name"] = e.client_name;
    out["estimate_class"] = e.estimate_class ? Json(*e.estimate_class) : Json();
    out["total"] = figure(e.total);
    out["direct"] = figure(e.direct);
    out["range_low"] = figure(e.range_low);
    out["range_high"] = figure(e.range_high);
    out["range_text"] = e.range_text;
    out["top_drivers"] = groups(e.top_drivers);
    out["sections"] = each(e.sections, [&](const Section& s) {
      Json j;
      j["kind"] = std::string(section_kind_name(s.kind));
      j["title"] = s.title;
      j["statements"] = statements(s.statements);
      return j;
    });
    out["drivers"] = groups(e.drivers);
    out["drivers_by"] = e.drivers_by;
    out["basis"] = each(e.basis, [](const BasisLine& b) {
      Json j;
      j["item_id"] = b.item_id;
      j["name"] = b.name;
      j["category"] = b.category;
      j["method"] = b.method;
      j["source"] = b.source;
      j["quantity"] = b.quantity;
      j["amount"] = figure(b.amount);
      j["allowance"] = b.allowance;
      j["trigger"] = b.trigger;
      j["range"] = b.range;
      return j;
    });
    out["benchmarks"] = each(e.benchmarks, [](const Benchmark& b) {
      Json j;
      j["rule_id"] = b.rule_id;
      j["label"] = b.label;
      j["value"] = figure(b.value);
      j["low"] = figure(b.low);
      j["high"] = figure(b.high);
      j["position"] = b.position;
      j["source"] = b.source;
      j["item_id"] = b.item_id;
      j["format"] = b.format;
      return j;
    });
    out["assumptions"] = strings(e.assumptions);
    out["exclusions"] = strings(e.exclusions);
    out["risks"] = each(e.risks, [](const RiskLine& r) {
      Json j;
      j["id"] = r.id;
      j["title"] = r.title;
      j["probability"] = figure(r.probability);
      j["impact"] = figure(r.impact);
      j["expected"] = figure(r.expected);
      Json details = Json::array();
      for (const auto& [field, value] : r.details) {
        Json d;
        d["field"] = field;
        d["value"] = value;
        details.push_back(std::move(d));
      }
      j["details"] = std::move(details);
      return j;
    });
    out["contingency"] = figure(e.contingency);
    out["options"] = each(e.options, [&](const OptionRow& o) {
      Json j;
      j["id"] = o.id;
      j["title"] = o.title;
      j["rule_id"] = o.rule_id;
      j["new_total"] = figure(o.new_total);
      j["delta"] = figure(o.delta);
      j["delta_percent"] = figure(o.delta_percent);
      j["tradeoff"] = rich(o.tradeoff);
      j["ask_in_return"] = rich(o.ask_in_return);
      j["changed_items"] = strings(o.changed_items);
      return j;
    });
    out["questions"] = each(e.questions, [&](const Question& q) {
      Json j;
      j["rule_id"] = q.rule_id;
      j["text"] = rich(q.text);
      return j;
    });
    out["objections"] = each(e.objections, [&](const Objection& o) {
      Json j;
      j["rule_id"] = o.rule_id;
      j["objection"] = rich(o.objection);
      j["response"] = rich(o.response);
      return j;
    });
    out["buildup"] = each(e.buildup, buildup_line);
    out["uncovered_items"] = strings(e.uncovered_items);
    out["trace"] = each(e.trace, [](const TraceEntry& t) {
      Json j;
      j["id"] = t.id;
      j["shown"] = t.shown;
      j["exact"] = t.has_exact ? Json(t.exact.to_string()) : Json();
      j["expression"] = t.expression;
      j["rule_id"] = t.rule_id;
      j["file"] = t.file;
      j["line"] = t.pos.known() ? Json(t.pos.line) : Json();
      j["column"] = t.pos.known() ? Json(t.pos.column) : Json();
      j["items"] = strings(t.items.list());
      return j;
    });
    out["internal_notes"] = each(e.internal_notes, [&](const InternalNote& n) {
      Json j;
      j["rule_id"] = n.rule_id;
      j["title"] = n.title;
      j["text"] = rich(n.text);
      return j;
    });
    out["warnings"] = strings(e.warnings);
    out["date"] = e.date;
    out["version"] = e.version;
    out["previous"] = previous();
    out["escalation"] = each(e.escalation, buildup_line);
    out["uncovered"] = each(e.uncovered, [](const CoverageLine& c) {
      Json j;
      j["item_id"] = c.item_id;
      j["name"] = c.name;
      j["amount"] = figure(c.amount);
      return j;
    });
    out["internal_figures"] = each(e.internal_figures, [](const InternalFigure& f) {
      Json j;
      j["id"] = f.id;
      j["label"] = f.label;
      j["value"] = figure(f.value);
      return j;
    });
    out["taken"] = taken();
    out["risk_simulation"] = risk_simulation();
    out["budget"] = budget();
    out["concessions"] = each(e.concessions, [](const Concession& c) {
      Json j;
      j["option_id"] = c.option_id;
      j["title"] = c.title;
      j["rule_id"] = c.rule_id;
      j["saving"] = figure(c.saving);
      j["new_total"] = figure(c.new_total);
      j["margin_after"] = figure(c.margin_after);
      j["points_lost"] = figure(c.points_lost);
      j["saving_per_point"] = figure(c.saving_per_point);
      j["below_floor"] = c.below_floor;
      j["below_target_margin"] = c.below_target_margin;
      return j;
    });
    return out;
  }

  Json taken() const {
    if (!e.taken) return Json();
    const TakenOptions& t = *e.taken;
    Json out;
    out["ids"] = strings(t.ids);
    out["titles"] = strings(t.titles);
    out["total_before"] = figure(t.total_before);
    out["delta"] = figure(t.delta);
    out["delta_percent"] = figure(t.delta_percent);
    return out;
  }

  Json budget() const {
    if (!e.budget) return Json();
    const BudgetSearch& b = *e.budget;
    Json out;
    out["budget"] = figure(b.budget);
    out["source"] = b.source;
    out["gap"] = figure(b.gap);
    out["within_budget"] = b.within_budget;
    out["combinations"] = each(b.combinations, [](const BudgetCombination& c) {
      Json j;
      j["option_ids"] = strings(c.option_ids);
      j["titles"] = strings(c.titles);
      j["new_total"] = figure(c.new_total);
      j["delta"] = figure(c.delta);
      j["delta_percent"] = figure(c.delta_percent);
      j["under_budget"] = figure(c.under_budget);
      j["margin"] = figure(c.margin);
      j["below_floor"] = c.below_floor;
      j["below_target_margin"] = c.below_target_margin;
      return j;
    });
    out["options_searched"] = b.options_searched;
    out["scenarios_evaluated"] = b.scenarios_evaluated;
    out["complete"] = b.complete;
    out["more"] = b.more;
    out["bound_held"] = b.bound_held;
    return out;
  }
};

}  // namespace

std::string render_json(const Explanation& explanation) {
  // Invalid UTF-8 from user files is replaced rather than thrown across the API.
  return JsonWriter{explanation}.render().dump(2, ' ', false, Json::error_handler_t::replace) +
         "\n";
}

}  // namespace basis
