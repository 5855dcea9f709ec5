// The negotiation parts of the document layout: the options taken (summary), the
// combinations within a budget (options section) and the concession plan (the brief's
// internal section). Only what the engine built is shown; a client's Explanation has no
// margins or concessions, so nothing here can add them.

#include <string>
#include <utility>

#include "basis/engine/explain.hpp"
#include "explain_document.hpp"

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

Block heading(std::string text) {
  Block b;
  b.kind = Block::Kind::heading;
  b.line = plain(std::move(text));
  return b;
}

Line labelled(const std::string& label, std::string value) {
  return {strong_part(label + ":"), text_part(" " + std::move(value))};
}

bool has_text(const RichText& text) {
  for (const TextSpan& span : text) {
    if (!span.text.empty()) return true;
  }
  return false;
}

const OptionRow* option_row(const Explanation& e, const std::string& id) {
  for (const OptionRow& o : e.options) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

// "-$13,409.00, -1.3%" or "-$13,409.00" when there is no percentage.
std::string change_text(const Figure& delta, const Figure& percent) {
  return percent.shown.empty() ? delta.shown : delta.shown + ", " + percent.shown;
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// Why the brief says not to offer something, or "".
std::string not_offered_reason(bool below_floor, bool below_target_margin) {
  if (below_floor && below_target_margin) return "below the floor and the target margin";
  if (below_floor) return "below the floor";
  if (below_target_margin) return "below the target margin";
  return "";
}

Line combination_line(const Explanation& e, const BudgetCombination& c) {
  Line line;
  line.push_back(strong_part(joined(c.titles, " + ")));
  line.push_back(text_part(": " + c.new_total.shown + " (" + change_text(c.delta, c.delta_percent) +
                           "), " + c.under_budget.shown + " under the budget."));
  if (c.margin) line.push_back(text_part(" Margin " + c.margin->shown + "."));
  const std::string reason = not_offered_reason(c.below_floor, c.below_target_margin);
  if (!reason.empty()) {
    line.push_back(text_part(" "));
    line.push_back(strong_part("Not to be offered:"));
    line.push_back(text_part(" " + reason + "."));
  }
  bool first = true;
  for (const std::string& id : c.option_ids) {
    const OptionRow* row = option_row(e, id);
    if (!row || !has_text(row->tradeoff)) continue;
    line.push_back(text_part(first ? " Gives up: " : " "));
    line.push_back({Inline::Kind::rich, {}, &row->tradeoff});
    first = false;
  }
  return line;
}

}  // namespace

void add_taken_blocks(const Explanation& e, std::vector<Block>& blocks) {
  if (!e.taken) return;
  const TakenOptions& t = *e.taken;
  blocks.push_back(paragraph(
      labelled(t.titles.size() == 1 ? "Option taken" : "Options taken", format_list(t.titles))));
  blocks.push_back(paragraph(
      labelled(t.titles.size() == 1 ? "Total before this option" : "Total before these options",
               t.total_before.shown + " (change " + change_text(t.delta, t.delta_percent) + ")")));
}

void add_budget_blocks(const Explanation& e, std::vector<Block>& blocks) {
  if (!e.budget) return;
  const BudgetSearch& b = *e.budget;
  blocks.push_back(heading("Within a budget of " + b.budget.shown));
  if (b.within_budget) {
    blocks.push_back(paragraph(plain("The total, " + e.total.shown + ", is within this budget.")));
    return;
  }
  const std::string above = "The total is " + b.gap.shown + " above this budget.";
  if (b.combinations.empty()) {
    blocks.push_back(paragraph(
        plain(b.complete ? above + " No combination of the options closes the gap."
                         : above +
                               " The search found no combination of the options that closes the "
                               "gap before it stopped, after " +
                               std::to_string(b.scenarios_evaluated) + " scenarios.")));
    return;
  }
  blocks.push_back(paragraph(plain(
      above + (b.combinations.size() == 1
                   ? " This combination of options brings it within:"
                   : " These combinations of options bring it within, fewest options first:"))));
  Block list;
  list.kind = Block::Kind::numbered;
  for (const BudgetCombination& c : b.combinations) list.items.push_back(combination_line(e, c));
  blocks.push_back(std::move(list));
  if (!b.complete) {
    blocks.push_back(
        paragraph(plain("The search stopped after " + std::to_string(b.scenarios_evaluated) +
                        " scenarios; other combinations may also fit.")));
  } else if (b.more) {
    blocks.push_back(
        paragraph(plain("Other combinations may also fit; those listed take the "
                        "fewest options and, among those, keep the highest totals.")));
  }
}

void add_concession_blocks(const Explanation& e, std::vector<Block>& blocks) {
  if (e.concessions.empty()) return;
  bool margins = false, ask = false;
  for (const Concession& c : e.concessions) {
    margins = margins || c.margin_after.has_value();
    const OptionRow* row = option_row(e, c.option_id);
    ask = ask || (row && has_text(row->ask_in_return));
  }
  blocks.push_back(heading("Concession plan"));
  blocks.push_back(paragraph(
      plain(margins ? "In the order to concede: options that cost no margin first, then the most "
                      "client saving per point of margin lost; those below the floor or the target "
                      "margin last, not to be offered."
                    : "In the order to concede: the largest client saving first; those below the "
                      "floor last, not to be offered. The estimate gives no costs, so there are no "
                      "margins.")));
  Table t;
  t.header = {"#", "Option", "Client saves", "New total"};
  t.numeric = {true, false, true, true};
  if (margins) {
    t.header.insert(t.header.end(), {"Margin after", "Points lost", "Saving per point"});
    t.numeric.insert(t.numeric.end(), {true, true, true});
  }
  t.header.push_back("Offer");
  t.numeric.push_back(false);
  if (ask) {
    t.header.push_back("Ask in return");
    t.numeric.push_back(false);
  }
  for (std::size_t i = 0; i < e.concessions.size(); ++i) {
    const Concession& c = e.concessions[i];
    std::vector<Line> row{plain(std::to_string(i + 1)),
                          plain(c.title.empty() ? c.option_id : c.title), plain(c.saving.shown),
                          plain(c.new_total.shown)};
    if (margins) {
      row.push_back(plain(c.margin_after ? c.margin_after->shown : ""));
      row.push_back(plain(c.points_lost ? c.points_lost->shown : ""));
      row.push_back(plain(c.saving_per_point ? c.saving_per_point->shown : ""));
    }
    const std::string reason = not_offered_reason(c.below_floor, c.below_target_margin);
    row.push_back(plain(reason.empty() ? "yes" : "not to be offered: " + reason));
    if (ask) {
      const OptionRow* option = option_row(e, c.option_id);
      row.push_back(option ? rich(option->ask_in_return) : Line{});
    }
    t.rows.push_back(std::move(row));
  }
  Block table;
  table.kind = Block::Kind::table;
  table.table = std::move(t);
  blocks.push_back(std::move(table));
}

}  // namespace basis::explain
