#pragma once
// A static reading of an HTML document for anything that would make a browser fetch
// something outside the file: absolute URLs, protocol-relative references, resource
// attributes (src, srcset, poster, data, ...) that are not data: URLs, links that are not
// #fragments, stylesheets, scripts, base and meta refresh, CSS @import and url() that is
// not data: or #. Also lists #fragment links whose target id is missing. Each finding is one
// line that names what was found, so a failing test says where to look.

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace basis::testing {

namespace html_check_detail {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string trim(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  std::size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Enough character references to see through "&#104;ttps:" and "&colon;".
inline std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    const std::string name = lower(s.substr(i + 1, semi - i - 1));
    unsigned long code = 0;
    bool ok = true;
    if (name.starts_with("#x")) {
      ok = name.size() > 2;
      for (std::size_t k = 2; ok && k < name.size(); ++k) {
        ok = std::isxdigit(static_cast<unsigned char>(name[k])) != 0;
        if (ok) code = code * 16 + std::stoul(name.substr(k, 1), nullptr, 16);
      }
    } else if (name.starts_with("#")) {
      ok = name.size() > 1;
      for (std::size_t k = 1; ok && k < name.size(); ++k) {
        ok = std::isdigit(static_cast<unsigned char>(name[k])) != 0;
        if (ok) code = code * 10 + static_cast<unsigned long>(name[k] - '0');
      }
    } else if (name == "amp") {
      code = '&';
    } else if (name == "quot") {
      code = '"';
    } else if (name == "apos") {
      code = '\'';
    } else if (name == "lt") {
      code = '<';
    } else if (name == "gt") {
      code = '>';
    } else if (name == "colon") {
      code = ':';
    } else if (name == "sol") {
      code = '/';
    } else {
      ok = false;
    }
    if (!ok || code == 0 || code > 0x7f) {
      out += s.substr(i, semi - i + 1);  // non-ASCII references cannot spell a scheme
    } else {
      out += static_cast<char>(code);
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;  // lowercase, without '/'
  bool closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;  // lowercase name, decoded value
  std::string raw;
};

// Parses the tag that starts at html[start] == '<'; returns the index after its '>'.
inline std::size_t parse_tag(std::string_view html, std::size_t start, Tag& tag) {
  std::size_t i = start + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == ':' || c == '_';
  };
  const std::size_t name_start = i;
  while (i < html.size() && name_char(html[i])) ++i;
  tag.name = lower(html.substr(name_start, i - name_start));
  while (i < html.size() && html[i] != '>') {
    const char c = html[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/') {
      ++i;
      continue;
    }
    const std::size_t attr_start = i;
    while (i < html.size() && html[i] != '=' && html[i] != '>' && html[i] != ' ' &&
           html[i] != '\t' && html[i] != '\n' && html[i] != '\r' && html[i] != '/') {
      ++i;
    }
    std::string attr = lower(html.substr(attr_start, i - attr_start));
    while (i < html.size() && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n')) ++i;
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && (html[i] == ' ' || html[i] == '\t' || html[i] == '\n')) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        const char quote = html[i++];
        const std::size_t end = html.find(quote, i);
        const std::size_t stop = end == std::string_view::npos ? html.size() : end;
        value = decode_entities(html.substr(i, stop - i));
        i = stop == html.size() ? stop : stop + 1;
      } else {
        const std::size_t value_start = i;
        while (i < html.size() && html[i] != '>' && html[i] != ' ' && html[i] != '\t' &&
               html[i] != '\n') {
          ++i;
        }
        value = decode_entities(html.substr(value_start, i - value_start));
      }
    }
    if (!attr.empty()) tag.attributes.emplace_back(std::move(attr), std::move(value));
  }
  const std::size_t end = i < html.size() ? i + 1 : html.size();
  tag.raw = std::string(html.substr(start, std::min<std::size_t>(end - start, 160)));
  return end;
}

// CSS: @import and url() other than data: or #fragment.
inline void check_css(std::string_view css, const std::string& where,
                      std::vector<std::string>& findings) {
  const std::string text = lower(decode_entities(css));
  for (std::size_t at = text.find("@import"); at != std::string::npos;
       at = text.find("@import", at + 1)) {
    findings.push_back(where + ": CSS @import");
  }
  for (std::size_t at = text.find("url("); at != std::string::npos;
       at = text.find("url(", at + 1)) {
    const std::size_t close = text.find(')', at);
    std::string arg =
        trim(text.substr(at + 4, close == std::string::npos ? std::string::npos : close - at - 4));
    if (!arg.empty() && (arg.front() == '"' || arg.front() == '\'')) arg = trim(arg.substr(1));
    if (!arg.empty() && (arg.back() == '"' || arg.back() == '\''))
      arg = trim(arg.substr(0, arg.size() - 1));
    if (!arg.starts_with("data:") && !arg.starts_with("#")) {
      findings.push_back(where + ": CSS url(" + arg.substr(0, 60) + ")");
    }
  }
}

}  // namespace html_check_detail

