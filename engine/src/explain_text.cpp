// Whitespace of rendered templates: folded YAML and template tags leave runs of spaces and
// line breaks that mean nothing; list items, tables and blank lines mean something.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// A line that must start on its own line in Markdown.
bool starts_block(std::string_view line) {
  if (line.empty()) return false;
  if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") || line == "-" ||
      line.starts_with("|") || line.starts_with("#") || line.starts_with(">") ||
      line.starts_with("```")) {
    return true;
  }
  std::size_t i = 0;
  while (i < line.size() && digit(line[i])) ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

// A line after which the next one must start anew (a table row, a heading, a fence).
bool ends_block(std::string_view line) {
  return line.starts_with("|") || line.starts_with("#") || line.starts_with("```");
}

struct Tagged {
  std::string text;
  std::vector<std::uint32_t> tags;  // per byte: the span it came from
  void push(char c, std::uint32_t tag) {
    text.push_back(c);
    tags.push_back(tag);
  }
};

}  // namespace

RichText normalize_whitespace(const RichText& raw) {
  Tagged in;
  for (std::uint32_t s = 0; s < raw.size(); ++s) {
    for (char c : raw[s].text) in.push(c, s);
  }

  // Each line with its runs of blanks collapsed and its ends trimmed.
  struct Line {
    Tagged content;
    std::uint32_t break_tag = 0;  // the span of the line break before it
  };
  std::vector<Line> lines;
  Line current;
  for (std::size_t i = 0; i <= in.text.size(); ++i) {
    if (i == in.text.size() || in.text[i] == '\n') {
      while (!current.content.text.empty() && current.content.text.back() == ' ') {
        current.content.text.pop_back();
        current.content.tags.pop_back();
      }
      lines.push_back(std::move(current));
      current = Line{};
      if (i < in.text.size()) current.break_tag = in.tags[i];
      continue;
    }
    const char c = in.text[i];
    if (blank(c)) {
      if (!current.content.text.empty() && current.content.text.back() != ' ') {
        current.content.push(' ', in.tags[i]);
      } else if (!current.content.text.empty() &&
                 raw[in.tags[i]].kind == TextSpan::Kind::markdown) {
        // A run of blanks shared by a value and the literal text belongs to the text, so
        // that a value span never carries the space around it.
        current.content.tags.back() = in.tags[i];
      }
      continue;
    }
    current.content.push(c, in.tags[i]);
  }

  Tagged out;
  bool pending_blank = false;
  std::string_view previous;
  for (const Line& line : lines) {
    const std::string_view text = line.content.text;
    if (text.empty()) {
      pending_blank = !out.text.empty();
      continue;
    }
    if (!out.text.empty()) {
      if (pending_blank) {
        out.push('\n', line.break_tag);
        out.push('\n', line.break_tag);
      } else if (starts_block(text) || ends_block(previous)) {
        out.push('\n', line.break_tag);
      } else {
        out.push(' ', line.break_tag);
      }
    }
    pending_blank = false;
    for (std::size_t i = 0; i < text.size(); ++i) out.push(text[i], line.content.tags[i]);
    previous = text;
  }

  // Back into spans: consecutive bytes of one span stay together; literal Markdown next to
  // literal Markdown merges.
  RichText result;
  for (std::size_t i = 0; i < out.text.size();) {
    const std::uint32_t tag = out.tags[i];
    std::size_t j = i;
    while (j < out.text.size() && out.tags[j] == tag) ++j;
    const TextSpan& source = raw[tag];
    std::string piece = out.text.substr(i, j - i);
    if (source.kind == TextSpan::Kind::markdown && !result.empty() &&
        result.back().kind == TextSpan::Kind::markdown) {
      result.back().text += piece;
    } else {
      TextSpan span;
      span.kind = source.kind;
      span.trace = source.trace;
      span.text = std::move(piece);
      result.push_back(std::move(span));
    }
    i = j;
  }
  return result;
}

}  // namespace basis::explain_detail
