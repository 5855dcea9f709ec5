// load_json: the same neutral tree as YAML, with exact number text, positions in
// characters, duplicate keys, and plain-words syntax errors at the right place. Expected
// positions are counted by hand from the literal texts below.

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
  auto source = std::make_shared<const SourceText>("test.json", std::move(text));
  out.doc = load_json(source, out.diags, limits);
  return out;
}

SourcePos at(std::uint32_t line, std::uint32_t column) {
  return SourcePos{line, column};
}

const Diagnostic& only_error(const Loaded& l) {
  EXPECT_EQ(l.diags.items().size(), 1u) << format_diagnostics(l.diags);
  static const Diagnostic none;
  return l.diags.items().empty() ? none : l.diags.items().front();
}

TEST(JsonLoader, ValuesKeepTheirTextStyleAndPosition) {
  Loaded l = load(R"({"a": 1, "b£": [true, null, "x"], "c": -2.50e3, "d": false })");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_TRUE(l.diags.empty());
  const Document& doc = *l.doc;
  EXPECT_EQ(doc.node(doc.root).kind, NodeKind::map);
  EXPECT_EQ(doc.node(doc.root).pos, at(1, 1));
  ASSERT_EQ(doc.map_size(doc.root), 4u);

  const Node& key_a = doc.node(doc.map_key(doc.root, 0));
  EXPECT_EQ(key_a.text, "a");
  EXPECT_EQ(key_a.style, ScalarStyle::json_string);
  EXPECT_EQ(key_a.pos, at(1, 2));
  EXPECT_EQ(key_a.content_pos, at(1, 3));

  const Node& one = doc.node(doc.find(doc.root, "a"));
  EXPECT_EQ(one.style, ScalarStyle::json_number);
  EXPECT_EQ(one.text, "1");
  EXPECT_EQ(one.pos, at(1, 7));

  NodeId list = doc.find(doc.root, "b£");
  ASSERT_NE(list, kNoNode);
  EXPECT_EQ(doc.node(list).kind, NodeKind::sequence);
  EXPECT_EQ(doc.node(list).pos, at(1, 16));
  ASSERT_EQ(doc.node(list).children.size(), 3u);
  const Node& yes = doc.node(doc.node(list).children[0]);
  EXPECT_EQ(yes.style, ScalarStyle::json_literal);
  EXPECT_EQ(yes.text, "true");
  EXPECT_EQ(yes.pos, at(1, 17));
  EXPECT_EQ(doc.node(doc.node(list).children[1]).text, "null");
  EXPECT_EQ(doc.node(doc.node(list).children[1]).pos, at(1, 23));
  const Node& x = doc.node(doc.node(list).children[2]);
  EXPECT_EQ(x.style, ScalarStyle::json_string);
  EXPECT_EQ(x.pos, at(1, 29));
  EXPECT_EQ(x.content_pos, at(1, 30));

  // The number exactly as written: never through a double.
  const Node& c = doc.node(doc.find(doc.root, "c"));
  EXPECT_EQ(c.text, "-2.50e3");
  EXPECT_EQ(c.pos, at(1, 40));
  EXPECT_EQ(doc.node(doc.find(doc.root, "d")).text, "false");
}

TEST(JsonLoader, PositionsAcrossLinesCountCharacters) {
  Loaded l = load(
      "{\n"
      "  \"é£\": \"ü\",\n"
      "  \"items\": [\n"
      "    {\"id\": \"DEV-01\", \"hours\": 2187.40}\n"
      "  ]\n"
      "}\n");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Document& doc = *l.doc;
  EXPECT_EQ(doc.node(doc.map_key(doc.root, 0)).pos, at(2, 3));
  EXPECT_EQ(doc.node(doc.find(doc.root, "é£")).pos, at(2, 9));
  NodeId items = doc.find(doc.root, "items");
  EXPECT_EQ(doc.node(items).pos, at(3, 12));
  NodeId item = doc.node(items).children[0];
  EXPECT_EQ(doc.node(item).pos, at(4, 5));
  const Node& hours = doc.node(doc.find(item, "hours"));
  EXPECT_EQ(hours.text, "2187.40");
  EXPECT_EQ(hours.pos, at(4, 31));
  EXPECT_EQ(doc.node(doc.map_key(item, 1)).pos, at(4, 22));
}

TEST(JsonLoader, EscapesKeepOffsetsMappedToTheFile) {
  Loaded l = load(R"({"t": "x\u00e9y\n\"z\"", "k\u00e9": 1})");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  const Document& doc = *l.doc;
  const Node& t = doc.node(doc.find(doc.root, "t"));
  EXPECT_EQ(t.text, "x\xC3\xA9y\n\"z\"");
  auto where = [&](std::string_view needle) {
    return position_in_text(t.anchors, t.text, t.text.find(needle));
  };
  EXPECT_EQ(where("x"), at(1, 8));
  EXPECT_EQ(where("y"), at(1, 15));
  EXPECT_EQ(where("z"), at(1, 20));
  EXPECT_NE(doc.find(doc.root, "k\xC3\xA9"), kNoNode);
}

