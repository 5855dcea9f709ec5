// The X3 grammar of the expression language: the only translation unit that pays X3's
// compile cost for expressions. Semantic actions build basis's own nodes directly into the
// ExpressionSyntax (no X3 tree, nothing to lower afterwards); the grammar commits with
// expectation points wherever a construct has started, so that a failure says what was
// expected where.

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "expression_grammar.hpp"

namespace basis::detail {
namespace {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;
using Range = boost::iterator_range<Iterator>;

// Errors X3 cannot word itself (a chained comparison, a number out of range, nesting too
// deep), thrown by semantic actions and caught in parse_expression_at.
struct ActionFailure {
  SyntaxProblem problem;
};

// A name as an offset range into the text.
struct Token {
  std::uint32_t begin = 0, end = 0;
};

// What an open bracket belongs to, for the wording of a missing close.
enum class Bracket : std::uint8_t { group, call, list, index };

struct OpenBracket {
  std::uint32_t offset;
  Bracket kind;
};

class Builder {
 public:
  explicit Builder(ExpressionSyntax& syntax)
      : syntax_(syntax), text_(syntax.input.text), base_(syntax.input.text.data()) {}

  std::string_view text() const { return text_; }
  std::uint32_t offset(Iterator it) const { return static_cast<std::uint32_t>(it - base_); }
  ExprNode& node(ExprId id) { return syntax_.nodes[id]; }
  ExprId add(ExprNode&& node) {
    syntax_.nodes.push_back(std::move(node));
    return static_cast<ExprId>(syntax_.nodes.size() - 1);
  }

  void open(std::uint32_t at, Bracket kind) {
    if (open_brackets.size() >= static_cast<std::size_t>(kMaxBracketNesting)) {
      SyntaxProblem p;
      p.offset = at;
      p.message = "brackets nested too deeply (more than " + std::to_string(kMaxBracketNesting) +
                  " levels); split the expression into metrics under 'define'";
      throw ActionFailure{std::move(p)};
    }
    open_brackets.push_back({at, kind});
  }
  void close(std::uint32_t end) {
    last_open = open_brackets.back().offset;
    open_brackets.pop_back();
    last_close_end = end;
  }

  // The brackets not yet closed, innermost last.
  std::vector<OpenBracket> open_brackets;
  // The most recently closed bracket: its opening offset and the offset just past it.
  std::uint32_t last_open = 0;
  std::uint32_t last_close_end = 0;
  // The opening quote of the string read last.
  std::uint32_t last_quote = 0;
  // Set by the error handler of the top rule.
  bool expectation_failed = false;
  std::uint32_t failure_offset = 0;
  std::string expected;

