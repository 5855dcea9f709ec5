// The expression grammar: tree shapes for every operator and precedence level (as
// S-expressions), literals, positions in the file, and each syntax error with its message
// and file line:column.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "basis/parser/expression_syntax.hpp"

namespace basis {
namespace {

// An expression written on line 40 of rules.yaml after "    when: ", so its first
// character is at 40:11.
ExpressionText on_line_40(const std::string& text) {
  std::string file;
  for (int i = 1; i < 40; ++i) file += "# line " + std::to_string(i) + "\n";
  file += "    when: " + text + "\n";
  ExpressionText t;
  t.text = text;
  t.source = std::make_shared<SourceText>("rules.yaml", file);
  t.anchors = {TextAnchor{0, SourcePos{40, 11}}};
  return t;
}

std::string sexpr_of(const std::string& text) {
  Diagnostics diags;
  auto syntax = parse_expression(on_line_40(text), diags);
  if (!syntax) {
    std::string out = "ERROR:";
    for (const Diagnostic& d : diags.items()) out += " " + d.message;
    return out;
  }
  EXPECT_TRUE(diags.empty()) << text;
  return to_sexpr(*syntax);
}

struct ShapeCase {
  const char* text;
  const char* sexpr;
};

void PrintTo(const ShapeCase& c, std::ostream* os) {
  *os << c.text;
}

class ExpressionShape : public testing::TestWithParam<ShapeCase> {};

TEST_P(ExpressionShape, ParsesToTree) {
  EXPECT_EQ(sexpr_of(GetParam().text), GetParam().sexpr) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Literals, ExpressionShape,
    testing::Values(ShapeCase{"12", "12"}, ShapeCase{"12.5", "12.5"}, ShapeCase{"1_000", "1000"},
                    ShapeCase{"1_000.000_5", "1000.0005"}, ShapeCase{"0.10", "0.1"},
                    ShapeCase{"15%", "15%"}, ShapeCase{"2.5%", "2.5%"},
                    ShapeCase{"1_000%", "1000%"}, ShapeCase{"true", "true"},
                    ShapeCase{"false", "false"}, ShapeCase{"null", "null"},
                    ShapeCase{"\"text\"", "\"text\""}, ShapeCase{"'text'", "\"text\""},
                    ShapeCase{"[]", "[]"}, ShapeCase{"[1, 2, \"a\"]", "[1 2 \"a\"]"},
                    ShapeCase{"[[1], []]", "[[1] []]"}, ShapeCase{"  x  ", "x"},
                    ShapeCase{"nothing", "nothing"}, ShapeCase{"android", "android"},
                    ShapeCase{"index_1", "index_1"}, ShapeCase{"_x", "_x"},
                    ShapeCase{"trueish", "trueish"}, ShapeCase{"wherever", "wherever"}));

INSTANTIATE_TEST_SUITE_P(
    Operators, ExpressionShape,
    testing::Values(ShapeCase{"a + b", "(+ a b)"}, ShapeCase{"a - b", "(- a b)"},
                    ShapeCase{"a * b", "(* a b)"}, ShapeCase{"a / b", "(/ a b)"},
                    ShapeCase{"a % b", "(% a b)"}, ShapeCase{"a == b", "(== a b)"},
                    ShapeCase{"a != b", "(!= a b)"}, ShapeCase{"a < b", "(< a b)"},
                    ShapeCase{"a <= b", "(<= a b)"}, ShapeCase{"a > b", "(> a b)"},
                    ShapeCase{"a >= b", "(>= a b)"}, ShapeCase{"a in b", "(in a b)"},
                    ShapeCase{"a not in b", "(not-in a b)"},
                    ShapeCase{"a not  in b", "(not-in a b)"}, ShapeCase{"a and b", "(and a b)"},
                    ShapeCase{"a or b", "(or a b)"}, ShapeCase{"a ?? b", "(?? a b)"},
                    ShapeCase{"not a", "(not a)"}, ShapeCase{"-a", "(- a)"},
                    ShapeCase{"a where b", "(where a b)"}, ShapeCase{"a.b", "a.b"},
                    ShapeCase{"a[0]", "([] a 0)"}, ShapeCase{"f(x)", "(f x)"},
                    ShapeCase{"f()", "(f)"}, ShapeCase{"f(a, b, c)", "(f a b c)"},
                    ShapeCase{"a+b*c", "(+ a (* b c))"}, ShapeCase{"a==b", "(== a b)"}));

INSTANTIATE_TEST_SUITE_P(
    Precedence, ExpressionShape,
    testing::Values(
        // arithmetic
        ShapeCase{"1 + 2 * 3", "(+ 1 (* 2 3))"}, ShapeCase{"(1 + 2) * 3", "(* (+ 1 2) 3)"},
        ShapeCase{"a - b - c", "(- (- a b) c)"}, ShapeCase{"a / b * c", "(* (/ a b) c)"},
        ShapeCase{"a / b % c", "(% (/ a b) c)"}, ShapeCase{"a + b % c", "(+ a (% b c))"},
        ShapeCase{"-a * b", "(* (- a) b)"}, ShapeCase{"-a.b", "(- a.b)"},
        ShapeCase{"- -a", "(- (- a))"}, ShapeCase{"--a", "(- (- a))"},
        ShapeCase{"a - -b", "(- a (- b))"}, ShapeCase{"-f(x)[0]", "(- ([] (f x) 0))"},
        ShapeCase{"-totals.adjustments.discount", "(- totals.adjustments.discount)"},
        ShapeCase{"1.5 * sum(x)", "(* 1.5 (sum x))"},
        // comparisons below arithmetic, above not
        ShapeCase{"a + 1 < b * 2", "(< (+ a 1) (* b 2))"},
        ShapeCase{"not a == b", "(not (== a b))"}, ShapeCase{"not not a", "(not (not a))"},
        ShapeCase{"x in [1, 2] and y", "(and (in x [1 2]) y)"},
        ShapeCase{"a == 1 and not b", "(and (== a 1) (not b))"},
        // and above or above ??
        ShapeCase{"a or b and c", "(or a (and b c))"},
        ShapeCase{"a and b or c", "(or (and a b) c)"},
        ShapeCase{"a and b and c", "(and (and a b) c)"},
        ShapeCase{"a ?? b or c", "(?? a (or b c))"}, ShapeCase{"a ?? b ?? c", "(?? (?? a b) c)"},
        ShapeCase{"(a ?? b) + 1", "(+ (?? a b) 1)"},
        // where binds loosest
        ShapeCase{"items.amount where category == \"testing\"",
                  "(where items.amount (== category \"testing\"))"},
        ShapeCase{"items where a or b", "(where items (or a b))"},
        ShapeCase{"x ?? y where c", "(where (?? x y) c)"},
        ShapeCase{"a where b where c", "(where (where a b) c)"},
        ShapeCase{"sum(items.amount where c == 1) > 0",
                  "(> (sum (where items.amount (== c 1))) 0)"},
        ShapeCase{"(items where c).amount", "(where items c).amount"},
        // postfix chains
        ShapeCase{"estimate.client.industry", "estimate.client.industry"},
        ShapeCase{"totals.adjustments[\"sales-tax\"]", "([] totals.adjustments \"sales-tax\")"},
        ShapeCase{"group(items, \"c\")[0].key", "([] (group items \"c\") 0).key"},
        ShapeCase{"a[b[1]]", "([] a ([] b 1))"}, ShapeCase{"[1, 2][0]", "([] [1 2] 0)"},
        ShapeCase{"loop.first", "loop.first"}, ShapeCase{"x.in.where", "x.in.where"},
        ShapeCase{"a . b", "a.b"}, ShapeCase{"f (x)", "(f x)"},
        ShapeCase{"take(sort(group(items, \"category\"), \"amount\", \"desc\"), 3)",
                  "(take (sort (group items \"category\") \"amount\" \"desc\") 3)"},
        ShapeCase{"if(rate_name == \"x\", \"a\", \"b\")",
                  "(if (== rate_name \"x\") \"a\" \"b\")"}));

// `%` directly after digits makes a percentage unless `}` follows; anything else is modulo.
INSTANTIATE_TEST_SUITE_P(
    PercentOrModulo, ExpressionShape,
    testing::Values(ShapeCase{"10 % 3", "(% 10 3)"}, ShapeCase{"a % 3", "(% a 3)"},
                    ShapeCase{"a%3", "(% a 3)"}, ShapeCase{"(10)%3", "(% 10 3)"},
                    ShapeCase{"10%", "10%"}, ShapeCase{"10% + 1", "(+ 10% 1)"},
                    ShapeCase{"10% % 3", "(% 10% 3)"}, ShapeCase{"x > 18%", "(> x 18%)"},
                    ShapeCase{"[20%, 35%]", "[20% 35%]"}, ShapeCase{"-5%", "(- 5%)"},
                    ShapeCase{"test_ratio >= 25%", "(>= test_ratio 25%)"},
                    ShapeCase{"a >= 10% and 18% >= a", "(and (>= a 10%) (>= 18% a))"}));

INSTANTIATE_TEST_SUITE_P(
    Strings, ExpressionShape,
    testing::Values(ShapeCase{R"("a\"b")", R"("a\"b")"}, ShapeCase{R"('it\'s')", R"("it's")"},
                    ShapeCase{R"("a\\b")", R"("a\\b")"}, ShapeCase{R"("a\nb")", R"("a\nb")"},
                    ShapeCase{R"("a\tb")", R"("a\tb")"},
                    ShapeCase{R"('say "hi"')", R"("say \"hi\"")"},
                    ShapeCase{R"("it's")", R"("it's")"}, ShapeCase{R"("")", R"("")"},
                    ShapeCase{R"("m² ü")", R"("m² ü")"}, ShapeCase{R"("a}}b%}")", R"("a}}b%}")"},
                    ShapeCase{R"("x" + 'y')", R"((+ "x" "y"))"}));

