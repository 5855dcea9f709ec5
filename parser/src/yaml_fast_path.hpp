#pragma once
// Private to the YAML loader: a fast reader for the plain subset of YAML that rule sets and
// estimates are written in (block maps and lists, one-line plain and quoted values, folded
// and literal blocks, one-line flow lists and maps, comments).
//
// yaml-cpp spends most of the time of loading a large rule set matching its scanner's
// regular expressions character by character. This reader produces exactly the events
// yaml-cpp would report for the same text (same order, same positions, same values), so
// the loader replays them into the same event handler and everything downstream
// (positions, anchors, duplicate keys, diagnostics) is unchanged. It declines (nullopt)
// anything outside the subset, or anything it is not sure about, and yaml-cpp then reads
// the file as before: every malformed file goes through yaml-cpp and gets its messages.
// tests/unit/yaml_fast_path_test.cpp checks the events against yaml-cpp's.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class EventHandler;
}

namespace basis::parser_detail {

struct YamlEvent {
  enum class Kind : unsigned char { map_start, map_end, list_start, list_end, scalar, null };
  Kind kind = Kind::scalar;
  bool flow = false;       // a [..] or {..} collection
  bool plain = true;       // a plain scalar (yaml-cpp's tag "?"), else quoted or a block ("!")
  std::size_t offset = 0;  // yaml-cpp's mark: where the node starts (a byte offset)
  std::string value;       // a scalar's value
};

// The events of the whole document, without the document start and end; nullopt when the
// text is not in the subset (yaml-cpp must read it).
std::optional<std::vector<YamlEvent>> read_simple_yaml(std::string_view text);

// Calls the handler as yaml-cpp's parser would for a document with these events.
void replay_yaml_events(const std::vector<YamlEvent>& events, YAML::EventHandler& handler);

}  // namespace basis::parser_detail
