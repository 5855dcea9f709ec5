// The trace in order of appearance: t1 is the first traced number a reader meets, walking
// the sections in the style's order; entries no shown text refers to are dropped.

#include <fmt/format.h>

#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

template <class F>
void visit_statements(std::vector<Statement>& statements, F& f) {
  for (Statement& s : statements) f(s.text);
}

// Every rich text of the explanation, sections first in their order, then the texts of
// parts no section shows (options, drivers) so that they are numbered too.
template <class F>
void visit_texts(Explanation& out, F& f) {
  bool drivers = false, options = false, questions = false, objections = false, internal = false;
  for (Section& section : out.sections) {
    visit_statements(section.statements, f);
    switch (section.kind) {
      case SectionKind::drivers:
        if (!drivers) {
          for (DriverGroup& g : out.drivers) visit_statements(g.statements, f);
        }
        drivers = true;
        break;
      case SectionKind::options:
        if (!options) {
          for (OptionRow& o : out.options) {
            f(o.tradeoff);
            f(o.ask_in_return);
          }
        }
        options = true;
        break;
      case SectionKind::questions:
        if (!questions) {
          for (Question& q : out.questions) f(q.text);
        }
        questions = true;
        break;
      case SectionKind::objections:
        if (!objections) {
          for (Objection& o : out.objections) {
            f(o.objection);
            f(o.response);
          }
        }
        objections = true;
        break;
      case SectionKind::internal:
        if (!internal) {
          for (InternalNote& n : out.internal_notes) f(n.text);
        }
        internal = true;
        break;
      default:
        break;
    }
  }
  if (!drivers) {
    for (DriverGroup& g : out.drivers) visit_statements(g.statements, f);
  }
  if (!options) {
    for (OptionRow& o : out.options) {
      f(o.tradeoff);
      f(o.ask_in_return);
    }
  }
  if (!questions) {
    for (Question& q : out.questions) f(q.text);
  }
  if (!objections) {
    for (Objection& o : out.objections) {
      f(o.objection);
      f(o.response);
    }
  }
  if (!internal) {
    for (InternalNote& n : out.internal_notes) f(n.text);
  }
}

}  // namespace

void number_trace(Explanation& out, std::vector<TraceEntry>& pool) {
  std::vector<int> renumbered(pool.size(), -1);
  out.trace.clear();
  auto renumber = [&](RichText& text) {
    for (TextSpan& span : text) {
      if (span.trace < 0) continue;
      const auto old = static_cast<std::size_t>(span.trace);
      if (old >= pool.size()) {
        span.trace = -1;
        continue;
      }
      if (renumbered[old] < 0) {
        renumbered[old] = static_cast<int>(out.trace.size());
        TraceEntry entry = std::move(pool[old]);  // each pool entry is taken once
        entry.id = fmt::format("t{}", out.trace.size() + 1);
        out.trace.push_back(std::move(entry));
      }
      span.trace = renumbered[old];
    }
  };
  visit_texts(out, renumber);
}

}  // namespace basis::explain_detail
