#pragma once
// A rule set (format `rules/1`) read and checked, but not compiled: every field with its
// position, every expression and template already parsed, so that a syntax error in a
// condition comes out of loading with file:line:column. The engine compiles this tree
// (names, types, internal-value flow) and evaluates it; nothing here evaluates anything.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/core/source.hpp"
#include "basis/parser/estimate_syntax.hpp"  // ExpressionText
#include "basis/parser/expression_syntax.hpp"
#include "basis/parser/template_syntax.hpp"
#include "basis/parser/value.hpp"

namespace basis {

// ---- names ------------------------------------------------------------------------------

// Where a rule's statement goes. The order is the spec's list, not an output order: each
// style decides its own order.
enum class RuleSection : std::uint8_t {
  summary,
  drivers,
  basis,
  assumptions,
  exclusions,
  risks,
  options,
  questions,
  objections,
  internal
};
std::string_view section_name(RuleSection section);
std::optional<RuleSection> parse_section(std::string_view name);
std::span<const std::string_view> section_names();

// The reader's decision style. `internal` is the firm's own negotiation brief.
enum class DecisionStyle : std::uint8_t { driver, analytical, amiable, expressive, internal };
std::string_view style_name(DecisionStyle style);
std::optional<DecisionStyle> parse_style(std::string_view name);
std::span<const std::string_view> style_names();         // all five
std::span<const std::string_view> client_style_names();  // the four client-facing ones

// The sections a style profile may list under `styles: {S: {sections: [...]}}`: the rule
// sections plus the built-in parts of an explanation that no rule writes.
std::span<const std::string_view> explanation_section_names();

enum class StyleDetail : std::uint8_t { brief, full };
enum class BenchmarkFormat : std::uint8_t { percent, money, number, hours };
std::string_view benchmark_format_name(BenchmarkFormat format);

// The item fields an option's `scale` and `set` may change.
enum class CostField : std::uint8_t { hours, quantity, rate, unit_cost, amount };
std::string_view cost_field_name(CostField field);

// ---- fields -----------------------------------------------------------------------------

// A plain text field (title, label, group, ...). `pos` is unknown when the field is absent.
struct TextField {
  std::string text;
  SourcePos pos;
  bool present() const { return pos.known(); }
};

// An expression as written and, after a successful load, parsed. `pos` is where the value
// starts in the file (for a quoted value: the quote); `text.anchors` map each offset of
// the text to its file position, also across the lines of a folded scalar.
struct ExpressionField {
  ExpressionText text;
  SourcePos pos;
  std::shared_ptr<const ExpressionSyntax> syntax;  // null when absent or not parsed
  bool present() const { return pos.known(); }
};

// A template (Markdown with `{{ }}` and `{% %}`), as written and parsed.
struct TemplateField {
  ExpressionText text;
  SourcePos pos;
  std::shared_ptr<const TemplateSyntax> syntax;  // null when absent or not parsed
  bool present() const { return pos.known(); }
};

// A number written in a rule file: `0.8`, `110`, or a percentage `25%` (held as 0.25).
struct NumberField {
  Decimal value;
  bool percent = false;  // written with `%`
  SourcePos pos;
};

// ---- rules ------------------------------------------------------------------------------

struct BenchmarkSyntax {
  ExpressionField value;
  NumberField low, high;       // range [low, high]; low <= high
  bool range_percent = false;  // the range was written with `%`
  TextField label;
  TextField source;
  std::optional<BenchmarkFormat> format;  // as written
  SourcePos format_pos;
  SourcePos pos;  // the `benchmark:` key
  // `format`, else percent when the range was written with `%`, else number.
  BenchmarkFormat effective_format() const;
};

struct ObjectionSyntax {
  TemplateField objection;
  TemplateField response;
  SourcePos pos;
};

// One operation of an option's `change`, applied in order to a copy of the estimate.
struct ChangeOp {
  enum class Kind : std::uint8_t { remove, scale, set, add, adjust };
  Kind kind = Kind::remove;
  SourcePos pos;  // the operation's key (`remove`, `scale`, ...)

