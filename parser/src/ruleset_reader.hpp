#pragma once
// Private to the rule-set loader: typed reads of a Document's nodes that report what is
// wrong in an estimator's words and keep going, so that one run lists every problem.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/diagnostic.hpp"
#include "basis/parser/document.hpp"
#include "basis/parser/ruleset_syntax.hpp"

namespace basis::rules_detail {

struct Entry {
  std::string_view key;
  NodeId key_node;
  NodeId value;
};

class NodeReader {
 public:
  NodeReader(const Document& doc, Diagnostics& diags) : doc_(doc), diags_(diags) {}

  const Document& doc() const { return doc_; }
  const SourceRef& source() const { return doc_.source; }
  const Node& node(NodeId id) const { return doc_.node(id); }
  Diagnostics& diags() { return diags_; }

  // An error underlining the node (a scalar's whole text when it is on one line).
  Diagnostic& error(NodeId at, std::string message);
  Diagnostic& error_at(SourcePos pos, std::string message, std::uint32_t length = 1);

  bool is_null(NodeId id) const;
  bool is_scalar(NodeId id) const { return node(id).kind == NodeKind::scalar; }
  bool is_map(NodeId id) const { return node(id).kind == NodeKind::map; }
  bool is_sequence(NodeId id) const { return node(id).kind == NodeKind::sequence; }
  // "a list", "a map", "text": what was found, for "must be X, not Y".
  std::string_view kind_name(NodeId id) const;

  // The entries of a map in file order, each key once (a repeated key was reported by
  // load_yaml; its later values are skipped). A key not in `known` is an error at the key
  // with a suggestion, named "unknown <what> 'key'"; keys starting with `x-` are
  // extensions and are skipped silently.
  std::vector<Entry> entries(NodeId map, std::span<const std::string_view> known,
                             std::string_view what);
  // The elements of a sequence; a null value reads as an empty list. Anything else is
  // an error "'<field>' must be a list of <of>".
  std::optional<std::vector<NodeId>> list(NodeId id, std::string_view field, std::string_view of);
  // Requires a map ("<what> must be a map of <of>").
  bool expect_map(NodeId id, std::string_view what, std::string_view of);

  // A scalar's text; an error when the value is a list or map, or empty and required.
  std::optional<std::string> text(NodeId id, std::string_view field, bool allow_empty = false);
  TextField text_field(NodeId id, std::string_view field);
  ExpressionField expression(NodeId id, std::string_view field);
  TemplateField template_text(NodeId id, std::string_view field);
  std::optional<std::int64_t> whole_number(NodeId id, std::string_view field);

  // The text with anchors of a scalar, for the expression and template parsers.
  ExpressionText expression_text(NodeId id) const;

 private:
  const Document& doc_;
  Diagnostics& diags_;
};

// Number text: `12`, `-0.5`, `25%` (0.25). nullopt when it is not one.
std::optional<NumberField> parse_number_text(std::string_view text, SourcePos pos);
// Letters, digits, `-` and `_`: rule and option ids.
bool is_id(std::string_view text);
// Letters, digits and `_`, not starting with a digit: metric names.
bool is_identifier(std::string_view text);
// 'text'
inline std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}
// "a, b, c or d"
std::string one_of(std::span<const std::string_view> names, std::string_view last = "or");
std::uint32_t char_count(std::string_view text);

// Readers of the parts of a rule set (each in its own file).
std::vector<RuleSyntax> read_rules(NodeReader& r, NodeId rules);
std::optional<BenchmarkSyntax> read_benchmark(NodeReader& r, NodeId key, NodeId value);
std::vector<OptionSyntax> read_options(NodeReader& r, NodeId options);
void read_drivers_by(NodeReader& r, NodeId value, RuleSettings& out);
void read_class_bounds(NodeReader& r, NodeId value, RuleSettings& out);
void read_styles(NodeReader& r, NodeId value, RuleSettings& out);
// A node as an open value (for `add:` items), bounded so that aliases cannot blow it up.
Value read_value(NodeReader& r, NodeId id);

// Merges `from` into `into`: a setting already in `into` wins.
void merge_settings(RuleSettings& into, const RuleSettings& from);

// One file, without following its imports. The result is kept even when the file has
// errors, so that its imports are still followed and every problem is reported.
RuleSetSyntax read_ruleset_file(const SourceRef& source, Diagnostics& diags);

// Rule ids, option ids and metric names are unique across `files` (in load order): the
// later one is the error, with a note where the name was first defined.
void check_unique(std::span<const RuleSetSyntax> files, Diagnostics& diags);

// Parses every expression and template of the file; syntax errors are reported with
// their file positions.
void parse_rule_expressions(RuleSetSyntax& ruleset, Diagnostics& diags);

}  // namespace basis::rules_detail
