#pragma once
// Shared between the item and adjustment halves of compute_estimate; not a public API.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "basis/core/decimal.hpp"
#include "basis/core/diagnostic.hpp"
#include "basis/engine/estimate.hpp"

namespace basis::detail {

// The file an item's positions belong to: the CSV its items came from when the parser
// recorded one, otherwise the estimate file itself.
SourceRef item_source(const EstimateHeaderSyntax& syntax);

// Rounds half away from zero to the estimate's step, reporting an overflow as
// "<what> is too large (overflow)" at `pos`.
std::optional<Decimal> round_money(Decimal value, Decimal step, const SourceRef& source,
                                   SourcePos pos, std::string_view what, Diagnostics& diags);

void report_overflow(const SourceRef& source, SourcePos pos, std::string_view what,
                     Diagnostics& diags);

// Fills estimate.totals from estimate.items and estimate.syntax.adjustments. Returns false
// when an error was reported.
bool compute_adjustments(Estimate& estimate, Diagnostics& diags, const AppliesToFilter& filter);

// Characters (code points) of a UTF-8 text: the length of a caret underline.
std::uint32_t code_points(std::string_view text);

}  // namespace basis::detail
