// Self-contained HTML explanation: inline CSS, inline SVG charts, no script, no reference
// to anything outside the file. Statements go through cmark-gfm with their values wrapped
// in markers, which then become the trace tooltips and links (see explain_markup.hpp).

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "basis/render/explanation.hpp"
#include "explain_cmark.hpp"
#include "explain_document.hpp"
#include "explain_markup.hpp"
#include "explain_svg.hpp"

namespace basis {

namespace {

using explain::Block;
using explain::Line;

constexpr const char* kStyle = R"css(
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6673; --rule: #d5dbe1; --soft: #f3f5f7; }
* { box-sizing: border-box; }
html { font-size: 16px; -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.4rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; line-height: 1.35; margin: 1.4rem 0 .4rem; }
p, ul, ol, blockquote, pre { margin: 0 0 .8rem; }
ul, ol { padding-left: 1.4rem; }
li { margin: .15rem 0; }
li > p { margin: 0; }
.facts { color: var(--muted); margin: 0; }
.table { overflow-x: auto; margin: .4rem 0 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--rule); }
thead th { font-weight: 600; border-bottom: 2px solid var(--ink); }
th.num, td.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); border-bottom: none; }
td p { margin: 0; }
tr:target { background: #fff4cc; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: .86em; background: var(--soft); padding: .05em .3em; border-radius: 3px; }
pre { background: var(--soft); padding: .6rem .8rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { border-left: 3px solid var(--rule); padding-left: .9rem; color: var(--muted); }
.traced { cursor: help; }
.traced a { color: inherit; text-decoration: underline dotted var(--muted); text-underline-offset: .2em; }
figure.chart { margin: 1rem 0 1.4rem; }
figure.chart figcaption { font-size: .9rem; color: var(--muted); margin-bottom: .3rem; }
svg.chart { display: block; width: 100%; max-width: 45rem; height: auto; }
svg.chart text { font-family: inherit; font-size: 12px; }
#trace table { font-size: .8rem; }
@page { margin: 16mm 14mm; }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section.page-break { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, figure, svg, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  .traced a { text-decoration: none; }
}
)css";

// The tooltip of a traced value: what it is, how it was computed, by which rule, where.
// With a trace appendix to link to, a hover lists at most kTitleItems contributing items:
// a sum over 10,000 lines would otherwise repeat its whole id list at every use.
constexpr std::size_t kTitleItems = 20;

std::string trace_title(const TraceEntry& t, bool appendix) {
  std::string out = t.shown;
  if (!t.expression.empty()) out += "\n= " + t.expression;
  std::string where = t.file;
  if (t.pos.known()) {
    where += ":" + std::to_string(t.pos.line) + ":" + std::to_string(t.pos.column);
  }
  if (!t.rule_id.empty() || !where.empty()) {
    out += "\nrule " + (t.rule_id.empty() ? std::string("?") : t.rule_id);
    if (!where.empty()) out += ", " + where;
  }
  if (!t.items.empty()) {
    // The appendix names up to kTraceItemsShown items; beyond that only the JSON has them.
    const bool in_appendix = appendix && t.items.size() <= explain::kTraceItemsShown;
    out += "\nitems: " + explain::trace_items_text(
                             t, appendix ? kTitleItems : explain::kTraceItemsShown,
                             in_appendix ? "see the trace appendix" : "all in the JSON rendering");
  }
  return explain::escape_html(out, true);
}

// Replaces the value markers cmark passed through with the trace span (and link). Markers
// that ended up inside a tag (a value in a code fence's info string) are dropped, and every
// span opened is closed.
std::string link_traces(const std::string& html, const Explanation& e, bool link) {
  std::string out;
  out.reserve(html.size() + 256);
  std::vector<bool> open;  // one per span opened: whether it holds a link
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size();) {
    const std::string_view rest = std::string_view(html).substr(i);
    if (rest.starts_with(explain::kMarkOpen)) {
      std::size_t j = i + explain::kMarkOpen.size();
      int index = 0;
      bool digits = false;
      while (j < html.size() && html[j] >= '0' && html[j] <= '9' && index < 100000000) {
        index = index * 10 + (html[j] - '0');
        digits = true;
        ++j;
      }
      const bool well_formed =
          digits && std::string_view(html).substr(j).starts_with(explain::kMarkMid);
      if (well_formed) j += explain::kMarkMid.size();
      if (well_formed && !in_tag) {
        const std::string anchor = explain::trace_anchor(e, index);
        out += "<span class=\"traced\"";
        if (!anchor.empty()) out += " title=\"" + trace_title(e.trace[index], link) + "\"";
        out += ">";
        const bool linked = link && !anchor.empty();
        if (linked) out += "<a href=\"#" + anchor + "\">";
        open.push_back(linked);
      }
      i = well_formed ? j : i + explain::kMarkOpen.size();
      continue;
    }
    if (rest.starts_with(explain::kMarkClose)) {
      if (!in_tag && !open.empty()) {
        out += open.back() ? "</a></span>" : "</span>";
        open.pop_back();
      }
      i += explain::kMarkClose.size();
      continue;
    }
    if (rest.starts_with(explain::kMarkMid)) {
      i += explain::kMarkMid.size();
      continue;
    }
    if (html[i] == '<') in_tag = true;
    if (html[i] == '>') in_tag = false;
    out += html[i++];
  }
  for (; !open.empty(); open.pop_back()) out += open.back() ? "</a></span>" : "</span>";
  return out;
}

