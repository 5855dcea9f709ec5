// Line items: one map per item in YAML or JSON, one row per item in CSV. Both are maps
// of field -> value in the Document, so one reader serves all three; CSV differs in how a
// cost cell is read (spreadsheet money cells) and in how messages name the place (the
// column's header rather than a key).

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "csv_cells.hpp"
#include "estimate_parts.hpp"
#include "number_text.hpp"

namespace basis::detail {

namespace {

constexpr int kHours = 0, kRate = 1, kQuantity = 2, kUnitCost = 3, kAmount = 4, kCostFields = 5;
constexpr std::array<std::string_view, kCostFields> kCostNames = {"hours", "rate", "quantity",
                                                                  "unit_cost", "amount"};
constexpr std::array<std::string_view, kCostFields> kQuotedNames = {
    "'hours'", "'rate'", "'quantity'", "'unit_cost'", "'amount'"};
constexpr int kWhole = 0, kLow = 1, kLikely = 2, kHigh = 3, kParts = 4;
constexpr std::array<std::string_view, kParts> kPartSuffixes = {"", "_low", "_likely", "_high"};
constexpr std::array<std::string_view, kParts> kPartNames = {"", "low", "likely", "high"};

bool can_name_rate(int field) {
  return field == kRate || field == kUnitCost;
}
// A credit is a negative amount; a negative quantity of work or price is always a mistake.
bool may_be_negative(int field) {
  return field == kAmount;
}

enum class KeyKind : std::uint8_t { id, name, internal, internal_column, cost, attribute };
struct KeyClass {
  KeyKind kind = KeyKind::attribute;
  int field = 0;
  int part = 0;
};

KeyClass classify(std::string_view key, bool csv) {
  KeyClass k;
  if (key.empty()) return k;
  switch (key[0]) {
    case 'i':
      if (key == "id")
        k.kind = KeyKind::id;
      else if (key == "internal")
        k.kind = KeyKind::internal;
      else if (csv && key.size() > 9 && key.starts_with("internal."))
        k.kind = KeyKind::internal_column;
      return k;
    case 'n':
      if (key == "name") k.kind = KeyKind::name;
      return k;
    case 'h':
    case 'r':
    case 'q':
    case 'u':
    case 'a':
      for (int f = 0; f < kCostFields; ++f) {
        const std::string_view base = kCostNames[f];
        if (!key.starts_with(base)) continue;
        const std::string_view rest = key.substr(base.size());
        for (int p = 0; p < kParts; ++p) {
          if (rest == kPartSuffixes[p]) {
            k.kind = KeyKind::cost;
            k.field = f;
            k.part = p;
            return k;
          }
        }
      }
      return k;
    default:
      return k;
  }
}

// A text that can only be meant as a rate-card name (not a mistyped number).
bool looks_like_name(std::string_view text) {
  if (text.empty()) return false;
  const char c = text[0];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

struct Slot {
  NodeId key = kNoNode;
  NodeId value = kNoNode;
  std::size_t order = 0;
  bool given() const { return value != kNoNode; }
};

class ItemReader {
 public:
  ItemReader(DocReader& r, ItemContext& ctx) : r_(r), ctx_(ctx) {
    if (r_.csv()) money_.emplace(ctx_.currency);
  }

  void read(NodeId map, std::size_t index);
  void reserve(std::size_t items) { ids_.reserve(items); }
  // A repeated id is an error at each repeat with a note at the first.
  void report_duplicate_ids();

 private:
  std::string label(const ItemSyntax& item, NodeId map, std::size_t index) const;
  // Where a message about a field points: its key, or in a CSV its cell.
  NodeId anchor(const Slot& s) const { return r_.csv() ? s.value : s.key; }
  // "column 'hours': " in a CSV, nothing otherwise.
  std::string column(const Slot& s) const {
    return r_.csv() ? fmt::format("column '{}': ", r_.node(s.key).text) : std::string();
  }
  CostValue read_cost(int field, bool& bad);
  std::optional<Decimal> read_number(int field, const Slot& s, std::string_view what, bool& bad);
  CostValue read_three_point_map(int field, NodeId map, bool& bad);
  CostValue read_flat_points(int field, bool& bad);
  CostValue read_csv_cell(int field, const Slot& s, bool& bad);
  bool check_sign(int field, const Slot& s, NodeId at, Decimal value);
  void check_rate_name(const CostValue& v, const Slot& s);
  void check_cost_form(ItemSyntax& item, NodeId map, std::size_t index,
                       const std::array<bool, kCostFields>& given);
  // The first attribute key within reach of a typo of one of `fields`.
  std::optional<std::pair<NodeId, std::string>> misspelt(NodeId map,
                                                         std::span<const std::string_view> fields);

  DocReader& r_;
  ItemContext& ctx_;
  std::optional<MoneyCellReader> money_;
  std::vector<std::pair<std::string_view, NodeId>> ids_;  // in file order
  std::vector<std::size_t> pending_;                      // the current item's attribute entries
  std::array<std::array<Slot, kParts>, kCostFields> cost_{};
};

void ItemReader::report_duplicate_ids() {
  // Open addressing over indices into ids_: one allocation, no per-id node.
  std::size_t capacity = 16;
  while (capacity < 2 * ids_.size()) capacity *= 2;
  constexpr std::uint32_t kEmpty = 0xffffffffu;
  std::vector<std::uint32_t> slots(capacity, kEmpty);
  const std::hash<std::string_view> hash;
  for (std::uint32_t i = 0; i < ids_.size(); ++i) {
    std::size_t at = hash(ids_[i].first) & (capacity - 1);
    while (slots[at] != kEmpty && ids_[slots[at]].first != ids_[i].first) {
      at = (at + 1) & (capacity - 1);
    }
    if (slots[at] == kEmpty) {
      slots[at] = i;
      continue;
    }
    const std::string id = shorten(ids_[i].first);
    Diagnostic& d = r_.error(ids_[i].second,
                             fmt::format("duplicate item id '{}'; each item needs its own id", id));
    r_.note(d, ids_[slots[at]].second, fmt::format("'{}' is first used here", id));
  }
}

std::string ItemReader::label(const ItemSyntax& item, NodeId map, std::size_t index) const {
  if (!item.id.empty()) return fmt::format("item '{}'", item.id);
  if (r_.csv()) return fmt::format("the item on row {}", r_.node(map).pos.line);
  return fmt::format("item {}", index + 1);
}

std::optional<std::pair<NodeId, std::string>> ItemReader::misspelt(
    NodeId map, std::span<const std::string_view> fields) {
  for (std::size_t i = 0; i < r_.map_size(map); ++i) {
    if (!r_.visit()) break;  // aliases may share one large map among many items
    const NodeId key = r_.map_key(map, i);
    const std::string& text = r_.node(key).text;
    if (classify(text, r_.csv()).kind != KeyKind::attribute) continue;
    std::string match = closest_match(text, fields);
    if (!match.empty()) return std::make_pair(r_.csv() ? r_.map_value(map, i) : key, match);
  }
  return std::nullopt;
}

bool ItemReader::check_sign(int field, const Slot& s, NodeId at, Decimal value) {
  if (may_be_negative(field) || value.sign() >= 0) return true;
  const std::string subject = r_.csv() ? column(s) : fmt::format("'{}' ", kCostNames[field]);
  r_.error(at, fmt::format("{}cannot be negative (found {}); only an 'amount' can be negative, "
                           "for a credit",
                           subject, value.to_string()));
  return false;
}

void ItemReader::check_rate_name(const CostValue& v, const Slot& s) {
  if (v.kind != CostValue::Kind::rate_name) return;
  if (ctx_.rate_index.count(v.rate_name) != 0) return;
  std::string message = fmt::format("{}unknown rate '{}'", column(s), shorten(v.rate_name));
  switch (ctx_.rate_card) {
    case RateCard::given: {
      std::string hint = did_you_mean(v.rate_name, ctx_.rate_names);
      message += hint.empty() ? "; the rate card ('rates') has no such name" : hint;
      break;
    }
    case RateCard::none:
      message += ": the estimate has no rate card ('rates')";
      break;
    case RateCard::bare_csv:
      message +=
          ": a CSV file on its own has no rate card; give the rate as a number, or take the "
          "items into a YAML estimate with 'items: {csv: ...}' and a 'rates' map";
      break;
  }
  r_.error(s.value, std::move(message));
}

std::optional<Decimal> ItemReader::read_number(int field, const Slot& s, std::string_view what,
                                               bool& bad) {
  if (r_.csv()) {
    const std::string& cell = r_.node(s.value).text;
    MoneyCell m = money_->read(cell);
    switch (m.status) {
      case MoneyCell::Status::number:
        if (!check_sign(field, s, s.value, m.value)) bad = true;
        return m.value;
      case MoneyCell::Status::foreign_currency:
        r_.error(s.value, fmt::format("{}currency symbol '{}' does not match the estimate's "
                                      "currency {} ({})",
                                      column(s), m.symbol, ctx_.currency.code,
                                      trim_cell(ctx_.currency.symbol)));
        break;
      case MoneyCell::Status::out_of_range:
        r_.error(s.value, fmt::format("{}the number '{}' is too large or has more than 20 "
                                      "decimal places",
                                      column(s), shorten(cell)));
        break;
      case MoneyCell::Status::not_a_number:
        r_.error(s.value, fmt::format("{}expected a number, found '{}'", column(s), shorten(cell)));
        break;
    }
    bad = true;
    return std::nullopt;
  }
  Read<Decimal> n = r_.number(s.value, what);
  if (!n.ok()) {
    bad = true;
    return std::nullopt;
  }
  if (!check_sign(field, s, s.value, n.value)) bad = true;
  return n.value;
}

CostValue ItemReader::read_csv_cell(int field, const Slot& s, bool& bad) {
  CostValue v;
  v.pos = r_.node(s.value).pos;
  const std::string& cell = r_.node(s.value).text;
  if (can_name_rate(field)) {
    const std::string_view name = trim_cell(cell);
    if (ctx_.rate_index.count(name) != 0) {
      v.kind = CostValue::Kind::rate_name;
      v.rate_name = std::string(name);
      return v;
    }
    const MoneyCell m = money_->read(cell);
    if (m.status == MoneyCell::Status::not_a_number && looks_like_name(name)) {
      v.kind = CostValue::Kind::rate_name;  // unknown: check_rate_name says so
      v.rate_name = std::string(name);
      return v;
    }
    if (m.status == MoneyCell::Status::not_a_number) {
      r_.error(s.value, fmt::format("{}expected a number or a rate name, found '{}'", column(s),
                                    shorten(cell)));
      bad = true;
      return v;
    }
  }
  if (auto n = read_number(field, s, "", bad)) {
    v.kind = CostValue::Kind::number;
    v.number = *n;
  }
  return v;
}

CostValue ItemReader::read_three_point_map(int field, NodeId map, bool& bad) {
  CostValue v;
  v.pos = r_.node(map).pos;
  const std::string_view name = kCostNames[field];
  std::array<Slot, kParts> points{};
  for (std::size_t i = 0; i < r_.map_size(map); ++i) {
    if (!r_.visit()) break;  // aliases may share one large map among many items
    const NodeId key = r_.map_key(map, i);
    const std::string& text = r_.node(key).text;
    int part = 0;
    for (int p = kLow; p <= kHigh; ++p) {
      if (text == kPartNames[p]) part = p;
    }
    if (part == 0) {
      std::string hint = suggest(text, {"low", "likely", "high"});
      r_.error(key,
               fmt::format("unknown field '{}' in the three-point value for '{}'{}", shorten(text),
                           name, hint.empty() ? "; use low, likely and high" : hint));
      bad = true;
      continue;
    }
    if (!points[part].given()) points[part] = Slot{key, r_.map_value(map, i), i};
  }
  std::vector<std::string_view> missing;
  std::array<std::optional<Decimal>, kParts> values;
  for (int p = kLow; p <= kHigh; ++p) {
    if (!points[p].given() || r_.is_null(points[p].value)) {
      missing.push_back(kPartNames[p]);
      continue;
    }
    values[p] =
        read_number(field, points[p], fmt::format("'{}' of '{}'", kPartNames[p], name), bad);
  }
  if (!missing.empty()) {
    std::string list = fmt::format("'{}'", missing[0]);
    for (std::size_t i = 1; i < missing.size(); ++i) {
      list += fmt::format("{}'{}'", i + 1 == missing.size() ? " and " : ", ", missing[i]);
    }
    r_.error(map, fmt::format("the three-point value for '{}' is missing {}", name, list));
    bad = true;
    return v;
  }
  if (!values[kLow] || !values[kLikely] || !values[kHigh]) return v;
  v.points = ThreePoint{*values[kLow], *values[kLikely], *values[kHigh]};
  if (!(v.points.low <= v.points.likely && v.points.likely <= v.points.high)) {
    r_.error(map, fmt::format("the three-point value for '{}' must have low <= likely <= high, "
                              "found low {}, likely {}, high {}",
                              name, v.points.low.to_string(), v.points.likely.to_string(),
                              v.points.high.to_string()));
    bad = true;
    return v;
  }
  v.kind = CostValue::Kind::three_point;
  return v;
}

CostValue ItemReader::read_flat_points(int field, bool& bad) {
  CostValue v;
  const auto& slots = cost_[field];
  const std::string_view name = kCostNames[field];
  // The point written first in the file is where messages about the group point.
  int first = 0;
  for (int p = kLow; p <= kHigh; ++p) {
    if (slots[p].given() && (first == 0 || slots[p].order < slots[first].order)) first = p;
  }
  v.pos = r_.node(slots[first].value).pos;
  if (slots[kWhole].given()) {
    r_.error(anchor(slots[first]),
             fmt::format("{}'{}' cannot be used together with '{}'; give either one figure or "
                         "the three points",
                         r_.csv() ? column(slots[first]) : std::string(),
                         r_.node(slots[first].key).text, name));
    bad = true;
    return v;
  }
  std::vector<std::string> missing;
  std::array<std::optional<Decimal>, kParts> values;
  for (int p = kLow; p <= kHigh; ++p) {
    if (!slots[p].given()) {
      missing.push_back(fmt::format("'{}{}'", name, kPartSuffixes[p]));
      continue;
    }
    values[p] = read_number(field, slots[p], fmt::format("'{}{}'", name, kPartSuffixes[p]), bad);
  }
  if (!missing.empty()) {
    std::string list = missing[0];
    for (std::size_t i = 1; i < missing.size(); ++i) {
      list += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
    }
    r_.error(anchor(slots[first]),
             fmt::format("the three-point value for '{}' is missing {}", name, list));
    bad = true;
    return v;
  }
  if (!values[kLow] || !values[kLikely] || !values[kHigh]) return v;
  v.points = ThreePoint{*values[kLow], *values[kLikely], *values[kHigh]};
  if (!(v.points.low <= v.points.likely && v.points.likely <= v.points.high)) {
    r_.error(anchor(slots[first]),
             fmt::format("the three points '{0}_low', '{0}_likely', '{0}_high' must be in order "
                         "(low <= likely <= high), found {1}, {2}, {3}",
                         name, v.points.low.to_string(), v.points.likely.to_string(),
                         v.points.high.to_string()));
    bad = true;
    return v;
  }
  v.kind = CostValue::Kind::three_point;
  return v;
}

CostValue ItemReader::read_cost(int field, bool& bad) {
  const auto& slots = cost_[field];
  if (slots[kLow].given() || slots[kLikely].given() || slots[kHigh].given()) {
    return read_flat_points(field, bad);
  }
  const Slot& s = slots[kWhole];
  if (!s.given()) return {};
  if (r_.csv()) return read_csv_cell(field, s, bad);
  const std::string_view name = kCostNames[field];
  const Node& n = r_.node(s.value);
  if (n.kind == NodeKind::map) return read_three_point_map(field, s.value, bad);
  CostValue v;
  v.pos = n.pos;
  if (n.kind == NodeKind::sequence) {
    r_.error(s.value, fmt::format("expected a number or a three-point value {{low, likely, high}} "
                                  "for '{}', found a list",
                                  name));
    bad = true;
    return v;
  }
  if (can_name_rate(field)) {
    const ScalarMeaning m = r_.meaning(s.value);
    if (m.kind == ScalarMeaning::Kind::text &&
        (ctx_.rate_index.count(n.text) != 0 || looks_like_name(n.text))) {
      v.kind = CostValue::Kind::rate_name;
      v.rate_name = n.text;
      return v;
    }
    if (m.kind == ScalarMeaning::Kind::text && !m.out_of_range) {
      r_.error(s.value, fmt::format("expected a number or a rate name for '{}', found {}{}", name,
                                    r_.describe(s.value), r_.number_hint(s.value)));
      bad = true;
      return v;
    }
  }
  if (auto number = read_number(field, s, kQuotedNames[field], bad)) {
    v.kind = CostValue::Kind::number;
    v.number = *number;
  }
  return v;
}

void ItemReader::check_cost_form(ItemSyntax& item, NodeId map, std::size_t index,
                                 const std::array<bool, kCostFields>& given) {
  struct Form {
    CostForm form;
    int a, b;  // the fields of the form (b == a for amount)
  };
  constexpr std::array<Form, 3> kForms = {Form{CostForm::hours_rate, kHours, kRate},
                                          Form{CostForm::quantity_unit_cost, kQuantity, kUnitCost},
                                          Form{CostForm::amount, kAmount, kAmount}};
  // Where a field first appears in the item: its earliest key among whole and points.
  auto first_slot = [&](int field) -> const Slot* {
    const Slot* best = nullptr;
    for (const Slot& s : cost_[field]) {
      if (s.given() && (!best || s.order < best->order)) best = &s;
    }
    return best;
  };
  struct Present {
    const Form* form;
    const Slot* first;
  };
  std::vector<Present> present;
  for (const Form& f : kForms) {
    const Slot* a = given[f.a] ? first_slot(f.a) : nullptr;
    const Slot* b = given[f.b] ? first_slot(f.b) : nullptr;
    const Slot* first = !a ? b : (!b ? a : (a->order <= b->order ? a : b));
    if (first) present.push_back({&f, first});
  }
  std::sort(present.begin(), present.end(),
            [](const Present& x, const Present& y) { return x.first->order < y.first->order; });

  if (present.empty()) {
    static constexpr std::array<std::string_view, kCostFields> kAll = {"hours", "rate", "quantity",
                                                                       "unit_cost", "amount"};
    if (auto typo = misspelt(map, kAll)) {
      r_.error(typo->first, fmt::format("{} has no cost; did you mean '{}'?",
                                        label(item, map, index), typo->second));
    } else {
      r_.error(map, fmt::format("{} has no cost; give 'hours' and 'rate', 'quantity' and "
                                "'unit_cost', or 'amount'",
                                label(item, map, index)));
    }
    return;
  }
  auto describe_form = [&](const Form& f) {
    if (f.a == f.b) return fmt::format("'{}'", kCostNames[f.a]);
    if (given[f.a] && given[f.b]) {
      return fmt::format("'{}' x '{}'", kCostNames[f.a], kCostNames[f.b]);
    }
    return fmt::format("'{}'", kCostNames[given[f.a] ? f.a : f.b]);
  };
  if (present.size() > 1) {
    std::string forms = describe_form(*present[0].form);
    for (std::size_t i = 1; i < present.size(); ++i) {
      forms += (i + 1 == present.size() ? " and " : ", ") + describe_form(*present[i].form);
    }
    r_.error(anchor(*present[1].first),
             fmt::format("{} gives its cost in more than one way: {}; keep one",
                         label(item, map, index), forms));
    return;
  }
  const Form& f = *present[0].form;
  item.form = f.form;
  if (f.a == f.b || (given[f.a] && given[f.b])) return;
  const int have = given[f.a] ? f.a : f.b;
  const int lack = given[f.a] ? f.b : f.a;
  const std::array<std::string_view, 1> wanted = {kCostNames[lack]};
  if (auto typo = misspelt(map, wanted)) {
    r_.error(typo->first,
             fmt::format("{} has '{}' but no '{}'; did you mean '{}'?", label(item, map, index),
                         kCostNames[have], kCostNames[lack], typo->second));
  } else {
    r_.error(anchor(*first_slot(have)),
             fmt::format("{} has '{}' but no '{}'", label(item, map, index), kCostNames[have],
                         kCostNames[lack]));
  }
}

void ItemReader::read(NodeId map, std::size_t index) {
  if (!r_.visit()) return;
  const Node& m = r_.node(map);
  if (m.kind != NodeKind::map) {
    r_.error(map, fmt::format("expected an item (a map with 'id', 'name' and a cost), found {}",
                              r_.describe(map)));
    return;
  }
  // Built in place: an item is large, and a CSV or JSON estimate may hold 100,000 of them.
  ItemSyntax& item = ctx_.estimate.items.emplace_back();
  item.pos = m.pos;
  cost_ = {};
  NodeId id = kNoNode, name = kNoNode, internal = kNoNode;
  const std::size_t size = r_.map_size(map);
  pending_.clear();
  for (std::size_t i = 0; i < size; ++i) {
    if (!r_.visit()) return;
    const NodeId key = r_.map_key(map, i);
    const NodeId value = r_.map_value(map, i);
    const std::string& text = r_.node(key).text;
    const KeyClass k = classify(text, r_.csv());
    switch (k.kind) {
      case KeyKind::id:
        if (id == kNoNode) id = value;
        break;
      case KeyKind::name:
        if (name == kNoNode) name = value;
        break;
      case KeyKind::internal:
        if (r_.csv()) {
          r_.error(value,
                   "column 'internal': internal data in a CSV file goes in columns named "
                   "'internal.<field>', such as 'internal.cost'");
        } else if (internal == kNoNode) {
          internal = value;
        }
        break;
      case KeyKind::internal_column: {
        if (item.internal.kind != Value::Kind::map) {
          item.internal.kind = Value::Kind::map;
          item.internal.pos = r_.node(value).pos;
        }
        std::string field = text.substr(9);
        if (item.internal.find(field) == nullptr) {
          item.internal.map.emplace_back(std::move(field), r_.value(value));
        }
        break;
      }
      case KeyKind::cost:
        if (!cost_[k.field][k.part].given() && !r_.is_null(value)) {
          cost_[k.field][k.part] = Slot{key, value, i};
        }
        break;
      case KeyKind::attribute: {
        bool duplicate = false;
        for (std::size_t p : pending_) {
          duplicate = duplicate || r_.node(r_.map_key(map, p)).text == text;
        }
        if (!duplicate) pending_.push_back(i);
        break;
      }
    }
  }
  // Attributes are sized exactly: a Value is large, and spare capacity on 100,000 items
  // costs more than the conversion itself.
  item.attributes.reserve(pending_.size());
  for (std::size_t p : pending_) {
    item.attributes.emplace_back(r_.node(r_.map_key(map, p)).text, r_.value(r_.map_value(map, p)));
  }
  if (r_.exhausted()) return;

  Read<std::string> id_text = id == kNoNode ? Read<std::string>{} : r_.text(id, "'id'");
  if (id_text.ok() && !id_text.value.empty()) {
    item.id = std::move(id_text.value);
    item.id_pos = r_.node(id).pos;
    ids_.emplace_back(r_.node(id).text, id);
  } else if (!id_text.bad()) {
    r_.error(map, fmt::format("{} has no 'id'", label(item, map, index)));
  }

  Read<std::string> name_text = name == kNoNode ? Read<std::string>{} : r_.text(name, "'name'");
  if (name_text.ok() && !name_text.value.empty()) {
    item.name = std::move(name_text.value);
  } else if (!name_text.bad()) {
    r_.error(map, fmt::format("{} has no 'name'", label(item, map, index)));
  }

  if (internal != kNoNode && !r_.is_null(internal)) {
    if (r_.is_map(internal)) {
      item.internal = r_.value(internal);
    } else {
      r_.error(internal,
               fmt::format("expected a map for 'internal', found {}", r_.describe(internal)));
    }
  }

  std::array<bool, kCostFields> given{};
  std::array<CostValue*, kCostFields> fields = {&item.hours, &item.rate, &item.quantity,
                                                &item.unit_cost, &item.amount};
  bool bad = false;
  for (int f = 0; f < kCostFields; ++f) {
    for (const Slot& s : cost_[f]) given[f] = given[f] || s.given();
    if (!given[f]) continue;
    *fields[f] = read_cost(f, bad);
    if (can_name_rate(f)) check_rate_name(*fields[f], cost_[f][kWhole]);
  }
  check_cost_form(item, map, index, given);
}

}  // namespace

void index_rates(ItemContext& ctx) {
  ctx.rate_index.clear();
  ctx.rate_names.clear();
  ctx.rate_index.reserve(ctx.estimate.rates.size());
  ctx.rate_names.reserve(ctx.estimate.rates.size());
  for (std::size_t i = 0; i < ctx.estimate.rates.size(); ++i) {
    const std::string& name = ctx.estimate.rates[i].name;
    ctx.rate_index.try_emplace(name, i);
    ctx.rate_names.push_back(name);
  }
}

void read_item_list(DocReader& r, NodeId list, ItemContext& ctx) {
  const Node& n = r.node(list);
  ctx.estimate.items.reserve(ctx.estimate.items.size() + n.children.size());
  ItemReader reader(r, ctx);
  reader.reserve(n.children.size());
  for (std::size_t i = 0; i < n.children.size() && !r.exhausted(); ++i) {
    reader.read(n.children[i], i);
  }
  reader.report_duplicate_ids();
}

void read_csv_items(DocReader& r, ItemContext& ctx) {
  const NodeId root = r.doc().root;
  if (root == kNoNode) {
    Diagnostic& d = r.diags().file_error(r.source() ? r.source()->path() : std::string(),
                                         "the file is empty; a CSV of items needs a header row "
                                         "and one item a row");
    d.pos = SourcePos{1, 1};
    return;
  }
  if (!r.is_sequence(root)) return;
  read_item_list(r, root, ctx);
}

}  // namespace basis::detail
