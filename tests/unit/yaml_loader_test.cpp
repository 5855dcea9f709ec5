// load_yaml: the neutral tree, its positions (1-based lines, columns in characters), and
// every way a YAML file can be refused. Expected positions are counted by hand from the
// literal texts below.

#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  auto source = std::make_shared<const SourceText>("test.yaml", std::move(text));
  out.doc = load_yaml(source, out.diags, limits);
  return out;
}

SourcePos at(std::uint32_t line, std::uint32_t column) {
  return SourcePos{line, column};
}

// The single error of a load, which must have failed with exactly one diagnostic.
const Diagnostic& only_error(const Loaded& l) {
  EXPECT_EQ(l.diags.items().size(), 1u) << format_diagnostics(l.diags);
  static const Diagnostic none;
  return l.diags.items().empty() ? none : l.diags.items().front();
}

// Follows map keys from the root: value("a", "b") is root.a.b.
NodeId value(const Document& doc, std::initializer_list<std::string_view> keys) {
  NodeId id = doc.root;
  for (std::string_view key : keys) {
    id = doc.find(id, key);
    if (id == kNoNode) return kNoNode;
  }
  return id;
}

TEST(YamlLoader, KeysValuesAndCollectionsHaveTheirPositions) {
  Loaded l = load(
      "id: ACME\n"
      "items:\n"
      "  - id: DEV-01\n"
      "    hours: 320\n"
      "  - [a, b]\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_TRUE(l.diags.empty());
  const Document& doc = *l.doc;
  EXPECT_EQ(doc.node(doc.root).kind, NodeKind::map);
  EXPECT_EQ(doc.node(doc.root).pos, at(1, 1));
  EXPECT_EQ(doc.node(doc.map_key(doc.root, 1)).text, "items");
  EXPECT_EQ(doc.node(doc.map_key(doc.root, 1)).pos, at(2, 1));
  NodeId items = value(doc, {"items"});
  ASSERT_NE(items, kNoNode);
  EXPECT_EQ(doc.node(items).kind, NodeKind::sequence);
  EXPECT_EQ(doc.node(items).pos, at(3, 3));
  ASSERT_EQ(doc.node(items).children.size(), 2u);
  NodeId first = doc.node(items).children[0];
  EXPECT_EQ(doc.node(first).pos, at(3, 5));
  NodeId hours = doc.find(first, "hours");
  ASSERT_NE(hours, kNoNode);
  EXPECT_EQ(doc.node(hours).text, "320");
  EXPECT_EQ(doc.node(hours).pos, at(4, 12));
  EXPECT_EQ(doc.node(hours).style, ScalarStyle::yaml_plain);
  ASSERT_EQ(doc.node(hours).anchors.size(), 1u);
  EXPECT_EQ(doc.node(hours).anchors[0].offset, 0u);
  EXPECT_EQ(doc.node(hours).anchors[0].pos, at(4, 12));
  NodeId flow = doc.node(items).children[1];
  EXPECT_EQ(doc.node(flow).pos, at(5, 5));
  EXPECT_EQ(doc.node(doc.node(flow).children[1]).pos, at(5, 9));
}

TEST(YamlLoader, ColumnsCountCharactersNotBytes) {
  // yaml-cpp's marks count bytes: "£" and "é" are two bytes each in UTF-8.
  Loaded l = load(
      "£é: ü x\n"
      "name: \"Café £5\"\n"
      "after: 1\n"
      "naïve: [é, 2]\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Document& doc = *l.doc;
  NodeId u = value(doc, {"£é"});
  EXPECT_EQ(doc.node(u).text, "ü x");
  EXPECT_EQ(doc.node(u).pos, at(1, 5));
  NodeId name = value(doc, {"name"});
  EXPECT_EQ(doc.node(name).pos, at(2, 7));
  EXPECT_EQ(doc.node(name).content_pos, at(2, 8));
  EXPECT_EQ(doc.node(name).style, ScalarStyle::yaml_quoted);
  EXPECT_EQ(doc.node(value(doc, {"after"})).pos, at(3, 8));
  NodeId list = value(doc, {"naïve"});
  EXPECT_EQ(doc.node(list).pos, at(4, 8));
  EXPECT_EQ(doc.node(doc.node(list).children[1]).pos, at(4, 12));
}

TEST(YamlLoader, ScalarStylesSayHowTheTextWasWritten) {
  Loaded l = load(
      "plain: 12\n"
      "single: 'it''s'\n"
      "double: \"a\\tb\"\n"
      "literal: |\n"
      "  x\n"
      "folded: >-\n"
      "  y\n"
      "tagged: !!str 12\n"
      "anchored: &a 'q'\n"
      "empty:\n"
      "tilde: ~\n"
      "word: null\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Document& doc = *l.doc;
  auto node = [&](std::string_view key) -> const Node& { return doc.node(value(doc, {key})); };
  EXPECT_EQ(node("plain").style, ScalarStyle::yaml_plain);
  EXPECT_EQ(node("single").style, ScalarStyle::yaml_quoted);
  EXPECT_EQ(node("single").text, "it's");
  EXPECT_EQ(node("single").pos, at(2, 9));
  EXPECT_EQ(node("single").content_pos, at(2, 10));
  EXPECT_EQ(node("double").text, "a\tb");
  EXPECT_EQ(node("literal").style, ScalarStyle::yaml_block);
  EXPECT_EQ(node("literal").text, "x\n");
  EXPECT_EQ(node("literal").pos, at(4, 10));
  EXPECT_EQ(node("literal").anchors.front().pos, at(5, 3));
  EXPECT_EQ(node("folded").style, ScalarStyle::yaml_block);
  EXPECT_EQ(node("folded").text, "y");
  // A tag or anchor comes before the content; the position is the content's.
  EXPECT_EQ(node("tagged").style, ScalarStyle::yaml_quoted);
  EXPECT_EQ(node("tagged").pos, at(8, 15));
  EXPECT_EQ(node("anchored").pos, at(9, 14));
  EXPECT_EQ(node("anchored").content_pos, at(9, 15));
  // An empty value is a plain scalar with no text, placed at its key.
  EXPECT_EQ(node("empty").text, "");
  EXPECT_EQ(node("empty").style, ScalarStyle::yaml_plain);
  EXPECT_EQ(node("empty").pos, at(10, 1));
  EXPECT_EQ(node("tilde").text, "~");
  EXPECT_EQ(node("tilde").pos, at(11, 8));
  EXPECT_EQ(node("word").text, "null");
  EXPECT_EQ(node("word").pos, at(12, 7));
}

TEST(YamlLoader, EmptyListItemPointsAtItsDash) {
  Loaded l = load("- \n- b\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Node& first = l.doc->node(l.doc->node(l.doc->root).children[0]);
  EXPECT_EQ(first.text, "");
  EXPECT_EQ(first.pos, at(1, 1));
}

TEST(YamlLoader, EmptyFilesHaveNoRootAndNoError) {
  for (const char* text : {"", "# only a comment\n", "\n\n   \n", "---\n", "--- # c\n...\n"}) {
    Loaded l = load(text);
    ASSERT_TRUE(l.doc) << text;
    EXPECT_EQ(l.doc->root, kNoNode) << text;
    EXPECT_TRUE(l.diags.empty()) << text << format_diagnostics(l.diags);
  }
}

TEST(YamlLoader, ByteOrderMarkIsNotACharacter) {
  Loaded l = load(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_EQ(l.doc->node(l.doc->map_key(l.doc->root, 0)).pos, at(1, 1));
  EXPECT_EQ(l.doc->node(value(*l.doc, {"a"})).pos, at(1, 4));
  EXPECT_EQ(l.doc->node(value(*l.doc, {"b"})).pos, at(2, 4));
}

TEST(YamlLoader, CrLfLineEnds) {
  Loaded l = load("a: 1\r\nb: x y\r\nc: |\r\n  t\r\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_EQ(l.doc->node(value(*l.doc, {"b"})).text, "x y");
  EXPECT_EQ(l.doc->node(value(*l.doc, {"b"})).pos, at(2, 4));
  EXPECT_EQ(l.doc->node(value(*l.doc, {"c"})).anchors.front().pos, at(4, 3));
}

TEST(YamlLoader, SecondDocumentIsReported) {
  // yaml-cpp's Load reads `- a` and silently drops the rest.
  Loaded l = load("- a\nb: c");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "file holds more than one YAML document; only one is allowed");
  EXPECT_EQ(d.pos, at(2, 1));
  EXPECT_EQ(d.file, "test.yaml");

  Loaded l2 = load("a: 1\n---\nb: 2\n");
  EXPECT_FALSE(l2.doc);
  EXPECT_EQ(only_error(l2).pos, at(2, 1));
  EXPECT_THAT(only_error(l2).message, HasSubstr("more than one YAML document"));
}

TEST(YamlLoader, DuplicateKeysAreReportedWithBothPlacesAndTheTreeIsKept) {
  Loaded l = load(
      "a: 1\n"
      "b: {c: 1, c: 2}\n"
      "a: 3\n");
  ASSERT_TRUE(l.doc);
  ASSERT_EQ(l.diags.items().size(), 2u) << format_diagnostics(l.diags);
  const Diagnostic& inner = l.diags.items()[0];
  EXPECT_EQ(inner.message, "duplicate key 'c'");
  EXPECT_EQ(inner.pos, at(2, 11));
  ASSERT_EQ(inner.notes.size(), 1u);
  EXPECT_EQ(inner.notes[0].message, "first defined here");
  EXPECT_EQ(inner.notes[0].pos, at(2, 5));
  const Diagnostic& outer = l.diags.items()[1];
  EXPECT_EQ(outer.message, "duplicate key 'a'");
  EXPECT_EQ(outer.pos, at(3, 1));
  ASSERT_EQ(outer.notes.size(), 1u);
  EXPECT_EQ(outer.notes[0].pos, at(1, 1));
  // find() answers the first value, as the note says.
  EXPECT_EQ(l.doc->node(value(*l.doc, {"a"})).text, "1");
  EXPECT_EQ(l.doc->map_size(l.doc->root), 3u);
}

TEST(YamlLoader, DuplicateKeysInALargeMapAreFound) {
  // Past a few keys the check switches from a scan to a hash table.
  std::string text;
  for (int i = 0; i < 40; ++i) text += fmt::format("k{0}: {0}\n", i);
  text += "k7: again\n";
  Loaded l = load(text);
  ASSERT_TRUE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "duplicate key 'k7'");
  EXPECT_EQ(d.pos, at(41, 1));
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].pos, at(8, 1));
}

TEST(YamlLoader, PathologicalInputsFailFastWithAPlace) {
  struct Case {
    const char* text;
    SourcePos pos;
    const char* message;
  };
  const Case cases[] = {
      {",", at(1, 1), "bad YAML: unexpected ','"},
      {"[", at(1, 1), "bad YAML: this '[' list is never closed with ']'"},
      {"{", at(1, 1), "bad YAML: this '{' map is never closed with '}'"},
      {"- a\n- b: c\n d", at(3, 2),
       "bad YAML: this line does not continue the list above it (check the indentation)"},
      {"]]]]", at(1, 1), "bad YAML: this ']' closes nothing: there is no matching '[' before it"},
      {"a: [1, 2\nb: 3", at(1, 4), "bad YAML: this '[' list is never closed with ']'"},
      {"a: \"abc\n", at(1, 4), "this quoted text is never closed: the closing \" is missing"},
      {"a: 'abc", at(1, 8),
       "bad YAML: the file ends inside a quoted text: the closing quote is "
       "missing"},
      {"a: b: c", at(1, 5),
       "bad YAML: a ':' is not allowed here (check the indentation, or quote "
       "a text that holds ': ')"},
  };
  for (const Case& c : cases) {
    auto start = std::chrono::steady_clock::now();
    Loaded l = load(c.text);
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_FALSE(l.doc) << c.text;
    const Diagnostic& d = only_error(l);
    EXPECT_EQ(d.message, c.message) << c.text;
    EXPECT_EQ(d.pos, c.pos) << c.text;
    // Not a timing test: a hang (yaml-cpp's LoadAll loops forever on ",") would take
    // minutes; a pass takes microseconds.
    EXPECT_LT(took, std::chrono::seconds(20)) << c.text;
  }
}

TEST(YamlLoader, TabIndentationIsNamed) {
  Loaded l = load("a:\n\tb: c\n");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "bad YAML: a tab is used for indentation; indent with spaces");
  EXPECT_EQ(d.pos, at(2, 1));

  Loaded l2 = load("a:\n  b: 1\n\tc: 2\n");
  EXPECT_FALSE(l2.doc);
  EXPECT_EQ(only_error(l2).pos, at(3, 1));
  EXPECT_THAT(only_error(l2).message, HasSubstr("tab"));
}

TEST(YamlLoader, AliasesPointAtTheAnchoredNode) {
  Loaded l = load(
      "base: &b {rate: 1}\n"
      "copy: *b\n"
      "name: &n text\n"
      "again: *n\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_TRUE(l.doc->has_aliases);
  EXPECT_EQ(value(*l.doc, {"base"}), value(*l.doc, {"copy"}));
  EXPECT_EQ(value(*l.doc, {"name"}), value(*l.doc, {"again"}));
  EXPECT_EQ(l.doc->node(value(*l.doc, {"copy", "rate"})).text, "1");

  Loaded plain = load("a: 1\n");
  EXPECT_FALSE(plain.doc->has_aliases);
}

TEST(YamlLoader, UnknownAliasIsAnError) {
  Loaded l = load("k: *zz\n");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "unknown alias '*zz': no anchor '&zz' is defined before it");
  EXPECT_EQ(d.pos, at(1, 4));
}

TEST(YamlLoader, AliasToItsOwnContainerIsRefused) {
  // A cycle would make every later walk loop forever.
  Loaded l = load("k: &a [1, *a]\n");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "an alias cannot point at the list or map that contains it");
  EXPECT_EQ(d.pos, at(1, 11));
}

