// The template grammar: literal text, placeholders with filters, if/elif/else and for
// blocks, filter checks, every mismatched or unclosed tag with its file position, and the
// `{% if x > 18%}` warning.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "basis/parser/template_syntax.hpp"

namespace basis {
namespace {

// A template written on line 40 of rules.yaml after "    text: ", so its first character
// is at 40:11.
ExpressionText on_line_40(const std::string& text) {
  std::string file;
  for (int i = 1; i < 40; ++i) file += "# line " + std::to_string(i) + "\n";
  file += "    text: " + text + "\n";
  ExpressionText t;
  t.text = text;
  t.source = std::make_shared<SourceText>("rules.yaml", file);
  t.anchors = {TextAnchor{0, SourcePos{40, 11}}};
  return t;
}

std::string debug_of(const std::string& text) {
  Diagnostics diags;
  auto syntax = parse_template(on_line_40(text), diags);
  if (!syntax) {
    std::string out = "ERROR:";
    for (const Diagnostic& d : diags.items()) out += " " + d.message;
    return out;
  }
  EXPECT_TRUE(diags.empty()) << text << "\n" << format_diagnostics(diags);
  return to_debug_string(*syntax);
}

struct ShapeCase {
  const char* text;
  const char* debug;
};

void PrintTo(const ShapeCase& c, std::ostream* os) {
  *os << c.text;
}

class TemplateShape : public testing::TestWithParam<ShapeCase> {};

TEST_P(TemplateShape, ParsesToParts) {
  EXPECT_EQ(debug_of(GetParam().text), GetParam().debug) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Structures, TemplateShape,
    testing::Values(
        ShapeCase{"", ""}, ShapeCase{"Plain text.", R"("Plain text.")"},
        ShapeCase{"a { b } c } d %", R"("a { b } c } d %")"},
        ShapeCase{"Hi {{ name }}!", R"("Hi " {{name}} "!")"}, ShapeCase{"{{name}}", "{{name}}"},
        ShapeCase{"{{ a + b * 2 }}", "{{(+ a (* b 2))}}"},
        ShapeCase{"{{ x | money }}", "{{x | money}}"},
        ShapeCase{"{{ x | money(0) }}", "{{x | money(0)}}"},
        ShapeCase{"{{ n | plural(\"person\", \"people\") }}",
                  R"({{n | plural("person", "people")}})"},
        ShapeCase{"{{ xs | list(\"or\") | upper }}", R"({{xs | list("or") | upper}})"},
        ShapeCase{"{{ x | money() }}", "{{x | money}}"},
        ShapeCase{"{{ \"a}}b\" }}", R"({{"a}}b"}})"},
        ShapeCase{"{{ x ?? \"none\" }}", R"({{(?? x "none")}})"},
        ShapeCase{"{{ -totals.adjustments.discount | money }}",
                  "{{(- totals.adjustments.discount) | money}}"},
        ShapeCase{"{{ sum(items.amount where category == \"testing\") | money }}",
                  R"({{(sum (where items.amount (== category "testing"))) | money}})"},
        ShapeCase{"{{ 1.5 * sum(x) | money(0) }}", "{{(* 1.5 (sum x)) | money(0)}}"},
        ShapeCase{"{% if a %}yes{% endif %}", R"((if a "yes"))"},
        ShapeCase{"{%if a%}yes{%endif%}", R"((if a "yes"))"},
        ShapeCase{"{% if a %}{% endif %}", "(if a)"},
        ShapeCase{"{% if a %}x{% else %}y{% endif %}", R"((if a "x" (else "y")))"},
        ShapeCase{"{% if a %}x{% elif b %}y{% elif c %}z{% else %}w{% endif %}",
                  R"((if a "x" (elif b "y") (elif c "z") (else "w")))"},
        ShapeCase{"{% if a %}{% if b %}x{% endif %}{% endif %}", R"((if a (if b "x")))"},
        ShapeCase{"{% for g in items %}{{ g.name }}, {% endfor %}",
                  R"((for g in items {{g.name}} ", "))"},
        ShapeCase{"{% for g in take(sort(group(items, \"category\"), \"amount\", \"desc\"), 3) "
                  "%}{{ g.key }}{% if loop.last %}.{% elif loop.index == 2 %} and {% else %}, "
                  "{% endif %}{% endfor %}",
                  R"((for g in (take (sort (group items "category") "amount" "desc") 3) )"
                  R"({{g.key}} (if loop.last "." (elif (== loop.index 2) " and ") (else ", "))))"},
        ShapeCase{"{% for x in items where a > 1 %}{{ x }}{% endfor %}",
                  "(for x in (where items (> a 1)) {{x}})"},
        ShapeCase{"a\n{% if x %}\nb\n{% endif %}\n", R"("a\n" (if x "\nb\n") "\n")"},
        ShapeCase{"{% if pm_share >= 10% and 18% >= pm_share %}in{% endif %}",
                  R"((if (and (>= pm_share 10%) (>= 18% pm_share)) "in"))"},
        ShapeCase{"{% if x > 18% %}big{% endif %}", R"((if (> x 18%) "big"))"},
        ShapeCase{"{{ 5 % 2 }}", "{{(% 5 2)}}"}, ShapeCase{"{{ a }}{{ b }}", "{{a}} {{b}}"}));

