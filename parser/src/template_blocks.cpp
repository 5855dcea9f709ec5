// parse_template: literal text is scanned by hand (it is everything up to `{{` or `{%`),
// each tag is read by the X3 tag grammar (template_grammar.cpp), and blocks
// (if/elif/else/endif, for/endfor) are matched afterwards over the sequence of tags, which
// gives each mismatch a plain message. Filters are checked here against the filter table.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "basis/parser/template_syntax.hpp"
#include "template_tags.hpp"

namespace basis {
namespace detail {
namespace {

SyntaxProblem problem_at(std::uint32_t offset, std::uint32_t length, std::string message) {
  SyntaxProblem p;
  p.offset = offset;
  p.length = length;
  p.message = std::move(message);
  return p;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class TemplateBuilder {
 public:
  TemplateBuilder(TemplateSyntax& out, Diagnostics& diags) : out_(out), diags_(diags) {}

  void text(std::uint32_t begin, std::uint32_t end) {
    TemplatePart part;
    part.kind = TemplatePartKind::text;
    part.begin = begin;
    part.end = end;
    part.text = out_.expressions.input.text.substr(begin, end - begin);
    append(std::move(part));
  }

  void tag(Tag&& tag) {
    switch (tag.kind) {
      case TagKind::placeholder: {
        TemplatePart part;
        part.kind = TemplatePartKind::placeholder;
        part.begin = tag.begin;
        part.end = tag.end;
        part.expr = tag.expr;
        part.filters = std::move(tag.filters);
        check_filters(part.filters);
        append(std::move(part));
        return;
      }
      case TagKind::if_tag: {
        TemplatePart part;
        part.kind = TemplatePartKind::if_block;
        part.begin = tag.begin;
        part.branches.push_back(branch(tag));
        open(append(std::move(part)), tag);
        return;
      }
      case TagKind::for_tag: {
        TemplatePart part;
        part.kind = TemplatePartKind::for_loop;
        part.begin = tag.begin;
        part.expr = tag.expr;
        const std::string& text = out_.expressions.input.text;
        part.variable = text.substr(tag.variable_begin, tag.variable_end - tag.variable_begin);
        part.variable_pos = pos(tag.variable_begin);
        open(append(std::move(part)), tag);
        return;
      }
      case TagKind::elif_tag:
      case TagKind::else_tag: {
        Open* block = innermost(TemplatePartKind::if_block, tag);
        if (!block) return;
        if (block->has_else) {
          error(tag.begin, tag.end,
                std::string(tag.kind == TagKind::else_tag ? "a second '{% else %}'"
                                                          : "'{% elif %}' after '{% else %}'") +
                    " in the same '{% if %}'",
                block->tag_begin, "the 'if' opened here");
          return;
        }
        block->has_else = tag.kind == TagKind::else_tag;
        out_.parts[block->part].branches.push_back(branch(tag));
        return;
      }
      case TagKind::endif_tag:
      case TagKind::endfor_tag: {
        auto kind = tag.kind == TagKind::endif_tag ? TemplatePartKind::if_block
                                                   : TemplatePartKind::for_loop;
        Open* block = innermost(kind, tag);
        if (!block) return;
        out_.parts[block->part].end = tag.end;
        open_.pop_back();
        return;
      }
    }
  }

  void finish() {
    for (const Open& block : open_) {
      bool is_if = out_.parts[block.part].kind == TemplatePartKind::if_block;
      error(block.tag_begin, block.tag_end,
            is_if ? "'{% if %}' is never closed; add '{% endif %}'"
                  : "'{% for %}' is never closed; add '{% endfor %}'");
    }
    open_.clear();
    for (TemplatePart& part : out_.parts) part.pos = pos(part.begin);
  }

 private:
  struct Open {
    TemplatePartId part;
    std::uint32_t tag_begin, tag_end;
    bool has_else = false;
  };

  SourcePos pos(std::uint32_t offset) const { return out_.expressions.pos_of(offset); }

  void error(std::uint32_t begin, std::uint32_t end, std::string message,
             std::optional<std::uint32_t> note_at = std::nullopt, std::string note = {}) {
    SyntaxProblem p = problem_at(begin, end - begin, std::move(message));
    if (note_at) {
      p.has_note = true;
      p.note_offset = *note_at;
      p.note = std::move(note);
    }
    report_problem(p, out_.expressions.input, Severity::error, diags_);
  }

  TemplateBranch branch(const Tag& tag) const {
    TemplateBranch b;
    b.condition = tag.expr;
    if (tag.kind == TagKind::else_tag) b.condition = kNoExpr;
    b.begin = tag.begin;
    b.pos = pos(tag.begin);
    return b;
  }

  TemplatePartId append(TemplatePart&& part) {
    auto id = static_cast<TemplatePartId>(out_.parts.size());
    out_.parts.push_back(std::move(part));
    if (open_.empty()) {
      out_.top.push_back(id);
    } else {
      TemplatePart& parent = out_.parts[open_.back().part];
      if (parent.kind == TemplatePartKind::if_block) {
        parent.branches.back().body.push_back(id);
      } else {
        parent.body.push_back(id);
      }
    }
    return id;
  }

  void open(TemplatePartId id, const Tag& tag) {
    if (open_.size() >= static_cast<std::size_t>(kMaxTemplateNesting) && !nesting_reported_) {
      nesting_reported_ = true;
      error(tag.begin, tag.end,
            "blocks nested too deeply (more than " + std::to_string(kMaxTemplateNesting) +
                " levels)");
    }
    open_.push_back({id, tag.begin, tag.end});
  }

  // The innermost open block, which must be of `kind` for `tag`; reports the mismatch and
  // returns null otherwise.
  Open* innermost(TemplatePartKind kind, const Tag& tag) {
    std::string word(tag_word(tag.kind));
    std::string opener = kind == TemplatePartKind::if_block ? "if" : "for";
    if (open_.empty()) {
      error(tag.begin, tag.end, "'{% " + word + " %}' without a matching '{% " + opener + " %}'");
      return nullptr;
    }
    Open& block = open_.back();
    if (out_.parts[block.part].kind != kind) {
      bool inner_if = out_.parts[block.part].kind == TemplatePartKind::if_block;
      error(tag.begin, tag.end,
            "'{% " + word + " %}' cannot close '{% " + (inner_if ? "if" : "for") +
                " %}'; add '{% " + (inner_if ? "endif" : "endfor") + " %}' before it",
            block.tag_begin, std::string("the '") + (inner_if ? "if" : "for") + "' opened here");
      return nullptr;
    }
    return &block;
  }

  void check_filters(const std::vector<TemplateFilter>& filters) {
    for (const TemplateFilter& f : filters) {
      const TemplateFilterSpec* spec = find_template_filter(f.name);
      auto name_end = f.begin + static_cast<std::uint32_t>(f.name.size());
      if (!spec) {
        std::vector<std::string_view> names;
        for (const TemplateFilterSpec& s : template_filters()) names.push_back(s.name);
        std::string suggestion = did_you_mean(f.name, names);
        if (suggestion.empty()) {
          suggestion =
              "; the filters are money, percent, number, hours, plural, list, upper, "
              "lower, title and date";
        }
        error(f.begin, name_end, "unknown filter '" + f.name + "'" + suggestion);
        continue;
      }
      int n = static_cast<int>(f.args.size());
      if (n >= spec->min_args && n <= spec->max_args) continue;
      std::string takes;
      if (spec->max_args == 0) {
        takes = "takes no arguments";
      } else if (spec->min_args == spec->max_args) {
        takes = "takes " + std::to_string(spec->min_args) + " argument" +
                (spec->min_args == 1 ? "" : "s");
      } else if (spec->min_args == 0) {
        takes = "takes at most " + std::to_string(spec->max_args) + " argument" +
                (spec->max_args == 1 ? "" : "s");
      } else {
        takes = "takes " + std::to_string(spec->min_args) + " or " +
                std::to_string(spec->max_args) + " arguments";
      }
      error(
          f.begin, name_end,
          "filter '" + f.name + "' " + takes + ", not " + std::to_string(n) +
              (f.name == "plural" ? " (plural(\"item\") or plural(\"person\", \"people\"))" : ""));
    }
  }

  TemplateSyntax& out_;
  Diagnostics& diags_;
  std::vector<Open> open_;
  bool nesting_reported_ = false;  // once is enough
};

// `{% if x > 18%}` reads 18 and closes the tag: legal, but rarely what was meant.
void warn_percent_close(const ExpressionSyntax& expressions, const Tag& tag, Diagnostics& diags) {
  if (tag.expr == kNoExpr || tag.kind == TagKind::placeholder) return;
  const std::string& text = expressions.input.text;
  std::uint32_t end = expressions.node(tag.expr).end;
  if (end == 0 || !is_digit(text[end - 1]) || text.compare(end, 2, "%}") != 0) return;
  std::uint32_t begin = end;
  while (begin > 0 &&
         (is_digit(text[begin - 1]) || text[begin - 1] == '.' || text[begin - 1] == '_')) {
    --begin;
  }
  std::string number = text.substr(begin, end - begin);
  SyntaxProblem p =
      problem_at(begin, end + 2 - begin,
                 "'%}' right after " + number + " closes the tag, so this is " + number + ", not " +
                     number + "%; write '" + number + "% %}' if you meant a percentage");
  report_problem(p, expressions.input, Severity::warning, diags);
}

}  // namespace
}  // namespace detail

std::optional<TemplateSyntax> parse_template(const ExpressionText& text, Diagnostics& diags) {
  TemplateSyntax out;
  out.expressions.input = text;
  const std::string& s = text.text;
  if (s.size() >= 0xffffffffu) {
    diags.error(text.source, text.pos_of(0), "template too long");
    return std::nullopt;
  }
  const std::size_t errors_before = diags.error_count();
  detail::TemplateBuilder builder(out, diags);
  std::size_t at = 0;
  while (at < s.size()) {
    std::size_t open = s.find('{', at);
    while (open != std::string::npos && open + 1 < s.size() && s[open + 1] != '{' &&
           s[open + 1] != '%') {
      open = s.find('{', open + 1);
    }
    if (open == std::string::npos || open + 1 >= s.size()) {
      builder.text(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(s.size()));
      break;
    }
    if (open > at) builder.text(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(open));
    detail::SyntaxProblem problem;
    detail::Tag tag;
    auto begin = static_cast<std::uint32_t>(open);
    if (detail::read_tag(out.expressions, begin, tag, problem)) {
      detail::warn_percent_close(out.expressions, tag, diags);
      at = tag.end;
      builder.tag(std::move(tag));
      continue;
    }
    detail::report_problem(problem, text, Severity::error, diags);
    // Go on after the tag's own closer, so that later tags are still checked.
    std::size_t close = s.find(s[open + 1] == '{' ? "}}" : "%}", open + 2);
    if (tag.kind_known && close != std::string::npos) {
      tag.expr = kNoExpr;
      tag.filters.clear();
      tag.end = static_cast<std::uint32_t>(close + 2);
      builder.tag(std::move(tag));
    }
    if (close == std::string::npos) break;
    at = close + 2;
  }
  builder.finish();
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

}  // namespace basis
