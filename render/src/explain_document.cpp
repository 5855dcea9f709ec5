// What each section of an explanation shows, shared by every format (see
// explain_document.hpp). Only figures' `shown` texts and the builder's wording appear;
// the few words added here are headings and labels.

#include "explain_document.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "basis/core/currency.hpp"
#include "basis/engine/explain.hpp"

namespace basis::explain {

namespace {

Inline text_part(std::string text) {
  return {Inline::Kind::text, std::move(text), nullptr};
}
Inline strong_part(std::string text) {
  return {Inline::Kind::strong, std::move(text), nullptr};
}

Block paragraph(Line line) {
  Block b;
  b.kind = Block::Kind::paragraph;
  b.line = std::move(line);
  return b;
}

Block heading(Line line) {
  Block b;
  b.kind = Block::Kind::heading;
  b.line = std::move(line);
  return b;
}

Block list(std::vector<Line> items, bool numbered = false) {
  Block b;
  b.kind = numbered ? Block::Kind::numbered : Block::Kind::bullets;
  b.items = std::move(items);
  return b;
}

Block table(Table t) {
  Block b;
  b.kind = Block::Kind::table;
  b.table = std::move(t);
  return b;
}

Block chart(Chart which) {
  Block b;
  b.kind = Block::Kind::chart;
  b.chart = which;
  return b;
}

// "Label: value" with the label in bold.
Line labelled(const std::string& label, std::string value) {
  return {strong_part(label + ":"), text_part(" " + std::move(value))};
}

bool has_text(const RichText& text) {
  for (const TextSpan& span : text) {
    if (!span.text.empty()) return true;
  }
  return false;
}

std::string or_else(const std::string& text, const std::string& fallback) {
  return text.empty() ? fallback : text;
}

// A field name as a column heading: "category" -> "Category", like the other headings.
std::string column_heading(std::string field) {
  if (!field.empty() && field[0] >= 'a' && field[0] <= 'z') {
    field[0] = static_cast<char>(field[0] - 'a' + 'A');
  }
  return field;
}

// True when some statement already shows `figure` as one of its values, so that a label
// repeating it right above would say the same thing twice.
bool states_figure(const std::vector<Statement>& statements, const std::string& figure) {
  for (const Statement& s : statements) {
    for (const TextSpan& span : s.text) {
      if (span.kind == TextSpan::Kind::value && span.text == figure) return true;
    }
  }
  return false;
}

// Identity of a statement, to show it once when it belongs both to a driver group and to
// the drivers section itself.
using StatementKey = std::tuple<std::string, std::string, std::string>;
StatementKey key_of(const Statement& s) {
  std::string text;
  for (const TextSpan& span : s.text) text += span.text + '\x1f';
  return {s.rule_id, s.item_id, text};
}

void add_statements(std::vector<Block>& blocks, const std::vector<Statement>& statements,
                    const std::set<StatementKey>& skip = {}) {
  for (const Statement& s : statements) {
    if (!has_text(s.text) || skip.contains(key_of(s))) continue;
    blocks.push_back(paragraph(rich(s.text)));
  }
}

struct Builder {
  const Explanation& e;
  bool breakdown_here = false;
  bool waterfall_here = false;
  bool revision_chart_here = false;  // HTML: the bridge's waterfall under its table

  std::string group_key(const DriverGroup& g) const {
    return or_else(g.key, "(no " + e.drivers_by + ")");
  }

