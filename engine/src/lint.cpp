// `basis lint`'s findings. Metric use is read from the syntax (every name of every
// expression and template of the loaded rules); firing, option matches and coverage come
// from evaluating the program on each estimate, with the same functions the explanation
// uses, so that lint and explain never disagree about what fires, matches or is covered.

#include "basis/engine/lint.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "basis/engine/explain.hpp"
#include "basis/engine/negotiation.hpp"

namespace basis {

namespace {

std::uint32_t characters(std::string_view text) {
  std::uint32_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n == 0 ? 1 : n;
}

std::string counted_estimates(std::size_t n) {
  return n == 1 ? std::string("1 estimate") : fmt::format("{} estimates", n);
}

std::string quoted_list(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += fmt::format("{}'{}'", i == 0 ? "" : ", ", names[i]);
  }
  return out;
}

// Every metric a piece of syntax names. A bare name that is a metric always means the
// metric: metrics come before item fields in item scope.
class MetricReads {
 public:
  explicit MetricReads(const RuleProgram& program) {
    for (std::string_view name : program.metric_names()) {
      index_.emplace(name, names_.size());
      names_.push_back(name);
    }
    read_by_metric_.resize(names_.size());
    uses_.resize(names_.size());
    read_elsewhere_.assign(names_.size(), false);
  }

  // `reader`: the metric whose definition this is, or nullopt for any other place.
  void scan(const ExpressionSyntax* syntax, std::optional<std::size_t> reader) {
    if (syntax == nullptr) return;
    for (const ExprNode& node : syntax->nodes) {
      if (node.kind != ExprKind::name) continue;
      const auto found = index_.find(node.text);
      if (found == index_.end()) continue;
      const std::size_t read = found->second;
      if (!reader) {
        read_elsewhere_[read] = true;
      } else if (*reader != read) {
        read_by_metric_[read].push_back(*reader);
        uses_[*reader].push_back(read);
      }
    }
  }
  void scan(const ExpressionField& field) { scan(field.syntax.get(), std::nullopt); }
  void scan(const TemplateField& field) {
    if (field.syntax) scan(&field.syntax->expressions, std::nullopt);
  }

  void scan_rule(const RuleSyntax& rule) {
    scan(rule.when);
    scan(rule.for_each);
    scan(rule.explains);
    scan(rule.text);
    for (const StyleTextSyntax& s : rule.by_style) scan(s.text);
    if (rule.benchmark) scan(rule.benchmark->value);
    for (const TemplateField& q : rule.questions) scan(q);
    for (const ObjectionSyntax& o : rule.objections) {
      scan(o.objection);
      scan(o.response);
    }
    for (const OptionSyntax& option : rule.options) {
      scan(option.title);
      scan(option.tradeoff);
      scan(option.ask_in_return);
      for (const ChangeOp& op : option.change) scan(op.filter);
    }
    scan(rule.internal);
  }

  // The metrics read from a rule (or an option, template, benchmark), then every metric
  // those read, transitively.
  std::vector<bool> reached() const {
    std::vector<bool> seen(names_.size(), false);
    std::vector<std::size_t> pending;
    for (std::size_t m = 0; m < names_.size(); ++m) {
      if (read_elsewhere_[m]) {
        seen[m] = true;
        pending.push_back(m);
      }
    }
    while (!pending.empty()) {
      const std::size_t m = pending.back();
      pending.pop_back();
      for (std::size_t used : uses_[m]) {
        if (!seen[used]) {
          seen[used] = true;
          pending.push_back(used);
        }
      }
    }
    return seen;
  }

  const std::vector<std::string_view>& names() const { return names_; }
  std::optional<std::size_t> index(std::string_view name) const {
    const auto found = index_.find(name);
    if (found == index_.end()) return std::nullopt;
    return found->second;
  }
  // The metrics that read `m`, each once, in load order.
  std::vector<std::string_view> readers(std::size_t m) const {
    std::vector<bool> is_reader(names_.size(), false);
    for (std::size_t r : read_by_metric_[m]) is_reader[r] = true;
    std::vector<std::string_view> out;
    for (std::size_t r = 0; r < names_.size(); ++r) {
      if (is_reader[r]) out.push_back(names_[r]);
    }
    return out;
  }

 private:
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<std::string_view> names_;
  std::vector<std::vector<std::size_t>> read_by_metric_;
  std::vector<std::vector<std::size_t>> uses_;
  std::vector<bool> read_elsewhere_;
};

}  // namespace