TEST(YamlLoader, BillionLaughsLoadsAsASmallSharedTree) {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    text += fmt::format("{0}: &{0} [", c);
    for (int i = 0; i < 9; ++i)
      text += fmt::format("{}*{}", i ? ", " : "", static_cast<char>(c - 1));
    text += "]\n";
  }
  Loaded l = load(text);
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_TRUE(l.doc->has_aliases);
  // Expanded, `i` would be 9^9 = 387,420,489 strings; stored, it is 9 lists of 9 children.
  // Nodes: root map, 9 keys, 9 lists, 9 "lol" scalars.
  EXPECT_EQ(l.doc->nodes.size(), 28u);
  NodeId i = value(*l.doc, {"i"});
  ASSERT_EQ(l.doc->node(i).children.size(), 9u);
  EXPECT_EQ(l.doc->node(i).children[0], value(*l.doc, {"h"}));
}

TEST(YamlLoader, TotalNodesAreBounded) {
  EXPECT_EQ(kMaxNodes, 5'000'000u);
  std::string text = "items:\n";
  for (int i = 0; i < 60; ++i) text += fmt::format("  - {}\n", i);
  LoadLimits limits;
  limits.max_nodes = 50;
  Loaded l = load(text, limits);
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.message, "the file holds more than 50 values; it is too large to read");
  // Nodes: the map, "items", the list, then items 0..46 make 50; item 47 is on line 49.
  EXPECT_EQ(d.pos, at(49, 5));
  limits.max_nodes = 63;
  EXPECT_TRUE(load(text, limits).doc);
}

