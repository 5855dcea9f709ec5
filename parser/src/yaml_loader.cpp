// YAML -> Document through yaml-cpp's event parser (never YAML::Load: it keeps no
// positions we can trust, drops a second document silently and LoadAll can loop forever).

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <new>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "basis/parser/document.hpp"
#include "text_position.hpp"
#include "tree_builder.hpp"
#include "yaml_fast_path.hpp"
#include "yaml_scalar_anchors.hpp"

namespace basis {

using parser_detail::Locator;
using parser_detail::TreeBuilder;
using parser_detail::YamlScalarForm;

namespace {

// Thrown from the event handler to unwind yaml-cpp once a reason has been reported.
struct LoadStopped {};
// Thrown by the probe that looks for a second document.
struct SecondDocument {
  YAML::Mark mark;
};

// Reads the source text in place: no copy of a large file.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool ends_token(char c) {
  return is_space(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

class Loader : public YAML::EventHandler {
 public:
  Loader(Document& doc, Diagnostics& diags, const LoadLimits& limits)
      : doc_(doc),
        diags_(diags),
        text_(doc.source->text()),
        locator_(*doc.source),
        builder_(doc, diags, limits) {}

  Locator& locator() { return locator_; }
  TreeBuilder& builder() { return builder_; }
  bool fatal() const { return fatal_ || builder_.broken(); }
  bool root_is_empty_null() const { return root_is_empty_null_; }

  std::size_t offset_of(const YAML::Mark& mark) const {
    if (mark.pos < 0) return text_.size();
    return std::min(static_cast<std::size_t>(mark.pos) + locator_.bom_size(), text_.size());
  }

  // The innermost '[' (or '{') still open, for "never closed" errors.
  SourcePos open_flow(char bracket) const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->bracket == bracket) return it->pos;
    }
    return {};
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::size_t at = skip_properties(offset_of(mark));
    Node node;
    node.style = ScalarStyle::yaml_plain;
    std::string_view word = null_word(at);
    if (!word.empty()) {
      node.pos = locator_.at(at);
      node.text = word;
    } else {
      // Nothing was written: yaml-cpp's mark is the next token, often on a later line.
      // Point at the key whose value is missing, or at the list's '-'.
      NodeId key = builder_.pending_key();
      if (key != kNoNode) {
        node.pos = doc_.nodes[key].pos;
      } else if (builder_.inside_sequence()) {
        std::size_t p = offset_of(mark);
        while (p > 0 && is_space(text_[p - 1])) --p;
        node.pos = locator_.at(p > 0 && text_[p - 1] == '-' ? p - 1 : offset_of(mark));
      } else {
        node.pos = locator_.at(offset_of(mark));
      }
      if (builder_.depth() == 0) root_is_empty_null_ = true;
    }
    node.content_pos = node.pos;
    node.anchors.push_back({0, node.pos});
    add_scalar(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::size_t at = offset_of(mark);
    NodeId target = anchor < anchors_.size() ? anchors_[anchor] : kNoNode;
    if (target == kNoNode || builder_.is_open(target)) {
      diags_.error(doc_.source, locator_.at(at),
                   target == kNoNode ? "this alias names no anchor defined before it"
                                     : "an alias cannot point at the list or map that contains it");
      fatal_ = true;
      Node placeholder;
      placeholder.pos = placeholder.content_pos = locator_.at(at);
      placeholder.anchors.push_back({0, placeholder.pos});
      add_scalar(std::move(placeholder), 0);
      return;
    }
    doc_.has_aliases = true;
    builder_.reference(target);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    std::size_t at = skip_properties(offset_of(mark));
    char first = at < text_.size() ? text_[at] : '\0';
    YamlScalarForm form = YamlScalarForm::plain;
    if (tag != "?") {
      if (first == '"') form = YamlScalarForm::double_quoted;
      if (first == '\'') form = YamlScalarForm::single_quoted;
      if (first == '|') form = YamlScalarForm::literal;
      if (first == '>') form = YamlScalarForm::folded;
    }
    const bool quoted =
        form == YamlScalarForm::double_quoted || form == YamlScalarForm::single_quoted;
    Node node;
    node.pos = locator_.at(at);
    node.content_pos = quoted ? locator_.at(at + 1) : node.pos;
    if (quoted) {
      node.style = ScalarStyle::yaml_quoted;
      check_closed(at, first, node.pos);
    } else if (form == YamlScalarForm::plain) {
      // `!` and `!!str` make a plain scalar text, as quotes would.
      bool text_tag = tag == "!" || tag == "tag:yaml.org,2002:str";
      node.style = text_tag ? ScalarStyle::yaml_quoted : ScalarStyle::yaml_plain;
    } else {
      node.style = ScalarStyle::yaml_block;
    }
    node.anchors =
        parser_detail::yaml_scalar_anchors(text_, locator_, quoted ? at + 1 : at, form, value);
    node.text = value;
    add_scalar(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(NodeKind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(NodeKind::map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    char bracket;  // '[' or '{' for flow collections, '\0' for block ones
    SourcePos pos;
  };

  void open(NodeKind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    std::size_t at = skip_properties(offset_of(mark));
    SourcePos pos = locator_.at(at);
    NodeId id = builder_.open(kind, pos);
    if (id == kNoNode) throw LoadStopped{};
    remember_anchor(anchor, id);
    char c = at < text_.size() ? text_[at] : '\0';
    open_.push_back({c == '[' || c == '{' ? c : '\0', pos});
  }

  void close() {
    builder_.close();
    if (!open_.empty()) open_.pop_back();
  }

  void add_scalar(Node&& node, YAML::anchor_t anchor) {
    NodeId id = builder_.scalar(std::move(node));
    if (id == kNoNode) throw LoadStopped{};
    remember_anchor(anchor, id);
  }

  void remember_anchor(YAML::anchor_t anchor, NodeId id) {
    if (anchor == YAML::NullAnchor) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, kNoNode);
    anchors_[anchor] = id;
  }

  // yaml-cpp marks a node at its anchor or tag (`&a !!str x`): skip to the content.
  std::size_t skip_properties(std::size_t at) const {
    while (at < text_.size() && (text_[at] == '&' || text_[at] == '!')) {
      while (at < text_.size() && !ends_token(text_[at])) ++at;
      for (;;) {
        while (at < text_.size() && is_space(text_[at])) ++at;
        if (at < text_.size() && text_[at] == '#') {
          while (at < text_.size() && text_[at] != '\n') ++at;
          continue;
        }
        break;
      }
    }
    return at;
  }

  // `~`, `null`, `Null` or `NULL` written at `at` as a value (not the next line's key).
  std::string_view null_word(std::size_t at) const {
    static constexpr std::string_view kWords[] = {"null", "Null", "NULL", "~"};
    std::string_view rest = std::string_view(text_).substr(at);
    for (std::string_view word : kWords) {
      if (!rest.starts_with(word)) continue;
      std::size_t p = word.size();
      if (p < rest.size() && !ends_token(rest[p]) && rest[p] != '#') continue;
      while (p < rest.size() && (rest[p] == ' ' || rest[p] == '\t')) ++p;
      if (p < rest.size() && rest[p] == ':' && (p + 1 == rest.size() || ends_token(rest[p + 1]))) {
        return {};
      }
      return word;
    }
    return {};
  }

  // yaml-cpp accepts a double-quoted scalar that runs to the end of the file.
  void check_closed(std::size_t quote, char q, SourcePos pos) {
    std::size_t p = quote + 1;
    while (p < text_.size()) {
      char c = text_[p];
      if (q == '"' && c == '\\') {
        p += 2;
        continue;
      }
      if (c == q) {
        if (q == '\'' && p + 1 < text_.size() && text_[p + 1] == '\'') {
          p += 2;
          continue;
        }
        return;
      }
      ++p;
    }
    diags_.error(doc_.source, pos,
                 fmt::format("this quoted text is never closed: the closing {} is missing", q));
    fatal_ = true;
  }

  Document& doc_;
  Diagnostics& diags_;
  const std::string& text_;
  Locator locator_;
  TreeBuilder builder_;
  std::vector<NodeId> anchors_;  // by yaml-cpp's anchor number
  std::vector<Open> open_;
  bool fatal_ = false;
  bool root_is_empty_null_ = false;
};

// Only notes where the next document starts, and stops yaml-cpp right there.
class SecondDocumentProbe : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { throw SecondDocument{mark}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// A tab in the leading white space of a line that has content: YAML indents with spaces
// only, and yaml-cpp's complaint about it ("illegal map value") names no tab.
std::size_t indenting_tab(const SourceText& source, std::uint32_t line) {
  std::string_view text = source.line_text(line);
  std::size_t tab = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\t') {
      if (tab == std::string_view::npos) tab = i;
    } else if (text[i] != ' ') {
      return tab == std::string_view::npos || text[i] == '#' ? std::string_view::npos
                                                             : source.line_offset(line) + tab;
    }
  }
  return std::string_view::npos;
}

std::string alias_name(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && !ends_token(text[end])) ++end;
  return std::string(text.substr(at + 1, end - at - 1));
}

void report_parse_error(const YAML::Exception& e, Loader& loader, const SourceRef& source,
                        Diagnostics& diags) {
  const std::string& text = source->text();
  const std::string& msg = e.msg;
  std::size_t at = loader.offset_of(e.mark);
  SourcePos pos = loader.locator().at(at);

  for (std::uint32_t line : {pos.line, pos.line - 1}) {
    if (line == 0) continue;
    std::size_t tab = indenting_tab(*source, line);
    if (tab != std::string_view::npos) {
      diags.error(source, loader.locator().at(tab),
                  "bad YAML: a tab is used for indentation; indent with spaces");
      return;
    }
  }
  if (msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    const bool list = msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    SourcePos open = loader.open_flow(list ? '[' : '{');
    diags.error(source, open.known() ? open : pos,
                list ? "bad YAML: this '[' list is never closed with ']'"
                     : "bad YAML: this '{' map is never closed with '}'");
    return;
  }
  if (msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
    std::string name = alias_name(text, at);
    diags.error(source, pos,
                fmt::format("unknown alias '*{0}': no anchor '&{0}' is defined before it", name),
                static_cast<std::uint32_t>(name.size() + 1));
    return;
  }
  std::string words;
  if (msg == YAML::ErrorMsg::END_OF_MAP) {
    words = "this line does not fit the map above it (check the indentation)";
  } else if (msg == YAML::ErrorMsg::END_OF_SEQ) {
    words = "this line does not continue the list above it (check the indentation)";
  } else if (msg == YAML::ErrorMsg::MAP_VALUE) {
    words = "a ':' is not allowed here (check the indentation, or quote a text that holds ': ')";
  } else if (msg == YAML::ErrorMsg::BLOCK_ENTRY) {
    words = "a '- ' list item is not allowed here (check the indentation)";
  } else if (msg == YAML::ErrorMsg::MAP_KEY) {
    words = "a '? ' key is not allowed here";
  } else if (msg == YAML::ErrorMsg::FLOW_END) {
    char c = at < text.size() ? text[at] : ']';
    words = fmt::format("this '{}' closes nothing: there is no matching '{}' before it", c,
                        c == '}' ? '{' : '[');
  } else if (msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
    words = "the file ends inside a quoted text: the closing quote is missing";
  } else if (msg == YAML::ErrorMsg::DOC_IN_SCALAR) {
    words = "'---' or '...' at the start of a line inside a text ends the document";
  } else if (msg == YAML::ErrorMsg::CHAR_IN_SCALAR) {
    words = "this character is not allowed in a text here (quote the text)";
  } else if (msg.starts_with(YAML::ErrorMsg::INVALID_ESCAPE)) {
    words =
        "unknown escape in a double-quoted text (write \\\\ for a backslash, or use "
        "single quotes)";
  } else if (msg == YAML::ErrorMsg::INVALID_HEX ||
             msg.starts_with(YAML::ErrorMsg::INVALID_UNICODE)) {
    words = "bad character code in a double-quoted text";
  } else if (msg == YAML::ErrorMsg::TAB_IN_INDENTATION) {
    words = "a tab is used for indentation; indent with spaces";
  } else if (msg == YAML::ErrorMsg::ALIAS_NOT_FOUND || msg == YAML::ErrorMsg::ANCHOR_NOT_FOUND) {
    words = "'*' and '&' must be followed by a name (quote a text that starts with them)";
  } else if (msg == YAML::ErrorMsg::CHAR_IN_ALIAS || msg == YAML::ErrorMsg::CHAR_IN_ANCHOR) {
    words = "this character is not allowed in an anchor or alias name";
  } else if (msg == YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK || msg == YAML::ErrorMsg::CHAR_IN_BLOCK) {
    words = "bad header after '|' or '>' (only an indentation digit, '+' or '-' may follow)";
  } else if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN) {
    words = "unexpected character";
  } else {
    words = msg;
  }
  diags.error(source, pos, "bad YAML: " + words);
}

