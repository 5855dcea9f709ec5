// GitHub-flavoured Markdown explanation: headings, paragraphs, lists and GFM tables, no
// HTML, clean enough to paste into a proposal.

#include <string>

#include "basis/render/explanation.hpp"
#include "explain_document.hpp"
#include "explain_markup.hpp"

namespace basis {

namespace {

using explain::Block;
using explain::Line;

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Continuation lines of a list item are indented under its text.
std::string list_item(const std::string& marker, const std::string& body) {
  std::string out = marker;
  const std::string indent(marker.size(), ' ');
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == '\n' && i + 1 < body.size() && body[i + 1] != '\n') out += indent;
  }
  return out;
}

struct MarkdownWriter {
  const Explanation& e;

  std::string text(const Line& line) const { return trim(explain::line_markdown(line, e, {})); }
  std::string cell(const Line& line) const {
    const std::string out = trim(explain::line_markdown(line, e, {false, true}));
    return out.empty() ? " " : out;
  }
  static std::string header_cell(const std::string& text) {
    return explain::escape_markdown(text, false);
  }

  std::string table(const explain::Table& t) const {
    std::string out = "|";
    for (const std::string& h : t.header) out += " " + header_cell(h) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      out += i < t.numeric.size() && t.numeric[i] ? "---:|" : ":---|";
    }
    out += "\n";
    for (const std::vector<Line>& row : t.rows) {
      out += "|";
      for (std::size_t i = 0; i < t.header.size(); ++i) {
        out += " " + (i < row.size() ? cell(row[i]) : std::string(" ")) + " |";
      }
      out += "\n";
    }
    if (!t.footer.empty()) {
      out += "|";
      for (std::size_t i = 0; i < t.header.size(); ++i) {
        out += " " + (i < t.footer.size() ? cell(t.footer[i]) : std::string(" ")) + " |";
      }
      out += "\n";
    }
    out.pop_back();
    return out;
  }

  std::string block(const Block& b) const {
    switch (b.kind) {
      case Block::Kind::heading: {
        std::string title = explain::line_markdown(b.line, e, {false, true});
        return "### " + trim(title);
      }
      case Block::Kind::paragraph:
        return text(b.line);
      case Block::Kind::bullets:
      case Block::Kind::numbered: {
        std::string out;
        for (std::size_t i = 0; i < b.items.size(); ++i) {
          const std::string marker =
              b.kind == Block::Kind::bullets ? "- " : std::to_string(i + 1) + ". ";
          if (!out.empty()) out += "\n";
          out += list_item(marker, text(b.items[i]));
        }
        return out;
      }
      case Block::Kind::table:
        return table(b.table);
      case Block::Kind::chart:
        return "";  // the tables beside the charts carry the same figures
    }
    return "";
  }
};

}  // namespace

std::string render_markdown(const Explanation& explanation) {
  const explain::Document doc = explain::build_document(explanation, false);
  const MarkdownWriter writer{explanation};
  std::string out = "# " + explain::escape_markdown(doc.title, false) + "\n";
  if (!doc.facts.empty()) out += "\n" + writer.text(doc.facts) + "\n";
  for (const explain::DocSection& section : doc.sections) {
    out += "\n## " + explain::escape_markdown(section.title, false) + "\n";
    for (const Block& b : section.blocks) {
      const std::string text = writer.block(b);
      if (!text.empty()) out += "\n" + text + "\n";
    }
  }
  return out;
}

}  // namespace basis
