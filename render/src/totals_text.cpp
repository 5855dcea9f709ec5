// Plain-text totals: aligned columns within 80 characters, for a terminal or an e-mail.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "basis/render/totals.hpp"
#include "totals_layout.hpp"

namespace basis {

namespace {

constexpr std::size_t kColumns = 80;
constexpr std::size_t kGap = 2;

using layout::pad_left;
using layout::pad_right;
using layout::width;

void append_wrapped(std::string& out, std::string_view text, std::size_t indent) {
  for (const std::string& line : layout::wrap(layout::one_line(text), kColumns - indent)) {
    out.append(indent, ' ');
    out += line;
    out += '\n';
  }
}

struct GroupRow {
  std::string key, items, hours, amount, share;
};

void append_groups(std::string& out, const Estimate& estimate, const TotalsReport& report) {
  std::vector<GroupRow> rows;
  for (const TotalsGroup& group : report.groups) {
    rows.push_back(
        {layout::one_line(group.key), std::to_string(group.item_count),
         group.hours_items > 0 ? format_number(group.shown_hours, report.hours_decimals) : "-",
         estimate.format_money(group.amount), format_share(group.share_tenths)});
  }
  const bool any_hours = std::any_of(report.groups.begin(), report.groups.end(),
                                     [&](const TotalsGroup& g) { return g.hours_items > 0; });
  GroupRow header{report.group_by, "items", "hours", "amount", "share"};
  GroupRow footer{"Direct cost", std::to_string(estimate.items.size()),
                  any_hours ? format_number(report.shown_total_hours, report.hours_decimals) : "-",
                  estimate.format_money(report.totals->direct),
                  report.totals->direct.is_zero() ? "-" : format_share(1000)};

  std::size_t items_w = 0, hours_w = 0, amount_w = 0, share_w = 0, key_w = 0;
  for (const GroupRow* row : {&header, &footer}) {
    items_w = std::max(items_w, width(row->items));
    hours_w = std::max(hours_w, width(row->hours));
    amount_w = std::max(amount_w, width(row->amount));
    share_w = std::max(share_w, width(row->share));
    key_w = std::max(key_w, width(row->key));
  }
  for (const GroupRow& row : rows) {
    items_w = std::max(items_w, width(row.items));
    hours_w = std::max(hours_w, width(row.hours));
    amount_w = std::max(amount_w, width(row.amount));
    share_w = std::max(share_w, width(row.share));
    key_w = std::max(key_w, width(row.key));
  }
  const std::size_t numbers_w = items_w + hours_w + amount_w + share_w + 4 * kGap;
  // Long keys (grouping by name) wrap inside their column rather than push the figures
  // past 80 characters.
  const std::size_t key_max = numbers_w + 12 < kColumns ? kColumns - numbers_w : 12;
  key_w = std::min(key_w, key_max);

  auto emit = [&](const GroupRow& row) {
    std::vector<std::string> key_lines = layout::wrap(row.key, key_w);
    std::string line = pad_right(key_lines.front(), key_w);
    line += std::string(kGap, ' ') + pad_left(row.items, items_w);
    line += std::string(kGap, ' ') + pad_left(row.hours, hours_w);
    line += std::string(kGap, ' ') + pad_left(row.amount, amount_w);
    line += std::string(kGap, ' ') + pad_left(row.share, share_w);
    out += line + '\n';
    for (std::size_t i = 1; i < key_lines.size(); ++i) out += "  " + key_lines[i] + '\n';
  };

  out += fmt::format("Direct cost by {}\n", layout::one_line(report.group_by));
  emit(header);
  out += std::string(key_w + numbers_w, '-') + '\n';
  for (const GroupRow& row : rows) emit(row);
  out += std::string(key_w + numbers_w, '-') + '\n';
  emit(footer);
}

struct BuildUpRow {
  std::string label, amount, description;
};

void append_build_up(std::string& out, const Estimate& estimate, const TotalsReport& report) {
  const Totals& totals = *report.totals;
  std::vector<BuildUpRow> rows;
  rows.push_back({"Direct cost", estimate.format_money(totals.direct), ""});
  bool any_tax = false;
  for (const AdjustmentLine& line : totals.adjustments) {
    const AdjustmentSyntax& adjustment = *line.syntax;
    any_tax = any_tax || adjustment.kind == AdjustmentKind::tax;
    rows.push_back({adjustment.label.empty() ? adjustment.id : adjustment.label,
                    estimate.format_money(line.amount),
                    fmt::format("{}: {}", adjustment_kind_name(adjustment.kind),
                                describe_adjustment_base(estimate, line))});
  }
  BuildUpRow total{"Total", estimate.format_money(totals.total), ""};
  BuildUpRow before_tax{"Total before tax", estimate.format_money(totals.subtotal), ""};

  std::size_t amount_w = width("amount");
  for (const BuildUpRow& row : rows) amount_w = std::max(amount_w, width(row.amount));
  amount_w = std::max({amount_w, width(total.amount), width(before_tax.amount)});
  const std::size_t label_w = kColumns - kGap - amount_w;

  auto emit = [&](const BuildUpRow& row) {
    std::vector<std::string> label_lines = layout::wrap(layout::one_line(row.label), label_w);
    out += pad_right(label_lines.front(), label_w) + std::string(kGap, ' ') +
           pad_left(row.amount, amount_w) + '\n';
    for (std::size_t i = 1; i < label_lines.size(); ++i) {
      // Continuation lines are indented, so they are re-wrapped to the narrower width.
      append_wrapped(out, label_lines[i], 2);
    }
    if (!row.description.empty()) append_wrapped(out, row.description, 4);
  };

  out += pad_right("Cost build-up", label_w) + std::string(kGap, ' ') +
         pad_left("amount", amount_w) + '\n';
  for (const BuildUpRow& row : rows) emit(row);
  out += std::string(label_w + kGap, ' ') + std::string(amount_w, '-') + '\n';
  emit(total);
  if (any_tax) emit(before_tax);
}

}  // namespace

std::string render_totals_text(const Estimate& estimate, const TotalsReport& report) {
  std::string out;
  std::string heading = estimate.id();
  if (!estimate.syntax.title.empty()) heading += ": " + estimate.syntax.title;
  append_wrapped(out, heading, 0);
  append_wrapped(out, describe_estimate_facts(estimate), 0);
  out += '\n';
  append_groups(out, estimate, report);
  out += '\n';
  append_build_up(out, estimate, report);
  if (report.accuracy) {
    out += "\nAccuracy range\n";
    append_wrapped(out, describe_accuracy(estimate, *report.accuracy), 2);
  }
  return out;
}

}  // namespace basis
