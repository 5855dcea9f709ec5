#include "json_syntax.hpp"

#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace basis::parser_detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// How a character that cannot start a value reads to a person.
std::string describe(std::string_view text, std::size_t at) {
  if (at >= text.size()) return "the end of the file";
  unsigned char c = static_cast<unsigned char>(text[at]);
  if (c < 0x20) return "a control character";
  if (c >= 0x80) return "a non-ASCII character";
  if (c == '\'') return "a single quote (JSON needs double quotes)";
  return fmt::format("'{}'", static_cast<char>(c));
}

class Checker {
 public:
  Checker(std::string_view text, int max_nesting) : text_(text), max_nesting_(max_nesting) {}

  JsonSyntaxError run() {
    skip_ws();
    if (p_ >= text_.size()) return {};
    if (!value()) return error_;
    skip_ws();
    if (p_ < text_.size()) {
      fail(p_, "bad JSON: unexpected text after the end of the JSON value");
      return error_;
    }
    return {};
  }

 private:
  struct Open {
    char bracket;
    std::size_t at;
    bool expect_key;  // object: the next token is a key (after '{' or ',')
  };

  bool fail(std::size_t at, std::string message) {
    error_.offset = std::min(at, text_.size());
    error_.message = std::move(message);
    return false;
  }

  void skip_ws() {
    while (p_ < text_.size() && is_ws(text_[p_])) ++p_;
  }

  // Iterative, so that a file of 100,000 '[' cannot overflow the stack.
  bool value() {
    std::vector<Open> stack;
    for (;;) {
      skip_ws();
      // A value is expected at p_.
      if (p_ >= text_.size()) {
        if (!stack.empty()) {
          return fail(stack.back().at,
                      fmt::format("bad JSON: the file ends before this '{}' is closed",
                                  stack.back().bracket));
        }
        return fail(p_, "bad JSON: the file ends where a value is expected");
      }
      char c = text_[p_];
      if (c == '{' || c == '[') {
        if (static_cast<int>(stack.size()) >= max_nesting_) {
          return fail(p_, fmt::format("nested too deeply (more than {} levels)", max_nesting_));
        }
        stack.push_back({c, p_, c == '{'});
        ++p_;
        skip_ws();
        char close = c == '{' ? '}' : ']';
        if (p_ < text_.size() && text_[p_] == close) {
          ++p_;
          stack.pop_back();
          if (!after_value(stack)) return false;
          if (stack.empty()) return true;
          continue;
        }
        if (c == '{' && !key()) return false;
        continue;
      }
      if (!scalar()) return false;
      if (!after_value(stack)) return false;
      if (stack.empty()) return true;
    }
  }

  // After a value: a ',' (then a key or value follows) or the closing bracket(s).
  bool after_value(std::vector<Open>& stack) {
    while (!stack.empty()) {
      skip_ws();
      Open& open = stack.back();
      char close = open.bracket == '{' ? '}' : ']';
      if (p_ >= text_.size()) {
        return fail(open.at, fmt::format("bad JSON: the file ends before this '{}' is closed",
                                         open.bracket));
      }
      char c = text_[p_];
      if (c == ',') {
        ++p_;
        skip_ws();
        if (p_ < text_.size() && text_[p_] == close) {
          return fail(p_ - 1, fmt::format("bad JSON: a comma before '{}' is not allowed "
                                          "(remove the trailing comma)",
                                          close));
        }
        if (open.bracket == '{') return key();
        return true;
      }
      if (c == close) {
        ++p_;
        stack.pop_back();
        continue;
      }
      return fail(p_, open.bracket == '{'
                          ? fmt::format("bad JSON: expected ',' or '}}' after a value in an "
                                        "object, found {}",
                                        describe(text_, p_))
                          : fmt::format("bad JSON: expected ',' or ']' after a value in a list, "
                                        "found {}",
                                        describe(text_, p_)));
    }
    return true;
  }

  bool key() {
    skip_ws();
    if (p_ >= text_.size() || text_[p_] != '"') {
      return fail(p_, fmt::format("bad JSON: expected a key in double quotes, found {}",
                                  describe(text_, p_)));
    }
    if (!string()) return false;
    skip_ws();
    if (p_ >= text_.size() || text_[p_] != ':') {
      return fail(
          p_, fmt::format("bad JSON: expected ':' after the key, found {}", describe(text_, p_)));
    }
    ++p_;
    return true;
  }

  bool scalar() {
    char c = text_[p_];
    if (c == '"') return string();
    if (c == '-' || is_digit(c)) {
      std::size_t start = p_;
      while (p_ < text_.size() && (is_digit(text_[p_]) || text_[p_] == '-' || text_[p_] == '+' ||
                                   text_[p_] == '.' || text_[p_] == 'e' || text_[p_] == 'E')) {
        ++p_;
      }
      std::string_view token = text_.substr(start, p_ - start);
      if (!is_json_number(token)) {
        return fail(start, fmt::format("bad JSON: '{}' is not a number", token));
      }
      return true;
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(p_).starts_with(word)) {
        std::size_t end = p_ + word.size();
        if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])))) break;
        p_ = end;
        return true;
      }
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t end = p_;
      while (end < text_.size() && std::isalnum(static_cast<unsigned char>(text_[end]))) ++end;
      return fail(p_, fmt::format("bad JSON: '{}' is not a value: text must be in double quotes "
                                  "(true, false and null are written in lower case)",
                                  text_.substr(p_, end - p_)));
    }
    if (c == '/') return fail(p_, "bad JSON: unexpected '/': JSON has no comments");
    if (c == '\'') return fail(p_, "bad JSON: text must be in double quotes, not single quotes");
    if (c == '}' || c == ']') {
      return fail(p_, fmt::format("bad JSON: expected a value before '{}'", c));
    }
    return fail(p_, fmt::format("bad JSON: expected a value (text in double quotes, a number, "
                                "an object, a list, true, false or null), found {}",
                                describe(text_, p_)));
  }

  bool string() {
    std::size_t start = p_++;
    while (p_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[p_]);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\n') break;
      if (c < 0x20) {
        return fail(p_,
                    "bad JSON: a tab or other control character in a text must be "
                    "written as an escape (\\t, \\n, ...)");
      }
      if (c == '\\') {
        if (p_ + 1 >= text_.size()) break;
        char e = text_[p_ + 1];
        if (e == 'u') {
          for (int i = 2; i < 6; ++i) {
            if (p_ + i >= text_.size() ||
                !std::isxdigit(static_cast<unsigned char>(text_[p_ + i]))) {
              return fail(p_, "bad JSON: '\\u' must be followed by four hex digits");
            }
          }
          p_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail(p_, fmt::format("bad JSON: unknown escape '\\{}' in a text (write \\\\ "
                                      "for a backslash)",
                                      e));
        }
        p_ += 2;
        continue;
      }
      ++p_;
    }
    return fail(start, "bad JSON: this text is never closed with '\"'");
  }

  std::string_view text_;
  int max_nesting_;
  std::size_t p_ = 0;
  JsonSyntaxError error_;
};

}  // namespace

bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size()) return false;
  if (t[i] == '0') {
    ++i;
  } else if (is_digit(t[i])) {
    while (i < t.size() && is_digit(t[i])) ++i;
  } else {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  return i == t.size();
}

JsonSyntaxError check_json_syntax(std::string_view text, int max_nesting) {
  return Checker(text, max_nesting).run();
}

}  // namespace basis::parser_detail
