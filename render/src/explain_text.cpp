// Plain-text explanation for e-mail or a terminal: every line within the width in terminal
// columns, tables aligned (or, when too wide, one record per row), Markdown markers
// removed: **bold** reads as bold, list items keep "- " or "1. ".

#include <algorithm>
#include <string>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "basis/core/text.hpp"
#include "basis/render/explanation.hpp"
#include "explain_cmark.hpp"
#include "explain_document.hpp"
#include "explain_markup.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

using explain::Block;
using explain::Line;
using layout::width;
using Lines = std::vector<std::string>;

constexpr std::size_t kGap = 2;
constexpr std::size_t kNarrowest = 8;  // a wrapped column never gets narrower

std::string rtrim(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// Control characters to spaces, runs of spaces to one, no spaces at either end.
std::string collapse(std::string_view text) {
  return collapse_whitespace(layout::one_line(text));
}

struct TextTable {
  std::vector<std::string> header;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> footer;
};

Lines wrap_cell(const std::string& text, std::size_t columns) {
  return text.empty() ? Lines{""} : layout::wrap(text, columns);
}

// Each row as a record: its first cell, then "header: value" lines.
Lines layout_records(const TextTable& t, std::size_t columns) {
  Lines out;
  std::vector<const std::vector<std::string>*> rows;
  for (const auto& row : t.rows) rows.push_back(&row);
  if (!t.footer.empty()) rows.push_back(&t.footer);
  for (const std::vector<std::string>* row : rows) {
    if (!out.empty()) out.push_back("");
    const std::string first = row->empty() ? "" : (*row)[0];
    for (const std::string& line : wrap_cell(first, columns)) out.push_back(line);
    for (std::size_t i = 1; i < t.header.size() && i < row->size(); ++i) {
      if ((*row)[i].empty()) continue;
      const std::string text = t.header[i] + ": " + (*row)[i];
      bool first_line = true;
      for (const std::string& line : wrap_cell(text, columns > 6 ? columns - 4 : 2)) {
        out.push_back((first_line ? "  " : "    ") + line);
        first_line = false;
      }
    }
  }
  return out;
}

Lines layout_table(const TextTable& t, std::size_t columns) {
  const std::size_t n = t.header.size();
  if (n == 0) return {};
  std::vector<std::size_t> w(n, 0);
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < n && i < row.size(); ++i) w[i] = std::max(w[i], width(row[i]));
  };
  measure(t.header);
  for (const auto& row : t.rows) measure(row);
  measure(t.footer);
  const auto total = [&] {
    std::size_t sum = kGap * (n - 1);
    for (std::size_t x : w) sum += x;
    return sum;
  };
  // Narrow the widest text column a character at a time (so that wide columns give up room
  // first and evenly) until the table fits. A column narrower than its longest word would
  // cut words: then one record per row reads better.
  std::vector<std::size_t> longest_word(n, 0);
  const auto words = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < n && i < row.size(); ++i) {
      std::size_t start = 0;
      while (start <= row[i].size()) {
        std::size_t end = row[i].find(' ', start);
        if (end == std::string::npos) end = row[i].size();
        longest_word[i] =
            std::max(longest_word[i], width(std::string_view(row[i]).substr(start, end - start)));
        start = end + 1;
      }
    }
  };
  words(t.header);
  for (const auto& row : t.rows) words(row);
  words(t.footer);
  while (total() > columns) {
    std::size_t widest = n;
    for (std::size_t i = 0; i < n; ++i) {
      const bool is_numeric = i < t.numeric.size() && t.numeric[i];
      if (is_numeric || w[i] <= std::max(longest_word[i], kNarrowest)) continue;
      if (widest == n || w[i] > w[widest]) widest = i;
    }
    if (widest == n) return layout_records(t, columns);
    --w[widest];
  }

  Lines out;
  const auto emit = [&](const std::vector<std::string>& row) {
    std::vector<Lines> cells(n);
    std::size_t height = 1;
    for (std::size_t i = 0; i < n; ++i) {
      cells[i] = wrap_cell(i < row.size() ? row[i] : "", w[i]);
      height = std::max(height, cells[i].size());
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::string line;
      for (std::size_t i = 0; i < n; ++i) {
        const std::string& text = k < cells[i].size() ? cells[i][k] : std::string();
        if (i > 0) line += std::string(kGap, ' ');
        const bool is_numeric = i < t.numeric.size() && t.numeric[i];
        line += is_numeric ? layout::pad_left(text, w[i]) : layout::pad_right(text, w[i]);
      }
      out.push_back(rtrim(line));
    }
  };
  emit(t.header);
  out.push_back(std::string(total(), '-'));
  for (const auto& row : t.rows) emit(row);
  if (!t.footer.empty()) {
    out.push_back(std::string(total(), '-'));
    emit(t.footer);
  }
  return out;
}

