#include "explain_workload.hpp"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace basis::bench {

namespace {

// The vocabulary of generate_csv_items.
constexpr std::array<std::string_view, 8> kCategories = {
    "development",    "testing",   "design",   "project-management",
    "infrastructure", "materials", "services", "enablement"};
constexpr std::array<std::string_view, 5> kMethods = {"bottom-up", "analogous", "parametric",
                                                      "quote", "judgment"};
constexpr std::array<std::string_view, 6> kRates = {"principal", "senior", "engineer",
                                                    "analyst",   "tester", "manager"};

std::string identifier(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

// Rule text is written with $name tokens rather than format strings: the templates are full
// of {{ }} and {% %}.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [token, value] : values) {
    for (std::size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

constexpr const char* kDefine = R"(
  $key_cost: sum(items.amount where category == "$cat")
  $key_hours: sum(items.hours where category == "$cat")
  $key_share: share($key_cost, totals.direct)
  $key_lines: count(items where category == "$cat")
  $key_ranged: count(items where category == "$cat" and hours_high != null))";

constexpr const char* kDefineMethod = R"(
  method_$key_cost: sum(items.amount where method == "$cat")
  method_$key_share: share(method_$key_cost, totals.direct))";

constexpr const char* kDefineRate = R"(
  rate_$key_hours: sum(items.hours where rate_name == "$cat"))";

constexpr const char* kDefineShared = R"(
  all_hours: sum(items.hours)
  senior_share: share(rate_principal_hours + rate_senior_hours, all_hours)
  test_ratio: share(testing_hours, development_hours)
  blended_rate: share(development_cost, development_hours)
  ranged_cost: sum(items.amount where hours_high != null)
  ranged_share: share(ranged_cost, totals.direct)
  large_lines: count(items where amount > 40000)
  contingency_cost: totals.adjustments.contingency
  contingency_share: share(totals.adjustments.contingency, totals.direct)
  floor_headroom: totals.total - estimate.internal.floor)";

// Kind 0: tiered wording of a category's weight; one tier per category is kept.
constexpr const char* kTier = R"(
  - id: $id
    title: Weight of $cat, tier $n
    section: drivers
    group: weight-$cat
    priority: $n
    when: $key_share >= $low%
    explains: items where category == "$cat"
    text: >
      {{ "$cat" | title }} is {{ $key_cost | money }} ({{ $key_share | percent }} of the
      direct cost) over {{ $key_lines | plural("line") }} and {{ $key_hours | hours }}.
      {% if $key_share > 20% %}It is one of the largest parts of the price, and the
      breakdown below shows why.{% else %}It is a moderate part of the price.{% endif %}
    by_style:
      driver: '{{ "$cat" | title }}: {{ $key_cost | money }}, {{ $key_share | percent }} of direct cost.'
    benchmark:
      value: $key_share
      range: [$low%, $high%]
      label: $cat as a share of direct cost
      source: firm's delivery history 2021-2026, tier $n
    questions:
      - Is the scope behind the {{ $key_lines | plural("line") }} of $cat complete?
)";

// Kind 1: one statement per uncertain line of a category.
constexpr const char* kRanged = R"(
  - id: $id
    title: Uncertain $cat lines
    section: drivers
    priority: 20
    for_each: items where category == "$cat" and hours_high != null and hours_high > $limit
    explains: item
    text: >
      {{ item.name }} is carried as a range: {{ item.hours_low | hours }} if it goes as
      planned, {{ item.hours_high | hours }} if it does not. We price the expected
      {{ item.hours | hours }} ({{ item.amount | money }}) at {{ item.rate | money }} an hour.
    by_style:
      driver: "{{ item.name }}: {{ item.hours_low | hours }} to {{ item.hours_high | hours }}."
)";

// Kind 2: how a category's lines were estimated, by method.
constexpr const char* kMethod = R"(
  - id: $id
    title: $cat estimated by $method
    section: basis
    priority: $n
    when: method_$mkey_cost > 0 and $key_cost > 0
    explains: items where category == "$cat" and method == "$method"
    text: >
      {{ count(items where category == "$cat" and method == "$method") | plural("line") }} of
      $cat ({{ sum(items.amount where category == "$cat" and method == "$method") | money }})
      were estimated $method; $method lines are {{ method_$mkey_share | percent }} of the
      direct cost across the whole estimate.
)";

// Kind 3 (even): a way to spend less, as a real scenario.
constexpr const char* kOption = R"(
  - id: $id
    title: Cheaper ways to deliver $cat
    section: drivers
    priority: 3
    when: $key_cost > 0
    text: >
      The options table shows what changing the $cat lines would save; each figure is the
      estimate recomputed with the change, adjustments included.
    options:
      - id: option-$n
        title: $title
        change:
