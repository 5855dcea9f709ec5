#pragma once
// Renderings of the revision bridge (`basis diff OLD NEW`): text for a terminal or an
// e-mail (80 columns), GitHub-flavoured Markdown, and JSON with exact amounts. Each shows
// the bridge from the old total to the new total step by step, then the items added,
// removed and changed (old and new amount, volume and price effect, change_reason), each
// adjustment's old and new amount, and the rate-card changes.

#include <optional>
#include <string>
#include <string_view>

#include "basis/engine/revision.hpp"

namespace basis {

enum class RevisionFormat { text, markdown, json };

// "text", "md" (also "markdown") or "json"; nullopt otherwise.
std::optional<RevisionFormat> parse_revision_format(std::string_view name);

std::string render_revision(const RevisionBridge& bridge, RevisionFormat format);
std::string render_revision_text(const RevisionBridge& bridge);
std::string render_revision_markdown(const RevisionBridge& bridge);
std::string render_revision_json(const RevisionBridge& bridge);

}  // namespace basis
