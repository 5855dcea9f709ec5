// GitHub-flavoured Markdown revision bridge: the bridge as a table from the old total to
// the new, then the items and adjustments behind each step, clean enough to paste into a
// proposal or a change note.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/render/revision.hpp"
#include "revision_layout.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

using namespace revision_layout;

using layout::markdown_cell;

std::string row(const std::vector<std::string>& cells) {
  return fmt::format("| {} |\n", fmt::join(cells, " | "));
}

void append_bridge(std::string& out, const RevisionBridge& bridge) {
  out += fmt::format("## Bridge from {} to {}\n\n", markdown_cell(bridge.before.label),
                     markdown_cell(bridge.after.label));
  out += "| step | amount |\n|:---|---:|\n";
  out += row({markdown_cell(total_label(bridge.before)),
              markdown_cell(bridge.money(bridge.before.total))});
  for (const BridgeStep& step : bridge.steps) {
    out += row({markdown_cell(step_label(step)), markdown_cell(bridge.signed_money(step.amount))});
  }
  out += row({"**" + markdown_cell(total_label(bridge.after)) + "**",
              "**" + markdown_cell(bridge.money(bridge.after.total)) + "**"});
  std::string change = bridge.signed_money(bridge.delta);
  if (bridge.delta_fraction)
    change += " (" + signed_percent_one_place(*bridge.delta_fraction) + ")";
  out += row({"Change", markdown_cell(change)});
}

void append_added_or_removed(std::string& out, const RevisionBridge& bridge,
                             const std::vector<ItemRevision>& items, bool added) {
  if (items.empty()) return;
  out += added ? "\n## Items added\n\n" : "\n## Items removed\n\n";
  // A removed item has no line in NEW, so no change_reason either: no "why" column.
  out += added ? "| item | name | figures | amount | why |\n|:---|:---|:---|---:|:---|\n"
               : "| item | name | figures | amount |\n|:---|:---|:---|---:|\n";
  for (const ItemRevision& item : items) {
    const Decimal amount = added ? item.after->amount : item.before->amount;
    std::vector<std::string> cells = {markdown_cell(item.id), markdown_cell(item.name),
                                      markdown_cell(describe_item_revision(bridge, item, "→")),
                                      markdown_cell(bridge.money(amount))};
    if (added) cells.push_back(markdown_cell(item.reason));
    out += row(cells);
  }
  std::vector<std::string> total = {
      "**Total**", "", "",
      "**" + markdown_cell(bridge.money(added ? bridge.added : bridge.removed)) + "**"};
  if (added) total.push_back("");
  out += row(total);
}

void append_changed(std::string& out, const RevisionBridge& bridge) {
  if (bridge.changed_items.empty()) return;
  out += "\n## Items changed\n\n";
  out +=
      "Volume effect: the change in hours or quantity at the old price, rounded to the "
      "estimate's rounding step. Price effect: the rest of the item's change.\n\n";
  out += "| item | name | what changed | old | new | volume | price | why |\n";
  out += "|:---|:---|:---|---:|---:|---:|---:|:---|\n";
  Decimal old_sum, new_sum;
  for (const ItemRevision& item : bridge.changed_items) {
    old_sum = add(old_sum, item.before->amount).value_or(old_sum);
    new_sum = add(new_sum, item.after->amount).value_or(new_sum);
    out += row({markdown_cell(item.id), markdown_cell(item.name),
                markdown_cell(describe_item_revision(bridge, item, "→")),
                markdown_cell(bridge.money(item.before->amount)),
                markdown_cell(bridge.money(item.after->amount)),
                markdown_cell(bridge.signed_money(item.volume_effect)),
                markdown_cell(bridge.signed_money(item.price_effect)), markdown_cell(item.reason)});
  }
  out += row({"**Total**", "", "", "**" + markdown_cell(bridge.money(old_sum)) + "**",
              "**" + markdown_cell(bridge.money(new_sum)) + "**",
              "**" + markdown_cell(bridge.signed_money(bridge.volume)) + "**",
              "**" + markdown_cell(bridge.signed_money(bridge.price)) + "**", ""});
}

void append_adjustments(std::string& out, const RevisionBridge& bridge) {
  if (bridge.adjustment_changes.empty()) return;
  out += "\n## Adjustments\n\n";
  out += "| adjustment | basis | old | new | change | base effect | percentage effect |\n";
  out += "|:---|:---|---:|---:|---:|---:|---:|\n";
  Decimal old_sum, new_sum;
  for (const AdjustmentRevision& adjustment : bridge.adjustment_changes) {
    if (adjustment.before) old_sum = add(old_sum, adjustment.before->amount).value_or(old_sum);
    if (adjustment.after) new_sum = add(new_sum, adjustment.after->amount).value_or(new_sum);
    const bool split = adjustment.base_effect && !adjustment.delta.is_zero();
    out += row({markdown_cell(adjustment.label),
                markdown_cell(describe_adjustment_revision(bridge, adjustment, "→")),
                adjustment.before ? markdown_cell(bridge.money(adjustment.before->amount)) : "-",
                adjustment.after ? markdown_cell(bridge.money(adjustment.after->amount)) : "-",
                markdown_cell(bridge.signed_money(adjustment.delta)),
                split ? markdown_cell(bridge.signed_money(*adjustment.base_effect)) : "",
                split ? markdown_cell(bridge.signed_money(*adjustment.percent_effect)) : ""});
  }
  out += row({"**Total**", "", "**" + markdown_cell(bridge.money(old_sum)) + "**",
              "**" + markdown_cell(bridge.money(new_sum)) + "**",
              "**" + markdown_cell(bridge.signed_money(bridge.adjustments)) + "**", "", ""});
}

void append_rates(std::string& out, const RevisionBridge& bridge) {
  if (bridge.rates.empty()) return;
  out += "\n## Rate card changes\n\n| rate | old | new | changed items |\n|:---|---:|---:|:---|\n";
  for (const RateRevision& rate : bridge.rates) {
    out += row({markdown_cell(rate.name),
                rate.before ? markdown_cell(format_price(bridge, *rate.before)) : "-",
                rate.after ? markdown_cell(format_price(bridge, *rate.after)) : "-",
                markdown_cell(fmt::format("{}", fmt::join(rate.items, ", ")))});
  }
}

}  // namespace

std::string render_revision_markdown(const RevisionBridge& bridge) {
  std::string out = "# " + markdown_cell(bridge.after.id);
  if (!bridge.after.title.empty()) out += ": " + markdown_cell(bridge.after.title);
  out += "\n\n";
  out += markdown_cell(revisions_line(bridge, "→")) + ". " + markdown_cell(facts_line(bridge)) +
         ".\n\n";
  out += markdown_cell(describe_revision(bridge)) + "\n\n";
  append_bridge(out, bridge);
  append_added_or_removed(out, bridge, bridge.added_items, true);
  append_added_or_removed(out, bridge, bridge.removed_items, false);
  append_changed(out, bridge);
  append_adjustments(out, bridge);
  append_rates(out, bridge);
  out += fmt::format("\n{} {} unchanged.\n", bridge.unchanged_items,
                     bridge.unchanged_items == 1 ? "item" : "items");
  return out;
}

}  // namespace basis
