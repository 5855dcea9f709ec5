// Rule-set settings: `drivers_by`, `class_bounds` and `styles`, and how they merge when
// several files are loaded.

#include <algorithm>
#include <array>

#include "ruleset_reader.hpp"

namespace basis::rules_detail {

namespace {

constexpr std::array<std::string_view, 2> kStyleFields = {"sections", "detail"};
constexpr std::array<std::string_view, 2> kDetails = {"brief", "full"};

std::optional<NumberField> read_bound(NodeReader& r, NodeId b, bool low) {
  std::optional<NumberField> n;
  if (r.is_scalar(b)) n = parse_number_text(r.node(b).text, r.node(b).pos);
  const char* example = low ? "-15%" : "20%";
  if (!n) {
    std::string found = r.is_scalar(b) ? in_quotes(r.node(b).text) : std::string(r.kind_name(b));
    r.error(
        b, std::string("a class bound must be a percentage such as ") + example + ", not " + found);
    return std::nullopt;
  }
  if (!n->percent) {
    r.error(b, "write the bound as a percentage: " + r.node(b).text + "%");
    return std::nullopt;
  }
  if (low && n->value.sign() > 0) {
    r.error(b, "the low bound must be 0% or below, such as -15%");
    return std::nullopt;
  }
  if (!low && n->value.sign() < 0) {
    r.error(b, "the high bound must be 0% or above, such as 20%");
    return std::nullopt;
  }
  return n;
}

void read_sections(NodeReader& r, NodeId value, StyleOverrideSyntax& out) {
  auto elements = r.list(value, "sections", "section names");
  if (!elements) return;
  if (elements->empty()) {
    r.error(value, "'sections' is empty: the style would show nothing");
    return;
  }
  std::vector<StyleSectionRef> sections;
  bool ok = true;
  for (NodeId s : *elements) {
    auto name = r.text(s, "sections");
    if (!name) {
      ok = false;
      continue;
    }
    auto names = explanation_section_names();
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
      std::string hint = did_you_mean(*name, names);
      r.error(s, "unknown section " + in_quotes(*name) +
                     (hint.empty() ? "; expected " + one_of(names) : hint));
      ok = false;
      continue;
    }
    if (*name == "internal" && out.style != DecisionStyle::internal) {
      r.error(s, "the 'internal' section can only be shown in the 'internal' style: " +
                     in_quotes(style_name(out.style)) + " is read by the client");
      ok = false;
      continue;
    }
    auto first = std::find_if(sections.begin(), sections.end(),
                              [&](const StyleSectionRef& x) { return x.name == *name; });
    if (first != sections.end()) {
      Diagnostic& d = r.error(s, "section " + in_quotes(*name) + " is listed twice");
      d.notes.push_back({r.source(), first->pos, "first listed here"});
      ok = false;
      continue;
    }
    sections.push_back({*name, r.node(s).pos});
  }
  if (ok) {
    out.sections = std::move(sections);
    out.sections_source = r.source();
    out.sections_pos = r.node(value).pos;
  }
}

template <typename T, typename Key>
void sort_by(std::vector<T>& v, Key key) {
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

void read_drivers_by(NodeReader& r, NodeId value, RuleSettings& out) {
  auto field = r.text(value, "drivers_by");
  if (!field) return;
  if (!is_identifier(*field)) {
    r.error(value,
            "'drivers_by' must be an item field name such as category, not " + in_quotes(*field));
    return;
  }
  out.drivers_by.text = *field;
  out.drivers_by.pos = r.node(value).pos;
  out.drivers_by_source = r.source();
}

void read_class_bounds(NodeReader& r, NodeId value, RuleSettings& out) {
  if (r.is_null(value)) return;
  if (!r.expect_map(value, "'class_bounds'", "estimate classes (1 to 5) to [low%, high%]")) return;
  for (std::size_t i = 0; i < r.doc().map_size(value); ++i) {
    NodeId key = r.doc().map_key(value, i);
    NodeId bounds = r.doc().map_value(value, i);
    const std::string& k = r.node(key).text;
    if (k.size() != 1 || k[0] < '1' || k[0] > '5') {
      r.error(key, "estimate class must be a whole number from 1 to 5, not " + in_quotes(k));
      continue;
    }
    const int estimate_class = k[0] - '0';
    if (out.bounds_for(estimate_class) != nullptr) continue;  // repeated key: reported
    const Node& n = r.node(bounds);
    if (n.kind != NodeKind::sequence || n.children.size() != 2) {
      r.error(bounds,
              "class bounds must be a list of two percentages, [low, high], such as "
              "[-15%, 20%]");
      continue;
    }
    auto low = read_bound(r, n.children[0], true);
    auto high = read_bound(r, n.children[1], false);
    if (!low || !high) continue;
    ClassBoundsSyntax b;
    b.estimate_class = estimate_class;
    b.low = *low;
    b.high = *high;
    b.source = r.source();
    b.pos = r.node(key).pos;
    out.class_bounds.push_back(b);
  }
  sort_by(out.class_bounds, [](const ClassBoundsSyntax& b) { return b.estimate_class; });
}

void read_styles(NodeReader& r, NodeId value, RuleSettings& out) {
  if (r.is_null(value)) return;
  if (!r.expect_map(value, "'styles'", "style names to {sections, detail}")) return;
  for (const Entry& e : r.entries(value, style_names(), "style")) {
    StyleOverrideSyntax o;
    o.style = *parse_style(e.key);
    if (!r.expect_map(e.value, "a style override", "sections and detail")) continue;
    for (const Entry& f : r.entries(e.value, kStyleFields, "style field")) {
      if (f.key == "sections") {
        read_sections(r, f.value, o);
      } else {
        auto name = r.text(f.value, "detail");
        if (!name) continue;
        if (*name == "brief" || *name == "full") {
          o.detail = *name == "brief" ? StyleDetail::brief : StyleDetail::full;
          o.detail_source = r.source();
          o.detail_pos = r.node(f.value).pos;
        } else {
          std::string hint = did_you_mean(*name, kDetails);
          r.error(f.value, "unknown detail " + in_quotes(*name) +
                               (hint.empty() ? "; expected brief or full" : hint));
        }
      }
    }
    out.styles.push_back(std::move(o));
  }
  sort_by(out.styles, [](const StyleOverrideSyntax& s) { return s.style; });
}

void merge_settings(RuleSettings& into, const RuleSettings& from) {
  if (!into.drivers_by.present() && from.drivers_by.present()) {
    into.drivers_by = from.drivers_by;
    into.drivers_by_source = from.drivers_by_source;
  }
  for (const ClassBoundsSyntax& b : from.class_bounds) {
    if (into.bounds_for(b.estimate_class) == nullptr) into.class_bounds.push_back(b);
  }
  for (const StyleOverrideSyntax& s : from.styles) {
    auto it = std::find_if(into.styles.begin(), into.styles.end(),
                           [&](const StyleOverrideSyntax& x) { return x.style == s.style; });
    if (it == into.styles.end()) {
      into.styles.push_back(s);
      continue;
    }
    if (!it->sections && s.sections) {
      it->sections = s.sections;
      it->sections_source = s.sections_source;
      it->sections_pos = s.sections_pos;
    }
    if (!it->detail && s.detail) {
      it->detail = s.detail;
      it->detail_source = s.detail_source;
      it->detail_pos = s.detail_pos;
    }
  }
  sort_by(into.class_bounds, [](const ClassBoundsSyntax& b) { return b.estimate_class; });
  sort_by(into.styles, [](const StyleOverrideSyntax& s) { return s.style; });
}

}  // namespace basis::rules_detail
