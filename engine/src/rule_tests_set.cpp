// `set:` overrides of rule tests: the estimate edited as written (its syntax) before it is
// computed, so that an override behaves exactly as if the file said it.

#include <array>

#include <fmt/format.h>

#include "basis/engine/rule_tests.hpp"

namespace basis {

namespace {

constexpr std::string_view kSupported =
    "estimate.class, estimate.domain, estimate.title, estimate.id, estimate.date, "
    "estimate.version, estimate.client.<field>, estimate.project.<field>, "
    "estimate.internal.<field>";

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

std::string_view value_kind(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null:
      return "null";
    case Value::Kind::boolean:
      return "true or false";
    case Value::Kind::number:
      return "a number";
    case Value::Kind::text:
      return "a text";
    case Value::Kind::list:
      return "a list";
    case Value::Kind::map:
      return "a map";
  }
  return "a value";
}

class Overrider {
 public:
  Overrider(EstimateSyntax& estimate, const SourceRef& file, Diagnostics& diags)
      : estimate_(estimate), file_(file), diags_(diags) {}

  void apply(const TestOverride& o) {
    const std::vector<std::string> parts = split(o.path);
    for (const std::string& p : parts) {
      if (p.empty()) return bad_path(o, "has an empty part");
    }
    if (parts.size() < 2 || parts[0] != "estimate") return bad_path(o, "");
    const std::string& field = parts[1];
    if (field == "client" || field == "project" || field == "internal") {
      Value& root = field == "client"    ? estimate_.client
                    : field == "project" ? estimate_.project
                                         : estimate_.internal;
      if (field == "client" && parts.size() == 3 && parts[2] == "style" && !check_style(o)) return;
      if (parts.size() == 2 && !o.value.is_null() && o.value.kind != Value::Kind::map) {
        return bad_value(o, "a map");
      }
      return set_in_map(root, parts, 2, o);
    }
    if (parts.size() != 2) return bad_path(o, "");
    if (field == "class") return set_class(o);
    if (field == "domain" || field == "title" || field == "id" || field == "date") {
      if (o.value.kind != Value::Kind::text && o.value.kind != Value::Kind::number) {
        return bad_value(o, "a text");
      }
      const std::string text = o.value.text;
      if (field == "domain") estimate_.domain = text;
      if (field == "title") estimate_.title = text;
      if (field == "id") estimate_.id = text;
      if (field == "date") estimate_.date = text;
      return;
    }
    if (field == "version") {
      estimate_.version = o.value;
      return;
    }
    bad_path(o, "");
  }

 private:
  void bad_path(const TestOverride& o, std::string_view why) {
    diags_.error(file_, o.path_pos,
                 why.empty()
                     ? fmt::format("'set' cannot change '{}'; it can change {}", o.path, kSupported)
                     : fmt::format("the 'set' path '{}' {}", o.path, why),
                 static_cast<std::uint32_t>(std::max<std::size_t>(1, o.path.size())));
  }

  void bad_value(const TestOverride& o, std::string_view expected) {
    diags_.error(file_, o.value.pos,
                 fmt::format("'{}' must be {}, not {}", o.path, expected, value_kind(o.value)));
  }

  bool check_style(const TestOverride& o) {
    if (o.value.kind != Value::Kind::text) {
      bad_value(o, "a style");
      return false;
    }
    if (o.value.text == "internal") {
      diags_.error(file_, o.value.pos,
                   "'client.style: internal' cannot be a client's default; write 'style: "
                   "internal' in the test to check the negotiation brief");
      return false;
    }
    if (!parse_style(o.value.text)) {
      diags_.error(file_, o.value.pos,
                   fmt::format("unknown reader style '{}'{}", o.value.text,
                               did_you_mean(o.value.text, client_style_names())));
      return false;
    }
    return true;
  }

  void set_class(const TestOverride& o) {
    if (o.value.is_null()) {
      estimate_.estimate_class.reset();
      return;
    }
    const auto whole = o.value.kind == Value::Kind::number && o.value.number.is_integer()
                           ? o.value.number.to_int64()
                           : std::nullopt;
    if (!whole || *whole < 1 || *whole > 5) {
      diags_.error(
          file_, o.value.pos,
          fmt::format("'estimate.class' must be a whole number from 1 to 5{}",
                      o.value.kind == Value::Kind::text || o.value.kind == Value::Kind::number
                          ? ", not '" + o.value.text + "'"
                          : std::string()));
      return;
    }
    estimate_.estimate_class = static_cast<int>(*whole);
  }

  // Walks (creating maps as needed) to parts[from...] under `root` and puts the value there.
  void set_in_map(Value& root, const std::vector<std::string>& parts, std::size_t from,
                  const TestOverride& o) {
    Value* at = &root;
    for (std::size_t i = from; i < parts.size(); ++i) {
      if (at->is_null()) at->kind = Value::Kind::map;
      if (at->kind != Value::Kind::map) {
        std::string prefix = parts[0];
        for (std::size_t j = 1; j < i; ++j) prefix += "." + parts[j];
        diags_.error(file_, o.path_pos,
                     fmt::format("'set' cannot change '{}': '{}' is {}, not a map", o.path, prefix,
                                 value_kind(*at)),
                     static_cast<std::uint32_t>(o.path.size()));
        return;
      }
      Value* next = nullptr;
      for (auto& [key, v] : at->map) {
        if (key == parts[i]) next = &v;
      }
      if (next == nullptr) {
        at->map.emplace_back(parts[i], Value{});
        next = &at->map.back().second;
      }
      at = next;
    }
    *at = o.value;
  }

  EstimateSyntax& estimate_;
  const SourceRef& file_;
  Diagnostics& diags_;
};

}  // namespace

bool apply_overrides(EstimateSyntax& estimate, const std::vector<TestOverride>& overrides,
                     const SourceRef& file, Diagnostics& diags) {
  const std::size_t errors_before = diags.error_count();
  Overrider overrider(estimate, file, diags);
  for (const TestOverride& o : overrides) overrider.apply(o);
  return diags.error_count() == errors_before;
}

}  // namespace basis
