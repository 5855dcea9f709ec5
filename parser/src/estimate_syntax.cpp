#include "basis/parser/estimate_syntax.hpp"

namespace basis {

const Value* ItemSyntax::attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return &v;
  }
  return nullptr;
}

const RateSyntax* EstimateHeaderSyntax::find_rate(std::string_view name) const {
  for (const RateSyntax& rate : rates) {
    if (rate.name == name) return &rate;
  }
  return nullptr;
}

Decimal EstimateHeaderSyntax::rounding_step() const {
  if (rounding) return *rounding;
  const int places = currency ? currency->minor_unit : 2;
  Decimal step = Decimal::from_int(1);
  for (int i = 0; i < places; ++i) step = *div(step, Decimal::from_int(10));
  return step;
}

}  // namespace basis