TEST(JsonLoader, SingleLineStringsNeedNoAnchors) {
  // Without escapes the text starts at content_pos and runs on unchanged: anchors would
  // only cost memory on files of millions of values.
  Loaded l = load(R"({"rule": "category == 'x'"})");
  ASSERT_TRUE(l.doc);
  const Node& rule = l.doc->node(l.doc->find(l.doc->root, "rule"));
  EXPECT_TRUE(rule.anchors.empty());
  EXPECT_EQ(rule.content_pos, at(1, 11));
}

TEST(JsonLoader, DuplicateKeysAreReportedWithBothPlaces) {
  Loaded l = load("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}");
  ASSERT_TRUE(l.doc);
  ASSERT_EQ(l.diags.items().size(), 2u) << format_diagnostics(l.diags);
  const Diagnostic& inner = l.diags.items()[0];
  EXPECT_EQ(inner.message, "duplicate key 'c'");
  EXPECT_EQ(inner.pos, at(2, 16));
  ASSERT_EQ(inner.notes.size(), 1u);
  EXPECT_EQ(inner.notes[0].pos, at(2, 8));
  EXPECT_EQ(inner.notes[0].message, "first defined here");
  const Diagnostic& outer = l.diags.items()[1];
  EXPECT_EQ(outer.message, "duplicate key 'a'");
  EXPECT_EQ(outer.pos, at(3, 2));
  EXPECT_EQ(outer.notes[0].pos, at(1, 2));
  EXPECT_EQ(l.doc->node(l.doc->find(l.doc->root, "a")).text, "1");
}

TEST(JsonLoader, SyntaxErrorsSayWhatAndWhere) {
  struct Case {
    const char* text;
    SourcePos pos;
    const char* message;
  };
  const Case cases[] = {
      {"[1 2]", at(1, 4), "bad JSON: expected ',' or ']' after a value in a list, found '2'"},
      {"{\"a\" 1}", at(1, 6), "bad JSON: expected ':' after the key, found '1'"},
      {"{\"a\":1,}", at(1, 7),
       "bad JSON: a comma before '}' is not allowed (remove the trailing comma)"},
      {"[1,]", at(1, 3), "bad JSON: a comma before ']' is not allowed (remove the trailing comma)"},
      {"{\"a\":1}  x", at(1, 10), "bad JSON: unexpected text after the end of the JSON value"},
      {"{\"a\":1}}", at(1, 8), "bad JSON: unexpected text after the end of the JSON value"},
      {"{,}", at(1, 2), "bad JSON: expected a key in double quotes, found ','"},
      {"{\n  \"items\": [1, 2\n}", at(3, 1),
       "bad JSON: expected ',' or ']' after a value in a list, found '}'"},
      {"[1, 2", at(1, 1), "bad JSON: the file ends before this '[' is closed"},
      {"{\"a\": \"abc", at(1, 7), "bad JSON: this text is never closed with '\"'"},
      {"[\"\\x\"]", at(1, 3),
       "bad JSON: unknown escape '\\x' in a text (write \\\\ for a backslash)"},
      {"[\"a\tb\"]", at(1, 4),
       "bad JSON: a tab or other control character in a text must be written as an escape "
       "(\\t, \\n, ...)"},
      {"[01]", at(1, 2), "bad JSON: '01' is not a number"},
      {"[1.]", at(1, 2), "bad JSON: '1.' is not a number"},
      {"[1.5E]", at(1, 2), "bad JSON: '1.5E' is not a number"},
      {"[tru]", at(1, 2),
       "bad JSON: 'tru' is not a value: text must be in double quotes (true, false and null "
       "are written in lower case)"},
      {"[True]", at(1, 2),
       "bad JSON: 'True' is not a value: text must be in double quotes (true, false and null "
       "are written in lower case)"},
      {"// note\n{}", at(1, 1), "bad JSON: unexpected '/': JSON has no comments"},
      {"{'a': 1}", at(1, 2),
       "bad JSON: expected a key in double quotes, found a single quote (JSON needs double "
       "quotes)"},
      {"5 6", at(1, 3), "bad JSON: unexpected text after the end of the JSON value"},
  };
  for (const Case& c : cases) {
    Loaded l = load(c.text);
    EXPECT_FALSE(l.doc) << c.text;
    const Diagnostic& d = only_error(l);
    EXPECT_EQ(d.message, c.message) << c.text;
    EXPECT_EQ(d.pos, c.pos) << c.text;
    EXPECT_EQ(d.file, "test.json");
  }
}

