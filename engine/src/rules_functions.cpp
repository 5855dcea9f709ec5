// The built-in functions: aggregates over collections (streamed), numbers and texts.

#include <algorithm>

#include <fmt/format.h>

#include "rules_context.hpp"

namespace basis::detail {

namespace {

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

RuleValue EvalContext::aggregate(Fn fn, std::uint32_t arg, std::uint32_t id) {
  using K = RuleValue::Kind;
  switch (fn) {
    case Fn::sum:
    case Fn::avg: {
      Decimal total;
      std::size_t count = 0;
      bool failed = false;
      auto add_one = [&](const RuleValue& v) {
        if (v.kind() == K::error) {
          failed = true;
          return false;
        }
        if (v.kind() != K::number) return true;  // aggregates skip nulls
        auto next = add(total, v.as_number());
        if (!next) {
          failed = true;
          warn(id, fmt::format("overflow in {}: the sum is too large", owner_name()));
          return false;
        }
        total = *next;
        ++count;
        return true;
      };
      stream(arg, make_sink(add_one));
      if (failed) return RuleValue::error();
      if (fn == Fn::sum) return RuleValue::number(total);
      if (count == 0) return RuleValue::null();
      auto average = div(total, Decimal::from_int(static_cast<std::int64_t>(count)));
      return average ? RuleValue::number(*average) : RuleValue::error();
    }
    case Fn::count: {
      std::int64_t count = 0;
      auto count_one = [&](const RuleValue& v) {
        if (!v.is_null()) {
          ++count;
          if (contributors) note_contributor(v);
        }
        return true;
      };
      stream(arg, make_sink(count_one));
      return RuleValue::number(Decimal::from_int(count));
    }
    case Fn::exists: {
      bool found = false;
      auto find_one = [&](const RuleValue& v) {
        if (v.is_null()) return true;
        found = true;
        if (contributors) note_contributor(v);
        return false;
      };
      stream(arg, make_sink(find_one));
      return RuleValue::boolean(found);
    }
    case Fn::min:
    case Fn::max: {
      RuleValue best;
      auto pick = [&](const RuleValue& v) {
        if (v.kind() != K::number && v.kind() != K::text) return true;
        if (best.is_null()) {
          best = v;
          return true;
        }
        if (v.kind() != best.kind()) return true;
        const int c = compare_for_sort(v, best);
        if ((fn == Fn::min && c < 0) || (fn == Fn::max && c > 0)) best = v;
        return true;
      };
      stream(arg, make_sink(pick));
      return best;
    }
    default:
      return RuleValue::null();
  }
}

RuleValue EvalContext::call(const Node& n, std::uint32_t id) {
  using K = RuleValue::Kind;
  const auto args = program.children(n);
  const auto fn = static_cast<Fn>(n.aux);
  switch (fn) {
    case Fn::if_:
      return eval(args[0]).truthy() ? eval(args[1]) : eval(args[2]);
    case Fn::sum:
    case Fn::count:
    case Fn::avg:
    case Fn::exists:
      return aggregate(fn, args[0], id);
    case Fn::min:
    case Fn::max: {
      if (args.size() == 1) return aggregate(fn, args[0], id);
      const RuleValue a = eval(args[0]);
      const RuleValue b = eval(args[1]);
      if (a.kind() == K::error || b.kind() == K::error) return RuleValue::error();
      if (!a.is_number()) return b.is_number() ? b : RuleValue::null();
      if (!b.is_number()) return a;
      const bool a_first =
          fn == Fn::min ? a.as_number() <= b.as_number() : a.as_number() >= b.as_number();
      return a_first ? a : b;
    }
    case Fn::group: {
      const RuleValue list = eval(args[0]);
      const RuleValue field = eval(args[1]);
      if (!field.is_text()) return RuleValue::null();
      return make_groups(id, list, field.as_text());
    }
    case Fn::sort: {
      const RuleValue list = eval(args[0]);
      std::string_view field;
      bool descending = false;
      if (args.size() > 1) {
        const RuleValue f = eval(args[1]);
        if (!f.is_text()) return list;
        field = f.as_text();
      }
      if (args.size() > 2) {
        const RuleValue order = eval(args[2]);
        descending = order.is_text() && order.as_text() == "desc";
      }
      return sort_list(id, list, field, descending);
    }
    case Fn::take: {
      const RuleValue list = eval(args[0]);
      const RuleValue count = eval(args[1]);
      if (!list.is_list() || !count.is_number()) return list.is_list() ? list : RuleValue::null();
      const Decimal c = count.as_number().floor();
      if (c.sign() <= 0) return RuleValue::list({});
      const auto k = c.to_int64();
      const std::size_t take =
          std::min<std::size_t>(list.as_list().size(), k ? static_cast<std::size_t>(*k) : 0);
      return RuleValue::list(list.as_list().first(take));
    }
    case Fn::share: {
      const RuleValue part = eval(args[0]);
      const RuleValue whole = eval(args[1]);
      if (part.kind() == K::error || whole.kind() == K::error) return RuleValue::error();
      if (!part.is_number() || !whole.is_number() || whole.as_number().is_zero())
        return RuleValue::null();
      auto r = div(part.as_number(), whole.as_number());
      if (!r) {
        warn(id, fmt::format("overflow in {}: the share is too large", owner_name()));
        return RuleValue::error();
      }
      return RuleValue::number(*r);
    }
    case Fn::round: {
      const RuleValue x = eval(args[0]);
      int digits = 0;
      if (args.size() > 1) {
        const RuleValue d = eval(args[1]);
        if (!d.is_number() || !d.as_number().is_integer()) return RuleValue::null();
        const auto k = d.as_number().to_int64();
        if (!k) return RuleValue::null();
        digits = static_cast<int>(std::clamp<std::int64_t>(*k, -30, 30));
      }
      if (!x.is_number()) return x.kind() == K::error ? x : RuleValue::null();
      auto r = x.as_number().round(digits);
      if (!r) {
        warn(id, fmt::format("overflow in {}: the rounded value is too large", owner_name()));
        return RuleValue::error();
      }
      return RuleValue::number(*r);
    }
    case Fn::floor:
    case Fn::ceil:
    case Fn::abs: {
      const RuleValue x = eval(args[0]);
      if (!x.is_number()) return x.kind() == K::error ? x : RuleValue::null();
      const Decimal d = x.as_number();
      return RuleValue::number(fn == Fn::floor ? d.floor() : fn == Fn::ceil ? d.ceil() : d.abs());
    }
    case Fn::len: {
      const RuleValue x = eval(args[0]);
      std::size_t n = 0;
      switch (x.kind()) {
        case K::text:
          n = code_points(x.as_text());
          break;
        case K::list:
          n = x.as_list().size();
          break;
        case K::map:
          n = x.as_map()->map.size();
          break;
        default:
          return RuleValue::null();
      }
      return RuleValue::number(Decimal::from_int(static_cast<std::int64_t>(n)));
    }
    case Fn::lower:
    case Fn::upper: {
      const RuleValue x = eval(args[0]);
      if (!x.is_text()) return x.is_null() ? x : RuleValue::null();
      std::string s(x.as_text());
      for (char& c : s) {
        if (fn == Fn::lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (fn == Fn::upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      return make_text(std::move(s));
    }
    case Fn::contains: {
      const RuleValue haystack = eval(args[0]);
      const RuleValue needle = eval(args[1]);
      if (haystack.is_text() && needle.is_text()) {
        return RuleValue::boolean(haystack.as_text().find(needle.as_text()) !=
                                  std::string_view::npos);
      }
      if (haystack.is_list())
        return RuleValue::boolean(compare(BinaryOp::in, needle, haystack, id));
      return RuleValue::boolean(false);
    }
    case Fn::starts_with: {
      const RuleValue text = eval(args[0]);
      const RuleValue prefix = eval(args[1]);
      return RuleValue::boolean(text.is_text() && prefix.is_text() &&
                                text.as_text().starts_with(prefix.as_text()));
    }
  }
  return RuleValue::null();
}

}  // namespace basis::detail
