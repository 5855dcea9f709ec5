#pragma once
// The inline SVG charts of the HTML explanation. Both are images to assistive
// technology (role="img", <title> and <desc> through aria-labelledby) and carry their
// figures as text labels, so they read without colour and print in black and white.
// Geometry is computed with Decimal: the same explanation draws the same bytes.

#include <string>

#include "basis/engine/explanation.hpp"

namespace basis::explain {

// Horizontal bars, one per driver group (all groups, else the top drivers), with the
// group's amount and share; "" when there is no group.
std::string breakdown_svg(const Explanation& explanation);

// From direct cost through each adjustment to the total (Explanation::buildup); "" when
// the build-up is empty.
std::string waterfall_svg(const Explanation& explanation);

// The bridge from the previous revision's total through each step (items added, removed,
// volume and price effects, each adjustment's change) to the total (Explanation::previous);
// "" without a previous revision. When the totals are far from zero the axis starts at a
// round figure below them, and the chart's description says so.
std::string revision_svg(const Explanation& explanation);

}  // namespace basis::explain
