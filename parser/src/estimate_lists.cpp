// The rate card, adjustments, risks and the lists of sentences of an estimate.

#include <algorithm>
#include <array>
#include <unordered_set>

#include <fmt/format.h>

#include "estimate_parts.hpp"

namespace basis::detail {

std::string suggest(std::string_view word, std::initializer_list<std::string_view> candidates) {
  return did_you_mean(word,
                      std::span<const std::string_view>(candidates.begin(), candidates.size()));
}

std::string join_or(std::initializer_list<std::string_view> words) {
  std::string out;
  std::size_t i = 0;
  for (std::string_view w : words) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += w;
    ++i;
  }
  return out;
}

namespace {

// Tracks the ids of one list (items, adjustments, risks): a repeat is an error at the
// repeat with a note at the first.
class IdRegister {
 public:
  explicit IdRegister(std::string_view what) : what_(what) {}
  // True when `id` is new.
  bool add(DocReader& r, NodeId node, const std::string& id) {
    auto [it, inserted] = first_.try_emplace(id, node);
    if (inserted) return true;
    Diagnostic& d = r.error(node, fmt::format("duplicate {} id '{}'; each {} needs its own id",
                                              what_, shorten(id), what_));
    r.note(d, it->second, fmt::format("'{}' is first used here", shorten(id)));
    return false;
  }

 private:
  std::string_view what_;
  std::unordered_map<std::string, NodeId> first_;
};

// Reads `id` of a list entry; reports a missing one. Empty when missing or bad.
std::string entry_id(DocReader& r, NodeId map, NodeId id, std::string_view what, std::size_t index,
                     IdRegister& ids) {
  Read<std::string> text = id == kNoNode ? Read<std::string>{} : r.text(id, "'id'");
  if (text.ok() && !text.value.empty()) {
    ids.add(r, id, text.value);
    return text.value;
  }
  if (!text.bad()) r.error(map, fmt::format("{} {} has no 'id'", what, index + 1));
  return {};
}

std::string who(std::string_view what, const std::string& id, std::size_t index) {
  return id.empty() ? fmt::format("{} {}", what, index + 1) : fmt::format("{} '{}'", what, id);
}

}  // namespace

void read_rates(DocReader& r, NodeId map, EstimateSyntax& out) {
  if (r.is_null(map)) return;
  if (!r.is_map(map)) {
    r.error(map, fmt::format("expected a map of rate names and prices for 'rates' (such as "
                             "'engineer: 120'), found {}",
                             r.describe(map)));
    return;
  }
  const std::size_t size = r.map_size(map);
  out.rates.reserve(size);
  std::unordered_set<std::string_view> seen;
  seen.reserve(size);
  for (std::size_t i = 0; i < size && r.visit(); ++i) {
    const NodeId key = r.map_key(map, i);
    const NodeId value = r.map_value(map, i);
    const std::string& name = r.node(key).text;
    if (!seen.insert(name).second) continue;  // the loader reports duplicate keys
    const std::string field = fmt::format("rate '{}'", shorten(name));
    Read<Decimal> price = r.number(value, field);
    if (price.absent()) {
      r.error(key, fmt::format("{} has no price", field));
    } else if (price.ok() && price.value.sign() < 0) {
      r.error(value,
              fmt::format("{} cannot be negative (found {})", field, price.value.to_string()));
    }
    // A rate with a bad price still exists: items naming it must not also be told it is
    // unknown. (The estimate is not returned when any error was reported.)
    out.rates.push_back(RateSyntax{name, price.ok() ? price.value : Decimal{}, r.node(key).pos});
  }
}

