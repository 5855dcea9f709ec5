// Rendering a rule's template: literal Markdown, placeholders evaluated and formatted by
// their filters (each number traced to its expression, rule, place and items), if blocks,
// for loops with `loop`.

#include <algorithm>

#include <fmt/format.h>

#include "basis/core/currency.hpp"
#include "explain_internal.hpp"

namespace basis::explain_detail {

namespace {

// A rendering that grows past this is stopped with a warning: a loop over 100,000 items
// makes a statement nobody reads and a file nobody opens.
constexpr std::size_t kMaxTemplateOutput = 1'000'000;

// A placeholder's value on its way through the filters: the value itself until a filter
// formats it, then text (or one text per element of a list).
struct Shown {
  enum class Kind : std::uint8_t { value, text, texts };
  Kind kind = Kind::value;
  RuleValue value;
  std::string text;
  std::vector<std::string> texts;
};

std::optional<std::int64_t> integer_arg(const RuleValue& v) {
  if (!v.is_number()) return std::nullopt;
  auto rounded = v.as_number().round(0);
  if (!rounded) return std::nullopt;
  return rounded->to_int64();
}

}  // namespace

struct TemplateRenderer::State {
  const CompiledTemplate& tmpl;
  const RuleSyntax& rule;
  RuleValue item;
  std::vector<RuleValue> locals;
  RichText out;
  std::size_t size = 0;
  bool stopped = false;
  bool trace = true;

