#pragma once
// Private to the explanation builder: the pieces explain_*.cpp share.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "basis/engine/explain.hpp"
#include "basis/engine/negotiation.hpp"
#include "basis/engine/totals_report.hpp"

namespace basis::explain_detail {

// Warnings of one build: each once, as text for Explanation::warnings and, when it has a
// place in a file, also into the caller's diagnostics.
class Reporter {
 public:
  Reporter(Diagnostics& diags, std::vector<std::string>& warnings, std::string workspace)
      : diags_(diags), warnings_(warnings), workspace_(std::move(workspace)) {}
  void warn(const SourceRef& source, SourcePos pos, const std::string& message,
            std::uint32_t length = 1);
  void warn(const std::string& message);
  // Diagnostics reported by evaluation: passed on to the caller, warnings also as text.
  void take(const Diagnostics& evaluation);
  const std::string& workspace() const { return workspace_; }

 private:
  Diagnostics& diags_;
  std::vector<std::string>& warnings_;
  std::string workspace_;
  std::set<std::string> seen_;
};

// A path as traces and warnings show it: relative to the workspace when one is given.
std::string relative_path(const std::string& path, const std::string& workspace);

// Renders the templates of rules against one evaluation: placeholders formatted by their
// filters, numbers traced, whitespace collapsed as prose.
class TemplateRenderer {
 public:
  TemplateRenderer(RuleEvaluation& evaluation, bool client, std::vector<TraceEntry>& traces,
                   Reporter& reporter, Diagnostics& eval_diags)
      : ev_(evaluation),
        estimate_(evaluation.estimate()),
        client_(client),
        traces_(traces),
        reporter_(reporter),
        eval_diags_(eval_diags) {}

  // `item` is the rule's for_each element (null otherwise). An absent or uncompiled
  // template gives empty text.
  RichText render(const TemplateField& field, const RuleSyntax& rule, const RuleValue& item);
  // Plain text, for titles; numbers in it are not traced.
  std::string render_plain(const TemplateField& field, const RuleSyntax& rule,
                           const RuleValue& item);

 private:
  struct State;
  void render_parts(State& st, std::span<const TemplatePartId> parts);
  void placeholder(State& st, const TemplatePart& part);
  void loop(State& st, TemplatePartId id, const TemplatePart& part);
  // The ids of these items (sorted, distinct indices), one shared list per distinct set.
  ItemIds item_ids(const std::vector<std::size_t>& indices);

