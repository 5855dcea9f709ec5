#include "basis/parser/document.hpp"

namespace basis {

NodeId Document::find(NodeId map, std::string_view key) const {
  if (map >= nodes.size() || nodes[map].kind != NodeKind::map) return kNoNode;
  const std::vector<NodeId>& children = nodes[map].children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    const Node& k = nodes[children[i]];
    if (k.kind == NodeKind::scalar && k.text == key) return children[i + 1];
  }
  return kNoNode;
}

}  // namespace basis
