#pragma once
// Renderings of an Explanation. They only format what the engine built: sections in the
// order of Explanation::sections, figures as their `shown` text, statements as their
// Markdown with inserted values escaped for the output format. Nothing is evaluated,
// added or left out here, so every format tells the same facts. The same Explanation
// always gives the same bytes.

#include <string>

#include "basis/engine/explanation.hpp"

namespace basis {

// GitHub-flavoured Markdown, clean enough to paste into a proposal: headings, GFM tables
// with escaped cells, no HTML (raw HTML in templates is dropped).
std::string render_markdown(const Explanation& explanation);

// One self-contained HTML file: inline CSS (print-ready) and two inline SVG charts (the
// breakdown by driver group and the waterfall from direct cost to total), no scripts and
// no external references. Each traced number shows its trace on hover and links to its
// entry in the trace appendix when the explanation has one.
std::string render_html(const Explanation& explanation);

// Plain text for e-mail or a terminal: word-wrapped to `width` terminal columns (at least
// 20), tables aligned, Markdown markers removed.
std::string render_text(const Explanation& explanation, int width = 80);

// The text with every run of whitespace collapsed to one space, for rule tests that look
// for a sentence wherever lines happen to wrap.
std::string render_plain_text(const Explanation& explanation);

// The structure itself as JSON with a fixed key order: figures as {"exact", "shown"},
// enums as lowercase names. Described by explanation_json_schema().
std::string render_json(const Explanation& explanation);

// JSON Schema (draft 2020-12) of what render_json emits (`basis schema explanation`).
std::string explanation_json_schema();

}  // namespace basis