// The text of a node's inline content; hard line breaks stay as '\n'.
void collect_inlines(cmark_node* node, std::string& out) {
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
       child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(child)) out += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
        out += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      case CMARK_NODE_HTML_INLINE:
        break;
      default:
        collect_inlines(child, out);
        break;
    }
  }
}

// All the text under a node on one line (for table cells and headings).
void collect_flat(cmark_node* node, std::string& out) {
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
       child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        if (const char* literal = cmark_node_get_literal(child)) out += literal;
        break;
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_HTML_BLOCK:
        break;
      default:
        collect_flat(child, out);
        out += ' ';
        break;
    }
  }
}

std::string type_name(cmark_node* node) {
  const char* name = cmark_node_get_type_string(node);
  return name != nullptr ? name : "";
}

class TextWriter {
 public:
  explicit TextWriter(std::size_t columns) : columns_(columns) {}

  // The blocks under `parent`, the first line prefixed by `first`, the others by `rest`.
  void blocks(cmark_node* parent, std::string first, const std::string& rest, bool tight,
              Lines& out) const {
    bool started = false;
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      const std::size_t before = out.size();
      if (started && !tight) out.push_back(rtrim(rest));
      const std::size_t mark = out.size();
      block(node, started ? rest : first, rest, out);
      if (out.size() == mark) {
        out.resize(before);  // nothing shown (raw HTML): no blank line for it either
        continue;
      }
      started = true;
    }
  }

 private:
  std::size_t room(const std::string& prefix) const {
    const std::size_t used = width(prefix);
    return used + 10 < columns_ ? columns_ - used : 10;
  }

  void wrapped(const std::string& text, const std::string& first, const std::string& rest,
               Lines& out) const {
    std::string prefix = first;
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = text.find('\n', start);
      const std::string segment =
          collapse(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (!segment.empty()) {
        for (const std::string& line : layout::wrap(segment, room(prefix))) {
          out.push_back(rtrim(prefix + line));
          prefix = rest;
        }
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }

  void block(cmark_node* node, const std::string& first, const std::string& rest,
             Lines& out) const {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING: {
        std::string text;
        collect_inlines(node, text);
        wrapped(text, first, rest, out);
        return;
      }
      case CMARK_NODE_LIST: {
        const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        const bool tight = cmark_node_get_list_tight(node) != 0;
        int number = cmark_node_get_list_start(node);
        std::string prefix = first;
        for (cmark_node* item = cmark_node_first_child(node); item != nullptr;
             item = cmark_node_next(item)) {
          if (prefix == rest && !tight) out.push_back(rtrim(rest));
          const std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
          blocks(item, prefix + marker, rest + std::string(marker.size(), ' '), tight, out);
          prefix = rest;
        }
        return;
      }
      case CMARK_NODE_BLOCK_QUOTE:
        blocks(node, first + "> ", rest + "> ", false, out);
        return;
      case CMARK_NODE_CODE_BLOCK: {
        const char* literal = cmark_node_get_literal(node);
        std::string code = literal != nullptr ? literal : "";
        if (!code.empty() && code.back() == '\n') code.pop_back();
        std::string prefix = first;
        std::size_t start = 0;
        for (;;) {
          const std::size_t end = code.find('\n', start);
          std::string line = layout::one_line(
              code.substr(start, end == std::string::npos ? std::string::npos : end - start));
          const std::size_t fit = room(prefix + "    ");
          do {
            const std::size_t cut = layout::prefix_bytes(line, fit);
            out.push_back(rtrim(prefix + "    " + line.substr(0, cut)));
            line.erase(0, cut);
            prefix = rest;
          } while (!line.empty());
          if (end == std::string::npos) break;
          start = end + 1;
        }
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK:
        out.push_back(first + std::string(std::min<std::size_t>(room(first), 20), '-'));
        return;
      case CMARK_NODE_HTML_BLOCK:
        return;
      default:
        break;
    }
    if (type_name(node) == "table") {
      TextTable t;
      const uint8_t* align = cmark_gfm_extensions_get_table_alignments(node);
      const std::size_t count = cmark_gfm_extensions_get_table_columns(node);
      for (std::size_t i = 0; i < count; ++i)
        t.numeric.push_back(align != nullptr && align[i] == 'r');
      for (cmark_node* row = cmark_node_first_child(node); row != nullptr;
           row = cmark_node_next(row)) {
        std::vector<std::string> cells;
        for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr;
             cell = cmark_node_next(cell)) {
          std::string text;
          collect_flat(cell, text);
          cells.push_back(collapse(text));
        }
        if (t.header.empty()) {
          t.header = std::move(cells);
        } else {
          t.rows.push_back(std::move(cells));
        }
      }
      std::string prefix = first;
      for (const std::string& line : layout_table(t, room(first))) {
        out.push_back(rtrim(prefix + line));
        prefix = rest;
      }
      return;
    }
    std::string text;
    collect_flat(node, text);
    wrapped(text, first, rest, out);
  }

  std::size_t columns_;
};

