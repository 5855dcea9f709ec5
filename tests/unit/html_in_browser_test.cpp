// The HTML explanation is one self-contained file (explanation.md, Renderings): for every
// sample and every style, the HTML that `basis explain --format html` writes names nothing
// outside itself, and a real browser (headless Chromium) opens it without a console error
// and without attempting a single request. The checkers are first shown to catch a page
// that breaks each of those rules (tests/data/html/external-and-console-error.html).
// Chromium is required: CI installs it (scripts/install-deps.sh); without it these tests
// fail and say so.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "headless_browser.hpp"
#include "html_static_check.hpp"

namespace basis {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using testing::dangling_fragments;
using testing::external_references;
using testing::find_browser;
using ::testing::HasSubstr;
using testing::HeadlessBrowser;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::PageReport;

constexpr const char* kBrokenPage = "tests/data/html/external-and-console-error.html";
constexpr const char* kStyles[] = {"driver", "analytical", "amiable", "expressive", "internal"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A scratch directory removed at the end of the test.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "basis-html-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\'')
      out += "&#39;";
    else
      out += c;
  }
  return out;
}

// `basis explain SAMPLE --style STYLE --format html -o OUT`; "" on success, else why not.
std::string explain_to_html(const std::string& sample, const std::string& style,
                            const fs::path& out, const std::string& previous = "") {
  const fs::path err = out.string() + ".stderr";
  std::string command = quoted(BASIS_BINARY) + " explain " +
                        quoted(std::string(BASIS_SOURCE_DIR) + "/" + sample) + " --style " + style +
                        " --format html -o " + quoted(out.string()) + " 2>" + quoted(err.string());
  if (!previous.empty()) {
    command += " --previous " + quoted(std::string(BASIS_SOURCE_DIR) + "/" + previous);
  }
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return "basis explain failed (" + std::to_string(status) + "): " + read_file(err);
  }
  return "";
}

// The checkers first: a page that breaks every rule is caught by each of them.

TEST(HtmlStaticCheck, FlagsEveryExternalReferenceOfTheBrokenPage) {
  const std::string html = read_file(fs::path(BASIS_SOURCE_DIR) / kBrokenPage);
  ASSERT_FALSE(html.empty());
  const std::vector<std::string> found = external_references(html);
  EXPECT_THAT(found,
              Contains(HasSubstr("<link> href=\"https://fonts.example.invalid/sheet.css\"")));
  EXPECT_THAT(found, Contains(HasSubstr("<link rel=stylesheet>")));
  EXPECT_THAT(found, Contains("<style>: CSS @import"));
  EXPECT_THAT(found, Contains("<style>: CSS url(https://styles.example.invalid/imported.css)"));
  EXPECT_THAT(found, Contains("<style>: CSS url(https://images.example.invalid/paper.png)"));
  EXPECT_THAT(found, Contains("<img> src=\"https://cdn.example.invalid/logo.png\""));
  EXPECT_THAT(found, Contains("<img> src=\"//cdn.example.invalid/relative.png\""));
  EXPECT_THAT(found, Contains(AllOf(HasSubstr("<script> element"), HasSubstr("console.error"))));
  EXPECT_THAT(found, Contains(HasSubstr("mentions https: in")));
  // The #fragment link and its target are fine.
  EXPECT_THAT(found, Not(Contains(HasSubstr("#total"))));
  EXPECT_THAT(dangling_fragments(html), IsEmpty());
}

TEST(HtmlStaticCheck, SeesThroughEntitiesAndOtherWaysToFetch) {
  const std::vector<std::string> found = external_references(
      "<base href=\"/\"><meta http-equiv=\"Refresh\" content=\"0\">"
      "<img srcset=\"a.png 2x\"><a href=\"&#104;ttps&colon;//x.invalid/\">x</a>"
      "<svg><use xlink:href=\"sprite.svg#i\"/></svg><div style=\"background:url('p.png')\"></div>"
      "<script src=\"app.js\"></script><iframe src=\"page.html\"></iframe>"
      "<object data=\"doc.pdf\"></object><form action=\"submit\"></form>"
      "<a data-x=\"//tracker.invalid/p\">y</a>");
  EXPECT_THAT(found, Contains("<base> href=\"/\""));
  EXPECT_THAT(found, Contains(HasSubstr("<meta http-equiv=refresh>")));
  EXPECT_THAT(found, Contains("<img> srcset=\"a.png 2x\""));
  EXPECT_THAT(found, Contains("<a> href=\"https://x.invalid/\""));
  EXPECT_THAT(found, Contains("<use> xlink:href=\"sprite.svg#i\""));
  EXPECT_THAT(found, Contains("<div> style: CSS url(p.png)"));
  EXPECT_THAT(found, Contains("<script> src=\"app.js\""));
  EXPECT_THAT(found, Contains("<iframe> src=\"page.html\""));
  EXPECT_THAT(found, Contains("<object> data=\"doc.pdf\""));
  EXPECT_THAT(found, Contains("<form> action=\"submit\""));
  EXPECT_THAT(found, Contains("<a> data-x=\"//tracker.invalid/p\" (protocol-relative)"));
}