TEST(YamlLoader, NestingIsBounded) {
  Loaded flow = load(std::string(300, '[') + std::string(300, ']'));
  EXPECT_FALSE(flow.doc);
  EXPECT_EQ(only_error(flow).message, "nested too deeply (more than 200 levels)");
  EXPECT_EQ(only_error(flow).pos, at(1, 201));

  std::string block;
  for (int i = 0; i < 300; ++i) block += "- ";
  Loaded dashes = load(block + "x\n");
  EXPECT_FALSE(dashes.doc);
  EXPECT_EQ(only_error(dashes).pos, at(1, 401));

  std::string indented;
  for (int i = 0; i < 300; ++i) indented += fmt::format("{:{}}k:\n", "", 2 * i);
  Loaded keys = load(indented);
  EXPECT_FALSE(keys.doc);
  EXPECT_EQ(only_error(keys).pos, at(201, 401));

  // 200 levels are allowed.
  EXPECT_TRUE(load(std::string(200, '[') + std::string(200, ']')).doc);
}

TEST(YamlLoader, HundredThousandOpenBracketsFailWithoutCrashing) {
  Loaded l = load(std::string(100000, '['));
  EXPECT_FALSE(l.doc);
  EXPECT_EQ(only_error(l).message, "nested too deeply (more than 200 levels)");
  // yaml-cpp reads each unclosed '[' as a list that is the key of an implicit map: two
  // levels per bracket, so the 101st bracket is level 201.
  EXPECT_EQ(only_error(l).pos, at(1, 101));

  for (std::string unit : {"{", "{a: ", "- ", "? ", "&x [", "!t {"}) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += unit;
    Loaded deep = load(text);
    EXPECT_FALSE(deep.doc) << unit;
    EXPECT_TRUE(deep.diags.has_errors()) << unit;
  }
}

