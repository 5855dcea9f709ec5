#pragma once
// The syntax of a template (`text`, `by_style`, `response`, `tradeoff`, `internal`):
// literal Markdown text, `{{ expr | filter | filter(args) }}` placeholders,
// `{% if %}{% elif %}{% else %}{% endif %}` blocks and `{% for x in expr %}{% endfor %}`
// loops. Parts live in one vector indexed by id; every expression of the template lives in
// one shared ExpressionSyntax whose offsets are offsets in the template text.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/parser/expression_syntax.hpp"

namespace basis {

using TemplatePartId = std::uint32_t;

enum class TemplatePartKind : std::uint8_t { text, placeholder, if_block, for_loop };

// A filter of a placeholder with its argument count checked against template_filters().
struct TemplateFilter {
  std::string name;
  std::vector<ExprId> args;
  std::uint32_t begin = 0, end = 0;  // the name through the closing parenthesis
  SourcePos pos;                     // the name
};

// One branch of an if block: `if` and each `elif` have a condition; `else` has none.
struct TemplateBranch {
  ExprId condition = kNoExpr;
  std::vector<TemplatePartId> body;
  std::uint32_t begin = 0;  // the `{%` of the tag that opens the branch
  SourcePos pos;
};

struct TemplatePart {
  TemplatePartKind kind = TemplatePartKind::text;
  // The part's byte range in the template; for blocks, from `{% if`/`{% for` through the
  // `%}` of `{% endif %}`/`{% endfor %}`.
  std::uint32_t begin = 0, end = 0;
  SourcePos pos;
  std::string text;                      // text: the literal text, exactly as written
  ExprId expr = kNoExpr;                 // placeholder: the value; for_loop: the collection
  std::vector<TemplateFilter> filters;   // placeholder, in order of application
  std::vector<TemplateBranch> branches;  // if_block: if, elif..., else (last, if any)
  std::string variable;                  // for_loop: the loop variable
  SourcePos variable_pos;
  std::vector<TemplatePartId> body;  // for_loop
};

struct TemplateSyntax {
  ExpressionSyntax expressions;  // every expression of the template (root unused)
  std::vector<TemplatePart> parts;
  std::vector<TemplatePartId> top;  // the template's own sequence of parts

  const TemplatePart& part(TemplatePartId id) const { return parts[id]; }
  const ExprNode& expr(ExprId id) const { return expressions.node(id); }
};

// The filters a placeholder may use and how many arguments each accepts.
struct TemplateFilterSpec {
  std::string_view name;
  int min_args = 0;
  int max_args = 0;
};
std::span<const TemplateFilterSpec> template_filters();
const TemplateFilterSpec* find_template_filter(std::string_view name);

// Deeper nesting of if/for blocks is an error.
inline constexpr int kMaxTemplateNesting = 50;

// Parses a template. Reports every syntax error it finds (one per tag at most, with file
// positions) and the `{% if x > 18%}` warning into `diags`; returns nullopt on any error.
std::optional<TemplateSyntax> parse_template(const ExpressionText& text, Diagnostics& diags);

// Debug form, e.g. `"Hi " {{name | upper}} (if a "x" (elif b "y") (else "z"))
// (for g in items "-")`.
std::string to_debug_string(const TemplateSyntax& syntax);

}  // namespace basis
