// Markdown text of an explanation's lines (see explain_markup.hpp).

#include "explain_markup.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "totals_layout.hpp"

namespace basis::explain {

namespace {

bool is_ascii_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_ascii_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_ascii_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// `&name;`, `&#123;` or `&#x1F;`: Markdown would show the character it names.
bool starts_entity(std::string_view text, std::size_t amp) {
  std::size_t i = amp + 1;
  if (i < text.size() && text[i] == '#') {
    ++i;
    if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) ++i;
  }
  const std::size_t start = i;
  while (i < text.size() && is_ascii_alnum(text[i])) ++i;
  return i > start && i < text.size() && text[i] == ';';
}

// Length of the tag name at `i`, or 0.
std::size_t tag_name_length(std::string_view s, std::size_t i) {
  if (i >= s.size() || !is_ascii_alpha(s[i])) return 0;
  std::size_t j = i + 1;
  while (j < s.size() && (is_ascii_alnum(s[j]) || s[j] == '-')) ++j;
  return j - i;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// Length of an open tag `<name attr="v" ...>` at `i` (CommonMark's definition), or 0.
std::size_t open_tag_length(std::string_view s, std::size_t i) {
  const std::size_t name = tag_name_length(s, i + 1);
  if (name == 0) return 0;
  std::size_t j = i + 1 + name;
  for (;;) {
    const std::size_t after_space = skip_spaces(s, j);
    if (after_space >= s.size()) return 0;
    if (s[after_space] == '>') return after_space + 1 - i;
    if (s[after_space] == '/') {
      return after_space + 1 < s.size() && s[after_space + 1] == '>' ? after_space + 2 - i : 0;
    }
    if (after_space == j) return 0;  // an attribute needs whitespace before it
    j = after_space;
    const char first = s[j];
    if (!(is_ascii_alpha(first) || first == '_' || first == ':')) return 0;
    ++j;
    while (j < s.size() &&
           (is_ascii_alnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == ':' || s[j] == '-')) {
      ++j;
    }
    const std::size_t before_eq = skip_spaces(s, j);
    if (before_eq < s.size() && s[before_eq] == '=') {
      j = skip_spaces(s, before_eq + 1);
      if (j >= s.size()) return 0;
      if (s[j] == '"' || s[j] == '\'') {
        const std::size_t close = s.find(s[j], j + 1);
        if (close == std::string_view::npos) return 0;
        j = close + 1;
      } else {
        const std::size_t start = j;
        while (j < s.size() && !is_space(s[j]) &&
               std::string_view("\"'=<>`").find(s[j]) == std::string_view::npos) {
          ++j;
        }
        if (j == start) return 0;
      }
    }
  }
}

// Length of any raw HTML construct starting at `i` (s[i] == '<'), or 0 for a plain '<'.
std::size_t html_length(std::string_view s, std::size_t i) {
  const std::string_view rest = s.substr(i);
  const auto until = [&](std::size_t from, std::string_view end) -> std::size_t {
    const std::size_t at = s.find(end, i + from);
    return at == std::string_view::npos ? 0 : at + end.size() - i;
  };
  if (rest.starts_with("<!--")) return until(4, "-->");
  if (rest.starts_with("<?")) return until(2, "?>");
  if (rest.starts_with("<![CDATA[")) return until(9, "]]>");
  if (rest.size() > 2 && rest[1] == '!' && is_ascii_alpha(rest[2])) return until(2, ">");
  if (rest.size() > 2 && rest[1] == '/') {
    const std::size_t name = tag_name_length(s, i + 2);
    if (name == 0) return 0;
    const std::size_t j = skip_spaces(s, i + 2 + name);
    return j < s.size() && s[j] == '>' ? j + 1 - i : 0;
  }
  return open_tag_length(s, i);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Elements whose content is raw text to HTML: dropping only their tags would show it.
bool drops_content(std::string_view name) {
  const std::string n = lower(name);
  return n == "script" || n == "style" || n == "textarea" || n == "pre";
}

std::size_t backtick_run(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && s[j] == '`') ++j;
  return j - i;
}

// Where the code span opened by a run of `run` backticks at `i` ends, or npos.
std::size_t code_span_end(std::string_view s, std::size_t i, std::size_t run) {
  std::size_t j = i + run;
  while (j < s.size()) {
    if (s[j] != '`') {
      ++j;
      continue;
    }
    const std::size_t close = backtick_run(s, j);
    if (close == run) return j + close;
    j += close;
  }
  return std::string_view::npos;
}

// Every '|' that is not already escaped gets a backslash; line breaks become spaces.
std::string as_table_cell(std::string_view markdown) {
  std::string out;
  std::size_t backslashes = 0;
  for (char c : markdown) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '|' && backslashes % 2 == 0) out += '\\';
    backslashes = c == '\\' ? backslashes + 1 : 0;
    out += c;
  }
  return out;
}

bool at_line_start(const std::string& out) {
  return out.empty() || out.back() == '\n';
}

}  // namespace