struct DocumentWriter {
  const Explanation& e;
  std::size_t columns;

  Lines markdown(const std::string& md, const std::string& first, const std::string& rest) const {
    const explain::MarkdownTree tree(md);
    Lines out;
    TextWriter(columns).blocks(tree.root(), first, rest, false, out);
    return out;
  }

  std::string flat(const Line& line) const {
    const explain::MarkdownTree tree(explain::line_markdown(line, e, {}));
    std::string text;
    collect_flat(tree.root(), text);
    return collapse(text);
  }

  Lines block(const Block& b) const {
    switch (b.kind) {
      case Block::Kind::heading:
        return layout::wrap(flat(b.line), columns);
      case Block::Kind::paragraph:
        return markdown(explain::line_markdown(b.line, e, {}), "", "");
      case Block::Kind::bullets:
      case Block::Kind::numbered: {
        Lines out;
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          const std::string marker =
              b.kind == Block::Kind::bullets ? "- " : std::to_string(i + 1) + ". ";
          Lines item = markdown(explain::line_markdown(b.items[i], e, {}), marker,
                                std::string(marker.size(), ' '));
          if (item.empty()) item.push_back(rtrim(marker));
          out.insert(out.end(), item.begin(), item.end());
        }
        return out;
      }
      case Block::Kind::table: {
        TextTable t;
        for (const std::string& h : b.table.header) t.header.push_back(collapse(h));
        t.numeric = b.table.numeric;
        for (const std::vector<Line>& row : b.table.rows) {
          std::vector<std::string> cells;
          for (const Line& cell : row) cells.push_back(flat(cell));
          t.rows.push_back(std::move(cells));
        }
        for (const Line& cell : b.table.footer) t.footer.push_back(flat(cell));
        return layout_table(t, columns);
      }
      case Block::Kind::chart:
        return {};
    }
    return {};
  }

  static void underline(Lines& out, const Lines& title, char c) {
    std::size_t w = 0;
    for (const std::string& line : title) w = std::max(w, width(line));
    out.insert(out.end(), title.begin(), title.end());
    out.push_back(std::string(w, c));
  }

  std::string render() const {
    const explain::Document doc = explain::build_document(e, false);
    Lines out;
    underline(out, layout::wrap(collapse(doc.title), columns), '=');
    if (!doc.facts.empty()) {
      out.push_back("");
      for (const std::string& line : layout::wrap(flat(doc.facts), columns)) out.push_back(line);
    }
    for (const explain::DocSection& section : doc.sections) {
      out.push_back("");
      out.push_back("");
      underline(out, layout::wrap(collapse(section.title), columns), '-');
      for (const Block& b : section.blocks) {
        Lines lines = block(b);
        if (lines.empty()) continue;
        out.push_back("");
        out.insert(out.end(), lines.begin(), lines.end());
      }
    }
    std::string text;
    for (const std::string& line : out) text += line + '\n';
    return text;
  }
};

}  // namespace

std::string render_text(const Explanation& explanation, int width) {
  const std::size_t columns = static_cast<std::size_t>(std::max(width, 20));
  return DocumentWriter{explanation, columns}.render();
}

std::string render_plain_text(const Explanation& explanation) {
  // Wide enough that no word is cut; the line breaks then go with the whitespace.
  return collapse_whitespace(render_text(explanation, 1 << 20));
}

}  // namespace basis
