// parse_expression around the X3 grammar (expression_grammar.cpp), and the debug printer.

#include "basis/parser/expression_syntax.hpp"

#include <limits>
#include <string>

#include "expression_grammar.hpp"

namespace basis {

std::string_view spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::add:
      return "+";
    case BinaryOp::subtract:
      return "-";
    case BinaryOp::multiply:
      return "*";
    case BinaryOp::divide:
      return "/";
    case BinaryOp::remainder:
      return "%";
    case BinaryOp::equal:
      return "==";
    case BinaryOp::not_equal:
      return "!=";
    case BinaryOp::less:
      return "<";
    case BinaryOp::less_equal:
      return "<=";
    case BinaryOp::greater:
      return ">";
    case BinaryOp::greater_equal:
      return ">=";
    case BinaryOp::in:
      return "in";
    case BinaryOp::not_in:
      return "not in";
    case BinaryOp::logical_and:
      return "and";
    case BinaryOp::logical_or:
      return "or";
    case BinaryOp::null_coalesce:
      return "??";
  }
  return "?";
}

std::string_view spelling(UnaryOp op) {
  return op == UnaryOp::negate ? "-" : "not";
}

std::string_view kind_name(ExprKind kind) {
  switch (kind) {
    case ExprKind::number:
      return "number";
    case ExprKind::string:
      return "string";
    case ExprKind::boolean:
      return "boolean";
    case ExprKind::null:
      return "null";
    case ExprKind::list:
      return "list";
    case ExprKind::name:
      return "name";
    case ExprKind::member:
      return "member";
    case ExprKind::index:
      return "index";
    case ExprKind::call:
      return "call";
    case ExprKind::unary:
      return "unary";
    case ExprKind::binary:
      return "binary";
    case ExprKind::where:
      return "where";
  }
  return "?";
}

std::string_view ExpressionSyntax::text_of(ExprId id) const {
  const ExprNode& n = nodes[id];
  return std::string_view(input.text).substr(n.begin, n.end - n.begin);
}

namespace {

using detail::SyntaxProblem;

SyntaxProblem problem_at(std::uint32_t offset, std::uint32_t length, std::string message) {
  SyntaxProblem p;
  p.offset = offset;
  p.length = length;
  p.message = std::move(message);
  return p;
}

// Nothing at `offset` starts an expression.
SyntaxProblem no_value(std::string_view text, std::uint32_t offset) {
  std::uint32_t at = detail::skip_spaces(text, offset);
  if (auto misused = detail::misused_token(text, at)) return *misused;
  return problem_at(at, detail::token_length(text, at),
                    "expected a value, found " + detail::describe_found(text, at));
}

// The expression ended before the text did.
SyntaxProblem trailing(std::string_view text, std::uint32_t at) {
  if (auto misused = detail::misused_token(text, at)) return *misused;
  if (text[at] == ')') return problem_at(at, 1, "unmatched ')': there is no '(' before it");
  if (text[at] == ']') return problem_at(at, 1, "unmatched ']': there is no '[' before it");
  return problem_at(at, detail::token_length(text, at),
                    "expected an operator or the end of the expression, found " +
                        detail::describe_found(text, at));
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out.push_back(c);
    }
  }
  return out + "\"";
}

void write_sexpr(const ExpressionSyntax& syntax, ExprId id, std::string& out) {
  const ExprNode& n = syntax.node(id);
  auto children = [&](std::size_t from) {
    for (std::size_t i = from; i < n.children.size(); ++i) {
      out.push_back(' ');
      write_sexpr(syntax, n.children[i], out);
    }
  };
  switch (n.kind) {
    case ExprKind::number:
      if (n.is_percent) {
        std::optional<Decimal> written = mul(n.number, Decimal::from_int(100));
        out += (written ? written->to_string() : n.number.to_string()) + "%";
      } else {
        out += n.number.to_string();
      }
      break;
    case ExprKind::string:
      out += quoted(n.text);
      break;
    case ExprKind::boolean:
      out += n.boolean ? "true" : "false";
      break;
    case ExprKind::null:
      out += "null";
      break;
    case ExprKind::name:
      out += n.text;
      break;
    case ExprKind::list:
      out.push_back('[');
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out.push_back(' ');
        write_sexpr(syntax, n.children[i], out);
      }
      out.push_back(']');
      break;
    case ExprKind::member:
      write_sexpr(syntax, n.object(), out);
      out += "." + n.text;
      break;
    case ExprKind::index:
      out += "([]";
      children(0);
      out.push_back(')');
      break;
    case ExprKind::call:
      out += "(" + n.text;
      children(0);
      out.push_back(')');
      break;
    case ExprKind::unary:
      out += "(" + std::string(spelling(n.unary_op));
      children(0);
      out.push_back(')');
      break;
    case ExprKind::binary:
      out += "(" + std::string(n.binary_op == BinaryOp::not_in ? "not-in" : spelling(n.binary_op));
      children(0);
      out.push_back(')');
      break;
    case ExprKind::where:
      out += "(where";
      children(0);
      out.push_back(')');
      break;
  }
}

}  // namespace

std::optional<ExpressionSyntax> parse_expression(const ExpressionText& text, Diagnostics& diags) {
  const std::string_view s = text.text;
  if (s.size() >= std::numeric_limits<std::uint32_t>::max()) {
    detail::report_problem(problem_at(0, 1, "expression too long"), text, Severity::error, diags);
    return std::nullopt;
  }
  if (detail::skip_spaces(s, 0) == s.size()) {
    detail::report_problem(problem_at(0, 1, "empty expression"), text, Severity::error, diags);
    return std::nullopt;
  }
  ExpressionSyntax syntax;
  syntax.input = text;
  std::uint32_t offset = 0;
  ExprId root = kNoExpr;
  SyntaxProblem problem;
  switch (detail::parse_expression_at(syntax, offset, root, problem)) {
    case detail::ExpressionParse::ok:
      break;
    case detail::ExpressionParse::no_value:
      problem = no_value(s, offset);
      [[fallthrough]];
    case detail::ExpressionParse::error:
      detail::report_problem(problem, text, Severity::error, diags);
      return std::nullopt;
  }
  std::uint32_t at = detail::skip_spaces(s, offset);
  if (at < s.size()) {
    detail::report_problem(trailing(s, at), text, Severity::error, diags);
    return std::nullopt;
  }
  syntax.root = root;
  return syntax;
}

std::string to_sexpr(const ExpressionSyntax& syntax, ExprId id) {
  std::string out;
  if (id < syntax.nodes.size()) write_sexpr(syntax, id, out);
  return out;
}

std::string to_sexpr(const ExpressionSyntax& syntax) {
  return to_sexpr(syntax, syntax.root);
}

}  // namespace basis
