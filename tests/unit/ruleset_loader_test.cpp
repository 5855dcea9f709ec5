// Loading rule sets: the shipped library, the fields of the syntax tree with their
// positions, imports (order, loading once, cycles), settings precedence, uniqueness across
// files, and robustness. Malformed files with their exact messages are in bad_rules_test.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "basis/parser/ruleset_syntax.hpp"

namespace fs = std::filesystem;
using namespace basis;

namespace {

const std::string kRules = std::string(BASIS_SOURCE_DIR) + "/rules/";

Decimal dec(const char* text) {
  return *Decimal::parse(text);
}

// A scratch directory, made the current directory so that paths in messages stay short.
class RuleFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("basis-ruleset-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    previous_ = fs::current_path();
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(previous_);
    fs::remove_all(dir_);
  }
  void write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::optional<LoadedRules> load(std::vector<std::string> paths) {
    return load_rules(paths, diags_);
  }
  std::string messages() {
    std::string out;
    for (const Diagnostic& d : diags_.items()) {
      out += d.file + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
             d.message + "\n";
    }
    return out;
  }

  fs::path dir_, previous_;
  Diagnostics diags_;
};

const RuleSyntax& rule(const LoadedRules& loaded, std::string_view id) {
  const RuleSyntax* r = loaded.find_rule(id);
  if (r == nullptr) throw std::runtime_error("no rule " + std::string(id));
  return *r;
}

const OptionSyntax& option(const RuleSyntax& r, std::string_view id) {
  for (const OptionSyntax& o : r.options) {
    if (o.id == id) return o;
  }
  throw std::runtime_error("no option " + std::string(id));
}

// ---- the shipped library ------------------------------------------------------------------

TEST(ShippedRules, SoftwareDeliveryLoadsWithItsImport) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  EXPECT_TRUE(diags.empty()) << format_diagnostics(diags);
  ASSERT_EQ(loaded->files.size(), 2u);
  EXPECT_EQ(loaded->files[0].name, "common");  // imports first
  EXPECT_EQ(loaded->files[1].name, "software-delivery");
  // Counted with grep on the files: 20 + 17 rules, 9 + 16 metrics.
  EXPECT_EQ(loaded->rules().size(), 37u);
  EXPECT_EQ(loaded->files[0].define.size(), 9u);
  EXPECT_EQ(loaded->files[1].define.size(), 16u);
  EXPECT_EQ(loaded->rules().front().rule->id, "maturity-concept");
  EXPECT_EQ(loaded->rules()[20].rule->id, "testing-regulated");
}

TEST(ShippedRules, EveryFileLoadsAndCommonLoadsOnce) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml", kRules + "construction.yaml",
                                    kRules + "common.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  EXPECT_TRUE(diags.empty()) << format_diagnostics(diags);
  ASSERT_EQ(loaded->files.size(), 3u);
  EXPECT_EQ(loaded->files[0].name, "common");
  EXPECT_EQ(loaded->files[1].name, "software-delivery");
  EXPECT_EQ(loaded->files[2].name, "construction");
  EXPECT_EQ(loaded->rules().size(), 53u);  // 20 + 17 + 16
}

TEST(ShippedRules, EveryExpressionAndTemplateIsParsed) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml",
                                    kRules + "construction.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  int templates = 0;
  auto parsed = [](const auto& field) { return !field.present() || field.syntax != nullptr; };
  for (const auto& f : loaded->files) {
    for (const MetricSyntax& m : f.define) EXPECT_NE(m.expression.syntax, nullptr) << m.name;
  }
  for (const auto& ref : loaded->rules()) {
    const RuleSyntax& r = *ref.rule;
    EXPECT_TRUE(parsed(r.when)) << r.id;
    EXPECT_TRUE(parsed(r.for_each)) << r.id;
    EXPECT_TRUE(parsed(r.explains)) << r.id;
    if (r.text.present()) {
      EXPECT_NE(r.text.syntax, nullptr) << r.id;
      ++templates;
    }
    for (const auto& s : r.by_style) EXPECT_NE(s.text.syntax, nullptr) << r.id;
    for (const auto& q : r.questions) EXPECT_NE(q.syntax, nullptr) << r.id;
    for (const auto& o : r.objections) {
      EXPECT_NE(o.objection.syntax, nullptr) << r.id;
      EXPECT_NE(o.response.syntax, nullptr) << r.id;
    }
    for (const auto& o : r.options) {
      EXPECT_NE(o.title.syntax, nullptr) << o.id;
      for (const ChangeOp& op : o.change) {
        EXPECT_TRUE(parsed(op.filter)) << o.id;
      }
    }
  }
  EXPECT_EQ(templates, 46);  // 53 rules less the 7 that only carry questions/objections/options
}

