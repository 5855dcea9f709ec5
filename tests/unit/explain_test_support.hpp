#pragma once
// Shared by the explanation tests: the sample estimates with the shipped rules, explained
// in a style, and ways to read the result.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "basis/engine/explain.hpp"
#include "rules_test_support.hpp"

namespace basis::testing {

struct Explained {
  std::shared_ptr<const RuleProgram> program;
  std::optional<Estimate> estimate;
  std::optional<Explanation> explanation;
  Diagnostics diags;
};

// Explains a sample estimate with a program already compiled.
inline std::unique_ptr<Explained> explain_with(std::shared_ptr<const RuleProgram> program,
                                               const std::string& estimate_path,
                                               const std::string& style,
                                               const std::string& industry_override = "",
                                               const Estimate* previous = nullptr) {
  auto out = std::make_unique<Explained>();
  out->program = std::move(program);
  out->estimate = estimate_file(source_path(estimate_path), industry_override);
  if (!out->program || !out->estimate) return out;
  ExplainRequest request;
  request.estimate = &*out->estimate;
  request.program = out->program.get();
  request.style = style;
  request.previous = previous;
  request.workspace = BASIS_SOURCE_DIR;
  out->explanation = build_explanation(request, out->diags);
  EXPECT_TRUE(out->explanation) << all_diagnostics(out->diags);
  return out;
}

inline std::unique_ptr<Explained> explain_files(const std::string& estimate_path,
                                                const std::string& rules_path,
                                                const std::string& style,
                                                const std::string& industry_override = "") {
  auto out = std::make_unique<Explained>();
  out->program = compile_files({source_path(rules_path)});
  out->estimate = estimate_file(source_path(estimate_path), industry_override);
  if (!out->program || !out->estimate) return out;
  ExplainRequest request;
  request.estimate = &*out->estimate;
  request.program = out->program.get();
  request.style = style;
  request.workspace = BASIS_SOURCE_DIR;
  out->explanation = build_explanation(request, out->diags);
  EXPECT_TRUE(out->explanation) << all_diagnostics(out->diags);
  return out;
}

// Every statement, option, question, objection and note as plain text, one per line.
inline std::string all_text(const Explanation& e) {
  std::string out;
  auto add = [&](const RichText& t) {
    if (!t.empty()) out += plain_text(t) + "\n";
  };
  for (const Section& s : e.sections) {
    for (const Statement& st : s.statements) add(st.text);
  }
  for (const DriverGroup& g : e.drivers) {
    for (const Statement& st : g.statements) add(st.text);
  }
  for (const OptionRow& o : e.options) {
    out += o.title + "\n";
    add(o.tradeoff);
    add(o.ask_in_return);
  }
  for (const Question& q : e.questions) add(q.text);
  for (const Objection& o : e.objections) {
    add(o.objection);
    add(o.response);
  }
  for (const InternalNote& n : e.internal_notes) add(n.text);
  return out;
}

// What the reader of the style sees in words: the statements and texts of the sections the
// style shows, in their order, each on its own line.
inline std::string shown_text(const Explanation& e) {
  std::string out;
  auto add = [&](const RichText& t) {
    if (!t.empty()) out += plain_text(t) + "\n";
  };
  for (const Section& s : e.sections) {
    for (const Statement& st : s.statements) add(st.text);
    switch (s.kind) {
      case SectionKind::drivers:
        for (const DriverGroup& g : e.drivers) {
          for (const Statement& st : g.statements) add(st.text);
        }
        break;
      case SectionKind::options:
        for (const OptionRow& o : e.options) {
          out += o.title + "\n";
          add(o.tradeoff);
          add(o.ask_in_return);
        }
        break;
      case SectionKind::questions:
        for (const Question& q : e.questions) add(q.text);
        break;
      case SectionKind::objections:
        for (const Objection& o : e.objections) {
          add(o.objection);
          add(o.response);
        }
        break;
      case SectionKind::internal:
        for (const InternalNote& n : e.internal_notes) add(n.text);
        break;
      default:
        break;
    }
  }
  return out;
}

// The statements of one rule, wherever they are.
inline std::vector<const Statement*> statements_of(const Explanation& e, const std::string& rule) {
  std::vector<const Statement*> out;
  for (const Section& s : e.sections) {
    for (const Statement& st : s.statements) {
      if (st.rule_id == rule) out.push_back(&st);
    }
  }
  for (const DriverGroup& g : e.drivers) {
    for (const Statement& st : g.statements) {
      if (st.rule_id == rule) out.push_back(&st);
    }
  }
  return out;
}

inline const OptionRow* option_row(const Explanation& e, const std::string& id) {
  for (const OptionRow& o : e.options) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace basis::testing