std::string without_markers(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with(kMarkOpen) || rest.starts_with(kMarkMid) || rest.starts_with(kMarkClose)) {
      i += kMarkOpen.size();
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::string escape_html(std::string_view raw, bool keep_breaks) {
  const std::string text = without_markers(raw);
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += keep_breaks ? "&#10;" : " ";
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        out += byte < 0x20 || byte == 0x7f ? ' ' : c;
        break;
      }
    }
  }
  return out;
}

// Whether a line starting with `text` would open a heading, list item, thematic break or
// setext underline; the first character then needs a backslash. (A quote marker '>' and
// '*' are always escaped.)
bool opens_block(std::string_view text) {
  if (text.empty()) return false;
  const auto ends_marker = [&](std::size_t i) { return i >= text.size() || text[i] == ' '; };
  const char first = text[0];
  if (first == '#') {
    std::size_t n = 0;
    while (n < text.size() && text[n] == '#') ++n;
    return n <= 6 && ends_marker(n);
  }
  if (first == '-' || first == '+') {
    if (ends_marker(1)) return true;
  }
  if (first == '-' || first == '=') {
    return text.find_first_not_of(std::string(1, first) + " ") == std::string_view::npos;
  }
  std::size_t digits = 0;
  while (digits < text.size() && is_ascii_digit(text[digits])) ++digits;
  return digits > 0 && digits <= 9 && digits < text.size() &&
         (text[digits] == '.' || text[digits] == ')') && ends_marker(digits + 1);
}

std::string escape_markdown(std::string_view raw, bool line_start) {
  const std::string text = without_markers(layout::one_line(raw));
  std::string out;
  out.reserve(text.size() + 8);
  // A digit run opens an ordered list with the '.' or ')' after it: escape that one.
  std::size_t block_at = std::string::npos;
  if (line_start && opens_block(text)) {
    block_at = is_ascii_digit(text[0]) ? text.find_first_not_of("0123456789") : 0;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        out += '\\';
        break;
      case '&':
        if (starts_entity(text, i)) out += '\\';
        break;
      default:
        if (i == block_at) out += '\\';
        break;
    }
    out += c;
  }
  return out;
}

std::string strip_raw_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      out.append(s.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '`') {
      const std::size_t run = backtick_run(s, i);
      const std::size_t end = code_span_end(s, i, run);
      const std::size_t stop = end == std::string_view::npos ? i + run : end;
      out.append(s.substr(i, stop - i));
      i = stop;
      continue;
    }
    if (c == '<') {
      const std::size_t length = html_length(s, i);
      if (length > 0) {
        const std::size_t name = tag_name_length(s, i + 1);
        if (name > 0 && s[i + length - 2] != '/' && drops_content(s.substr(i + 1, name))) {
          // Up to and including the matching end tag, or everything when it is missing.
          const std::string closing = "</" + lower(s.substr(i + 1, name));
          const std::string rest = lower(s.substr(i + length));
          const std::size_t at = rest.find(closing);
          if (at == std::string::npos) break;
          const std::size_t end_tag = i + length + at;
          const std::size_t close_length = html_length(s, end_tag);
          i = end_tag + (close_length > 0 ? close_length : closing.size());
          if (!out.empty() && out.back() == ' ') {
            while (i < s.size() && s[i] == ' ') ++i;
          }
          continue;
        }
        i += length;
        // "a <b>x</b> b" reads "a x b", not "a x  b".
        if (!out.empty() && out.back() == ' ') {
          while (i < s.size() && s[i] == ' ') ++i;
        }
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

std::string code_span(std::string_view raw) {
  const std::string text = without_markers(layout::one_line(raw));
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`' ||
                                     (text.front() == ' ' && text.back() == ' '));
  return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

std::string rich_markdown(const RichText& text, const Explanation& explanation,
                          MarkdownOptions options) {
  std::string out;
  for (const TextSpan& span : text) {
    if (span.kind == TextSpan::Kind::markdown) {
      out += without_markers(span.text);
      continue;
    }
    const std::string value = escape_markdown(span.text, at_line_start(out));
    const bool traced =
        span.trace >= 0 && static_cast<std::size_t>(span.trace) < explanation.trace.size();
    if (options.markers && traced) {
      out += kMarkOpen;
      out += std::to_string(span.trace);
      out += kMarkMid;
      out += value;
      out += kMarkClose;
    } else {
      out += value;
    }
  }
  out = strip_raw_html(out);
  return options.table_cell ? as_table_cell(out) : out;
}

std::string line_markdown(const Line& line, const Explanation& explanation,
                          MarkdownOptions options) {
  std::string out;
  for (const Inline& part : line) {
    switch (part.kind) {
      case Inline::Kind::text:
        out += escape_markdown(part.text, !options.table_cell && at_line_start(out));
        break;
      case Inline::Kind::strong:
        if (!part.text.empty()) out += "**" + escape_markdown(part.text, false) + "**";
        break;
      case Inline::Kind::code:
        if (!part.text.empty()) out += code_span(part.text);
        break;
      case Inline::Kind::rich:
        if (part.rich != nullptr) {
          out += rich_markdown(*part.rich, explanation, {options.markers, false});
        }
        break;
    }
  }
  return options.table_cell ? as_table_cell(out) : out;
}

}  // namespace basis::explain
