// RuleValue: construction, truthiness and the language's equality.

#include "basis/engine/rules.hpp"

namespace basis {

RuleValue RuleValue::loop(std::size_t index0, std::size_t length) {
  RuleValue v;
  v.kind_ = Kind::loop;
  v.index_ = static_cast<std::uint32_t>(index0);
  v.raw_ = static_cast<Decimal::Raw>(length);
  return v;
}

RuleValue RuleValue::error() {
  RuleValue v;
  v.kind_ = Kind::error;
  return v;
}

std::optional<Decimal> RuleValue::number_or_null() const {
  if (kind_ != Kind::number) return std::nullopt;
  return as_number();
}

bool operator==(const RuleValue& a, const RuleValue& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case RuleValue::Kind::null:
      return true;
    case RuleValue::Kind::error:
      return false;
    case RuleValue::Kind::boolean:
      return a.flag_ == b.flag_;
    case RuleValue::Kind::number:
      return a.raw_ == b.raw_;
    case RuleValue::Kind::text:
      return a.as_text() == b.as_text();
    case RuleValue::Kind::list: {
      if (a.list_.size != b.list_.size) return false;
      for (std::size_t i = 0; i < a.list_.size; ++i) {
        if (!(a.list_.data[i] == b.list_.data[i])) return false;
      }
      return true;
    }
    case RuleValue::Kind::item:
    case RuleValue::Kind::record:
      return a.sub_ == b.sub_ && a.index_ == b.index_;
    case RuleValue::Kind::group:
      return a.index_ == b.index_;
    case RuleValue::Kind::loop:
      return a.index_ == b.index_ && a.raw_ == b.raw_;
    case RuleValue::Kind::map:
      return a.map_ == b.map_;
  }
  return false;
}

std::string_view outcome_name(RuleOutcome outcome) {
  switch (outcome) {
    case RuleOutcome::not_fired:
      return "not fired";
    case RuleOutcome::fired:
      return "fired";
    case RuleOutcome::suppressed:
      return "suppressed";
  }
  return "not fired";
}

}  // namespace basis
