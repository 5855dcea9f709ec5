// The build-up's wording shared by `basis totals` (render/) and the explanation (engine/).

#include <fmt/format.h>

#include "basis/engine/totals_report.hpp"

namespace basis {

std::string format_percent(Decimal fraction, bool signed_plus) {
  auto percent = mul(fraction, Decimal::from_int(100));
  std::string text = percent ? percent->to_string() : fraction.to_string();
  if (signed_plus && fraction.sign() > 0) text.insert(text.begin(), '+');
  return text + "%";
}

std::string_view adjustment_kind_name(AdjustmentKind kind) {
  switch (kind) {
    case AdjustmentKind::overhead:
      return "overhead";
    case AdjustmentKind::escalation:
      return "escalation";
    case AdjustmentKind::contingency:
      return "contingency";
    case AdjustmentKind::fee:
      return "fee";
    case AdjustmentKind::discount:
      return "discount";
    case AdjustmentKind::tax:
      return "tax";
    case AdjustmentKind::other:
      return "other";
  }
  return "other";
}

std::string describe_adjustment_base(const Estimate& estimate, const AdjustmentLine& line) {
  const AdjustmentSyntax& adjustment = *line.syntax;
  if (adjustment.amount || !adjustment.percent) return "fixed amount";
  const std::string percent = format_percent(*adjustment.percent);
  const std::string base = estimate.format_money(line.base);
  switch (adjustment.base) {
    case AdjustmentBase::direct:
      return fmt::format("{} of direct cost {}", percent, base);
    case AdjustmentBase::subtotal:
      return fmt::format("{} of subtotal {}", percent, base);
    case AdjustmentBase::applies_to:
      return fmt::format("{} of {} (items where {})", percent, base, adjustment.applies_to.text);
  }
  return fmt::format("{} of {}", percent, base);
}

}  // namespace basis
