#pragma once
// Private to parser/: the entry into the X3 expression grammar (compiled only in
// expression_grammar.cpp) and the wording of syntax errors shared by the expression and
// template parsers. Nothing here mentions X3.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "basis/core/diagnostic.hpp"
#include "basis/parser/expression_syntax.hpp"

namespace basis::detail {

// A syntax error (or warning) found in a text, by byte offsets into it.
struct SyntaxProblem {
  std::uint32_t offset = 0;
  std::uint32_t length = 1;  // bytes underlined
  std::string message;
  bool has_note = false;
  std::uint32_t note_offset = 0;
  std::string note;
};

// How an attempt to read an expression at some offset ended.
enum class ExpressionParse : std::uint8_t {
  ok,        // an expression was read; the offset is just past it
  no_value,  // nothing there starts an expression (the caller words what it expected)
  error,     // an expression started but is broken: `problem` says how
};

// Reads the longest expression that starts at `offset` of syntax.input.text (spaces
// skipped), appending its nodes to syntax.nodes with their file positions. Stops before
// whatever cannot continue an expression (`}}`, `%}`, `|` in a template).
ExpressionParse parse_expression_at(ExpressionSyntax& syntax, std::uint32_t& offset, ExprId& root,
                                    SyntaxProblem& problem);

// ---- wording shared by both grammars (syntax_errors.cpp) -----------------------------

// The offset of the first character at or after `offset` that is not a space.
std::uint32_t skip_spaces(std::string_view text, std::uint32_t offset);
// Bytes of the UTF-8 character at `offset`.
std::uint32_t char_length(std::string_view text, std::uint32_t offset);
// Byte length of the token at `offset` (a name, a number, an operator, one character).
std::uint32_t token_length(std::string_view text, std::uint32_t offset);
// "the end of the expression", "'}}'", "'foo'", "'#'", "a string", ...
std::string describe_found(std::string_view text, std::uint32_t offset);
// True when `offset` is where the expression region ends: the end of the text or the `}}`
// or `%}` that closes a template tag.
bool at_region_end(std::string_view text, std::uint32_t offset);
// A problem for the token at `offset` when it is a habit from other languages (`=`, `&&`,
// `||`, `!`) or a character the language never uses; nullopt otherwise.
std::optional<SyntaxProblem> misused_token(std::string_view text, std::uint32_t offset);

// Reports a problem as a diagnostic at its file position (length in characters).
void report_problem(const SyntaxProblem& problem, const ExpressionText& text, Severity severity,
                    Diagnostics& diags);

}  // namespace basis::detail