 private:
  ExpressionSyntax& syntax_;
  std::string_view text_;
  Iterator base_;
};

struct builder_tag;

template <typename Context>
Builder& builder_of(const Context& ctx) {
  return x3::get<builder_tag>(ctx);
}

template <typename Context>
std::uint32_t begin_of(const Context& ctx, const Range& r) {
  return builder_of(ctx).offset(r.begin());
}
template <typename Context>
std::uint32_t end_of(const Context& ctx, const Range& r) {
  return builder_of(ctx).offset(r.end());
}

bool is_keyword(std::string_view word) {
  static constexpr std::string_view kKeywords[] = {"and",   "or",   "not",   "in",
                                                   "where", "true", "false", "null"};
  return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

// The operator token between two operands: from the first non-space after the left operand
// to the end of the operator's spelling (`not in` may have several spaces inside).
Token operator_token(std::string_view text, std::uint32_t lhs_end, std::string_view spelled) {
  Token t;
  t.begin = skip_spaces(text, lhs_end);
  if (spelled == "not in") {
    t.end = skip_spaces(text, t.begin + 3) + 2;
  } else {
    t.end = t.begin + static_cast<std::uint32_t>(spelled.size());
  }
  return t;
}

ExprId make_binary(Builder& b, BinaryOp op, ExprId lhs, ExprId rhs) {
  ExprNode n;
  n.kind = ExprKind::binary;
  n.binary_op = op;
  n.begin = b.node(lhs).begin;
  n.end = b.node(rhs).end;
  Token t = operator_token(b.text(), b.node(lhs).end, spelling(op));
  n.token_begin = t.begin;
  n.token_end = t.end;
  n.children = {lhs, rhs};
  return b.add(std::move(n));
}

ExprId make_unary(Builder& b, UnaryOp op, const Range& token, ExprId operand) {
  ExprNode n;
  n.kind = ExprKind::unary;
  n.unary_op = op;
  n.begin = b.offset(token.begin());
  n.end = b.node(operand).end;
  n.token_begin = n.begin;
  n.token_end = b.offset(token.end());
  n.children = {operand};
  return b.add(std::move(n));
}

// ---- semantic actions -----------------------------------------------------------------

auto const assign = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };

auto const build_binary = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  auto& attr = x3::_attr(ctx);
  x3::_val(ctx) =
      make_binary(b, boost::fusion::at_c<0>(attr), x3::_val(ctx), boost::fusion::at_c<1>(attr));
};

auto const build_where = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  ExprId collection = x3::_val(ctx);
  ExprId condition = x3::_attr(ctx);
  ExprNode n;
  n.kind = ExprKind::where;
  n.begin = b.node(collection).begin;
  n.end = b.node(condition).end;
  Token t = operator_token(b.text(), b.node(collection).end, "where");
  n.token_begin = t.begin;
  n.token_end = t.end;
  n.children = {collection, condition};
  x3::_val(ctx) = b.add(std::move(n));
};

// `*prefix >> operand`: the prefixes apply innermost last, built without recursion so that
// `- - - ... x` cannot exhaust the stack.
template <UnaryOp Op>
struct prefixes {
  template <typename Context>
  void operator()(Context& ctx) const {
    Builder& b = builder_of(ctx);
    auto& attr = x3::_attr(ctx);
    const std::vector<Range>& tokens = boost::fusion::at_c<0>(attr);
    ExprId id = boost::fusion::at_c<1>(attr);
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) id = make_unary(b, Op, *it, id);
    x3::_val(ctx) = id;
  }
};

auto const reject_chain = [](auto& ctx) {
  SyntaxProblem p;
  p.offset = begin_of(ctx, x3::_attr(ctx));
  p.length = end_of(ctx, x3::_attr(ctx)) - p.offset;
  p.message = "comparisons cannot be chained; use 'and' (write 'a < b and b < c')";
  throw ActionFailure{std::move(p)};
};

auto const build_number = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  const Range& r = x3::_attr(ctx);
  std::string digits;
  bool percent = false;
  for (char c : r) {
    if (c == '%') {
      percent = true;
    } else if (c != '_') {
      digits.push_back(c);
    }
  }
  // Scaling by the exponent keeps 15% exact: the value is 0.15, not a float near it.
  std::optional<Decimal> value = Decimal::parse(percent ? digits + "e-2" : digits);
  if (!value) {
    SyntaxProblem p;
    p.offset = b.offset(r.begin());
    p.length = static_cast<std::uint32_t>(r.size());
    p.message = "the number '" + std::string(r.begin(), r.end()) +
                "' is too large or has too many decimal places (at most 20)";
    throw ActionFailure{std::move(p)};
  }
  ExprNode n;
  n.kind = ExprKind::number;
  n.number = *value;
  n.is_percent = percent;
  n.begin = n.token_begin = b.offset(r.begin());
  n.end = n.token_end = b.offset(r.end());
  x3::_val(ctx) = b.add(std::move(n));
};

auto const build_string = [](auto& ctx) {
  ExprNode n;
  n.kind = ExprKind::string;
  n.text = std::move(x3::_attr(ctx));
  x3::_val(ctx) = builder_of(ctx).add(std::move(n));
};

template <bool Value>
struct build_boolean {
  template <typename Context>
  void operator()(Context& ctx) const {
    ExprNode n;
    n.kind = ExprKind::boolean;
    n.boolean = Value;
    x3::_val(ctx) = builder_of(ctx).add(std::move(n));
  }
};

