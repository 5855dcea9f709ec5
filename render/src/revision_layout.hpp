#pragma once
// Wording the revision renderings share: how a revision, a total and a bridge step are named.

#include <string>

#include <fmt/format.h>

#include "basis/engine/revision.hpp"

namespace basis::revision_layout {

inline std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

// "revision 2 (2026-09-15)", "the old revision".
inline std::string side_text(const RevisionSide& side) {
  return side.date.empty() ? side.label : fmt::format("{} ({})", side.label, side.date);
}

// "Revision 2 (2026-09-15) -> revision 3 (2026-11-20)"; the old estimate's id too when the
// two files are different estimates.
inline std::string revisions_line(const RevisionBridge& bridge, std::string_view arrow) {
  std::string before = side_text(bridge.before);
  if (bridge.before.id != bridge.after.id) before = bridge.before.id + " " + before;
  return capitalized(fmt::format("{} {} {}", before, arrow, side_text(bridge.after)));
}

// "Currency USD", plus the rounding steps when they are not the currency's minor unit.
inline std::string facts_line(const RevisionBridge& bridge) {
  std::string text = "Currency " + std::string(bridge.currency ? bridge.currency->code : "USD");
  const int minor = bridge.currency ? bridge.currency->minor_unit : 2;
  Decimal::Raw minor_step = 1;  // 10^(places - minor): the raw value of one minor unit
  for (int i = minor; i < Decimal::kPlaces; ++i) minor_step *= 10;
  const Decimal old_step = bridge.before.rounding_step;
  const Decimal new_step = bridge.after.rounding_step;
  if (old_step != new_step) {
    text += fmt::format(", amounts rounded to {} in {} and to {} in {}", old_step.to_string(),
                        bridge.before.label, new_step.to_string(), bridge.after.label);
  } else if (new_step.raw() != minor_step) {
    text += ", amounts rounded to " + new_step.to_string();
  }
  return text;
}

// "Total, revision 2".
inline std::string total_label(const RevisionSide& side) {
  return "Total, " + side.label;
}

// "Items added (2)", "Changes in hours and quantities (6 items)", or an adjustment's label.
inline std::string step_label(const BridgeStep& step) {
  switch (step.kind) {
    case BridgeStep::Kind::added:
    case BridgeStep::Kind::removed:
      return fmt::format("{} ({})", step.label, step.count);
    case BridgeStep::Kind::volume:
    case BridgeStep::Kind::price:
      return fmt::format("{} ({} {})", step.label, step.count, step.count == 1 ? "item" : "items");
    case BridgeStep::Kind::adjustment:
      return step.label;
  }
  return step.label;
}

// "Why: ..." for an item's change_reason, empty when it has none.
inline std::string why_text(const ItemRevision& item) {
  return item.reason.empty() ? std::string() : "Why: " + item.reason;
}

}  // namespace basis::revision_layout
