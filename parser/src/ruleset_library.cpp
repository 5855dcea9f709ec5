// `load_rules`: the files the user names and everything they import, each file once, in
// load order, with settings merged in precedence order and names checked across files.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "basis/parser/ruleset_syntax.hpp"
#include "ruleset_reader.hpp"

namespace basis {

namespace fs = std::filesystem;
using namespace rules_detail;

namespace {

std::string canonical_of(const std::string& path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(path, ec);
  if (ec) c = fs::absolute(path, ec).lexically_normal();
  return c.generic_string();
}

// Depth-first over imports: a file's imports are loaded before it (load order), while
// settings take the file before its imports (precedence order).
class ImportLoader {
 public:
  explicit ImportLoader(Diagnostics& diags) : diags_(diags) {}

  void load_root(const std::string& path) { visit(path, nullptr, nullptr); }

  LoadedRules finish() {
    LoadedRules out;
    for (const std::string& canonical : precedence_) {
      merge_settings(out.settings, files_[index_.at(canonical)].settings);
    }
    out.files = std::move(files_);
    return out;
  }

 private:
  struct Frame {
    std::string canonical;
    std::string display;
  };

  void report_missing_import(const RuleSetSyntax& importer, const ImportSyntax& import,
                             const std::string& error) {
    std::error_code ec;
    std::string message = "cannot import " + in_quotes(import.path) + ": ";
    if (!fs::exists(import.resolved, ec)) {
      message += "there is no file " + in_quotes(import.resolved);
      // A misspelt name: suggest the rule files beside the intended one.
      std::vector<std::string> names;
      fs::path dir = fs::path(import.resolved).parent_path();
      for (auto it = fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec);
           !ec && it != fs::directory_iterator() && names.size() < 1000; it.increment(ec)) {
        std::string ext = it->path().extension().string();
        if (ext == ".yaml" || ext == ".yml") names.push_back(it->path().filename().string());
      }
      std::sort(names.begin(), names.end());
      std::vector<std::string_view> views(names.begin(), names.end());
      std::string wanted = fs::path(import.path).filename().string();
      std::string match = closest_match(wanted, views);
      if (!match.empty() && match != wanted) {
        fs::path suggestion = fs::path(import.path).parent_path() / match;
        message += "; did you mean " + in_quotes(suggestion.generic_string()) + "?";
      }
    } else {
      message += error;
    }
    diags_.error(importer.source, import.pos, message, char_count(import.path));
  }

  // `importer` and `import` are null for a file named by the user.
  void visit(const std::string& display, const RuleSetSyntax* importer,
             const ImportSyntax* import) {
    const std::string canonical = canonical_of(display);
    auto on_stack = std::find_if(stack_.begin(), stack_.end(),
                                 [&](const Frame& f) { return f.canonical == canonical; });
    if (on_stack != stack_.end()) {
      std::string cycle;
      for (auto it = on_stack; it != stack_.end(); ++it) cycle += it->display + " -> ";
      cycle += display;
      diags_.error(importer->source, import->pos, "import cycle: " + cycle,
                   char_count(import->path));
      return;
    }
    if (index_.count(canonical) != 0 || failed_.count(canonical) != 0) return;  // loads once

    std::string error;
    SourceRef source = read_source(display, error);
    if (!source) {
      failed_.insert(canonical);
      if (importer == nullptr) {
        diags_.file_error(display, error);
      } else {
        report_missing_import(*importer, *import, error);
      }
      return;
    }
    precedence_.push_back(canonical);
    RuleSetSyntax file = read_ruleset_file(source, diags_);
    stack_.push_back({canonical, display});
    for (const ImportSyntax& i : file.imports) visit(i.resolved, &file, &i);
    stack_.pop_back();
    index_.emplace(canonical, files_.size());
    files_.push_back(std::move(file));
  }

  Diagnostics& diags_;
  std::vector<RuleSetSyntax> files_;
  std::map<std::string, std::size_t> index_;
  std::set<std::string> failed_;
  std::vector<std::string> precedence_;
  std::vector<Frame> stack_;
};

}  // namespace

namespace rules_detail {

// Rule ids, option ids and metric names are unique across everything loaded; the later one
// (in load order) is the error, with a note where the name was first defined.
void check_unique(std::span<const RuleSetSyntax> files, Diagnostics& diags) {
  struct First {
    SourceRef source;
    SourcePos pos;
  };
  std::map<std::string, First> rules, options, metrics;
  auto check = [&](std::map<std::string, First>& seen, const std::string& name,
                   const SourceRef& source, SourcePos pos, std::string_view what) {
    if (name.empty()) return;
    auto [it, inserted] = seen.try_emplace(name, First{source, pos});
    if (inserted) return;
    Diagnostic& d = diags.error(
        source, pos, "duplicate " + std::string(what) + " " + in_quotes(name), char_count(name));
    d.notes.push_back(
        {it->second.source, it->second.pos, in_quotes(name) + " is first defined here"});
  };
  for (const RuleSetSyntax& f : files) {
    for (const MetricSyntax& m : f.define) check(metrics, m.name, f.source, m.name_pos, "metric");
    for (const RuleSyntax& rule : f.rules) {
      check(rules, rule.id, f.source, rule.id_pos, "rule id");
      for (const OptionSyntax& o : rule.options) {
        check(options, o.id, f.source, o.id_pos, "option id");
      }
    }
  }
}

}  // namespace rules_detail

std::optional<LoadedRules> load_rules(std::span<const std::string> paths, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  try {
    ImportLoader loader(diags);
    for (const std::string& path : paths) loader.load_root(path);
    LoadedRules out = loader.finish();
    check_unique(out.files, diags);
    if (diags.error_count() != errors_before) return std::nullopt;
    return out;
  } catch (const std::exception& e) {
    diags.file_error(paths.empty() ? std::string() : paths.front(),
                     std::string("internal error while reading the rules: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace basis
