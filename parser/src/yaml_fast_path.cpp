#include "yaml_fast_path.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <climits>
#include <cstdint>

namespace basis::parser_detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;
// Deeper files are rare and go through yaml-cpp, which reports its own nesting limit.
constexpr int kMaxDepth = 64;
// yaml-cpp refuses simple keys longer than 1024 characters; stay far below.
constexpr std::size_t kMaxKey = 128;

// Thrown inside the reader to give up; caught in read_simple_yaml.
struct Decline {};

[[noreturn]] void decline() {
  throw Decline{};
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// yaml-cpp reports these plain scalars as nulls (IsNullString).
bool is_null_word(std::string_view s) {
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

class Reader {
 public:
  explicit Reader(std::string_view text) : t_(text) {}

  std::vector<YamlEvent> run() {
    check_characters();
    const std::size_t first = skip_to_content(0, npos);
    if (first == npos || indent(first) != 0 || is_entry(first)) decline();
    if (parse_map(first, 0) != npos) decline();
    return std::move(events_);
  }

 private:
  // ---- lines --------------------------------------------------------------------------------

  std::size_t line_end(std::size_t p) const {
    const std::size_t e = t_.find('\n', p);
    return e == npos ? t_.size() : e;
  }
  // The start of the line after the one holding p; npos at the end of the text.
  std::size_t next_line(std::size_t p) const {
    const std::size_t e = line_end(p);
    return e + 1 >= t_.size() ? npos : e + 1;
  }
  std::size_t line_start(std::size_t p) const {
    const std::size_t b = t_.rfind('\n', p == 0 ? 0 : p - 1);
    return b == npos || p == 0 ? 0 : b + 1;
  }
  std::size_t indent(std::size_t ls) const {
    std::size_t p = ls;
    while (p < t_.size() && t_[p] == ' ') ++p;
    return p - ls;
  }
  char at(std::size_t p) const { return p < t_.size() ? t_[p] : '\n'; }
  bool is_entry(std::size_t p) const {
    return at(p) == '-' && (at(p + 1) == ' ' || at(p + 1) == '\n');
  }
  std::size_t skip_spaces(std::size_t p) const {
    while (p < t_.size() && t_[p] == ' ') ++p;
    return p;
  }

  // From the line starting at `ls`, skips blank and comment lines. A comment indented more
  // than `comment_limit` could sit inside a multi-line value: declined. Returns the start of
  // the next line with content, or npos at the end.
  std::size_t skip_to_content(std::size_t ls, std::size_t comment_limit) const {
    while (ls != npos && ls < t_.size()) {
      const std::size_t ind = indent(ls);
      const char c = at(ls + ind);
      if (c == '\n') {
        ls = next_line(ls);
        continue;
      }
      if (c == '#') {
        if (ind > comment_limit) decline();
        ls = next_line(ls);
        continue;
      }
      return ls;
    }
    return npos;
  }

  // The rest of a line after a value: spaces, then the end of the line or a comment.
  void end_of_line(std::size_t p) const {
    const std::size_t q = skip_spaces(p);
    if (at(q) == '\n') return;
    if (at(q) == '#' && q > p) return;
    decline();
  }

  // After a value that ends on its line: the next content line must not be indented more
  // than the parent (that would continue the value, or be an error yaml-cpp should report).
  std::size_t after_value(std::size_t ls, std::size_t parent) const {
    const std::size_t next = skip_to_content(ls, parent);
    if (next != npos && indent(next) > parent) decline();
    return next;
  }

  // Only text: tabs, carriage returns, control characters, byte order marks, the Unicode
  // line breaks and the C1 controls, documents markers and directives all go to yaml-cpp.
  void check_characters() const {
    if (t_.empty() || t_.size() >= static_cast<std::size_t>(INT_MAX)) decline();
    bool line_start = true;
    for (std::size_t i = 0; i < t_.size(); ++i) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (line_start) {
        const std::string_view rest = t_.substr(i);
        if (rest.starts_with("---") || rest.starts_with("...") || c == '%') decline();
      }
      line_start = c == '\n';
      if (c == '\n') continue;
      if (c < 0x20 || c == 0x7F) decline();
      if (c == 0xC2 && i + 1 < t_.size()) {
        const auto n = static_cast<unsigned char>(t_[i + 1]);
        if (n >= 0x80 && n <= 0x9F) decline();
      }
      if (c == 0xE2 && i + 2 < t_.size() && static_cast<unsigned char>(t_[i + 1]) == 0x80) {
        const auto n = static_cast<unsigned char>(t_[i + 2]);
        if (n == 0xA8 || n == 0xA9) decline();
      }
      if (c == 0xEF && i + 2 < t_.size() && static_cast<unsigned char>(t_[i + 1]) == 0xBB &&
          static_cast<unsigned char>(t_[i + 2]) == 0xBF) {
        decline();
      }
    }
  }

  // ---- events -------------------------------------------------------------------------------

  void emit(YamlEvent::Kind kind, std::size_t offset, bool flow = false) {
    YamlEvent e;
    e.kind = kind;
    e.offset = offset;
    e.flow = flow;
    events_.push_back(std::move(e));
  }
  void scalar(std::size_t offset, bool plain, std::string value) {
    YamlEvent e;
    e.offset = offset;
    if (plain && is_null_word(value)) {
      e.kind = YamlEvent::Kind::null;
    } else {
      e.plain = plain;
      e.value = std::move(value);
    }
    events_.push_back(std::move(e));
  }

  struct Depth {
    explicit Depth(int& d) : d_(d) {
      if (++d_ > kMaxDepth) decline();
    }
    ~Depth() { --d_; }
    int& d_;
  };

  // ---- block structure ----------------------------------------------------------------------

  // `key:` at `p`; the offset of its ':' or npos.
  std::size_t key_colon(std::size_t p) const {
    std::size_t e = p;
    while (e < t_.size() && is_key_char(t_[e])) ++e;
    if (e == p || e - p > kMaxKey || t_[p] == '-' || at(e) != ':') return npos;
    if (at(e + 1) != ' ' && at(e + 1) != '\n') return npos;
    return e;
  }

  // A block map whose first key is at `key` and whose keys are all at column `n`. Returns
  // the next content line after it (indented less than n), or npos at the end.
  std::size_t parse_map(std::size_t key, std::size_t n) {
    Depth depth(depth_);
    emit(YamlEvent::Kind::map_start, key);
    for (;;) {
      const std::size_t colon = key_colon(key);
      if (colon == npos) decline();
      const std::string_view name = t_.substr(key, colon - key);
      if (is_null_word(name)) decline();
      scalar(key, true, std::string(name));
      const std::size_t next = value(colon + 1, n, false);
      if (next == npos || indent(next) < n) {
        emit(YamlEvent::Kind::map_end, key);
        return next;
      }
      if (indent(next) > n) decline();
      key = next + n;
    }
  }

  // A block list whose entries' '-' are at column `n`, the first at `dash`. An indentless
  // list (`key:` then `- x` at the key's column) ends at the map's next key.
  std::size_t parse_list(std::size_t dash, std::size_t n, bool indentless = false) {
    Depth depth(depth_);
    emit(YamlEvent::Kind::list_start, dash);
    for (;;) {
      const std::size_t next = value(dash + 1, n, true);
      if (next == npos || indent(next) < n ||
          (indentless && indent(next) == n && !is_entry(next + n))) {
        emit(YamlEvent::Kind::list_end, dash);
        return next;
      }
      if (indent(next) > n || !is_entry(next + n)) decline();
      dash = next + n;
    }
  }

  // The value after `key:` or `-` (p is just after the indicator); `parent` is the column of
  // the map's keys or of the list's '-'.
  std::size_t value(std::size_t p, std::size_t parent, bool list_entry) {
    const std::size_t q = skip_spaces(p);
    const char c = at(q);
    if (c == '\n' || c == '#') {
      if (c == '#' && q == p) decline();
      // The value is the block below: a map or a list indented more than the parent.
      const std::size_t ls = skip_to_content(next_line(q), npos);
      if (ls == npos) decline();  // empty: a null, which yaml-cpp marks in its own way
      const std::size_t m = indent(ls);
      if (m == parent && !list_entry && is_entry(ls + m)) return parse_list(ls + m, m, true);
      if (m <= parent) decline();
      if (is_entry(ls + m)) return parse_list(ls + m, m);
      return parse_map(ls + m, m);
    }
    if (list_entry && key_colon(q) != npos) return parse_map(q, q - line_start(q));
    return inline_value(q, parent);
  }

  std::size_t inline_value(std::size_t q, std::size_t parent) {
    const char c = at(q);
    std::string v;
    switch (c) {
      case '"': {
        const std::size_t end = double_quoted(q, v);
        scalar(q, false, std::move(v));
        end_of_line(end);
        return after_value(next_line(end), parent);
      }
      case '\'': {
        const std::size_t end = single_quoted(q, v);
        scalar(q, false, std::move(v));
        end_of_line(end);
        return after_value(next_line(end), parent);
      }
      case '>':
      case '|':
        return block_scalar(q, parent);
      case '[': {
        const std::size_t end = flow_list(q);
        end_of_line(end);
        return after_value(next_line(end), parent);
      }
      case '{': {
        const std::size_t end = flow_map(q);
        end_of_line(end);
        return after_value(next_line(end), parent);
      }
      case '-':
      case '?':
      case ':':
        // "-5" is a plain value; "- x" here is a list where YAML allows none.
        if (at(q + 1) == ' ' || at(q + 1) == '\n' || c != '-') decline();
        break;
      case '&':
      case '*':
      case '!':
      case '%':
      case '@':
      case '`':
      case ',':
      case ']':
      case '}':
        decline();
      default:
        break;
    }
    // A plain value on one line, up to a comment.
    const std::size_t e = line_end(q);
    std::size_t end = e;
    const std::size_t comment = t_.substr(q, e - q).find(" #");
    if (comment != npos) end = q + comment;
    while (end > q && t_[end - 1] == ' ') --end;
    const std::string_view text = t_.substr(q, end - q);
    if (text.find(": ") != npos || text.ends_with(':')) decline();
    scalar(q, true, std::string(text));
    return after_value(next_line(q), parent);
  }

  // `"..."` on one line with the common escapes; the offset after the closing quote.
  std::size_t double_quoted(std::size_t q, std::string& out) const {
    std::size_t p = q + 1;
    for (;;) {
      const char c = at(p);
      if (c == '\n') decline();
      if (c == '"') return p + 1;
      if (c == '\\') {
        switch (at(p + 1)) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          default:
            decline();
        }
        p += 2;
        continue;
      }
      out += c;
      ++p;
    }
  }

  std::size_t single_quoted(std::size_t q, std::string& out) const {
    std::size_t p = q + 1;
    for (;;) {
      const char c = at(p);
      if (c == '\n') decline();
      if (c == '\'') {
        if (at(p + 1) != '\'') return p + 1;
        out += '\'';
        p += 2;
        continue;
      }
      out += c;
      ++p;
    }
  }

  // `>` or `|` (optionally `-`), then lines indented more than the parent.
  std::size_t block_scalar(std::size_t q, std::size_t parent) {
    const bool folded = t_[q] == '>';
    std::size_t h = q + 1;
    bool strip = false;
    if (at(h) == '-') {
      strip = true;
      ++h;
    } else if (at(h) == '+') {
      decline();
    }
    end_of_line(h);
    std::size_t ls = next_line(h);
    if (ls == npos) decline();
    const std::size_t m = indent(ls);
    if (at(ls + m) == '\n' || m <= parent) decline();
    std::string v;
    std::size_t blanks = 0;
    bool any = false;
    while (ls != npos) {
      const std::size_t e = line_end(ls);
      const std::size_t ind = indent(ls);
      if (ls + ind == e) {
        if (e - ls > m) decline();
        ++blanks;
        ls = next_line(ls);
        continue;
      }
      if (ind < m) break;
      if ((folded && ind > m) || t_[e - 1] == ' ' || e == t_.size()) decline();
      if (any) {
        if (blanks == 0) {
          v += folded ? ' ' : '\n';
        } else {
          v.append(folded ? blanks : blanks + 1, '\n');
        }
      }
      v.append(t_.substr(ls + m, e - ls - m));
      any = true;
      blanks = 0;
      ls = next_line(ls);
    }
    if (!strip) v += '\n';
    scalar(q, false, std::move(v));
    return after_value(ls, parent);
  }

  // ---- flow collections on one line ---------------------------------------------------------

  std::size_t flow_scalar(std::size_t p) {
    const char c = at(p);
    std::string v;
    if (c == '"') {
      const std::size_t end = double_quoted(p, v);
      scalar(p, false, std::move(v));
      return end;
    }
    if (c == '\'') {
      const std::size_t end = single_quoted(p, v);
      scalar(p, false, std::move(v));
      return end;
    }
    switch (c) {
      case '\n':
      case '[':
      case ']':
      case '{':
      case '}':
      case ',':
      case '#':
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case '%':
      case '@':
      case '`':
      case '?':
      case ':':
        decline();
      case '-':
        if (at(p + 1) == ' ') decline();
        break;
      default:
        break;
    }
    std::size_t e = p;
    while (e < t_.size()) {
      const char d = t_[e];
      if (d == ',' || d == '[' || d == ']' || d == '{' || d == '}' || d == '\n') break;
      // ':' and '?' end a plain value in a flow collection; '#' may start a comment.
      if (d == ':' || d == '?' || d == '#') decline();
      ++e;
    }
    while (e > p && t_[e - 1] == ' ') --e;
    if (e == p) decline();
    scalar(p, true, std::string(t_.substr(p, e - p)));
    return e;
  }

  std::size_t flow_list(std::size_t q) {
    Depth depth(depth_);
    emit(YamlEvent::Kind::list_start, q, true);
    std::size_t p = skip_spaces(q + 1);
    if (at(p) != ']') {
      for (;;) {
        p = skip_spaces(flow_scalar(p));
        if (at(p) == ',') {
          p = skip_spaces(p + 1);
          if (at(p) == ']') decline();
          continue;
        }
        if (at(p) != ']') decline();
        break;
      }
    }
    emit(YamlEvent::Kind::list_end, p, true);
    return p + 1;
  }

  std::size_t flow_map(std::size_t q) {
    Depth depth(depth_);
    emit(YamlEvent::Kind::map_start, q, true);
    std::size_t p = skip_spaces(q + 1);
    if (at(p) != '}') {
      for (;;) {
        std::size_t e = p;
        while (e < t_.size() && is_key_char(t_[e])) ++e;
        if (e == p || e - p > kMaxKey || t_[p] == '-' || at(e) != ':' || at(e + 1) != ' ') {
          decline();
        }
        const std::string_view name = t_.substr(p, e - p);
        if (is_null_word(name)) decline();
        scalar(p, true, std::string(name));
        p = skip_spaces(flow_scalar(skip_spaces(e + 1)));
        if (at(p) == ',') {
          p = skip_spaces(p + 1);
          if (at(p) == '}') decline();
          continue;
        }
        if (at(p) != '}') decline();
        break;
      }
    }
    emit(YamlEvent::Kind::map_end, p, true);
    return p + 1;
  }

  std::string_view t_;
  std::vector<YamlEvent> events_;
  int depth_ = 0;
};

}  // namespace

