// libFuzzer target: the expression parser (conditions, metrics, filters) on arbitrary text,
// then the debug form of every tree it accepts.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "basis/parser/expression_syntax.hpp"
#include "fuzz_support.hpp"

namespace {

// Every id a tree holds names one of its nodes and every range lies inside the text: the
// engine indexes with them without checking.
void check_tree(const basis::ExpressionSyntax& syntax) {
  const std::size_t size = syntax.input.text.size();
  BASIS_FUZZ_CHECK(syntax.root < syntax.nodes.size());
  for (const basis::ExprNode& node : syntax.nodes) {
    BASIS_FUZZ_CHECK(node.begin <= node.end && node.end <= size);
    BASIS_FUZZ_CHECK(node.token_begin <= node.token_end && node.token_end <= size);
    BASIS_FUZZ_CHECK(node.pos.known() && node.token_pos.known());
    for (basis::ExprId child : node.children) BASIS_FUZZ_CHECK(child < syntax.nodes.size());
    switch (node.kind) {
      case basis::ExprKind::unary:
        BASIS_FUZZ_CHECK(node.children.size() == 1);
        break;
      case basis::ExprKind::member:
        BASIS_FUZZ_CHECK(node.children.size() == 1);
        break;
      case basis::ExprKind::binary:
      case basis::ExprKind::index:
      case basis::ExprKind::where:
        BASIS_FUZZ_CHECK(node.children.size() == 2);
        break;
      default:
        break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  basis::SourceRef source =
      basis::fuzz::make_source("rules.yaml", basis::fuzz::input_text(data, size));
  basis::Diagnostics diags;
  std::optional<basis::ExpressionSyntax> syntax =
      basis::parse_expression(basis::fuzz::whole_text(source), diags);
  BASIS_FUZZ_CHECK_RESULT(syntax.has_value(), diags);
  if (syntax) {
    check_tree(*syntax);
    const std::string sexpr = basis::to_sexpr(*syntax);
    BASIS_FUZZ_CHECK(!sexpr.empty());
    for (basis::ExprId id = 0; id < syntax->nodes.size(); ++id) (void)syntax->text_of(id);
  }
  BASIS_FUZZ_DIAGNOSTICS(diags);
  return 0;
}