void read_adjustments(DocReader& r, NodeId list, EstimateSyntax& out) {
  if (r.is_null(list)) return;
  if (!r.is_sequence(list)) {
    r.error(list, fmt::format("expected a list of adjustments for 'adjustments', found {}",
                              r.describe(list)));
    return;
  }
  enum Field { kId, kKind, kLabel, kPercent, kAmount, kAppliesTo, kBase, kFields };
  static constexpr std::array<std::string_view, kFields> kNames = {
      "id", "kind", "label", "percent", "amount", "applies_to", "base"};
  IdRegister ids("adjustment");
  const auto& elements = r.node(list).children;
  out.adjustments.reserve(elements.size());
  for (std::size_t index = 0; index < elements.size() && r.visit(); ++index) {
    const NodeId map = elements[index];
    if (!r.is_map(map)) {
      r.error(map, fmt::format("expected an adjustment (a map with 'id', 'kind' and 'percent' or "
                               "'amount'), found {}",
                               r.describe(map)));
      continue;
    }
    std::array<NodeId, kFields> value{}, key{};
    value.fill(kNoNode);
    key.fill(kNoNode);
    for (std::size_t i = 0; i < r.map_size(map) && r.visit(); ++i) {
      const NodeId k = r.map_key(map, i);
      const std::string& text = r.node(k).text;
      const auto found = std::find(kNames.begin(), kNames.end(), std::string_view(text));
      if (found == kNames.end()) {
        if (text.starts_with("x-")) continue;
        std::string hint = did_you_mean(text, kNames);
        r.error(k, fmt::format("unknown adjustment field '{}'{}", shorten(text),
                               hint.empty() ? "; an adjustment has id, kind, label, percent, "
                                              "amount, applies_to and base"
                                            : hint));
        continue;
      }
      const auto f = static_cast<std::size_t>(found - kNames.begin());
      if (value[f] == kNoNode) {
        key[f] = k;
        value[f] = r.map_value(map, i);
      }
    }
    AdjustmentSyntax a;
    a.pos = r.node(map).pos;
    a.id = entry_id(r, map, value[kId], "adjustment", index, ids);
    const std::string name = who("adjustment", a.id, index);

    if (Read<std::string> kind = r.text(value[kKind], "'kind'"); kind.ok()) {
      static constexpr std::array<std::pair<std::string_view, AdjustmentKind>, 7> kKinds = {{
          {"overhead", AdjustmentKind::overhead},
          {"escalation", AdjustmentKind::escalation},
          {"contingency", AdjustmentKind::contingency},
          {"fee", AdjustmentKind::fee},
          {"discount", AdjustmentKind::discount},
          {"tax", AdjustmentKind::tax},
          {"other", AdjustmentKind::other},
      }};
      bool known = false;
      for (const auto& [word, k] : kKinds) {
        if (kind.value == word) {
          a.kind = k;
          known = true;
        }
      }
      if (!known) {
        std::string hint = suggest(kind.value, {"overhead", "escalation", "contingency", "fee",
                                                "discount", "tax", "other"});
        r.error(value[kKind],
                fmt::format("unknown adjustment kind '{}'{}", shorten(kind.value),
                            hint.empty() ? "; use overhead, escalation, contingency, fee, "
                                           "discount, tax or other"
                                         : hint));
      }
    }
    if (Read<std::string> label = r.text(value[kLabel], "'label'"); label.ok()) {
      a.label = std::move(label.value);
    }
    if (a.label.empty()) a.label = a.id;

    Read<Decimal> percent = r.percent(value[kPercent], "'percent'");
    if (percent.ok()) a.percent = percent.value;
    Read<Decimal> amount = r.number(value[kAmount], "'amount'");
    if (amount.ok()) a.amount = amount.value;
    if (!percent.absent() && !amount.absent()) {
      const NodeId later =
          r.node(key[kPercent]).pos < r.node(key[kAmount]).pos ? key[kAmount] : key[kPercent];
      r.error(later, fmt::format("{} has both 'percent' and 'amount'; keep one", name));
    } else if (percent.absent() && amount.absent()) {
      r.error(map, fmt::format("{} has neither 'percent' nor 'amount'; give one, such as "
                               "'percent: 10%' or 'amount: -5000'",
                               name));
    }

    bool subtotal = false;
    if (Read<std::string> base = r.text(value[kBase], "'base'"); base.ok()) {
      if (base.value == "subtotal") {
        subtotal = true;
        a.base = AdjustmentBase::subtotal;
      } else if (base.value != "direct") {
        std::string hint = suggest(base.value, {"direct", "subtotal"});
        r.error(value[kBase], fmt::format("'base' must be 'direct' or 'subtotal', found '{}'{}",
                                          shorten(base.value), hint));
      }
    }
    if (Read<std::string> filter = r.text(value[kAppliesTo], "'applies_to'"); filter.ok()) {
      const Node& n = r.node(value[kAppliesTo]);
      if (filter.value.find_first_not_of(" \t\r\n") == std::string::npos) {
        r.error(value[kAppliesTo],
                "'applies_to' is empty; write a filter over items, such as "
                "category == \"materials\"");
      } else if (subtotal) {
        r.error(value[kBase],
                "'applies_to' and 'base: subtotal' cannot be used together: an "
                "adjustment applies either to the items that match or to the "
                "subtotal");
      } else {
        a.base = AdjustmentBase::applies_to;
        a.applies_to.text = std::move(filter.value);
        a.applies_to.source = r.source();
        a.applies_to.anchors = n.anchors;
        if (a.applies_to.anchors.empty()) a.applies_to.anchors.push_back({0, n.content_pos});
      }
    }
    out.adjustments.push_back(std::move(a));
  }
}

