// docs/diagnostics.md must list every diagnostic the rule-set and estimate loaders (and the
// rules engine) can emit, so that a new message without documentation fails here.
//
// How the messages are found, without running the code:
//   1. Every string literal of the sources that produce diagnostics (kSources: the parser,
//      the rules engine and the estimate computation) is read with a small C++ lexer that
//      skips comments and character literals, decodes escapes, understands raw strings and
//      joins adjacent literals ("a " "b"), as the compiler does. Messages are assembled from
//      such literals with `+` and fmt::format, so each literal is a piece of a message.
//   2. A literal is message text when it holds at least two words (letters), one of them of
//      three letters or more: ids, keys, operators and punctuation are not messages.
//      Literals that are words but not diagnostics (trace text, output of `basis why`) are
//      listed in kNotDiagnostics, each with its reason, so that the list stays short and
//      deliberate.
//   3. A format string ("{}" or "{0}" in it) is cut at its placeholders; every other
//      literal is cut at nothing. Each piece, with white space collapsed, must appear
//      verbatim in docs/diagnostics.md (Markdown's `\|` read as `|`). The document words
//      each message with an example value where the source has a placeholder, so the fixed
//      words around the value are what must match.
//   4. Independently, every message in the malformed corpora (tests/bad/*.expected,
//      tests/bad-rules/*.expected), as printed, is cut at its quoted values ('...') and
//      numbers, and each remaining piece of two words or more must appear in the document.
//      That catches messages that do not come from a literal in the scanned sources.
// A piece found in the document proves its words are documented; which table row it is in
// is for a reader to judge, and the test does not try to.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = BASIS_SOURCE_DIR;

// The sources whose literals are messages of the loaders and the rules engine: directory
// and file-name prefix (every .cpp and .hpp whose name starts with it, so new files count).
struct SourceSet {
  const char* dir;
  const char* prefix;
};
constexpr SourceSet kSources[] = {
    {"parser/src", ""},          // YAML, JSON, CSV, estimates, rule sets, workspace, grammars
    {"engine/src", "rules_"},    // compiling and evaluating rules
    {"engine/src", "estimate"},  // computing the estimate (overflow)
    {"engine/src", "lint"},      // basis lint's findings
};

// Literals in those sources that are words but never reach a diagnostic as such.
const std::set<std::string, std::less<>> kNotDiagnostics = {
    // `basis why` shows these as the value of a part of a condition, and a rule's state.
    "not evaluated",
    "not fired",
    // The operator as written, in trace text and in `why`.
    "not in",
    // How a group value is shown (in `why`, and inside a message that quotes a value).
    "group {} ({} items, amount {})",
    // Names of grammar rules that the expression parser recognises to word "unclosed
    // string" itself; never shown.
    "a closing '\"'",
    "a closing '''",
};

// The document states once that every YAML (JSON) message starts with this prefix, and
// lists the messages without it.
constexpr std::string_view kPrefixes[] = {"bad YAML: ", "bad JSON: "};

std::string without_prefix(std::string piece) {
  for (std::string_view prefix : kPrefixes) {
    if (piece.rfind(prefix, 0) == 0) return piece.substr(prefix.size());
  }
  return piece;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct Literal {
  std::string text;
  std::size_t line = 0;
};

// The string literals of a C++ source, adjacent ones joined, escapes decoded.
std::vector<Literal> string_literals(const std::string& src) {
  std::vector<Literal> out;
  std::size_t line = 1;
  bool joinable = false;  // only white space and comments since the last literal
  std::size_t i = 0;
  auto add = [&](std::string text, std::size_t at_line) {
    if (joinable && !out.empty()) {
      out.back().text += text;
    } else {
      out.push_back({std::move(text), at_line});
    }
    joinable = true;
  };
  while (i < src.size()) {
    const char c = src[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (src.compare(i, 2, "//") == 0) {
      while (i < src.size() && src[i] != '\n') ++i;
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      const std::size_t end = src.find("*/", i + 2);
      const std::size_t stop = end == std::string::npos ? src.size() : end + 2;
      line += static_cast<std::size_t>(std::count(src.begin() + static_cast<long>(i),
                                                  src.begin() + static_cast<long>(stop), '\n'));
      i = stop;
      continue;
    }
    // A raw string: R"delim( ... )delim", with an optional encoding prefix before the R.
    if (c == 'R' && i + 1 < src.size() && src[i + 1] == '"' &&
        (i == 0 || !(std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '_') ||
         src[i - 1] == '8' || src[i - 1] == 'u' || src[i - 1] == 'U' || src[i - 1] == 'L')) {
      const std::size_t open = src.find('(', i + 2);
      const std::string delim = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const std::size_t close = src.find(delim, open);
      const std::string text = src.substr(open + 1, close - open - 1);
      const std::size_t at = line;
      line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
      add(text, at);
      i = close + delim.size();
      continue;
    }
    if (c == '"') {
      std::string text;
      ++i;
      while (i < src.size() && src[i] != '"') {
        if (src[i] == '\\' && i + 1 < src.size()) {
          const char e = src[i + 1];
          switch (e) {
            case 'n':
              text += '\n';
              break;
            case 't':
              text += '\t';
              break;
            case 'r':
              text += '\r';
              break;
            case '0':
              text += '\0';
              break;
            default:
              text += e;
              break;  // \" \\ \' \?
          }
          i += 2;
          continue;
        }
        text += src[i++];
      }
      ++i;
      add(std::move(text), line);
      continue;
    }
    if (c == '\'') {
      // A character literal; a digit separator (1'000) is a quote after a digit.
      if (i > 0 && std::isxdigit(static_cast<unsigned char>(src[i - 1]))) {
        ++i;
        continue;
      }
      ++i;
      while (i < src.size() && src[i] != '\'') i += src[i] == '\\' ? 2 : 1;
      ++i;
      joinable = false;
      continue;
    }
    joinable = false;
    ++i;
  }
  return out;
}

bool is_message_text(std::string_view text) {
  std::size_t words = 0;
  bool long_word = false;
  std::size_t run = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool letter = i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]));
    if (letter) {
      ++run;
      continue;
    }
    if (run > 0) {
      ++words;
      long_word = long_word || run >= 3;
    }
    run = 0;
  }
  return words >= 2 && long_word && text.find(' ') != std::string_view::npos;
}