$change
        tradeoff: >
          $cat would take {{ $key_lines | plural("line") }} less care than we recommend;
          the risk moves to you.
        ask_in_return: >
          A decision on this option within {{ $days }} working days, and the saving shared
          against {{ floor_headroom | money }} of headroom.
)";

// Kind 3 (odd): objections about a category.
constexpr const char* kObjection = R"(
  - id: $id
    title: Objections about $cat
    section: objections
    when: $key_share > 1%
    objections:
      - objection: Why is $cat {{ $key_share | percent }} of the price?
        response: >
          Because {{ $key_lines | plural("line") }} of $cat add up to {{ $key_cost | money }}.
          Each line names its method and source in the basis table, so you can challenge
          any of them one by one.
)";

// Kind 4: the risk of a category's ranged lines.
constexpr const char* kRisk = R"(
  - id: $id
    title: Ranged $cat lines
    section: risks
    priority: $n
    when: $key_ranged > $limit
    text: >
      {{ $key_ranged | plural("line") }} of $cat carry a range; together with the other
      ranged lines they are {{ ranged_share | percent }} of the direct cost
      ({{ ranged_cost | money }}), which is what the contingency of
      {{ contingency_cost | money }} is sized against.
)";

// Kind 5: rules written for other clients: they do not fire here.
constexpr const char* kOtherIndustry = R"(
  - id: $id
    title: $cat in a regulated industry
    section: drivers
    priority: 40
    when: estimate.client.industry in ["healthcare", "pharma", "finance"] and $key_share >= 5%
    explains: items where category == "$cat"
    text: >
      In {{ estimate.client.industry }}, $cat ({{ $key_cost | money }}) must leave evidence
      an auditor can follow.
    questions:
      - Who signs off the $cat evidence?
)";

// Kind 6: assumptions (even) and exclusions (odd).
constexpr const char* kAssumption = R"(
  - id: $id
    title: $section for $cat
    section: $section
    when: $key_lines > 0
    text: >
      The {{ $key_lines | plural("line") }} of $cat assume the $method method holds for
      work of this kind{% if $key_share > 15% %}, which matters at
      {{ $key_share | percent }} of the cost{% endif %}.
)";

// Kind 7: questions that depend on the figures.
constexpr const char* kQuestions = R"(
  - id: $id
    title: Questions about $cat
    section: questions
    when: $key_hours > $limit
    questions:
      - Can the {{ $key_hours | hours }} of $cat be scheduled in the order the plan assumes?
      - Who on your side reviews the $cat work, and how quickly?
)";

// Kind 8: summary and drivers statements with loops over groups.
constexpr const char* kSummaryLoop = R"(
  - id: $id
    title: Largest $field groups, view $n
    section: $section
    group: loops-$section
    priority: $n
    when: large_lines >= $limit
    text: >
      The largest {{ "$field" | lower }} groups are
      {% for g in take(sort(group(items, "$field"), "amount", "desc"), 3) %}{{ g.key }}
      ({{ g.amount | money }}, {{ g.share | percent }}){% if not loop.last %}, {% endif %}{% endfor %};
      {{ large_lines | plural("line") }} are above {{ 40000 | money(0) }}.
)";

// Kind 9: senior mix and contingency, plus an internal note.
constexpr const char* kSenior = R"(
  - id: $id
    title: Senior hours in $cat
    section: basis
    priority: 2
    when: senior_share >= $low% and rate_principal_hours > 0
    explains: items where category == "$cat" and rate_name in ["principal", "senior"]
    text: >
      {{ senior_share | percent }} of all hours are senior; in $cat that is
      {{ sum(items.hours where category == "$cat" and rate_name in ["principal", "senior"]) | hours }}
      at a blended development rate of {{ blended_rate | money }} an hour.
    internal: Hold the senior mix in $cat; the floor is {{ estimate.internal.floor | money }}.
)";

std::string option_change(std::size_t n, const std::string& cat, std::string& title) {
  switch (n % 4) {
    case 0:
      title = "Drop the largest " + cat + " lines";
      return "          - remove: category == \"" + cat + "\" and hours > " +
             std::to_string(395 + n % 5);
    case 1:
      title = "Trim judgment-based " + cat + " hours by 10%";
      return "          - scale:\n"
             "              where: category == \"" +
             cat +
             "\" and method == \"judgment\"\n"
             "              field: hours\n"
             "              by: 0.9";
    case 2:
      title = "Senior instead of principal staff on " + cat;
      return "          - set:\n"
             "              where: category == \"" +
             cat +
             "\" and rate_name == \"principal\"\n"
             "              field: rate\n"
             "              to: senior";
    default:
      title = "Carry a " + std::to_string(5 + n % 4) + "% contingency (" + cat + " view)";
      return "          - adjust: {id: contingency, percent: " + std::to_string(5 + n % 4) + "%}";
  }
}

}  // namespace