  RuleEvaluation& ev_;
  const Estimate& estimate_;
  bool client_;
  std::vector<TraceEntry>& traces_;
  Reporter& reporter_;
  Diagnostics& eval_diags_;
  std::map<std::vector<std::size_t>, ItemIds> item_lists_;
};

// Whitespace collapsed within a line (folded YAML reads as prose) while the line structure
// Markdown needs is kept: blank lines, list items, `|` tables, headings, quotes, fences.
RichText normalize_whitespace(const RichText& raw);

// The text a value shows without filters: numbers grouped with at most 2 decimals, items
// by name, groups by key, lists as "A, B and C"; nullopt for null (and for values that
// have no text, such as records).
std::optional<std::string> display_text(RuleEvaluation& ev, const RuleValue& value);

// Money as the estimate shows it.
Figure money_figure(const Estimate& estimate, Decimal amount);
// How `value` differs from `base`, as the options table shows it: money with a sign
// ("-$13,409.00", "+$120.00") and the fraction of `base` ("-1.3%"; empty when base is 0).
void change_figures(const Estimate& estimate, Decimal value, Decimal base, Figure& delta,
                    Figure& percent);
// A share in tenths of a percent (largest remainder) as a figure: exact 0.355, "35.5%".
Figure share_figure(std::int64_t tenths);

// The text of an item attribute (text, number or boolean), or "".
std::string attribute_text(const LineItem& item, std::string_view key);
std::string value_text(const Value& value);

// Output order of rules: priority (higher first), then load order.
std::vector<std::size_t> output_order(const RuleProgram& program);

// ---- parts of the builder ---------------------------------------------------------------------

// The options taken with `--with` and the estimate they give (explain_combine.cpp).
struct TakenScenario {
  Estimate estimate;               // the options applied in rule-file order, recomputed
  std::vector<OptionRef> options;  // rule-file order
  Decimal total_before;
  bool taken(const OptionSyntax& option) const;
  // The taken option that adjusts an adjustment `option` also adjusts (so that `option`
  // cannot be offered beside it), or nullptr.
  const OptionSyntax* clash(const OptionSyntax& option) const;
};

// Takes the request's with_options: resolves them, checks that each one's rule applies and
// that each changes something, and computes the scenario. nullopt with errors in `diags`.
std::optional<TakenScenario> take_options(const ExplainRequest& request, Diagnostics& diags);

struct BuildContext {
  const ExplainRequest& request;
  RuleEvaluation& ev;
  const Estimate& estimate;
  const RuleProgram& program;
  StyleProfile profile;
  bool client = true;
  Reporter& reporter;
  Diagnostics& eval_diags;
  TemplateRenderer& renderer;
  std::vector<TraceEntry>& traces;  // the pool the rich text's `trace` indices point into
  TotalsReport report;
  std::vector<std::size_t> order;                              // output order of rules
  std::map<std::string, std::size_t, std::less<>> item_index;  // item id -> index
  const TakenScenario* taken = nullptr;  // --with: the options the estimate already has
  // Whether a rule is kept and shown in this style (section internal: internal style only).
  bool kept(std::size_t rule) const;
  const RuleSyntax& rule(std::size_t r) const { return *program.rule_refs()[r].rule; }
  const RuleResult& result(std::size_t r) const { return ev.rules()[r]; }
  // The rule's for_each elements (one null element for a rule without for_each).
  std::vector<RuleValue> elements(std::size_t r) const;
  std::string item_id(const RuleValue& element) const;
  // Item ids in estimate order.
  std::vector<std::string> ids(const std::vector<std::size_t>& items) const;
  std::vector<std::size_t> indices(const std::vector<std::string>& ids) const;
};

void build_summary(BuildContext& ctx, Explanation& out);
void build_statements(BuildContext& ctx, Explanation& out,
                      std::vector<std::vector<Statement>>& by_section);
void build_drivers(BuildContext& ctx, Explanation& out, std::vector<Statement> drivers_statements,
                   std::vector<Statement>& unassigned);
void build_basis(BuildContext& ctx, Explanation& out);
void build_benchmarks(BuildContext& ctx, Explanation& out);
void build_risks(BuildContext& ctx, Explanation& out);
// The simulated P50 / P80 / P90 totals (explain_risk_simulation.cpp).
void build_risk_simulation(BuildContext& ctx, Explanation& out);
void build_buildup(BuildContext& ctx, Explanation& out);
void build_questions(BuildContext& ctx, Explanation& out);
void build_options(BuildContext& ctx, Explanation& out);
void build_coverage(BuildContext& ctx, Explanation& out);
void build_internal(BuildContext& ctx, Explanation& out);
void build_previous(BuildContext& ctx, Explanation& out);
void build_taken(BuildContext& ctx, Explanation& out);        // explain_combine.cpp
void build_budget(BuildContext& ctx, Explanation& out);       // explain_budget.cpp
void build_concessions(BuildContext& ctx, Explanation& out);  // explain_margin.cpp
// The brief's figures of cost and margin (internal style only; explain_margin.cpp).
void build_margin_figures(BuildContext& ctx, Explanation& out);

// Renumbers the trace in order of appearance (sections in the style's order) and drops the
// entries no shown text refers to.
void number_trace(Explanation& out, std::vector<TraceEntry>& pool);

// The reconciliation and confidentiality guarantees; false (with an error) when one fails.
bool check_guarantees(const BuildContext& ctx, const Explanation& out, Diagnostics& diags);

}  // namespace basis::explain_detail
