// The fast YAML reader (parser/src/yaml_fast_path.cpp) against yaml-cpp itself: whenever the
// fast reader accepts a text, yaml-cpp must accept it too and report exactly the same events
// (kind, position, tag, value). Checked on every YAML file of the repository (rule library,
// samples, malformed corpora, fuzzing seeds), on thousands of seeded random mutations of
// them (so that near misses of the subset are exercised too), and on small cases written
// for each construct. Cases that must go to yaml-cpp are checked to be declined.

#include <gtest/gtest.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "../../parser/src/yaml_fast_path.hpp"

namespace {

namespace fs = std::filesystem;
using basis::parser_detail::read_simple_yaml;
using basis::parser_detail::replay_yaml_events;

class Recorder : public YAML::EventHandler {
 public:
  std::vector<std::string> events;

  void OnDocumentStart(const YAML::Mark&) override { events.push_back("doc"); }
  void OnDocumentEnd() override { events.push_back("end-doc"); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    events.push_back("null @" + std::to_string(m.pos) + " &" + std::to_string(a));
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    events.push_back("alias @" + std::to_string(m.pos));
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                const std::string& value) override {
    events.push_back("scalar @" + std::to_string(m.pos) + " " + tag + " &" + std::to_string(a) +
                     " [" + value + "]");
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value style) override {
    events.push_back("list @" + std::to_string(m.pos) + " " + tag + " &" + std::to_string(a) +
                     (style == YAML::EmitterStyle::Flow ? " flow" : " block"));
  }
  void OnSequenceEnd() override { events.push_back("end-list"); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value style) override {
    events.push_back("map @" + std::to_string(m.pos) + " " + tag + " &" + std::to_string(a) +
                     (style == YAML::EmitterStyle::Flow ? " flow" : " block"));
  }
  void OnMapEnd() override { events.push_back("end-map"); }
};

// yaml-cpp's events for a text of one document, or nullopt when it reports an error or
// finds a second document.
std::optional<std::vector<std::string>> yaml_cpp_events(const std::string& text) {
  std::istringstream in(text);
  Recorder first;
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(first)) return std::nullopt;
    Recorder second;
    if (parser.HandleNextDocument(second)) return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return first.events;
}

std::optional<std::vector<std::string>> fast_events(const std::string& text) {
  auto events = read_simple_yaml(text);
  if (!events) return std::nullopt;
  Recorder r;
  replay_yaml_events(*events, r);
  return r.events;
}

std::string joined(const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& e : events) out += e + "\n";
  return out;
}

// True when the fast reader declined; otherwise checks it agrees with yaml-cpp.
bool agrees(const std::string& text, const std::string& what) {
  const auto fast = fast_events(text);
  if (!fast) return true;
  const auto reference = yaml_cpp_events(text);
  EXPECT_TRUE(reference.has_value())
      << what << ": the fast reader accepted a text yaml-cpp refuses:\n"
      << text;
  if (!reference) return false;
  EXPECT_EQ(joined(*reference), joined(*fast)) << what << ":\n" << text;
  return *reference == *fast;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const fs::path kSource = BASIS_SOURCE_DIR;

std::vector<fs::path> yaml_files_under(const fs::path& dir, bool any_name = false) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file()) continue;
    const std::string ext = it->path().extension().string();
    if (any_name || ext == ".yaml" || ext == ".yml") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The shipped rule library and samples: what the fast reader exists for.
std::vector<fs::path> well_formed_files() {
  std::vector<fs::path> out = yaml_files_under(kSource / "rules");
  for (const fs::path& p : yaml_files_under(kSource / "samples")) out.push_back(p);
  return out;
}

TEST(YamlFastPath, ReadsTheRuleLibraryAndSamplesLikeYamlCpp) {
  const std::vector<fs::path> files = well_formed_files();
  ASSERT_GE(files.size(), 10u);
  std::size_t accepted = 0;
  for (const fs::path& file : files) {
    const std::string text = read_file(file);
    if (fast_events(text)) ++accepted;
    agrees(text, file.string());
  }
  // Every rule set of the library is in the subset: if one stops being, loading slows down.
  for (const fs::path& file : yaml_files_under(kSource / "rules")) {
    if (file.parent_path() != kSource / "rules") continue;
    EXPECT_TRUE(fast_events(read_file(file)).has_value()) << file << " is read by yaml-cpp";
  }
  EXPECT_GE(accepted, files.size() / 2) << "the fast reader declines most well-formed files";
}

