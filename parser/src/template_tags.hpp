#pragma once
// Private to parser/: one template tag (`{{ }}` or `{% %}`) as the X3 tag grammar
// (template_grammar.cpp) reads it, before template_blocks.cpp matches blocks.

#include <cstdint>
#include <string_view>
#include <vector>

#include "basis/parser/template_syntax.hpp"
#include "expression_grammar.hpp"

namespace basis::detail {

enum class TagKind : std::uint8_t {
  placeholder,
  if_tag,
  elif_tag,
  else_tag,
  endif_tag,
  for_tag,
  endfor_tag
};

// "if", "endfor", ... ("{{" for a placeholder).
std::string_view tag_word(TagKind kind);

// One `{{ }}` or `{% %}` as read, before blocks are matched.
struct Tag {
  TagKind kind = TagKind::placeholder;
  std::uint32_t begin = 0, end = 0;  // `{{`/`{%` through `}}`/`%}`
  ExprId expr = kNoExpr;
  std::vector<TemplateFilter> filters;
  std::uint32_t variable_begin = 0, variable_end = 0;
  std::uint32_t filter_end = 0;  // scratch: end of the filter read last
  bool kind_known = false;       // the tag's keyword was read (also when the rest is broken)
};

// Reads the tag whose `{{`/`{%` is at byte `begin` of expressions.input.text into `tag`,
// appending its expressions to `expressions`. On failure sets `problem` and returns false;
// the tag's kind is still known when its keyword was read, so that blocks can still be
// matched and a broken `{% if %}` does not make its `{% endif %}` look stray.
bool read_tag(ExpressionSyntax& expressions, std::uint32_t begin, Tag& tag, SyntaxProblem& problem);

}  // namespace basis::detail
