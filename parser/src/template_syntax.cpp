// The filter table and the debug printer of templates.

#include "basis/parser/template_syntax.hpp"

#include <algorithm>
#include <string>

namespace basis {

namespace {

constexpr TemplateFilterSpec kFilters[] = {
    {"money", 0, 1}, {"percent", 0, 1}, {"number", 0, 1}, {"hours", 0, 0}, {"plural", 1, 2},
    {"list", 0, 1},  {"upper", 0, 0},   {"lower", 0, 0},  {"title", 0, 0}, {"date", 0, 0},
};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out.push_back(c);
    }
  }
  return out + "\"";
}

void write_parts(const TemplateSyntax& t, const std::vector<TemplatePartId>& ids, std::string& out);

void write_part(const TemplateSyntax& t, const TemplatePart& part, std::string& out) {
  switch (part.kind) {
    case TemplatePartKind::text:
      out += quoted(part.text);
      break;
    case TemplatePartKind::placeholder:
      out += "{{" + to_sexpr(t.expressions, part.expr);
      for (const TemplateFilter& f : part.filters) {
        out += " | " + f.name;
        if (!f.args.empty()) {
          out.push_back('(');
          for (std::size_t i = 0; i < f.args.size(); ++i) {
            if (i > 0) out += ", ";
            out += to_sexpr(t.expressions, f.args[i]);
          }
          out.push_back(')');
        }
      }
      out += "}}";
      break;
    case TemplatePartKind::if_block:
      for (std::size_t i = 0; i < part.branches.size(); ++i) {
        const TemplateBranch& b = part.branches[i];
        if (i > 0) out.push_back(' ');
        if (b.condition == kNoExpr) {
          out += "(else";
        } else {
          out += (i == 0 ? "(if " : "(elif ") + to_sexpr(t.expressions, b.condition);
        }
        if (!b.body.empty()) out.push_back(' ');
        write_parts(t, b.body, out);
        if (i > 0) out.push_back(')');
      }
      out.push_back(')');
      break;
    case TemplatePartKind::for_loop:
      out += "(for " + part.variable + " in " + to_sexpr(t.expressions, part.expr);
      if (!part.body.empty()) out.push_back(' ');
      write_parts(t, part.body, out);
      out.push_back(')');
      break;
  }
}

void write_parts(const TemplateSyntax& t, const std::vector<TemplatePartId>& ids,
                 std::string& out) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.push_back(' ');
    write_part(t, t.part(ids[i]), out);
  }
}

}  // namespace

std::span<const TemplateFilterSpec> template_filters() {
  return kFilters;
}

const TemplateFilterSpec* find_template_filter(std::string_view name) {
  auto it = std::find_if(std::begin(kFilters), std::end(kFilters),
                         [&](const TemplateFilterSpec& f) { return f.name == name; });
  return it == std::end(kFilters) ? nullptr : &*it;
}

std::string to_debug_string(const TemplateSyntax& syntax) {
  std::string out;
  write_parts(syntax, syntax.top, out);
  return out;
}

}  // namespace basis