TEST(ShippedRules, FieldsOfARule) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  const RuleSyntax& r = rule(*loaded, "testing-regulated");
  EXPECT_EQ(r.id_pos, (SourcePos{32, 9}));
  EXPECT_EQ(r.pos, (SourcePos{32, 5}));
  EXPECT_EQ(r.title.text, "Validation effort in a regulated industry");
  EXPECT_EQ(r.section, RuleSection::drivers);
  EXPECT_EQ(r.section_pos, (SourcePos{34, 14}));
  EXPECT_EQ(r.priority, 30);
  EXPECT_EQ(r.group.text, "testing-depth");
  EXPECT_EQ(r.when.text.text, "regulated and test_ratio >= 25%");
  EXPECT_EQ(r.when.pos, (SourcePos{37, 11}));
  EXPECT_EQ(r.explains.text.text, "items where category == \"testing\"");
  EXPECT_FALSE(r.explains_item);
  EXPECT_FALSE(r.for_each.present());
  ASSERT_EQ(r.by_style.size(), 3u);
  EXPECT_EQ(r.by_style[0].style, DecisionStyle::driver);
  EXPECT_EQ(r.by_style[1].style, DecisionStyle::amiable);
  EXPECT_EQ(r.by_style[2].style, DecisionStyle::expressive);
  EXPECT_NE(r.text_for(DecisionStyle::amiable), nullptr);
  EXPECT_EQ(r.text_for(DecisionStyle::analytical), nullptr);
  ASSERT_TRUE(r.benchmark);
  EXPECT_EQ(r.benchmark->value.text.text, "test_ratio");
  EXPECT_EQ(r.benchmark->low.value, dec("0.25"));
  EXPECT_EQ(r.benchmark->high.value, dec("0.4"));
  EXPECT_TRUE(r.benchmark->range_percent);
  EXPECT_EQ(r.benchmark->effective_format(), BenchmarkFormat::percent);
  EXPECT_EQ(r.benchmark->source.text, "firm's delivery history, regulated projects 2021-2026");
  EXPECT_EQ(r.questions.size(), 2u);
  ASSERT_EQ(r.objections.size(), 1u);
  EXPECT_EQ(r.objections[0].objection.text.text, "Testing looks expensive. Can we test less?");
  EXPECT_TRUE(r.internal.present());
  // A folded `>` text keeps each source line's position: its second line is line 41.
  const std::string& text = r.text.text.text;
  std::size_t second = text.find("of the development effort");
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(r.text.text.pos_of(second), (SourcePos{41, 7}));
}

TEST(ShippedRules, ForEachExplainsItem) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  const RuleSyntax& r = rule(*loaded, "senior-led");
  EXPECT_TRUE(r.for_each.present());
  EXPECT_TRUE(r.explains_item);
  EXPECT_EQ(r.section, RuleSection::basis);
  EXPECT_TRUE(rule(*loaded, "change-control").section_pos.known());  // written
  EXPECT_EQ(rule(*loaded, "no-contingency").priority, 0);            // defaulted
  EXPECT_FALSE(rule(*loaded, "no-contingency").priority_pos.known());
}

TEST(ShippedRules, OptionOperations) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "software-delivery.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);

  const OptionSyntax& flexible = option(rule(*loaded, "senior-mix"), "engineer-led-flexible");
  ASSERT_EQ(flexible.change.size(), 1u);
  const ChangeOp& set = flexible.change[0];
  EXPECT_EQ(set.kind, ChangeOp::Kind::set);
  EXPECT_EQ(set.field, CostField::rate);
  EXPECT_EQ(set.filter.text.text, "seniority == \"flexible\"");
  EXPECT_FALSE(set.to_number);
  EXPECT_EQ(set.to_rate_name.text, "engineer");

  const ChangeOp& scale =
      option(rule(*loaded, "design-before-build"), "lighter-research").change[0];
  EXPECT_EQ(scale.kind, ChangeOp::Kind::scale);
  EXPECT_EQ(scale.field, CostField::hours);
  EXPECT_EQ(scale.by.value, dec("0.5"));
  EXPECT_FALSE(scale.by.percent);

  const RuleSyntax& scope = rule(*loaded, "scope-options");
  EXPECT_FALSE(scope.text.present());  // it only carries options
  const ChangeOp& remove = option(scope, "defer-load-testing").change[0];
  EXPECT_EQ(remove.kind, ChangeOp::Kind::remove);
  EXPECT_EQ(remove.filter.text.text, "category == \"testing\" and test_type == \"performance\"");
  const ChangeOp& adjust = option(scope, "smaller-contingency").change[0];
  EXPECT_EQ(adjust.kind, ChangeOp::Kind::adjust);
  EXPECT_EQ(adjust.adjustment_id.text, "contingency");
  ASSERT_TRUE(adjust.percent);
  EXPECT_EQ(adjust.percent->value, dec("0.05"));
  EXPECT_FALSE(adjust.amount);
}

