// Plain-text revision bridge: aligned columns within 80 characters, for a terminal or an
// e-mail. Each table's first column wraps; its figures never pass column 80.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/render/revision.hpp"
#include "revision_layout.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

constexpr std::size_t kColumns = 80;
constexpr std::size_t kGap = 2;
constexpr std::size_t kDetailIndent = 2;

using layout::pad_left;
using layout::pad_right;
using layout::width;
using namespace revision_layout;

void append_wrapped(std::string& out, std::string_view text, std::size_t indent) {
  for (const std::string& line : layout::wrap(layout::one_line(text), kColumns - indent)) {
    out.append(indent, ' ');
    out += line;
    out += '\n';
  }
}

// A row: a label, right-aligned figures, and wrapped detail lines under it.
struct Row {
  std::vector<std::string> cells;
  std::vector<std::string> details;
};

// Header, rule, rows, rule, footer (the footer is skipped when it has no cells).
void append_table(std::string& out, const Row& header, const std::vector<Row>& rows,
                  const Row& footer) {
  const std::size_t columns = header.cells.size();
  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&](const Row& row) {
    for (std::size_t i = 0; i < row.cells.size() && i < columns; ++i) {
      widths[i] = std::max(widths[i], width(row.cells[i]));
    }
  };
  measure(header);
  for (const Row& row : rows) measure(row);
  measure(footer);
  std::size_t numbers = 0;
  for (std::size_t i = 1; i < columns; ++i) numbers += kGap + widths[i];
  // The label column takes what the figures leave, so that a long label wraps instead of
  // pushing the figures past 80 characters; the figures never wrap.
  const std::size_t label_max = numbers + 12 < kColumns ? kColumns - numbers : 12;
  widths[0] = label_max;

  auto emit = [&](const Row& row) {
    const std::vector<std::string> label = layout::wrap(layout::one_line(row.cells[0]), widths[0]);
    std::string line = pad_right(label.front(), widths[0]);
    for (std::size_t i = 1; i < columns; ++i) {
      line +=
          std::string(kGap, ' ') + pad_left(i < row.cells.size() ? row.cells[i] : "", widths[i]);
    }
    out += line + '\n';
    for (std::size_t i = 1; i < label.size(); ++i) append_wrapped(out, label[i], kDetailIndent);
    for (const std::string& detail : row.details) {
      if (!detail.empty()) append_wrapped(out, detail, kDetailIndent);
    }
  };
  const std::string rule(widths[0] + numbers, '-');
  emit(header);
  out += rule + '\n';
  for (const Row& row : rows) emit(row);
  if (!footer.cells.empty()) {
    out += rule + '\n';
    emit(footer);
  }
}

void append_bridge(std::string& out, const RevisionBridge& bridge) {
  std::vector<Row> rows;
  rows.push_back({{total_label(bridge.before), bridge.money(bridge.before.total)}, {}});
  for (const BridgeStep& step : bridge.steps) {
    rows.push_back({{step_label(step), bridge.signed_money(step.amount)}, {}});
  }
  std::string change = "Change";
  if (bridge.delta_fraction)
    change += " (" + signed_percent_one_place(*bridge.delta_fraction) + ")";
  append_table(out, {{"Bridge from the old total to the new total", "amount"}, {}}, rows,
               {{total_label(bridge.after), bridge.money(bridge.after.total)}, {}});
  const std::string delta = bridge.signed_money(bridge.delta);
  out += pad_right(change, kColumns - width(delta)) + delta + '\n';
}

std::vector<std::string> item_details(const RevisionBridge& bridge, const ItemRevision& item) {
  return {item.name, describe_item_revision(bridge, item), why_text(item)};
}

void append_added_or_removed(std::string& out, const RevisionBridge& bridge,
                             const std::vector<ItemRevision>& items, bool added) {
  if (items.empty()) return;
  std::vector<Row> rows;
  Decimal sum;
  for (const ItemRevision& item : items) {
    const Decimal amount = added ? item.after->amount : item.before->amount;
    sum = add(sum, amount).value_or(sum);
    rows.push_back({{item.id, bridge.money(amount)}, item_details(bridge, item)});
  }
  out += '\n';
  append_table(out, {{added ? "Items added" : "Items removed", "amount"}, {}}, rows,
               {{"Total", bridge.money(added ? bridge.added : bridge.removed)}, {}});
}

