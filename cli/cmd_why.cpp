// `basis why RULE_ID ESTIMATE [--rules PATH]... [--item ID] [--previous OLD]`: why a rule
// fired or not: each part of its condition with its value, indented by depth, and the
// metrics the condition uses with their definitions and values, so that an estimator can
// check every figure by hand.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "cli_common.hpp"
#include "rules_source.hpp"

namespace basis::cli {

namespace {

struct WhyOptions {
  std::string rule;
  std::string estimate;
  std::vector<std::string> rules;
  std::string item;
  std::string previous;
};

// Display width in characters (UTF-8 code points), for alignment.
std::size_t width_of(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Parts longer than this are not padded: aligning on them would push every value far right.
constexpr std::size_t kAlignLimit = 56;

struct Row {
  std::string left;
  std::string right;
};

// "left  = right" lines with the `=` aligned over the rows that are short enough.
std::string aligned(const std::vector<Row>& rows, std::string_view separator) {
  std::size_t column = 0;
  for (const Row& r : rows) {
    const std::size_t w = width_of(r.left);
    if (w <= kAlignLimit) column = std::max(column, w);
  }
  std::string out;
  for (const Row& r : rows) {
    out += r.left;
    const std::size_t w = width_of(r.left);
    if (w < column) out.append(column - w, ' ');
    out += separator;
    out += r.right;
    out += '\n';
  }
  return out;
}

std::string indent(int depth) {
  return std::string(2 + 2 * static_cast<std::size_t>(std::max(depth, 0)), ' ');
}

std::string parts_text(const std::vector<ConditionPart>& parts) {
  std::vector<Row> rows;
  for (const ConditionPart& p : parts) rows.push_back({indent(p.depth) + p.text, p.shown});
  return aligned(rows, "  = ");
}

std::string item_list(const Estimate& estimate, const std::vector<std::size_t>& indices) {
  std::string out;
  for (std::size_t i : indices) {
    if (!out.empty()) out += ", ";
    out += estimate.items[i].id();
  }
  return out;
}

// The metric names an expression refers to, in the order written (each once). Any bare name
// that is a metric means the metric: metrics come before item fields in item scope.
void referenced_metrics(const ExpressionSyntax& syntax, const RuleProgram& program,
                        std::vector<std::string>& out) {
  std::vector<std::pair<std::uint32_t, std::string>> found;
  for (const ExprNode& node : syntax.nodes) {
    if (node.kind != ExprKind::name) continue;
    if (!program.rules().find_metric(node.text)) continue;
    found.emplace_back(node.begin, node.text);
  }
  std::sort(found.begin(), found.end());
  for (auto& [offset, name] : found) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
}

// The metrics a condition uses, then the metrics those use, depth first, each shown once:
// name, value and definition in three aligned columns.
std::string metrics_text(const RuleEvaluation& ev,
                         const std::vector<const ExpressionSyntax*>& roots) {
  const RuleProgram& program = ev.program();
  struct MetricRow {
    std::string name, value, definition;
  };
  std::vector<MetricRow> rows;
  std::set<std::string> shown;
  auto visit = [&](auto&& self, const std::string& name, int depth) -> void {
    if (!shown.insert(name).second) return;
    const MetricSyntax* metric = program.rules().find_metric(name);
    if (metric == nullptr) return;
    const RuleValue* value = ev.metric(name);
    rows.push_back({indent(depth) + name, value ? ev.describe(*value) : "not computed",
                    metric->expression.text.text});
    if (!metric->expression.syntax) return;
    std::vector<std::string> uses;
    referenced_metrics(*metric->expression.syntax, program, uses);
    for (const std::string& used : uses) self(self, used, depth + 1);
  };
  for (const ExpressionSyntax* root : roots) {
    std::vector<std::string> uses;
    referenced_metrics(*root, program, uses);
    for (const std::string& used : uses) visit(visit, used, 0);
  }
  if (rows.empty()) return {};
  std::vector<Row> names;
  for (const MetricRow& r : rows) names.push_back({r.name, r.value});
  std::vector<Row> lines;
  std::size_t i = 0;
  std::string first = aligned(names, " = ");
  // Align the definitions after the values: pad each "name = value" line to the longest.
  std::vector<std::string> heads;
  for (std::size_t start = 0; start < first.size();) {
    const std::size_t end = first.find('\n', start);
    heads.push_back(first.substr(start, end - start));
    start = end + 1;
  }
  for (const std::string& head : heads) lines.push_back({head, rows[i++].definition});
  return "metrics used (value, then definition):\n" + aligned(lines, "   ");
}

// The verdict line, in words: fired, suppressed by which tier, or not fired and why.
std::string verdict(const ConditionTrace& trace, const RuleResult& result,
                    const RuleProgram& program, const RuleSyntax& rule) {
  std::string out;
  // What held: for a for_each rule, for how many of its elements.
  std::string held = trace.has_when ? "its condition holds" : "it has no condition";
  std::size_t elements = 0;
  if (trace.has_for_each) {
    const RuleValue collection =
        trace.for_each_parts.empty() ? RuleValue::null() : trace.for_each_parts.front().value;
    elements = collection.is_list() ? collection.as_list().size() : 0;
    held = trace.has_when ? fmt::format(
                                "its condition holds for {} of the {} element{} of its for_each "
                                "collection",
                                result.matched.size(), elements, elements == 1 ? "" : "s")
                          : fmt::format("its for_each collection has {} element{}", elements,
                                        elements == 1 ? "" : "s");
  }
  switch (trace.outcome) {
    case RuleOutcome::fired:
      out = "fired: " + held;
      break;
    case RuleOutcome::suppressed:
      out = fmt::format("suppressed: {}, but '{}', a higher tier of its group, is kept", held,
                        trace.kept_in_group.value_or("?"));
      break;
    case RuleOutcome::not_fired:
      if (!trace.has_for_each) {
        out = "not fired: its condition is false";
      } else if (elements == 0) {
        out = "not fired: its for_each collection is empty";
      } else {
        out = fmt::format(
            "not fired: its condition holds for none of the {} element{} of its "
            "for_each collection",
            elements, elements == 1 ? "" : "s");
      }
      break;
  }
  if (trace.group) {
    // The tiers as the engine settles them: higher priority first, ties in file order.
    std::vector<const RuleSyntax*> tiers;
    for (const auto& ref : program.rule_refs()) {
      if (ref.rule->group.text == *trace.group) tiers.push_back(ref.rule);
    }
    std::stable_sort(tiers.begin(), tiers.end(), [](const RuleSyntax* a, const RuleSyntax* b) {
      return a->priority > b->priority;
    });
    std::string list;
    for (const RuleSyntax* t : tiers) {
      list += fmt::format("{}'{}' ({})", list.empty() ? "" : ", ", t->id, t->priority);
    }
    out += fmt::format(
        "\ngroup '{}', tiers from the highest priority: {}\nkept tier: ", *trace.group, list);
    if (!trace.kept_in_group) {
      out += "none (no tier's condition holds)";
    } else {
      out += fmt::format("'{}'{}", *trace.kept_in_group,
                         *trace.kept_in_group == rule.id ? " (this rule)" : "");
    }
  }
  return out;
}

// A rule file's path as shown: relative to the current directory when the file is under it
// (the standard library is found by an absolute path), so that the output reads the same on
// every machine; otherwise the path as it was loaded.
std::string shown_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path loaded(path);
  if (loaded.is_relative()) return path;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return path;
  // The current directory is canonical; the library path may go through a symlink.
  for (const fs::path& candidate : {loaded.lexically_normal(), fs::weakly_canonical(loaded, ec)}) {
    if (candidate.empty()) continue;
    const fs::path relative = candidate.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != ".." && relative.is_relative()) {
      return relative.generic_string();
    }
  }
  return path;
}

std::string render(const ConditionTrace& trace, RuleEvaluation& ev, bool item_given) {
  const RuleProgram& program = ev.program();
  const std::size_t index = *program.find_rule(trace.rule_id);
  const LoadedRules::RuleRef& ref = program.rule_refs()[index];
  const RuleSyntax& rule = *ref.rule;
  const RuleResult& result = ev.rules()[index];
  const Estimate& estimate = ev.estimate();

  std::string out = fmt::format("rule '{}'", rule.id);
  if (rule.title.present()) out += fmt::format(" ({})", rule.title.text);
  if (ref.file->source) {
    out += fmt::format(", {}:{}:{}", shown_path(ref.file->source->path()), rule.id_pos.line,
                       rule.id_pos.column);
  }
  out += "\n" + verdict(trace, result, program, rule) + "\n";

  std::vector<const ExpressionSyntax*> roots;
  if (trace.has_for_each) {
    out += "\nfor_each: " + rule.for_each.text.text + "\n" + parts_text(trace.for_each_parts);
    if (!trace.for_each_items.empty()) {
      out += "  items: " + item_list(estimate, trace.for_each_items) + "\n";
    }
    if (trace.has_when && !result.matched.empty()) {
      std::string matched;
      for (const RuleValue& v : result.matched) {
        const LineItem* item = ev.item(v);
        matched += (matched.empty() ? "" : ", ") + (item ? item->id() : ev.describe(v));
      }
      out += "  matching the condition: " + matched + "\n";
    }
    if (trace.item && !trace.item_in_collection) {
      out += fmt::format("  item {} is not an element of the collection\n",
                         estimate.items[*trace.item].id());
    }
    if (rule.for_each.syntax) roots.push_back(rule.for_each.syntax.get());
  }
  if (trace.has_when) {
    out += "\nwhen: " + rule.when.text.text + "\n";
    if (trace.has_for_each) {
      if (trace.item) {
        std::string_view chosen_by;  // how the element was chosen, when it was not given
        if (!item_given) {
          chosen_by = result.matched.empty()
                          ? " (the first element; choose another with --item)"
                          : " (the first element it holds for; choose another with --item)";
        }
        out +=
            fmt::format("  evaluated for item {}{}\n", estimate.items[*trace.item].id(), chosen_by);
      } else {
        out += "  evaluated without an item: the collection is empty\n";
      }
    }
    out += parts_text(trace.when_parts);
    if (rule.when.syntax) roots.push_back(rule.when.syntax.get());
  } else {
    out += trace.has_for_each ? "\nwhen: (none) every element of the collection is a statement\n"
                              : "\nwhen: (none) the rule always applies\n";
  }
  if (result.fired() && !result.explained_items.empty()) {
    out += "\nexplains: " + item_list(estimate, result.explained_items) + "\n";
  }
  const std::string metrics = metrics_text(ev, roots);
  if (!metrics.empty()) out += "\n" + metrics;
  return out;
}

int run_why(const WhyOptions& options) {
  Diagnostics diags;
  std::optional<EstimateSyntax> syntax = load_estimate(options.estimate, diags);
  std::optional<Estimate> estimate;
  if (syntax) {
    const EstimateSyntax& s = *syntax;  // choose the rules before the syntax is moved
    WorkspaceLookup workspace = find_applicable_workspace(options.estimate, diags);
    std::optional<RuleChoice> choice;
    if (workspace.ok) {
      choice = choose_rule_files(options.rules,
                                 workspace.workspace ? &*workspace.workspace : nullptr, s, diags);
    }
    std::shared_ptr<const RuleProgram> program;
    if (choice) program = load_program(choice->paths, diags);
    estimate = compute_estimate(std::move(*syntax), diags, applies_to_filter());
    std::optional<Estimate> previous;
    if (!options.previous.empty()) {
      if (auto old = load_estimate(options.previous, diags)) {
        previous = compute_estimate(std::move(*old), diags, applies_to_filter());
      }
    }
    if (program && estimate && !diags.has_errors()) {
      RuleEvaluation ev = evaluate(*program, *estimate, previous ? &*previous : nullptr, diags);
      std::optional<std::string_view> item;
      if (!options.item.empty()) item = options.item;
      std::optional<ConditionTrace> trace = explain_condition(ev, options.rule, item, diags);
      print_diagnostics(diags);
      if (!trace || diags.has_errors()) return kExitInvalid;
      return write_output("", render(*trace, ev, item.has_value())) ? kExitOk : kExitInvalid;
    }
  }
  print_diagnostics(diags);
  return kExitInvalid;
}

}  // namespace

void add_why_command(CLI::App& app) {
  auto options = std::make_shared<WhyOptions>();
  CLI::App* command = app.add_subcommand(
      "why", "Why a rule fired or not: each part of its condition with its value");
  command->add_option("RULE_ID", options->rule, "The rule's id")->required();
  add_estimate_argument(command, options->estimate);
  add_rules_option(command, options->rules);
  command
      ->add_option("--item", options->item,
                   "For a for_each rule: the item to evaluate the condition for (default: the "
                   "first element it holds for, else the first element)")
      ->type_name("ID");
  command
      ->add_option("--previous", options->previous,
                   "The previous revision of the estimate (for rules that use `previous`)")
      ->type_name("FILE");
  command->callback([options] { set_exit_code(run_why(*options)); });
}

}  // namespace basis::cli