TEST(ExpressionValues, NumbersAreExactDecimals) {
  Diagnostics diags;
  auto s = parse_expression(on_line_40("15%"), diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->root_node().kind, ExprKind::number);
  EXPECT_TRUE(s->root_node().is_percent);
  EXPECT_EQ(s->root_node().number, *Decimal::parse("0.15"));

  s = parse_expression(on_line_40("0.1"), diags);
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->root_node().is_percent);
  EXPECT_EQ(s->root_node().number, *Decimal::parse("0.1"));

  s = parse_expression(on_line_40("12.345%"), diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->root_node().number, *Decimal::parse("0.12345"));

  s = parse_expression(on_line_40("1_234_567.891_0"), diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->root_node().number, *Decimal::parse("1234567.891"));
  EXPECT_TRUE(diags.empty());
}

TEST(ExpressionValues, StringEscapesAreResolved) {
  Diagnostics diags;
  auto s = parse_expression(on_line_40(R"("a\"b\\c\nd\te\'f")"), diags);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->root_node().kind, ExprKind::string);
  EXPECT_EQ(s->root_node().text, "a\"b\\c\nd\te'f");
}

TEST(ExpressionValues, NodeKindsAndOperators) {
  Diagnostics diags;
  auto s = parse_expression(on_line_40("not (a.b[1] in f(x, [true, null]))"), diags);
  ASSERT_TRUE(s);
  const ExprNode& root = s->root_node();
  ASSERT_EQ(root.kind, ExprKind::unary);
  EXPECT_EQ(root.unary_op, UnaryOp::logical_not);
  const ExprNode& in = s->node(root.operand());
  ASSERT_EQ(in.kind, ExprKind::binary);
  EXPECT_EQ(in.binary_op, BinaryOp::in);
  const ExprNode& index = s->node(in.lhs());
  ASSERT_EQ(index.kind, ExprKind::index);
  const ExprNode& member = s->node(index.object());
  ASSERT_EQ(member.kind, ExprKind::member);
  EXPECT_EQ(member.text, "b");
  EXPECT_EQ(s->node(member.object()).kind, ExprKind::name);
  EXPECT_EQ(s->node(index.subscript()).number, Decimal::from_int(1));
  const ExprNode& call = s->node(in.rhs());
  ASSERT_EQ(call.kind, ExprKind::call);
  EXPECT_EQ(call.text, "f");
  ASSERT_EQ(call.args().size(), 2u);
  const ExprNode& list = s->node(call.args()[1]);
  ASSERT_EQ(list.kind, ExprKind::list);
  ASSERT_EQ(list.children.size(), 2u);
  EXPECT_EQ(s->node(list.children[0]).kind, ExprKind::boolean);
  EXPECT_TRUE(s->node(list.children[0]).boolean);
  EXPECT_EQ(s->node(list.children[1]).kind, ExprKind::null);
}

// ---- positions -------------------------------------------------------------------------

TEST(ExpressionPositions, NodesCarryTextRangesAndFilePositions) {
  Diagnostics diags;
  //                                      0         1         2
  //                                      0123456789012345678901234567
  auto s = parse_expression(on_line_40("(a + bc) * estimate.client.x"), diags);
  ASSERT_TRUE(s);
  const ExprNode& mul = s->root_node();
  EXPECT_EQ(mul.begin, 0u);
  EXPECT_EQ(mul.end, 28u);
  EXPECT_EQ(mul.token_begin, 9u);
  EXPECT_EQ(mul.token_pos, (SourcePos{40, 20}));
  EXPECT_EQ(mul.pos, (SourcePos{40, 11}));
  const ExprNode& add = s->node(mul.lhs());
  EXPECT_EQ(s->text_of(mul.lhs()), "(a + bc)");  // parentheses belong to the node
  EXPECT_EQ(add.token_pos, (SourcePos{40, 14}));
  EXPECT_EQ(s->node(add.rhs()).pos, (SourcePos{40, 16}));
  EXPECT_EQ(s->text_of(add.rhs()), "bc");
  const ExprNode& x = s->node(mul.rhs());
  EXPECT_EQ(x.kind, ExprKind::member);
  EXPECT_EQ(s->text_of(mul.rhs()), "estimate.client.x");
  EXPECT_EQ(x.pos, (SourcePos{40, 22}));
  EXPECT_EQ(x.token_pos, (SourcePos{40, 38}));  // the field name `x`
}

TEST(ExpressionPositions, RangesStopAtTheLastCharacterOfTheNode) {
  Diagnostics diags;
  auto s = parse_expression(on_line_40("  total  +  f(x)  *  [1, 2]  where  c  "), diags);
  ASSERT_TRUE(s);
  const ExprNode& where = s->root_node();
  EXPECT_EQ(s->text_of(s->root), "total  +  f(x)  *  [1, 2]  where  c");
  const ExprNode& add = s->node(where.collection());
  EXPECT_EQ(s->text_of(add.lhs()), "total");
  EXPECT_EQ(s->text_of(add.rhs()), "f(x)  *  [1, 2]");
  const ExprNode& mul = s->node(add.rhs());
  EXPECT_EQ(s->text_of(mul.lhs()), "f(x)");
  EXPECT_EQ(s->text_of(mul.rhs()), "[1, 2]");
  EXPECT_EQ(s->text_of(where.condition()), "c");
  EXPECT_EQ(where.token_pos, (SourcePos{40, 40}));
}

TEST(ExpressionPositions, OperatorTokensOfKeywordsAndCalls) {
  Diagnostics diags;
  //                                      0         1         2         3
  //                                      0123456789012345678901234567890123456
  auto s = parse_expression(on_line_40("sum(items.hours where c not  in [1])"), diags);
  ASSERT_TRUE(s);
  const ExprNode& call = s->root_node();
  EXPECT_EQ(call.token_begin, 0u);
  EXPECT_EQ(call.token_end, 3u);
  EXPECT_EQ(call.end, 36u);
  const ExprNode& where = s->node(call.args()[0]);
  EXPECT_EQ(where.token_begin, 16u);
  EXPECT_EQ(where.token_end, 21u);
  const ExprNode& not_in = s->node(where.condition());
  EXPECT_EQ(not_in.binary_op, BinaryOp::not_in);
  EXPECT_EQ(not_in.token_begin, 24u);
  EXPECT_EQ(not_in.token_end, 31u);
  EXPECT_EQ(s->text_of(where.condition()), "c not  in [1]");
}

TEST(ExpressionPositions, FoldedTextMapsEachLineBackToTheFile) {
  // `when: >` folded over lines 40-41: "a and\n" comes from 40:9, "b == 1" from 41:9.
  ExpressionText t;
  t.text = "a and\nb == 1 + ";
  t.source = std::make_shared<SourceText>(
      "rules.yaml", std::string(39, '\n') + "  when: >\n    a and\n    b == 1 + \n");
  t.anchors = {TextAnchor{0, SourcePos{41, 5}}, TextAnchor{6, SourcePos{42, 5}}};
  Diagnostics diags;
  EXPECT_FALSE(parse_expression(t, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "expected a value after '+', found the end of the expression");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{42, 14}));

  t.text = "a and\nb == 1";
  auto s = parse_expression(t, diags);
  ASSERT_TRUE(s);
  const ExprNode& eq = s->node(s->root_node().rhs());
  EXPECT_EQ(eq.pos, (SourcePos{42, 5}));
  EXPECT_EQ(eq.token_pos, (SourcePos{42, 7}));
  EXPECT_EQ(s->root_node().token_pos, (SourcePos{41, 7}));
}