TEST(ShippedRules, BenchmarkWithoutPercentIsANumber) {
  Diagnostics diags;
  std::vector<std::string> paths = {kRules + "construction.yaml"};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << format_diagnostics(diags);
  const RuleSyntax& r = rule(*loaded, "cost-per-m2");
  ASSERT_TRUE(r.benchmark);
  EXPECT_FALSE(r.benchmark->range_percent);
  EXPECT_EQ(r.benchmark->low.value, dec("600"));
  EXPECT_EQ(r.benchmark->high.value, dec("900"));
  EXPECT_EQ(r.benchmark->effective_format(), BenchmarkFormat::number);
}

// ---- one file -------------------------------------------------------------------------------

TEST_F(RuleFiles, DefaultsAndExplicitValues) {
  write("r.yaml",
        "basis: rules/1\n"
        "x-note: extension keys are ignored\n"
        "rules:\n"
        "  - id: plain\n"
        "    text: Hello.\n"
        "  - id: shown\n"
        "    section: risks\n"
        "    priority: -5\n"
        "    text: Hi.\n"
        "    benchmark:\n"
        "      value: x\n"
        "      range: [600, 900]\n"
        "      format: money\n");
  auto loaded = load({"r.yaml"});
  ASSERT_TRUE(loaded) << messages();
  const RuleSetSyntax& f = loaded->files[0];
  EXPECT_EQ(f.name, "r");  // no `ruleset:`: the file name
  ASSERT_EQ(f.rules.size(), 2u);
  EXPECT_EQ(f.rules[0].section, RuleSection::basis);
  EXPECT_EQ(f.rules[0].priority, 0);
  EXPECT_EQ(f.rules[1].section, RuleSection::risks);
  EXPECT_EQ(f.rules[1].priority, -5);
  EXPECT_EQ(f.rules[1].priority_pos, (SourcePos{8, 15}));
  EXPECT_EQ(f.rules[1].benchmark->effective_format(), BenchmarkFormat::money);
  EXPECT_EQ(f.rules[1].benchmark->format_pos, (SourcePos{13, 15}));
}

TEST_F(RuleFiles, FoldedConditionKeepsLinePositions) {
  write("r.yaml",
        "basis: rules/1\n"
        "rules:\n"
        "  - id: folded\n"
        "    when: >\n"
        "      a == 1 and\n"
        "      b == 2\n"
        "    text: Hi.\n");
  auto loaded = load({"r.yaml"});
  ASSERT_TRUE(loaded) << messages();
  const ExpressionField& when = loaded->files[0].rules[0].when;
  EXPECT_EQ(when.text.text, "a == 1 and b == 2\n");
  EXPECT_EQ(when.pos, (SourcePos{4, 11}));
  EXPECT_EQ(when.text.pos_of(0), (SourcePos{5, 7}));
  EXPECT_EQ(when.text.pos_of(when.text.text.find('b')), (SourcePos{6, 7}));
}

TEST_F(RuleFiles, ExpressionSyntaxErrorsHaveFilePositions) {
  write("r.yaml",
        "basis: rules/1\n"
        "define:\n"
        "  ok: 1 + 2\n"
        "rules:\n"
        "  - id: broken\n"
        "    when: >\n"
        "      a == 1 and\n"
        "      b == == 2\n"
        "    text: \"Total {{ x + }}\"\n");
  auto loaded = load({"r.yaml"});
  EXPECT_FALSE(loaded);
  ASSERT_EQ(diags_.error_count(), 2u) << messages();
  diags_.sort();
  // The condition's error is on its second line, at or after the second `==` (column 12).
  EXPECT_EQ(diags_.items()[0].file, "r.yaml");
  EXPECT_EQ(diags_.items()[0].pos.line, 8u) << messages();
  EXPECT_GE(diags_.items()[0].pos.column, 12u) << messages();
  // The template's is inside the placeholder on line 9 (`{{` is at column 18).
  EXPECT_EQ(diags_.items()[1].pos.line, 9u) << messages();
  EXPECT_GT(diags_.items()[1].pos.column, 18u) << messages();
}

