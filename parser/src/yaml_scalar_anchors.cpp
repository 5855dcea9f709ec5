#include "yaml_scalar_anchors.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace basis::parser_detail {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

void trim_trailing_blanks(std::string& s, std::size_t floor) {
  while (s.size() > floor && (is_blank(s.back()) || s.back() == '\r')) s.pop_back();
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One source line of the scalar, decoded as the scalar's style decodes it.
struct Piece {
  std::size_t begin = 0;  // byte offset of the piece's first character in the source
  std::string text;
  bool ends_scalar = false;  // the closing quote is on this line
  // After each escape ("\t", "\u00e9", "''") the text and the file are out of step:
  // (offset in text, offset in the source) of the character that follows it.
  std::vector<std::pair<std::size_t, std::size_t>> escapes;
};

// Decodes a double-quoted line from `p`; returns the offset where reading stopped.
std::size_t read_double_quoted(std::string_view src, std::size_t p, Piece& piece) {
  std::size_t floor = 0;  // escaped characters are content: never trimmed
  while (p < src.size()) {
    char c = src[p];
    if (c == '"') {
      piece.ends_scalar = true;
      return p;
    }
    if (c == '\n') break;
    if (c != '\\') {
      piece.text += c;
      ++p;
      continue;
    }
    if (p + 1 >= src.size()) break;
    char e = src[p + 1];
    if (e == '\n' || e == '\r') {
      // An escaped line break joins the lines with nothing between them.
      floor = piece.text.size();
      p += e == '\r' && p + 2 < src.size() && src[p + 2] == '\n' ? 2 : 1;
      break;
    }
    p += 2;
    int digits = 0;
    switch (e) {
      case '0':
        piece.text += '\0';
        break;
      case 'a':
        piece.text += '\a';
        break;
      case 'b':
        piece.text += '\b';
        break;
      case 't':
      case '\t':
        piece.text += '\t';
        break;
      case 'n':
        piece.text += '\n';
        break;
      case 'v':
        piece.text += '\v';
        break;
      case 'f':
        piece.text += '\f';
        break;
      case 'r':
        piece.text += '\r';
        break;
      case 'e':
        piece.text += '\x1b';
        break;
      case 'N':
        append_utf8(piece.text, 0x85);
        break;
      case '_':
        append_utf8(piece.text, 0xA0);
        break;
      case 'L':
        append_utf8(piece.text, 0x2028);
        break;
      case 'P':
        append_utf8(piece.text, 0x2029);
        break;
      case 'x':
        digits = 2;
        break;
      case 'u':
        digits = 4;
        break;
      case 'U':
        digits = 8;
        break;
      default:
        piece.text += e;
        break;  // \" \\ \/ and a space
    }
    if (digits > 0) {
      std::uint32_t cp = 0;
      for (int i = 0; i < digits && p < src.size(); ++i, ++p) {
        int v = hex_value(src[p]);
        if (v < 0) break;
        cp = cp * 16 + static_cast<std::uint32_t>(v);
      }
      append_utf8(piece.text, cp);
    }
    floor = piece.text.size();
    piece.escapes.emplace_back(piece.text.size(), p);
  }
  trim_trailing_blanks(piece.text, floor);
  return p;
}

std::size_t read_single_quoted(std::string_view src, std::size_t p, Piece& piece) {
  while (p < src.size()) {
    char c = src[p];
    if (c == '\'') {
      if (p + 1 < src.size() && src[p + 1] == '\'') {
        piece.text += '\'';
        p += 2;
        piece.escapes.emplace_back(piece.text.size(), p);
        continue;
      }
      piece.ends_scalar = true;
      return p;
    }
    if (c == '\n') break;
    piece.text += c;
    ++p;
  }
  trim_trailing_blanks(piece.text, 0);
  return p;
}

std::size_t read_plain(std::string_view src, std::size_t p, Piece& piece) {
  std::size_t end = src.find('\n', p);
  if (end == std::string_view::npos) end = src.size();
  std::string_view line = src.substr(p, end - p);
  // A '#' after a blank starts a comment, which is not part of the scalar.
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && is_blank(line[i - 1])) {
      line = line.substr(0, i);
      break;
    }
  }
  if (line.starts_with('#')) line = {};
  piece.text.assign(line);
  trim_trailing_blanks(piece.text, 0);
  return end;
}

