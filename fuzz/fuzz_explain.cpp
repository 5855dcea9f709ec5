// libFuzzer target: a rule set from arbitrary text, compiled and evaluated against a fixed
// estimate, explained in a client style and the internal one (options recomputed as
// scenarios, the budget search, the risk simulation, templates, traces, the guarantees'
// checks) and rendered to Markdown, HTML and JSON. The rule-set fuzzer stops at loading;
// this one reaches the engine and the renderers. The evaluation budget is lowered so that
// a hostile rule set ends with its budget error rather than a libFuzzer timeout.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "basis/engine/estimate.hpp"
#include "basis/engine/explain.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/ruleset_syntax.hpp"
#include "basis/render/explanation.hpp"
#include "fuzz_support.hpp"

namespace {

// Small but with every cost form, a three-point value, a rate card, applies_to, a risk
// register, internal terms and a budget (so the budget search runs).
constexpr const char* kEstimate = R"(basis: estimate/1
id: FUZZ
title: Fuzz estimate
currency: USD
class: 3
domain: software
client: {name: Acme, industry: healthcare, style: analytical, budget: 15000}
rates: {engineer: 100, senior: 150}
items:
  - {id: A, name: Build, category: dev, method: bottom-up, hours: 80, rate: engineer, internal: {cost: 60}}
  - {id: B, name: Test, category: test, method: judgment, hours: {low: 10, likely: 20, high: 60}, rate: senior}
  - {id: C, name: Licence, category: materials, quantity: 3, unit_cost: 50, unit: seat}
  - {id: D, name: Audit, category: services, amount: 1000, source: quote}
adjustments:
  - {id: overhead, kind: overhead, percent: 8%, applies_to: category == "dev"}
  - {id: contingency, kind: contingency, percent: 10%}
risks:
  - {id: R1, title: Vendor delay, probability: 30%, impact: 2000}
assumptions: [Access is given.]
internal: {floor: 9000, target_margin: 25%, cost_rates: {engineer: 60, senior: 90}}
)";

const basis::Estimate& estimate() {
  static const std::optional<basis::Estimate> computed = [] {
    basis::Diagnostics diags;
    auto source = basis::fuzz::make_source("estimate.yaml", kEstimate);
    auto syntax = basis::load_estimate_text(source, "yaml", diags);
    if (!syntax) basis::fuzz::fail("the fixed estimate does not load", __FILE__, __LINE__);
    return basis::compute_estimate(std::move(*syntax), diags, basis::make_applies_to_filter());
  }();
  if (!computed) basis::fuzz::fail("the fixed estimate does not compute", __FILE__, __LINE__);
  return *computed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  basis::SourceRef source = basis::fuzz::make_source("/nonexistent/basis-fuzz/rules.yaml",
                                                     basis::fuzz::input_text(data, size));
  basis::Diagnostics diags;
  std::optional<basis::RuleSetSyntax> file = basis::load_ruleset_text(source, diags);
  if (!file) return 0;
  basis::LoadedRules rules;
  rules.files.push_back(std::move(*file));
  rules.settings = rules.files.back().settings;
  auto program = basis::compile_rules(rules, diags);
  BASIS_FUZZ_CHECK_RESULT(program != nullptr, diags);
  BASIS_FUZZ_DIAGNOSTICS(diags);
  if (!program) return 0;

  for (const char* style : {"analytical", "internal"}) {
    basis::ExplainRequest request;
    request.estimate = &estimate();
    request.program = program.get();
    request.style = style;
    request.limits.max_steps = 2'000'000;
    request.limits.max_elements = 200'000;
    request.budget_max_scenarios = 200;
    basis::Diagnostics explain_diags;
    std::optional<basis::Explanation> explanation =
        basis::build_explanation(request, explain_diags);
    BASIS_FUZZ_DIAGNOSTICS(explain_diags);
    if (!explanation) continue;
    const std::string md = basis::render_markdown(*explanation);
    const std::string html = basis::render_html(*explanation);
    const std::string json = basis::render_json(*explanation);
    BASIS_FUZZ_CHECK(!md.empty() && !html.empty() && !json.empty());
    // The HTML must never carry a script or an external reference, whatever the rules say.
    BASIS_FUZZ_CHECK(html.find("<script") == std::string::npos);
  }
  return 0;
}
