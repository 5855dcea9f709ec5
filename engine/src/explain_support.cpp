// Small pieces the explanation builder shares: warnings, paths, figures, item attributes,
// the output order of rules.

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "explain_internal.hpp"

namespace basis::explain_detail {

// ---- warnings --------------------------------------------------------------------------------

std::string relative_path(const std::string& path, const std::string& workspace) {
  if (workspace.empty() || path.empty()) return path;
  std::error_code ec;
  const std::filesystem::path base = std::filesystem::absolute(workspace, ec);
  if (ec) return path;
  const std::filesystem::path full = std::filesystem::absolute(path, ec);
  if (ec) return path;
  const std::filesystem::path rel =
      full.lexically_normal().lexically_relative(base.lexically_normal());
  if (rel.empty()) return path;
  return rel.generic_string();
}

void Reporter::warn(const SourceRef& source, SourcePos pos, const std::string& message,
                    std::uint32_t length) {
  const std::string file = source ? relative_path(source->path(), workspace_) : std::string();
  std::string text = message;
  if (!file.empty() && pos.known()) {
    text = fmt::format("{}:{}:{}: {}", file, pos.line, pos.column, message);
  } else if (!file.empty()) {
    text = fmt::format("{}: {}", file, message);
  }
  if (!seen_.insert(text).second) return;
  warnings_.push_back(text);
  if (source) diags_.warning(source, pos, message, length);
}

void Reporter::warn(const std::string& message) {
  if (!seen_.insert(message).second) return;
  warnings_.push_back(message);
}

void Reporter::take(const Diagnostics& evaluation) {
  for (const Diagnostic& d : evaluation.items()) {
    if (d.severity == Severity::warning) {
      const std::string file = d.source ? relative_path(d.source->path(), workspace_)
                                        : relative_path(d.file, workspace_);
      std::string text = d.message;
      if (!file.empty() && d.pos.known()) {
        text = fmt::format("{}:{}:{}: {}", file, d.pos.line, d.pos.column, d.message);
      }
      if (!seen_.insert(text).second) continue;
      warnings_.push_back(text);
    }
    diags_.add(d);
  }
}

// ---- figures ----------------------------------------------------------------------------------

Figure money_figure(const Estimate& estimate, Decimal amount) {
  return Figure{amount, estimate.format_money(amount)};
}

Figure share_figure(std::int64_t tenths) {
  Figure f;
  f.exact = div(Decimal::from_int(tenths), Decimal::from_int(1000)).value_or(Decimal());
  const bool negative = tenths < 0;
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(tenths)
                                           : static_cast<std::uint64_t>(tenths);
  f.shown = fmt::format("{}{}.{}%", negative ? "-" : "", magnitude / 10, magnitude % 10);
  return f;
}

std::string value_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::text:
      return value.text;
    case Value::Kind::number:
      return value.text.empty() ? format_plain_number(value.number) : value.text;
    case Value::Kind::boolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::list: {
      std::vector<std::string> parts;
      for (const Value& v : value.list) {
        std::string t = value_text(v);
        if (!t.empty()) parts.push_back(std::move(t));
      }
      return format_list(parts);
    }
    case Value::Kind::null:
    case Value::Kind::map:
      return "";
  }
  return "";
}

std::string attribute_text(const LineItem& item, std::string_view key) {
  const Value* v = item.syntax ? item.syntax->attribute(key) : nullptr;
  return v ? value_text(*v) : std::string();
}

std::optional<std::string> display_text(RuleEvaluation& ev, const RuleValue& value) {
  switch (value.kind()) {
    case RuleValue::Kind::null:
    case RuleValue::Kind::error:
    case RuleValue::Kind::record:
    case RuleValue::Kind::map:
      return std::nullopt;
    case RuleValue::Kind::boolean:
      return std::string(value.as_boolean() ? "true" : "false");
    case RuleValue::Kind::number:
      return format_plain_number(value.as_number());
    case RuleValue::Kind::text:
      return std::string(value.as_text());
    case RuleValue::Kind::item: {
      const LineItem* item = ev.item(value);
      if (!item) return std::nullopt;
      return item->name();
    }
    case RuleValue::Kind::group: {
      auto group = ev.group(value);
      if (!group) return std::nullopt;
      return display_text(ev, group->key);
    }
    case RuleValue::Kind::loop:
      return std::to_string(value.index() + 1);
    case RuleValue::Kind::list: {
      std::vector<std::string> parts;
      for (const RuleValue& e : value.as_list()) {
        if (auto t = display_text(ev, e)) parts.push_back(std::move(*t));
      }
      return format_list(parts);
    }
  }
  return std::nullopt;
}

// ---- rules ------------------------------------------------------------------------------------

std::vector<std::size_t> output_order(const RuleProgram& program) {
  const auto refs = program.rule_refs();
  std::vector<std::size_t> order(refs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return refs[a].rule->priority > refs[b].rule->priority;
  });
  return order;
}

bool BuildContext::kept(std::size_t r) const {
  if (r >= ev.rules().size() || !ev.rules()[r].fired()) return false;
  return rule(r).section != RuleSection::internal || !client;
}

std::vector<RuleValue> BuildContext::elements(std::size_t r) const {
  if (!rule(r).for_each.present()) return {RuleValue::null()};
  return ev.rules()[r].matched;
}

std::string BuildContext::item_id(const RuleValue& element) const {
  const LineItem* item = ev.item(element);
  return item && !element.from_previous() ? item->id() : std::string();
}

std::vector<std::string> BuildContext::ids(const std::vector<std::size_t>& items) const {
  std::vector<std::size_t> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::string> out;
  for (std::size_t i : sorted) {
    if (i < estimate.items.size()) out.push_back(estimate.items[i].id());
  }
  return out;
}

std::vector<std::size_t> BuildContext::indices(const std::vector<std::string>& item_ids) const {
  std::vector<std::size_t> out;
  for (const std::string& id : item_ids) {
    auto it = item_index.find(id);
    if (it != item_index.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace basis::explain_detail