std::string generate_explain_estimate(const std::string& csv_name) {
  return fill(R"(basis: estimate/1
id: GENERATED-EXPLAIN
title: Generated delivery programme
version: 2
date: 2026-11-20
currency: USD
class: 3
domain: software
client:
  name: Northwind Retail Group
  industry: retail
  style: analytical
rates:
  principal: 240
  senior: 175.50
  engineer: 130
  analyst: 115.25
  tester: 98
  manager: 150
items: {csv: $csv}
adjustments:
  - id: overhead
    kind: overhead
    label: Delivery overhead
    percent: 8%
  - id: contingency
    kind: contingency
    label: Contingency for the ranged lines and the risk register
    percent: 10%
    base: subtotal
  - id: discount
    kind: discount
    label: Programme discount
    amount: -2500
assumptions:
  - The client's product owners are available two days a week.
  - Environments are provisioned within two weeks of the start.
exclusions:
  - Hosting and support after go-live.
  - Data migration from the current systems.
risks:
  - id: R1
    title: Vendor interfaces are late or incomplete
    probability: 30%
    impact: 240000
  - id: R2
    title: Scope grows during discovery
    probability: 25%
    impact: 180000
  - id: R3
    title: Key client staff are unavailable
    probability: 20%
    impact: 90000
internal:
  floor: 250000000
  target_margin: 18%
)",
              {{"$csv", csv_name}});
}

std::string generate_rule_set(std::size_t rules) {
  std::string out =
      "basis: rules/1\nruleset: generated-delivery\n"
      "description: Generated rule set for the end-to-end explanation benchmark\n"
      "drivers_by: category\ndefine:";
  for (std::string_view cat : kCategories) {
    out += fill(kDefine, {{"$key", identifier(cat)}, {"$cat", std::string(cat)}});
  }
  for (std::string_view method : kMethods) {
    out += fill(kDefineMethod, {{"$key", identifier(method)}, {"$cat", std::string(method)}});
  }
  for (std::string_view rate : kRates) {
    out += fill(kDefineRate, {{"$key", identifier(rate)}, {"$cat", std::string(rate)}});
  }
  out += kDefineShared;
  out += "\nrules:";
  for (std::size_t r = 0; r < rules; ++r) {
    const std::size_t kind = r % 10;
    const std::size_t n = r / 10;  // the variant within its kind
    const std::string cat(kCategories[n % kCategories.size()]);
    const std::string method(kMethods[(n / kCategories.size() + r) % kMethods.size()]);
    const std::string low = std::to_string((n * 3) % 30);
    std::vector<std::pair<std::string, std::string>> values = {
        {"$id", "rule-" + std::to_string(r)},
        {"$key", identifier(cat)},
        {"$mkey", identifier(method)},
        {"$cat", cat},
        {"$method", method},
        {"$n", std::to_string(n)},
        {"$low", low},
        {"$high", std::to_string((n * 3) % 30 + 10)},
        {"$days", std::to_string(5 + n % 10)}};
    switch (kind) {
      case 0:
        out += fill(kTier, values);
        break;
      case 1:
        values.emplace_back("$limit", std::to_string(380 + (n * 7) % 50));
        out += fill(kRanged, values);
        break;
      case 2:
        out += fill(kMethod, values);
        break;
      case 3:
        if (n % 2 == 0) {
          std::string title;
          const std::string change = option_change(n, cat, title);
          values.emplace_back("$title", title);
          values.emplace_back("$change", change);
          out += fill(kOption, values);
        } else {
          out += fill(kObjection, values);
        }
        break;
      case 4:
        values.emplace_back("$limit", std::to_string(50 + (n * 37) % 400));
        out += fill(kRisk, values);
        break;
      case 5:
        out += fill(kOtherIndustry, values);
        break;
      case 6:
        values.emplace_back("$section", n % 2 == 0 ? "assumptions" : "exclusions");
        out += fill(kAssumption, values);
        break;
      case 7:
        values.emplace_back("$limit", std::to_string((n * 997) % 60000));
        out += fill(kQuestions, values);
        break;
      case 8: {
        constexpr std::array<std::string_view, 3> fields = {"category", "method", "rate_name"};
        values.emplace_back("$field", std::string(fields[n % fields.size()]));
        values.emplace_back("$section", n % 2 == 0 ? "summary" : "drivers");
        values.emplace_back("$limit", std::to_string(n * 40));
        out += fill(kSummaryLoop, values);
        break;
      }
      default:
        out += fill(kSenior, values);
        break;
    }
  }
  return out;
}

}  // namespace basis::bench