TEST(HtmlStaticCheck, AcceptsFragmentsDataUrlsAndInlineStyles) {
  const std::string html =
      "<!doctype html><html><head><style>body{color:#123} .m{fill:url(#grad)}"
      " .b{background:url(\"data:image/png;base64,AAAA\")}</style></head><body>"
      "<!-- <img src=\"logo.png\"> is not markup -->"
      "<a href=\"#t1\">1</a><tr id=\"t1\"></tr><img src=\"data:image/gif;base64,R0lG\" alt=\"\">"
      "<svg role=\"img\" aria-labelledby=\"c-title\"><title id=\"c-title\">Chart</title></svg>"
      "</body></html>";
  EXPECT_THAT(external_references(html), IsEmpty());
  EXPECT_THAT(dangling_fragments(html), IsEmpty());
  EXPECT_THAT(dangling_fragments("<a href=\"#t2\">2</a><p id=\"t1\"></p>"),
              ::testing::ElementsAre("#t2"));
}

TEST(HtmlInBrowser, CatchesConsoleErrorsAndRequestsOfTheBrokenPage) {
  const std::optional<std::string> browser = find_browser();
  ASSERT_TRUE(browser) << testing::kNoBrowser;
  HeadlessBrowser chromium(*browser);
  ASSERT_TRUE(chromium.started()) << chromium.error();
  const PageReport page = chromium.open((fs::path(BASIS_SOURCE_DIR) / kBrokenPage).string());
  ASSERT_TRUE(page.loaded) << page.error;
  EXPECT_EQ(page.title, "A deliberately broken explanation");
  EXPECT_TRUE(page.document_requested);
  EXPECT_THAT(page.console_errors, Contains("console.error: deliberate console error"));
  EXPECT_THAT(page.console_errors,
              Contains(HasSubstr("undefinedFunctionForTheChecker is not defined")));
  EXPECT_THAT(page.console_errors, Contains(HasSubstr("Failed to load resource")));
  EXPECT_THAT(page.requests, Contains("https://fonts.example.invalid/sheet.css"));
  EXPECT_THAT(page.requests, Contains("https://styles.example.invalid/imported.css"));
  EXPECT_THAT(page.requests, Contains("https://cdn.example.invalid/logo.png"));
  EXPECT_THAT(page.requests, Contains(HasSubstr("//cdn.example.invalid/relative.png")));
}

// Then every sample in every style: one browser per sample, one tab per style.

class SampleHtml : public ::testing::TestWithParam<const char*> {};

TEST_P(SampleHtml, IsSelfContainedAndQuietInABrowserInEveryStyle) {
  const std::optional<std::string> browser = find_browser();
  ASSERT_TRUE(browser) << testing::kNoBrowser;
  HeadlessBrowser chromium(*browser);
  ASSERT_TRUE(chromium.started()) << chromium.error();
  ScratchDir scratch;
  ASSERT_FALSE(scratch.path.empty());
  for (const char* style : kStyles) {
    SCOPED_TRACE(std::string(GetParam()) + " --style " + style);
    const fs::path out = scratch.path / (std::string(style) + ".html");
    const std::string failed = explain_to_html(GetParam(), style, out);
    ASSERT_EQ(failed, "");
    const std::string html = read_file(out);
    ASSERT_THAT(html, HasSubstr("<svg class=\"chart\" role=\"img\""));

    EXPECT_THAT(external_references(html), IsEmpty());
    EXPECT_THAT(dangling_fragments(html), IsEmpty());

    const PageReport page = chromium.open(out.string());
    ASSERT_TRUE(page.loaded) << page.error;
    EXPECT_TRUE(page.document_requested) << "the network log did not see the page itself";
    EXPECT_FALSE(page.title.empty());
    EXPECT_THAT(html, HasSubstr("<title>" + escaped(page.title) + "</title>"));
    EXPECT_THAT(page.console_errors, IsEmpty());
    EXPECT_THAT(page.requests, IsEmpty());
  }
}

// The revision pair, with the bridge's waterfall in the summary.
TEST(RevisionHtml, TheBridgeIsSelfContainedAndQuietInABrowserInEveryStyle) {
  const std::optional<std::string> browser = find_browser();
  ASSERT_TRUE(browser) << testing::kNoBrowser;
  HeadlessBrowser chromium(*browser);
  ASSERT_TRUE(chromium.started()) << chromium.error();
  ScratchDir scratch;
  ASSERT_FALSE(scratch.path.empty());
  for (const char* style : kStyles) {
    SCOPED_TRACE(std::string("portal-v3 --previous portal-v2 --style ") + style);
    const fs::path out = scratch.path / (std::string(style) + ".html");
    ASSERT_EQ(explain_to_html("samples/software/portal-v3.yaml", style, out,
                              "samples/software/portal-v2.yaml"),
              "");
    const std::string html = read_file(out);
    ASSERT_THAT(html, HasSubstr("aria-labelledby=\"bridge-title bridge-desc\""));
    EXPECT_THAT(external_references(html), IsEmpty());
    EXPECT_THAT(dangling_fragments(html), IsEmpty());
    const PageReport page = chromium.open(out.string());
    ASSERT_TRUE(page.loaded) << page.error;
    EXPECT_THAT(page.console_errors, IsEmpty());
    EXPECT_THAT(page.requests, IsEmpty());
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleHtml,
                         ::testing::Values("samples/software/portal-v2.yaml",
                                           "samples/software/portal-v3.yaml",
                                           "samples/construction/office-fitout.yaml",
                                           "samples/consulting/data-platform.yaml"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace basis
