// Confidentiality across formats: for every sample, no client-facing style (driver,
// analytical, amiable, expressive) in any format (md, html, text, json) shows
//   1. the text of an internal note (a rule's `internal` or `ask_in_return` field, the text
//      of a rule in section `internal`, or such a note as the negotiation brief renders it);
//   2. a value of an `internal` block of the estimate, in any form a renderer could give it
//      (24% as "24%" or "24.0%" or "0.24"; 760000 as "$760,000.00", "$760,000", "760,000"
//      or "760000");
//   3. a figure computed from one (the floor, the room above it, margins, points of margin
//      lost...), whatever the brief calls it.
// and, as the strongest form of the same guarantee, changing every internal value of an
// estimate changes no byte of any client output.
//
// The figures of (3) are found without knowing how the brief is built: the estimate is
// explained in the internal style twice, once as shipped and once with every internal value
// changed ("perturbed"); a figure of the first brief that appears nowhere in the second
// depends on an internal value. Client figures (the total, option totals) are the same in
// both briefs, so they never count as internal: that is what keeps this test free of false
// positives without a list of exceptions.

#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "cli_run_support.hpp"

namespace {

using namespace basis::cli_testing;

// --- text helpers ---------------------------------------------------------------------------

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool has_digit(const std::string& s) {
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

bool is_digit_at(const std::string& s, std::size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

// `figure` occurs in `text` as a figure of its own: not as part of a longer number, so
// that "24%" is not found in "124%", "$95" not in "$95.00" or "$95,000", "760000" not in
// "17600001".
bool contains_figure(const std::string& text, const std::string& figure) {
  if (figure.empty()) return false;
  for (std::size_t at = text.find(figure); at != std::string::npos;
       at = text.find(figure, at + 1)) {
    if (std::isdigit(static_cast<unsigned char>(figure.front())) && at > 0) {
      const char before = text[at - 1];
      if (std::isdigit(static_cast<unsigned char>(before))) continue;
      if ((before == '.' || before == ',') && at > 1 && is_digit_at(text, at - 2)) continue;
    }
    const std::size_t end = at + figure.size();
    if (std::isdigit(static_cast<unsigned char>(figure.back()))) {
      if (is_digit_at(text, end)) continue;
      if (end < text.size() && (text[end] == '.' || text[end] == ',') && is_digit_at(text, end + 1))
        continue;
    }
    return true;
  }
  return false;
}

// The sentences and clauses of a note that are long enough to be its own words: a leak of
// any one of them is a leak, and none of them is a phrase a client text could share by
// chance (short pieces such as "Nothing" are left out for that reason).
std::vector<std::string> note_pieces(const std::string& note) {
  // Template tags are not literal text; what is between them is (a tag ends a piece).
  std::string literal =
      std::regex_replace(note, std::regex(R"(\{\{[^}]*\}\}|\{%[^%]*%\})"), "\x01");
  literal = std::regex_replace(literal, std::regex(R"(\*\*|`)"), "");
  std::vector<std::string> pieces;
  std::string current;
  auto flush = [&] {
    const std::string piece = collapse_whitespace(current);
    current.clear();
    std::size_t words = piece.empty() ? 0 : 1;
    for (char c : piece) words += c == ' ';
    if (piece.size() >= 24 && words >= 4) pieces.push_back(piece);
  };
  for (std::size_t i = 0; i < literal.size(); ++i) {
    const char c = literal[i];
    const bool clause_end =
        (c == '.' || c == ';' || c == ':' || c == '?' || c == '!') &&
        (i + 1 == literal.size() || std::isspace(static_cast<unsigned char>(literal[i + 1])));
    if (c == '\x01' || (c == '\n' && i + 1 < literal.size() && literal[i + 1] == '\n')) {
      flush();
    } else if (clause_end) {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return pieces;
}

// --- what counts as internal ----------------------------------------------------------------

// A scalar of a YAML block, as written.
struct Scalar {
  std::string where;  // "internal.floor" or "rules/common.yaml:182"
  std::string text;
};

std::size_t indent_of(const std::string& line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string unquote(std::string s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

// The value of the key on line `i` (at its indentation): inline, or a block scalar (> or |)
// made of the more indented lines after it. Empty for a nested map.
std::string scalar_value(const std::vector<std::string>& lines, std::size_t i,
                         const std::string& after_colon) {
  const std::string value = trim(after_colon);
  if (value.empty()) return "";
  if (value[0] != '>' && value[0] != '|') return unquote(value);
  const std::size_t key_indent = indent_of(lines[i]);
  std::string block;
  for (std::size_t j = i + 1; j < lines.size(); ++j) {
    if (!trim(lines[j]).empty() && indent_of(lines[j]) <= key_indent) break;
    block += lines[j] + "\n";
  }
  return block;
}

// Line indices of the `internal:` blocks of an estimate (the estimate's and the items'),
// the key line excluded.
struct Block {
  std::size_t key_line;
  std::size_t first, end;  // [first, end): the more indented lines of the block
};

std::vector<Block> internal_blocks(const std::vector<std::string>& lines) {
  static const std::regex key(R"(^(\s*)(- )?internal:(.*)$)");
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, key)) continue;
    const std::size_t indent = m[1].length() + m[2].length();
    std::size_t end = i + 1;
    while (end < lines.size() && (trim(lines[end]).empty() || indent_of(lines[end]) > indent))
      ++end;
    blocks.push_back({i, i + 1, end});
  }
  return blocks;
}

// Every scalar of the estimate's internal blocks: "floor: 760000", "target_margin: 24%",
// "engineer: 78" under cost_rates, or an item's `internal: some note`.
std::vector<Scalar> internal_inputs(const std::string& estimate) {
  const std::vector<std::string> lines = lines_of(estimate);
  static const std::regex entry(R"(^\s*(- )?([A-Za-z0-9_\-]+):(.*)$)");
  std::vector<Scalar> out;
  for (const Block& b : internal_blocks(lines)) {
    const std::string inline_value =
        trim(lines[b.key_line].substr(lines[b.key_line].find("internal:") + 9));
    if (!inline_value.empty())
      out.push_back({"internal", scalar_value(lines, b.key_line, inline_value)});
    for (std::size_t i = b.first; i < b.end; ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, entry)) continue;
      const std::string value = scalar_value(lines, i, m[3].str());
      if (!value.empty()) out.push_back({"internal." + m[2].str(), value});
    }
  }
  return out;
}

// The estimate with every internal value changed a little: numbers plus 7, percentages plus
// one point, text prefixed. Small changes, so that every figure computed from them moves
// while no threshold of the brief (below the floor, below the target margin) flips and
// changes which client figures the brief repeats. Nothing outside the blocks changes.
std::string perturb_internal(const std::string& estimate) {
  std::vector<std::string> lines = lines_of(estimate);
  static const std::regex entry(R"(^(\s*(?:- )?[A-Za-z0-9_\-]+:\s*)(\S.*)$)");
  static const std::regex percent(R"(^(\d+(?:\.\d+)?)%$)");
  static const std::regex number(R"(^\d+(?:\.\d+)?$)");
  for (const Block& b : internal_blocks(lines)) {
    for (std::size_t i = b.key_line; i < b.end; ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, entry)) continue;
      const std::string prefix = m[1].str();
      const std::string value = trim(m[2].str());
      if (value[0] == '>' || value[0] == '|') continue;  // block text: its lines follow
      std::smatch n;
      if (std::regex_match(value, n, percent)) {
        const double p = std::stod(n[1].str());
        lines[i] = prefix + std::to_string(static_cast<int>(p < 99 ? p + 1 : p - 1)) + "%";
      } else if (std::regex_match(value, number)) {
        const std::size_t dot = value.find('.');
        const long long whole = std::stoll(value.substr(0, dot));
        lines[i] = prefix + std::to_string(whole + 7) +
                   (dot == std::string::npos ? "" : value.substr(dot));
      } else {
        lines[i] = prefix + "Perturbed " + unquote(value);
      }
    }
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  return out;
}

std::string group_thousands(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The forms in which a renderer could show an internal input.
std::vector<std::string> display_forms(const std::string& value, const std::string& symbol) {
  static const std::regex percent(R"(^(\d+)(?:\.(\d+))?%$)");
  static const std::regex number(R"(^(\d+)(?:\.(\d+))?$)");
  std::vector<std::string> forms;
  std::smatch m;
  if (std::regex_match(value, m, percent)) {
    // 24% -> "24%", "24.0%" (the percent filter) and 0.24 (JSON's exact value).
    const std::string whole = m[1].str(), frac = m[2].str();
    forms.push_back(whole + (frac.empty() ? "" : "." + frac) + "%");
    if (frac.empty()) forms.push_back(whole + ".0%");
    std::string fraction =
        whole.size() > 2 ? whole.substr(0, whole.size() - 2) + "." + whole.substr(whole.size() - 2)
                         : "0." + std::string(2 - whole.size(), '0') + whole;
    fraction += frac;
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    // 100% would be "1": a bare digit is no evidence of anything.
    if (!fraction.empty() && fraction.back() != '.') forms.push_back(fraction);
    return forms;
  }
  if (std::regex_match(value, m, number) && m[1].str() == "0" && m[2].length() > 0) {
    // A ratio written as a decimal (0.24): its percent forms and itself.
    const std::string frac = (m[2].str() + "00");
    std::string percent_text = frac.substr(0, 2);
    while (percent_text.size() > 1 && percent_text[0] == '0') percent_text.erase(0, 1);
    if (frac.find_first_not_of('0', 2) != std::string::npos) percent_text += "." + frac.substr(2);
    while (percent_text.back() == '0' && percent_text.find('.') != std::string::npos)
      percent_text.pop_back();
    if (percent_text.back() == '.') percent_text.pop_back();
    forms = display_forms(percent_text + "%", symbol);
    forms.push_back(value);
    return forms;
  }
  if (std::regex_match(value, m, number)) {
    const std::string whole = m[1].str();
    std::string cents = m[2].str();
    cents = (cents + "00").substr(0, 2);
    const std::string grouped = group_thousands(whole);
    // Money as the money filter shows it, with and without decimals.
    forms.push_back(symbol + grouped + "." + cents);
    if (cents == "00") forms.push_back(symbol + grouped);
    // Bare numbers only from 1,000 up: below that they are hours, counts and percentages
    // of the client text ("80 hours", "62 screens"), and their money forms above are the
    // ones a leak would take.
    if (whole.size() >= 4) {
      forms.push_back(grouped + "." + cents);
      if (cents == "00") {
        forms.push_back(grouped);
        forms.push_back(whole);
      } else {
        forms.push_back(value);
      }
    }
    return forms;
  }
  if (value.size() >= 8) forms.push_back(collapse_whitespace(value));
  return forms;
}

// Internal notes of the rule files: `internal` and `ask_in_return` fields, and the text of
// rules in section `internal`.
std::vector<Scalar> rule_notes(const std::string& file) {
  const std::vector<std::string> lines = lines_of(read_file(source_path(file)));
  static const std::regex note(R"(^\s*(internal|ask_in_return):(.*)$)");
  static const std::regex rule_start(R"(^  - id:.*$)");
  static const std::regex text_key(R"(^    text:(.*)$)");
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (std::regex_match(lines[i], m, note)) {
      const std::string value = scalar_value(lines, i, m[2].str());
      if (!value.empty()) out.push_back({file + ":" + std::to_string(i + 1), value});
    }
  }
  // Rules of section internal: their text too reaches the brief only.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!std::regex_match(lines[i], rule_start)) continue;
    std::size_t end = i + 1;
    while (end < lines.size() && !std::regex_match(lines[end], rule_start) &&
           (trim(lines[end]).empty() || indent_of(lines[end]) >= 4)) {
      ++end;
    }
    bool internal_section = false;
    for (std::size_t j = i; j < end; ++j) internal_section |= trim(lines[j]) == "section: internal";
    if (!internal_section) continue;
    for (std::size_t j = i; j < end; ++j) {
      std::smatch m;
      if (std::regex_match(lines[j], m, text_key)) {
        out.push_back({file + ":" + std::to_string(j + 1), scalar_value(lines, j, m[1].str())});
      }
    }
  }
  return out;
}