auto const build_null = [](auto& ctx) {
  ExprNode n;
  n.kind = ExprKind::null;
  x3::_val(ctx) = builder_of(ctx).add(std::move(n));
};

auto const build_list = [](auto& ctx) {
  ExprNode n;
  n.kind = ExprKind::list;
  n.children = std::move(x3::_attr(ctx));
  x3::_val(ctx) = builder_of(ctx).add(std::move(n));
};

// A call's arguments, or none when the name is not followed by `(` (a plain struct rather
// than an optional: GCC 12 warns about boost::optional in X3 attributes at -O2).
struct CallArgs {
  bool present = false;
  std::vector<ExprId> args;
};

auto const set_args = [](auto& ctx) {
  x3::_val(ctx).present = true;
  x3::_val(ctx).args = std::move(x3::_attr(ctx));
};

auto const build_name_or_call = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  auto& attr = x3::_attr(ctx);
  const Token& name = boost::fusion::at_c<0>(attr);
  CallArgs& args = boost::fusion::at_c<1>(attr);
  ExprNode n;
  n.kind = args.present ? ExprKind::call : ExprKind::name;
  n.text = std::string(b.text().substr(name.begin, name.end - name.begin));
  n.token_begin = name.begin;
  n.token_end = name.end;
  n.children = std::move(args.args);
  x3::_val(ctx) = b.add(std::move(n));
};

auto const build_member = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  const Token& name = x3::_attr(ctx);
  ExprId object = x3::_val(ctx);
  ExprNode n;
  n.kind = ExprKind::member;
  n.text = std::string(b.text().substr(name.begin, name.end - name.begin));
  n.begin = b.node(object).begin;
  n.end = name.end;
  n.token_begin = name.begin;
  n.token_end = name.end;
  n.children = {object};
  x3::_val(ctx) = b.add(std::move(n));
};

auto const build_index = [](auto& ctx) {
  Builder& b = builder_of(ctx);
  ExprId object = x3::_val(ctx);
  ExprNode n;
  n.kind = ExprKind::index;
  n.begin = b.node(object).begin;
  n.end = b.last_close_end;
  n.token_begin = b.last_open;
  n.token_end = b.last_open + 1;
  n.children = {object, x3::_attr(ctx)};
  x3::_val(ctx) = b.add(std::move(n));
};

// A name is any identifier but a keyword; a field after `.` may be a keyword too
// (`loop.first`, `x.in` are fields, not operators).
template <bool AllowKeywords>
struct name_token {
  template <typename Context>
  void operator()(Context& ctx) const {
    const Range& r = x3::_attr(ctx);
    if (!AllowKeywords && is_keyword(std::string_view(r.begin(), r.size()))) {
      x3::_pass(ctx) = false;
      return;
    }
    x3::_val(ctx) = Token{begin_of(ctx, r), end_of(ctx, r)};
  }
};

template <Bracket Kind>
struct open_bracket {
  template <typename Context>
  void operator()(Context& ctx) const {
    builder_of(ctx).open(begin_of(ctx, x3::_attr(ctx)), Kind);
  }
};

auto const close_bracket = [](auto& ctx) { builder_of(ctx).close(end_of(ctx, x3::_attr(ctx))); };

auto const record_quote = [](auto& ctx) {
  builder_of(ctx).last_quote = begin_of(ctx, x3::_attr(ctx));
};

// ---- rule ids with handlers -------------------------------------------------------------

// Gives every primary its byte range: literals and names get theirs here, and an
// expression in parentheses is widened to include them (so `(a + b) * c` starts at `(`).
struct primary_id {
  template <typename Context>
  void on_success(Iterator first, Iterator last, ExprId& id, const Context& ctx) const {
    Builder& b = builder_of(ctx);
    ExprNode& n = b.node(id);
    n.begin = b.offset(first);
    n.end = b.offset(last);
    if (n.token_end == 0) {
      n.token_begin = n.begin;
      n.token_end = n.end;
    }
  }
};