TEST(JsonLoader, ScalarAtTheTopIsATree) {
  // The converter says an estimate must be an object; the loader only reads.
  Loaded number = load(" 5 ");
  ASSERT_TRUE(number.doc) << format_diagnostics(number.diags);
  EXPECT_EQ(number.doc->node(number.doc->root).text, "5");
  EXPECT_EQ(number.doc->node(number.doc->root).pos, at(1, 2));
  Loaded text = load("\"top\"");
  ASSERT_TRUE(text.doc);
  EXPECT_EQ(text.doc->node(text.doc->root).text, "top");
  EXPECT_EQ(text.doc->node(text.doc->root).style, ScalarStyle::json_string);
}

TEST(JsonLoader, EmptyFileHasNoRootAndNoError) {
  for (const char* text : {"", "  \n\t\n"}) {
    Loaded l = load(text);
    ASSERT_TRUE(l.doc);
    EXPECT_EQ(l.doc->root, kNoNode);
    EXPECT_TRUE(l.diags.empty());
  }
}

TEST(JsonLoader, ByteOrderMarkIsSkipped) {
  Loaded l = load("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  EXPECT_EQ(l.doc->node(l.doc->root).pos, at(1, 1));
  EXPECT_EQ(l.doc->node(l.doc->find(l.doc->root, "a")).pos, at(1, 7));
}

TEST(JsonLoader, NestingIsBounded) {
  Loaded closed = load(std::string(300, '[') + std::string(300, ']'));
  EXPECT_FALSE(closed.doc);
  EXPECT_EQ(only_error(closed).message, "nested too deeply (more than 200 levels)");
  EXPECT_EQ(only_error(closed).pos, at(1, 201));

  Loaded open = load(std::string(100000, '['));
  EXPECT_FALSE(open.doc);
  EXPECT_EQ(only_error(open).message, "nested too deeply (more than 200 levels)");
  EXPECT_EQ(only_error(open).pos, at(1, 201));

  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  Loaded deep_objects = load(objects);
  EXPECT_FALSE(deep_objects.doc);
  EXPECT_EQ(only_error(deep_objects).pos, at(1, 1001));

  EXPECT_TRUE(load(std::string(200, '[') + std::string(200, ']')).doc);
}

TEST(JsonLoader, TotalNodesAreBounded) {
  std::string text = "[";
  for (int i = 0; i < 100; ++i) text += fmt::format("{}{}", i ? ",\n" : "", i);
  text += "]";
  LoadLimits limits;
  limits.max_nodes = 51;
  Loaded l = load(text, limits);
  EXPECT_FALSE(l.doc);
  EXPECT_EQ(only_error(l).message, "the file holds more than 51 values; it is too large to read");
  // Node 0 is the list; values 0..49 fill it; value 50 is on line 51.
  EXPECT_EQ(only_error(l).pos, at(51, 1));
  limits.max_nodes = 101;
  EXPECT_TRUE(load(text, limits).doc);
}

TEST(JsonLoader, NotUtf8IsRefusedAtTheBadByte) {
  Loaded l = load("{\"name\": \"Caf\xE9\"}");
  EXPECT_FALSE(l.doc);
  EXPECT_EQ(only_error(l).pos, at(1, 14));
  EXPECT_THAT(only_error(l).message, HasSubstr("not UTF-8"));
}

TEST(JsonLoader, GarbageIsRefusedWithAReason) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string text(48, ' ');
    for (char& c : text) c = "[]{},:\"\\-+.0123456789eEtrufalsn \n"[random() % 34];
    Loaded l = load(text);
    EXPECT_TRUE(l.doc.has_value() || l.diags.has_errors()) << text;
  }
}

TEST(JsonLoader, ManyItemsBuildTheWholeTree) {
  std::string text = "{\"items\": [";
  for (int i = 0; i < 100000; ++i) {
    text +=
        fmt::format("{}{{\"id\": \"IT-{}\", \"hours\": {}.5, \"ok\": true}}", i ? "," : "", i, i);
  }
  text += "]}";
  Loaded l = load(text);
  ASSERT_TRUE(l.doc) << format_diagnostics(l.diags);
  // root, "items", the list, and per item: map + 3 keys + 3 values.
  EXPECT_EQ(l.doc->nodes.size(), 3u + 100000u * 7u);
  NodeId items = l.doc->find(l.doc->root, "items");
  ASSERT_EQ(l.doc->node(items).children.size(), 100000u);
  NodeId last = l.doc->node(items).children.back();
  EXPECT_EQ(l.doc->node(l.doc->find(last, "hours")).text, "99999.5");
}

}  // namespace
}  // namespace basis
