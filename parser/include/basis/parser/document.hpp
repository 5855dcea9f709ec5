#pragma once
// A parsed YAML, JSON or CSV file as one neutral tree with positions, so that estimates
// are checked by one converter whatever their syntax. yaml-cpp and simdjson stay inside
// parser/src; nothing here mentions them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"

namespace basis {

enum class NodeKind : std::uint8_t { scalar, sequence, map };

// How a scalar was written: this decides how its text is read (YAML 1.2 core schema for
// plain YAML scalars, JSON's types for JSON tokens, spreadsheet cells for CSV).
enum class ScalarStyle : std::uint8_t {
  yaml_plain,    // unquoted YAML: may be null, true/false, a number, or text
  yaml_quoted,   // '...' or "...": always text (also a plain scalar tagged !!str)
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
  // For a quoted YAML scalar or a JSON string `pos` is the opening quote; content_pos is
  // the first character of the content (the same as pos for other scalars; for a YAML
  // block scalar `pos` is the `|` or `>` and the anchors say where the lines start).
  SourcePos content_pos;
  // Scalar text, decoded (escapes resolved). A YAML null written as nothing (`key:`) is a
  // yaml_plain scalar with empty text; `~` and `null` keep their text.
  std::string text;
  // Scalars only: where the text's pieces start in the file. One anchor {0, content_pos}
  // for a scalar on one line; one per source line for a scalar folded over several lines
  // (and one after each escape in a JSON string). CSV cells have NO anchors: their
  // columns count fields, not characters, so an offset inside a cell has no column.
  std::vector<TextAnchor> anchors;
  // sequence: the elements; map: key, value, key, value, ... (keys are scalars).
  // Aliases point at the anchored node, so a node may have several parents.
  std::vector<NodeId> children;

  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  bool is_map() const { return kind == NodeKind::map; }
};

struct Document {
  SourceRef source;
  std::vector<Node> nodes;
  // kNoNode when the file holds no value at all: an empty file, only comments or blank
  // lines, a lone `---`, or a CSV file without a header. The loaders report nothing then;
  // the converter says what is missing ("the estimate is empty").
  NodeId root = kNoNode;
  // True when a YAML alias made a node a child of several parents: a walk that expands
  // aliases may visit far more nodes than the file holds, so converters bound their work.
  // (CSV rows share their key nodes, the header cells, without setting this.)
  bool has_aliases = false;

  const Node& node(NodeId id) const { return nodes[id]; }
  std::size_t map_size(NodeId id) const { return nodes[id].children.size() / 2; }
  NodeId map_key(NodeId id, std::size_t i) const { return nodes[id].children[2 * i]; }
  NodeId map_value(NodeId id, std::size_t i) const { return nodes[id].children[2 * i + 1]; }
  // The value of the first key equal to `key`, or kNoNode (also when `map` is not a map).
  NodeId find(NodeId map, std::string_view key) const;
};

// The most nested levels either loader accepts before it reports "nested too deeply".
inline constexpr int kMaxNesting = 200;
// The most nodes one file may create before loading stops with "too large".
inline constexpr std::size_t kMaxNodes = 5'000'000;

struct LoadLimits {
  int max_nesting = kMaxNesting;
  std::size_t max_nodes = kMaxNodes;
};

// Both loaders report every problem they can find (duplicate keys with both places, a
// second document, nesting too deep, syntax errors) and return nullopt when the file
// cannot be read as a tree at all. Duplicate keys are errors but the tree is still returned.
// A file that is not UTF-8 text is refused with its first bad byte's position.
std::optional<Document> load_yaml(const SourceRef& source, Diagnostics& diags);
std::optional<Document> load_json(const SourceRef& source, Diagnostics& diags);
std::optional<Document> load_yaml(const SourceRef& source, Diagnostics& diags,
                                  const LoadLimits& limits);
std::optional<Document> load_json(const SourceRef& source, Diagnostics& diags,
                                  const LoadLimits& limits);

}  // namespace basis
