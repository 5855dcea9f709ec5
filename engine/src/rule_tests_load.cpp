// Reading rule test files: the shape of `tests:` checked key by key, every problem reported
// with its place, expected values kept as written.

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "basis/engine/rule_tests.hpp"
#include "basis/parser/document.hpp"

namespace basis {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 7> kTestKeys = {"name",  "estimate", "rules", "set",
                                                       "style", "previous", "expect"};
constexpr std::array<std::string_view, 6> kExpectKeys = {"fires",   "suppressed",    "not_fires",
                                                         "metrics", "text_contains", "total"};
// Bounds the conversion of `set` values when YAML aliases repeat nodes.
constexpr std::size_t kMaxValueNodes = 100'000;

std::string_view kind_name(const Node& node) {
  switch (node.kind) {
    case NodeKind::scalar:
      return "a single value";
    case NodeKind::sequence:
      return "a list";
    case NodeKind::map:
      return "a map";
  }
  return "a value";
}

bool is_plain(const Node& node) {
  return node.style == ScalarStyle::yaml_plain;
}

bool is_null_text(std::string_view t) {
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}
std::optional<bool> boolean_text(std::string_view t) {
  if (t == "true" || t == "True" || t == "TRUE") return true;
  if (t == "false" || t == "False" || t == "FALSE") return false;
  return std::nullopt;
}

class TestReader {
 public:
  TestReader(const Document& doc, const SourceRef& source, Diagnostics& diags)
      : doc_(doc), source_(source), diags_(diags) {}

  const Node& node(NodeId id) const { return doc_.node(id); }

  void error(NodeId id, std::string message) {
    const Node& n = node(id);
    const auto length =
        n.is_scalar() ? static_cast<std::uint32_t>(std::max<std::size_t>(1, n.text.size())) : 1;
    diags_.error(source_, n.pos, std::move(message), length);
  }

  // A scalar's text, or an error that names the field.
  std::optional<std::string> text(NodeId id, std::string_view field) {
    if (!node(id).is_scalar() || (is_plain(node(id)) && is_null_text(node(id).text))) {
      error(id, fmt::format("'{}' must be a text, not {}", field,
                            node(id).is_scalar() ? "empty" : kind_name(node(id))));
      return std::nullopt;
    }
    return node(id).text;
  }

  // A list of texts; a single text is a list of one.
  std::vector<TestText> texts(NodeId id, std::string_view field) {
    std::vector<TestText> out;
    std::vector<NodeId> elements;
    if (node(id).is_sequence()) {
      elements = node(id).children;
    } else if (node(id).is_scalar() && !(is_plain(node(id)) && is_null_text(node(id).text))) {
      elements.push_back(id);
    } else if (!node(id).is_scalar()) {
      error(id, fmt::format("'{}' must be a list of texts, not {}", field, kind_name(node(id))));
    }
    for (NodeId e : elements) {
      if (auto t = text(e, field)) out.push_back({*t, node(e).pos});
    }
    return out;
  }

  // The keys of a map, each checked against `known`: an unknown key is an error at the key.
  std::vector<std::pair<NodeId, NodeId>> entries(NodeId map,
                                                 std::span<const std::string_view> known,
                                                 std::string_view what) {
    std::vector<std::pair<NodeId, NodeId>> out;
    for (std::size_t i = 0; i < doc_.map_size(map); ++i) {
      const NodeId key = doc_.map_key(map, i);
      const std::string& name = node(key).text;
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        error(key, fmt::format("unknown {} key '{}'{} (known keys: {})", what, name,
                               did_you_mean(name, known), list));
        continue;
      }
      out.emplace_back(key, doc_.map_value(map, i));
    }
    return out;
  }

  std::optional<Value> value(NodeId id, std::size_t& budget) {
    if (budget == 0) {
      error(id, "the value is too large");
      return std::nullopt;
    }
    --budget;
    const Node& n = node(id);
    Value v;
    v.pos = n.pos;
    if (n.is_scalar()) {
      if (!is_plain(n)) {
        v.kind = Value::Kind::text;
        v.text = n.text;
      } else if (is_null_text(n.text)) {
        v.kind = Value::Kind::null;
      } else if (auto b = boolean_text(n.text)) {
        v.kind = Value::Kind::boolean;
        v.boolean = *b;
      } else if (auto d = Decimal::parse(n.text)) {
        v.kind = Value::Kind::number;
        v.number = *d;
        v.text = n.text;
      } else {
        v.kind = Value::Kind::text;
        v.text = n.text;
      }
      return v;
    }
    if (n.is_sequence()) {
      v.kind = Value::Kind::list;
      for (NodeId c : n.children) {
        auto e = value(c, budget);
        if (!e) return std::nullopt;
        v.list.push_back(std::move(*e));
      }
      return v;
    }
    v.kind = Value::Kind::map;
    for (std::size_t i = 0; i < doc_.map_size(id); ++i) {
      auto e = value(doc_.map_value(id, i), budget);
      if (!e) return std::nullopt;
      v.map.emplace_back(node(doc_.map_key(id, i)).text, std::move(*e));
    }
    return v;
  }