TEST(YamlFastPath, AgreesWithYamlCppOnTheMalformedAndFuzzCorpora) {
  std::vector<fs::path> files = yaml_files_under(kSource / "tests");
  for (const char* dir : {"fuzz_ruleset", "fuzz_estimate_yaml"}) {
    for (const fs::path& p : yaml_files_under(kSource / "fuzz" / "corpus" / dir, true)) {
      files.push_back(p);
    }
  }
  ASSERT_GE(files.size(), 40u);
  for (const fs::path& file : files) agrees(read_file(file), file.string());
}

// Seeded mutations of the well-formed files: characters that matter to YAML inserted or
// deleted, lines duplicated, indentation changed. std::mt19937's sequence is fixed by the
// standard, so the cases are the same on every run.
TEST(YamlFastPath, AgreesWithYamlCppOnMutations) {
  static constexpr std::string_view kInserted = " :-#'\"[]{},>|\n&*!?%@`~\\x";
  std::mt19937 random(20261120);
  // BASIS_YAML_MUTATIONS raises the count for a longer run by hand.
  const char* more = std::getenv("BASIS_YAML_MUTATIONS");
  const int per_file = more != nullptr ? std::max(1, std::atoi(more)) : 150;
  std::size_t accepted = 0;
  std::size_t cases = 0;
  for (const fs::path& file : well_formed_files()) {
    const std::string original = read_file(file);
    if (original.size() < 2) continue;
    for (int i = 0; i < per_file; ++i) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(random() % 3);
      for (int k = 0; k < edits && text.size() > 1; ++k) {
        const std::size_t at = random() % text.size();
        const std::size_t ls =
            text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
        const std::size_t le = std::min(text.find('\n', at), text.size());
        switch (random() % 6) {
          case 0:
            text.erase(at, 1);
            break;
          case 1:
            text.insert(at, 1, kInserted[random() % kInserted.size()]);
            break;
          case 2:
            text.insert(ls, text.substr(ls, le - ls) + "\n");
            break;
          case 3:
            text.insert(ls, 1, ' ');
            break;
          case 4:
            if (text[ls] == ' ') text.erase(ls, 1);
            break;
          case 5:
            text.insert(le, random() % 2 ? " # note" : " ");
            break;
        }
      }
      ++cases;
      if (fast_events(text)) ++accepted;
      if (!agrees(text, file.string() + " mutated")) return;
    }
  }
  // Many mutants stay in the subset, so the comparison is not vacuous.
  std::printf("the fast reader accepted %zu of %zu mutants\n", accepted, cases);
  EXPECT_GE(accepted, cases / 10);
}

struct Case {
  const char* name;
  const char* text;
};

// Each must be read by the fast reader, with yaml-cpp's events.
const Case kAccepted[] = {
    {"map", "basis: rules/1\nruleset: x\n"},
    {"nested maps", "a:\n  b: 1\n  c:\n    d: two words\ne: 3\n"},
    {"list of maps", "rules:\n  - id: a\n    title: A\n  - id: b\n"},
    {"list at the key's column", "rules:\n- id: a\n- id: b\n"},
    {"list of lists", "a:\n  -\n    - x\n    - y\n  - z\n"},
    {"list entry with several spaces", "a:\n  -   id: a\n      t: 1\n"},
    {"comments", "# head\na: 1 # note\n# left\nb:\n    # inside\n  c: x#y\n  # same column\n"},
    {"blank lines", "\n\na: 1\n\n\nb: 2\n\n"},
    {"no final newline", "a: 1\nb: two"},
    {"nulls", "a: null\nb: ~\nc: [null, Null, NULL]\n"},
    {"quoted", "a: \"x \\\"q\\\" \\\\ \\n \\t \\/ y\"\nb: 'it''s'\nc: \"\"\nd: ''\n"},
    {"quoted then comment", "a: \"x\" # c\nb: 'y'   # c\n"},
    {"folded", "t: >\n  one\n  two\n\n  three\n\n\n  four\nn: 1\n"},
    {"folded strip", "t: >-\n    one\n    two\nn: 1\n"},
    {"literal", "t: |\n  one\n    indented\n\n  two\nn: 1\n"},
    {"literal strip", "t: |-\n  one\n  two\n"},
    {"block with header comment", "t: > # c\n  one\n"},
    {"block then comment", "t: >\n    one\n# c\nn: 1\n"},
    {"block in a list", "q:\n  - >\n    one\n    two\n  - |-\n    x\n"},
    {"block of a map in a list",
     "r:\n  - id: a\n    text: >\n      Hello {{ x | money }}.\n      Bye.\n"},
    {"flow list", "a: [1, \"two\", 'three', four five, -5%, 25%]\nb: []\nc: [ x ,y ]\n"},
    {"flow map",
     "c:\n  - set: {where: seniority == \"flexible\", field: rate, to: engineer}\n"
     "  - adjust: {id: contingency, percent: 5%}\n  - e: {}\n"},
    {"expressions",
     "when: a >= 25% and b in [\"x\", \"y\"] or c != null\n"
     "t: \"{{ x | money }}\"\nu: x == 'y'\nv: a, b and c\nw: C# or F#\n"},
    {"utf-8", "name: Caf\xC3\xA9 \xE2\x80\x94 \xE2\x89\xA5 \xF0\x9F\x98\x80\n"},
    {"plain with colons", "a: 10:30\nb: http://example.com\nc: a:b\n"},
    {"plain with quotes inside", "a: it's \"fine\"\nb: x 'y' z\n"},
    {"keys", "3: [-15%, 20%]\nx-notes: 1\nby_style: 2\nDEV-01: 3\n"},
    {"numbers", "a: -5\nb: 1_000\nc: 0.5\nd: -.5\n"},
};

