// libFuzzer target: the template parser (`{{ }}` placeholders with filters, `{% if %}` and
// `{% for %}` blocks) on arbitrary text, then the debug form of every template it accepts.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "basis/parser/template_syntax.hpp"
#include "fuzz_support.hpp"

namespace {

// Ids name existing parts and expressions, ranges lie inside the text, and every filter is
// a known one with an accepted argument count: the renderer relies on all of it.
void check_template(const basis::TemplateSyntax& syntax) {
  const std::size_t size = syntax.expressions.input.text.size();
  const std::size_t parts = syntax.parts.size();
  const std::size_t exprs = syntax.expressions.nodes.size();
  auto check_body = [&](const std::vector<basis::TemplatePartId>& body) {
    for (basis::TemplatePartId id : body) BASIS_FUZZ_CHECK(id < parts);
  };
  check_body(syntax.top);
  for (const basis::TemplatePart& part : syntax.parts) {
    BASIS_FUZZ_CHECK(part.begin <= part.end && part.end <= size);
    switch (part.kind) {
      case basis::TemplatePartKind::text:
        break;
      case basis::TemplatePartKind::placeholder:
        BASIS_FUZZ_CHECK(part.expr < exprs);
        for (const basis::TemplateFilter& filter : part.filters) {
          const basis::TemplateFilterSpec* spec = basis::find_template_filter(filter.name);
          BASIS_FUZZ_CHECK(spec != nullptr);
          const int n = static_cast<int>(filter.args.size());
          BASIS_FUZZ_CHECK(n >= spec->min_args && n <= spec->max_args);
          for (basis::ExprId arg : filter.args) BASIS_FUZZ_CHECK(arg < exprs);
        }
        break;
      case basis::TemplatePartKind::if_block:
        BASIS_FUZZ_CHECK(!part.branches.empty());
        for (std::size_t i = 0; i < part.branches.size(); ++i) {
          const basis::TemplateBranch& branch = part.branches[i];
          // Only the last branch may be `else`.
          if (i + 1 < part.branches.size()) BASIS_FUZZ_CHECK(branch.condition < exprs);
          BASIS_FUZZ_CHECK(branch.condition == basis::kNoExpr || branch.condition < exprs);
          check_body(branch.body);
        }
        break;
      case basis::TemplatePartKind::for_loop:
        BASIS_FUZZ_CHECK(part.expr < exprs);
        BASIS_FUZZ_CHECK(!part.variable.empty());
        check_body(part.body);
        break;
    }
  }
  for (const basis::ExprNode& node : syntax.expressions.nodes) {
    BASIS_FUZZ_CHECK(node.begin <= node.end && node.end <= size);
    for (basis::ExprId child : node.children) BASIS_FUZZ_CHECK(child < exprs);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  basis::SourceRef source =
      basis::fuzz::make_source("rules.yaml", basis::fuzz::input_text(data, size));
  basis::Diagnostics diags;
  std::optional<basis::TemplateSyntax> syntax =
      basis::parse_template(basis::fuzz::whole_text(source), diags);
  BASIS_FUZZ_CHECK_RESULT(syntax.has_value(), diags);
  if (syntax) {
    check_template(*syntax);
    (void)basis::to_debug_string(*syntax);
  }
  BASIS_FUZZ_DIAGNOSTICS(diags);
  return 0;
}