  // remove: `filter`; scale and set: `filter` is `where`.
  ExpressionField filter;
  CostField field = CostField::hours;  // scale, set
  SourcePos field_pos;
  NumberField by;  // scale: the factor
  // set: a number, or (for rate and unit_cost) the name of a rate-card entry.
  std::optional<NumberField> to_number;
  TextField to_rate_name;
  // add: the new item as written (a map), for the engine to check as an estimate item.
  Value item;
  // adjust: the adjustment's id and its new percent (written with %) or amount.
  TextField adjustment_id;
  std::optional<NumberField> percent;
  std::optional<NumberField> amount;
};
std::string_view change_op_name(ChangeOp::Kind kind);

struct OptionSyntax {
  std::string id;
  SourcePos id_pos;
  TemplateField title;
  std::vector<ChangeOp> change;
  TemplateField tradeoff;
  TemplateField ask_in_return;  // internal: reaches only the negotiation brief
  SourcePos pos;
};

struct StyleTextSyntax {
  DecisionStyle style = DecisionStyle::driver;  // never internal
  TemplateField text;
  SourcePos key_pos;
};

struct RuleSyntax {
  std::string id;
  SourcePos id_pos;
  TextField title;
  RuleSection section = RuleSection::basis;
  SourcePos section_pos;  // unknown when defaulted
  std::int64_t priority = 0;
  SourcePos priority_pos;
  ExpressionField when;
  ExpressionField for_each;
  ExpressionField explains;
  bool explains_item = false;  // `explains: item` (one statement per for_each element)
  TemplateField text;
  std::vector<StyleTextSyntax> by_style;  // in file order
  std::optional<BenchmarkSyntax> benchmark;
  std::vector<TemplateField> questions;
  std::vector<ObjectionSyntax> objections;
  std::vector<OptionSyntax> options;
  TemplateField internal;
  TextField group;
  SourcePos pos;  // the rule's first key

  // The by_style text for `style`, or nullptr (the caller falls back to `text`).
  const TemplateField* text_for(DecisionStyle style) const;
};

struct MetricSyntax {
  std::string name;
  SourcePos name_pos;
  ExpressionField expression;
};

// ---- settings ---------------------------------------------------------------------------

struct ClassBoundsSyntax {
  int estimate_class = 0;  // 1..5
  NumberField low;         // a fraction, <= 0: -15% is -0.15
  NumberField high;        // a fraction, >= 0
  SourceRef source;        // the file that set it (settings are merged across files)
  SourcePos pos;           // the class key
};

struct StyleSectionRef {
  std::string name;  // one of explanation_section_names()
  SourcePos pos;
};

// After merging, `sections` and `detail` may come from different files: each keeps its own.
struct StyleOverrideSyntax {
  DecisionStyle style = DecisionStyle::driver;
  std::optional<std::vector<StyleSectionRef>> sections;  // in the order to show them
  SourceRef sections_source;
  SourcePos sections_pos;
  std::optional<StyleDetail> detail;
  SourceRef detail_source;
  SourcePos detail_pos;
};

// `drivers_by`, `class_bounds` and `styles` of one file, or merged over everything loaded.
struct RuleSettings {
  TextField drivers_by;
  SourceRef drivers_by_source;
  std::vector<ClassBoundsSyntax> class_bounds;  // sorted by class, one per class
  std::vector<StyleOverrideSyntax> styles;      // sorted by style, one per style

  const ClassBoundsSyntax* bounds_for(int estimate_class) const;
  const StyleOverrideSyntax* style(DecisionStyle style) const;
};

// ---- files ------------------------------------------------------------------------------

struct ImportSyntax {
  std::string path;      // as written
  std::string resolved;  // relative to the importing file, normalized: what is opened
  SourcePos pos;
};

struct RuleSetSyntax {
  SourceRef source;
  std::string name;  // `ruleset:`, else the file name without extension
  SourcePos name_pos;
  TextField description;
  std::vector<ImportSyntax> imports;
  std::vector<MetricSyntax> define;  // in file order
  std::vector<RuleSyntax> rules;     // in file order
  RuleSettings settings;

  const RuleSyntax* find_rule(std::string_view id) const;
};

// Everything `load_rules` read: each file once, imports first.
struct LoadedRules {
  // Load order, which is also evaluation order: for each path given, its imports first
  // (depth-first, in the order they are listed), then the file itself.
  std::vector<RuleSetSyntax> files;
  // Settings merged over all files: each setting (drivers_by, each class of class_bounds,
  // each style's sections and each style's detail) comes from the first file that sets
  // it in precedence order, which is the files as given, each followed by its imports
  // (depth-first): the file the user names overrides what it imports.
  RuleSettings settings;

  struct RuleRef {
    const RuleSetSyntax* file;
    const RuleSyntax* rule;
  };
  std::vector<RuleRef> rules() const;  // evaluation order
  const RuleSyntax* find_rule(std::string_view id) const;
  const MetricSyntax* find_metric(std::string_view name) const;
};

// Reads and checks one rule file without following its imports (their paths are resolved
// but not opened). Duplicate rule ids, option ids and metric names within the file are
// errors. Returns nullopt when any error was reported.
std::optional<RuleSetSyntax> load_ruleset(const std::string& path, Diagnostics& diags);
std::optional<RuleSetSyntax> load_ruleset_text(const SourceRef& source, Diagnostics& diags);

// Reads the given rule files and everything they import, each file once (files are the
// same when their canonical paths are), reporting every problem of every file. An import
// cycle is an error at the import that closes it. Rule ids, option ids and metric names
// must be unique across everything loaded: the later one is the error, with a note at
// the first. Returns nullopt when any error was reported.
std::optional<LoadedRules> load_rules(std::span<const std::string> paths, Diagnostics& diags);

}  // namespace basis