// ---- errors ----------------------------------------------------------------------------

struct ErrorCase {
  std::string text;
  std::uint32_t column;  // on line 40; the expression starts at column 11
  std::string message;
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.text;
}

class ExpressionError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ExpressionError, IsReportedWithItsFilePosition) {
  const ErrorCase& c = GetParam();
  Diagnostics diags;
  EXPECT_FALSE(parse_expression(on_line_40(c.text), diags)) << c.text;
  ASSERT_EQ(diags.items().size(), 1u) << c.text;
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.message, c.message) << c.text;
  EXPECT_EQ(d.file, "rules.yaml");
  EXPECT_EQ(d.pos, (SourcePos{40, c.column})) << c.text << ": " << d.message;
}

INSTANTIATE_TEST_SUITE_P(
    Messages, ExpressionError,
    testing::Values(
        ErrorCase{"", 11, "empty expression"}, ErrorCase{"   ", 11, "empty expression"},
        ErrorCase{"a = 1", 13, "unexpected '='; did you mean '=='?"},
        ErrorCase{"f(a = 1)", 15, "unexpected '='; did you mean '=='?"},
        ErrorCase{"a && b", 13, "unexpected '&&'; use 'and'"},
        ErrorCase{"a || b", 13, "unexpected '||'; use 'or'"},
        ErrorCase{"!a", 11, "unexpected '!'; use 'not'"},
        ErrorCase{"a and !b", 17, "unexpected '!'; use 'not'"},
        ErrorCase{"a AND b", 13, "unexpected 'AND'; keywords are written in lower case: 'and'"},
        ErrorCase{"(a + b", 11, "unclosed parenthesis: '(' has no matching ')'"},
        ErrorCase{"x + (a * (b + c)", 15, "unclosed parenthesis: '(' has no matching ')'"},
        ErrorCase{"sum(a, b", 14, "unclosed parenthesis: '(' has no matching ')'"},
        ErrorCase{"[1, 2", 11, "unclosed bracket: '[' has no matching ']'"},
        ErrorCase{"a[1", 12, "unclosed bracket: '[' has no matching ']'"},
        ErrorCase{"\"abc", 11, "unclosed string: the quote has no matching closing quote"},
        ErrorCase{"x == 'abc", 16, "unclosed string: the quote has no matching closing quote"},
        ErrorCase{"\"abc\\", 11, "unclosed string: the quote has no matching closing quote"},
        ErrorCase{R"("a\qb")", 13,
                  R"(unknown escape '\q' in a string; write \", \', \\, \n or \t)"},
        ErrorCase{"a + ", 15, "expected a value after '+', found the end of the expression"},
        ErrorCase{"a +", 14, "expected a value after '+', found the end of the expression"},
        ErrorCase{"a == )", 16, "expected a value after '==', found ')'"},
        ErrorCase{"a and", 16, "expected a value after 'and', found the end of the expression"},
        ErrorCase{"a where", 18, "expected a value after 'where', found the end of the expression"},
        ErrorCase{"f(a,)", 15, "expected a value after ',', found ')'"},
        ErrorCase{"a b", 13, "expected an operator or the end of the expression, found 'b'"},
        ErrorCase{"a 12", 13, "expected an operator or the end of the expression, found '12'"},
        ErrorCase{"(a b)", 14, "expected an operator or ')', found 'b'"},
        ErrorCase{"f(a b)", 15, "expected ',' or ')', found 'b'"},
        ErrorCase{"[1 2]", 14, "expected ',' or ']', found '2'"},
        ErrorCase{"a < b < c", 17,
                  "comparisons cannot be chained; use 'and' (write 'a < b and b < c')"},
        ErrorCase{"a == b != c", 18,
                  "comparisons cannot be chained; use 'and' (write 'a < b and b < c')"},
        ErrorCase{"a in b in c", 18,
                  "comparisons cannot be chained; use 'and' (write 'a < b and b < c')"},
        ErrorCase{"a # b", 13, "unexpected character '#'"},
        ErrorCase{"a + @", 15, "unexpected character '@'"},
        ErrorCase{"a ; b", 13, "unexpected character ';'"},
        ErrorCase{"a ≥ b", 13, "unexpected character '≥'; write '>='"},
        ErrorCase{"a == “x”", 16, "unexpected character '“'; write '\"'"},
        ErrorCase{"a == 1 ¶", 18, "unexpected character '¶'"},
        ErrorCase{std::string("a\0b", 3), 12, "unexpected control character U+0000"},
        ErrorCase{"a\x01", 12, "unexpected control character U+0001"},
        ErrorCase{"f(\x7f)", 13, "unexpected control character U+007F"},
        ErrorCase{"a ? b : c", 13,
                  "unexpected '?'; write 'if(condition, a, b)' for a choice, or 'a ?? b' for a "
                  "value with a default"},
        ErrorCase{"a)", 12, "unmatched ')': there is no '(' before it"},
        ErrorCase{"a]", 12, "unmatched ']': there is no '[' before it"},
        ErrorCase{")", 11, "expected a value, found ')'"},
        ErrorCase{"and b", 11, "expected a value, found 'and'"},
        ErrorCase{"a.5", 13, "expected a field name, found '5'"},
        ErrorCase{"a.", 13, "expected a field name, found the end of the expression"},
        ErrorCase{"12abc", 13, "expected an operator or the end of the expression, found 'abc'"},
        ErrorCase{"99999999999999999999999", 11,
                  "the number '99999999999999999999999' is too large or has too many decimal "
                  "places (at most 20)"},
        ErrorCase{"0.000000000000000000001", 11,
                  "the number '0.000000000000000000001' is too large or has too many decimal "
                  "places (at most 20)"},
        ErrorCase{"a not b", 13, "expected an operator or the end of the expression, found 'not'"},
        ErrorCase{"x > 18%}", 17,
                  "expected an operator or the end of the expression, found '%}'"}));

