#pragma once
// Private to the rules engine: compiles one expression tree (ExpressionSyntax) into nodes of
// the program, resolving names in the scopes in force, checking types, and tracking for
// each node its static type, whether it depends on the current element or a loop variable,
// and whether it depends on internal data (and through what).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rules_program.hpp"

namespace basis::detail {

// What an expression may see besides item scope.
struct CompileEnv {
  bool metrics = true;
  bool totals = true;
  bool previous = true;
  std::string_view no_totals_reason;  // why totals/previous are not available
};

// A scope opened by for_each, where, or a template loop.
struct Frame {
  bool is_local = false;       // a template loop variable
  std::string name;            // the loop variable
  std::uint32_t slot = kNone;  // its local slot; `loop` is slot + 1
  Type type;                   // the element's type
  bool binds_item = false;     // the element is `item` and its fields are bare names
};

struct NodeInfo {
  Type type;
  std::uint64_t deps = 0;  // frames (by index) the value depends on
  bool constant = false;
  bool costly = false;  // contains a loop over a collection: worth computing once
  bool tainted = false;
  // The first internal read, in source order: a metric, or a path such as
  // "estimate.internal.floor", at a place in the text.
  std::uint32_t taint_metric = kNone;
  std::string taint_path;
  SourceRef taint_source;
  SourcePos taint_pos;
  std::uint32_t taint_length = 1;
  bool taint_chain = false;  // the node itself reads an internal path (a.internal.b)
};

class ExprCompiler {
 public:
  ExprCompiler(ProgramData& program, Diagnostics& diags,
               const std::map<std::string, std::uint32_t, std::less<>>& metric_index);

  // Compiles the expression rooted at `root` of `syntax`. Returns kNone when it could not
  // be compiled (the error was reported).
  std::uint32_t compile(const ExpressionSyntax& syntax, ExprId root, std::uint32_t owner,
                        bool repeated);

  const NodeInfo& info(std::uint32_t node) const { return infos_[node]; }

  std::vector<Frame> frames;
  CompileEnv env;

 private:
  struct Ctx {
    const ExpressionSyntax* syntax;
    std::uint32_t owner;
  };

  std::uint32_t node(ExprId id);
  std::uint32_t name(ExprId id);
  std::uint32_t member(std::uint32_t object, std::string_view name, ExprId at);
  std::uint32_t member_of_global(std::uint32_t object, std::string_view name, ExprId at);
  std::uint32_t index(ExprId id);
  std::uint32_t call(ExprId id);
  std::uint32_t unary(ExprId id);
  std::uint32_t binary(ExprId id);
  std::uint32_t where(ExprId id);
  std::uint32_t literal_list(ExprId id);

  std::uint32_t emit(Node n, NodeInfo info, ExprId origin);
  std::uint32_t constant(RuleValue v, Type t, ExprId origin);
  std::uint32_t global(GlobalPath path, Type t, ExprId origin);
  std::uint32_t field_slot(std::string_view name);
  std::uint32_t origin(ExprId id);
  void merge(NodeInfo& into, std::uint32_t child) const;
  void taint_at(NodeInfo& info, std::string path, ExprId at) const;
  void mark_repeated(std::uint32_t child);
  bool expensive(std::uint32_t node) const;
  // The innermost frame whose element is `item`, or -1.
  int binding_frame() const;

  // At the node's token (an operator, a name), or with `whole` at the whole node.
  void error(ExprId at, std::string message, bool whole = false);
  std::string text(ExprId id) const;  // as written
  std::string describe_operand(ExprId id, const NodeInfo& info) const;

  ProgramData& program_;
  Diagnostics& diags_;
  const std::map<std::string, std::uint32_t, std::less<>>& metric_index_;
  std::vector<NodeInfo> infos_;
  Ctx ctx_{nullptr, 0};
  std::uint32_t origin_base_ = 0;  // origins of the current syntax start here
  std::vector<std::uint32_t> origin_of_expr_;
  bool ok_ = true;
};

// "a -> b -> estimate.internal.floor": the chain that makes a metric internal.
std::string taint_chain(const ProgramData& program, std::uint32_t metric);
// "'a' depends on estimate.internal.floor (a -> b -> estimate.internal.floor)", or the
// path alone when the expression reads it directly.
std::string taint_explanation(const ProgramData& program, const NodeInfo& info);

}  // namespace basis::detail
