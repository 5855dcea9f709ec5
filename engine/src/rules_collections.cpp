// group() and sort(): the collection helpers that build new lists. A group's share is the
// share the breakdown table shows (largest remainder at 0.1% over the groups of all items
// by the same field), so that text and table never disagree.

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "rules_context.hpp"

namespace basis::detail {

int compare_for_sort(const RuleValue& a, const RuleValue& b) {
  using K = RuleValue::Kind;
  // Nulls (and anything unordered) go last, whatever the direction.
  const bool a_null = a.is_null() || a.kind() == K::error;
  const bool b_null = b.is_null() || b.kind() == K::error;
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? 1 : -1);
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  switch (a.kind()) {
    case K::number: {
      const Decimal x = a.as_number(), y = b.as_number();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case K::text: {
      const int c = a.as_text().compare(b.as_text());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case K::boolean:
      return a.as_boolean() == b.as_boolean() ? 0 : (a.as_boolean() ? 1 : -1);
    default:
      return 0;
  }
}

RuleValue EvalContext::breakdown_share(int which, std::string_view field, const std::string& key) {
  const Estimate* e = estimates[which];
  if (!e) return RuleValue::null();
  auto cache_key = std::make_pair(which, std::string(field));
  auto it = breakdowns_.find(cache_key);
  if (it == breakdowns_.end()) {
    it = breakdowns_.emplace(std::move(cache_key), build_totals_report(*e, std::string(field)))
             .first;
  }
  for (const TotalsGroup& g : it->second.groups) {
    if (g.key == key) {
      auto share = div(Decimal::from_int(g.share_tenths), Decimal::from_int(1000));
      return share ? RuleValue::number(*share) : RuleValue::null();
    }
  }
  return RuleValue::null();
}

RuleValue EvalContext::make_groups(std::uint32_t id, const RuleValue& list,
                                   std::string_view field) {
  if (!list.is_list()) return RuleValue::null();
  struct Building {
    RuleValue key;
    std::string key_text;
    int which = -1;  // the estimate of its items, for the breakdown share
    Decimal amount, hours;
    std::vector<RuleValue> members;
  };
  std::vector<Building> building;
  std::unordered_map<std::string, std::size_t> by_key;
  bool failed = false;
  for (const RuleValue& e : list.as_list()) {
    step(id);
    RuleValue key;
    std::string key_text;
    if (const LineItem* item = line_item(e)) {
      auto k = group_key(*item, field);
      key_text = k ? *k : std::string(kNoGroup);
      key = k ? make_text(std::move(*k)) : RuleValue::null();
    } else {
      key = member(e, field, false);
      key_text = key.is_text() ? std::string(key.as_text()) : describe(key);
    }
    auto [it, inserted] = by_key.emplace(key_text, building.size());
    if (inserted) {
      building.push_back(
          Building{key, key_text, e.is_item() ? static_cast<int>(e.sub()) : -1, {}, {}, {}});
    }
    Building& b = building[it->second];
    b.members.push_back(e);
    const RuleValue amount = member(e, "amount", false);
    const RuleValue hours = member(e, "hours", false);
    if (amount.is_number()) {
      auto sum = add(b.amount, amount.as_number());
      if (sum)
        b.amount = *sum;
      else
        failed = true;
    }
    if (hours.is_number()) {
      auto sum = add(b.hours, hours.as_number());
      if (sum)
        b.hours = *sum;
      else
        failed = true;
    }
  }
  if (failed) {
    warn(id, "overflow in " + owner_name() + ": a group's amount is too large");
    return RuleValue::error();
  }
  std::vector<RuleValue> result;
  result.reserve(building.size());
  for (Building& b : building) {
    GroupData g;
    g.key = b.key;
    g.amount = b.amount;
    g.hours = b.hours;
    g.count = b.members.size();
    g.items = make_list(b.members, id);
    g.share = b.which >= 0 ? breakdown_share(b.which, field, b.key_text) : RuleValue::null();
    groups_.push_back(std::move(g));
    result.push_back(group_value(groups_.size() - 1));
  }
  return make_list(result, id);
}

RuleValue EvalContext::sort_list(std::uint32_t id, const RuleValue& list, std::string_view field,
                                 bool descending) {
  if (!list.is_list()) return list;
  const auto elements = list.as_list();
  // A sort costs about n log n comparisons: charge them before sorting.
  const double n = static_cast<double>(elements.size());
  const auto cost = static_cast<std::uint64_t>(n * (1.0 + std::log2(n + 1.0)));
  steps_ += cost;
  if (steps_ > limits.max_steps) throw BudgetExceeded{id, true};
  std::vector<std::pair<RuleValue, RuleValue>> keyed;
  keyed.reserve(elements.size());
  for (const RuleValue& e : elements) {
    keyed.emplace_back(field.empty() ? e : member(e, field, false), e);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const int c = compare_for_sort(a.first, b.first);
    const bool a_null = a.first.is_null() || a.first.kind() == RuleValue::Kind::error;
    const bool b_null = b.first.is_null() || b.first.kind() == RuleValue::Kind::error;
    if (a_null || b_null) return c < 0;  // nulls last in both directions
    return descending ? c > 0 : c < 0;
  });
  std::vector<RuleValue>& out = scratch();
  for (const auto& [key, e] : keyed) out.push_back(e);
  RuleValue sorted = make_list(out, id);
  release_scratch();
  return sorted;
}

}  // namespace basis::detail
