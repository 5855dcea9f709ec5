// The wording of syntax errors shared by the expression and template parsers: what was
// found where a parse stopped, and the habits from other languages worth naming.

#include <string>
#include <string_view>
#include <utility>

#include "expression_grammar.hpp"

namespace basis::detail {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// Control characters other than the spaces, named rather than printed into a message.
bool is_control(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && !is_space(c)) || u == 0x7f;
}
std::string control_name(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto u = static_cast<unsigned char>(c);
  return std::string("control character U+00") + kHex[u >> 4] + kHex[u & 0xf];
}

}  // namespace

// A stray continuation byte counts as one character.
std::uint32_t char_length(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return 1;
  auto c = static_cast<unsigned char>(text[offset]);
  std::uint32_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 1;
  std::uint32_t i = 1;
  while (i < n && offset + i < text.size() &&
         (static_cast<unsigned char>(text[offset + i]) & 0xC0) == 0x80) {
    ++i;
  }
  return i;
}

namespace {

std::uint32_t count_chars(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

// Every character the language (and a template tag around it) uses somewhere.
bool is_language_char(char c) {
  return is_name_char(c) || is_space(c) ||
         std::string_view("\"'()[].,+-*/%<>=!?|{}").find(c) != std::string_view::npos;
}

SyntaxProblem problem_at(std::uint32_t offset, std::uint32_t length, std::string message) {
  SyntaxProblem p;
  p.offset = offset;
  p.length = length;
  p.message = std::move(message);
  return p;
}

}  // namespace

std::uint32_t skip_spaces(std::string_view text, std::uint32_t offset) {
  while (offset < text.size() && is_space(text[offset])) ++offset;
  return offset;
}

std::uint32_t token_length(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return 1;
  std::uint32_t end = offset;
  if (is_name_char(text[offset])) {
    while (end < text.size() &&
           (is_name_char(text[end]) ||
            (is_digit(text[offset]) && (text[end] == '.' || text[end] == '%')))) {
      ++end;
    }
    return end - offset;
  }
  std::string_view rest = text.substr(offset);
  for (std::string_view two : {"==", "!=", "<=", ">=", "??", "&&", "||", "}}", "%}", "{{", "{%"}) {
    if (rest.starts_with(two)) return 2;
  }
  return char_length(text, offset);
}

bool at_region_end(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return true;
  std::string_view rest = text.substr(offset);
  return rest.starts_with("}}") || rest.starts_with("%}");
}

std::string describe_found(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return "the end of the expression";
  char c = text[offset];
  if (c == '"' || c == '\'') return "a string";
  if (is_control(c)) return control_name(c);
  return "'" + std::string(text.substr(offset, token_length(text, offset))) + "'";
}

std::optional<SyntaxProblem> misused_token(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return std::nullopt;
  std::string_view rest = text.substr(offset);
  char c = rest[0];
  if (c == '=' && !rest.starts_with("==")) {
    return problem_at(offset, 1, "unexpected '='; did you mean '=='?");
  }
  if (rest.starts_with("&&")) return problem_at(offset, 2, "unexpected '&&'; use 'and'");
  if (c == '&') return problem_at(offset, 1, "unexpected '&'; use 'and'");
  if (rest.starts_with("||")) return problem_at(offset, 2, "unexpected '||'; use 'or'");
  if (c == '!' && !rest.starts_with("!=")) {
    return problem_at(offset, 1, "unexpected '!'; use 'not'");
  }
  if (c == '?' && !rest.starts_with("??")) {
    return problem_at(offset, 1,
                      "unexpected '?'; write 'if(condition, a, b)' for a choice, or 'a ?? b' "
                      "for a value with a default");
  }
  if (is_name_char(c) && !is_digit(c)) {
    // `AND`, `Or`, `NOT`: keywords are lower case.
    std::uint32_t length = token_length(text, offset);
    std::string lower;
    for (char ch : rest.substr(0, length))
      lower.push_back(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    if ((lower == "and" || lower == "or" || lower == "not" || lower == "in" || lower == "where") &&
        lower != rest.substr(0, length)) {
      return problem_at(offset, length,
                        "unexpected '" + std::string(rest.substr(0, length)) +
                            "'; keywords are written in lower case: '" + lower + "'");
    }
  }
  if (is_control(c)) return problem_at(offset, 1, "unexpected " + control_name(c));
  if (!is_language_char(c)) {
    std::uint32_t length = char_length(text, offset);
    std::string_view ch = text.substr(offset, length);
    // What a word processor or a maths habit puts in place of the ASCII operators.
    static constexpr std::pair<std::string_view, std::string_view> kLookalikes[] = {
        {"≥", ">="}, {"≤", "<="}, {"≠", "!="}, {"×", "*"}, {"÷", "/"}, {"−", "-"},
        {"–", "-"},  {"“", "\""}, {"”", "\""}, {"‘", "'"}, {"’", "'"}};
    for (const auto& [lookalike, ascii] : kLookalikes) {
      if (ch == lookalike) {
        return problem_at(
            offset, length,
            "unexpected character '" + std::string(ch) + "'; write '" + std::string(ascii) + "'");
      }
    }
    return problem_at(offset, length,
                      "unexpected character '" + std::string(text.substr(offset, length)) + "'");
  }
  return std::nullopt;
}

void report_problem(const SyntaxProblem& problem, const ExpressionText& text, Severity severity,
                    Diagnostics& diags) {
  std::uint32_t offset =
      std::min<std::uint32_t>(problem.offset, static_cast<std::uint32_t>(text.text.size()));
  // A block scalar (`when: >`, `text: |`) ends with a line break: "the end of the text" is
  // where its last line ends, not past the break, which is a column that line does not have.
  if (offset == text.text.size()) {
    while (offset > 0 && (text.text[offset - 1] == '\n' || text.text[offset - 1] == '\r')) --offset;
  }
  std::uint32_t length = 1;
  if (offset < text.text.size()) {
    std::string_view span = std::string_view(text.text).substr(offset, problem.length);
    // The caret stays on one line.
    span = span.substr(0, span.find('\n'));
    length = std::max<std::uint32_t>(1, count_chars(span));
  }
  Diagnostic& d = severity == Severity::warning
                      ? diags.warning(text.source, text.pos_of(offset), problem.message, length)
                      : diags.error(text.source, text.pos_of(offset), problem.message, length);
  if (problem.has_note) {
    d.notes.push_back(DiagnosticNote{text.source, text.pos_of(problem.note_offset), problem.note});
  }
}

}  // namespace basis::detail