TEST(ExpressionErrors, UnclosedParenthesisHasANoteWhenSomethingElseFollows) {
  Diagnostics diags;
  EXPECT_FALSE(parse_expression(on_line_40("f(a b)"), diags));
  ASSERT_EQ(diags.items().size(), 1u);
  ASSERT_EQ(diags.items()[0].notes.size(), 1u);
  EXPECT_EQ(diags.items()[0].notes[0].pos, (SourcePos{40, 12}));
  EXPECT_EQ(diags.items()[0].notes[0].message, "the parenthesis opened here");
}

TEST(ExpressionErrors, CaretCoversTheOffendingToken) {
  Diagnostics diags;
  EXPECT_FALSE(parse_expression(on_line_40("a && b"), diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].length, 2u);
  std::string printed = format_diagnostic(diags.items()[0]);
  EXPECT_NE(printed.find("rules.yaml:40:13: error: unexpected '&&'; use 'and'"), std::string::npos)
      << printed;
}

TEST(ExpressionErrors, DeepNestingIsAnErrorNotACrash) {
  Diagnostics diags;
  std::string parens = std::string(100, '(') + "a" + std::string(100, ')');
  EXPECT_FALSE(parse_expression(on_line_40(parens), diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message.rfind("brackets nested too deeply", 0), 0u);
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{40, 11 + kMaxBracketNesting}));

  // As deep as allowed still parses.
  diags = Diagnostics();
  parens = std::string(kMaxBracketNesting, '(') + "a" + std::string(kMaxBracketNesting, ')');
  EXPECT_TRUE(parse_expression(on_line_40(parens), diags));
  parens = std::string(kMaxBracketNesting, '[') + std::string(kMaxBracketNesting, ']');
  EXPECT_TRUE(parse_expression(on_line_40(parens), diags));
  EXPECT_TRUE(diags.empty());

  // Unbalanced openers far past the limit.
  EXPECT_FALSE(parse_expression(on_line_40(std::string(100000, '(')), diags));
  EXPECT_FALSE(parse_expression(on_line_40(std::string(100000, '[')), diags));
}