std::optional<std::vector<YamlEvent>> read_simple_yaml(std::string_view text) {
  try {
    Reader reader(text);
    return reader.run();
  } catch (const Decline&) {
    return std::nullopt;
  }
}

}  // namespace basis::parser_detail

namespace basis::parser_detail {

void replay_yaml_events(const std::vector<YamlEvent>& events, YAML::EventHandler& handler) {
  using Kind = YamlEvent::Kind;
  YAML::Mark mark;
  handler.OnDocumentStart(mark);
  for (const YamlEvent& e : events) {
    mark.pos = static_cast<int>(e.offset);
    const auto style = e.flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block;
    switch (e.kind) {
      case Kind::map_start:
        handler.OnMapStart(mark, "?", YAML::NullAnchor, style);
        break;
      case Kind::map_end:
        handler.OnMapEnd();
        break;
      case Kind::list_start:
        handler.OnSequenceStart(mark, "?", YAML::NullAnchor, style);
        break;
      case Kind::list_end:
        handler.OnSequenceEnd();
        break;
      case Kind::scalar:
        handler.OnScalar(mark, e.plain ? "?" : "!", YAML::NullAnchor, e.value);
        break;
      case Kind::null:
        handler.OnNull(mark, YAML::NullAnchor);
        break;
    }
  }
  handler.OnDocumentEnd();
}

}  // namespace basis::parser_detail
