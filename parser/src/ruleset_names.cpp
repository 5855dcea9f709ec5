// The names of a rule set's enumerations and the small lookups on its syntax tree.

#include <algorithm>
#include <array>

#include "basis/parser/ruleset_syntax.hpp"

namespace basis {

namespace {

constexpr std::array<std::string_view, 10> kSections = {
    "summary", "drivers", "basis",     "assumptions", "exclusions",
    "risks",   "options", "questions", "objections",  "internal"};

constexpr std::array<std::string_view, 5> kStyles = {"driver", "analytical", "amiable",
                                                     "expressive", "internal"};

// The rule sections, then the parts of an explanation that are built in: benchmarks,
// the cost build-up, coverage of cost lines, and the trace appendix.
constexpr std::array<std::string_view, 14> kExplanationSections = {
    "summary", "drivers",   "basis",      "benchmarks", "assumptions", "exclusions", "risks",
    "options", "questions", "objections", "internal",   "buildup",     "coverage",   "trace"};

constexpr std::array<std::string_view, 4> kBenchmarkFormats = {"percent", "money", "number",
                                                               "hours"};
constexpr std::array<std::string_view, 5> kCostFields = {"hours", "quantity", "rate", "unit_cost",
                                                         "amount"};
constexpr std::array<std::string_view, 5> kChangeOps = {"remove", "scale", "set", "add", "adjust"};

}  // namespace

std::string_view section_name(RuleSection section) {
  return kSections[static_cast<std::size_t>(section)];
}

std::optional<RuleSection> parse_section(std::string_view name) {
  auto it = std::find(kSections.begin(), kSections.end(), name);
  if (it == kSections.end()) return std::nullopt;
  return static_cast<RuleSection>(it - kSections.begin());
}

std::span<const std::string_view> section_names() {
  return kSections;
}

std::string_view style_name(DecisionStyle style) {
  return kStyles[static_cast<std::size_t>(style)];
}

std::optional<DecisionStyle> parse_style(std::string_view name) {
  auto it = std::find(kStyles.begin(), kStyles.end(), name);
  if (it == kStyles.end()) return std::nullopt;
  return static_cast<DecisionStyle>(it - kStyles.begin());
}

std::span<const std::string_view> style_names() {
  return kStyles;
}
std::span<const std::string_view> client_style_names() {
  return std::span<const std::string_view>(kStyles).first(4);
}

std::span<const std::string_view> explanation_section_names() {
  return kExplanationSections;
}

std::string_view benchmark_format_name(BenchmarkFormat format) {
  return kBenchmarkFormats[static_cast<std::size_t>(format)];
}

std::string_view cost_field_name(CostField field) {
  return kCostFields[static_cast<std::size_t>(field)];
}

std::string_view change_op_name(ChangeOp::Kind kind) {
  return kChangeOps[static_cast<std::size_t>(kind)];
}

BenchmarkFormat BenchmarkSyntax::effective_format() const {
  if (format) return *format;
  return range_percent ? BenchmarkFormat::percent : BenchmarkFormat::number;
}

const TemplateField* RuleSyntax::text_for(DecisionStyle style) const {
  for (const StyleTextSyntax& s : by_style) {
    if (s.style == style) return &s.text;
  }
  return nullptr;
}

const ClassBoundsSyntax* RuleSettings::bounds_for(int estimate_class) const {
  for (const ClassBoundsSyntax& b : class_bounds) {
    if (b.estimate_class == estimate_class) return &b;
  }
  return nullptr;
}

const StyleOverrideSyntax* RuleSettings::style(DecisionStyle s) const {
  for (const StyleOverrideSyntax& o : styles) {
    if (o.style == s) return &o;
  }
  return nullptr;
}

const RuleSyntax* RuleSetSyntax::find_rule(std::string_view id) const {
  for (const RuleSyntax& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<LoadedRules::RuleRef> LoadedRules::rules() const {
  std::vector<RuleRef> out;
  for (const RuleSetSyntax& f : files) {
    for (const RuleSyntax& r : f.rules) out.push_back({&f, &r});
  }
  return out;
}

const RuleSyntax* LoadedRules::find_rule(std::string_view id) const {
  for (const RuleSetSyntax& f : files) {
    if (const RuleSyntax* r = f.find_rule(id)) return r;
  }
  return nullptr;
}

const MetricSyntax* LoadedRules::find_metric(std::string_view name) const {
  for (const RuleSetSyntax& f : files) {
    for (const MetricSyntax& m : f.define) {
      if (m.name == name) return &m;
    }
  }
  return nullptr;
}

}  // namespace basis
