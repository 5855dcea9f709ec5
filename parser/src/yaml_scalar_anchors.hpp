#pragma once
// Private to the YAML loader: where each source line of a multi-line YAML scalar lands in
// its decoded text, so that an error at the 40th character of a folded condition points
// at the right line and column of the file.

#include <cstddef>
#include <string_view>
#include <vector>

#include "basis/core/source.hpp"
#include "text_position.hpp"

namespace basis::parser_detail {

enum class YamlScalarForm { plain, single_quoted, double_quoted, literal, folded };

// `start` is the byte offset of the scalar's first content character (after the opening
// quote; for | and > the indicator). Reads the raw text line by line in step with the
// decoded text; a line whose content cannot be found where expected ends the anchors
// (later offsets then count on from the last anchor), so an odd case costs precision,
// never correctness. Always returns at least one anchor, at offset 0.
std::vector<TextAnchor> yaml_scalar_anchors(std::string_view source, Locator& locator,
                                            std::size_t start, YamlScalarForm form,
                                            std::string_view decoded);

}  // namespace basis::parser_detail