// The top rule records what was expected where; put on a non-recursive rule so that a
// failure is recorded once.
struct entry_id {
  template <typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, Iterator, const Exception& x,
                                    const Context& ctx) const {
    Builder& b = builder_of(ctx);
    b.expectation_failed = true;
    b.failure_offset = b.offset(x.where());
    b.expected = x.which();
    return x3::error_handler_result::fail;
  }
};

// ---- the grammar -----------------------------------------------------------------------

// Rule names are what an error says was expected ("expected a value, found ')'"), and the
// closing ones are recognised by name when wording an error.
constexpr const char* kCloseParen = "')'";
constexpr const char* kCloseBracket = "']'";
constexpr const char* kCloseDoubleQuote = "a closing '\"'";
constexpr const char* kCloseSingleQuote = "a closing '''";
constexpr const char* kEscape = "an escape";

// ASCII classes only: no byte of a UTF-8 sequence may pass for a letter.
auto const name_start = x3::char_("a-zA-Z_");
auto const name_char = x3::char_("a-zA-Z0-9_");
auto const digit = x3::char_("0-9");

auto keyword(const char* word) {
  return x3::lexeme[x3::lit(word) >> !name_char];
}
auto const kw_and = keyword("and");
auto const kw_or = keyword("or");
auto const kw_not = keyword("not");
auto const kw_in = keyword("in");
auto const kw_where = keyword("where");
auto const kw_true = keyword("true");
auto const kw_false = keyword("false");
auto const kw_null = keyword("null");

struct escape_table : x3::symbols<char> {
  escape_table() { add("\"", '"')("'", '\'')("\\", '\\')("n", '\n')("t", '\t'); }
} const escape_char;

x3::rule<class expression_id, ExprId> const expression = "a value";
x3::rule<entry_id, ExprId> const entry = "a value";
x3::rule<class minus_token_id, Range> const minus_token = "'-'";
x3::rule<class not_token_id, Range> const not_token = "'not'";
x3::rule<class coalesce_id, ExprId> const coalesce = "a value";
x3::rule<class or_id, ExprId> const or_level = "a value";
x3::rule<class and_id, ExprId> const and_level = "a value";
x3::rule<class not_id, ExprId> const not_level = "a value";
x3::rule<class comparison_id, ExprId> const comparison = "a value";
x3::rule<class additive_id, ExprId> const additive = "a value";
x3::rule<class multiplicative_id, ExprId> const multiplicative = "a value";
x3::rule<class unary_id, ExprId> const unary = "a value";
x3::rule<class postfix_id, ExprId> const postfix = "a value";
x3::rule<primary_id, ExprId> const primary = "a value";
x3::rule<class primary_alternatives_id, ExprId> const primary_alternatives = "a value";
x3::rule<class open_double_quote_id> const open_double_quote = "'\"'";
x3::rule<class open_single_quote_id> const open_single_quote = "'''";
x3::rule<class string_literal_id, ExprId> const string_literal = "a string";
x3::rule<class quoted_text_id, std::string> const quoted_text = "a string";
x3::rule<class double_quoted_id, std::string> const double_quoted = "a string";
x3::rule<class single_quoted_id, std::string> const single_quoted = "a string";
x3::rule<class escape_id, char> const escape = kEscape;
x3::rule<class close_dq_id> const close_double_quote = kCloseDoubleQuote;
x3::rule<class close_sq_id> const close_single_quote = kCloseSingleQuote;
x3::rule<class number_id, ExprId> const number_literal = "a number";
x3::rule<class name_or_call_id, ExprId> const name_or_call_literal = "a name";
x3::rule<class identifier_id, Token> const identifier = "a name";
x3::rule<class field_name_id, Token> const field_name = "a field name";
x3::rule<class call_args_id, std::vector<ExprId>> const call_args = "arguments";
x3::rule<class call_suffix_id, CallArgs> const call_suffix = "arguments";
x3::rule<class list_id, std::vector<ExprId>> const list_items = "a list";
x3::rule<class open_group_id> const open_group = "'('";
x3::rule<class open_call_id> const open_call = "'('";
x3::rule<class open_list_id> const open_list = "'['";
x3::rule<class open_index_id> const open_index = "'['";
x3::rule<class close_paren_id> const close_paren = kCloseParen;
x3::rule<class close_bracket_id> const close_bracket_rule = kCloseBracket;
x3::rule<class multiplicative_op_id, BinaryOp> const multiplicative_op = "an operator";
x3::rule<class additive_op_id, BinaryOp> const additive_op = "an operator";
x3::rule<class comparison_op_id, BinaryOp> const comparison_op = "a comparison";
x3::rule<class and_op_id, BinaryOp> const and_op = "'and'";
x3::rule<class or_op_id, BinaryOp> const or_op = "'or'";
x3::rule<class coalesce_op_id, BinaryOp> const coalesce_op =
    "'?"
    "?'";