void string_leaves(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_structured()) {
    for (const auto& item : j) string_leaves(item, out);
  }
}

// --- the client outputs ----------------------------------------------------------------------

// A client output and the views a leak could hide in: collapsed whitespace (text wraps at
// 80 columns), HTML without its tags and entities, JSON's string values unescaped, Markdown
// without its backslash escapes.
struct Output {
  std::string label;
  std::vector<std::string> views;
};

std::string strip_html(const std::string& html) {
  std::string text;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
    } else if (c == '>' && in_tag) {
      in_tag = false;
      text += ' ';
    } else if (!in_tag) {
      text += c;
    }
  }
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"},   {"&gt;", ">"},   {"&quot;", "\""}, {"&#39;", "'"},
      {"&#x27;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, std::string(from).size(), to);
      at += std::string(to).size();
    }
  }
  return text;
}

Output views_of(const std::string& label, const std::string& format, const std::string& out) {
  Output o{label, {out, collapse_whitespace(out)}};
  if (format == "html") o.views.push_back(collapse_whitespace(strip_html(out)));
  if (format == "md") {
    std::string unescaped;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] == '\\' && i + 1 < out.size() &&
          std::ispunct(static_cast<unsigned char>(out[i + 1])))
        continue;
      unescaped += out[i];
    }
    o.views.push_back(collapse_whitespace(unescaped));
  }
  if (format == "json") {
    const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
    if (!j.is_discarded()) {
      std::vector<std::string> leaves;
      string_leaves(j, leaves);
      std::string joined;
      for (const std::string& s : leaves) joined += s + "\n";
      o.views.push_back(joined);
      o.views.push_back(collapse_whitespace(joined));
    }
  }
  return o;
}