void report_exception(std::exception_ptr error, Loader& loader, const SourceRef& source,
                      Diagnostics& diags, int max_nesting) {
  try {
    std::rethrow_exception(error);
  } catch (const LoadStopped&) {
  } catch (const YAML::DeepRecursion& e) {
    diags.error(source, loader.locator().at(loader.offset_of(e.mark)),
                fmt::format("nested too deeply (more than {} levels)", max_nesting));
  } catch (const YAML::Exception& e) {
    report_parse_error(e, loader, source, diags);
  } catch (const std::bad_alloc&) {
    diags.error(source, {1, 1}, "the file is too large to read");
  } catch (const std::exception& e) {
    diags.error(source, {1, 1}, fmt::format("cannot read the YAML: {}", e.what()));
  } catch (...) {
    diags.error(source, {1, 1}, "cannot read the YAML");
  }
}

// Plain text or garbage: refuse before yaml-cpp guesses an encoding or stops at a NUL.
bool check_text(const SourceRef& source, Diagnostics& diags) {
  const std::string& text = source->text();
  std::size_t bad = parser_detail::first_invalid_utf8(text);
  std::size_t nul = text.find('\0');
  if (bad == std::string::npos && nul == std::string::npos) return true;
  Locator locator(*source);
  if (nul < bad) {
    diags.error(source, locator.at(nul), "the file holds a NUL byte: it is not a text file");
  } else {
    diags.error(source, locator.at(bad),
                "the file is not UTF-8 text (this byte is not UTF-8; save the file as UTF-8)");
  }
  return false;
}

}  // namespace

