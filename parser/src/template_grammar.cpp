// The X3 grammar of one template tag: `{{ expr | filter(args) }}` and the `{% %}`
// statements. Its expressions come from the expression grammar through
// parse_expression_at, so X3's cost for expressions is paid once, in
// expression_grammar.cpp. Literal text and blocks are template_blocks.cpp's.

#include <string>
#include <string_view>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "template_tags.hpp"

namespace basis {
namespace detail {
namespace {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;
using Range = boost::iterator_range<Iterator>;

// An expression inside a tag started but is broken; its problem is already worded.
struct ExpressionFailure {
  SyntaxProblem problem;
};

struct TagBuilder {
  ExpressionSyntax& expressions;
  Iterator base;
  Tag tag;
  bool expectation_failed = false;
  std::uint32_t failure_offset = 0;
  std::string expected;

  std::uint32_t offset(Iterator it) const { return static_cast<std::uint32_t>(it - base); }
};

struct tag_builder_tag;

template <typename Context>
TagBuilder& builder_of(const Context& ctx) {
  return x3::get<tag_builder_tag>(ctx);
}

// An expression of the expression grammar as a primitive of this one.
struct embedded_expression : x3::parser<embedded_expression> {
  using attribute_type = ExprId;
  static bool const has_attribute = true;

