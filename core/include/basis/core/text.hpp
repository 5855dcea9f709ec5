// Small text helpers every stage shares.
#pragma once

#include <string>
#include <string_view>

namespace basis {

// Runs of ASCII whitespace (space, tab, line breaks, form feed, vertical tab) become one
// space, with none at either end: how folded YAML prose is compared and laid out again.
std::string collapse_whitespace(std::string_view text);

}  // namespace basis