TEST(TemplateParts, PositionsAndFilters) {
  Diagnostics diags;
  //                                     0         1         2         3
  //                                     0123456789012345678901234567890123456789
  auto t = parse_template(on_line_40("Cost: {{ total | money(0) }} {% if a %}x{% endif %}"), diags);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->top.size(), 4u);
  const TemplatePart& text = t->part(t->top[0]);
  EXPECT_EQ(text.kind, TemplatePartKind::text);
  EXPECT_EQ(text.text, "Cost: ");
  EXPECT_EQ(text.pos, (SourcePos{40, 11}));
  const TemplatePart& ph = t->part(t->top[1]);
  EXPECT_EQ(ph.kind, TemplatePartKind::placeholder);
  EXPECT_EQ(ph.begin, 6u);
  EXPECT_EQ(ph.end, 28u);
  EXPECT_EQ(ph.pos, (SourcePos{40, 17}));
  EXPECT_EQ(t->expr(ph.expr).pos, (SourcePos{40, 20}));
  EXPECT_EQ(t->expressions.text_of(ph.expr), "total");
  ASSERT_EQ(ph.filters.size(), 1u);
  EXPECT_EQ(ph.filters[0].name, "money");
  EXPECT_EQ(ph.filters[0].pos, (SourcePos{40, 28}));
  EXPECT_EQ(ph.filters[0].begin, 17u);
  EXPECT_EQ(ph.filters[0].end, 25u);
  ASSERT_EQ(ph.filters[0].args.size(), 1u);
  EXPECT_EQ(t->expr(ph.filters[0].args[0]).number, Decimal::from_int(0));
  const TemplatePart& space = t->part(t->top[2]);
  EXPECT_EQ(space.text, " ");
  const TemplatePart& block = t->part(t->top[3]);
  EXPECT_EQ(block.kind, TemplatePartKind::if_block);
  EXPECT_EQ(block.begin, 29u);
  EXPECT_EQ(block.end, 51u);
  ASSERT_EQ(block.branches.size(), 1u);
  EXPECT_EQ(block.branches[0].pos, (SourcePos{40, 40}));
  EXPECT_EQ(t->expr(block.branches[0].condition).pos, (SourcePos{40, 46}));
}