std::size_t read_block(std::string_view src, std::size_t p, Piece& piece) {
  std::size_t end = src.find('\n', p);
  if (end == std::string_view::npos) end = src.size();
  piece.text.assign(src.substr(p, end - p));
  if (!piece.text.empty() && piece.text.back() == '\r') piece.text.pop_back();
  return end;
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  std::size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

void add_escape_anchors(const Piece& piece, std::size_t at, std::size_t matched, Locator& locator,
                        std::vector<TextAnchor>& anchors) {
  for (const auto& [offset, source_offset] : piece.escapes) {
    if (offset == 0 || offset > matched) continue;
    anchors.push_back({static_cast<std::uint32_t>(at + offset), locator.at(source_offset)});
  }
}

}  // namespace

std::vector<TextAnchor> yaml_scalar_anchors(std::string_view source, Locator& locator,
                                            std::size_t start, YamlScalarForm form,
                                            std::string_view decoded) {
  std::vector<TextAnchor> anchors;
  const bool block = form == YamlScalarForm::literal || form == YamlScalarForm::folded;
  start = std::min(start, source.size());
  std::size_t p = start;
  std::size_t cursor = 0;
  Piece piece;

  if (block) {
    // The indicator line (`|`, `>-`, `|2 # comment`) holds no content.
    p = source.find('\n', start);
    p = p == std::string_view::npos ? source.size() : p + 1;
  } else {
    piece.begin = start;
    switch (form) {
      case YamlScalarForm::plain:
        p = read_plain(source, p, piece);
        break;
      case YamlScalarForm::single_quoted:
        p = read_single_quoted(source, p, piece);
        break;
      default:
        p = read_double_quoted(source, p, piece);
        break;
    }
    anchors.push_back({0, locator.at(start)});
    cursor = common_prefix(decoded, piece.text);
    add_escape_anchors(piece, 0, cursor, locator, anchors);
    if (piece.ends_scalar || cursor >= decoded.size() || p >= source.size()) return anchors;
    ++p;  // past the line break
  }

  std::size_t blank_lines = 0;
  while (p < source.size() && cursor < decoded.size()) {
    piece = Piece{};
    const std::size_t line_start = p;
    // Indentation is not content; in a block scalar only spaces indent (a tab is text).
    while (p < source.size() && (source[p] == ' ' || (!block && source[p] == '\t'))) ++p;
    piece.begin = p;
    switch (form) {
      case YamlScalarForm::plain:
        p = read_plain(source, p, piece);
        break;
      case YamlScalarForm::single_quoted:
        p = read_single_quoted(source, p, piece);
        break;
      case YamlScalarForm::double_quoted:
        p = read_double_quoted(source, p, piece);
        break;
      default:
        p = read_block(source, p, piece);
        break;
    }
    if (piece.text.empty()) {
      // Blank lines fold into line breaks of the decoded text; more of them than the
      // decoded text has characters left means the scalar has ended.
      if (piece.ends_scalar || ++blank_lines > decoded.size() - cursor + 1) break;
      ++p;
      continue;
    }
    blank_lines = 0;
    std::size_t d = cursor;
    while (d < decoded.size() && (decoded[d] == ' ' || decoded[d] == '\n')) ++d;
    std::size_t matched = common_prefix(decoded.substr(d), piece.text);
    if (matched == 0 || (matched < piece.text.size() && d + matched != decoded.size())) break;
    if (block) {
      // Spaces past the block's indentation are content: anchor the first of them.
      std::size_t k = 0;
      while (k < d - cursor && k < piece.begin - line_start && decoded[d - 1 - k] == ' ') ++k;
      d -= k;
      piece.begin -= k;
      matched += k;
    }
    SourcePos pos = locator.at(piece.begin);
    if (anchors.empty() && d != 0) anchors.push_back({0, pos});
    anchors.push_back({static_cast<std::uint32_t>(d), pos});
    add_escape_anchors(piece, d, matched, locator, anchors);
    cursor = d + matched;
    if (piece.ends_scalar) break;
    ++p;
  }
  if (anchors.empty()) anchors.push_back({0, locator.at(start)});
  return anchors;
}

}  // namespace basis::parser_detail