  std::optional<ExpectedMetric> metric(NodeId key, NodeId value) {
    ExpectedMetric m;
    m.name = node(key).text;
    m.name_pos = node(key).pos;
    const Node& n = node(value);
    m.pos = n.pos;
    m.written = n.text;
    if (!n.is_scalar()) {
      error(value, fmt::format("the expected value of metric '{}' must be a number, true, false "
                               "or a quoted text, not {}",
                               m.name, kind_name(n)));
      return std::nullopt;
    }
    if (!is_plain(n)) {
      m.kind = ExpectedMetric::Kind::text;
      return m;
    }
    if (is_null_text(n.text)) {
      m.kind = ExpectedMetric::Kind::null;
      m.written = "null";
      return m;
    }
    if (auto b = boolean_text(n.text)) {
      m.kind = ExpectedMetric::Kind::boolean;
      m.boolean = *b;
      return m;
    }
    if (auto number = expected_number(n.text)) {
      m.number = number->first;
      m.places = number->second;
      return m;
    }
    error(value, fmt::format("the expected value of metric '{}' is not a number: '{}' (write "
                             "0.286, 28.6%, true, false or a quoted text)",
                             m.name, n.text));
    return std::nullopt;
  }

  // "0.286" -> (0.286, 3); "28.6%" -> (0.286, 3); "1450" -> (1450, 0).
  static std::optional<std::pair<Decimal, int>> expected_number(std::string_view text) {
    const bool percent = !text.empty() && text.back() == '%';
    if (percent) text.remove_suffix(1);
    if (text.find_first_of("eE") != std::string_view::npos) {
      auto d = Decimal::parse(text);
      if (!d) return std::nullopt;
      if (percent) d = div(*d, Decimal::from_int(100));
      if (!d) return std::nullopt;
      return std::pair{*d, d->places()};
    }
    auto d = Decimal::parse(text);
    if (!d) return std::nullopt;
    const auto dot = text.find('.');
    int places = dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    if (percent) {
      d = div(*d, Decimal::from_int(100));
      if (!d) return std::nullopt;
      places += 2;
    }
    return std::pair{*d, std::min(places, Decimal::kPlaces)};
  }

 private:
  const Document& doc_;
  const SourceRef& source_;
  Diagnostics& diags_;
};

std::string resolve(const SourceRef& source, const std::string& path) {
  return (fs::path(source->path()).parent_path() / path).lexically_normal().generic_string();
}

void read_expect(TestReader& r, const Document& doc, NodeId expect, RuleTestCase& test) {
  if (!r.node(expect).is_map()) {
    if (!(r.node(expect).is_scalar() && is_null_text(r.node(expect).text))) {
      r.error(expect, fmt::format("'expect' must be a map (fires, suppressed, not_fires, metrics, "
                                  "text_contains, total), not {}",
                                  kind_name(r.node(expect))));
    }
    return;
  }
  for (auto [key, value] : r.entries(expect, kExpectKeys, "expect")) {
    const std::string& k = r.node(key).text;
    if (k == "fires") {
      test.fires = r.texts(value, k);
    } else if (k == "suppressed") {
      test.suppressed = r.texts(value, k);
    } else if (k == "not_fires") {
      test.not_fires = r.texts(value, k);
    } else if (k == "text_contains") {
      test.text_contains = r.texts(value, k);
    } else if (k == "metrics") {
      if (!r.node(value).is_map()) {
        r.error(value, fmt::format("'metrics' must be a map of metric names to expected values, "
                                   "not {}",
                                   kind_name(r.node(value))));
        continue;
      }
      for (std::size_t i = 0; i < doc.map_size(value); ++i) {
        if (auto m = r.metric(doc.map_key(value, i), doc.map_value(value, i))) {
          test.metrics.push_back(std::move(*m));
        }
      }
    } else if (k == "total") {
      const Node& n = r.node(value);
      std::optional<Decimal> d;
      if (n.is_scalar()) d = Decimal::parse(n.text);
      if (!d) {
        r.error(value, fmt::format("'total' must be a number written without grouping, such as "
                                   "214830.40{}",
                                   n.is_scalar() ? ", not '" + n.text + "'" : ""));
        continue;
      }
      test.total = TestText{n.text, n.pos};
      test.total_value = *d;
    }
  }
}