  std::vector<Block> summary(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.total.shown.empty()) blocks.push_back(paragraph(labelled("Total", e.total.shown)));
    add_taken_blocks(e, blocks);
    std::string accuracy;
    if (e.estimate_class) accuracy = "class " + std::to_string(*e.estimate_class) + " estimate";
    std::string range = e.range_text;
    if (range.empty() && e.range_low && e.range_high) {
      range = "expected between " + e.range_low->shown + " and " + e.range_high->shown;
    }
    if (!range.empty()) accuracy += (accuracy.empty() ? "" : ", ") + range;
    if (!accuracy.empty()) blocks.push_back(paragraph(labelled("Accuracy", accuracy)));
    if (e.previous) previous(*e.previous, blocks);
    if (!e.top_drivers.empty()) {
      blocks.push_back(paragraph({strong_part("Largest cost drivers:")}));
      std::vector<Line> items;
      for (const DriverGroup& g : e.top_drivers) {
        std::string line = group_key(g) + ": " + g.amount.shown;
        if (!g.share.shown.empty()) line += " (" + g.share.shown + ")";
        items.push_back(plain(line));
      }
      blocks.push_back(list(std::move(items)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  // How much and why the total moved since the previous revision: the summary sentence,
  // the largest changes, the bridge from the old total to this one (a waterfall beside it in
  // HTML), then each item's and adjustment's change.
  void previous(const PreviousComparison& p, std::vector<Block>& blocks) const {
    const std::string label = p.version.empty() ? "Change since the previous version"
                                                : "Change since version " + p.version;
    if (!p.summary.empty()) {
      blocks.push_back(paragraph(labelled(label, p.summary)));
    } else {
      std::string moved = p.delta.shown;
      if (!p.delta_percent.shown.empty()) moved += " (" + p.delta_percent.shown + ")";
      if (!p.total.shown.empty()) moved += ", from " + p.total.shown;
      blocks.push_back(paragraph(labelled(label, moved)));
    }
    if (!p.highlights.empty()) {
      blocks.push_back(paragraph({strong_part("Largest changes:")}));
      std::vector<Line> items;
      for (const std::string& h : p.highlights) items.push_back(plain(h));
      blocks.push_back(list(std::move(items)));
    }
    if (!p.steps.empty()) {
      const std::string from = or_else(p.label, "the previous version");
      const std::string to = or_else(p.current_label, "this version");
      Table t;
      t.header = {"Bridge from " + from + " to " + to, "Change", "Running total"};
      t.numeric = {false, true, true};
      t.rows.push_back({plain("Total, " + from), {}, plain(p.total.shown)});
      for (const RevisionStep& step : p.steps) {
        t.rows.push_back({plain(step.label), plain(step.amount.shown), plain(step.running.shown)});
      }
      std::string change = p.delta.shown;
      if (!p.delta_percent.shown.empty()) change += " (" + p.delta_percent.shown + ")";
      t.footer = {strong("Total, " + to), strong(change), strong(e.total.shown)};
      blocks.push_back(table(std::move(t)));
      if (revision_chart_here) blocks.push_back(chart(Chart::revision));
    }
    if (!p.changes.empty()) {
      bool any_reason = false, any_effect = false;
      for (const ItemChange& c : p.changes) {
        any_reason = any_reason || !c.reason.empty();
        any_effect = any_effect || c.volume_effect || c.price_effect;
      }
      Table t;
      t.header = {"Item", "Change", "Before", "After"};
      t.numeric = {false, false, true, true};
      if (any_effect) {
        t.header.insert(t.header.end(), {"Volume effect", "Price effect"});
        t.numeric.insert(t.numeric.end(), {true, true});
      }
      if (any_reason) {
        t.header.push_back("Reason");
        t.numeric.push_back(false);
      }
      for (const ItemChange& c : p.changes) {
        std::string change = c.change;
        if (!c.description.empty()) change += ": " + c.description;
        std::vector<Line> row{plain(item_label(c.item_id, c.name)), plain(change),
                              plain(c.before ? c.before->shown : ""),
                              plain(c.after ? c.after->shown : "")};
        if (any_effect) {
          row.push_back(plain(c.volume_effect ? c.volume_effect->shown : ""));
          row.push_back(plain(c.price_effect ? c.price_effect->shown : ""));
        }
        if (any_reason) row.push_back(plain(c.reason));
        t.rows.push_back(std::move(row));
      }
      blocks.push_back(table(std::move(t)));
    }
    if (!p.adjustments.empty()) {
      Table t;
      t.header = {"Adjustment", "Change", "Before", "After", "Difference"};
      t.numeric = {false, false, true, true, true};
      for (const AdjustmentChange& a : p.adjustments) {
        t.rows.push_back({plain(or_else(a.label, a.id)), plain(a.basis),
                          plain(a.before ? a.before->shown : ""),
                          plain(a.after ? a.after->shown : ""), plain(a.delta.shown)});
      }
      blocks.push_back(table(std::move(t)));
    }
  }

  static std::string item_label(const std::string& id, const std::string& name) {
    if (name.empty() || name == id) return id;
    return id.empty() ? name : id + " " + name;
  }

  std::vector<Block> drivers(const Section& s) const {
    std::vector<Block> blocks;
    std::set<StatementKey> shown;
    std::set<StatementKey> in_groups;
    for (const DriverGroup& g : e.drivers) {
      for (const Statement& st : g.statements) in_groups.insert(key_of(st));
    }
    if (!e.drivers.empty()) {
      bool any_hours = false;
      for (const DriverGroup& g : e.drivers) any_hours = any_hours || !g.hours.shown.empty();
      Table t;
      t.header = {column_heading(e.drivers_by)};
      t.numeric = {false};
      if (any_hours) {
        t.header.push_back("Hours");
        t.numeric.push_back(true);
      }
      t.header.insert(t.header.end(), {"Amount", "Share"});
      t.numeric.insert(t.numeric.end(), {true, true});
      for (const DriverGroup& g : e.drivers) {
        std::vector<Line> row{plain(group_key(g))};
        if (any_hours) row.push_back(plain(g.hours.shown));
        row.push_back(plain(g.amount.shown));
        row.push_back(plain(g.share.shown));
        t.rows.push_back(std::move(row));
      }
      if (!e.direct.shown.empty()) {
        t.footer = {strong("Direct cost")};
        if (any_hours) t.footer.push_back({});
        t.footer.push_back(strong(e.direct.shown));
        t.footer.push_back({});
      }
      blocks.push_back(table(std::move(t)));
      if (breakdown_here) blocks.push_back(chart(Chart::breakdown));
      // Statements that belong to no group (they explain no particular line) come before
      // the groups' headings: after them they would read as part of the last group.
      add_statements(blocks, s.statements, in_groups);
      for (const Statement& st : s.statements) {
        if (!in_groups.contains(key_of(st))) shown.insert(key_of(st));
      }
      for (const DriverGroup& g : e.drivers) {
        std::vector<Block> group_blocks;
        add_statements(group_blocks, g.statements, shown);
        if (group_blocks.empty()) continue;
        for (const Statement& st : g.statements) shown.insert(key_of(st));
        blocks.push_back(heading(plain(group_key(g))));
        for (Block& b : group_blocks) blocks.push_back(std::move(b));
      }
    }
    add_statements(blocks, s.statements, shown);
    return blocks;
  }

  std::vector<Block> basis(const Section& s) const {
    std::vector<Block> blocks;
    Table lines, allowances;
    lines.header = {"Item", "Method", "Quantity", "Source", "Amount"};
    lines.numeric = {false, false, false, false, true};
    allowances.header = {"Allowance", "Trigger", "Amount"};
    allowances.numeric = {false, false, true};
    for (const BasisLine& b : e.basis) {
      const std::string item = item_label(b.item_id, b.name);
      if (b.allowance) {
        allowances.rows.push_back({plain(item), plain(b.trigger), plain(b.amount.shown)});
        continue;
      }
      std::string method = b.method;
      if (!b.range.empty()) method += (method.empty() ? "" : " ") + ("(" + b.range + ")");
      lines.rows.push_back(
          {plain(item), plain(method), plain(b.quantity), plain(b.source), plain(b.amount.shown)});
    }
    if (!lines.rows.empty()) blocks.push_back(table(std::move(lines)));
    if (!allowances.rows.empty()) {
      blocks.push_back(heading(plain("Allowances")));
      blocks.push_back(table(std::move(allowances)));
    }
    if (!e.escalation.empty()) {
      Table t;
      t.header = {"Escalation", "Basis", "Amount"};
      t.numeric = {false, false, true};
      for (const BuildupLine& b : e.escalation) {
        t.rows.push_back({plain(or_else(b.label, b.id)), plain(b.basis), plain(b.amount.shown)});
      }
      blocks.push_back(heading(plain("Escalation")));
      blocks.push_back(table(std::move(t)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> benchmarks(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.benchmarks.empty()) {
      Table t;
      t.header = {"Measure", "Value", "Range", "Position", "Source"};
      t.numeric = {false, true, false, false, false};
      for (const Benchmark& b : e.benchmarks) {
        std::string range = b.low.shown + "\u2013" + b.high.shown;  // en dash
        if (b.low.shown.empty() && b.high.shown.empty()) range.clear();
        std::string measure = or_else(b.label, b.rule_id);
        if (!b.item_id.empty()) measure += " (" + b.item_id + ")";
        t.rows.push_back({plain(measure), plain(b.value.shown), plain(range), plain(b.position),
                          plain(b.source)});
      }
      blocks.push_back(table(std::move(t)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> listed(const Section& s, const std::vector<std::string>& own) const {
    std::vector<Line> items;
    for (const std::string& text : own) items.push_back(plain(text));
    for (const Statement& st : s.statements) {
      if (has_text(st.text)) items.push_back(rich(st.text));
    }
    std::vector<Block> blocks;
    if (!items.empty()) blocks.push_back(list(std::move(items)));
    return blocks;
  }

  std::vector<Block> risks(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.risks.empty()) {
      Table t;
      t.header = {"Risk", "Probability", "Impact", "Expected value"};
      t.numeric = {false, true, true, true};
      for (const RiskLine& r : e.risks) {
        std::string name = r.title.empty() ? r.id : r.title;
        t.rows.push_back({plain(name), plain(r.probability.shown), plain(r.impact.shown),
                          plain(r.expected.shown)});
      }
      blocks.push_back(table(std::move(t)));
      std::vector<Line> details;
      for (const RiskLine& r : e.risks) {
        if (r.details.empty()) continue;
        std::string text;
        for (const auto& [field, value] : r.details) {
          text += (text.empty() ? "" : "; ") + field + ": " + value;
        }
        details.push_back({strong_part(or_else(r.title, r.id) + ":"), text_part(" " + text)});
      }
      if (!details.empty()) blocks.push_back(list(std::move(details)));
    }
    // The contingency as a label, unless a statement of this section already gives the
    // same figure (then the label would repeat it in the next line).
    if (e.contingency && !states_figure(s.statements, e.contingency->shown)) {
      blocks.push_back(paragraph(labelled("Contingency", e.contingency->shown)));
    }
    // After the section's statements, which say what the contingency is for: the simulation
    // then says whether it is enough.
    add_statements(blocks, s.statements);
    if (e.risk_simulation) simulation(*e.risk_simulation, blocks);
    return blocks;
  }

  // The simulated P50 / P80 / P90 totals and what they say about the contingency.
  void simulation(const RiskSimulation& r, std::vector<Block>& blocks) const {
    if (!r.text.empty()) blocks.push_back(paragraph(labelled("Simulated totals", r.text)));
    if (r.percentiles.empty()) return;
    Table t;
    t.header = {"Percentile", "Simulated total", "Implied contingency", "Of the base"};
    t.numeric = {false, true, true, true};
    for (const RiskPercentileLine& p : r.percentiles) {
      t.rows.push_back({plain("P" + std::to_string(p.percent)), plain(p.total.shown),
                        plain(p.contingency.shown), plain(p.contingency_percent.shown)});
    }
    t.footer = {strong("This estimate"), strong(e.total.shown), strong(r.contingency.shown),
                strong(r.contingency_percent.shown)};
    blocks.push_back(table(std::move(t)));
  }

  std::vector<Block> options(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.options.empty()) {
      // What to ask for in exchange exists only in the internal style's explanation.
      bool any_ask = false;
      for (const OptionRow& o : e.options) any_ask = any_ask || has_text(o.ask_in_return);
      Table t;
      t.header = {"Option", "New total", "Change", "Change %", "Trade-off"};
      t.numeric = {false, true, true, true, false};
      if (any_ask) {
        t.header.push_back("Ask in return");
        t.numeric.push_back(false);
      }
      for (const OptionRow& o : e.options) {
        std::vector<Line> row{plain(or_else(o.title, o.id)), plain(o.new_total.shown),
                              plain(o.delta.shown), plain(o.delta_percent.shown), rich(o.tradeoff)};
        if (any_ask) row.push_back(rich(o.ask_in_return));
        t.rows.push_back(std::move(row));
      }
      blocks.push_back(table(std::move(t)));
    }
    add_budget_blocks(e, blocks);
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> questions(const Section& s) const {
    std::vector<Line> items;
    for (const Question& q : e.questions) {
      if (has_text(q.text)) items.push_back(rich(q.text));
    }
    for (const Statement& st : s.statements) {
      if (has_text(st.text)) items.push_back(rich(st.text));
    }
    std::vector<Block> blocks;
    if (!items.empty()) blocks.push_back(list(std::move(items), true));
    return blocks;
  }

  std::vector<Block> objections(const Section& s) const {
    std::vector<Block> blocks;
    for (const Objection& o : e.objections) {
      if (!has_text(o.objection)) continue;
      blocks.push_back(heading(rich(o.objection)));
      if (has_text(o.response)) blocks.push_back(paragraph(rich(o.response)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> buildup(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.buildup.empty()) {
      Table t;
      t.header = {"Line", "Kind", "Basis", "Amount"};
      t.numeric = {false, false, false, true};
      for (const BuildupLine& b : e.buildup) {
        const std::string label = or_else(b.label, b.id);
        if (b.kind == "total") {
          t.footer = {strong(label), {}, plain(b.basis), strong(b.amount.shown)};
          continue;
        }
        const std::string kind = b.kind == "direct" ? "" : b.kind;
        t.rows.push_back({plain(label), plain(kind), plain(b.basis), plain(b.amount.shown)});
      }
      blocks.push_back(table(std::move(t)));
      if (waterfall_here) blocks.push_back(chart(Chart::waterfall));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> coverage(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.uncovered.empty()) {
      blocks.push_back(paragraph(plain("Cost lines that no rule explains:")));
      Table t;
      t.header = {"Item", "Amount"};
      t.numeric = {false, true};
      for (const CoverageLine& c : e.uncovered) {
        t.rows.push_back({plain(item_label(c.item_id, c.name)), plain(c.amount.shown)});
      }
      blocks.push_back(table(std::move(t)));
    } else if (e.uncovered_items.empty()) {
      blocks.push_back(paragraph(plain("Every cost line is explained by at least one rule.")));
    } else {
      blocks.push_back(paragraph(plain("Cost lines that no rule explains:")));
      std::vector<Line> items;
      for (const std::string& id : e.uncovered_items) items.push_back(plain(id));
      blocks.push_back(list(std::move(items)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> trace(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.trace.empty()) {
      Table t;
      t.header = {"Ref", "Value", "Expression", "Rule", "Location", "Items"};
      t.numeric = {false, true, false, false, false, false};
      for (std::size_t i = 0; i < e.trace.size(); ++i) {
        const TraceEntry& entry = e.trace[i];
        const std::string items = trace_items_text(entry);
        Line expression;
        if (!entry.expression.empty()) expression.push_back({Inline::Kind::code, entry.expression});
        t.rows.push_back({plain(trace_anchor(e, static_cast<int>(i))), plain(entry.shown),
                          std::move(expression), plain(entry.rule_id), plain(location(entry)),
                          plain(items)});
        t.row_ids.push_back(trace_anchor(e, static_cast<int>(i)));
      }
      blocks.push_back(table(std::move(t)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  static std::string location(const TraceEntry& entry) {
    std::string out = entry.file;
    if (entry.pos.known()) {
      out += ":" + std::to_string(entry.pos.line) + ":" + std::to_string(entry.pos.column);
    }
    return out;
  }

  std::vector<Block> internal(const Section& s) const {
    std::vector<Block> blocks;
    if (!e.internal_figures.empty()) {
      Table t;
      t.header = {"Figure", "Value"};
      t.numeric = {false, true};
      for (const InternalFigure& f : e.internal_figures) {
        t.rows.push_back({plain(or_else(f.label, f.id)), plain(f.value.shown)});
      }
      blocks.push_back(table(std::move(t)));
    }
    add_concession_blocks(e, blocks);
    for (const InternalNote& note : e.internal_notes) {
      if (!has_text(note.text)) continue;
      Line line;
      const std::string title = or_else(note.title, note.rule_id);
      if (!title.empty()) line = {strong_part(title + ":"), text_part(" ")};
      line.push_back({Inline::Kind::rich, {}, &note.text});
      blocks.push_back(paragraph(std::move(line)));
    }
    add_statements(blocks, s.statements);
    return blocks;
  }

  std::vector<Block> build(const Section& s) const {
    switch (s.kind) {
      case SectionKind::summary:
        return summary(s);
      case SectionKind::drivers:
        return drivers(s);
      case SectionKind::basis:
        return basis(s);
      case SectionKind::benchmarks:
        return benchmarks(s);
      case SectionKind::assumptions:
        return listed(s, e.assumptions);
      case SectionKind::exclusions:
        return listed(s, e.exclusions);
      case SectionKind::risks:
        return risks(s);
      case SectionKind::options:
        return options(s);
      case SectionKind::questions:
        return questions(s);
      case SectionKind::objections:
        return objections(s);
      case SectionKind::buildup:
        return buildup(s);
      case SectionKind::coverage:
        return coverage(s);
      case SectionKind::trace:
        return trace(s);
      case SectionKind::internal:
        return internal(s);
    }
    return {};
  }
};

bool starts_page(SectionKind kind) {
  return kind == SectionKind::basis || kind == SectionKind::buildup || kind == SectionKind::trace ||
         kind == SectionKind::internal;
}

// Index of the first section of `kind`, else of the summary, else 0.
std::size_t host_of(const std::vector<Section>& sections, SectionKind kind) {
  for (SectionKind wanted : {kind, SectionKind::summary}) {
    for (std::size_t i = 0; i < sections.size(); ++i) {
      if (sections[i].kind == wanted) return i;
    }
  }
  return 0;
}

}  // namespace

Line plain(std::string text) {
  return {text_part(std::move(text))};
}
Line strong(std::string text) {
  return {strong_part(std::move(text))};
}
Line rich(const RichText& text) {
  return {{Inline::Kind::rich, {}, &text}};
}

std::string trace_items_text(const TraceEntry& entry, std::size_t limit, std::string_view where) {
  const std::size_t shown = std::min(entry.items.size(), limit);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += ", ";
    out += entry.items[i];
  }
  if (shown < entry.items.size()) {
    out +=
        " and " +
        format_number(Decimal::from_int(static_cast<std::int64_t>(entry.items.size() - shown)), 0) +
        " more (" + std::string(where) + ")";
  }
  return out;
}

std::string trace_anchor(const Explanation& explanation, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= explanation.trace.size()) return "";
  // The builder numbers entries "t1", "t2", ...; anything else (which could clash with a
  // section id or not be a valid id) falls back to the entry's position.
  const std::string& id = explanation.trace[static_cast<std::size_t>(index)].id;
  bool numbered = id.size() > 1 && id.front() == 't';
  for (std::size_t i = 1; numbered && i < id.size(); ++i) {
    numbered = id[i] >= '0' && id[i] <= '9';
  }
  return numbered ? id : "t" + std::to_string(index + 1);
}

Document build_document(const Explanation& e, bool with_charts) {
  Document doc;
  doc.title = or_else(e.title, or_else(e.estimate_id, "Estimate"));
  std::vector<std::string> facts;
  if (!e.estimate_id.empty()) facts.push_back("Estimate " + e.estimate_id);
  if (!e.version.empty()) facts.push_back("version " + e.version);
  if (!e.date.empty()) facts.push_back(format_date(e.date));
  if (!e.client_name.empty()) facts.push_back("prepared for " + e.client_name);
  if (!e.currency.empty()) facts.push_back("amounts in " + e.currency);
  std::string line;
  for (const std::string& fact : facts) line += (line.empty() ? "" : " \u00b7 ") + fact;
  if (!line.empty()) line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
  if (!line.empty()) doc.facts = plain(line);

  const bool has_drivers = !e.drivers.empty() || !e.top_drivers.empty();
  const std::size_t breakdown_host = host_of(e.sections, SectionKind::drivers);
  const std::size_t waterfall_host = host_of(e.sections, SectionKind::buildup);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < e.sections.size(); ++i) {
    const Section& section = e.sections[i];
    Builder builder{e};
    const bool breakdown = with_charts && has_drivers && i == breakdown_host;
    const bool waterfall = with_charts && !e.buildup.empty() && i == waterfall_host;
    // The drivers and build-up sections place their chart under their own table.
    const bool own_breakdown = section.kind == SectionKind::drivers && !e.drivers.empty();
    const bool own_waterfall = section.kind == SectionKind::buildup;
    builder.breakdown_here = breakdown && own_breakdown;
    builder.waterfall_here = waterfall && own_waterfall;
    builder.revision_chart_here = with_charts && section.kind == SectionKind::summary;

    DocSection out;
    out.kind = section.kind;
    out.title = or_else(section.title, std::string(section_title(section.kind)));
    out.page_break = starts_page(section.kind);
    out.blocks = builder.build(section);
    if (breakdown && !own_breakdown) out.blocks.push_back(chart(Chart::breakdown));
    if (waterfall && !own_waterfall) out.blocks.push_back(chart(Chart::waterfall));
    if (out.blocks.empty()) continue;

    const std::string name(section_kind_name(section.kind));
    std::string id = name;
    for (int n = 2; ids.contains(id); ++n) id = name + "-" + std::to_string(n);
    ids.insert(id);
    out.id = id;
    if (section.kind == SectionKind::trace && !e.trace.empty()) doc.has_trace_appendix = true;
    doc.sections.push_back(std::move(out));
  }
  return doc;
}

}  // namespace basis::explain
