// The malformed-estimate corpus: every tests/bad/<case>.{yaml,yml,json,csv} that has a
// tests/bad/<case>.expected is loaded from inside tests/bad (so that paths print as the
// case's file name), and its sorted diagnostics, formatted as the command line prints
// them, must equal the .expected file byte for byte. The .expected files were written by
// hand from the spec; files without one (the CSV a YAML case names) are not cases.
// Inputs too large to commit (100,000 nested brackets) are generated here.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "basis/parser/estimate_syntax.hpp"

namespace basis {
namespace {

namespace fs = std::filesystem;

const fs::path kBad = fs::path(BASIS_SOURCE_DIR) / "tests" / "bad";

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kBad)) {
    if (entry.path().extension() == ".expected") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The one input file of a case: <stem>.yaml, .yml, .json or .csv.
std::string input_of(const std::string& stem) {
  std::string found;
  for (const char* ext : {".yaml", ".yml", ".json", ".csv"}) {
    if (fs::exists(kBad / (stem + ext))) {
      EXPECT_TRUE(found.empty()) << "case " << stem << " has more than one input file";
      found = stem + ext;
    }
  }
  return found;
}

class BadEstimate : public testing::TestWithParam<std::string> {};

TEST_P(BadEstimate, ReportsExactlyTheExpectedDiagnostics) {
  const std::string stem = GetParam();
  const std::string input = input_of(stem);
  ASSERT_FALSE(input.empty()) << "no input file for " << stem << ".expected";
  const fs::path previous = fs::current_path();
  fs::current_path(kBad);
  Diagnostics d;
  std::optional<EstimateSyntax> estimate = load_estimate(input, d);
  fs::current_path(previous);
  d.sort();
  EXPECT_FALSE(estimate.has_value());
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(format_diagnostics(d), read_all(kBad / (stem + ".expected")));
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadEstimate, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(BadEstimateCorpus, HasAtLeastThirtyCases) {
  EXPECT_GE(cases().size(), 30u);
}

std::string load_text(std::string path, std::string text, std::string_view format) {
  Diagnostics d;
  auto source = std::make_shared<const SourceText>(std::move(path), std::move(text));
  EXPECT_FALSE(load_estimate_text(source, format, d).has_value());
  d.sort();
  // The excerpt of a 100,000-character line is not worth comparing: the first line is.
  std::string all = format_diagnostics(d);
  return all.substr(0, all.find('\n') + 1);
}

TEST(BadEstimateGenerated, HundredThousandNestedBracketsInJson) {
  EXPECT_EQ(load_text("deep.json", std::string(100000, '['), "json"),
            "deep.json:1:201: error: nested too deeply (more than 200 levels)\n");
}

TEST(BadEstimateGenerated, HundredThousandNestedBracketsInYaml) {
  // yaml-cpp's own depth guard may stop before the loader's 200 levels: the error is on
  // line 2 at one of the brackets (column 10 is the first, 210 the 201st).
  const std::string first =
      load_text("deep.yaml", "id: DEEP\nproject: " + std::string(100000, '['), "yaml");
  const std::string prefix = "deep.yaml:2:";
  const std::string suffix = ": error: nested too deeply (more than 200 levels)\n";
  ASSERT_TRUE(first.starts_with(prefix) && first.ends_with(suffix)) << first;
  const int column = std::stoi(first.substr(prefix.size()));
  EXPECT_GE(column, 10);
  EXPECT_LE(column, 210);
}

TEST(BadEstimateGenerated, HundredThousandNestedMapsInJson) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "{\"a\":";
  EXPECT_EQ(load_text("maps.json", text, "json"),
            "maps.json:1:1001: error: nested too deeply (more than 200 levels)\n");
}

}  // namespace
}  // namespace basis