TEST_F(RuleFiles, LoadRulesetDoesNotFollowImports) {
  write("sub/r.yaml", "basis: rules/1\nimports: [../missing.yaml, lib/x.yaml]\nrules: []\n");
  auto file = load_ruleset("sub/r.yaml", diags_);
  ASSERT_TRUE(file) << messages();
  ASSERT_EQ(file->imports.size(), 2u);
  EXPECT_EQ(file->imports[0].path, "../missing.yaml");
  EXPECT_EQ(file->imports[0].resolved, "missing.yaml");
  EXPECT_EQ(file->imports[1].resolved, "sub/lib/x.yaml");
  EXPECT_EQ(file->imports[1].pos, (SourcePos{2, 28}));
}

TEST_F(RuleFiles, MissingFileIsReported) {
  auto loaded = load({"nope.yaml"});
  EXPECT_FALSE(loaded);
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].file, "nope.yaml");
  EXPECT_EQ(diags_.items()[0].message, "cannot open 'nope.yaml': No such file or directory");
}

TEST_F(RuleFiles, AliasBombInAnAddedItemIsRefused) {
  std::string text = "basis: rules/1\nx-anchors:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  const char* names = "abcdefgh";
  for (int i = 1; i < 8; ++i) {
    text += std::string("  ") + names[i] + ": &" + names[i] + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*" + names[i - 1];
    text += "]\n";
  }
  text +=
      "rules:\n"
      "  - id: r\n"
      "    options:\n"
      "      - id: o\n"
      "        title: T\n"
      "        change:\n"
      "          - add: {id: N, name: n, amount: 1, tags: *h}\n";
  write("r.yaml", text);
  auto loaded = load({"r.yaml"});
  EXPECT_FALSE(loaded);
  ASSERT_EQ(diags_.error_count(), 1u) << messages();
  EXPECT_EQ(diags_.items()[0].pos, (SourcePos{17, 18}));
  EXPECT_NE(diags_.items()[0].message.find("too large"), std::string::npos);
}

TEST_F(RuleFiles, AddedItemKeepsValuesAndPositions) {
  write("r.yaml",
        "basis: rules/1\n"
        "rules:\n"
        "  - id: r\n"
        "    options:\n"
        "      - id: o\n"
        "        title: Add a line\n"
        "        change:\n"
        "          - add:\n"
        "              id: \"007\"\n"
        "              name: Extra testing\n"
        "              hours: {low: 10, likely: 20, high: 40}\n"
        "              rate: qa_engineer\n"
        "              reviewed: true\n");
  auto loaded = load({"r.yaml"});
  ASSERT_TRUE(loaded) << messages();
  const ChangeOp& add = loaded->files[0].rules[0].options[0].change[0];
  ASSERT_EQ(add.kind, ChangeOp::Kind::add);
  ASSERT_EQ(add.item.kind, Value::Kind::map);
  ASSERT_EQ(add.item.map.size(), 5u);
  EXPECT_EQ(add.item.map[0].first, "id");
  EXPECT_EQ(add.item.map[0].second.kind, Value::Kind::text);
  EXPECT_EQ(add.item.map[0].second.text, "007");
  EXPECT_EQ(add.item.map[2].second.map[1].second.number, dec("20"));
  EXPECT_EQ(add.item.map[2].second.pos, (SourcePos{11, 22}));
  EXPECT_EQ(add.item.map[4].second.kind, Value::Kind::boolean);
  EXPECT_TRUE(add.item.map[4].second.boolean);
}

// ---- imports --------------------------------------------------------------------------------

TEST_F(RuleFiles, ImportsLoadFirstDepthFirstAndOnce) {
  write("a.yaml", "basis: rules/1\nruleset: a\nimports: [b.yaml, c.yaml]\nrules: []\n");
  write("b.yaml", "basis: rules/1\nruleset: b\nimports: [c.yaml]\nrules: []\n");
  write("c.yaml", "basis: rules/1\nruleset: c\nrules: []\n");
  auto loaded = load({"a.yaml"});
  ASSERT_TRUE(loaded) << messages();
  ASSERT_EQ(loaded->files.size(), 3u);
  EXPECT_EQ(loaded->files[0].name, "c");
  EXPECT_EQ(loaded->files[1].name, "b");
  EXPECT_EQ(loaded->files[2].name, "a");
}