bool output_contains_text(const Output& o, const std::string& text) {
  for (const std::string& v : o.views) {
    if (v.find(text) != std::string::npos) return true;
  }
  return false;
}

bool output_contains_figure(const Output& o, const std::string& figure) {
  for (const std::string& v : o.views) {
    if (contains_figure(v, figure)) return true;
  }
  return false;
}

// --- the test --------------------------------------------------------------------------------

const std::vector<std::string> kRuleFiles = {"rules/common.yaml", "rules/software-delivery.yaml",
                                             "rules/construction.yaml", "rules/consulting.yaml"};

class Confidentiality : public ::testing::TestWithParam<Sample> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<ScratchDir>("confidentiality");
    const Sample& s = GetParam();
    const std::string yaml = read_file(source_path("samples/" + s.path + ".yaml"));
    // The same file name in two directories, so that the two explanations differ only by
    // the internal values.
    for (const char* dir : {"original", "perturbed"}) {
      const fs::path d = scratch_->path() / dir;
      fs::create_directories(d);
      write_file(d / "estimate.yaml",
                 std::string(dir) == "original" ? yaml : perturb_internal(yaml));
      // The data platform's items live in a CSV file next to it.
      const fs::path csv = fs::path(source_path("samples/" + s.path + ".csv"));
      if (fs::exists(csv)) fs::copy_file(csv, d / csv.filename());
      // portal-v3 is explained against its previous revision, whose internal block is
      // perturbed too: the bridge must not carry anything internal of either revision.
      if (has_previous()) {
        const std::string old = read_file(source_path("samples/software/portal-v2.yaml"));
        write_file(d / "previous.yaml",
                   std::string(dir) == "original" ? old : perturb_internal(old));
      }
    }
    symbol_ = s.total_shown.substr(0, s.total_shown.find_first_of("0123456789"));
  }

  bool has_previous() const { return GetParam().path == "software/portal-v3"; }

  BasisRun explain(const std::string& which, const std::string& style, const std::string& format) {
    std::string previous;
    if (has_previous()) {
      previous = " --previous " + quote((scratch_->path() / which / "previous.yaml").string());
    }
    return run_basis("explain " + quote((scratch_->path() / which / "estimate.yaml").string()) +
                         " --rules " + quote(source_path("rules/" + GetParam().rules)) +
                         " --style " + style + " --format " + format + previous,
                     scratch_->path() / "capture");
  }

  std::unique_ptr<ScratchDir> scratch_;
  std::string symbol_;
};

