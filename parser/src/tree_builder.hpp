#pragma once
// Private to the YAML and JSON loaders: builds a Document from events (open a list or
// map, add a scalar, close) and does the checks both formats share: duplicate keys
// (reported at the second occurrence with a note at the first), keys that are not
// scalars, nesting depth and the total number of nodes.

#include <string>
#include <unordered_map>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/parser/document.hpp"

namespace basis::parser_detail {

class TreeBuilder {
 public:
  TreeBuilder(Document& doc, Diagnostics& diags, const LoadLimits& limits);

  // Each returns kNoNode when loading must stop; the reason has been reported.
  NodeId open(NodeKind kind, SourcePos pos);
  NodeId scalar(Node&& node);
  // A scalar built in place (no move of a whole Node): fill doc().nodes[id], then attach.
  NodeId new_scalar(SourcePos pos);
  void attach_scalar(NodeId id) { attach(id); }
  // Allocates the node vector once for about `nodes` nodes: a large file's tree is
  // hundreds of megabytes, and growing it step by step would copy it several times.
  void reserve(std::size_t nodes);
  void close();
  // Attaches an existing node a second time (a YAML alias).
  void reference(NodeId id);

  int depth() const { return static_cast<int>(depth_); }
  bool is_open(NodeId id) const;
  // Inside a map, when the next node attached is a value: its key.
  NodeId pending_key() const;
  bool inside_sequence() const { return depth_ > 0 && !frames_[depth_ - 1].map; }
  // A key that was a list or map: the tree breaks the "keys are scalars" promise and must
  // not be handed out. Reported by report_bad_keys() once the whole file has parsed (an
  // unclosed '[' first looks like a key to yaml-cpp: the syntax error is the real news).
  bool broken() const { return !bad_keys_.empty(); }
  void report_bad_keys();
  Document& doc() { return doc_; }

 private:
  struct Frame {
    NodeId id = kNoNode;
    bool map = false;
    std::vector<NodeId> children;
    // Keys seen, by text: built only for maps large enough that a linear scan would cost.
    std::unordered_map<std::string, NodeId> index;
  };
  NodeId add(Node&& node);
  void attach(NodeId id);
  void check_key(Frame& frame, NodeId key);

  Document& doc_;
  Diagnostics& diags_;
  LoadLimits limits_;
  std::vector<Frame> frames_;  // frames past depth_ are kept for their buffers
  std::size_t depth_ = 0;
  std::vector<SourcePos> bad_keys_;
};

}  // namespace basis::parser_detail
