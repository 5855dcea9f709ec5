// Style profiles: which sections each reader sees, in which order, at which depth.

#include <array>

#include "explain_internal.hpp"

namespace basis {

namespace {

using S = SectionKind;

constexpr std::array<std::string_view, 14> kSectionNames = {
    "summary", "drivers",   "basis",      "benchmarks", "assumptions", "exclusions", "risks",
    "options", "questions", "objections", "buildup",    "coverage",    "trace",      "internal"};

// The heading each section gets, in the order of SectionKind.
constexpr std::array<std::string_view, 14> kSectionTitles = {"Summary",
                                                             "What drives the cost",
                                                             "How the estimate was built",
                                                             "Benchmarks",
                                                             "Assumptions",
                                                             "Exclusions",
                                                             "Risks and contingency",
                                                             "Options",
                                                             "Questions to confirm",
                                                             "Objections and answers",
                                                             "Cost build-up",
                                                             "Coverage",
                                                             "Where the numbers come from",
                                                             "Negotiation notes"};

}  // namespace

std::string_view section_kind_name(SectionKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kSectionNames.size() ? kSectionNames[i] : "summary";
}

std::string_view section_title(SectionKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kSectionTitles.size() ? kSectionTitles[i] : "";
}

std::optional<SectionKind> parse_section_kind(std::string_view name) {
  for (std::size_t i = 0; i < kSectionNames.size(); ++i) {
    if (kSectionNames[i] == name) return static_cast<SectionKind>(i);
  }
  return std::nullopt;
}

StyleProfile style_profile(DecisionStyle style, const RuleSettings& settings) {
  StyleProfile p;
  p.style = style;
  switch (style) {
    case DecisionStyle::driver:
      p.sections = {S::summary, S::options, S::drivers, S::risks};
      p.brief = true;
      break;
    case DecisionStyle::analytical:
      p.sections = {S::summary,    S::drivers,  S::basis,   S::benchmarks, S::assumptions,
                    S::exclusions, S::risks,    S::options, S::questions,  S::objections,
                    S::buildup,    S::coverage, S::trace};
      break;
    case DecisionStyle::amiable:
      p.sections = {S::summary,   S::assumptions, S::risks,  S::drivers,
                    S::questions, S::objections,  S::options};
      break;
    case DecisionStyle::expressive:
      // Not brief: the big picture still names every group and what drives it.
      p.sections = {S::summary, S::drivers, S::options};
      break;
    case DecisionStyle::internal:
      p.sections = {S::summary,    S::drivers,  S::basis,   S::benchmarks, S::assumptions,
                    S::exclusions, S::risks,    S::options, S::questions,  S::objections,
                    S::buildup,    S::coverage, S::trace,   S::internal};
      break;
  }
  if (const StyleOverrideSyntax* o = settings.style(style)) {
    if (o->sections) {
      std::vector<SectionKind> sections;
      for (const StyleSectionRef& ref : *o->sections) {
        auto kind = parse_section_kind(ref.name);
        // The loader already refuses `internal` outside the internal style; this keeps the
        // guarantee even for settings built some other way.
        if (!kind || (*kind == S::internal && style != DecisionStyle::internal)) continue;
        sections.push_back(*kind);
      }
      p.sections = std::move(sections);
    }
    if (o->detail) p.brief = *o->detail == StyleDetail::brief;
  }
  return p;
}

}  // namespace basis