TEST(YamlLoader, BinaryGarbageIsRefused) {
  std::mt19937 random(20261127);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  Loaded l = load(bytes);
  EXPECT_FALSE(l.doc);
  EXPECT_TRUE(l.diags.has_errors());

  Loaded latin1 = load("name: Caf\xE9\n");
  EXPECT_FALSE(latin1.doc);
  EXPECT_EQ(only_error(latin1).pos, at(1, 10));
  EXPECT_THAT(only_error(latin1).message, HasSubstr("not UTF-8"));

  Loaded nul = load(std::string("a: b\0c\n", 7));
  EXPECT_FALSE(nul.doc);
  EXPECT_EQ(only_error(nul).pos, at(1, 5));
  EXPECT_THAT(only_error(nul).message, HasSubstr("NUL"));

  // Printable garbage: each either loads or is refused, never crashes.
  for (int round = 0; round < 200; ++round) {
    std::string text(64, ' ');
    for (char& c : text) c = "[]{},:-?&*!|>'\"#%@` \n\tab1"[random() % 26];
    Loaded any = load(text);
    // A refused file always says why.
    EXPECT_TRUE(any.doc.has_value() || any.diags.has_errors()) << text;
  }
}

TEST(YamlLoader, ComplexKeysAreRefused) {
  Loaded l = load("? [a]\n: b\n");
  EXPECT_FALSE(l.doc);
  const Diagnostic& d = only_error(l);
  EXPECT_EQ(d.pos, at(1, 3));
  EXPECT_THAT(d.message, HasSubstr("a key must be a single name"));
}

