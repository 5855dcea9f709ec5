// Finding options by id and checking that options can be taken together.

#include <algorithm>

#include <fmt/format.h>

#include "basis/engine/negotiation.hpp"

namespace basis {

namespace {

const ChangeOp* adjust_of(const OptionSyntax& option, std::string_view adjustment) {
  for (const ChangeOp& op : option.change) {
    if (op.kind == ChangeOp::Kind::adjust && op.adjustment_id.text == adjustment) return &op;
  }
  return nullptr;
}

}  // namespace

std::vector<OptionRef> program_options(const RuleProgram& program) {
  std::vector<OptionRef> out;
  const auto refs = program.rule_refs();
  for (std::size_t r = 0; r < refs.size(); ++r) {
    for (const OptionSyntax& option : refs[r].rule->options) {
      out.push_back(OptionRef{r, &option, refs[r].file->source});
    }
  }
  return out;
}

std::optional<OptionRef> find_option(const RuleProgram& program, std::string_view id) {
  for (const OptionRef& ref : program_options(program)) {
    if (ref.option->id == id) return ref;
  }
  return std::nullopt;
}

std::string adjust_conflict(const OptionSyntax& a, const OptionSyntax& b) {
  for (const ChangeOp& op : a.change) {
    if (op.kind != ChangeOp::Kind::adjust) continue;
    if (adjust_of(b, op.adjustment_id.text)) return op.adjustment_id.text;
  }
  return {};
}

std::optional<std::vector<OptionRef>> resolve_options(const RuleProgram& program,
                                                      std::span<const std::string> ids,
                                                      Diagnostics& diags) {
  const std::vector<OptionRef> all = program_options(program);
  std::vector<std::string_view> names;
  for (const OptionRef& ref : all) names.push_back(ref.option->id);

  bool ok = true;
  std::vector<std::size_t> chosen;  // indices into `all`
  for (const std::string& id : ids) {
    auto it = std::find(names.begin(), names.end(), std::string_view(id));
    if (it == names.end()) {
      const std::string suggestion = did_you_mean(id, names);
      diags.file_error("", names.empty()
                               ? fmt::format("unknown option '{}': the rules offer no options", id)
                               : fmt::format("unknown option '{}'{}", id,
                                             suggestion.empty() ? "; see the options table of "
                                                                  "`basis explain` for the ids"
                                                                : suggestion));
      ok = false;
      continue;
    }
    const auto index = static_cast<std::size_t>(it - names.begin());
    if (std::find(chosen.begin(), chosen.end(), index) == chosen.end()) chosen.push_back(index);
  }
  std::sort(chosen.begin(), chosen.end());  // rule-file order

  for (std::size_t i = 0; i < chosen.size(); ++i) {
    for (std::size_t j = i + 1; j < chosen.size(); ++j) {
      const OptionRef& first = all[chosen[i]];
      const OptionRef& second = all[chosen[j]];
      const std::string adjustment = adjust_conflict(*first.option, *second.option);
      if (adjustment.empty()) continue;
      const ChangeOp* at = adjust_of(*second.option, adjustment);
      Diagnostic& d = diags.error(
          second.source, at ? at->pos : second.option->id_pos,
          fmt::format("options '{}' and '{}' both adjust '{}' and cannot be taken together: "
                      "the second would overwrite the first; take one of them",
                      first.option->id, second.option->id, adjustment));
      const ChangeOp* first_at = adjust_of(*first.option, adjustment);
      d.notes.push_back(
          DiagnosticNote{first.source, first_at ? first_at->pos : first.option->id_pos,
                         fmt::format("'{}' adjusts '{}' here", first.option->id, adjustment)});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  std::vector<OptionRef> out;
  for (std::size_t i : chosen) out.push_back(all[i]);
  return out;
}

}  // namespace basis
