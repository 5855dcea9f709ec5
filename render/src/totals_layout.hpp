#pragma once
// Column layout for plain text: widths count terminal columns, not bytes, so that
// "£811,462.00" lines up with "$811,462.00" and a CJK category takes two columns a character.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace basis::layout {

struct Decoded {
  char32_t code_point;
  std::size_t length;  // bytes
};

// One UTF-8 sequence at `i`; a malformed byte reads as itself, one byte long.
inline Decoded decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return {lead, 1};
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {lead, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, length};
}

// Terminal columns of one character: 0 for combining marks and zero-width spaces, 2 for
// East Asian wide and full-width characters and emoji, else 1.
inline std::size_t char_width(char32_t c) {
  const auto in = [c](char32_t lo, char32_t hi) { return c >= lo && c <= hi; };
  if (in(0x0300, 0x036F) || in(0x1AB0, 0x1AFF) || in(0x1DC0, 0x1DFF) || in(0x200B, 0x200F) ||
      in(0x20D0, 0x20FF) || in(0xFE00, 0xFE0F) || in(0xFE20, 0xFE2F)) {
    return 0;
  }
  if (in(0x1100, 0x115F) || in(0x2E80, 0x303E) || in(0x3041, 0x33FF) || in(0x3400, 0x4DBF) ||
      in(0x4E00, 0x9FFF) || in(0xA000, 0xA4CF) || in(0xAC00, 0xD7A3) || in(0xF900, 0xFAFF) ||
      in(0xFE30, 0xFE4F) || in(0xFF00, 0xFF60) || in(0xFFE0, 0xFFE6) || in(0x1F300, 0x1F64F) ||
      in(0x1F900, 0x1F9FF) || in(0x20000, 0x2FFFD) || in(0x30000, 0x3FFFD)) {
    return 2;
  }
  return 1;
}

// Terminal columns of a text.
inline std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    n += char_width(d.code_point);
    i += d.length;
  }
  return n;
}

inline std::string pad_right(std::string_view text, std::size_t columns) {
  std::string out(text);
  const std::size_t w = width(text);
  if (w < columns) out.append(columns - w, ' ');
  return out;
}

inline std::string pad_left(std::string_view text, std::size_t columns) {
  const std::size_t w = width(text);
  std::string out = w < columns ? std::string(columns - w, ' ') : std::string();
  out += text;
  return out;
}

// Byte length of the longest start of `text` that fits in `columns` (at least one
// character, so that cutting a long word always makes progress).
inline std::size_t prefix_bytes(std::string_view text, std::size_t columns) {
  std::size_t i = 0, used = 0;
  while (i < text.size()) {
    const Decoded d = decode(text, i);
    const std::size_t w = char_width(d.code_point);
    if (i > 0 && used + w > columns) break;
    used += w;
    i += d.length;
  }
  return i;
}

// Line breaks, tabs and other control characters in a label (a YAML block scalar, an
// escape sequence that would drive the terminal) become spaces.
inline std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
  }
  return out;
}

// Text inside a Markdown table cell (totals and revision tables): characters Markdown would
// read as markup are escaped, and a pipe would end the cell.
inline std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : one_line(text)) {
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '<':
      case '>':
      case '[':
      case ']':
        out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
  return out;
}

// Word-wraps `text` to lines of at most `columns` characters (at least 1); a word longer
// than a line is cut. Never returns an empty vector.
inline std::vector<std::string> wrap(std::string_view text, std::size_t columns) {
  if (columns == 0) columns = 1;
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end;
    while (!word.empty()) {
      const std::size_t needed = line.empty() ? width(word) : width(line) + 1 + width(word);
      if (needed <= columns) {
        if (!line.empty()) line += ' ';
        line += word;
        word = {};
      } else if (!line.empty()) {
        lines.push_back(std::move(line));
        line.clear();
      } else {
        const std::size_t cut = prefix_bytes(word, columns);
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
      }
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace basis::layout