void append_changed(std::string& out, const RevisionBridge& bridge) {
  if (bridge.changed_items.empty()) return;
  std::vector<Row> rows;
  Decimal old_sum, new_sum;
  for (const ItemRevision& item : bridge.changed_items) {
    old_sum = add(old_sum, item.before->amount).value_or(old_sum);
    new_sum = add(new_sum, item.after->amount).value_or(new_sum);
    rows.push_back(
        {{item.id, bridge.money(item.before->amount), bridge.money(item.after->amount),
          bridge.signed_money(item.volume_effect), bridge.signed_money(item.price_effect)},
         item_details(bridge, item)});
  }
  out += '\n';
  append_table(out, {{"Items changed", "old", "new", "volume", "price"}, {}}, rows,
               {{"Total", bridge.money(old_sum), bridge.money(new_sum),
                 bridge.signed_money(bridge.volume), bridge.signed_money(bridge.price)},
                {}});
}

void append_adjustments(std::string& out, const RevisionBridge& bridge) {
  if (bridge.adjustment_changes.empty()) return;
  std::vector<Row> rows;
  Decimal old_sum, new_sum;
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    const std::string before = adjustment.before ? bridge.money(adjustment.before->amount) : "-";
    const std::string after = adjustment.after ? bridge.money(adjustment.after->amount) : "-";
    if (adjustment.before) old_sum = add(old_sum, adjustment.before->amount).value_or(old_sum);
    if (adjustment.after) new_sum = add(new_sum, adjustment.after->amount).value_or(new_sum);
    Row row{{adjustment.id, before, after, bridge.signed_money(adjustment.delta)},
            {adjustment.label, describe_adjustment_revision(bridge, adjustment)}};
    if (adjustment.base_effect && !adjustment.delta.is_zero()) {
      row.details.push_back(fmt::format("from the base {}, from the percentage {}",
                                        bridge.signed_money(*adjustment.base_effect),
                                        bridge.signed_money(*adjustment.percent_effect)));
    }
    rows.push_back(std::move(row));
  }
  out += '\n';
  append_table(out, {{"Adjustments", "old", "new", "change"}, {}}, rows,
               {{"Total", bridge.money(old_sum), bridge.money(new_sum),
                 bridge.signed_money(bridge.adjustments)},
                {}});
}

void append_rates(std::string& out, const RevisionBridge& bridge) {
  if (bridge.rates.empty()) return;
  out += "\nRate card changes\n";
  for (const RateRevision& rate : bridge.rates) {
    const std::string before = rate.before ? format_price(bridge, *rate.before) : "(none)";
    const std::string after = rate.after ? format_price(bridge, *rate.after) : "(none)";
    std::string line = fmt::format("{}: {} -> {}", rate.name, before, after);
    if (!rate.items.empty()) line += fmt::format(" ({})", fmt::join(rate.items, ", "));
    append_wrapped(out, line, kDetailIndent);
  }
}

}  // namespace

std::string render_revision_text(const RevisionBridge& bridge) {
  std::string out;
  std::string heading = bridge.after.id;
  if (!bridge.after.title.empty()) heading += ": " + bridge.after.title;
  append_wrapped(out, heading, 0);
  append_wrapped(out, revisions_line(bridge, "->"), 0);
  append_wrapped(out, facts_line(bridge), 0);
  out += '\n';
  append_wrapped(out, describe_revision(bridge), 0);
  out += '\n';
  append_bridge(out, bridge);
  append_added_or_removed(out, bridge, bridge.added_items, true);
  append_added_or_removed(out, bridge, bridge.removed_items, false);
  append_changed(out, bridge);
  append_adjustments(out, bridge);
  append_rates(out, bridge);
  out += '\n';
  append_wrapped(out,
                 fmt::format("{} {} unchanged.", bridge.unchanged_items,
                             bridge.unchanged_items == 1 ? "item" : "items"),
                 0);
  return out;
}

}  // namespace basis
