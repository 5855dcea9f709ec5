// JSON risk report: every amount as an exact decimal string beside its formatted text, keys
// in a fixed order, so that the same seed gives the same bytes.

#include <nlohmann/json.hpp>

#include "basis/render/risk.hpp"
#include "basis/render/totals.hpp"
#include "risk_wording.hpp"

namespace basis {

namespace {

using Json = nlohmann::ordered_json;

void put_money(Json& object, const std::string& key, const Estimate& estimate, Decimal amount) {
  object[key] = amount.to_fixed(estimate.money_decimals);
  object[key + "_formatted"] = estimate.format_money(amount);
}

// "10.0" from 100 tenths; null without a value.
Json percent_of(const std::optional<std::int64_t>& tenths) {
  if (!tenths) return Json();
  std::string text = format_share(*tenths);
  text.pop_back();
  return text;
}

}  // namespace

std::string render_risk_json(const Estimate& estimate, const RiskSummary& summary) {
  Json out;
  Json head;
  head["id"] = estimate.id();
  head["title"] = estimate.syntax.title;
  head["currency"] = std::string(estimate.currency->code);
  head["rounding_step"] = estimate.rounding_step.to_string();
  head["money_decimals"] = estimate.money_decimals;
  out["estimate"] = std::move(head);

  Json run;
  run["iterations"] = summary.iterations;
  run["seed"] = summary.seed;
  run["three_point"] = summary.method == ThreePointMethod::triangular ? "triangular" : "pert";
  run["three_point_values"] = summary.three_point_values;
  run["uncertain_items"] = summary.uncertain_items;
  run["risks"] = summary.risks.size();
  run["block_iterations"] = kRiskBlockIterations;
  run["percentile_method"] = "nearest-rank";
  out["simulation"] = std::move(run);

  put_money(out, "base", estimate, summary.base);
  put_money(out, "contingency", estimate, summary.contingency);
  out["contingency_percent_of_base"] = percent_of(summary.contingency_tenths);
  put_money(out, "estimate_total", estimate, summary.estimate_total);
  put_money(out, "expected_risk_cost", estimate, summary.expected_risk_cost);

  Json percentiles = Json::array();
  for (const RiskPercentile& p : summary.percentiles) {
    Json row;
    row["percentile"] = p.percent;
    row["label"] = risk_wording::percentile_label(p.percent);
    put_money(row, "total", estimate, p.total);
    put_money(row, "contingency", estimate, p.contingency);
    row["contingency_percent_of_base"] = percent_of(p.contingency_tenths);
    percentiles.push_back(std::move(row));
  }
  out["percentiles"] = std::move(percentiles);
  put_money(out, "mean", estimate, summary.mean);
  put_money(out, "minimum", estimate, summary.minimum);
  put_money(out, "maximum", estimate, summary.maximum);
  out["contingency_reaches_p80"] = summary.contingency_reaches_p80;
  put_money(out, "p80_margin", estimate, summary.p80_margin);
  out["estimate_total_confidence_percent"] = percent_of(summary.estimate_total_confidence_tenths);

  Json risks = Json::array();
  for (const RiskEvent& event : summary.risks) {
    Json r;
    r["id"] = event.syntax->id;
    r["title"] = event.syntax->title;
    r["probability"] = event.probability.to_string();
    put_money(r, "impact", estimate, event.impact);
    put_money(r, "expected_value", estimate, event.expected_value);
    risks.push_back(std::move(r));
  }
  out["risks"] = std::move(risks);
  Json skipped = Json::array();
  for (const RiskSyntax* risk : summary.risks_not_simulated) skipped.push_back(risk->id);
  out["risks_not_simulated"] = std::move(skipped);

  Json bins = Json::array();
  for (const RiskHistogramBin& bin : summary.histogram) {
    Json b;
    b["from"] = bin.from.to_fixed(estimate.money_decimals);
    b["to"] = bin.to.to_fixed(estimate.money_decimals);
    b["count"] = bin.count;
    bins.push_back(std::move(b));
  }
  out["histogram"] = std::move(bins);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace basis