TEST(YamlFastPath, ReadsEachConstructLikeYamlCpp) {
  for (const Case& c : kAccepted) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(fast_events(c.text).has_value()) << "declined:\n" << c.text;
    EXPECT_TRUE(yaml_cpp_events(c.text).has_value()) << "yaml-cpp refuses:\n" << c.text;
    agrees(c.text, c.name);
  }
}

// Each must be left to yaml-cpp: outside the subset, or an error yaml-cpp words itself.
const Case kDeclined[] = {
    {"empty", ""},
    {"only comments", "# nothing\n"},
    {"root list", "- a\n- b\n"},
    {"root scalar", "hello\n"},
    {"document marker", "---\na: 1\n"},
    {"second document", "a: 1\n---\nb: 2\n"},
    {"directive", "%YAML 1.2\n---\na: 1\n"},
    {"tab", "a:\t1\n"},
    {"carriage return", "a: 1\r\nb: 2\r\n"},
    {"byte order mark",
     "\xEF\xBB\xBF"
     "a: 1\n"},
    {"anchor and alias", "a: &x 1\nb: *x\n"},
    {"tag", "a: !!str 1\n"},
    {"empty value", "a:\nb: 1\n"},
    {"empty value at the end", "a: 1\nb:\n"},
    {"empty list entry", "a:\n  -\n  - b\n"},
    {"multi-line plain", "a: one\n  two\n"},
    {"multi-line plain after blank", "a: one\n\n  two\n"},
    {"multi-line quoted", "a: \"one\n  two\"\n"},
    {"indented comment after a value", "a: one\n  # two\n"},
    {"quoted key", "\"a b\": 1\n"},
    {"key with space", "a b: 1\n"},
    {"colon in a value", "a: b: c\n"},
    {"value ending with a colon", "a: b:\n"},
    {"text after a quote", "when: \"x\" in tags\n"},
    {"template as a map", "text: {{ x }} y\n"},
    {"nested flow", "a: [[1, 2]]\n"},
    {"flow over lines", "a: [1,\n  2]\n"},
    {"trailing comma", "a: [1, 2,]\n"},
    {"colon in flow", "a: {where: x: y}\n"},
    {"more-indented folded line", "t: >\n  one\n    two\n"},
    {"block keep", "t: >+\n  one\n"},
    {"block indentation digit", "t: >2\n  one\n"},
    {"block with leading blank line", "t: >\n\n  one\n"},
    {"block trailing spaces", "t: >\n  one  \n"},
    {"block at the end without newline", "t: >\n  one"},
    {"unknown escape", "a: \"\\x41\"\n"},
    {"bad indentation", "a:\n    b: 1\n  c: 2\n"},
    {"list under a map's key", "a:\n  - x\n  b: 1\n"},
    {"complex key", "? a\n: b\n"},
    {"null key", "null: 1\n"},
    {"list after a value", "a: - b\n"},
    {"control character", "a: \x07\n"},
    {"line separator", "a: x\xE2\x80\xA8y\n"},
};

TEST(YamlFastPath, LeavesEverythingElseToYamlCpp) {
  for (const Case& c : kDeclined) {
    EXPECT_FALSE(fast_events(c.text).has_value()) << c.name << ":\n" << c.text;
  }
}

}  // namespace
