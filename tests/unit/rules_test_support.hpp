#pragma once
// Shared by the rules engine tests: loading rule sets and estimates from files or from
// text, compiling, and reading results.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/ruleset_syntax.hpp"

namespace basis::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(BASIS_SOURCE_DIR) + "/" + relative;
}

inline std::string all_diagnostics(Diagnostics& diags) {
  diags.sort();
  return format_diagnostics(diags);
}

// Loads rule files (with their imports) and compiles them; fails the test on any error.
inline std::shared_ptr<const RuleProgram> compile_files(const std::vector<std::string>& paths) {
  Diagnostics diags;
  auto loaded = load_rules(paths, diags);
  EXPECT_TRUE(loaded) << all_diagnostics(diags);
  if (!loaded) return nullptr;
  auto program = compile_rules(*loaded, diags);
  EXPECT_TRUE(program) << all_diagnostics(diags);
  EXPECT_FALSE(diags.has_errors()) << all_diagnostics(diags);
  return program;
}

// Reads one rule file from text (no imports); nullopt with the diagnostics on a load error.
inline std::optional<LoadedRules> load_rules_text(const std::string& text, Diagnostics& diags,
                                                  const std::string& path = "rules.yaml") {
  auto source = std::make_shared<const SourceText>(path, text);
  auto file = load_ruleset_text(source, diags);
  if (!file) return std::nullopt;
  LoadedRules rules;
  rules.files.push_back(std::move(*file));
  rules.settings = rules.files.back().settings;
  return rules;
}

// Compiles rules written in the test; fails the test when they do not load or compile.
inline std::shared_ptr<const RuleProgram> compile_text(const std::string& text) {
  Diagnostics diags;
  auto loaded = load_rules_text(text, diags);
  EXPECT_TRUE(loaded) << all_diagnostics(diags);
  if (!loaded) return nullptr;
  auto program = compile_rules(*loaded, diags);
  EXPECT_TRUE(program) << all_diagnostics(diags);
  return program;
}

// Compiles rules that must fail; returns the diagnostics, sorted.
inline Diagnostics compile_errors(const std::string& text) {
  Diagnostics diags;
  auto loaded = load_rules_text(text, diags);
  EXPECT_TRUE(loaded) << "the rules must load (the error is expected from compiling): "
                      << all_diagnostics(diags);
  if (!loaded) return diags;
  auto program = compile_rules(*loaded, diags);
  EXPECT_FALSE(program) << "expected a compile error";
  diags.sort();
  return diags;
}

inline std::optional<Estimate> estimate_file(const std::string& path,
                                             const std::string& industry_override = "") {
  Diagnostics diags;
  auto syntax = load_estimate(path, diags);
  EXPECT_TRUE(syntax) << all_diagnostics(diags);
  if (!syntax) return std::nullopt;
  if (!industry_override.empty()) {
    Value* industry = nullptr;
    for (auto& [key, value] : syntax->client.map) {
      if (key == "industry") industry = &value;
    }
    EXPECT_TRUE(industry != nullptr);
    if (industry) industry->text = industry_override;
  }
  auto estimate = compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
  EXPECT_TRUE(estimate) << all_diagnostics(diags);
  return estimate;
}

inline std::optional<Estimate> estimate_text(const std::string& yaml, Diagnostics& diags) {
  auto source = std::make_shared<const SourceText>("estimate.yaml", yaml);
  auto syntax = load_estimate_text(source, "yaml", diags);
  if (!syntax) return std::nullopt;
  return compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
}

inline Decimal dec(const char* text) {
  return *Decimal::parse(text);
}

inline std::vector<std::string> fired_ids(const RuleEvaluation& ev, RuleOutcome outcome) {
  std::vector<std::string> ids;
  const auto refs = ev.program().rule_refs();
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (ev.rules()[i].outcome == outcome) ids.push_back(refs[i].rule->id);
  }
  return ids;
}

}  // namespace basis::testing