  template <typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator last, const Context& ctx, RContext&, Attribute& attr) const {
    TagBuilder& b = builder_of(ctx);
    std::uint32_t offset = b.offset(first);
    ExprId root = kNoExpr;
    SyntaxProblem problem;
    (void)last;
    switch (parse_expression_at(b.expressions, offset, root, problem)) {
      case ExpressionParse::ok:
        first = b.base + offset;
        x3::traits::move_to(root, attr);
        return true;
      case ExpressionParse::no_value:
        return false;
      case ExpressionParse::error:
        break;
    }
    throw ExpressionFailure{std::move(problem)};
  }
};
embedded_expression const embedded{};

// ---- semantic actions -----------------------------------------------------------------

template <TagKind Kind>
struct set_kind {
  template <typename Context>
  void operator()(const Context& ctx) const {
    builder_of(ctx).tag.kind = Kind;
    builder_of(ctx).tag.kind_known = true;
  }
};

auto const set_expr = [](const auto& ctx) { builder_of(ctx).tag.expr = x3::_attr(ctx); };

auto const set_variable = [](const auto& ctx) {
  TagBuilder& b = builder_of(ctx);
  const Range& r = x3::_attr(ctx);
  std::string_view word(r.begin(), r.size());
  if (word == "and" || word == "or" || word == "not" || word == "in" || word == "where" ||
      word == "true" || word == "false" || word == "null") {
    x3::_pass(ctx) = false;
    return;
  }
  b.tag.variable_begin = b.offset(r.begin());
  b.tag.variable_end = b.offset(r.end());
};

// A filter's arguments, or none without `(` (a plain struct rather than an optional: GCC 12
// warns about boost::optional in X3 attributes at -O2).
struct FilterArgs {
  bool present = false;
  std::vector<ExprId> args;
};

auto const set_args = [](const auto& ctx) {
  x3::_val(ctx).present = true;
  x3::_val(ctx).args = std::move(x3::_attr(ctx));
};

auto const add_filter = [](const auto& ctx) {
  TagBuilder& b = builder_of(ctx);
  auto& attr = x3::_attr(ctx);
  const Range& name = boost::fusion::at_c<0>(attr);
  FilterArgs& args = boost::fusion::at_c<1>(attr);
  TemplateFilter f;
  f.name = std::string(name.begin(), name.end());
  f.begin = b.offset(name.begin());
  f.end = args.present ? b.tag.filter_end : b.offset(name.end());
  f.args = std::move(args.args);
  f.pos = b.expressions.pos_of(f.begin);
  b.tag.filters.push_back(std::move(f));
};

auto const record_filter_end = [](const auto& ctx) {
  TagBuilder& b = builder_of(ctx);
  b.tag.filter_end = b.offset(x3::_attr(ctx).end());
};

// ---- rule ids with handlers -------------------------------------------------------------

struct entry_id {
  template <typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, Iterator, const Exception& x,
                                    const Context& ctx) const {
    TagBuilder& b = builder_of(ctx);
    b.expectation_failed = true;
    b.failure_offset = b.offset(x.where());
    b.expected = x.which();
    return x3::error_handler_result::fail;
  }
};
struct placeholder_entry_id : entry_id {};
struct statement_entry_id : entry_id {};

// ---- the grammar -----------------------------------------------------------------------

constexpr const char* kClosePlaceholder = "'}}'";
constexpr const char* kCloseStatement = "'%}'";
constexpr const char* kFilterName = "a filter name";
constexpr const char* kCloseArgs = "')'";
constexpr const char* kCondition = "a condition";
constexpr const char* kLoopVariable = "a loop variable name";
constexpr const char* kLoopIn = "'in'";
constexpr const char* kCollection = "a collection";

auto const name_start = x3::char_("a-zA-Z_");
auto const name_char = x3::char_("a-zA-Z0-9_");
auto keyword(const char* word) {
  return x3::lexeme[x3::lit(word) >> !name_char];
}

x3::rule<placeholder_entry_id> const placeholder_entry = "a placeholder";
x3::rule<statement_entry_id> const statement_entry = "a tag";
x3::rule<class value_id> const value = "a value";
x3::rule<class argument_id, ExprId> const argument = "a value";
x3::rule<class condition_id> const condition = kCondition;
x3::rule<class collection_id> const collection = kCollection;
x3::rule<class filter_id> const filter = kFilterName;
x3::rule<class filter_name_id, Range> const filter_name = kFilterName;
x3::rule<class filter_args_id, std::vector<ExprId>> const filter_args = "arguments";
x3::rule<class filter_suffix_id, FilterArgs> const filter_suffix = "arguments";
x3::rule<class close_args_id> const close_args = kCloseArgs;
x3::rule<class loop_variable_id> const loop_variable = kLoopVariable;
x3::rule<class loop_in_id> const loop_in = kLoopIn;
x3::rule<class close_placeholder_id> const close_placeholder = kClosePlaceholder;
x3::rule<class close_statement_id> const close_statement = kCloseStatement;

auto const placeholder_entry_def = value >> *('|' > filter) > close_placeholder;
auto const statement_entry_def =
    ((keyword("if")[set_kind<TagKind::if_tag>{}] > condition) |
     (keyword("elif")[set_kind<TagKind::elif_tag>{}] > condition) |
     keyword("else")[set_kind<TagKind::else_tag>{}] |
     keyword("endif")[set_kind<TagKind::endif_tag>{}] |
     (keyword("for")[set_kind<TagKind::for_tag>{}] > loop_variable > loop_in > collection) |
     keyword("endfor")[set_kind<TagKind::endfor_tag>{}]) > close_statement;

auto const value_def = embedded[set_expr];
auto const argument_def = embedded;
auto const condition_def = embedded[set_expr];
auto const collection_def = embedded[set_expr];
auto const filter_def = (filter_name >> filter_suffix)[add_filter];
auto const filter_suffix_def = -filter_args[set_args];
auto const filter_name_def = x3::raw[x3::lexeme[name_start >> *name_char]];
auto const filter_args_def = '(' > -(argument >> *(',' > argument)) > close_args;
auto const close_args_def = x3::raw[x3::lit(')')][record_filter_end];
auto const loop_variable_def = x3::raw[x3::lexeme[name_start >> *name_char]][set_variable];
auto const loop_in_def = keyword("in");
auto const close_placeholder_def = x3::lit("}}");
auto const close_statement_def = x3::lit("%}");

BOOST_SPIRIT_DEFINE(placeholder_entry, statement_entry, value, argument, condition, collection,
                    filter, filter_name, filter_args, filter_suffix, close_args, loop_variable,
                    loop_in, close_placeholder, close_statement)

auto const spaces = x3::char_(" \t\r\n");

// ---- reading one tag ----------------------------------------------------------------------

SyntaxProblem problem_at(std::uint32_t offset, std::uint32_t length, std::string message) {
  SyntaxProblem p;
  p.offset = offset;
  p.length = length;
  p.message = std::move(message);
  return p;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// `{{ x > 18%}}`: the `%` cannot make a percentage before `}`.
std::optional<SyntaxProblem> percent_before_close(std::string_view text, std::uint32_t at,
                                                  std::string_view closer) {
  if (!text.substr(at).starts_with("%}") || at == 0 || !is_digit(text[at - 1])) return std::nullopt;
  std::uint32_t begin = at;
  while (begin > 0 &&
         (is_digit(text[begin - 1]) || text[begin - 1] == '.' || text[begin - 1] == '_')) {
    --begin;
  }
  std::string number(text.substr(begin, at - begin));
  return problem_at(at, 2,
                    "'%}' right after " + number + " cannot make a percentage; write '" + number +
                        "% " + std::string(closer) + "' if you meant " + number + "%");
}

std::string found_in_tag(std::string_view text, std::uint32_t at) {
  if (at >= text.size()) return "the end of the text";
  return describe_found(text, at);
}

SyntaxProblem word_tag_failure(const TagBuilder& b, std::string_view text, std::uint32_t tag_begin,
                               bool placeholder) {
  const std::string& expected = b.expected;
  std::uint32_t at = skip_spaces(text, b.failure_offset);
  std::string found = found_in_tag(text, at);
  std::uint32_t length = token_length(text, at);
  std::string_view closer = placeholder ? "}}" : "%}";

  if ((expected == kClosePlaceholder || expected == kCloseStatement) && at >= text.size()) {
    return problem_at(
        tag_begin, 2,
        placeholder ? "unclosed '{{': no '}}' after it" : "unclosed '{%': no '%}' after it");
  }
  if (expected == kFilterName && text.substr(at).starts_with("|")) {
    return problem_at(at - 1, 2, "unexpected '||'; use 'or'");
  }
  if (auto percent = percent_before_close(text, at, closer)) return *percent;
  if (auto misused = misused_token(text, at)) return *misused;

  if (expected == kClosePlaceholder) {
    return problem_at(at, length, "expected an operator, '|' or '}}', found " + found);
  }
  if (expected == kCloseStatement) {
    TagKind kind = b.tag.kind;
    if (kind == TagKind::else_tag && text.substr(at).starts_with("if")) {
      return problem_at(at, length, "'else if' is written 'elif': {% elif condition %}");
    }
    if (kind == TagKind::else_tag || kind == TagKind::endif_tag || kind == TagKind::endfor_tag) {
      return problem_at(
          at, length, "expected '%}' after '" + std::string(tag_word(kind)) + "', found " + found);
    }
    return problem_at(at, length, "expected an operator or '%}', found " + found);
  }
  if (expected == kFilterName) {
    return problem_at(at, length, "expected a filter name after '|', found " + found);
  }
  if (expected == kCloseArgs) {
    if (at_region_end(text, at)) {
      // The `(` of the arguments is the last one before the failure.
      std::uint32_t open = static_cast<std::uint32_t>(text.rfind('(', b.failure_offset));
      return problem_at(open, 1, "unclosed parenthesis: '(' has no matching ')'");
    }
    return problem_at(at, length, "expected ',' or ')', found " + found);
  }
  if (expected == kCondition) {
    return problem_at(
        at, length,
        "expected a condition after '" + std::string(tag_word(b.tag.kind)) + "', found " + found);
  }
  if (expected == kLoopVariable) {
    return problem_at(at, length, "expected a loop variable name after 'for', found " + found);
  }
  if (expected == kLoopIn) {
    return problem_at(at, length, "expected 'in' after the loop variable, found " + found);
  }
  if (expected == kCollection) {
    return problem_at(at, length, "expected a collection after 'in', found " + found);
  }
  return problem_at(at, length, "expected " + expected + ", found " + found);
}

// Nothing after `{{` or `{%` matched at all.
SyntaxProblem word_no_match(std::string_view text, std::uint32_t tag_begin, std::uint32_t from,
                            bool placeholder) {
  std::uint32_t at = skip_spaces(text, from);
  if (placeholder) {
    if (text.substr(at).starts_with("}}"))
      return problem_at(tag_begin, at + 2 - tag_begin, "empty placeholder '{{ }}'");
    if (at >= text.size()) return problem_at(tag_begin, 2, "unclosed '{{': no '}}' after it");
    if (auto misused = misused_token(text, at)) return *misused;
    return problem_at(at, token_length(text, at),
                      "expected a value after '{{', found " + found_in_tag(text, at));
  }
  static constexpr std::string_view kTags[] = {"if", "elif", "else", "endif", "for", "endfor"};
  if (at >= text.size()) return problem_at(tag_begin, 2, "unclosed '{%': no '%}' after it");
  std::uint32_t length = token_length(text, at);
  std::string_view word = text.substr(at, length);
  if (text.substr(at).starts_with("%}")) {
    return problem_at(tag_begin, at + 2 - tag_begin,
                      "empty tag: expected if, elif, else, endif, for or endfor");
  }
  std::string suggestion = did_you_mean(word, kTags);
  if (!suggestion.empty())
    return problem_at(at, length, "unknown tag '" + std::string(word) + "'" + suggestion);
  return problem_at(
      at, length,
      "unknown tag '" + std::string(word) + "'; expected if, elif, else, endif, for or endfor");
}

}  // namespace

std::string_view tag_word(TagKind kind) {
  switch (kind) {
    case TagKind::placeholder:
      return "{{";
    case TagKind::if_tag:
      return "if";
    case TagKind::elif_tag:
      return "elif";
    case TagKind::else_tag:
      return "else";
    case TagKind::endif_tag:
      return "endif";
    case TagKind::for_tag:
      return "for";
    case TagKind::endfor_tag:
      return "endfor";
  }
  return "";
}

bool read_tag(ExpressionSyntax& expressions, std::uint32_t begin, Tag& tag,
              SyntaxProblem& problem) {
  const std::string& text = expressions.input.text;
  const bool placeholder = text.compare(begin, 2, "{{") == 0;
  TagBuilder b{expressions, text.data(), Tag{}, false, 0, {}};
  b.tag.kind = placeholder ? TagKind::placeholder : TagKind::if_tag;
  Iterator first = text.data() + begin + 2;
  Iterator last = text.data() + text.size();
  bool ok = false;
  try {
    // post-skip would swallow the spaces after the tag, which belong to the text.
    ok = placeholder
             ? x3::phrase_parse(first, last, x3::with<tag_builder_tag>(b)[placeholder_entry],
                                spaces, x3::skip_flag::dont_post_skip)
             : x3::phrase_parse(first, last, x3::with<tag_builder_tag>(b)[statement_entry], spaces,
                                x3::skip_flag::dont_post_skip);
  } catch (ExpressionFailure& failure) {
    problem = std::move(failure.problem);
  }
  if (!ok && problem.message.empty()) {
    problem = b.expectation_failed ? word_tag_failure(b, text, begin, placeholder)
                                   : word_no_match(text, begin, begin + 2, placeholder);
  }
  b.tag.begin = begin;
  b.tag.end = b.offset(first);
  tag = std::move(b.tag);
  return ok;
}

}  // namespace detail
}  // namespace basis
