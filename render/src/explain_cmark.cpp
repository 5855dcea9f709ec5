// cmark-gfm behind MarkdownTree (see explain_cmark.hpp).

#include "explain_cmark.hpp"

#include <mutex>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

namespace basis::explain {

namespace {

// Without CMARK_OPT_UNSAFE, cmark replaces any raw HTML it still finds by a comment and
// drops javascript: style link targets; the tree walk below removes both kinds anyway.
constexpr int kOptions = CMARK_OPT_DEFAULT;

void register_extensions() {
  // The registry is global: register once even when explanations render on many threads.
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

void attach(cmark_parser* parser, const char* name) {
  if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
    cmark_parser_attach_syntax_extension(parser, extension);
  }
}

// Raw HTML out; links and images replaced by their content (an image's content is its
// alternative text), so that nothing refers outside the document.
void make_self_contained(cmark_node* root) {
  std::vector<cmark_node*> drop, unwrap;
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        drop.push_back(node);
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        unwrap.push_back(node);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(iter);
  // Outer links come first in document order, so their children move out before an inner
  // image is unwrapped in turn; nodes are freed only once they have no children.
  for (cmark_node* node : unwrap) {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
  }
  for (cmark_node* node : drop) cmark_node_free(node);
}

}  // namespace

MarkdownTree::MarkdownTree(std::string_view markdown) {
  register_extensions();
  parser_ = cmark_parser_new(kOptions);
  attach(parser_, "table");
  attach(parser_, "strikethrough");
  cmark_parser_feed(parser_, markdown.data(), markdown.size());
  root_ = cmark_parser_finish(parser_);
  make_self_contained(root_);
}

MarkdownTree::~MarkdownTree() {
  if (root_ != nullptr) cmark_node_free(root_);
  if (parser_ != nullptr) cmark_parser_free(parser_);
}

std::string MarkdownTree::html() const {
  char* rendered = cmark_render_html(root_, kOptions, cmark_parser_get_syntax_extensions(parser_));
  std::string out = rendered != nullptr ? rendered : "";
  cmark_get_default_mem_allocator()->free(rendered);
  return out;
}

}  // namespace basis::explain