std::string trim_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

struct HtmlWriter {
  const Explanation& e;
  const explain::Document& doc;

  // Block HTML of a line: paragraphs, lists, tables as the statement's Markdown says.
  std::string blocks(const Line& line, bool one_line = false) const {
    const std::string md = explain::line_markdown(line, e, {true, one_line});
    const explain::MarkdownTree tree(md);
    return trim_newlines(link_traces(tree.html(), e, doc.has_trace_appendix));
  }

  // Inline HTML of a line: a single paragraph loses its <p>.
  std::string inline_html(const Line& line, bool one_line = false) const {
    if (auto html = plain_inline_html(line)) return *html;
    std::string html = blocks(line, one_line);
    if (html.starts_with("<p>") && html.ends_with("</p>") &&
        html.find("<p>", 3) == std::string::npos) {
      html = html.substr(3, html.size() - 7);
    }
    return html;
  }

  // A line with no statement Markdown in it (most table cells: ids, names, amounts) needs
  // no Markdown parser: its text only has to be escaped. A 10,000-row table would
  // otherwise parse 50,000 one-word documents. Anything cmark could read differently
  // (surrounding spaces, control characters, empty emphasis) takes the general path.
  static std::optional<std::string> plain_inline_html(const Line& line) {
    // Escaped as cmark escapes text, so that both paths write the same bytes.
    const auto escape = [](std::string_view text) {
      std::string html = explain::escape_html(text);
      for (std::size_t at = html.find("&#39;"); at != std::string::npos;
           at = html.find("&#39;", at + 1)) {
        html.replace(at, 5, "'");
      }
      return html;
    };
    std::string out;
    for (const explain::Inline& piece : line) {
      const std::string_view text = piece.text;
      for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
      }
      switch (piece.kind) {
        case explain::Inline::Kind::text:
          out += escape(text);
          break;
        case explain::Inline::Kind::strong:
        case explain::Inline::Kind::code:
          if (text.empty() || text.front() == ' ' || text.back() == ' ') return std::nullopt;
          out += piece.kind == explain::Inline::Kind::strong ? "<strong>" : "<code>";
          out += escape(text);
          out += piece.kind == explain::Inline::Kind::strong ? "</strong>" : "</code>";
          break;
        case explain::Inline::Kind::rich:
          return std::nullopt;
      }
    }
    if (!out.empty() && (out.front() == ' ' || out.back() == ' ')) return std::nullopt;
    return out;
  }

  std::string table(const explain::Table& t) const {
    const auto cls = [&](std::size_t i) {
      return i < t.numeric.size() && t.numeric[i] ? std::string(" class=\"num\"") : std::string();
    };
    std::string out = "<div class=\"table\">\n<table>\n<thead>\n<tr>";
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      out += "<th scope=\"col\"" + cls(i) + ">" + explain::escape_html(t.header[i]) + "</th>";
    }
    out += "</tr>\n</thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      out += "<tr";
      if (r < t.row_ids.size() && !t.row_ids[r].empty()) out += " id=\"" + t.row_ids[r] + "\"";
      out += ">";
      for (std::size_t i = 0; i < t.header.size(); ++i) {
        out += "<td" + cls(i) + ">";
        if (i < t.rows[r].size()) out += inline_html(t.rows[r][i]);
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n";
    if (!t.footer.empty()) {
      out += "<tfoot>\n<tr>";
      for (std::size_t i = 0; i < t.header.size(); ++i) {
        out += "<td" + cls(i) + ">";
        if (i < t.footer.size()) out += inline_html(t.footer[i]);
        out += "</td>";
      }
      out += "</tr>\n</tfoot>\n";
    }
    return out + "</table>\n</div>";
  }

  std::string chart(explain::Chart which) const {
    if (which == explain::Chart::revision) {
      const std::string svg = explain::revision_svg(e);
      if (svg.empty() || !e.previous) return "";
      const std::string from =
          e.previous->label.empty() ? "the previous version" : e.previous->label;
      const std::string to =
          e.previous->current_label.empty() ? "this version" : e.previous->current_label;
      return "<figure class=\"chart\">\n<figcaption>" +
             explain::escape_html("From the total of " + from + " to the total of " + to) +
             "</figcaption>\n" + svg + "\n</figure>";
    }
    const bool breakdown = which == explain::Chart::breakdown;
    const std::string svg = breakdown ? explain::breakdown_svg(e) : explain::waterfall_svg(e);
    if (svg.empty()) return "";
    const std::string caption =
        breakdown ? "Direct cost by " + (e.drivers_by.empty() ? std::string("group") : e.drivers_by)
                  : std::string("From direct cost to total");
    return "<figure class=\"chart\">\n<figcaption>" + explain::escape_html(caption) +
           "</figcaption>\n" + svg + "\n</figure>";
  }

  std::string block(const Block& b) const {
    switch (b.kind) {
      case Block::Kind::heading:
        return "<h3>" + inline_html(b.line, true) + "</h3>";
      case Block::Kind::paragraph:
        return blocks(b.line);
      case Block::Kind::bullets:
      case Block::Kind::numbered: {
        const std::string tag = b.kind == Block::Kind::bullets ? "ul" : "ol";
        std::string out = "<" + tag + ">\n";
        for (const Line& item : b.items) out += "<li>" + inline_html(item) + "</li>\n";
        return out + "</" + tag + ">";
      }
      case Block::Kind::table:
        return table(b.table);
      case Block::Kind::chart:
        return chart(b.chart);
    }
    return "";
  }

  std::string render() const {
    std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + explain::escape_html(doc.title) + "</title>\n";
    out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
    out += "<header>\n<h1>" + explain::escape_html(doc.title) + "</h1>\n";
    if (!doc.facts.empty()) out += "<p class=\"facts\">" + inline_html(doc.facts) + "</p>\n";
    out += "</header>\n";
    for (const explain::DocSection& section : doc.sections) {
      out += "<section id=\"" + section.id + "\" class=\"" +
             std::string(section_kind_name(section.kind)) +
             (section.page_break ? " page-break" : "") + "\" aria-labelledby=\"" + section.id +
             "-heading\">\n";
      out += "<h2 id=\"" + section.id + "-heading\">" + explain::escape_html(section.title) +
             "</h2>\n";
      for (const Block& b : section.blocks) {
        const std::string html = block(b);
        if (!html.empty()) out += html + "\n";
      }
      out += "</section>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
  }
};

}  // namespace

std::string render_html(const Explanation& explanation) {
  const explain::Document doc = explain::build_document(explanation, true);
  return HtmlWriter{explanation, doc}.render();
}

}  // namespace basis