TEST_F(RuleFiles, SameFileByTwoSpellingsLoadsOnce) {
  write("a.yaml",
        "basis: rules/1\nimports: [lib/b.yaml, ./lib/../lib/b.yaml, other/../lib/b.yaml]\n"
        "rules: []\n");
  write("lib/b.yaml", "basis: rules/1\nrules:\n  - id: only-once\n    text: Hi.\n");
  auto loaded = load({"a.yaml", "lib/b.yaml"});
  ASSERT_TRUE(loaded) << messages();
  EXPECT_EQ(loaded->files.size(), 2u);
  EXPECT_EQ(loaded->rules().size(), 1u);
}

TEST_F(RuleFiles, ImportsAreRelativeToTheImportingFile) {
  write("top.yaml", "basis: rules/1\nimports: [lib/mid.yaml]\nrules: []\n");
  write("lib/mid.yaml", "basis: rules/1\nimports: [deep/leaf.yaml]\nrules: []\n");
  write("lib/deep/leaf.yaml", "basis: rules/1\nruleset: leaf\nrules: []\n");
  auto loaded = load({"top.yaml"});
  ASSERT_TRUE(loaded) << messages();
  ASSERT_EQ(loaded->files.size(), 3u);
  EXPECT_EQ(loaded->files[0].source->path(), "lib/deep/leaf.yaml");
}

TEST_F(RuleFiles, SelfImportIsACycle) {
  write("a.yaml", "basis: rules/1\nimports: [a.yaml]\nrules: []\n");
  auto loaded = load({"a.yaml"});
  EXPECT_FALSE(loaded);
  EXPECT_EQ(messages(), "a.yaml:2:11: import cycle: a.yaml -> a.yaml\n");
}

TEST_F(RuleFiles, LongerCycleNamesEveryFile) {
  write("a.yaml", "basis: rules/1\nimports: [b.yaml]\nrules: []\n");
  write("b.yaml", "basis: rules/1\nimports: [c.yaml]\nrules: []\n");
  write("c.yaml", "basis: rules/1\nrules: []\nimports:\n  - b.yaml\n");
  auto loaded = load({"a.yaml"});
  EXPECT_FALSE(loaded);
  EXPECT_EQ(messages(), "c.yaml:4:5: import cycle: b.yaml -> c.yaml -> b.yaml\n");
}

TEST_F(RuleFiles, DuplicatesAcrossGivenFilesPointAtTheLaterOne) {
  write("x.yaml", "basis: rules/1\nrules:\n  - id: same\n    text: X.\n");
  write("y.yaml",
        "basis: rules/1\nrules:\n  - id: other\n    text: Y.\n  - id: same\n    text: Y.\n");
  auto loaded = load({"x.yaml", "y.yaml"});
  EXPECT_FALSE(loaded);
  ASSERT_EQ(diags_.items().size(), 1u) << messages();
  const Diagnostic& d = diags_.items()[0];
  EXPECT_EQ(d.file, "y.yaml");
  EXPECT_EQ(d.pos, (SourcePos{5, 9}));
  EXPECT_EQ(d.message, "duplicate rule id 'same'");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].source->path(), "x.yaml");
  EXPECT_EQ(d.notes[0].pos, (SourcePos{3, 9}));
}

TEST_F(RuleFiles, ErrorsOfEveryFileAreReported) {
  write("a.yaml", "basis: rules/1\nimports: [b.yaml]\nrules:\n  - id: a\n    txt: A.\n");
  write("b.yaml",
        "basis: rules/1\nimports: [c.yaml]\nrules:\n  - id: b\n    section: nowhere\n"
        "    text: B.\n");
  write("c.yaml", "basis: rules/1\nrules:\n  - id: c\n    when: \"1 +\"\n    text: C.\n");
  auto loaded = load({"a.yaml"});
  EXPECT_FALSE(loaded);
  diags_.sort();
  ASSERT_EQ(diags_.error_count(), 4u) << messages();
  EXPECT_EQ(diags_.items()[0].file, "a.yaml");  // no text
  EXPECT_EQ(diags_.items()[1].file, "a.yaml");  // unknown field txt
  EXPECT_EQ(diags_.items()[2].file, "b.yaml");
  EXPECT_EQ(diags_.items()[3].file, "c.yaml");
  EXPECT_EQ(diags_.items()[3].pos.line, 4u);
}

