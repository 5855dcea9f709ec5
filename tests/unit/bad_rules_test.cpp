// The malformed rule-set corpus: each tests/bad-rules/NAME.yaml is loaded with load_rules
// (imports followed; helper files live in tests/bad-rules/imported/) and the diagnostics
// must equal NAME.expected exactly, one line per diagnostic and per note:
//
//   file:line:col: error: message
//   file:line:col: note: message
//
// The .expected files were written by hand from the spec, columns counted on the source.
// Adding a case needs no C++: drop a .yaml and its .expected into the folder.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "basis/parser/ruleset_syntax.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(BASIS_SOURCE_DIR) / "tests" / "bad-rules";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCorpus, ec)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string location(const std::string& file, basis::SourcePos pos) {
  if (!pos.known()) return file;
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

std::string compact(const basis::Diagnostics& diags) {
  std::string out;
  for (const basis::Diagnostic& d : diags.items()) {
    const char* severity = d.severity == basis::Severity::error     ? "error"
                           : d.severity == basis::Severity::warning ? "warning"
                                                                    : "note";
    out += location(d.file, d.pos) + ": " + severity + ": " + d.message + "\n";
    for (const basis::DiagnosticNote& n : d.notes) {
      std::string file = n.source ? n.source->path() : d.file;
      out += location(file, n.pos) + ": note: " + n.message + "\n";
    }
  }
  return out;
}

class BadRules : public ::testing::TestWithParam<std::string> {};

TEST_P(BadRules, DiagnosticsMatchExpected) {
  const std::string name = GetParam();
  const fs::path expected_path = kCorpus / (name + ".expected");
  ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
  // Paths in diagnostics are as given: load from inside the corpus so they stay short.
  fs::current_path(kCorpus);
  basis::Diagnostics diags;
  std::vector<std::string> paths = {name + ".yaml"};
  auto loaded = basis::load_rules(paths, diags);
  diags.sort();
  EXPECT_FALSE(loaded.has_value()) << "a malformed rule set must not load";
  const std::string actual = compact(diags);
  EXPECT_EQ(read_file(expected_path), actual) << "actual diagnostics of " << name << ":\n"
                                              << actual;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadRules, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string id;
                           for (char c : info.param) {
                             if (std::isalnum(static_cast<unsigned char>(c))) id += c;
                           }
                           return id;
                         });

TEST(BadRulesCorpus, HasCases) {
  EXPECT_GE(case_names().size(), 15u);
}

}  // namespace
