// Golden files: `basis explain` on each sample, in its default style, as Markdown and as
// JSON, compared byte for byte with samples/<domain>/expected/<name>.md and .json. The
// goldens were read as the client's representative would read them; a change to the
// wording, the figures or the layout shows up here as a diff to read before the golden is
// regenerated (samples/README.md says how).

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "basis/core/decimal.hpp"
#include "cli_run_support.hpp"

namespace {

using namespace basis::cli_testing;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A unified-style diff of the part that differs: the common head and tail are trimmed,
// and the middle is diffed line by line (longest common subsequence) when it is small
// enough, else shown as the first lines of each side. At most `limit` lines.
std::string diff_hint(const std::string& expected_text, const std::string& actual_text,
                      std::size_t limit = 80) {
  const std::vector<std::string> a = lines_of(expected_text);
  const std::vector<std::string> b = lines_of(actual_text);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const std::size_t n = a.size() - head - tail;
  const std::size_t m = b.size() - head - tail;
  std::vector<std::string> out;
  out.push_back("@@ expected line " + std::to_string(head + 1) + ", actual line " +
                std::to_string(head + 1) + " @@");
  const std::size_t context = std::min<std::size_t>(head, 3);
  for (std::size_t i = head - context; i < head; ++i) out.push_back("  " + a[i]);
  if (n <= 1500 && m <= 1500) {
    // lcs[i][j]: length of the longest common subsequence of a[head+i..] and b[head+j..].
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1
                                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        out.push_back("  " + a[head + i]);
        ++i;
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push_back("- " + a[head + i++]);
      } else {
        out.push_back("+ " + b[head + j++]);
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out.push_back("- " + a[head + i]);
    for (std::size_t j = 0; j < m; ++j) out.push_back("+ " + b[head + j]);
  }
  for (std::size_t i = a.size() - tail; i < a.size() && i < a.size() - tail + 3; ++i) {
    out.push_back("  " + a[i]);
  }
  std::string text;
  for (std::size_t k = 0; k < out.size() && k < limit; ++k) text += out[k] + "\n";
  if (out.size() > limit) {
    text += "... (" + std::to_string(out.size() - limit) + " more diff lines)\n";
  }
  return text;
}

struct Golden {
  std::string sample;    // "software/portal-v2"
  std::string format;    // "md" or "json"
  std::string previous;  // "software/portal-v2": explained with --previous (else empty)
};

void PrintTo(const Golden& g, std::ostream* os) {
  *os << g.sample << " (" << g.format << ")";
  if (!g.previous.empty()) *os << " --previous " << g.previous;
}

// "portal-v3", or "portal-v3-since-v2" for portal-v3 explained with --previous portal-v2.
std::string golden_name(const Golden& g) {
  std::string name = g.sample.substr(g.sample.find('/') + 1);
  if (!g.previous.empty()) {
    const std::string old = g.previous.substr(g.previous.find('/') + 1);
    const std::size_t dash = old.rfind('-');
    name += "-since-" + (dash == std::string::npos ? old : old.substr(dash + 1));
  }
  return name;
}

std::string golden_path(const Golden& g) {
  const std::size_t slash = g.sample.find('/');
  return "samples/" + g.sample.substr(0, slash) + "/expected/" + golden_name(g) + "." + g.format;
}

std::string explain_args(const Golden& g) {
  std::string args = "explain samples/" + g.sample + ".yaml";
  if (!g.previous.empty()) args += " --previous samples/" + g.previous + ".yaml";
  if (g.format == "json") args += " --format json";
  return args;
}

class ExplainGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(ExplainGolden, MatchesByteForByte) {
  const Golden& g = GetParam();
  ScratchDir scratch("explain-golden");
  // Run from the source directory with the same relative path as the regeneration command,
  // so that the command printed below reproduces exactly what was compared.
  const BasisRun run = run_basis(explain_args(g), scratch.path(), BASIS_SOURCE_DIR);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string expected = read_file(source_path(golden_path(g)));
  ASSERT_FALSE(expected.empty()) << "missing golden file " << golden_path(g);
  if (run.out == expected) return;
  ADD_FAILURE() << "basis " << explain_args(g) << " differs from " << golden_path(g)
                << " (- golden, + now):\n"
                << diff_hint(expected, run.out) << "\nstderr:\n"
                << run.err
                << "\nRead the diff as the client would. If the change is intended and right, "
                   "regenerate the golden (see samples/README.md):\n  cd "
                << quote(BASIS_SOURCE_DIR) << " && " << quote(BASIS_BINARY) << " "
                << explain_args(g) << " > " << golden_path(g) << "\n";
}

std::vector<Golden> all_goldens() {
  std::vector<Golden> out;
  for (const Sample& s : samples()) {
    out.push_back({s.path, "md", ""});
    out.push_back({s.path, "json", ""});
  }
  // The shipped revision pair: the summary's bridge from v2 to v3.
  out.push_back({"software/portal-v3", "md", "software/portal-v2"});
  out.push_back({"software/portal-v3", "json", "software/portal-v2"});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Samples, ExplainGolden, ::testing::ValuesIn(all_goldens()),
                         [](const ::testing::TestParamInfo<Golden>& info) {
                           std::string name = golden_name(info.param) + "_" + info.param.format;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// The goldens hold the default style of each sample and the figures computed independently
// of basis: a regenerated golden cannot quietly take a wrong total or another style.
TEST(ExplainGoldenContent, GoldensCarryTheIndependentTotalsAndDefaultStyles) {
  for (const Sample& s : samples()) {
    const std::size_t slash = s.path.find('/');
    const std::string base =
        "samples/" + s.path.substr(0, slash) + "/expected/" + s.path.substr(slash + 1);
    const std::string md = read_file(source_path(base + ".md"));
    EXPECT_NE(md.find("**Total:** " + s.total_shown + "\n"), std::string::npos) << base;
    const nlohmann::json json =
        nlohmann::json::parse(read_file(source_path(base + ".json")), nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << base;
    EXPECT_EQ(json.value("style", ""), s.default_style) << base;
    EXPECT_EQ(json["total"].value("exact", ""), s.total_exact) << base;
    EXPECT_EQ(json["total"].value("shown", ""), s.total_shown) << base;
    // A client style's golden holds nothing of the negotiation brief.
    EXPECT_TRUE(json["internal_notes"].empty()) << base;
    EXPECT_TRUE(json["internal_figures"].empty()) << base;
  }
}

// The revision golden bridges portal-v2 ($864,547.69) to portal-v3 ($880,365.22): the steps
// add up to +$15,817.53 to the cent (samples/README.md; revision_test.cpp works them out).
TEST(ExplainGoldenContent, TheRevisionGoldenBridgesTheIndependentTotals) {
  const std::string md = read_file(source_path("samples/software/expected/portal-v3-since-v2.md"));
  EXPECT_NE(md.find("**Change since version 2:** The total rose by $15,817.53 (+1.8%) from "
                    "$864,547.69 in revision 2 to $880,365.22 in revision 3: "),
            std::string::npos);
  EXPECT_NE(md.find("| **Total, revision 3** | **+$15,817.53 (+1.8%)** | **$880,365.22** |"),
            std::string::npos);
  const nlohmann::json json = nlohmann::json::parse(
      read_file(source_path("samples/software/expected/portal-v3-since-v2.json")), nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  const nlohmann::json& previous = json["previous"];
  EXPECT_EQ(previous["total"].value("exact", ""), "864547.69");
  EXPECT_EQ(previous["delta"].value("exact", ""), "15817.53");
  // The steps in cents, added up here rather than read from a running total.
  long long cents = 0;
  for (const nlohmann::json& step : previous["steps"]) {
    const std::string exact = step["amount"].value("exact", "");
    const basis::Decimal amount = *basis::Decimal::parse(exact);
    cents += *basis::mul(amount, basis::Decimal::from_int(100))->to_int64();
  }
  EXPECT_EQ(cents, 1581753);
  EXPECT_EQ(json["total"].value("exact", ""), "880365.22");
}

// The diff hint itself: a changed line shows as - and +, with the context around it.
TEST(ExplainGoldenDiff, ShowsTheChangedLinesWithContext) {
  const std::string hint = diff_hint("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\nf\n");
  EXPECT_EQ(hint,
            "@@ expected line 3, actual line 3 @@\n"
            "  a\n"
            "  b\n"
            "- c\n"
            "+ X\n"
            "  d\n"
            "  e\n"
            "+ f\n");
}

}  // namespace