auto const entry_def = expression;
auto const minus_token_def = x3::raw[x3::lit('-')];
auto const not_token_def = x3::raw[kw_not];

auto const expression_def = coalesce[assign] >> *((kw_where > coalesce)[build_where]);
auto const coalesce_def = or_level[assign] >> *((coalesce_op > or_level)[build_binary]);
auto const or_level_def = and_level[assign] >> *((or_op > and_level)[build_binary]);
auto const and_level_def = not_level[assign] >> *((and_op > not_level)[build_binary]);
auto const not_level_def = (*not_token >> comparison)[prefixes<UnaryOp::logical_not>{}];
auto const comparison_def = additive[assign] >> -((comparison_op > additive)[build_binary] >>
                                                  -x3::raw[comparison_op][reject_chain]);
auto const additive_def = multiplicative[assign] >> *((additive_op > multiplicative)[build_binary]);
auto const multiplicative_def = unary[assign] >> *((multiplicative_op > unary)[build_binary]);
auto const unary_def = (*minus_token >> postfix)[prefixes<UnaryOp::negate>{}];
auto const postfix_def = primary[assign] >>
                         *(('.' > field_name)[build_member] |
                           (open_index > expression > close_bracket_rule)[build_index]);
auto const primary_def = primary_alternatives;
auto const primary_alternatives_def =
    number_literal[assign] | string_literal[assign] | kw_true[build_boolean<true>{}] |
    kw_false[build_boolean<false>{}] | kw_null[build_null] | list_items[build_list] |
    name_or_call_literal[assign] | (open_group > expression > close_paren)[assign];

// `%` right after digits makes a percentage, except in `%}` (which closes a template tag).
auto const number_literal_def =
    x3::raw[x3::lexeme[+digit >> *('_' >> +digit) >> -('.' >> +digit >> *('_' >> +digit)) >>
                       -('%' >> !x3::lit('}'))]][build_number];

auto const string_literal_def = quoted_text[build_string];
auto const quoted_text_def = double_quoted | single_quoted;
auto const double_quoted_def =
    x3::lexeme[open_double_quote >> *(('\\' > escape) | ~x3::char_("\"\\")) > close_double_quote];
auto const single_quoted_def =
    x3::lexeme[open_single_quote >> *(('\\' > escape) | ~x3::char_("'\\")) > close_single_quote];
auto const escape_def = escape_char;
auto const open_double_quote_def = x3::raw[x3::lit('"')][record_quote];
auto const open_single_quote_def = x3::raw[x3::lit('\'')][record_quote];
auto const close_double_quote_def = x3::lit('"');
auto const close_single_quote_def = x3::lit('\'');

auto const name_or_call_literal_def = (identifier >> call_suffix)[build_name_or_call];
auto const call_suffix_def = -call_args[set_args];
auto const identifier_def = x3::raw[x3::lexeme[name_start >> *name_char]][name_token<false>{}];
auto const field_name_def = x3::raw[x3::lexeme[name_start >> *name_char]][name_token<true>{}];
// After `(` or `,` a value is required: `f(a,)` says what is missing, not that `)` is wrong.
auto const call_args_def = open_call > -(expression >> *(',' > expression)) > close_paren;
auto const list_items_def = open_list > -(expression >> *(',' > expression)) > close_bracket_rule;