TEST_P(Confidentiality, NothingInternalReachesAClientStyleInAnyFormat) {
  const Sample& s = GetParam();
  const std::string yaml = read_file(source_path("samples/" + s.path + ".yaml"));

  // 1. Internal notes, as written in the rule files and as the brief renders them.
  std::vector<std::string> notes;
  for (const std::string& file : kRuleFiles) {
    for (const Scalar& note : rule_notes(file)) {
      for (const std::string& piece : note_pieces(note.text)) notes.push_back(piece);
    }
  }
  const BasisRun brief = explain("original", "internal", "json");
  ASSERT_EQ(brief.exit_code, 0) << brief.err;
  const nlohmann::json brief_json = nlohmann::json::parse(brief.out, nullptr, false);
  ASSERT_FALSE(brief_json.is_discarded());
  std::vector<std::string> rendered_notes;
  for (const auto& n : brief_json["internal_notes"])
    rendered_notes.push_back(n["text"].value("markdown", ""));
  for (const auto& o : brief_json["options"]) {
    if (o.contains("ask_in_return"))
      rendered_notes.push_back(o["ask_in_return"].value("markdown", ""));
  }
  for (const auto& section : brief_json["sections"]) {
    if (section.value("kind", "") != "internal") continue;
    for (const auto& st : section["statements"])
      rendered_notes.push_back(st["text"].value("markdown", ""));
  }
  for (const std::string& n : rendered_notes) {
    for (const std::string& piece : note_pieces(n)) notes.push_back(piece);
  }
  ASSERT_FALSE(notes.empty());

  // 2. The estimate's internal values, in every display form.
  std::vector<std::string> input_forms;
  const std::vector<Scalar> inputs = internal_inputs(yaml);
  ASSERT_FALSE(inputs.empty()) << s.path << " has no internal block to keep confidential";
  for (const Scalar& in : inputs) {
    for (const std::string& form : display_forms(in.text, symbol_)) input_forms.push_back(form);
  }

  // 3. Figures of the brief computed from internal values: in the brief of the perturbed
  // estimate they are gone.
  const BasisRun perturbed_brief = explain("perturbed", "internal", "json");
  ASSERT_EQ(perturbed_brief.exit_code, 0) << perturbed_brief.err;
  const nlohmann::json perturbed_json = nlohmann::json::parse(perturbed_brief.out, nullptr, false);
  ASSERT_FALSE(perturbed_json.is_discarded());
  std::vector<std::string> brief_leaves, perturbed_leaves;
  string_leaves(brief_json, brief_leaves);
  string_leaves(perturbed_json, perturbed_leaves);
  std::string perturbed_all;
  for (const std::string& leaf : perturbed_leaves) perturbed_all += leaf + "\n";
  std::set<std::string> derived;
  for (const std::string& leaf : brief_leaves) {
    // Figures: short strings with a digit ("$104,547.69", "45.3%", "0.4530...", "3.68").
    if (leaf.size() > 40 || !has_digit(leaf)) continue;
    if (!contains_figure(perturbed_all, leaf)) derived.insert(leaf);
  }
  // The floor and the room above it must be among them, or the perturbation did nothing.
  const std::string floor_shown = brief_json["internal_figures"][0]["value"].value("shown", "");
  EXPECT_TRUE(derived.contains(floor_shown)) << floor_shown;
  EXPECT_GE(derived.size(), 3u);

  // The brief itself shows all three kinds: the checks below can find what they look for.
  const Output brief_md = views_of("internal md", "md", explain("original", "internal", "md").out);
  const auto count_hits = [&](const Output& o, const std::vector<std::string>& texts,
                              bool figures) {
    std::size_t hits = 0;
    for (const std::string& t : texts)
      hits += figures ? output_contains_figure(o, t) : output_contains_text(o, t);
    return hits;
  };
  EXPECT_GT(count_hits(brief_md, notes, false), 0u);
  EXPECT_GT(count_hits(brief_md, input_forms, true), 0u);
  EXPECT_GT(count_hits(brief_md, std::vector<std::string>(derived.begin(), derived.end()), true),
            0u);

  for (const std::string& style : client_styles()) {
    // An internal input and a client figure can print alike: the fit-out's 11% target margin
    // and the share of its HVAC group in the cost breakdown (GBP 89,220.00 of 811,462.00 =
    // 10.995%, shown "11.0%", exact "0.11"). A breakdown share is a group's amount over the
    // direct cost, computed from the line items alone, so a form that this output's own
    // breakdown shows is that share, not the input; any other form is looked for as a leak.
    // (The comparison with the perturbed estimate below would catch the margin anywhere.)
    const BasisRun json_run = explain("original", style, "json");
    ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
    const nlohmann::json client_json = nlohmann::json::parse(json_run.out, nullptr, false);
    ASSERT_FALSE(client_json.is_discarded());
    // The content this test must see through: the revision bridge (portal-v3 against v2) and
    // the simulated totals of the risks section (every sample has three-point values).
    if (has_previous()) {
      EXPECT_FALSE(client_json["previous"]["steps"].empty()) << style;
    }
    bool shows_risks = false;
    for (const auto& section : client_json["sections"])
      shows_risks = shows_risks || section.value("kind", "") == "risks";
    EXPECT_EQ(client_json["risk_simulation"].is_object(), shows_risks) << style;
    std::set<std::string> breakdown_shares;
    for (const char* key : {"drivers", "top_drivers"}) {
      for (const auto& g : client_json[key]) {
        breakdown_shares.insert(g["share"].value("shown", ""));
        breakdown_shares.insert(g["share"].value("exact", ""));
      }
    }
    for (const std::string& format : text_formats()) {
      SCOPED_TRACE(s.path + " --style " + style + " --format " + format);
      const BasisRun run = explain("original", style, format);
      ASSERT_EQ(run.exit_code, 0) << run.err;
      const Output out = views_of(style + " " + format, format, run.out);
      for (const std::string& piece : notes) {
        EXPECT_FALSE(output_contains_text(out, piece)) << "internal note: " << piece;
      }
      for (const std::string& form : input_forms) {
        if (breakdown_shares.contains(form)) continue;
        EXPECT_FALSE(output_contains_figure(out, form)) << "internal value: " << form;
      }
      for (const std::string& figure : derived) {
        EXPECT_FALSE(output_contains_figure(out, figure))
            << "computed from internal values: " << figure;
      }
      // Nothing in a client output depends on an internal value at all.
      const BasisRun other = explain("perturbed", style, format);
      ASSERT_EQ(other.exit_code, 0) << other.err;
      EXPECT_TRUE(run.out == other.out) << "changing the internal values changed the output";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, Confidentiality, ::testing::ValuesIn(samples()),
                         [](const ::testing::TestParamInfo<Sample>& info) {
                           std::string name = info.param.path.substr(info.param.path.find('/') + 1);
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

// The helpers that decide what is a leak.
TEST(ConfidentialityHelpers, FiguresMatchOnlyWhole) {
  EXPECT_TRUE(contains_figure("margin 24% today", "24%"));
  EXPECT_FALSE(contains_figure("margin 124% today", "24%"));
  EXPECT_FALSE(contains_figure("share 3.24%", "24%"));
  EXPECT_TRUE(contains_figure("floor $95.", "$95"));
  EXPECT_FALSE(contains_figure("rate $95.00", "$95"));
  EXPECT_FALSE(contains_figure("cost $95,000", "$95"));
  EXPECT_TRUE(contains_figure("-$760,000.00", "$760,000.00"));
  EXPECT_FALSE(contains_figure("17600001", "760000"));
  EXPECT_TRUE(contains_figure("\"exact\": \"760000\"", "760000"));
}

TEST(ConfidentialityHelpers, DisplayFormsOfInternalValues) {
  EXPECT_EQ(display_forms("24%", "$"), (std::vector<std::string>{"24%", "24.0%", "0.24"}));
  EXPECT_EQ(
      display_forms("760000", "$"),
      (std::vector<std::string>{"$760,000.00", "$760,000", "760,000.00", "760,000", "760000"}));
  EXPECT_EQ(display_forms("78", "\u00a3"), (std::vector<std::string>{"\u00a378.00", "\u00a378"}));
  EXPECT_EQ(display_forms("5%", "$"), (std::vector<std::string>{"5%", "5.0%", "0.05"}));
  EXPECT_EQ(display_forms("0.125", "$"), (std::vector<std::string>{"12.5%", "0.125", "0.125"}));
  EXPECT_EQ(display_forms("walk away below this", "$"),
            (std::vector<std::string>{"walk away below this"}));
}

TEST(ConfidentialityHelpers, InternalBlocksAreFoundAndPerturbed) {
  const std::string estimate =
      "id: X\nitems:\n  - id: A\n    hours: 10\n    internal:\n      cost: 62\n"
      "internal:\n  floor: 760000\n  target_margin: 24%\n  cost_rates:\n    engineer: 78\n";
  const std::vector<Scalar> in = internal_inputs(estimate);
  ASSERT_EQ(in.size(), 4u);
  EXPECT_EQ(in[0].text, "62");
  EXPECT_EQ(in[1].text, "760000");
  EXPECT_EQ(in[2].text, "24%");
  EXPECT_EQ(in[3].text, "78");
  EXPECT_EQ(perturb_internal(estimate),
            "id: X\nitems:\n  - id: A\n    hours: 10\n    internal:\n      cost: 69\n"
            "internal:\n  floor: 760007\n  target_margin: 25%\n  cost_rates:\n    engineer: 85\n");
}

TEST(ConfidentialityHelpers, NotePiecesAreTheLiteralClauses) {
  EXPECT_EQ(
      note_pieces("Quoted {{ totals.total | money }} against a floor of {{ floor | money }}, "
                  "which leaves room. Concede scope through the options, never the rate card."),
      (std::vector<std::string>{"Concede scope through the options, never the rate card"}));
}

}  // namespace
