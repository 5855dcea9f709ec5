// The standard rule library against its rule tests (rules/tests/*.test.yaml and
// samples/tests/*.test.yaml): every test's fires, suppressed, not_fires, metrics (at the
// precision written) and total, through the engine. The expected figures in those files were
// computed independently of basis (rules/tests/tools/figures.py). text_contains needs the
// renderer and is left to `basis test`.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "basis/core/source.hpp"
#include "basis/parser/document.hpp"
#include "rules_test_support.hpp"

namespace basis {
namespace {

namespace fs = std::filesystem;
using testing::all_diagnostics;
using testing::source_path;

struct RuleTest {
  std::string file;
  std::string name;
  std::string estimate;  // resolved path
  std::string rules;     // resolved path
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<std::string> fires, suppressed, not_fires;
  std::vector<std::pair<std::string, std::string>> metrics;  // name, value as written
  std::string total;
};

std::vector<std::string> texts(const Document& doc, NodeId id) {
  std::vector<std::string> out;
  if (id == kNoNode || !doc.node(id).is_sequence()) return out;
  for (NodeId c : doc.node(id).children) out.push_back(doc.node(c).text);
  return out;
}

std::vector<std::pair<std::string, std::string>> pairs(const Document& doc, NodeId id) {
  std::vector<std::pair<std::string, std::string>> out;
  if (id == kNoNode || !doc.node(id).is_map()) return out;
  for (std::size_t i = 0; i < doc.map_size(id); ++i) {
    out.emplace_back(doc.node(doc.map_key(id, i)).text, doc.node(doc.map_value(id, i)).text);
  }
  return out;
}

std::vector<RuleTest> read_tests(const std::string& path) {
  std::vector<RuleTest> out;
  std::string error;
  SourceRef source = read_source(path, error);
  EXPECT_TRUE(source) << path << ": " << error;
  if (!source) return out;
  Diagnostics diags;
  auto doc = load_yaml(source, diags);
  EXPECT_TRUE(doc && doc->root != kNoNode) << all_diagnostics(diags);
  if (!doc || doc->root == kNoNode) return out;
  const fs::path dir = fs::path(path).parent_path();
  const NodeId tests = doc->find(doc->root, "tests");
  EXPECT_NE(tests, kNoNode) << path;
  if (tests == kNoNode) return out;
  for (NodeId t : doc->node(tests).children) {
    RuleTest rt;
    rt.file = fs::path(path).filename().string();
    rt.name = doc->node(doc->find(t, "name")).text;
    rt.estimate = (dir / doc->node(doc->find(t, "estimate")).text).lexically_normal().string();
    rt.rules = (dir / doc->node(doc->find(t, "rules")).text).lexically_normal().string();
    rt.set = pairs(*doc, doc->find(t, "set"));
    const NodeId expect = doc->find(t, "expect");
    rt.fires = texts(*doc, doc->find(expect, "fires"));
    rt.suppressed = texts(*doc, doc->find(expect, "suppressed"));
    rt.not_fires = texts(*doc, doc->find(expect, "not_fires"));
    rt.metrics = pairs(*doc, doc->find(expect, "metrics"));
    const NodeId total = doc->find(expect, "total");
    if (total != kNoNode) rt.total = doc->node(total).text;
    out.push_back(std::move(rt));
  }
  return out;
}

std::vector<std::string> test_files() {
  std::vector<std::string> files;
  for (const char* dir : {"rules/tests", "samples/tests"}) {
    for (const auto& entry : fs::directory_iterator(source_path(dir))) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 10 && name.substr(name.size() - 10) == ".test.yaml") {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The `set` overrides the library's tests use: the estimate class and client fields.
void apply_set(EstimateSyntax& e, const std::string& path, const std::string& value) {
  if (path == "estimate.class") {
    e.estimate_class = std::stoi(value);
    return;
  }
  const std::string client = "estimate.client.";
  ASSERT_EQ(path.rfind(client, 0), 0u) << "unsupported set path " << path;
  Value v;
  v.kind = Value::Kind::text;
  v.text = value;
  for (auto& [key, existing] : e.client.map) {
    if (key == path.substr(client.size())) {
      existing = v;
      return;
    }
  }
  e.client.map.emplace_back(path.substr(client.size()), v);
}

class RuleLibrary : public ::testing::Test {
 protected:
  std::shared_ptr<const RuleProgram> program(const std::string& path) {
    auto it = programs_.find(path);
    if (it != programs_.end()) return it->second;
    auto p = testing::compile_files({path});
    programs_[path] = p;
    return p;
  }
  std::map<std::string, std::shared_ptr<const RuleProgram>> programs_;
};

TEST_F(RuleLibrary, EveryRuleTestHolds) {
  const auto files = test_files();
  ASSERT_GE(files.size(), 6u);
  int count = 0;
  for (const std::string& file : files) {
    for (const RuleTest& t : read_tests(file)) {
      SCOPED_TRACE(t.file + ": " + t.name);
      ++count;
      auto prog = program(t.rules);
      ASSERT_TRUE(prog);
      Diagnostics diags;
      auto syntax = load_estimate(t.estimate, diags);
      ASSERT_TRUE(syntax) << all_diagnostics(diags);
      for (const auto& [path, value] : t.set) apply_set(*syntax, path, value);
      auto estimate = compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
      ASSERT_TRUE(estimate) << all_diagnostics(diags);
      RuleEvaluation ev = evaluate(*prog, *estimate, nullptr, diags);
      EXPECT_FALSE(diags.has_errors()) << all_diagnostics(diags);
      for (const std::string& id : t.fires) {
        const RuleResult* r = ev.rule(id);
        ASSERT_NE(r, nullptr) << id;
        EXPECT_EQ(r->outcome, RuleOutcome::fired) << id << " is " << outcome_name(r->outcome);
      }
      for (const std::string& id : t.suppressed) {
        const RuleResult* r = ev.rule(id);
        ASSERT_NE(r, nullptr) << id;
        EXPECT_EQ(r->outcome, RuleOutcome::suppressed) << id << " is " << outcome_name(r->outcome);
      }
      for (const std::string& id : t.not_fires) {
        const RuleResult* r = ev.rule(id);
        ASSERT_NE(r, nullptr) << id;
        EXPECT_NE(r->outcome, RuleOutcome::fired) << id;
      }
      for (const auto& [name, written] : t.metrics) {
        const RuleValue* v = ev.metric(name);
        ASSERT_NE(v, nullptr) << name;
        if (written == "true" || written == "false") {
          ASSERT_EQ(v->kind(), RuleValue::Kind::boolean) << name;
          EXPECT_EQ(v->as_boolean(), written == "true") << name;
          continue;
        }
        ASSERT_TRUE(v->is_number()) << name << " is " << ev.describe(*v);
        const auto dot = written.find('.');
        const int places =
            dot == std::string::npos ? 0 : static_cast<int>(written.size() - dot - 1);
        EXPECT_EQ(v->as_number().round(places), testing::dec(written.c_str()))
            << name << " = " << v->as_number().to_string() << ", expected " << written;
      }
      if (!t.total.empty()) {
        EXPECT_EQ(estimate->totals.total, testing::dec(t.total.c_str()));
      }
    }
  }
  EXPECT_GE(count, 29);
}

// Every rule of the library fires in at least one rule test, and the four files load
// together: ids, option ids and metric names are unique across them.
TEST_F(RuleLibrary, EveryRuleFiresInSomeTest) {
  std::set<std::string> fired;
  for (const std::string& file : test_files()) {
    for (const RuleTest& t : read_tests(file)) fired.insert(t.fires.begin(), t.fires.end());
  }
  Diagnostics diags;
  std::vector<std::string> paths = {source_path("rules/software-delivery.yaml"),
                                    source_path("rules/construction.yaml"),
                                    source_path("rules/consulting.yaml")};
  auto loaded = load_rules(paths, diags);
  ASSERT_TRUE(loaded) << all_diagnostics(diags);
  EXPECT_TRUE(diags.empty()) << all_diagnostics(diags);
  ASSERT_TRUE(compile_rules(*loaded, diags)) << all_diagnostics(diags);
  EXPECT_EQ(loaded->rules().size(),
            79u);  // 20 common + 17 software + 16 construction + 26 consulting
  for (const auto& ref : loaded->rules()) EXPECT_TRUE(fired.count(ref.rule->id)) << ref.rule->id;
}

}  // namespace
}  // namespace basis