auto const open_group_def = x3::raw[x3::lit('(')][open_bracket<Bracket::group>{}];
auto const open_call_def = x3::raw[x3::lit('(')][open_bracket<Bracket::call>{}];
auto const open_list_def = x3::raw[x3::lit('[')][open_bracket<Bracket::list>{}];
auto const open_index_def = x3::raw[x3::lit('[')][open_bracket<Bracket::index>{}];
auto const close_paren_def = x3::raw[x3::lit(')')][close_bracket];
auto const close_bracket_rule_def = x3::raw[x3::lit(']')][close_bracket];

auto const multiplicative_op_def = ('*' >> x3::attr(BinaryOp::multiply)) |
                                   ('/' >> x3::attr(BinaryOp::divide)) |
                                   ('%' >> !x3::lit('}') >> x3::attr(BinaryOp::remainder));
auto const additive_op_def =
    ('+' >> x3::attr(BinaryOp::add)) | ('-' >> x3::attr(BinaryOp::subtract));
auto const comparison_op_def =
    (x3::lit("==") >> x3::attr(BinaryOp::equal)) |
    (x3::lit("!=") >> x3::attr(BinaryOp::not_equal)) |
    (x3::lit("<=") >> x3::attr(BinaryOp::less_equal)) |
    (x3::lit(">=") >> x3::attr(BinaryOp::greater_equal)) | ('<' >> x3::attr(BinaryOp::less)) |
    ('>' >> x3::attr(BinaryOp::greater)) | (kw_in >> x3::attr(BinaryOp::in)) |
    (kw_not >> kw_in >> x3::attr(BinaryOp::not_in));
auto const and_op_def = kw_and >> x3::attr(BinaryOp::logical_and);
auto const or_op_def = kw_or >> x3::attr(BinaryOp::logical_or);
auto const coalesce_op_def = x3::lit("??") >> x3::attr(BinaryOp::null_coalesce);

BOOST_SPIRIT_DEFINE(entry, minus_token, not_token, expression, coalesce, or_level, and_level,
                    not_level, comparison, additive, multiplicative, unary, postfix, primary,
                    primary_alternatives, open_double_quote, open_single_quote, string_literal,
                    quoted_text, double_quoted, single_quoted, escape, close_double_quote,
                    close_single_quote, number_literal, name_or_call_literal, identifier,
                    field_name, call_args, call_suffix, list_items, open_group, open_call,
                    open_list, open_index, close_paren, close_bracket_rule, multiplicative_op,
                    additive_op, comparison_op, and_op, or_op, coalesce_op)

auto const spaces = x3::char_(" \t\r\n");

// ---- turning a failure into words ---------------------------------------------------------

bool is_operator_char(char c) {
  return std::string_view("=!<>?").find(c) != std::string_view::npos;
}

// The token that ends just before `offset` (spaces skipped), for "after '+'".
std::string previous_token(std::string_view text, std::uint32_t offset) {
  std::uint32_t end = offset;
  while (end > 0 && std::string_view(" \t\r\n").find(text[end - 1]) != std::string_view::npos) {
    --end;
  }
  if (end == 0) return {};
  std::uint32_t begin = end - 1;
  auto is_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (is_name(text[begin])) {
    while (begin > 0 && is_name(text[begin - 1])) --begin;
  } else if (is_operator_char(text[begin])) {
    while (begin > 0 && end - begin < 2 && is_operator_char(text[begin - 1])) --begin;
  }
  return std::string(text.substr(begin, end - begin));
}