TEST(TemplateParts, LoopVariable) {
  Diagnostics diags;
  auto t = parse_template(on_line_40("{% for  g in groups %}{{ g }}{% endfor %}"), diags);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->top.size(), 1u);
  const TemplatePart& loop = t->part(t->top[0]);
  EXPECT_EQ(loop.kind, TemplatePartKind::for_loop);
  EXPECT_EQ(loop.variable, "g");
  EXPECT_EQ(loop.variable_pos, (SourcePos{40, 19}));
  EXPECT_EQ(t->expressions.text_of(loop.expr), "groups");
  ASSERT_EQ(loop.body.size(), 1u);
  EXPECT_EQ(t->part(loop.body[0]).kind, TemplatePartKind::placeholder);
}

TEST(TemplateParts, FilterTableMatchesTheSpec) {
  struct Arity {
    const char* name;
    int min, max;
  };
  const Arity expected[] = {{"money", 0, 1},  {"percent", 0, 1}, {"number", 0, 1}, {"hours", 0, 0},
                            {"plural", 1, 2}, {"list", 0, 1},    {"upper", 0, 0},  {"lower", 0, 0},
                            {"title", 0, 0},  {"date", 0, 0}};
  ASSERT_EQ(template_filters().size(), std::size(expected));
  for (const Arity& a : expected) {
    const TemplateFilterSpec* spec = find_template_filter(a.name);
    ASSERT_NE(spec, nullptr) << a.name;
    EXPECT_EQ(spec->min_args, a.min) << a.name;
    EXPECT_EQ(spec->max_args, a.max) << a.name;
  }
  EXPECT_EQ(find_template_filter("currency"), nullptr);
}

// ---- errors and warnings ---------------------------------------------------------------

struct ErrorCase {
  std::string text;
  std::uint32_t column;  // on line 40; the template starts at column 11
  std::string message;
  std::size_t count = 1;  // diagnostics in all; the first is checked
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.text;
}

class TemplateError : public testing::TestWithParam<ErrorCase> {};

TEST_P(TemplateError, IsReportedWithItsFilePosition) {
  const ErrorCase& c = GetParam();
  Diagnostics diags;
  EXPECT_FALSE(parse_template(on_line_40(c.text), diags)) << c.text;
  ASSERT_EQ(diags.items().size(), c.count) << c.text << "\n" << format_diagnostics(diags);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.message, c.message) << c.text;
  EXPECT_EQ(d.pos, (SourcePos{40, c.column})) << c.text << ": " << d.message;
}