// ---- settings -------------------------------------------------------------------------------

TEST_F(RuleFiles, SettingsOfTheGivenFileWinOverItsImports) {
  write("top.yaml",
        "basis: rules/1\n"
        "imports: [mid.yaml, low.yaml]\n"
        "drivers_by: phase\n"
        "class_bounds:\n"
        "  3: [-10%, 10%]\n"
        "rules: []\n");
  write("mid.yaml",
        "basis: rules/1\n"
        "imports: [low.yaml]\n"
        "drivers_by: category\n"
        "class_bounds:\n"
        "  3: [-20%, 30%]\n"
        "  4: [-30%, 50%]\n"
        "styles:\n"
        "  driver: {detail: full}\n"
        "rules: []\n");
  write("low.yaml",
        "basis: rules/1\n"
        "class_bounds:\n"
        "  5: [-50%, 100%]\n"
        "styles:\n"
        "  driver:\n"
        "    sections: [summary, options]\n"
        "    detail: brief\n"
        "  internal: {sections: [summary, internal]}\n"
        "rules: []\n");
  auto loaded = load({"top.yaml"});
  ASSERT_TRUE(loaded) << messages();
  const RuleSettings& s = loaded->settings;
  EXPECT_EQ(s.drivers_by.text, "phase");
  EXPECT_EQ(s.drivers_by_source->path(), "top.yaml");
  ASSERT_EQ(s.class_bounds.size(), 3u);
  EXPECT_EQ(s.class_bounds[0].estimate_class, 3);
  EXPECT_EQ(s.class_bounds[0].low.value, dec("-0.1"));
  EXPECT_EQ(s.class_bounds[0].source->path(), "top.yaml");
  EXPECT_EQ(s.bounds_for(4)->high.value, dec("0.5"));
  EXPECT_EQ(s.bounds_for(5)->high.value, dec("1"));
  EXPECT_EQ(s.bounds_for(2), nullptr);
  const StyleOverrideSyntax* driver = s.style(DecisionStyle::driver);
  ASSERT_NE(driver, nullptr);
  EXPECT_EQ(driver->detail, StyleDetail::full);  // mid.yaml comes before low.yaml
  EXPECT_EQ(driver->detail_source->path(), "mid.yaml");
  ASSERT_TRUE(driver->sections);
  ASSERT_EQ(driver->sections->size(), 2u);
  EXPECT_EQ((*driver->sections)[1].name, "options");
  EXPECT_EQ(driver->sections_source->path(), "low.yaml");
  ASSERT_NE(s.style(DecisionStyle::internal), nullptr);
  EXPECT_EQ(s.style(DecisionStyle::analytical), nullptr);
}

TEST_F(RuleFiles, FirstGivenFileWinsOverTheSecond) {
  write("one.yaml", "basis: rules/1\ndrivers_by: phase\nrules: []\n");
  write("two.yaml", "basis: rules/1\ndrivers_by: category\nrules: []\n");
  auto loaded = load({"one.yaml", "two.yaml"});
  ASSERT_TRUE(loaded) << messages();
  EXPECT_EQ(loaded->settings.drivers_by.text, "phase");
  // Evaluation order is still the order given.
  EXPECT_EQ(loaded->files[0].source->path(), "one.yaml");
}

// ---- names ----------------------------------------------------------------------------------

TEST(RuleNames, RoundTrip) {
  for (std::string_view name : section_names()) {
    ASSERT_TRUE(parse_section(name)) << name;
    EXPECT_EQ(section_name(*parse_section(name)), name);
  }
  EXPECT_EQ(section_names().size(), 10u);
  EXPECT_FALSE(parse_section("benchmarks"));  // built in: no rule writes it
  EXPECT_EQ(style_names().size(), 5u);
  EXPECT_EQ(client_style_names().size(), 4u);
  EXPECT_EQ(parse_style("internal"), DecisionStyle::internal);
  EXPECT_EQ(cost_field_name(CostField::unit_cost), "unit_cost");
  EXPECT_EQ(change_op_name(ChangeOp::Kind::adjust), "adjust");
  EXPECT_EQ(benchmark_format_name(BenchmarkFormat::hours), "hours");
}

}  // namespace
