#pragma once
// The layout of an explanation shared by the Markdown, HTML and text renderings: which
// headings, paragraphs, lists, tables and charts each section shows, in order. Built once
// from the Explanation, so that the three formats cannot drift apart; each format only
// decides how a block looks.

#include <string>
#include <vector>

#include "basis/engine/explanation.hpp"

namespace basis::explain {

// A piece of inline content. Plain text is escaped by whoever turns it into Markdown;
// rich text is a statement's own Markdown with its values.
struct Inline {
  enum class Kind : std::uint8_t { text, strong, code, rich };
  Kind kind = Kind::text;
  std::string text;
  const RichText* rich = nullptr;
};
using Line = std::vector<Inline>;

Line plain(std::string text);
Line strong(std::string text);
Line rich(const RichText& text);

struct Table {
  std::vector<std::string> header;
  std::vector<bool> numeric;  // right-aligned columns
  std::vector<std::vector<Line>> rows;
  std::vector<std::string> row_ids;  // HTML anchors, empty or one per row
  std::vector<Line> footer;          // a bold total row; empty for none
};

// breakdown: direct cost by driver group; waterfall: the cost build-up; revision: the bridge
// from the previous revision's total (in the summary, after the bridge table).
enum class Chart : std::uint8_t { breakdown, waterfall, revision };

struct Block {
  enum class Kind : std::uint8_t { heading, paragraph, bullets, numbered, table, chart };
  Kind kind = Kind::paragraph;
  Line line;                // heading (level 3) and paragraph
  std::vector<Line> items;  // bullets, numbered
  Table table;
  Chart chart = Chart::breakdown;
};

struct DocSection {
  SectionKind kind = SectionKind::summary;
  std::string id;           // stable HTML id: "summary", "drivers", "drivers-2"
  std::string title;        // plain text
  bool page_break = false;  // starts a new page when printed
  std::vector<Block> blocks;
};

struct Document {
  std::string title;  // plain text
  Line facts;         // "Estimate SW-1 for Northwind Health"
  std::vector<DocSection> sections;
  bool has_trace_appendix = false;  // traced values can link to #t1, ...
};

// `with_charts` places the breakdown chart in the drivers section (else the summary, else
// the first section) and the waterfall in the build-up section (same fallbacks).
Document build_document(const Explanation& explanation, bool with_charts);

// The negotiation parts (explain_document_negotiation.cpp): the options taken (for the
// summary), the combinations within a budget (for the options section) and the concession
// plan (for the internal section). Each adds nothing when the explanation has none.
void add_taken_blocks(const Explanation& explanation, std::vector<Block>& blocks);
void add_budget_blocks(const Explanation& explanation, std::vector<Block>& blocks);
void add_concession_blocks(const Explanation& explanation, std::vector<Block>& blocks);

// The contributing items of a trace entry as read in a document: at most `limit` ids, then
// "and 1,230 more (<where>)". A sum over 10,000 lines would otherwise fill pages with ids
// no reader checks one by one; the JSON carries every id.
inline constexpr std::size_t kTraceItemsShown = 50;
std::string trace_items_text(const TraceEntry& entry, std::size_t limit = kTraceItemsShown,
                             std::string_view where = "all in the JSON rendering");

// The HTML id of trace entry `index` ("t3"), or "" when the index is out of range.
std::string trace_anchor(const Explanation& explanation, int index);

}  // namespace basis::explain
