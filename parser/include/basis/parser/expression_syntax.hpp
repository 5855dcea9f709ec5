#pragma once
// The syntax tree of one expression of the rules language (conditions, metrics, filters,
// `{{ }}` placeholders): nodes in a vector indexed by id, each with its byte range in the
// text and its position in the file. Parsing checks syntax only; names, functions and
// types are checked by the engine when the rules are compiled.
//
// Precedence, loosest first: `where`; `??`; `or`; `and`; `not`; comparisons (`==` `!=`
// `<` `<=` `>` `>=` `in` `not in`, never chained); `+ -`; `* / %`; unary `-`; postfix
// member `.name`, index `[expr]`, call `f(args)`.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/estimate_syntax.hpp"

namespace basis {

using ExprId = std::uint32_t;
inline constexpr ExprId kNoExpr = 0xffffffffu;

enum class ExprKind : std::uint8_t {
  number,   // 12, 12.5, 1_000, 15% (is_percent; the value is 0.15)
  string,   // "text" or 'text', escapes resolved
  boolean,  // true, false
  null,     // null
  list,     // [a, b, c]: children are the elements
  name,     // a bare name: a metric, `estimate`, `items`, `item`, an item field, a loop variable
  member,   // object.name: children {object}, `text` is the name
  index,    // object[index]: children {object, index}
  call,     // name(args): `text` is the function name, children are the arguments
  unary,    // -x, not x: children {operand}
  binary,   // children {lhs, rhs}
  where,    // collection where condition: children {collection, condition}
};

enum class UnaryOp : std::uint8_t { negate, logical_not };

enum class BinaryOp : std::uint8_t {
  add,
  subtract,
  multiply,
  divide,
  remainder,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in,
  not_in,
  logical_and,
  logical_or,
  null_coalesce,
};

// The operator as written: "+", "==", "not in", "??", "and"; "-" and "not" for unary ones.
std::string_view spelling(BinaryOp op);
std::string_view spelling(UnaryOp op);
// "number", "member", ... for messages and debugging.
std::string_view kind_name(ExprKind kind);

struct ExprNode {
  ExprKind kind = ExprKind::null;
  UnaryOp unary_op = UnaryOp::negate;  // unary only
  BinaryOp binary_op = BinaryOp::add;  // binary only
  bool boolean = false;                // boolean only
  bool is_percent = false;             // number written with `%`
  Decimal number;                      // number only (already divided by 100 for 15%)
  std::string text;                    // string value, name, member name or function name
  std::vector<ExprId> children;        // see ExprKind
  // Byte range of the whole node in the text (parentheses around it included).
  std::uint32_t begin = 0, end = 0;
  // The token that makes the node: the operator, the member or function name, `where`, the
  // `[` of an index; for literals, names and lists the whole node. Diagnostics point here.
  std::uint32_t token_begin = 0, token_end = 0;
  SourcePos pos;        // file position of `begin`
  SourcePos token_pos;  // file position of `token_begin`

  ExprId operand() const { return children[0]; }             // unary
  ExprId lhs() const { return children[0]; }                 // binary
  ExprId rhs() const { return children[1]; }                 // binary
  ExprId object() const { return children[0]; }              // member, index
  ExprId subscript() const { return children[1]; }           // index
  ExprId collection() const { return children[0]; }          // where
  ExprId condition() const { return children[1]; }           // where
  std::span<const ExprId> args() const { return children; }  // call; list elements
};

struct ExpressionSyntax {
  ExpressionText input;  // the text parsed, with its file and anchors
  std::vector<ExprNode> nodes;
  ExprId root = kNoExpr;  // kNoExpr in a template, whose expressions have several roots

  const ExprNode& node(ExprId id) const { return nodes[id]; }
  const ExprNode& root_node() const { return nodes[root]; }
  // The text a node was parsed from, e.g. "sum(items.hours)".
  std::string_view text_of(ExprId id) const;
  // File position of a byte offset in the text.
  SourcePos pos_of(std::uint32_t offset) const { return input.pos_of(offset); }
};

// Deeper nesting (of parentheses, brackets, operators) is reported as an error rather than
// risking the stack of the parser or of anything that walks the tree recursively.
inline constexpr int kMaxExpressionDepth = 200;
// Parentheses and brackets deeper than this are an error (the grammar recurses per bracket).
inline constexpr int kMaxBracketNesting = 32;

// Parses a whole expression. Reports syntax errors (with file positions) into `diags` and
// returns nullopt when there is any.
std::optional<ExpressionSyntax> parse_expression(const ExpressionText& text, Diagnostics& diags);

// Debug form of the tree, e.g. "(and (== a 1) (not b))": operators and calls as
// (op args...), members as object.name, index as ([] object index), `where` as
// (where collection condition), lists as [a b], strings quoted, 15% as 15%.
std::string to_sexpr(const ExpressionSyntax& syntax);
std::string to_sexpr(const ExpressionSyntax& syntax, ExprId id);

}  // namespace basis