TEST(ExpressionErrors, LongOperatorChainsAreBoundedByTreeDepth) {
  Diagnostics diags;
  std::string chain = "a";
  for (int i = 0; i < kMaxExpressionDepth - 1; ++i) chain += " + a";
  EXPECT_TRUE(parse_expression(on_line_40(chain), diags));  // depth exactly the limit
  EXPECT_TRUE(diags.empty());
  chain += " + a";
  EXPECT_FALSE(parse_expression(on_line_40(chain), diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message.rfind("expression nested too deeply", 0), 0u);

  // Prefix operators are read without recursion, then bounded the same way.
  diags = Diagnostics();
  EXPECT_FALSE(parse_expression(on_line_40(std::string(100000, '-') + "a"), diags));
  EXPECT_FALSE(parse_expression(on_line_40([] {
                                  std::string s;
                                  for (int i = 0; i < 20000; ++i) s += "not ";
                                  return s + "a";
                                }()),
                                diags));
  EXPECT_EQ(diags.error_count(), 2u);
}

TEST(ExpressionErrors, GarbageNeverCrashes) {
  const std::string samples[] = {
      "\0",
      "\xff\xfe",
      "'",
      "\"",
      "((",
      "))",
      "[[",
      "]]",
      "..",
      ",",
      "%",
      "%}",
      "}}",
      "{{",
      "a..b",
      "a[",
      "a[]",
      "f(,)",
      "1__0",
      "1_",
      "1.",
      ".5",
      "-",
      "not",
      "a not",
      "x ?? ",
      "where",
      "a where",
      "in",
      "\\",
      "'\\",
      std::string("a\0b", 3),
      std::string(1, '\xC3'),
  };
  for (const std::string& s : samples) {
    Diagnostics diags;
    auto syntax = parse_expression(on_line_40(s), diags);
    EXPECT_EQ(syntax.has_value(), !diags.has_errors()) << s;
    for (const Diagnostic& d : diags.items()) {
      EXPECT_EQ(d.pos.line, 40u) << s;
      EXPECT_GE(d.pos.column, 11u) << s;
      EXPECT_FALSE(d.message.empty());
    }
  }
}

// ---- the shipped rule files -------------------------------------------------------------

// Every expression field of a rule file: define values, when, for_each, explains,
// benchmark.value and the filters of options' changes.
void collect_expressions(const YAML::Node& ruleset, std::vector<std::string>& out) {
  for (const auto& metric : ruleset["define"]) out.push_back(metric.second.Scalar());
  for (const auto& rule : ruleset["rules"]) {
    for (const char* key : {"when", "for_each", "explains"}) {
      if (rule[key]) out.push_back(rule[key].Scalar());
    }
    if (rule["benchmark"] && rule["benchmark"]["value"]) {
      out.push_back(rule["benchmark"]["value"].Scalar());
    }
    for (const auto& option : rule["options"]) {
      for (const auto& change : option["change"]) {
        if (change["remove"]) out.push_back(change["remove"].Scalar());
        for (const char* op : {"scale", "set"}) {
          if (change[op] && change[op]["where"]) out.push_back(change[op]["where"].Scalar());
        }
      }
    }
  }
}

TEST(RuleFiles, EveryExpressionParses) {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(BASIS_SOURCE_DIR "/rules")) {
    if (entry.path().extension() != ".yaml") continue;
    std::vector<std::string> expressions;
    collect_expressions(YAML::LoadFile(entry.path().string()), expressions);
    for (const std::string& text : expressions) {
      Diagnostics diags;
      EXPECT_TRUE(parse_expression(on_line_40(text), diags)) << entry.path() << ": " << text << "\n"
                                                             << format_diagnostics(diags);
      ++count;
    }
  }
  // common.yaml, construction.yaml and software-delivery.yaml hold well over 100.
  EXPECT_GT(count, 100u);
}

}  // namespace
}  // namespace basis
