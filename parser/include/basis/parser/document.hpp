#pragma once
// A parsed YAML, JSON or CSV file as one neutral tree with positions, so that estimates
// are checked by one converter whatever their syntax. yaml-cpp and simdjson stay inside
// parser/src; nothing here mentions them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"

namespace basis {

enum class NodeKind : std::uint8_t { scalar, sequence, map };

// How a scalar was written: this decides how its text is read (YAML 1.2 core schema for
// plain YAML scalars, JSON's types for JSON tokens, spreadsheet cells for CSV).
enum class ScalarStyle : std::uint8_t {
  yaml_plain,    // unquoted YAML: may be null, true/false, a number, or text
  yaml_quoted,   // '...' or "...": always text
  yaml_block,    // | or >: always text
  json_string,   // always text
  json_number,   // text is the number token exactly as written
  json_literal,  // true, false or null
  csv_cell,      // a spreadsheet cell; empty cells are not stored
};

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

struct Node {
  NodeKind kind = NodeKind::scalar;
  ScalarStyle style = ScalarStyle::yaml_plain;
  SourcePos pos;  // where the node starts: for a scalar, its first character
  // For a quoted YAML scalar `pos` is the opening quote; content_pos is the first
  // character of the content (the same as pos for other scalars).
  SourcePos content_pos;
  std::string text;  // scalar text, decoded (escapes resolved)
  // Scalars only: where the text's pieces start in the file. One anchor {0, content_pos}
  // for a scalar on one line; one per source line for a scalar folded over several lines.
  std::vector<TextAnchor> anchors;
  // sequence: the elements; map: key, value, key, value, ... (keys are scalars).
  // Aliases point at the anchored node, so a node may have several parents.
  std::vector<NodeId> children;
};

struct Document {
  SourceRef source;
  std::vector<Node> nodes;
  NodeId root = kNoNode;
  bool has_aliases = false;  // converters bound their work when a file uses aliases

  const Node& node(NodeId id) const { return nodes[id]; }
  std::size_t map_size(NodeId id) const { return nodes[id].children.size() / 2; }
  NodeId map_key(NodeId id, std::size_t i) const { return nodes[id].children[2 * i]; }
  NodeId map_value(NodeId id, std::size_t i) const { return nodes[id].children[2 * i + 1]; }
  // The value of the first key equal to `key`, or kNoNode.
  NodeId find(NodeId map, std::string_view key) const;
};

// Both loaders report every problem they can find (duplicate keys with both places, a
// second document, nesting too deep, syntax errors) and return nullopt when the file
// cannot be read as a tree at all. Duplicate keys are errors but the tree is still returned.
std::optional<Document> load_yaml(const SourceRef& source, Diagnostics& diags);
std::optional<Document> load_json(const SourceRef& source, Diagnostics& diags);

// The most nested levels either loader accepts before it reports "nested too deeply".
inline constexpr int kMaxNesting = 200;

}  // namespace basis