  EvalScope scope(std::vector<std::size_t>* contributors = nullptr) const {
    return EvalScope{item, locals, contributors};
  }
};

RichText TemplateRenderer::render(const TemplateField& field, const RuleSyntax& rule,
                                  const RuleValue& item) {
  if (!field.syntax) return {};
  const CompiledTemplate* tmpl = ev_.program().find_template(field.syntax.get());
  if (!tmpl || !tmpl->syntax) return {};
  State st{*tmpl, rule, item, std::vector<RuleValue>(tmpl->local_count), {}, 0, false, true};
  render_parts(st, tmpl->syntax->top);
  return normalize_whitespace(st.out);
}

std::string TemplateRenderer::render_plain(const TemplateField& field, const RuleSyntax& rule,
                                           const RuleValue& item) {
  if (!field.syntax) return field.text.text;
  const CompiledTemplate* tmpl = ev_.program().find_template(field.syntax.get());
  if (!tmpl || !tmpl->syntax) return field.text.text;
  State st{*tmpl, rule, item, std::vector<RuleValue>(tmpl->local_count), {}, 0, false, false};
  render_parts(st, tmpl->syntax->top);
  return plain_text(normalize_whitespace(st.out));
}

void TemplateRenderer::render_parts(State& st, std::span<const TemplatePartId> parts) {
  const TemplateSyntax& syntax = *st.tmpl.syntax;
  for (TemplatePartId id : parts) {
    if (st.stopped) return;
    if (st.size > kMaxTemplateOutput) {
      st.stopped = true;
      reporter_.warn(syntax.expressions.input.source, syntax.part(id).pos,
                     fmt::format("the text of rule '{}' grows beyond {} characters here; the "
                                 "rest is left out",
                                 st.rule.id, kMaxTemplateOutput));
      return;
    }
    const TemplatePart& part = syntax.part(id);
    switch (part.kind) {
      case TemplatePartKind::text:
        st.out.push_back(TextSpan{TextSpan::Kind::markdown, part.text, -1});
        st.size += part.text.size();
        break;
      case TemplatePartKind::placeholder:
        placeholder(st, part);
        break;
      case TemplatePartKind::if_block:
        for (const TemplateBranch& branch : part.branches) {
          if (branch.condition != kNoExpr &&
              !ev_.evaluate(st.tmpl, branch.condition, st.scope(), eval_diags_).truthy()) {
            continue;
          }
          render_parts(st, branch.body);
          break;
        }
        break;
      case TemplatePartKind::for_loop:
        loop(st, id, part);
        break;
    }
  }
}

void TemplateRenderer::loop(State& st, TemplatePartId id, const TemplatePart& part) {
  const RuleValue collection = ev_.evaluate(st.tmpl, part.expr, st.scope(), eval_diags_);
  const std::uint32_t slot = id < st.tmpl.loop_slot.size() ? st.tmpl.loop_slot[id] : 0xffffffffu;
  if (slot == 0xffffffffu || slot + 1 >= st.locals.size()) return;
  std::vector<RuleValue> elements;
  if (collection.is_list()) {
    elements.assign(collection.as_list().begin(), collection.as_list().end());
  } else if (!collection.is_null() && collection.kind() != RuleValue::Kind::error) {
    elements.push_back(collection);  // one value loops once
  }
  const RuleValue saved_element = st.locals[slot], saved_loop = st.locals[slot + 1];
  for (std::size_t i = 0; i < elements.size() && !st.stopped; ++i) {
    st.locals[slot] = elements[i];
    st.locals[slot + 1] = RuleValue::loop(i, elements.size());
    render_parts(st, part.body);
  }
  st.locals[slot] = saved_element;
  st.locals[slot + 1] = saved_loop;
}

void TemplateRenderer::placeholder(State& st, const TemplatePart& part) {
  const TemplateSyntax& syntax = *st.tmpl.syntax;
  std::vector<std::size_t> contributors;
  const RuleValue value =
      ev_.evaluate(st.tmpl, part.expr, st.scope(st.trace ? &contributors : nullptr), eval_diags_);

  Shown shown;
  shown.value = value;
  bool is_null = value.is_null() || value.kind() == RuleValue::Kind::error;
  const Currency& currency = *(estimate_.currency ? estimate_.currency : find_currency("USD"));

  // Formats the numbers of the current value (a number, a list of numbers, or a number
  // written as text) with `format`; anything else is left as it is.
  auto numeric = [&](auto&& format) {
    if (shown.kind != Shown::Kind::value) return;
    auto number_of = [](const RuleValue& v) -> std::optional<Decimal> {
      if (v.is_number()) return v.as_number();
      if (v.is_text()) return Decimal::parse(v.as_text());
      return std::nullopt;
    };
    if (shown.value.is_list()) {
      shown.kind = Shown::Kind::texts;
      for (const RuleValue& e : shown.value.as_list()) {
        if (auto n = number_of(e)) {
          if (auto t = format(*n)) shown.texts.push_back(std::move(*t));
        } else if (auto t = display_text(ev_, e)) {
          shown.texts.push_back(std::move(*t));
        }
      }
      return;
    }
    if (auto n = number_of(shown.value)) {
      auto t = format(*n);
      if (!t) {
        is_null = true;
        return;
      }
      shown.kind = Shown::Kind::text;
      shown.text = std::move(*t);
    }
  };
  auto as_text = [&]() -> std::string {
    switch (shown.kind) {
      case Shown::Kind::value:
        return display_text(ev_, shown.value).value_or("");
      case Shown::Kind::text:
        return shown.text;
      case Shown::Kind::texts:
        return format_list(shown.texts);
    }
    return "";
  };

  for (const TemplateFilter& filter : part.filters) {
    if (is_null) break;
    std::vector<RuleValue> args;
    for (ExprId arg : filter.args)
      args.push_back(ev_.evaluate(st.tmpl, arg, st.scope(), eval_diags_));
    const std::string_view name = filter.name;
    if (name == "money") {
      int decimals = estimate_.money_decimals;
      if (!args.empty()) {
        if (auto d = integer_arg(args[0])) {
          decimals = static_cast<int>(std::clamp<std::int64_t>(*d, 0, currency.minor_unit));
        }
      }
      numeric([&](Decimal n) -> std::optional<std::string> {
        return format_money(n, currency, decimals);
      });
    } else if (name == "percent") {
      int decimals = 1;
      if (!args.empty()) {
        if (auto d = integer_arg(args[0]))
          decimals = static_cast<int>(std::clamp<std::int64_t>(*d, 0, 10));
      }
      numeric([&](Decimal n) { return format_percent_places(n, decimals); });
    } else if (name == "number") {
      std::optional<int> decimals;
      if (!args.empty()) {
        if (auto d = integer_arg(args[0]))
          decimals = static_cast<int>(std::clamp<std::int64_t>(*d, 0, 10));
      }
      numeric([&](Decimal n) -> std::optional<std::string> {
        return decimals ? format_fixed_number(n, *decimals) : format_plain_number(n);
      });
    } else if (name == "hours") {
      numeric([&](Decimal n) -> std::optional<std::string> { return format_hours(n); });
    } else if (name == "plural") {
      std::string singular =
          !args.empty() && args[0].is_text() ? std::string(args[0].as_text()) : "";
      std::string plural =
          args.size() > 1 && args[1].is_text() ? std::string(args[1].as_text()) : "";
      numeric([&](Decimal n) -> std::optional<std::string> {
        return format_plural(n, singular, plural);
      });
    } else if (name == "list") {
      const std::string conjunction =
          !args.empty() && args[0].is_text() ? std::string(args[0].as_text()) : "and";
      if (shown.kind == Shown::Kind::value && shown.value.is_list()) {
        for (const RuleValue& e : shown.value.as_list()) {
          if (auto t = display_text(ev_, e)) shown.texts.push_back(std::move(*t));
        }
        shown.kind = Shown::Kind::text;
        shown.text = format_list(shown.texts, conjunction);
      } else if (shown.kind == Shown::Kind::texts) {
        shown.kind = Shown::Kind::text;
        shown.text = format_list(shown.texts, conjunction);
      }
    } else {
      std::string text = as_text();
      if (name == "upper")
        text = to_upper(text);
      else if (name == "lower")
        text = to_lower(text);
      else if (name == "title")
        text = to_title(text);
      else if (name == "date")
        text = format_date(text);
      shown.kind = Shown::Kind::text;
      shown.text = std::move(text);
    }
  }

  std::optional<std::string> text;
  if (!is_null) {
    text = shown.kind == Shown::Kind::value ? display_text(ev_, shown.value) : as_text();
  }
  const ExprNode& node = syntax.expr(part.expr);
  if (!text) {
    if (client_) {
      reporter_.warn(syntax.expressions.input.source, node.pos,
                     fmt::format("'{}' in rule '{}' has no value (null): nothing is shown",
                                 syntax.expressions.text_of(part.expr), st.rule.id));
    }
    return;
  }
  st.size += text->size();
  TextSpan span{TextSpan::Kind::value, *text, -1};
  if (st.trace && value.is_number()) {
    TraceEntry entry;
    entry.shown = *text;
    entry.exact = value.as_number();
    entry.has_exact = true;
    entry.expression = std::string(syntax.expressions.text_of(part.expr));
    entry.rule_id = st.rule.id;
    const SourceRef& source = syntax.expressions.input.source;
    entry.file = source ? relative_path(source->path(), reporter_.workspace()) : std::string();
    entry.pos = node.pos;
    std::sort(contributors.begin(), contributors.end());
    contributors.erase(std::unique(contributors.begin(), contributors.end()), contributors.end());
    entry.items = item_ids(contributors);
    span.trace = static_cast<int>(traces_.size());
    traces_.push_back(std::move(entry));
  }
  st.out.push_back(std::move(span));
}

ItemIds TemplateRenderer::item_ids(const std::vector<std::size_t>& indices) {
  if (indices.empty()) return {};
  auto [it, inserted] = item_lists_.try_emplace(indices);
  if (inserted) {
    std::vector<std::string> ids;
    ids.reserve(indices.size());
    for (std::size_t i : indices) {
      if (i < estimate_.items.size()) ids.push_back(estimate_.items[i].id());
    }
    it->second = ItemIds(std::move(ids));
  }
  return it->second;
}

}  // namespace basis::explain_detail
