#include "generate.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace basis::bench {

namespace {

// A small, portable generator (SplitMix64): the std engines' distributions differ between
// standard libraries, and these files must be identical everywhere.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
};

constexpr std::array<const char*, 8> kCategories = {
    "development",    "testing",   "design",   "project-management",
    "infrastructure", "materials", "services", "enablement"};
constexpr std::array<const char*, 6> kRates = {"principal", "senior", "engineer",
                                               "analyst",   "tester", "manager"};
constexpr std::array<const char*, 5> kMethods = {"bottom-up", "analogous", "parametric", "quote",
                                                 "judgment"};

struct GeneratedItem {
  std::string id, name, category, method, rate;
  unsigned form;  // 0 hours, 1 three-point hours, 2 quantity x unit cost, 3 amount
  unsigned hours, low, likely, high, quantity;
  unsigned cost_cents;
};

GeneratedItem make_item(SplitMix& rng, std::size_t i) {
  GeneratedItem it;
  it.id = fmt::format("IT-{:06}", i + 1);
  it.category = kCategories[rng.below(kCategories.size())];
  it.method = kMethods[rng.below(kMethods.size())];
  it.name = fmt::format("Work package {} for {}", i + 1, it.category);
  it.rate = kRates[rng.below(kRates.size())];
  it.form = rng.below(4);
  it.hours = 8 + rng.below(400);
  it.likely = 20 + rng.below(200);
  it.low = it.likely - rng.below(it.likely / 2 + 1);
  it.high = it.likely + rng.below(it.likely + 1);
  it.quantity = 1 + rng.below(50);
  it.cost_cents = 1000 + rng.below(500000);
  return it;
}

std::string money_cell(unsigned cents) {
  // Spreadsheet exports quote money with thousands separators: "$1,234.50".
  unsigned whole = cents / 100;
  std::string digits = std::to_string(whole);
  std::string grouped;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
    grouped += digits[k];
  }
  return fmt::format("\"${}.{:02}\"", grouped, cents % 100);
}

}  // namespace

std::string generate_csv_items(std::size_t items, unsigned seed) {
  SplitMix rng{seed};
  std::string out =
      "id,name,category,method,hours,hours_low,hours_likely,hours_high,rate,quantity,unit,"
      "unit_cost,amount\n";
  out.reserve(items * 110);
  for (std::size_t i = 0; i < items; ++i) {
    GeneratedItem it = make_item(rng, i);
    out += fmt::format("{},{},{},{},", it.id, it.name, it.category, it.method);
    switch (it.form) {
      case 0:
        out += fmt::format("{},,,,{},,,,\n", it.hours, it.rate);
        break;
      case 1:
        out += fmt::format(",{},{},{},{},,,,\n", it.low, it.likely, it.high, it.rate);
        break;
      case 2:
        out += fmt::format(",,,,,{},each,{},\n", it.quantity, money_cell(it.cost_cents));
        break;
      default:
        out += fmt::format(",,,,,,,,{}\n", money_cell(it.cost_cents * 10));
        break;
    }
  }
  return out;
}

std::string generate_json_estimate(std::size_t items, unsigned seed) {
  SplitMix rng{seed};
  std::string out = R"({"basis": "estimate/1", "id": "GENERATED", "title": "Generated estimate",
 "currency": "USD", "class": 3,
 "rates": {"principal": 240, "senior": 175.50, "engineer": 130, "analyst": 115.25, "tester": 98, "manager": 150},
 "adjustments": [
  {"id": "overhead", "kind": "overhead", "percent": "8%"},
  {"id": "contingency", "kind": "contingency", "percent": "10%", "base": "subtotal"},
  {"id": "discount", "kind": "discount", "amount": -2500}],
 "items": [
)";
  out.reserve(items * 200);
  for (std::size_t i = 0; i < items; ++i) {
    GeneratedItem it = make_item(rng, i);
    out += fmt::format(R"(  {{"id": "{}", "name": "{}", "category": "{}", "method": "{}", )", it.id,
                       it.name, it.category, it.method);
    switch (it.form) {
      case 0:
        out += fmt::format(R"("hours": {}, "rate": "{}"}})", it.hours, it.rate);
        break;
      case 1:
        out += fmt::format(R"("hours": {{"low": {}, "likely": {}, "high": {}}}, "rate": "{}"}})",
                           it.low, it.likely, it.high, it.rate);
        break;
      case 2:
        out += fmt::format(R"("quantity": {}, "unit": "each", "unit_cost": {}.{:02}}})",
                           it.quantity, it.cost_cents / 100, it.cost_cents % 100);
        break;
      default:
        out +=
            fmt::format(R"("amount": {}.{:02}}})", it.cost_cents / 10, (it.cost_cents % 10) * 10);
        break;
    }
    out += i + 1 < items ? ",\n" : "\n";
  }
  out += " ]}\n";
  return out;
}

std::string generate_yaml_wrapper(const std::string& csv_name) {
  return fmt::format(R"(basis: estimate/1
id: GENERATED
title: Generated estimate
currency: USD
class: 3
rates:
  principal: 240
  senior: 175.50
  engineer: 130
  analyst: 115.25
  tester: 98
  manager: 150
items: {{csv: {}}}
adjustments:
  - id: overhead
    kind: overhead
    percent: 8%
  - id: contingency
    kind: contingency
    percent: 10%
    base: subtotal
  - id: discount
    kind: discount
    amount: -2500
)",
                     csv_name);
}

}  // namespace basis::bench