std::optional<RuleTestCase> read_test(TestReader& r, const Document& doc, NodeId id,
                                      const SourceRef& source, Diagnostics& diags) {
  RuleTestCase test;
  test.file = source;
  test.pos = r.node(id).pos;
  if (!r.node(id).is_map()) {
    r.error(id, fmt::format("each test must be a map with name, estimate, rules and expect, not {}",
                            kind_name(r.node(id))));
    return std::nullopt;
  }
  const std::size_t errors_before = diags.error_count();
  bool has_name = false, has_estimate = false, has_rules = false;
  for (auto [key, value] : r.entries(id, kTestKeys, "test")) {
    const std::string& k = r.node(key).text;
    if (k == "name") {
      has_name = true;
      if (auto t = r.text(value, k)) test.name = *t;
    } else if (k == "estimate") {
      has_estimate = true;
      if (auto t = r.text(value, k)) test.estimate = {resolve(source, *t), r.node(value).pos};
    } else if (k == "previous") {
      if (auto t = r.text(value, k))
        test.previous = TestText{resolve(source, *t), r.node(value).pos};
    } else if (k == "rules") {
      has_rules = true;
      for (TestText& t : r.texts(value, k)) test.rules.push_back({resolve(source, t.text), t.pos});
      if (test.rules.empty() && r.node(value).is_sequence()) {
        r.error(value, "'rules' names no rule file");
      }
    } else if (k == "style") {
      if (auto t = r.text(value, k)) {
        test.style = parse_style(*t);
        test.style_pos = r.node(value).pos;
        if (!test.style) {
          r.error(value, fmt::format("unknown style '{}'{} (styles: driver, analytical, "
                                     "amiable, expressive, internal)",
                                     *t, did_you_mean(*t, style_names())));
        }
      }
    } else if (k == "set") {
      if (!r.node(value).is_map()) {
        r.error(value, fmt::format("'set' must be a map of paths to values, such as "
                                   "{{estimate.client.industry: finance}}, not {}",
                                   kind_name(r.node(value))));
        continue;
      }
      for (std::size_t i = 0; i < doc.map_size(value); ++i) {
        const NodeId k2 = doc.map_key(value, i);
        std::size_t budget = kMaxValueNodes;
        auto v = r.value(doc.map_value(value, i), budget);
        if (!v) continue;
        test.set.push_back({r.node(k2).text, r.node(k2).pos, std::move(*v)});
      }
    } else if (k == "expect") {
      read_expect(r, doc, value, test);
    }
  }
  if (!has_name) r.error(id, "a test needs a 'name'");
  if (!has_estimate) r.error(id, "a test needs an 'estimate' (a path relative to the test file)");
  if (!has_rules)
    r.error(id, "a test needs 'rules' (a path or a list of paths relative to the test file)");
  // The overrides are checked now, on an empty estimate, so that a bad path is reported
  // with the other problems of the file rather than when the test runs.
  EstimateSyntax dry_run;
  apply_overrides(dry_run, test.set, source, diags);
  if (diags.error_count() != errors_before) return std::nullopt;
  return test;
}

}  // namespace

std::optional<RuleTestFile> load_rule_tests_text(const SourceRef& source, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  std::optional<Document> doc = load_yaml(source, diags);
  if (!doc) return std::nullopt;
  RuleTestFile out;
  out.source = source;
  TestReader r(*doc, source, diags);
  if (doc->root == kNoNode) {
    diags.error(source, SourcePos{1, 1},
                "the test file is empty: write 'tests:' and a list of tests");
    return std::nullopt;
  }
  if (!r.node(doc->root).is_map()) {
    r.error(doc->root, fmt::format("a test file must be a map with 'tests:', not {}",
                                   kind_name(r.node(doc->root))));
    return std::nullopt;
  }
  constexpr std::array<std::string_view, 1> kTop = {"tests"};
  NodeId tests = kNoNode;
  for (auto [key, value] : r.entries(doc->root, kTop, "test file")) tests = value;
  if (tests == kNoNode) {
    if (diags.error_count() == errors_before) {
      diags.error(source, r.node(doc->root).pos, "a test file needs 'tests:', a list of tests");
    }
    return std::nullopt;
  }
  if (!r.node(tests).is_sequence()) {
    r.error(tests,
            fmt::format("'tests' must be a list of tests, not {}", kind_name(r.node(tests))));
    return std::nullopt;
  }
  if (r.node(tests).children.empty()) r.error(tests, "'tests' holds no test");
  for (NodeId t : r.node(tests).children) {
    if (auto test = read_test(r, *doc, t, source, diags)) out.tests.push_back(std::move(*test));
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return out;
}

std::optional<RuleTestFile> load_rule_tests(const std::string& path, Diagnostics& diags) {
  std::string error;
  SourceRef source = read_source(path, error);
  if (!source) {
    diags.file_error(path, error);
    return std::nullopt;
  }
  return load_rule_tests_text(source, diags);
}

std::optional<std::vector<std::string>> find_rule_test_files(const std::string& path,
                                                             Diagnostics& diags) {
  std::error_code ec;
  const fs::path root(path.empty() ? "." : path);
  const fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    diags.file_error(root.generic_string(), "no such file or directory");
    return std::nullopt;
  }
  if (!fs::is_directory(status)) return std::vector<std::string>{root.generic_string()};
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  const fs::recursive_directory_iterator end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
      continue;
    }
    constexpr std::string_view kSuffix = ".test.yaml";
    if (name.size() > kSuffix.size() &&
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0 &&
        it->is_regular_file(type_ec)) {
      std::string p = it->path().generic_string();
      if (p.rfind("./", 0) == 0 && path.empty()) p.erase(0, 2);
      files.push_back(std::move(p));
    }
  }
  if (ec) {
    diags.file_error(root.generic_string(), "cannot list the directory: " + ec.message());
    return std::nullopt;
  }
  if (files.empty()) {
    diags.file_error(root.generic_string(), "no rule tests here (files named *.test.yaml)");
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace basis