INSTANTIATE_TEST_SUITE_P(
    Tags, TemplateError,
    testing::Values(
        ErrorCase{"ab {% if x %}yes", 14, "'{% if %}' is never closed; add '{% endif %}'"},
        ErrorCase{"{% for g in xs %}", 11, "'{% for %}' is never closed; add '{% endfor %}'"},
        ErrorCase{"ab {{ x", 14, "unclosed '{{': no '}}' after it"},
        ErrorCase{"ab {{ x | money", 14, "unclosed '{{': no '}}' after it"},
        ErrorCase{"ab {% if x", 14, "unclosed '{%': no '%}' after it"},
        ErrorCase{"ab {%", 14, "unclosed '{%': no '%}' after it"},
        ErrorCase{"ab {{", 14, "unclosed '{{': no '}}' after it"},
        ErrorCase{"x{% endif %}", 12, "'{% endif %}' without a matching '{% if %}'"},
        ErrorCase{"x{% else %}", 12, "'{% else %}' without a matching '{% if %}'"},
        ErrorCase{"x{% elif a %}", 12, "'{% elif %}' without a matching '{% if %}'"},
        ErrorCase{"{% endfor %}", 11, "'{% endfor %}' without a matching '{% for %}'"},
        ErrorCase{"{% if a %}x{% else %}y{% else %}z{% endif %}", 33,
                  "a second '{% else %}' in the same '{% if %}'"},
        ErrorCase{"{% if a %}x{% else %}y{% elif b %}z{% endif %}", 33,
                  "'{% elif %}' after '{% else %}' in the same '{% if %}'"},
        ErrorCase{"{% for x in a %}{% if b %}{% endfor %}{% endif %}", 37,
                  "'{% endfor %}' cannot close '{% if %}'; add '{% endif %}' before it",
                  2},  // and then the `for` is never closed
        ErrorCase{"{% iff a %}", 14, "unknown tag 'iff'; did you mean 'if'?"},
        ErrorCase{"{% endfi %}", 14, "unknown tag 'endfi'; did you mean 'endif'?"},
        ErrorCase{"{% while a %}", 14,
                  "unknown tag 'while'; expected if, elif, else, endif, for or endfor"},
        ErrorCase{"{% %}", 11, "empty tag: expected if, elif, else, endif, for or endfor"},
        ErrorCase{"{{ }}", 11, "empty placeholder '{{ }}'"},
        ErrorCase{"{% if %}x{% endif %}", 17, "expected a condition after 'if', found '%}'"},
        ErrorCase{"{% if a %}{% elif %}{% endif %}", 29,
                  "expected a condition after 'elif', found '%}'"},
        ErrorCase{"{% if b %}{% else if a %}{% endif %}", 29,
                  "'else if' is written 'elif': {% elif condition %}"},
        ErrorCase{"{% if a %}{% endif a %}", 30, "expected '%}' after 'endif', found 'a'"},
        ErrorCase{"{% if a b %}{% endif %}", 19, "expected an operator or '%}', found 'b'"},
        ErrorCase{"{% if a = 1 %}{% endif %}", 19, "unexpected '='; did you mean '=='?"},
        ErrorCase{"{% if a && b %}{% endif %}", 19, "unexpected '&&'; use 'and'"},
        ErrorCase{"{{ a || b }}", 16, "unexpected '||'; use 'or'"},
        ErrorCase{"{% for in xs %}{% endfor %}", 18,
                  "expected a loop variable name after 'for', found 'in'"},
        ErrorCase{"{% for x of xs %}{% endfor %}", 20,
                  "expected 'in' after the loop variable, found 'of'"},
        ErrorCase{"{% for x in %}{% endfor %}", 23, "expected a collection after 'in', found '%}'"},
        ErrorCase{"{{ a b }}", 16, "expected an operator, '|' or '}}', found 'b'"},
        ErrorCase{"{{ a | }}", 18, "expected a filter name after '|', found '}}'"},
        ErrorCase{"{{ f(a }}", 15, "unclosed parenthesis: '(' has no matching ')'"},
        ErrorCase{"{{ x | money(0 }}", 23, "unclosed parenthesis: '(' has no matching ')'"},
        ErrorCase{"{{ x | plural(\"a\" \"b\") }}", 29, "expected ',' or ')', found a string"},
        ErrorCase{"{{ \"abc }}", 14, "unclosed string: the quote has no matching closing quote"},
        ErrorCase{"{{ x > 18%}}", 20,
                  "'%}' right after 18 cannot make a percentage; write '18% }}' if you meant 18%"},
        // filters
        ErrorCase{"{{ x | monye }}", 18, "unknown filter 'monye'; did you mean 'money'?"},
        ErrorCase{"{{ x | currency }}", 18,
                  "unknown filter 'currency'; the filters are money, percent, number, hours, "
                  "plural, list, upper, lower, title and date"},
        ErrorCase{"{{ x | hours(1) }}", 18, "filter 'hours' takes no arguments, not 1"},
        ErrorCase{"{{ x | money(0, 1) }}", 18, "filter 'money' takes at most 1 argument, not 2"},
        ErrorCase{"{{ x | plural }}", 18,
                  "filter 'plural' takes 1 or 2 arguments, not 0 (plural(\"item\") or "
                  "plural(\"person\", \"people\"))"},
        ErrorCase{"{{ x | plural(\"a\", \"b\", \"c\") }}", 18,
                  "filter 'plural' takes 1 or 2 arguments, not 3 (plural(\"item\") or "
                  "plural(\"person\", \"people\"))"},
        ErrorCase{"{{ x | upper(1) }}", 18, "filter 'upper' takes no arguments, not 1"},
        ErrorCase{"{{ x | date(\"d\") }}", 18, "filter 'date' takes no arguments, not 1"},
        // expression errors inside tags keep their own wording and position
        ErrorCase{"ok {{ a < b < c }}", 23,
                  "comparisons cannot be chained; use 'and' (write 'a < b and b < c')"},
        ErrorCase{"{% if (a %}{% endif %}", 17, "unclosed parenthesis: '(' has no matching ')'"}));

