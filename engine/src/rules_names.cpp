#include "rules_names.hpp"

#include <algorithm>
#include <array>

namespace basis::detail {

namespace {

constexpr FnSpec kFunctions[] = {
    {"sum", Fn::sum, 1, 1},
    {"count", Fn::count, 1, 1},
    {"avg", Fn::avg, 1, 1},
    {"min", Fn::min, 1, 2},
    {"max", Fn::max, 1, 2},
    {"exists", Fn::exists, 1, 1},
    {"group", Fn::group, 2, 2},
    {"sort", Fn::sort, 1, 3},
    {"take", Fn::take, 2, 2},
    {"share", Fn::share, 2, 2},
    {"round", Fn::round, 1, 2},
    {"floor", Fn::floor, 1, 1},
    {"ceil", Fn::ceil, 1, 1},
    {"abs", Fn::abs, 1, 1},
    {"len", Fn::len, 1, 1},
    {"lower", Fn::lower, 1, 1},
    {"upper", Fn::upper, 1, 1},
    {"contains", Fn::contains, 2, 2},
    {"starts_with", Fn::starts_with, 2, 2},
    {"if", Fn::if_, 3, 3},
};

struct FieldName {
  std::string_view name;
  FieldKind kind;
};

constexpr FieldName kItemFields[] = {
    {"id", FieldKind::id},
    {"name", FieldKind::name},
    {"amount", FieldKind::amount},
    {"hours", FieldKind::hours},
    {"rate", FieldKind::rate},
    {"quantity", FieldKind::quantity},
    {"unit_cost", FieldKind::unit_cost},
    {"rate_name", FieldKind::rate_name},
    {"internal", FieldKind::internal},
    {"previous", FieldKind::previous},
    {"hours_low", FieldKind::hours_low},
    {"hours_likely", FieldKind::hours_likely},
    {"hours_high", FieldKind::hours_high},
    {"rate_low", FieldKind::rate_low},
    {"rate_likely", FieldKind::rate_likely},
    {"rate_high", FieldKind::rate_high},
    {"quantity_low", FieldKind::quantity_low},
    {"quantity_likely", FieldKind::quantity_likely},
    {"quantity_high", FieldKind::quantity_high},
    {"unit_cost_low", FieldKind::unit_cost_low},
    {"unit_cost_likely", FieldKind::unit_cost_likely},
    {"unit_cost_high", FieldKind::unit_cost_high},
    {"amount_low", FieldKind::amount_low},
    {"amount_likely", FieldKind::amount_likely},
    {"amount_high", FieldKind::amount_high},
};

constexpr auto kItemFieldNames = [] {
  std::array<std::string_view, std::size(kItemFields)> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kItemFields[i].name;
  return names;
}();

constexpr std::string_view kEstimateFields[] = {
    "id",          "title",    "version", "date",        "currency", "class",       "domain",
    "three_point", "rounding", "client",  "project",     "internal", "assumptions", "exclusions",
    "risks",       "items",    "rates",   "adjustments", "totals",
};
constexpr std::string_view kTotalsFields[] = {"direct", "subtotal", "total", "adjustments"};
constexpr std::string_view kGroupFields[] = {"key", "amount", "hours", "count", "items", "share"};
constexpr std::string_view kLoopFields[] = {"index", "index0", "first", "last", "length"};
constexpr std::string_view kGlobalNames[] = {"estimate", "items", "totals", "previous", "item"};

}  // namespace

std::span<const FnSpec> function_specs() {
  return kFunctions;
}

const FnSpec* find_function(std::string_view name) {
  for (const FnSpec& spec : kFunctions) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

FieldKind field_kind(std::string_view name) {
  for (const FieldName& field : kItemFields) {
    if (field.name == name) return field.kind;
  }
  return FieldKind::attribute;
}

std::span<const std::string_view> builtin_item_fields() {
  return kItemFieldNames;
}
std::span<const std::string_view> estimate_fields() {
  return kEstimateFields;
}
std::span<const std::string_view> totals_fields() {
  return kTotalsFields;
}
std::span<const std::string_view> group_fields() {
  return kGroupFields;
}
std::span<const std::string_view> loop_fields() {
  return kLoopFields;
}
std::span<const std::string_view> global_names() {
  return kGlobalNames;
}

bool contains_name(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view type_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::unknown:
      return "a value";
    case TypeKind::null:
      return "null";
    case TypeKind::boolean:
      return "true or false";
    case TypeKind::number:
      return "a number";
    case TypeKind::text:
      return "text";
    case TypeKind::list:
      return "a list";
    case TypeKind::item:
      return "an item";
    case TypeKind::group:
      return "a group";
    case TypeKind::map:
      return "a map";
    case TypeKind::estimate:
      return "the estimate";
    case TypeKind::totals:
      return "the totals";
    case TypeKind::adjustments:
      return "the adjustments";
    case TypeKind::loop:
      return "the loop";
  }
  return "a value";
}

Type estimate_field_type(std::string_view field) {
  if (field == "id" || field == "title" || field == "date" || field == "currency" ||
      field == "domain" || field == "three_point") {
    return Type::of(TypeKind::text);
  }
  if (field == "class" || field == "rounding") return Type::of(TypeKind::number);
  if (field == "client" || field == "project" || field == "internal" || field == "rates") {
    return Type::of(TypeKind::map);
  }
  if (field == "assumptions" || field == "exclusions") return Type::list_of(TypeKind::text);
  if (field == "risks" || field == "adjustments") return Type::list_of(TypeKind::map);
  if (field == "items") return Type::list_of(TypeKind::item);
  if (field == "totals") return Type::of(TypeKind::totals);
  return Type::of(TypeKind::unknown);
}

Type totals_field_type(std::string_view field) {
  if (field == "adjustments") return Type::of(TypeKind::adjustments);
  return Type::of(TypeKind::number);
}

Type group_field_type(std::string_view field) {
  if (field == "key") return Type::of(TypeKind::unknown);
  if (field == "items") return Type::list_of(TypeKind::item);
  return Type::of(TypeKind::number);
}

Type loop_field_type(std::string_view field) {
  if (field == "first" || field == "last") return Type::of(TypeKind::boolean);
  return Type::of(TypeKind::number);
}

Type item_field_type(FieldKind kind) {
  switch (kind) {
    case FieldKind::id:
    case FieldKind::name:
    case FieldKind::rate_name:
      return Type::of(TypeKind::text);
    case FieldKind::internal:
      return Type::of(TypeKind::map);
    case FieldKind::previous:
      return Type::of(TypeKind::item);
    case FieldKind::attribute:
      return Type::of(TypeKind::unknown);
    default:
      return Type::of(TypeKind::number);
  }
}

}  // namespace basis::detail