void read_risks(DocReader& r, NodeId list, EstimateSyntax& out) {
  if (r.is_null(list)) return;
  if (!r.is_sequence(list)) {
    r.error(list, fmt::format("expected a list of risks for 'risks', found {}", r.describe(list)));
    return;
  }
  IdRegister ids("risk");
  const auto& elements = r.node(list).children;
  out.risks.reserve(elements.size());
  for (std::size_t index = 0; index < elements.size() && r.visit(); ++index) {
    const NodeId map = elements[index];
    if (!r.is_map(map)) {
      r.error(map, fmt::format("expected a risk (a map with 'id', 'title', 'probability' and "
                               "'impact'), found {}",
                               r.describe(map)));
      continue;
    }
    RiskSyntax risk;
    risk.pos = r.node(map).pos;
    NodeId id = kNoNode, title = kNoNode, probability = kNoNode, impact = kNoNode;
    for (std::size_t i = 0; i < r.map_size(map) && r.visit(); ++i) {
      const std::string& text = r.node(r.map_key(map, i)).text;
      const NodeId v = r.map_value(map, i);
      NodeId* slot = text == "id"            ? &id
                     : text == "title"       ? &title
                     : text == "probability" ? &probability
                     : text == "impact"      ? &impact
                                             : nullptr;
      if (slot) {
        if (*slot == kNoNode) *slot = v;
        continue;
      }
      bool duplicate = false;
      for (const auto& a : risk.attributes) duplicate = duplicate || a.first == text;
      if (!duplicate) risk.attributes.emplace_back(text, r.value(v));
    }
    risk.id = entry_id(r, map, id, "risk", index, ids);
    if (Read<std::string> t = r.text(title, "'title'"); t.ok()) risk.title = std::move(t.value);
    if (Read<Decimal> p = r.percent(probability, "'probability'"); p.ok()) {
      if (p.value.sign() < 0 || p.value > Decimal::from_int(1)) {
        r.error(probability, fmt::format("'probability' must be between 0% and 100%, found {}",
                                         shorten(r.node(probability).text)));
      } else {
        risk.probability = p.value;
      }
    }
    if (Read<Decimal> n = r.number(impact, "'impact'"); n.ok()) risk.impact = n.value;
    out.risks.push_back(std::move(risk));
  }
}

void read_text_list(DocReader& r, NodeId list, std::string_view field,
                    std::vector<std::string>& out) {
  if (r.is_null(list)) return;
  if (!r.is_sequence(list)) {
    r.error(list, fmt::format("expected a list of sentences for '{}' (one per line, each "
                              "starting with '- '), found {}",
                              field, r.describe(list)));
    return;
  }
  const auto& elements = r.node(list).children;
  out.reserve(elements.size());
  for (NodeId element : elements) {
    if (!r.visit()) return;
    if (r.is_null(element)) continue;
    if (r.is_scalar(element)) {
      out.push_back(r.node(element).text);
      continue;
    }
    // "- Client provides: devices" is a map in YAML: the colon is the usual culprit.
    r.error(element,
            fmt::format("expected a sentence in '{}', found {}{}", field, r.describe(element),
                        r.is_map(element) ? "; put the sentence in quotes when it "
                                            "contains ': '"
                                          : ""));
  }
}

}  // namespace basis::detail
