// load_csv: one map per data row keyed by the header, positions as {row, column} where
// the header is row 1 and columns count fields (the spec's CSV error places).

#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "basis/parser/csv.hpp"
#include "basis/parser/document.hpp"

namespace basis {
namespace {

using ::testing::HasSubstr;

struct Loaded {
  std::optional<Document> doc;
  Diagnostics diags;
};

Loaded load(std::string text, const LoadLimits& limits = {}) {
  Loaded out;
  auto source = std::make_shared<const SourceText>("items.csv", std::move(text));
  out.doc = load_csv(source, out.diags, limits);
  return out;
}

SourcePos at(std::uint32_t row, std::uint32_t column) {
  return SourcePos{row, column};
}

const Diagnostic& only_error(const Loaded& l) {
  EXPECT_EQ(l.diags.items().size(), 1u) << format_diagnostics(l.diags);
  static const Diagnostic none;
  return l.diags.items().empty() ? none : l.diags.items().front();
}

NodeId row(const Document& doc, std::size_t i) {
  return doc.node(doc.root).children.at(i);
}

std::string cell(const Document& doc, std::size_t i, std::string_view column) {
  NodeId id = doc.find(row(doc, i), column);
  return id == kNoNode ? "<absent>" : doc.node(id).text;
}

TEST(CsvLoader, RowsAreMapsKeyedByTheHeader) {
  Loaded l = load(
      "id,name,hours,rate\n"
      "DEV-01,Portal front end,320,engineer\n"
      "QA-01,Regression suite,,qa\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_TRUE(l.diags.empty());
  const Document& doc = *l.doc;
  EXPECT_EQ(doc.node(doc.root).kind, NodeKind::sequence);
  EXPECT_EQ(doc.node(doc.root).pos, at(1, 1));
  ASSERT_EQ(doc.node(doc.root).children.size(), 2u);
  EXPECT_EQ(doc.node(row(doc, 0)).kind, NodeKind::map);
  EXPECT_EQ(doc.node(row(doc, 0)).pos, at(2, 1));
  EXPECT_EQ(cell(doc, 0, "name"), "Portal front end");
  EXPECT_EQ(cell(doc, 0, "hours"), "320");
  const Node& hours = doc.node(doc.find(row(doc, 0), "hours"));
  EXPECT_EQ(hours.style, ScalarStyle::csv_cell);
  EXPECT_EQ(hours.pos, at(2, 3));
  EXPECT_TRUE(hours.anchors.empty());
  // An empty cell is absent, not an empty text.
  EXPECT_EQ(cell(doc, 1, "hours"), "<absent>");
  EXPECT_EQ(doc.map_size(row(doc, 1)), 3u);
  EXPECT_EQ(doc.node(doc.find(row(doc, 1), "rate")).pos, at(3, 4));
  // Keys are the header cells, at row 1, shared by every row.
  NodeId key = doc.map_key(row(doc, 1), 2);
  EXPECT_EQ(doc.node(key).text, "rate");
  EXPECT_EQ(doc.node(key).pos, at(1, 4));
  EXPECT_EQ(key, doc.map_key(row(doc, 0), 3));
  EXPECT_FALSE(doc.has_aliases);
}

TEST(CsvLoader, QuotingByteOrderMarkAndCrLf) {
  Loaded l = load(
      "\xEF\xBB\xBFid,name,amount\r\n"
      "A1, Front end ,\"$1,234.50\"\r\n"
      "A2,\"two\r\nlines, \"\"quoted\"\"\",  \" kept \" \r\n"
      "A3,last,-$350.00\r\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Document& doc = *l.doc;
  ASSERT_EQ(doc.node(doc.root).children.size(), 3u);
  EXPECT_EQ(doc.node(doc.map_key(row(doc, 0), 0)).text, "id");  // no byte-order mark
  EXPECT_EQ(cell(doc, 0, "name"), "Front end");                 // unquoted cells are trimmed
  EXPECT_EQ(cell(doc, 0, "amount"), "$1,234.50");
  EXPECT_EQ(cell(doc, 1, "name"), "two\nlines, \"quoted\"");
  EXPECT_EQ(cell(doc, 1, "amount"), " kept ");
  // A quoted line break does not start a row: A3 is the spreadsheet's row 4.
  EXPECT_EQ(doc.node(row(doc, 2)).pos, at(4, 1));
  EXPECT_EQ(doc.node(doc.find(row(doc, 2), "amount")).pos, at(4, 3));
  EXPECT_EQ(cell(doc, 2, "amount"), "-$350.00");
}

TEST(CsvLoader, BlankRowsAreSkippedButCounted) {
  Loaded l = load("id,hours\n\nA,1\n,\nB,2\n\n\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  ASSERT_EQ(l.doc->node(l.doc->root).children.size(), 2u);
  EXPECT_EQ(l.doc->node(row(*l.doc, 0)).pos, at(3, 1));
  EXPECT_EQ(l.doc->node(row(*l.doc, 1)).pos, at(5, 1));
  EXPECT_TRUE(l.diags.empty());
}

TEST(CsvLoader, ShortRowsLackTheMissingCells) {
  Loaded l = load("id,name,hours\nA,first\nB\n");
  ASSERT_TRUE(l.doc);
  EXPECT_TRUE(l.diags.empty());
  EXPECT_EQ(l.doc->map_size(row(*l.doc, 0)), 2u);
  EXPECT_EQ(cell(*l.doc, 0, "hours"), "<absent>");
  EXPECT_EQ(l.doc->map_size(row(*l.doc, 1)), 1u);
}

TEST(CsvLoader, ExtraCellsAreAnErrorNamingTheRow) {
  Loaded l = load("id,name,hours\nA,a,1\nB,b,2,surprise\nC,c,3,,\n");
  ASSERT_TRUE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "row 3 has a cell in column 4, but the header names only 3 columns");
  EXPECT_EQ(d.pos, at(3, 4));
  EXPECT_EQ(d.file, "items.csv");
  // Empty cells past the header (spreadsheets export them) are not an error.
  EXPECT_EQ(l.doc->node(l.doc->root).children.size(), 3u);
  EXPECT_EQ(cell(*l.doc, 1, "hours"), "2");
}

TEST(CsvLoader, HeaderNamesMustBePresentAndUnique) {
  Loaded l = load("id,,hours,id\nA,x,1,B\n");
  ASSERT_TRUE(l.doc);
  ASSERT_EQ(l.diags.items().size(), 2u) << format_diagnostics(l.diags);
  const Diagnostic& empty = l.diags.items()[0];
  EXPECT_EQ(empty.pos, at(1, 2));
  EXPECT_EQ(empty.message, "column 2 has no name in the header row: name it, or delete the column");
  const Diagnostic& dup = l.diags.items()[1];
  EXPECT_EQ(dup.message, "duplicate column 'id'");
  EXPECT_EQ(dup.pos, at(1, 4));
  ASSERT_EQ(dup.notes.size(), 1u);
  EXPECT_EQ(dup.notes[0].pos, at(1, 1));
  EXPECT_EQ(dup.notes[0].message, "first defined here");
  // The unnamed and repeated columns are not read: keys stay unique.
  EXPECT_EQ(l.doc->map_size(row(*l.doc, 0)), 2u);
  EXPECT_EQ(cell(*l.doc, 0, "id"), "A");
}

TEST(CsvLoader, UnclosedQuoteStopsLoading) {
  Loaded l = load("id,name\nA,\"unterminated\nB,b\n");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.pos, at(2, 2));
  EXPECT_EQ(d.message, "this cell's opening quote is never closed: the closing \" is missing");
}

TEST(CsvLoader, TextAfterAClosingQuoteIsAnError) {
  Loaded l = load("id,name\nA,\"ab\"c\n");
  ASSERT_TRUE(l.doc);
  EXPECT_EQ(only_error(l).pos, at(2, 2));
  EXPECT_THAT(only_error(l).message, HasSubstr("after the closing quote"));
  EXPECT_EQ(cell(*l.doc, 0, "name"), "abc");
}

TEST(CsvLoader, DiagnosticsNameRowAndColumnWithoutASourceExcerpt) {
  // A caret under "character 4 of line 3" would point at the wrong place.
  Loaded l = load("id,name\nA,a,extra\n");
  ASSERT_EQ(l.diags.items().size(), 1u);
  EXPECT_EQ(l.diags.items()[0].source, nullptr);
  EXPECT_EQ(format_diagnostic(l.diags.items()[0]),
            "items.csv:2:3: error: row 2 has a cell in column 3, but the header names only 2 "
            "columns\n");
}

TEST(CsvLoader, EmptyFileAndHeaderOnly) {
  Loaded empty = load("");
  ASSERT_TRUE(empty.doc);
  EXPECT_EQ(empty.doc->root, kNoNode);
  EXPECT_TRUE(empty.diags.empty());

  Loaded header = load("id,name\r\n");
  ASSERT_TRUE(header.doc);
  ASSERT_NE(header.doc->root, kNoNode);
  EXPECT_TRUE(header.doc->node(header.doc->root).children.empty());
}

TEST(CsvLoader, NotUtf8IsRefusedAtTheCell) {
  Loaded l = load("id,name\nA,Caf\xE9\n");
  EXPECT_FALSE(l.doc);
  EXPECT_EQ(only_error(l).pos, at(2, 2));
  EXPECT_THAT(only_error(l).message, HasSubstr("not UTF-8"));
}

TEST(CsvLoader, TotalNodesAreBounded) {
  std::string text = "id,hours\n";
  for (int i = 0; i < 30; ++i) text += fmt::format("A{0},{0}\n", i);
  LoadLimits limits;
  limits.max_nodes = 40;
  Loaded l = load(text, limits);
  EXPECT_FALSE(l.doc);
  // Root + 2 header cells, then 3 nodes a row: rows 2..13 fill 39 nodes; row 14's map is
  // the 40th, its first cell the 41st.
  EXPECT_EQ(only_error(l).pos, at(14, 1));
  EXPECT_THAT(only_error(l).message, HasSubstr("more than 40 values"));
}

TEST(CsvLoader, HundredThousandRows) {
  std::string text = "id,name,hours,rate\n";
  for (int i = 0; i < 100000; ++i) {
    text += fmt::format("IT-{0},\"Item, {0}\",{1}.25,engineer\r\n", i, i % 500);
  }
  Loaded l = load(text);
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  // root + 4 header cells + per row a map and 4 cells.
  EXPECT_EQ(l.doc->nodes.size(), 5u + 100000u * 5u);
  EXPECT_EQ(cell(*l.doc, 99999, "name"), "Item, 99999");
  EXPECT_EQ(l.doc->node(row(*l.doc, 99999)).pos, at(100001, 1));
}

}  // namespace
}  // namespace basis