std::string_view lint_kind_name(LintKind kind) {
  switch (kind) {
    case LintKind::unused_metric:
      return "unused-metric";
    case LintKind::rule_never_fires:
      return "rule-never-fires";
    case LintKind::option_matches_nothing:
      return "option-matches-nothing";
    case LintKind::uncovered_line:
      return "uncovered-line";
  }
  return "unknown";
}

namespace {

// A rule, option or metric is the same one in two programs when it is at the same place of
// the same file (two rule choices that import the same common rules).
struct Place {
  std::string file;
  SourcePos pos;
  friend auto operator<=>(const Place&, const Place&) = default;
};

Place place_of(const SourceRef& source, SourcePos pos) {
  return Place{source ? source->path() : std::string(), pos};
}

// Findings keyed by place, kept in the order first seen.
template <class Tally>
class Tallies {
 public:
  // The tally at `place`, and whether it was just created.
  std::pair<Tally*, bool> at(const Place& place) {
    const auto [it, created] = index_.emplace(place, order_.size());
    if (created) order_.emplace_back();
    return {&order_[it->second], created};
  }
  std::vector<Tally>& all() { return order_; }

 private:
  std::map<Place, std::size_t> index_;
  std::vector<Tally> order_;
};

struct MetricTally {
  LintFinding finding;  // from the first program that does not read it
  bool read = false;    // some program reads it
};

struct RuleTally {
  LintFinding finding;
  std::string id, group;
  std::size_t tried = 0, fired = 0, suppressed = 0;
};

struct OptionTally {
  LintFinding finding;
  std::string id, rule_id;
  std::size_t tried = 0;
  bool matched = false;
};

LintFinding finding_at(LintKind kind, const SourceRef& source, SourcePos pos,
                       std::string_view name) {
  LintFinding f;
  f.kind = kind;
  f.source = source;
  f.pos = pos;
  f.length = characters(name);
  return f;
}

// The unused metrics of one program, and every metric it reads, into `tallies`.
void tally_metrics(const RuleProgram& program, Tallies<MetricTally>& tallies) {
  MetricReads reads(program);
  const LoadedRules& rules = program.rules();
  for (const RuleSetSyntax& file : rules.files) {
    for (const MetricSyntax& metric : file.define) {
      reads.scan(metric.expression.syntax.get(), reads.index(metric.name));
    }
    for (const RuleSyntax& rule : file.rules) reads.scan_rule(rule);
  }
  const std::vector<bool> reached = reads.reached();
  for (const RuleSetSyntax& file : rules.files) {
    for (const MetricSyntax& metric : file.define) {
      const std::optional<std::size_t> m = reads.index(metric.name);
      if (!m) continue;
      auto [tally, created] = tallies.at(place_of(file.source, metric.name_pos));
      if (reached[*m]) {
        tally->read = true;
        continue;
      }
      if (!created && !tally->finding.message.empty()) continue;
      const std::vector<std::string_view> readers = reads.readers(*m);
      tally->finding =
          finding_at(LintKind::unused_metric, file.source, metric.name_pos, metric.name);
      tally->finding.message =
          readers.empty()
              ? fmt::format(
                    "metric '{}' is never read: no rule, metric, template, option or benchmark "
                    "uses it",
                    metric.name)
              : fmt::format("metric '{}' is read only by metrics that nothing else reads: {}",
                            metric.name, quoted_list(readers));
    }
  }
}

}  // namespace

std::vector<LintFinding> lint_unused_metrics(const RuleProgram& program) {
  Tallies<MetricTally> metrics;
  tally_metrics(program, metrics);
  std::vector<LintFinding> out;
  for (MetricTally& t : metrics.all()) {
    if (!t.read) out.push_back(std::move(t.finding));
  }
  return out;
}