bool is_format_string(std::string_view text) {
  static const std::regex placeholder(R"(\{[0-9]*(:[^{}]*)?\})");
  return std::regex_search(text.begin(), text.end(), placeholder);
}

// The fixed pieces of a literal: a format string cut at its placeholders, with `{{` and `}}`
// read as braces; another literal whole.
std::vector<std::string> pieces_of(const std::string& text) {
  if (!is_format_string(text)) return {collapse_spaces(text)};
  static const std::regex placeholder(R"(\{[0-9]*(:[^{}]*)?\})");
  std::vector<std::string> out;
  std::sregex_token_iterator it(text.begin(), text.end(), placeholder, -1);
  for (; it != std::sregex_token_iterator(); ++it) {
    std::string piece = it->str();
    for (std::size_t p = 0; (p = piece.find("{{", p)) != std::string::npos; ++p) piece.erase(p, 1);
    for (std::size_t p = 0; (p = piece.find("}}", p)) != std::string::npos; ++p) piece.erase(p, 1);
    out.push_back(collapse_spaces(piece));
  }
  return out;
}

// docs/diagnostics.md as the reader sees its code spans: `\|` is `|`, white space collapsed.
std::string documented() {
  std::string doc = read_file(kRoot / "docs" / "diagnostics.md");
  for (std::size_t p = 0; (p = doc.find("\\|", p)) != std::string::npos;) doc.erase(p, 1);
  return collapse_spaces(doc);
}