TEST(TemplateErrors, EveryBrokenTagIsReported) {
  Diagnostics diags;
  EXPECT_FALSE(parse_template(on_line_40("{{ a + }} and {{ b | nope }} and {% iff %}"), diags));
  ASSERT_EQ(diags.items().size(), 3u) << format_diagnostics(diags);
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{40, 18}));
  EXPECT_EQ(diags.items()[1].pos, (SourcePos{40, 32}));
  EXPECT_EQ(diags.items()[2].pos, (SourcePos{40, 47}));
}

TEST(TemplateErrors, MismatchNotesWhereTheBlockOpened) {
  Diagnostics diags;
  EXPECT_FALSE(
      parse_template(on_line_40("{% for x in a %}{% if b %}{% endfor %}{% endif %}"), diags));
  ASSERT_GE(diags.items().size(), 1u);
  ASSERT_EQ(diags.items()[0].notes.size(), 1u);
  EXPECT_EQ(diags.items()[0].notes[0].pos, (SourcePos{40, 27}));
}

TEST(TemplateErrors, MultiLineTemplateReportsTheRightLine) {
  // A folded `text: >` whose second line (41:7) holds the broken tag.
  ExpressionText t;
  t.text = "Testing is {{ a | percent }}\nof {{ b | hors }}.";
  t.source = std::make_shared<SourceText>("rules.yaml",
                                          std::string(39, '\n') +
                                              "    text: >\n      Testing is {{ a | percent }}\n"
                                              "      of {{ b | hors }}.\n");
  t.anchors = {TextAnchor{0, SourcePos{41, 7}}, TextAnchor{29, SourcePos{42, 7}}};
  Diagnostics diags;
  EXPECT_FALSE(parse_template(t, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, "unknown filter 'hors'; did you mean 'hours'?");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{42, 17}));
}

TEST(TemplateWarnings, PercentRightBeforeTheTagCloseWarns) {
  Diagnostics diags;
  auto t = parse_template(on_line_40("{% if x > 18%}big{% endif %}"), diags);
  ASSERT_TRUE(t);  // a warning, not an error: 18 it is
  ASSERT_EQ(diags.items().size(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.message,
            "'%}' right after 18 closes the tag, so this is 18, not 18%; write '18% %}' if you "
            "meant a percentage");
  EXPECT_EQ(d.pos, (SourcePos{40, 21}));
  EXPECT_EQ(to_debug_string(*t), R"((if (> x 18) "big"))");
  const ExprNode& cond = t->expr(t->part(t->top[0]).branches[0].condition);
  EXPECT_EQ(t->expr(cond.rhs()).number, Decimal::from_int(18));
  EXPECT_FALSE(t->expr(cond.rhs()).is_percent);

  diags = Diagnostics();
  EXPECT_TRUE(parse_template(on_line_40("{% if a %}{% elif x >= 2.5%}{% endif %}"), diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::warning);
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{40, 34}));

  // With a space there is nothing to warn about.
  diags = Diagnostics();
  EXPECT_TRUE(
      parse_template(on_line_40("{% if x > 18% %}a{% endif %}{% if x > 18 %}{% endif %}"), diags));
  EXPECT_TRUE(diags.empty());
}

