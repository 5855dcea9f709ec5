#pragma once
// A statement's Markdown parsed by cmark-gfm (tables and strikethrough enabled), made safe
// for a self-contained document: raw HTML is removed, links keep their text but lose their
// target, images are replaced by their alternative text. cmark-gfm stays behind this header.

#include <string>
#include <string_view>

struct cmark_node;
struct cmark_parser;

namespace basis::explain {

class MarkdownTree {
 public:
  explicit MarkdownTree(std::string_view markdown);
  ~MarkdownTree();
  MarkdownTree(const MarkdownTree&) = delete;
  MarkdownTree& operator=(const MarkdownTree&) = delete;

  cmark_node* root() const { return root_; }
  // HTML with every text escaped; raw HTML never passes (see above, and cmark's safe mode).
  std::string html() const;

 private:
  cmark_parser* parser_ = nullptr;
  cmark_node* root_ = nullptr;
};

}  // namespace basis::explain