std::vector<fs::path> diagnostic_sources() {
  std::vector<fs::path> out;
  for (const SourceSet& set : kSources) {
    for (const auto& entry : fs::directory_iterator(kRoot / set.dir)) {
      const std::string name = entry.path().filename().string();
      const std::string ext = entry.path().extension().string();
      if ((ext == ".cpp" || ext == ".hpp") && name.rfind(set.prefix, 0) == 0) {
        out.push_back(entry.path());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DiagnosticsDoc, TheLexerFindsLiteralsAsTheCompilerDoes) {
  const std::string src =
      "// \"not this\"\n"
      "/* nor \"this\" */ auto a = \"one \" \"two\"; char q = '\"'; int n = 1'000;\n"
      "auto b = fmt::format(\"x {} y\", 1) + \"\\\"quoted\\\" \\\\ end\";\n"
      "auto c = R\"(raw \"text\")\";\n"
      "auto d = \"a\" /* joined */ \"b\";\n";
  const std::vector<Literal> found = string_literals(src);
  std::vector<std::string> texts;
  for (const Literal& l : found) texts.push_back(l.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"one two", "x {} y", "\"quoted\" \\ end",
                                             "raw \"text\"", "ab"}));
  EXPECT_EQ(found[1].line, 3u);
  EXPECT_EQ(pieces_of("duplicate {} id '{}'; each {{x}} needs"),
            (std::vector<std::string>{"duplicate", "id '", "'; each {x} needs"}));
  EXPECT_EQ(pieces_of("unclosed '{{': no '}}' after it"),
            std::vector<std::string>{"unclosed '{{': no '}}' after it"});
  EXPECT_TRUE(is_message_text("a list"));
  EXPECT_FALSE(is_message_text("rate_name"));
  EXPECT_FALSE(is_message_text("a b"));
}

TEST(DiagnosticsDoc, EveryMessageOfTheSourcesIsDocumented) {
  const std::string doc = documented();
  const std::vector<fs::path> sources = diagnostic_sources();
  ASSERT_GE(sources.size(), 30u) << "the sources moved: update kSources";
  std::size_t checked = 0;
  std::string missing;
  for (const fs::path& file : sources) {
    for (const Literal& literal : string_literals(read_file(file))) {
      if (!is_message_text(literal.text)) continue;
      if (kNotDiagnostics.count(literal.text) != 0) continue;
      for (const std::string& piece : pieces_of(literal.text)) {
        std::string trimmed = without_prefix(piece);
        while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
        while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
        if (!is_message_text(trimmed)) continue;
        ++checked;
        if (doc.find(trimmed) == std::string::npos) {
          missing += fs::relative(file, kRoot).string() + ":" + std::to_string(literal.line) +
                     ": \"" + trimmed + "\"\n";
        }
      }
    }
  }
  EXPECT_GE(checked, 300u) << "the scan found too few messages: is the lexer broken?";
  for (std::string_view prefix : kPrefixes) {
    EXPECT_NE(doc.find("starts with `" + std::string(prefix.substr(0, prefix.size() - 1)) + "`"),
              std::string::npos)
        << "the document must say which messages start with '" << prefix << "'";
  }
  EXPECT_EQ(missing, "") << "these message pieces are not in docs/diagnostics.md; document each "
                            "message (with its fix) there, or, if the literal never reaches a "
                            "diagnostic, add it to kNotDiagnostics with the reason";
}

// `file:line:col: error: message` (also warning and note), or `file: error: message`.
std::vector<std::string> corpus_messages() {
  static const std::regex line_re(R"(^[^:]+(:[0-9]+:[0-9]+)?: (error|warning|note): (.*)$)");
  std::vector<std::string> out;
  for (const char* dir : {"tests/bad", "tests/bad-rules"}) {
    for (const auto& entry : fs::directory_iterator(kRoot / dir)) {
      if (entry.path().extension() != ".expected") continue;
      std::istringstream in(read_file(entry.path()));
      std::string line;
      std::smatch m;
      while (std::getline(in, line)) {
        if (std::regex_match(line, m, line_re)) out.push_back(m[3].str());
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(DiagnosticsDoc, EveryMessageOfTheMalformedCorporaIsDocumented) {
  const std::string doc = documented();
  const std::vector<std::string> messages = corpus_messages();
  ASSERT_GE(messages.size(), 100u);
  // The values a message quotes, counts or names (a currency code) differ from the
  // document's examples: cut there.
  static const std::regex variable(R"('[^']*'|"[^"]*"|-?[0-9][0-9.,_%]*|\b[A-Z]{3}\b)");
  std::string missing;
  for (const std::string& message : messages) {
    std::sregex_token_iterator it(message.begin(), message.end(), variable, -1);
    for (; it != std::sregex_token_iterator(); ++it) {
      std::string piece = without_prefix(collapse_spaces(it->str()));
      while (!piece.empty() && piece.back() == ' ') piece.pop_back();
      while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
      if (!is_message_text(piece)) continue;
      if (doc.find(piece) == std::string::npos) {
        missing += "\"" + piece + "\" in: " + message + "\n";
      }
    }
  }
  EXPECT_EQ(missing, "") << "messages of tests/bad*/ *.expected not in docs/diagnostics.md";
}

// Every message is listed with what it means or what to do: no table row of the document
// may leave the second column empty.
TEST(DiagnosticsDoc, EveryMessageHasItsFix) {
  std::istringstream in(read_file(kRoot / "docs" / "diagnostics.md"));
  std::string line;
  std::size_t rows = 0;
  std::string empty;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.rfind("| ", 0) != 0 || line.rfind("| message |", 0) == 0) continue;
    ++rows;
    // The last cell: after the last unescaped '|' before the closing one.
    const std::string body = line.substr(0, line.size() - (line.back() == '|' ? 1 : 0));
    std::size_t cut = std::string::npos;
    for (std::size_t i = body.size(); i-- > 1;) {
      if (body[i] == '|' && body[i - 1] != '\\') {
        cut = i;
        break;
      }
    }
    const std::string last = cut == std::string::npos ? "" : collapse_spaces(body.substr(cut + 1));
    if (last.empty()) empty += std::to_string(n) + ": " + line + "\n";
  }
  EXPECT_GE(rows, 250u);
  EXPECT_EQ(empty, "") << "rows of docs/diagnostics.md without a fix";
}

}  // namespace