// Anchors map an offset in the decoded text back to the file, line by line.
SourcePos where(const Document& doc, NodeId id, std::string_view needle) {
  const Node& n = doc.node(id);
  std::size_t offset = n.text.find(needle);
  EXPECT_NE(offset, std::string::npos) << needle;
  return position_in_text(n.anchors, n.text, offset);
}

TEST(YamlLoader, PlainMultiLineScalarMapsOffsetsToLines) {
  Loaded l = load(
      "rule: price > 10 and\n"
      "  £cat == 'x'   \n"
      "\n"
      "     or zed # comment\n"
      "next: 1\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  NodeId rule = value(*l.doc, {"rule"});
  EXPECT_EQ(l.doc->node(rule).text, "price > 10 and £cat == 'x'\nor zed");
  EXPECT_EQ(l.doc->node(rule).anchors.size(), 3u);
  EXPECT_EQ(where(*l.doc, rule, "price"), at(1, 7));
  EXPECT_EQ(where(*l.doc, rule, "10"), at(1, 15));
  EXPECT_EQ(where(*l.doc, rule, "£cat"), at(2, 3));
  EXPECT_EQ(where(*l.doc, rule, "=="), at(2, 8));
  EXPECT_EQ(where(*l.doc, rule, "or"), at(4, 6));
  EXPECT_EQ(where(*l.doc, rule, "zed"), at(4, 9));
}

TEST(YamlLoader, QuotedMultiLineScalarsMapOffsetsToLines) {
  Loaded l = load(
      "q: \"ab\\tc\n"
      "   dé\\u00e9f \\\n"
      "  gh\"\n"
      "s: 'it''s\n"
      "\n"
      "  £z'\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  NodeId q = value(*l.doc, {"q"});
  EXPECT_EQ(l.doc->node(q).text, "ab\tc dééf gh");
  EXPECT_EQ(where(*l.doc, q, "ab"), at(1, 5));
  // "\t" is two characters in the file, one in the text.
  EXPECT_EQ(where(*l.doc, q, "c"), at(1, 9));
  EXPECT_EQ(where(*l.doc, q, "d"), at(2, 4));
  // "\u00e9" is six characters in the file, one in the text.
  EXPECT_EQ(where(*l.doc, q, "f"), at(2, 12));
  EXPECT_EQ(where(*l.doc, q, "gh"), at(3, 3));
  NodeId s = value(*l.doc, {"s"});
  EXPECT_EQ(l.doc->node(s).text, "it's\n£z");
  EXPECT_EQ(where(*l.doc, s, "£z"), at(6, 3));
  EXPECT_EQ(where(*l.doc, s, "z"), at(6, 4));
}

TEST(YamlLoader, BlockScalarsMapOffsetsToLines) {
  Loaded l = load(
      "lit: |\n"
      "  first\n"
      "    more é\n"
      "\n"
      "  last\n"
      "fold: >\n"
      "  one\n"
      "  two\n"
      "\n"
      "  three\n"
      "next: 1\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  NodeId lit = value(*l.doc, {"lit"});
  EXPECT_EQ(l.doc->node(lit).text, "first\n  more é\n\nlast\n");
  EXPECT_EQ(l.doc->node(lit).pos, at(1, 6));
  EXPECT_EQ(where(*l.doc, lit, "first"), at(2, 3));
  EXPECT_EQ(where(*l.doc, lit, "  more"), at(3, 3));
  EXPECT_EQ(where(*l.doc, lit, "more"), at(3, 5));
  EXPECT_EQ(where(*l.doc, lit, "é"), at(3, 10));
  EXPECT_EQ(where(*l.doc, lit, "last"), at(5, 3));
  NodeId fold = value(*l.doc, {"fold"});
  EXPECT_EQ(l.doc->node(fold).text, "one two\nthree\n");
  EXPECT_EQ(where(*l.doc, fold, "one"), at(7, 3));
  EXPECT_EQ(where(*l.doc, fold, "two"), at(8, 3));
  EXPECT_EQ(where(*l.doc, fold, "three"), at(10, 3));
  EXPECT_EQ(l.doc->node(value(*l.doc, {"next"})).pos, at(11, 7));
}

TEST(YamlLoader, FindAnswersTheValueOfAKey) {
  Loaded l = load("a: 1\nb: [x]\n");
  ASSERT_TRUE(l.doc);
  const Document& doc = *l.doc;
  EXPECT_EQ(doc.node(doc.find(doc.root, "a")).text, "1");
  EXPECT_EQ(doc.find(doc.root, "zz"), kNoNode);
  NodeId list = doc.find(doc.root, "b");
  EXPECT_EQ(doc.find(list, "x"), kNoNode);  // not a map
  EXPECT_EQ(doc.find(kNoNode, "a"), kNoNode);
}

}  // namespace
}  // namespace basis
