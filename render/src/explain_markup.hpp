#pragma once
// Markdown text of an explanation's lines: plain text escaped so that it reads literally,
// statements' own Markdown with their inserted values escaped, raw HTML removed.
//
// For HTML, each traced value is wrapped in private-use markers (U+E000 index U+E001 value
// U+E002) that survive cmark-gfm as plain characters and are then replaced by the trace
// link; the markers never reach any output.

#include <string>
#include <string_view>

#include "basis/engine/explanation.hpp"
#include "explain_document.hpp"

namespace basis::explain {

inline constexpr std::string_view kMarkOpen = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kMarkMid = "\xEE\x80\x81";    // U+E001
inline constexpr std::string_view kMarkClose = "\xEE\x80\x82";  // U+E002

struct MarkdownOptions {
  bool markers = false;     // wrap traced values for HTML
  bool table_cell = false;  // one line, every pipe escaped (GFM splits cells first)
};

// Plain text as Markdown that shows exactly that text: control characters become spaces,
// punctuation Markdown would read as markup is backslash-escaped; `line_start` also
// escapes what would open a heading, list or quote at the start of a line.
std::string escape_markdown(std::string_view text, bool line_start);

// Removes raw HTML (tags, comments, processing instructions, declarations; the content
// of script, style, textarea and pre elements too) outside code spans and escapes.
std::string strip_raw_html(std::string_view markdown);

// An expression or identifier as a code span.
std::string code_span(std::string_view text);

std::string rich_markdown(const RichText& text, const Explanation& explanation,
                          MarkdownOptions options);
std::string line_markdown(const Line& line, const Explanation& explanation,
                          MarkdownOptions options);

// Text for HTML content or a quoted attribute value: & < > " ' as entities, control
// characters as spaces (a line break as &#10; with `keep_breaks`, for tooltips).
std::string escape_html(std::string_view text, bool keep_breaks = false);

// Text with the marker characters removed (they are reserved for the renderer).
std::string without_markers(std::string_view text);

}  // namespace basis::explain
