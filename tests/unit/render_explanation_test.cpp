// Markdown, text and JSON renderings of a hand-built Explanation (explanation_fixture.hpp):
// exact fragments, escaping, the 80-column limit, the JSON against its published schema,
// and byte-identical output for the same input.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "basis/render/explanation.hpp"
#include "explanation_fixture.hpp"
#include "json_schema_check.hpp"

namespace basis {
namespace {

using testing::sample_explanation;
using Json = nlohmann::json;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Terminal columns of text made of one-column characters: its code points.
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Positions of `parts` in `text`, each after the previous one; fails on the first missing.
void expect_in_order(const std::string& text, const std::vector<std::string>& parts) {
  std::size_t at = 0;
  for (const std::string& part : parts) {
    const std::size_t found = text.find(part, at);
    ASSERT_NE(found, std::string::npos) << "missing (in this order): " << part;
    at = found + part.size();
  }
}

// ---- Markdown ---------------------------------------------------------------------------

TEST(RenderMarkdown, HeadingFactsAndSummary) {
  const std::string out = render_markdown(sample_explanation());
  EXPECT_TRUE(
      out.starts_with("# Northwind Health portal\n\n"
                      "Estimate SW-1 \u00b7 version 3 \u00b7 20 November 2026 \u00b7 "
                      "prepared for Northwind Health \u00b7 amounts in USD\n"));
  EXPECT_NE(out.find("## Summary\n\n**Total:** $864,547.69\n\n"
                     "**Accuracy:** class 3 estimate, expected between $691,638 and $1,123,912 "
                     "(-20% / +30%)\n"),
            std::string::npos);
  EXPECT_NE(out.find("**Change since version 2:** The total rose by $12,000.00 (+1.4%) from "
                     "$852,547.69 in revision 2 to $864,547.69 in revision 3: changes in hours "
                     "and quantities +$12,000.00.\n\n**Largest changes:**\n\n- QA-01 Validation "
                     "testing: +$12,000.00"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("| Bridge from revision 2 to revision 3 | Change | Running total |\n"
                     "|:---|---:|---:|\n"
                     "| Total, revision 2 |   | $852,547.69 |\n"
                     "| Changes in hours and quantities (1 item) | +$12,000.00 | $864,547.69 |\n"
                     "| **Total, revision 3** | **+$12,000.00 (+1.4%)** | **$864,547.69** |\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("| QA-01 Validation testing | changed: hours 1,344 \u2192 1,440 at $125.00 "
                     "(engineer) | $168,000.00 | $180,000.00 | +$12,000.00 | $0.00 | "
                     "Validation scope grew |"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("**Largest cost drivers:**\n\n- development: $412,000.00 (57.1%)\n"
                     "- testing: $180,000.00 (25.0%)\n"
                     "- project \\| management: $128,938.90 (17.9%)\n"),
            std::string::npos);
}

TEST(RenderMarkdown, SectionsInTheExplanationsOrder) {
  Explanation e = sample_explanation();
  expect_in_order(render_markdown(e),
                  {"## Summary", "## What drives the cost", "## How the estimate was built",
                   "## Benchmarks", "## Assumptions", "## Exclusions", "## Risks and contingency",
                   "## Options", "## Questions to confirm", "## Objections and answers",
                   "## Cost build-up", "## Coverage", "## Where the numbers come from"});

  // The style decides: reversed order, and a section left out is not rendered.
  std::reverse(e.sections.begin(), e.sections.end());
  std::erase_if(e.sections, [](const Section& s) { return s.kind == SectionKind::options; });
  const std::string out = render_markdown(e);
  expect_in_order(out, {"## Where the numbers come from", "## Questions to confirm",
                        "## Risks and contingency", "## Summary"});
  EXPECT_EQ(out.find("## Options"), std::string::npos);
  EXPECT_EQ(out.find("Defer performance testing"), std::string::npos);
}

TEST(RenderMarkdown, DriversTableWithEscapedCellsAndGroupStatements) {
  const std::string out = render_markdown(sample_explanation());
  EXPECT_NE(out.find("| Category | Hours | Amount | Share |\n|:---|---:|---:|---:|\n"
                     "| development | 2,600 hours | $412,000.00 | 57.1% |\n"
                     "| testing | 1,440 hours | $180,000.00 | 25.0% |\n"
                     "| project \\| management |   | $128,938.90 | 17.9% |\n"
                     "| **Direct cost** |   | **$720,938.90** |   |\n"),
            std::string::npos);
  EXPECT_NE(out.find("### testing\n\nTesting is 35.0% of development effort (1,440 hours, "
                     "$180,000.00). In **healthcare**, each release needs validation evidence "
                     "that an auditor can follow.\n"),
            std::string::npos);
}

TEST(RenderMarkdown, ValuesAreEscapedAndTemplateMarkdownIsKept) {
  const std::string out = render_markdown(sample_explanation());
  // The value "a*b|c<script>alert(1)</script>" reads literally; the template's ** stays bold.
  EXPECT_NE(out.find("The line a\\*b\\|c\\<script\\>alert(1)\\</script\\> is named as written."),
            std::string::npos);
  EXPECT_NE(out.find("In **healthcare**"), std::string::npos);
}

TEST(RenderMarkdown, NoRawHtmlAtAll) {
  const std::string out = render_markdown(sample_explanation());
  // Tags written in a template are dropped (with a script's content); their text stays.
  EXPECT_NE(out.find("Note bold and done."), std::string::npos);
  EXPECT_EQ(out.find("onclick"), std::string::npos);
  EXPECT_EQ(out.find("alert('md')"), std::string::npos);
  for (std::size_t i = out.find('<'); i != std::string::npos; i = out.find('<', i + 1)) {
    ASSERT_GT(i, 0u);
    EXPECT_EQ(out[i - 1], '\\') << "unescaped '<' at " << i << ": " << out.substr(i, 20);
  }
}

TEST(RenderMarkdown, OptionsBuildupAndTraceTables) {
  const std::string out = render_markdown(sample_explanation());
  EXPECT_NE(out.find("| Option | New total | Change | Change % | Trade-off |\n"
                     "|:---|---:|---:|---:|:---|\n"
                     "| Defer performance testing to the second release | $851,138.69 | "
                     "-$13,409.00 | -1.6% | Load problems would first be seen in production. |\n"
                     "| Run regression testing offshore | $858,547.69 | -$6,000.00 | -0.7% | "
                     "Hand-overs add a day to each cycle. |\n"),
            std::string::npos);
  EXPECT_NE(out.find("| Direct cost |   |   | $720,938.90 |\n"
                     "| Overhead | overhead | 12% of direct cost $720,938.90 | $86,512.67 |\n"),
            std::string::npos);
  EXPECT_NE(out.find("| Loyalty discount | discount | fixed amount | -$5,000.00 |\n"),
            std::string::npos);
  EXPECT_NE(out.find("| **Total** |   |   | **$864,547.69** |\n"), std::string::npos);
  // Pipes inside a code span are escaped too: GFM splits the row before reading spans.
  EXPECT_NE(out.find("| t1 | 35.0% | `test_ratio \\| percent` | testing-regulated | "
                     "rules/software.yaml:27:7 | QA-01, QA-02 |\n"),
            std::string::npos);
}

TEST(RenderMarkdown, ListsQuestionsObjectionsRisks) {
  const std::string out = render_markdown(sample_explanation());
  EXPECT_NE(out.find("## Assumptions\n\n- Client provides anonymised test data\n"
                     "- Hosting is in the client's tenant\n"),
            std::string::npos);
  EXPECT_NE(out.find("1. Does your quality team keep validation templates that we could reuse?"),
            std::string::npos);
  EXPECT_NE(out.find("### Testing looks expensive.\n\nThe validation package is what your "
                     "auditors will ask for; building it after go-live typically costs "
                     "$270,000.\n"),
            std::string::npos);
  EXPECT_NE(out.find("| Integration delays | 30% | $50,000.00 | $15,000.00 |"), std::string::npos);
  EXPECT_NE(out.find("- **Integration delays:** mitigation: early API spikes; owner: PM"),
            std::string::npos);
  EXPECT_NE(out.find("**Contingency:** $43,256.33"), std::string::npos);
  EXPECT_NE(out.find("| ALW-1 Integration allowance | third-party API is undocumented | "
                     "$25,000.00 |"),
            std::string::npos);
  EXPECT_NE(out.find("| PM-02 Steering meetings | $8,000.00 |"), std::string::npos);
}

TEST(RenderMarkdown, ValueThatWouldOpenABlockIsEscapedOnlyAtALineStart) {
  Explanation e;
  e.sections = {{SectionKind::summary, "Summary", {}}};
  Statement s;
  s.text = {testing::val("- 3 items"), testing::md(" and\n"), testing::val("# 2"),
            testing::md(" then "), testing::val("-5%")};
  e.sections[0].statements = {s};
  const std::string out = render_markdown(e);
  EXPECT_NE(out.find("\\- 3 items and\n\\# 2 then -5%"), std::string::npos) << out;
}

TEST(RenderMarkdown, InternalNotesOnlyWhenPresent) {
  Explanation e = sample_explanation();
  EXPECT_EQ(render_markdown(e).find("Negotiation"), std::string::npos);
  e.sections.push_back({SectionKind::internal, "Negotiation notes", {}});
  e.internal_notes = {
      {"testing-regulated", "Testing floor", {testing::md("Do not go below 20%.")}}};
  e.internal_figures = {
      {"floor", "Floor (walk-away price)", testing::fig("800000", "$800,000.00")}};
  const std::string out = render_markdown(e);
  EXPECT_NE(out.find("## Negotiation notes"), std::string::npos);
  EXPECT_NE(out.find("| Floor (walk-away price) | $800,000.00 |"), std::string::npos);
  EXPECT_NE(out.find("**Testing floor:** Do not go below 20%."), std::string::npos);
}

// ---- Text -------------------------------------------------------------------------------

TEST(RenderText, EveryLineWithinTheWidth) {
  const Explanation e = sample_explanation();
  for (int width : {80, 60, 40}) {
    const std::string out = render_text(e, width);
    for (const std::string& line : lines_of(out)) {
      EXPECT_LE(columns(line), static_cast<std::size_t>(width)) << width << ": " << line;
    }
  }
}

TEST(RenderText, MarkdownMarkersStripped) {
  const std::string out = render_text(sample_explanation());
  EXPECT_EQ(out.find("**"), std::string::npos);
  EXPECT_EQ(out.find('`'), std::string::npos);
  EXPECT_NE(out.find("\nTotal: $864,547.69\n"), std::string::npos);
  EXPECT_NE(out.find("\n- Client provides anonymised test data\n"
                     "- Hosting is in the client's tenant\n"),
            std::string::npos);
  EXPECT_NE(out.find("\n1. Does your quality team keep validation templates that we could "
                     "reuse?\n"),
            std::string::npos);
  // Values read literally; raw HTML of the template is gone; links keep only their text.
  EXPECT_NE(out.find("The line a*b|c<script>alert(1)</script> is named as written. Note bold "
                     "and done."),
            std::string::npos);
  EXPECT_NE(out.find("See our site and the logo for more."), std::string::npos);
  EXPECT_EQ(out.find("http"), std::string::npos);
}

TEST(RenderText, HeadingsUnderlinedAndParagraphsWrapped) {
  const std::string out = render_text(sample_explanation());
  EXPECT_TRUE(out.starts_with("Northwind Health portal\n=======================\n\n"));
  EXPECT_NE(out.find("\n\nWhat drives the cost\n--------------------\n\n"), std::string::npos);
  EXPECT_NE(out.find("\nTesting is 35.0% of development effort (1,440 hours, $180,000.00). In\n"
                     "healthcare, each release needs validation evidence that an auditor can "
                     "follow.\n"),
            std::string::npos);
}

TEST(RenderText, TablesAligned) {
  const std::string out = render_text(sample_explanation());
  EXPECT_NE(out.find("Category                    Hours       Amount  Share\n"
                     "-----------------------------------------------------\n"
                     "development           2,600 hours  $412,000.00  57.1%\n"
                     "testing               1,440 hours  $180,000.00  25.0%\n"
                     "project | management               $128,938.90  17.9%\n"
                     "-----------------------------------------------------\n"
                     "Direct cost                        $720,938.90\n"),
            std::string::npos);
  // Too wide for 80 columns: text columns wrap at word boundaries, figures stay whole.
  EXPECT_NE(out.find("Option                   New total       Change  Change %  Trade-off\n"),
            std::string::npos);
  EXPECT_NE(out.find("Defer performance      $851,138.69  -$13,409.00     -1.6%  Load problems "
                     "would\n"
                     "testing to the second                                      first be seen "
                     "in\n"),
            std::string::npos);
}

TEST(RenderText, TableThatCannotFitBecomesRecords) {
  const std::string out = render_text(sample_explanation());
  EXPECT_NE(out.find("\nt3\n  Value: $180,000.00\n"
                     "  Expression: sum(items.amount where category == \"testing\") | money\n"
                     "  Rule: testing-regulated\n  Location: rules/software.yaml:28:29\n"
                     "  Items: QA-01, QA-02\n"),
            std::string::npos);
}

TEST(RenderText, CurrencySymbolsTakeOneColumn) {
  Explanation e = sample_explanation();
  for (DriverGroup& g : e.drivers) {
    if (g.amount.shown.starts_with("$")) g.amount.shown.replace(0, 1, "\u00a3");  // £
  }
  e.drivers[1].amount.shown = "\u20ac180,000.00";  // €
  e.direct.shown = "\u00a5720,938.90";             // ¥
  const std::string out = render_text(e);
  EXPECT_NE(out.find("development           2,600 hours  \u00a3412,000.00  57.1%\n"
                     "testing               1,440 hours  \u20ac180,000.00  25.0%\n"
                     "project | management               \u00a3128,938.90  17.9%\n"
                     "-----------------------------------------------------\n"
                     "Direct cost                        \u00a5720,938.90\n"),
            std::string::npos)
      << out;
}

TEST(RenderText, PlainTextCollapsesWhitespace) {
  const std::string out = render_plain_text(sample_explanation());
  EXPECT_EQ(out.find('\n'), std::string::npos);
  EXPECT_EQ(out.find("  "), std::string::npos);
  EXPECT_NE(out.find("Testing is 35.0% of development effort (1,440 hours, $180,000.00). In "
                     "healthcare, each release needs validation evidence that an auditor can "
                     "follow."),
            std::string::npos);
}

TEST(RenderText, TemplateListsAndTablesKeepTheirShape) {
  Explanation e;
  e.sections = {{SectionKind::summary, "Summary", {}}};
  Statement s;
  s.text = {testing::md("Included:\n\n- **design** of the API\n- *testing* with "),
            testing::val("1,440 hours"),
            testing::md("\n\n| phase | weeks |\n|---|---:|\n| build | 12 |\n| test | 4 |\n")};
  e.sections[0].statements = {s};
  const std::string out = render_text(e);
  EXPECT_NE(out.find("Included:\n\n- design of the API\n- testing with 1,440 hours\n\n"
                     "phase  weeks\n------------\nbuild     12\ntest       4\n"),
            std::string::npos)
      << out;
}

// ---- JSON -------------------------------------------------------------------------------

std::string validate(const Json& schema, const Json& root, const Json& value,
                     const std::string& path) {
  return testing::schema_problem(schema, root, value, path);
}

TEST(RenderJson, FiguresAsExactAndShown) {
  const Json j = Json::parse(render_json(sample_explanation()));
  EXPECT_EQ(j["total"], Json::parse(R"({"exact": "864547.69", "shown": "$864,547.69"})"));
  EXPECT_EQ(j["options"][0]["delta"],
            Json::parse(R"({"exact": "-13409", "shown": "-$13,409.00"})"));
  EXPECT_EQ(j["range_high"]["exact"], "1123912");
  EXPECT_TRUE(j["contingency"].is_object());
  EXPECT_EQ(j["estimate_class"], 3);
  EXPECT_EQ(j["previous"]["changes"][0]["before"]["shown"], "$168,000.00");
}

TEST(RenderJson, EnumsLowercaseAndStructureKept) {
  const Json j = Json::parse(render_json(sample_explanation()));
  ASSERT_EQ(j["sections"].size(), 13u);
  EXPECT_EQ(j["sections"][0]["kind"], "summary");
  EXPECT_EQ(j["sections"][10]["kind"], "buildup");
  EXPECT_EQ(j["sections"][12]["kind"], "trace");
  const Json& spans = j["drivers"][1]["statements"][0]["text"]["spans"];
  EXPECT_EQ(spans[0], Json::parse(R"({"kind": "markdown", "text": "Testing is ", "trace": null})"));
  EXPECT_EQ(spans[1], Json::parse(R"({"kind": "value", "text": "35.0%", "trace": 0})"));
  EXPECT_EQ(j["trace"][0]["line"], 27);
  EXPECT_EQ(j["trace"][0]["column"], 7);
  EXPECT_EQ(j["trace"][0]["exact"], "0.35");
  EXPECT_TRUE(j["trace"][3]["exact"].is_null());  // a name, not a number
  EXPECT_EQ(j["risks"][0]["details"][1], Json::parse(R"({"field": "owner", "value": "PM"})"));
  EXPECT_EQ(j["warnings"][0], "1 cost line is explained by no rule: PM-02");
  // The raw value keeps its characters; the Markdown form escapes them.
  EXPECT_EQ(j["trace"][3]["shown"], testing::kNastyValue);
}

TEST(RenderJson, KeysInAFixedOrder) {
  const Json j = Json::parse(render_json(sample_explanation()));
  std::vector<std::string> keys;
  // Kept in a variable: items() of a temporary would outlive the document it walks.
  const auto ordered = nlohmann::ordered_json::parse(render_json(sample_explanation()));
  for (const auto& [key, value] : ordered.items()) {
    keys.push_back(key);
  }
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[0], "format");
  EXPECT_EQ(keys[1], "style");
  EXPECT_EQ(keys[2], "brief");
  EXPECT_EQ(j["format"], "explanation/1");
}

TEST(RenderJson, ValidatesAgainstThePublishedSchema) {
  const Json schema = Json::parse(explanation_json_schema());
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  Explanation internal = sample_explanation();
  internal.style = "internal";
  internal.internal_notes = {{"r", "t", {testing::md("note")}}};
  internal.internal_figures = {{"floor", "Floor", testing::fig("1", "$1.00")}};
  internal.options[0].ask_in_return = {testing::md("a longer contract")};
  internal.drivers.push_back({"other",
                              testing::fig("0", "$0.00"),
                              testing::fig("0", "0.0%"),
                              testing::fig("0", ""),
                              0,
                              {},
                              true});
  for (const Explanation& e : {sample_explanation(), Explanation{}, internal}) {
    const Json j = Json::parse(render_json(e));
    EXPECT_EQ(validate(schema, schema, j, ""), "");
  }
}

TEST(RenderJson, ValidatorCatchesMissingAndUnknownKeys) {
  // The check above can fail: a missing required key and an unlisted key are both reported.
  const Json schema = Json::parse(explanation_json_schema());
  Json j = Json::parse(render_json(sample_explanation()));
  j["trace"][0].erase("rule_id");
  EXPECT_EQ(validate(schema, schema, j, ""), "/trace/0: missing \"rule_id\"");
  j = Json::parse(render_json(sample_explanation()));
  j["total"]["rounded"] = "1";
  EXPECT_EQ(validate(schema, schema, j, ""), "/total: key not in the schema: rounded");
}

TEST(RenderJson, InvalidUtf8DoesNotThrow) {
  Explanation e = sample_explanation();
  e.title = "bad \xff\xfe title";
  e.drivers[0].key = std::string("nul\0inside", 10);
  std::string out;
  ASSERT_NO_THROW(out = render_json(e));
  EXPECT_TRUE(Json::accept(out));
  EXPECT_NO_THROW((void)render_markdown(e));
  EXPECT_NO_THROW((void)render_text(e));
}

// ---- Determinism and robustness ---------------------------------------------------------

TEST(RenderExplanation, SameInputSameBytes) {
  const Explanation a = sample_explanation();
  const Explanation b = sample_explanation();
  EXPECT_EQ(render_markdown(a), render_markdown(b));
  EXPECT_EQ(render_markdown(a), render_markdown(a));
  EXPECT_EQ(render_text(a), render_text(b));
  EXPECT_EQ(render_json(a), render_json(b));
  EXPECT_EQ(render_html(a), render_html(b));
  EXPECT_EQ(explanation_json_schema(), explanation_json_schema());
}

TEST(RenderExplanation, EmptyExplanationAndEmptySections) {
  Explanation e;
  for (SectionKind kind :
       {SectionKind::summary, SectionKind::drivers, SectionKind::basis, SectionKind::benchmarks,
        SectionKind::assumptions, SectionKind::exclusions, SectionKind::risks, SectionKind::options,
        SectionKind::questions, SectionKind::objections, SectionKind::buildup,
        SectionKind::coverage, SectionKind::trace, SectionKind::internal}) {
    e.sections.push_back({kind, "", {}});
  }
  const std::string md = render_markdown(e);
  EXPECT_TRUE(md.starts_with("# Estimate\n"));
  // Sections with nothing to show are left out; coverage says that all is covered.
  EXPECT_EQ(md.find("## Options"), std::string::npos);
  EXPECT_NE(md.find("## Coverage\n\nEvery cost line is explained by at least one rule.\n"),
            std::string::npos);
  EXPECT_NO_THROW((void)render_text(e, 1));
  EXPECT_NO_THROW((void)render_html(e));
  EXPECT_TRUE(Json::accept(render_json(e)));
}

TEST(RenderExplanation, TraceIndexOutOfRangeIsShownUntraced) {
  Explanation e;
  e.sections = {{SectionKind::summary, "Summary", {}}};
  Statement s;
  s.text = {testing::md("Cost "), testing::val("$5.00", 99), testing::md(" and "),
            testing::val("$6.00", -7)};
  e.sections[0].statements = {s};
  EXPECT_NE(render_markdown(e).find("Cost $5.00 and $6.00"), std::string::npos);
  const std::string html = render_html(e);
  EXPECT_NE(html.find("<p>Cost $5.00 and $6.00</p>"), std::string::npos);
}

}  // namespace
}  // namespace basis

namespace basis {

// A value summed over many lines: the hover names the first 20 and points at the appendix,
// which names them all.
TEST(RenderHtml, LongItemListsAreCutInTheHoverButNotInTheAppendix) {
  Explanation e = testing::sample_explanation();
  std::vector<std::string> ids;
  for (int i = 1; i <= 25; ++i) ids.push_back("LINE-" + std::to_string(100 + i));
  e.trace[2].items = ids;  // t3, used in the basis statement
  const std::string html = render_html(e);
  EXPECT_NE(html.find("LINE-120 and 5 more (see the trace appendix)"), std::string::npos);
  ASSERT_NE(html.find("LINE-120, LINE-121"), std::string::npos);
  EXPECT_EQ(html.find("LINE-120, LINE-121"), html.rfind("LINE-120, LINE-121"));  // appendix only
  EXPECT_NE(html.find("LINE-125"), std::string::npos);

  // Without an appendix the hover is the only trace, so it keeps every item.
  std::erase_if(e.sections, [](const Section& s) { return s.kind == SectionKind::trace; });
  const std::string bare = render_html(e);
  EXPECT_EQ(bare.find("more (see the trace appendix)"), std::string::npos);
  EXPECT_NE(bare.find("LINE-124, LINE-125"), std::string::npos);
}

// 120 lines: more than the appendix names (50). Hover and appendix say how many more and
// that the JSON has them all; the JSON does.
TEST(RenderHtml, VeryLongItemListsPointAtTheJson) {
  Explanation e = testing::sample_explanation();
  std::vector<std::string> ids;
  for (int i = 1; i <= 120; ++i) ids.push_back("LINE-" + std::to_string(1000 + i));
  e.trace[2].items = ids;
  const std::string html = render_html(e);
  EXPECT_NE(html.find("LINE-1020 and 100 more (all in the JSON rendering)"), std::string::npos);
  EXPECT_NE(html.find("LINE-1049, LINE-1050 and 70 more (all in the JSON rendering)"),
            std::string::npos);
  EXPECT_EQ(html.find("LINE-1051"), std::string::npos);
  EXPECT_EQ(html.find("see the trace appendix"), std::string::npos);

  const std::string md = render_markdown(e);
  EXPECT_NE(md.find("LINE-1049, LINE-1050 and 70 more (all in the JSON rendering)"),
            std::string::npos);
  EXPECT_EQ(md.find("LINE-1051"), std::string::npos);

  const std::string json = render_json(e);
  EXPECT_NE(json.find("\"LINE-1120\""), std::string::npos);

  // Without an appendix the hover names 50, then points at the JSON.
  std::erase_if(e.sections, [](const Section& s) { return s.kind == SectionKind::trace; });
  const std::string bare = render_html(e);
  EXPECT_NE(bare.find("LINE-1050 and 70 more (all in the JSON rendering)"), std::string::npos);
}

}  // namespace basis
