#include "tree_builder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text_position.hpp"

namespace basis::parser_detail {

namespace {
// Below this many keys a linear scan is faster than hashing every key.
constexpr std::size_t kLinearKeyScan = 16;

std::uint32_t length_of(const Node& node) {
  std::size_t n = count_chars(node.text);
  if (node.style == ScalarStyle::yaml_quoted || node.style == ScalarStyle::json_string) n += 2;
  return static_cast<std::uint32_t>(std::max<std::size_t>(1, n));
}
}  // namespace

void TreeBuilder::reserve(std::size_t nodes) {
  doc_.nodes.reserve(std::min(nodes, limits_.max_nodes));
}

TreeBuilder::TreeBuilder(Document& doc, Diagnostics& diags, const LoadLimits& limits)
    : doc_(doc), diags_(diags), limits_(limits) {}

NodeId TreeBuilder::add(Node&& node) {
  if (doc_.nodes.size() >= limits_.max_nodes) {
    diags_.error(doc_.source, node.pos,
                 fmt::format("the file holds more than {} values; it is too large to read",
                             limits_.max_nodes));
    return kNoNode;
  }
  auto id = static_cast<NodeId>(doc_.nodes.size());
  doc_.nodes.push_back(std::move(node));
  return id;
}

NodeId TreeBuilder::open(NodeKind kind, SourcePos pos) {
  if (depth_ >= static_cast<std::size_t>(limits_.max_nesting)) {
    diags_.error(doc_.source, pos,
                 fmt::format("nested too deeply (more than {} levels)", limits_.max_nesting));
    return kNoNode;
  }
  Node node;
  node.kind = kind;
  node.pos = pos;
  node.content_pos = pos;
  NodeId id = add(std::move(node));
  if (id == kNoNode) return kNoNode;
  attach(id);
  if (frames_.size() <= depth_) frames_.emplace_back();
  Frame& frame = frames_[depth_++];
  frame.id = id;
  frame.map = kind == NodeKind::map;
  frame.children.clear();
  frame.index.clear();
  return id;
}

NodeId TreeBuilder::new_scalar(SourcePos pos) {
  if (doc_.nodes.size() >= limits_.max_nodes) {
    Node node;
    node.pos = pos;
    return add(std::move(node));  // reports the limit
  }
  Node& node = doc_.nodes.emplace_back();
  node.pos = node.content_pos = pos;
  return static_cast<NodeId>(doc_.nodes.size() - 1);
}

NodeId TreeBuilder::scalar(Node&& node) {
  NodeId id = add(std::move(node));
  if (id != kNoNode) attach(id);
  return id;
}

void TreeBuilder::reference(NodeId id) {
  attach(id);
}

void TreeBuilder::report_bad_keys() {
  for (SourcePos pos : bad_keys_) {
    diags_.error(doc_.source, pos,
                 "a key must be a single name, not a list or map (quote it if it is text)");
  }
}

void TreeBuilder::close() {
  if (depth_ == 0) return;
  Frame& frame = frames_[--depth_];
  // One allocation of the exact size: maps and lists are built once, never grown.
  doc_.nodes[frame.id].children.assign(frame.children.begin(), frame.children.end());
}

bool TreeBuilder::is_open(NodeId id) const {
  for (std::size_t i = 0; i < depth_; ++i) {
    if (frames_[i].id == id) return true;
  }
  return false;
}

NodeId TreeBuilder::pending_key() const {
  if (depth_ == 0) return kNoNode;
  const Frame& frame = frames_[depth_ - 1];
  if (!frame.map || frame.children.size() % 2 == 0) return kNoNode;
  return frame.children.back();
}

void TreeBuilder::attach(NodeId id) {
  if (depth_ == 0) {
    if (doc_.root == kNoNode) doc_.root = id;
    return;
  }
  Frame& frame = frames_[depth_ - 1];
  frame.children.push_back(id);
  if (frame.map && frame.children.size() % 2 == 1) check_key(frame, id);
}

void TreeBuilder::check_key(Frame& frame, NodeId key) {
  const Node& node = doc_.nodes[key];
  if (node.kind != NodeKind::scalar) {
    bad_keys_.push_back(node.pos);
    return;
  }
  NodeId first = kNoNode;
  const std::size_t keys = frame.children.size() / 2;  // keys before this one
  if (keys < kLinearKeyScan) {
    for (std::size_t i = 0; i < keys; ++i) {
      NodeId other = frame.children[2 * i];
      if (doc_.nodes[other].kind == NodeKind::scalar && doc_.nodes[other].text == node.text) {
        first = other;
        break;
      }
    }
  } else {
    if (frame.index.empty()) {
      for (std::size_t i = 0; i < keys; ++i) {
        NodeId other = frame.children[2 * i];
        if (doc_.nodes[other].kind == NodeKind::scalar) {
          frame.index.emplace(doc_.nodes[other].text, other);
        }
      }
    }
    auto [it, inserted] = frame.index.emplace(node.text, key);
    if (!inserted) first = it->second;
  }
  if (first == kNoNode) return;
  Diagnostic& d = diags_.error(doc_.source, node.pos, fmt::format("duplicate key '{}'", node.text),
                               length_of(node));
  d.notes.push_back({doc_.source, doc_.nodes[first].pos, "first defined here"});
}

}  // namespace basis::parser_detail