std::vector<LintFinding> lint_rules(std::span<const LintTarget> targets, Diagnostics& diags,
                                    const EvalLimits& limits) {
  Tallies<MetricTally> metrics;
  Tallies<RuleTally> rules;
  Tallies<OptionTally> options;
  std::vector<LintFinding> uncovered;

  for (const LintTarget& target : targets) {
    if (target.program == nullptr) continue;
    const RuleProgram& program = *target.program;
    tally_metrics(program, metrics);
    if (target.estimates.empty()) continue;

    std::vector<RuleEvaluation> evaluations;
    evaluations.reserve(target.estimates.size());
    EvalOptions eval_options;
    eval_options.limits = limits;
    for (const Estimate* estimate : target.estimates) {
      evaluations.push_back(evaluate(program, *estimate, nullptr, diags, eval_options));
      // An evaluation stopped by its budget says nothing about what fires.
      if (!evaluations.back().complete()) return {};
    }

    const auto refs = program.rule_refs();
    for (std::size_t r = 0; r < refs.size(); ++r) {
      const RuleSyntax& rule = *refs[r].rule;
      auto [tally, created] = rules.at(place_of(refs[r].file->source, rule.id_pos));
      if (created) {
        tally->finding =
            finding_at(LintKind::rule_never_fires, refs[r].file->source, rule.id_pos, rule.id);
        tally->id = rule.id;
        tally->group = rule.group.text;
      }
      for (const RuleEvaluation& ev : evaluations) {
        ++tally->tried;
        if (r >= ev.rules().size()) continue;
        const RuleOutcome outcome = ev.rules()[r].outcome;
        if (outcome == RuleOutcome::fired) ++tally->fired;
        if (outcome == RuleOutcome::suppressed) ++tally->suppressed;
      }
    }

    for (const OptionRef& option : program_options(program)) {
      auto [tally, created] = options.at(place_of(option.source, option.option->id_pos));
      if (created) {
        tally->finding = finding_at(LintKind::option_matches_nothing, option.source,
                                    option.option->id_pos, option.option->id);
        tally->id = option.option->id;
        tally->rule_id = refs[option.rule].rule->id;
      }
      for (std::size_t e = 0; e < target.estimates.size(); ++e) {
        ++tally->tried;
        if (tally->matched) continue;
        tally->matched = compute_option(program, *target.estimates[e], nullptr, *option.option,
                                        limits, &evaluations[e])
                             .matched;
      }
    }

    for (std::size_t e = 0; e < target.estimates.size(); ++e) {
      const Estimate& estimate = *target.estimates[e];
      const SourceRef& items_file =
          estimate.syntax.items_source ? estimate.syntax.items_source : estimate.syntax.source;
      for (std::size_t i : uncovered_items(evaluations[e])) {
        const LineItem& item = estimate.items[i];
        const bool at_id = item.syntax->id_pos.known();
        LintFinding f = finding_at(LintKind::uncovered_line, items_file,
                                   at_id ? item.syntax->id_pos : item.syntax->pos, item.id());
        if (!at_id) f.length = 1;
        const std::string amount = estimate.format_money(item.amount);
        f.message = item.name().empty()
                        ? fmt::format("cost line '{}' ({}) is explained by no rule that fired",
                                      item.id(), amount)
                        : fmt::format("cost line '{}' ({}, {}) is explained by no rule that fired",
                                      item.id(), item.name(), amount);
        uncovered.push_back(std::move(f));
      }
    }
  }

  std::vector<LintFinding> out;
  for (MetricTally& t : metrics.all()) {
    if (!t.read) out.push_back(std::move(t.finding));
  }
  for (RuleTally& t : rules.all()) {
    if (t.fired > 0 || t.tried == 0) continue;
    t.finding.message =
        fmt::format("rule '{}' never fired: tried on {}", t.id, counted_estimates(t.tried));
    if (t.suppressed > 0) {
      t.finding.message +=
          t.tried == 1
              ? fmt::format("; its condition held, but a higher tier of its group '{}' was kept",
                            t.group)
              : fmt::format(
                    "; its condition held on {} of them, but a higher tier of its group '{}' "
                    "was kept",
                    t.suppressed, t.group);
    }
    out.push_back(std::move(t.finding));
  }
  for (OptionTally& t : options.all()) {
    if (t.matched || t.tried == 0) continue;
    t.finding.message = fmt::format("option '{}' of rule '{}' matches nothing: tried on {}", t.id,
                                    t.rule_id, counted_estimates(t.tried));
    out.push_back(std::move(t.finding));
  }
  for (LintFinding& f : uncovered) out.push_back(std::move(f));
  return out;
}

std::vector<LintFinding> lint_rules(const RuleProgram& program,
                                    std::span<const Estimate* const> estimates, Diagnostics& diags,
                                    const EvalLimits& limits) {
  const LintTarget target{&program, {estimates.begin(), estimates.end()}};
  return lint_rules(std::span<const LintTarget>(&target, 1), diags, limits);
}

}  // namespace basis