std::optional<Document> load_yaml(const SourceRef& source, Diagnostics& diags) {
  return load_yaml(source, diags, LoadLimits{});
}

std::optional<Document> load_yaml(const SourceRef& source, Diagnostics& diags,
                                  const LoadLimits& limits) {
  Document doc;
  doc.source = source;
  if (!check_text(source, diags)) return std::nullopt;

  TextBuffer buffer(source->text());
  std::istream stream(&buffer);
  Loader loader(doc, diags, limits);
  std::exception_ptr error;
  std::size_t second_document = std::string::npos;
  try {
    // The plain YAML that rule sets and estimates are written in is read without yaml-cpp
    // (its scanner is most of the time of loading a large rule set), with the same events.
    if (auto events = parser_detail::read_simple_yaml(source->text())) {
      parser_detail::replay_yaml_events(*events, loader);
    } else {
      YAML::Parser parser(stream);
      if (!parser.HandleNextDocument(loader)) return doc;  // empty, or only comments
      try {
        // At most one more call: LoadAll-style loops never end on some inputs (",").
        SecondDocumentProbe probe;
        parser.HandleNextDocument(probe);
      } catch (const SecondDocument& second) {
        second_document = loader.offset_of(second.mark);
      }
    }
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    report_exception(error, loader, source, diags, limits.max_nesting);
    return std::nullopt;
  }
  if (second_document != std::string::npos) {
    const std::string& text = source->text();
    char c = second_document < text.size() ? text[second_document] : '\0';
    SourcePos pos = loader.locator().at(second_document);
    if (c == ',' || c == ']' || c == '}') {
      diags.error(source, pos, fmt::format("bad YAML: unexpected '{}'", c));
    } else {
      diags.error(source, pos, "file holds more than one YAML document; only one is allowed");
    }
    return std::nullopt;
  }
  loader.builder().report_bad_keys();
  if (loader.fatal()) return std::nullopt;
  if (loader.root_is_empty_null()) {
    doc.nodes.clear();
    doc.root = kNoNode;
  }
  return doc;
}

}  // namespace basis