// Every reference in `html` that a browser could follow to outside the document.
inline std::vector<std::string> external_references(std::string_view html) {
  using namespace html_check_detail;
  std::vector<std::string> findings;

  // Anywhere at all, text included: an absolute http(s) URL has no place in the file.
  const std::string whole = lower(html);
  for (const char* scheme : {"http:", "https:"}) {
    for (std::size_t at = whole.find(scheme); at != std::string::npos;
         at = whole.find(scheme, at + 1)) {
      const std::size_t from = at < 30 ? 0 : at - 30;
      findings.push_back(std::string("mentions ") + scheme + " in \"" +
                         std::string(html.substr(from, 80)) + "\"");
    }
  }

  // Resource attributes: anything but a data: URL is a fetch.
  static const std::set<std::string> resource = {
      "src",     "srcset",   "poster",     "data",     "background", "lowsrc",
      "dynsrc",  "action",   "formaction", "manifest", "ping",       "codebase",
      "archive", "longdesc", "icon",       "profile",  "cite",       "imagesrcset"};
  // Link attributes: only a #fragment stays inside the document.
  static const std::set<std::string> link = {"href", "xlink:href"};

  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      ++i;
      continue;
    }
    if (html.substr(i).starts_with("<!--")) {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {
      const std::size_t end = html.find('>', i);
      i = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    Tag tag;
    i = parse_tag(html, i, tag);
    if (tag.closing || tag.name.empty()) continue;
    const std::string where = "<" + tag.name + ">";

    for (const auto& [attr, value] : tag.attributes) {
      const std::string v = lower(trim(value));
      if (resource.contains(attr) && !v.starts_with("data:")) {
        findings.push_back(where + " " + attr + "=\"" + value.substr(0, 80) + "\"");
      } else if (link.contains(attr) && !v.starts_with("#")) {
        findings.push_back(where + " " + attr + "=\"" + value.substr(0, 80) + "\"");
      } else if (attr == "style") {
        check_css(value, where + " style", findings);
      } else if (v.starts_with("//")) {
        findings.push_back(where + " " + attr + "=\"" + value.substr(0, 80) +
                           "\" (protocol-relative)");
      }
    }
    const auto attribute = [&](const char* name) {
      for (const auto& [attr, value] : tag.attributes) {
        if (attr == name) return lower(trim(value));
      }
      return std::string();
    };
    if (tag.name == "script") {
      // Its body is JavaScript, not markup: reported, then skipped.
      const std::size_t end = lower(html.substr(i)).find("</script");
      const std::size_t stop = end == std::string::npos ? html.size() : i + end;
      findings.push_back("<script> element: " + tag.raw +
                         std::string(html.substr(i, std::min<std::size_t>(stop - i, 80))));
      i = stop;
    }
    if (tag.name == "link" && attribute("rel").find("stylesheet") != std::string::npos) {
      findings.push_back("<link rel=stylesheet>: " + tag.raw);
    }
    if (tag.name == "base") findings.push_back("<base> element: " + tag.raw);
    if (tag.name == "meta" && attribute("http-equiv") == "refresh") {
      findings.push_back("<meta http-equiv=refresh>: " + tag.raw);
    }
    if (tag.name == "style") {
      const std::size_t end = lower(html.substr(i)).find("</style");
      const std::size_t stop = end == std::string::npos ? html.size() : i + end;
      check_css(html.substr(i, stop - i), "<style>", findings);
      i = stop;
    }
  }
  return findings;
}

// The #fragment links whose target no element's id names.
inline std::vector<std::string> dangling_fragments(std::string_view html) {
  using namespace html_check_detail;
  std::set<std::string> ids;
  std::vector<std::string> targets;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '<' || html.substr(i).starts_with("<!")) {
      ++i;
      continue;
    }
    Tag tag;
    i = parse_tag(html, i, tag);
    for (const auto& [attr, value] : tag.attributes) {
      if (attr == "id") ids.insert(value);
      if ((attr == "href" || attr == "xlink:href") && value.starts_with("#")) {
        targets.push_back(value.substr(1));
      }
    }
  }
  std::vector<std::string> dangling;
  for (const std::string& t : targets) {
    if (!ids.contains(t)) dangling.push_back("#" + t);
  }
  return dangling;
}

}  // namespace basis::testing