SyntaxProblem word_expectation(const Builder& b, std::string_view text) {
  std::uint32_t where = b.failure_offset;
  std::uint32_t at = skip_spaces(text, where);
  const std::string& expected = b.expected;
  SyntaxProblem p;
  p.offset = at;
  p.length = token_length(text, at);

  if (expected == kCloseDoubleQuote || expected == kCloseSingleQuote ||
      (expected == kEscape && where >= text.size())) {
    p.offset = b.last_quote;
    p.length = 1;
    p.message = "unclosed string: the quote has no matching closing quote";
    return p;
  }
  if (expected == kEscape) {
    p.offset = where - 1;
    p.length = 1 + char_length(text, where);
    std::string escaped(text.substr(where, char_length(text, where)));
    if (static_cast<unsigned char>(escaped[0]) < 0x20) escaped = "(a control character)";
    p.message = "unknown escape '\\" + escaped + "' in a string; write \\\", \\', \\\\, \\n or \\t";
    return p;
  }
  if (auto misused = misused_token(text, at)) return *misused;

  if ((expected == kCloseParen || expected == kCloseBracket) && !b.open_brackets.empty()) {
    const OpenBracket& open = b.open_brackets.back();
    bool paren = open.kind == Bracket::group || open.kind == Bracket::call;
    if (at_region_end(text, at)) {
      p.offset = open.offset;
      p.length = 1;
      p.message = paren ? "unclosed parenthesis: '(' has no matching ')'"
                        : "unclosed bracket: '[' has no matching ']'";
      return p;
    }
    switch (open.kind) {
      case Bracket::group:
        p.message = "expected an operator or ')', found " + describe_found(text, at);
        break;
      case Bracket::call:
        p.message = "expected ',' or ')', found " + describe_found(text, at);
        break;
      case Bracket::list:
        p.message = "expected ',' or ']', found " + describe_found(text, at);
        break;
      case Bracket::index:
        p.message = "expected an operator or ']', found " + describe_found(text, at);
        break;
    }
    p.has_note = true;
    p.note_offset = open.offset;
    p.note = paren ? "the parenthesis opened here" : "the bracket opened here";
    return p;
  }

  std::string after = previous_token(text, where);
  p.message = "expected " + expected;
  if (!after.empty() && expected != "a field name") p.message += " after '" + after + "'";
  p.message += ", found " + describe_found(text, at);
  return p;
}

}  // namespace

ExpressionParse parse_expression_at(ExpressionSyntax& syntax, std::uint32_t& offset, ExprId& root,
                                    SyntaxProblem& problem) {
  const std::string& text = syntax.input.text;
  const std::size_t first_new = syntax.nodes.size();
  Builder b(syntax);
  Iterator first = text.data() + std::min<std::size_t>(offset, text.size());
  Iterator last = text.data() + text.size();
  ExprId id = kNoExpr;
  bool ok = false;
  try {
    ok = x3::phrase_parse(first, last, x3::with<builder_tag>(b)[entry], spaces, id);
  } catch (ActionFailure& failure) {
    syntax.nodes.resize(first_new);
    problem = std::move(failure.problem);
    return ExpressionParse::error;
  }
  if (!ok) {
    syntax.nodes.resize(first_new);
    if (!b.expectation_failed) return ExpressionParse::no_value;
    problem = word_expectation(b, text);
    return ExpressionParse::error;
  }

  // Nodes are created after their children, so one forward pass gives every depth.
  std::vector<int> depth(syntax.nodes.size() - first_new, 1);
  for (std::size_t i = first_new; i < syntax.nodes.size(); ++i) {
    int& d = depth[i - first_new];
    for (ExprId child : syntax.nodes[i].children) d = std::max(d, depth[child - first_new] + 1);
    if (d > kMaxExpressionDepth) {
      problem = SyntaxProblem{};
      problem.offset = syntax.nodes[i].token_begin;
      problem.length = syntax.nodes[i].token_end - syntax.nodes[i].token_begin;
      problem.message = "expression nested too deeply (more than " +
                        std::to_string(kMaxExpressionDepth) +
                        " levels); split it into metrics under 'define'";
      syntax.nodes.resize(first_new);
      return ExpressionParse::error;
    }
  }
  for (std::size_t i = first_new; i < syntax.nodes.size(); ++i) {
    ExprNode& n = syntax.nodes[i];
    n.pos = syntax.input.pos_of(n.begin);
    n.token_pos = n.token_begin == n.begin ? n.pos : syntax.input.pos_of(n.token_begin);
  }
  root = id;
  offset = static_cast<std::uint32_t>(first - text.data());
  return ExpressionParse::ok;
}

}  // namespace basis::detail