TEST(TemplateErrors, DeepNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "{% if a %}";
  for (int i = 0; i < 5000; ++i) deep += "{% endif %}";
  Diagnostics diags;
  EXPECT_FALSE(parse_template(on_line_40(deep), diags));
  ASSERT_EQ(diags.items().size(), 1u);  // reported once, not once per level
  EXPECT_EQ(diags.items()[0].message, "blocks nested too deeply (more than 50 levels)");
  EXPECT_EQ(diags.items()[0].pos, (SourcePos{40, 11 + 10 * kMaxTemplateNesting}));

  std::string ok;
  for (int i = 0; i < kMaxTemplateNesting; ++i) ok += "{% for x in a %}";
  for (int i = 0; i < kMaxTemplateNesting; ++i) ok += "{% endfor %}";
  diags = Diagnostics();
  EXPECT_TRUE(parse_template(on_line_40(ok), diags));
}

TEST(TemplateErrors, GarbageNeverCrashes) {
  const std::string samples[] = {
      "{",
      "}",
      "{{",
      "}}",
      "{%",
      "%}",
      "{{{{",
      "{%%}",
      "{{}}",
      "{% if %}",
      "{{ | }}",
      "{{ a | b( }}",
      "{{ a | b(, }}",
      "{% for %}",
      "{% for x %}",
      "{% for x in %}",
      "{{ 'a }}",
      "{{ \"a }} \" }}",
      "{% if a %}{% elif %}",
      std::string("{{\0}}", 5),
      "{{ a }",
      "{{ a }}}",
      "{% if a %%}",
      "{% if x > 1%} {% endif %}",
  };
  for (const std::string& s : samples) {
    Diagnostics diags;
    auto syntax = parse_template(on_line_40(s), diags);
    EXPECT_EQ(syntax.has_value(), !diags.has_errors()) << s;
    for (const Diagnostic& d : diags.items()) {
      EXPECT_EQ(d.pos.line, 40u) << s;
      EXPECT_FALSE(d.message.empty());
    }
  }
}

// ---- the shipped rule files -------------------------------------------------------------

void collect_templates(const YAML::Node& ruleset, std::vector<std::string>& out) {
  for (const auto& rule : ruleset["rules"]) {
    for (const char* key : {"text", "internal"}) {
      if (rule[key]) out.push_back(rule[key].Scalar());
    }
    for (const auto& style : rule["by_style"]) out.push_back(style.second.Scalar());
    for (const auto& q : rule["questions"]) out.push_back(q.Scalar());
    for (const auto& o : rule["objections"]) {
      out.push_back(o["objection"].Scalar());
      out.push_back(o["response"].Scalar());
    }
    for (const auto& option : rule["options"]) {
      for (const char* key : {"title", "tradeoff", "ask_in_return"}) {
        if (option[key]) out.push_back(option[key].Scalar());
      }
    }
  }
}

TEST(RuleFiles, EveryTemplateParses) {
  std::size_t count = 0, placeholders = 0;
  for (const auto& entry : std::filesystem::directory_iterator(BASIS_SOURCE_DIR "/rules")) {
    if (entry.path().extension() != ".yaml") continue;
    std::vector<std::string> templates;
    collect_templates(YAML::LoadFile(entry.path().string()), templates);
    for (const std::string& text : templates) {
      Diagnostics diags;
      auto t = parse_template(on_line_40(text), diags);
      EXPECT_TRUE(t) << entry.path() << ": " << text << "\n" << format_diagnostics(diags);
      EXPECT_TRUE(diags.empty()) << entry.path() << ": " << text << "\n"
                                 << format_diagnostics(diags);
      if (t) {
        for (const TemplatePart& p : t->parts) {
          placeholders += p.kind == TemplatePartKind::placeholder ? 1 : 0;
        }
      }
      ++count;
    }
  }
  EXPECT_GT(count, 120u);  // 132 when this was written
  EXPECT_GT(placeholders, 100u);
}

}  // namespace
}  // namespace basis
