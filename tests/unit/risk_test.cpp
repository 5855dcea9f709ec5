// The risk simulation: the hand-written generator and samplers against known outputs and
// analytic moments, percentiles against closed-form quantiles, the floating-point path
// against the engine's exact totals, thread-count independence, and `basis risk` end to end.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "basis/core/source.hpp"
#include "basis/engine/estimate.hpp"
#include "basis/engine/risk.hpp"
#include "basis/engine/rules.hpp"
#include "basis/parser/estimate_syntax.hpp"
#include "basis/render/risk.hpp"

#include "cli_run_support.hpp"

namespace basis {
namespace {

namespace fs = std::filesystem;

constexpr int kDraws = 1'000'000;

Decimal d(const char* text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal());
}

std::string diagnostics_text(Diagnostics& diags) {
  diags.sort();
  return format_diagnostics(diags);
}

std::optional<Estimate> compute(std::optional<EstimateSyntax> syntax, Diagnostics& diags) {
  if (!syntax) return std::nullopt;
  return compute_estimate(std::move(*syntax), diags, make_applies_to_filter());
}

Estimate estimate_from(const std::string& yaml) {
  Diagnostics diags;
  auto source = std::make_shared<const SourceText>("risk-test.yaml", yaml);
  auto estimate = compute(load_estimate_text(source, "yaml", diags), diags);
  EXPECT_TRUE(estimate.has_value()) << diagnostics_text(diags);
  return estimate ? std::move(*estimate) : Estimate();
}

Estimate sample(const std::string& relative) {
  Diagnostics diags;
  const std::string path = std::string(BASIS_SOURCE_DIR) + "/samples/" + relative;
  auto estimate = compute(load_estimate(path, diags), diags);
  EXPECT_TRUE(estimate.has_value()) << diagnostics_text(diags);
  return estimate ? std::move(*estimate) : Estimate();
}

RiskSummary simulate(const Estimate& estimate, std::uint64_t iterations, std::uint64_t seed = 1,
                     unsigned threads = 1) {
  RiskSettings settings;
  settings.iterations = iterations;
  settings.seed = seed;
  settings.threads = threads;
  Diagnostics diags;
  auto summary = simulate_risk(estimate, settings, diags);
  EXPECT_TRUE(summary.has_value()) << diagnostics_text(diags);
  return summary ? std::move(*summary) : RiskSummary();
}

struct Moments {
  double mean = 0, variance = 0;
};

template <typename Draw>
Moments moments(Draw draw, int n = kDraws) {
  // Welford's update: no cancellation in the variance of a million draws.
  double mean = 0, m2 = 0;
  for (int i = 1; i <= n; ++i) {
    const double x = draw();
    const double delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
  }
  return {mean, m2 / (n - 1)};
}

// Standard error of the mean is sd / 1000 over a million draws: 5 of them is the tolerance.
void expect_moments(const Moments& got, double mean, double variance) {
  const double sd = std::sqrt(variance);
  EXPECT_NEAR(got.mean, mean, 5 * sd / std::sqrt(double(kDraws)));
  EXPECT_NEAR(got.variance, variance, 0.01 * variance);
}

double phi(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// --- generator ------------------------------------------------------------------------

TEST(RiskRandom, XoshiroMatchesTheReferenceImplementation) {
  // xoshiro256** from state {1, 2, 3, 4}: the first outputs of Vigna's reference code.
  risk::RandomStream rng({1, 2, 3, 4});
  EXPECT_EQ(rng.next(), 11520u);
  EXPECT_EQ(rng.next(), 0u);
  EXPECT_EQ(rng.next(), 1509978240u);
  EXPECT_EQ(rng.next(), 1215971899390074240u);
}

TEST(RiskRandom, SplitMixMatchesTheReferenceImplementation) {
  std::uint64_t state = 0;
  EXPECT_EQ(risk::splitmix64(state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(risk::splitmix64(state), 0x6E789E6AA1B965F4ULL);
}

TEST(RiskRandom, BlocksAndSeedsGiveDifferentStreams) {
  auto first = [](std::uint64_t seed, std::uint64_t block) {
    return risk::RandomStream::for_block(seed, block).next();
  };
  EXPECT_EQ(first(1, 0), first(1, 0));
  EXPECT_NE(first(1, 0), first(1, 1));
  EXPECT_NE(first(1, 0), first(2, 0));
  EXPECT_NE(first(0, 1), first(1, 0));
}

TEST(RiskRandom, UniformsStayInTheirIntervals) {
  risk::RandomStream rng({0, 0, 0, 0});  // the forbidden state is replaced, not kept
  double low = 1, high = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.uniform();
    const double v = rng.uniform_open();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ASSERT_GT(v, 0.0);
    ASSERT_LE(v, 1.0);
    low = std::min(low, u);
    high = std::max(high, u);
  }
  EXPECT_LT(low, 0.001);
  EXPECT_GT(high, 0.999);
}

TEST(RiskMath, ExpAndLogAgreeWithTheLibraryToTheLastBits) {
  EXPECT_EQ(risk::exp(0.0), 1.0);
  EXPECT_EQ(risk::log(1.0), 0.0);
  EXPECT_TRUE(std::isinf(risk::log(0.0)));
  EXPECT_TRUE(std::isnan(risk::log(-1.0)));
  for (double x = -700; x <= 700; x += 0.37) {
    const double want = std::exp(x);
    EXPECT_NEAR(risk::exp(x), want, 4e-16 * want) << x;
  }
  for (double x = 1e-300; x < 1e300; x *= 1.7) {
    const double want = std::log(x);
    EXPECT_NEAR(risk::log(x), want, 4e-16 * std::max(1.0, std::abs(want))) << x;
  }
  EXPECT_NEAR(risk::log(4.9e-324), std::log(4.9e-324), 1e-12);  // subnormal
}

// --- samplers -------------------------------------------------------------------------

TEST(RiskSamplers, NormalHasTheStandardMomentsAndDistribution) {
  risk::RandomStream rng = risk::RandomStream::for_block(7, 0);
  std::vector<double> z(kDraws);
  for (double& x : z) x = risk::standard_normal(rng);
  const Moments m = moments([&, i = 0]() mutable { return z[i++]; });
  EXPECT_NEAR(m.mean, 0.0, 0.005);
  EXPECT_NEAR(m.variance, 1.0, 0.006);
  std::sort(z.begin(), z.end());
  // The distribution function at points across the body, the layer edges and the tail.
  for (double point : {-3.5, -2.5, -1.5, -1.0, -0.3, 0.0, 0.7, 1.2, 2.0, 3.0, 3.4426, 3.8}) {
    const double p = phi(point);
    const double got =
        double(std::upper_bound(z.begin(), z.end(), point) - z.begin()) / double(kDraws);
    EXPECT_NEAR(got, p, 5 * std::sqrt(p * (1 - p) / kDraws) + 1e-6) << point;
  }
}

TEST(RiskSamplers, GammaHasMeanAndVarianceEqualToItsShape) {
  for (double shape : {1.0, 1.6, 2.5, 5.0}) {
    risk::RandomStream rng = risk::RandomStream::for_block(3, 1);
    expect_moments(moments([&] { return risk::gamma(rng, shape); }), shape, shape);
  }
}

TEST(RiskSamplers, BetaHasItsAnalyticMoments) {
  risk::RandomStream rng = risk::RandomStream::for_block(4, 2);
  const double a = 2, b = 3;
  expect_moments(moments([&] { return risk::beta(rng, a, b); }), a / (a + b),
                 a * b / ((a + b) * (a + b) * (a + b + 1)));
}

TEST(RiskSamplers, PertHasMeanAndVarianceOfThePertFormulas) {
  struct Case {
    double low, likely, high;
  };
  for (Case c : {Case{10, 20, 60}, Case{0, 0, 1}, Case{100, 180, 200}, Case{-50, 0, 50},
                 Case{120, 160, 241}}) {
    risk::RandomStream rng = risk::RandomStream::for_block(11, 5);
    const double mean = (c.low + 4 * c.likely + c.high) / 6;
    const double variance = (mean - c.low) * (c.high - mean) / 7;
    const Moments m = moments([&] { return risk::pert(rng, c.low, c.likely, c.high); });
    SCOPED_TRACE(testing::Message() << c.low << " " << c.likely << " " << c.high);
    expect_moments(m, mean, variance);
  }
}

TEST(RiskSamplers, PertStaysWithinItsRange) {
  risk::RandomStream rng = risk::RandomStream::for_block(1, 0);
  for (int i = 0; i < 200000; ++i) {
    const double x = risk::pert(rng, 300, 340, 460);
    ASSERT_GE(x, 300.0);
    ASSERT_LE(x, 460.0);
  }
}

TEST(RiskSamplers, TriangularHasMeanAndVarianceOfTheTriangularFormulas) {
  struct Case {
    double a, m, b;
  };
  for (Case c : {Case{10, 20, 60}, Case{0, 0, 1}, Case{0, 1, 1}, Case{200, 340, 460}}) {
    risk::RandomStream rng = risk::RandomStream::for_block(12, 6);
    const double mean = (c.a + c.m + c.b) / 3;
    const double variance =
        (c.a * c.a + c.b * c.b + c.m * c.m - c.a * c.b - c.a * c.m - c.b * c.m) / 18;
    const Moments m = moments([&] { return risk::triangular(rng, c.a, c.m, c.b); });
    SCOPED_TRACE(testing::Message() << c.a << " " << c.m << " " << c.b);
    expect_moments(m, mean, variance);
  }
}

TEST(RiskSamplers, DegenerateRangesGiveTheirValue) {
  risk::RandomStream rng = risk::RandomStream::for_block(1, 0);
  EXPECT_EQ(risk::pert(rng, 5, 5, 5), 5.0);
  EXPECT_EQ(risk::triangular(rng, 5, 5, 5), 5.0);
}

// --- percentiles ----------------------------------------------------------------------

TEST(RiskPercentiles, NearestRankByHand) {
  EXPECT_EQ(nearest_rank(10, 10), 1u);
  EXPECT_EQ(nearest_rank(10, 50), 5u);
  EXPECT_EQ(nearest_rank(10, 80), 8u);
  EXPECT_EQ(nearest_rank(10, 90), 9u);
  EXPECT_EQ(nearest_rank(3, 10), 1u);
  EXPECT_EQ(nearest_rank(3, 50), 2u);
  EXPECT_EQ(nearest_rank(3, 80), 3u);
  EXPECT_EQ(nearest_rank(1, 90), 1u);
  EXPECT_EQ(nearest_rank(200, 50), 100u);
  EXPECT_EQ(nearest_rank(201, 50), 101u);
  EXPECT_EQ(nearest_rank(10'000'000, 90), 9'000'000u);
}

std::string one_range(const std::string& method, int low, int likely, int high) {
  return fmt::format(
      "id: ONE\nthree_point: {}\nitems:\n  - id: A\n    name: one uncertain amount\n"
      "    amount: {{low: {}, likely: {}, high: {}}}\n",
      method, low, likely, high);
}

void expect_quantiles(const RiskSummary& summary, double range,
                      const std::function<double(double)>& quantile) {
  for (const RiskPercentile& p : summary.percentiles) {
    const double want = range * quantile(p.percent / 100.0);
    EXPECT_NEAR(p.total.to_double(), want, 0.004 * range) << "P" << p.percent;
  }
}

TEST(RiskPercentiles, PertWithTheMostLikelyAtTheLowEndFollowsBetaOneFive) {
  // PERT(0, 0, 100000) is 100000 x Beta(1, 5), whose quantile is 1 - (1 - q)^(1/5).
  const Estimate e = estimate_from(one_range("pert", 0, 0, 100000));
  const RiskSummary s = simulate(e, 200'000, 1, 2);
  expect_quantiles(s, 100000, [](double q) { return 1 - std::pow(1 - q, 0.2); });
}

TEST(RiskPercentiles, TriangularFollowsItsClosedFormQuantiles) {
  const Estimate skewed = estimate_from(one_range("triangular", 0, 0, 100000));
  expect_quantiles(simulate(skewed, 200'000, 3, 2), 100000,
                   [](double q) { return 1 - std::sqrt(1 - q); });
  const Estimate symmetric = estimate_from(one_range("triangular", 0, 50000, 100000));
  expect_quantiles(simulate(symmetric, 200'000, 3, 2), 100000, [](double q) {
    return q < 0.5 ? std::sqrt(q / 2) : 1 - std::sqrt((1 - q) / 2);
  });
}

TEST(RiskPercentiles, ARiskAloneGivesTwoExactOutcomes) {
  const Estimate e = estimate_from(R"(id: R
items:
  - {id: A, name: fixed, amount: 1000}
risks:
  - {id: R1, title: it happens, probability: 30%, impact: 500}
)");
  const RiskSummary s = simulate(e, 100'000);
  EXPECT_EQ(s.percentile(10)->total, d("1000"));
  EXPECT_EQ(s.percentile(50)->total, d("1000"));
  EXPECT_EQ(s.percentile(80)->total, d("1500"));
  EXPECT_EQ(s.percentile(90)->total, d("1500"));
  EXPECT_EQ(s.percentile(90)->contingency, d("500"));
  EXPECT_EQ(s.percentile(90)->contingency_tenths, 500);
  EXPECT_EQ(s.minimum, d("1000"));
  EXPECT_EQ(s.maximum, d("1500"));
  // Mean 1000 + 30% x 500; the standard error over 100,000 iterations is 0.72.
  EXPECT_NEAR(s.mean.to_double(), 1150, 4);
  EXPECT_EQ(s.expected_risk_cost, d("150"));
  ASSERT_EQ(s.risks.size(), 1u);
  EXPECT_EQ(s.risks[0].expected_value, d("150"));
  // No contingency: the estimate's total is the base, which covers only the iterations
  // without the risk.
  EXPECT_FALSE(s.contingency_reaches_p80);
  EXPECT_EQ(s.p80_margin, d("-500"));
  EXPECT_NEAR(double(s.estimate_total_confidence_tenths), 700, 7);
}

// --- the floating-point path against the engine ---------------------------------------

std::string many_items_estimate(int items) {
  std::string text = R"(id: MANY
currency: USD
rates: {engineer: 97.35, senior: 142.8}
items:
)";
  std::uint64_t state = 42;
  for (int i = 0; i < items; ++i) {
    const std::uint64_t r = risk::splitmix64(state);
    const unsigned likely = 20 + static_cast<unsigned>(r % 200);
    const unsigned low = likely - static_cast<unsigned>((r >> 16) % (likely / 2 + 1));
    const unsigned high = likely + static_cast<unsigned>((r >> 32) % (likely + 1));
    const char* category = (r >> 48) % 3 == 0 ? "materials" : "labour";
    if ((r >> 40) % 4 == 0) {
      text += fmt::format(
          "  - {{id: Q{0}, name: q{0}, category: {1}, quantity: {{low: {2}.25, likely: {3}.5, "
          "high: {4}.75}}, unit_cost: 13.37}}\n",
          i, category, low, likely, high);
    } else {
      text += fmt::format(
          "  - {{id: H{0}, name: h{0}, category: {1}, hours: {{low: {2}.25, likely: {3}.5, high: "
          "{4}.75}}, rate: {5}}}\n",
          i, category, low, likely, high, (r >> 44) % 2 ? "engineer" : "senior");
    }
  }
  text += R"(  - {id: FIX, name: fixed, category: materials, amount: 1234.56}
adjustments:
  - {id: overhead, kind: overhead, percent: 7.5%}
  - {id: escalation, kind: escalation, percent: 3.5%, applies_to: category == "materials"}
  - {id: contingency, kind: contingency, percent: 12%, base: subtotal}
  - {id: fee, kind: fee, percent: 4.25%, base: subtotal}
  - {id: discount, kind: discount, amount: -2500}
  - {id: tax, kind: tax, percent: 8.875%, base: subtotal}
)";
  return text;
}

// With the engine's item amounts the adjustments must give the engine's totals exactly; with
// amounts formed in doubles, within a cent unless an amount sits exactly on half a cent.
RiskExpectedTotals expect_float_path_matches(const Estimate& e, bool ties_expected = false) {
  Diagnostics diags;
  auto expected = risk_totals_at_expected_values(e, diags);
  EXPECT_TRUE(expected.has_value()) << diagnostics_text(diags);
  auto base = total_without_contingency(e, diags);
  EXPECT_TRUE(base.has_value()) << diagnostics_text(diags);
  if (!expected || !base) return {};
  EXPECT_NEAR(expected->total_from_engine_amounts, e.totals.total.to_double(), 1e-6) << e.id();
  EXPECT_NEAR(expected->base_from_engine_amounts, base->to_double(), 1e-6) << e.id();
  EXPECT_EQ(expected->items_off_by_more, 0u);
  if (!ties_expected) {
    EXPECT_EQ(expected->items_off_by_a_step, 0u) << e.id();
    EXPECT_NEAR(expected->total, e.totals.total.to_double(), 0.01) << e.id();
    EXPECT_NEAR(expected->base, base->to_double(), 0.01) << e.id();
  }
  return *expected;
}

TEST(RiskFloatPath, ReproducesTheEngineTotalsOnTheSamples) {
  for (const char* path : {"software/portal-v3.yaml", "software/portal-v2.yaml",
                           "construction/office-fitout.yaml", "consulting/data-platform.yaml"}) {
    SCOPED_TRACE(path);
    expect_float_path_matches(sample(path));
  }
}

TEST(RiskFloatPath, ReproducesTheEngineTotalsOnAThousandThreePointItems) {
  // Quarter hours and two-decimal rates put many PERT amounts exactly on half a cent
  // ((l + 4m + h) / 6 x 97.35 is a multiple of 0.005): there the float path and the engine
  // may round to neighbouring cents, and nowhere else.
  const Estimate e = estimate_from(many_items_estimate(1000));
  ASSERT_EQ(e.items.size(), 1001u);
  const RiskExpectedTotals t = expect_float_path_matches(e, true);
  // Each item one cent at most, carried through markups of about 1.3 in all.
  const double bound = 0.01 * 1.3 * static_cast<double>(t.items_off_by_a_step) + 0.01;
  EXPECT_NEAR(t.total, e.totals.total.to_double(), bound);
}

TEST(RiskFloatPath, ReproducesTheEngineTotalsToTheCentWithoutHalfCentTies) {
  // Whole hours and whole rates: no amount on half a cent, so the float path is exact.
  expect_float_path_matches(estimate_from(R"(id: WHOLE
items:
  - {id: A, name: a, hours: {low: 10, likely: 13, high: 29}, rate: 97, category: x}
  - {id: B, name: b, hours: {low: 100, likely: 130, high: 290}, rate: 143, category: y}
  - {id: C, name: c, quantity: {low: 1, likely: 7, high: 8}, unit_cost: 1234.56, category: x}
  - {id: D, name: d, amount: {low: 1000, likely: 1500, high: 4000}, category: y}
adjustments:
  - {id: pm, kind: overhead, percent: 7.5%}
  - {id: materials, kind: escalation, percent: 3.5%, applies_to: category == "x"}
  - {id: contingency, kind: contingency, percent: 12%, base: subtotal}
  - {id: fee, kind: fee, percent: 4.25%, base: subtotal}
  - {id: discount, kind: discount, amount: -250}
  - {id: tax, kind: tax, percent: 8.875%, base: subtotal}
)"));
}

TEST(RiskFloatPath, ReproducesTheEngineWithCoarseRoundingAndWholeCurrencies) {
  expect_float_path_matches(estimate_from(R"(id: HUNDREDS
rounding: 100
items:
  - {id: A, name: a, hours: {low: 10, likely: 13, high: 29}, rate: 97}
  - {id: B, name: b, amount: 12350}
adjustments:
  - {id: pm, kind: overhead, percent: 12.5%}
  - {id: contingency, kind: contingency, percent: 9%, base: subtotal}
)"));
  expect_float_path_matches(estimate_from(R"(id: YEN
currency: JPY
three_point: triangular
items:
  - {id: A, name: a, quantity: {low: 3, likely: 7, high: 20}, unit_cost: 1234}
adjustments:
  - {id: contingency, kind: contingency, percent: 15%}
  - {id: tax, kind: tax, percent: 10%, base: subtotal}
)"));
}

const char* kTaxAfterContingency = R"(id: TAX
items:
  - {id: A, name: a, amount: 1000}
adjustments:
  - {id: overhead, kind: overhead, percent: 10%}
  - {id: contingency, kind: contingency, percent: 10%, base: subtotal}
  - {id: tax, kind: tax, percent: 5%, base: subtotal}
)";

TEST(RiskBase, TheBaseLeavesOutContingencyAndWhatLaterAdjustmentsAddOnIt) {
  // 1000 + 100 overhead = 1100; with contingency 110 and tax 5% of 1210 = 60.50 the total is
  // 1270.50; without contingency the tax is 5% of 1100 = 55 and the base 1155.
  const Estimate e = estimate_from(kTaxAfterContingency);
  EXPECT_EQ(e.totals.total, d("1270.50"));
  Diagnostics diags;
  EXPECT_EQ(total_without_contingency(e, diags), d("1155"));
}

TEST(RiskBase, NothingUncertainGivesTheBaseEverywhere) {
  const Estimate e = estimate_from(kTaxAfterContingency);
  const RiskSummary s = simulate(e, 1000);
  EXPECT_FALSE(s.uncertain());
  for (const RiskPercentile& p : s.percentiles) {
    EXPECT_EQ(p.total, d("1155")) << p.percent;
    EXPECT_EQ(p.contingency, d("0"));
  }
  EXPECT_EQ(s.base, d("1155"));
  EXPECT_EQ(s.contingency, d("115.50"));
  EXPECT_EQ(s.contingency_tenths, 100);
  EXPECT_TRUE(s.contingency_reaches_p80);
  EXPECT_EQ(s.p80_margin, d("115.50"));
  EXPECT_EQ(s.estimate_total_confidence_tenths, 1000);
  ASSERT_EQ(s.histogram.size(), 1u);
  EXPECT_EQ(s.histogram[0].count, 1000u);
}

TEST(RiskBase, ContingencyReachesP80OnlyWhenLargeEnough) {
  // PERT(900, 1000, 1500): mean 1066.67, P80 about 1150, i.e. about 8% over the base.
  auto with = [](const char* percent) {
    return estimate_from(std::string(R"(id: C
items:
  - {id: A, name: a, amount: {low: 900, likely: 1000, high: 1500}}
adjustments:
  - {id: contingency, kind: contingency, percent: )") +
                         percent + "}\n");
  };
  const RiskSummary generous = simulate(with("20%"), 20'000);
  EXPECT_TRUE(generous.contingency_reaches_p80);
  EXPECT_GT(generous.p80_margin, d("0"));
  const RiskSummary thin = simulate(with("2%"), 20'000);
  EXPECT_FALSE(thin.contingency_reaches_p80);
  EXPECT_LT(thin.p80_margin, d("0"));
  EXPECT_EQ(thin.base, d("1066.67"));
  const RiskPercentile& p80 = *thin.percentile(80);
  EXPECT_EQ(p80.contingency, *sub(p80.total, thin.base));
}

// --- determinism ----------------------------------------------------------------------

TEST(RiskDeterminism, ThreadCountNeverChangesTheResult) {
  const Estimate e = sample("software/portal-v3.yaml");
  const std::string one = render_risk_json(e, simulate(e, 5000, 9, 1));
  EXPECT_EQ(render_risk_json(e, simulate(e, 5000, 9, 2)), one);
  EXPECT_EQ(render_risk_json(e, simulate(e, 5000, 9, 4)), one);
  EXPECT_EQ(render_risk_json(e, simulate(e, 5000, 9, 7)), one);
  EXPECT_EQ(render_risk_text(e, simulate(e, 5000, 9, 3)),
            render_risk_text(e, simulate(e, 5000, 9, 1)));
}

TEST(RiskDeterminism, TheSeedChangesTheResult) {
  const Estimate e = sample("software/portal-v3.yaml");
  const RiskSummary a = simulate(e, 5000, 1);
  const RiskSummary b = simulate(e, 5000, 2);
  EXPECT_NE(a.percentile(50)->total, b.percentile(50)->total);
  EXPECT_NE(a.mean, b.mean);
  EXPECT_NE(render_risk_json(e, a), render_risk_json(e, b));
  EXPECT_EQ(render_risk_json(e, a), render_risk_json(e, simulate(e, 5000, 1)));
}

TEST(RiskDeterminism, HistogramCoversEveryIteration) {
  const Estimate e = sample("software/portal-v3.yaml");
  const RiskSummary s = simulate(e, 10'000);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < s.histogram.size(); ++i) {
    total += s.histogram[i].count;
    if (i > 0) {
      EXPECT_EQ(s.histogram[i].from, s.histogram[i - 1].to);
    }
  }
  EXPECT_EQ(total, 10'000u);
  EXPECT_LE(s.histogram.front().from, s.minimum);
  EXPECT_GE(s.histogram.back().to, s.maximum);
  EXPECT_LE(s.histogram.size(), 21u);
  EXPECT_LE(s.percentile(10)->total, s.percentile(50)->total);
  EXPECT_LE(s.percentile(50)->total, s.percentile(80)->total);
  EXPECT_LE(s.percentile(80)->total, s.percentile(90)->total);
}

TEST(RiskSettingsCheck, IterationsOutOfRangeAreErrors) {
  const Estimate e = estimate_from(kTaxAfterContingency);
  for (std::uint64_t n : {std::uint64_t{0}, kMaxRiskIterations + 1}) {
    RiskSettings settings;
    settings.iterations = n;
    Diagnostics diags;
    EXPECT_FALSE(simulate_risk(e, settings, diags).has_value());
    EXPECT_TRUE(diags.has_errors());
  }
}

TEST(RiskSettingsCheck, AmountsBeyondTheFloatingPointRangeAreRefused) {
  // 10^16 cents is past the 2^50 steps the simulation computes exactly.
  const Estimate e = estimate_from(R"(id: HUGE
items:
  - {id: A, name: a, amount: {low: 0, likely: 1, high: 100000000000000}}
)");
  Diagnostics diags;
  EXPECT_FALSE(simulate_risk(e, RiskSettings{}, diags).has_value());
  EXPECT_NE(diagnostics_text(diags).find("the amount of item 'A' is too large for the risk "
                                         "simulation"),
            std::string::npos)
      << diagnostics_text(diags);
}

TEST(RiskSettingsCheck, CreditsAndFineStepsSimulate) {
  // A three-point credit, a 0.05 rounding step and a certain risk: every total is a whole
  // number of steps between the extremes.
  const Estimate e = estimate_from(R"(id: CREDIT
rounding: 0.05
items:
  - {id: A, name: a, amount: 1000}
  - {id: B, name: credit, amount: {low: -300, likely: -100, high: 0}}
risks:
  - {id: R, title: sure, probability: 100%, impact: 10.02}
)");
  const RiskSummary s = simulate(e, 4000, 1, 2);
  EXPECT_EQ(s.base, d("883.35"));  // 1000 - 700/6: the credit -116.666.. rounded to -116.65
  for (const RiskPercentile& p : s.percentiles) {
    EXPECT_GE(p.total, d("710"));  // 1000 - 300 + 10 (the impact rounded to 0.05)
    EXPECT_LE(p.total, d("1010"));
    EXPECT_TRUE(mod(p.total, d("0.05"))->is_zero()) << p.total.to_string();
  }
  EXPECT_EQ(s.risks[0].expected_value, d("10"));
}

TEST(RiskSettingsCheck, ProgressReachesTheTotal) {
  const Estimate e = sample("software/portal-v3.yaml");
  RiskSettings settings;
  settings.iterations = 3000;
  settings.threads = 2;
  std::uint64_t last = 0, calls = 0;
  settings.progress = [&](std::uint64_t done, std::uint64_t total) {
    EXPECT_EQ(total, 3000u);
    EXPECT_GT(done, last);
    last = done;
    ++calls;
  };
  Diagnostics diags;
  ASSERT_TRUE(simulate_risk(e, settings, diags).has_value());
  EXPECT_EQ(last, 3000u);
  EXPECT_EQ(calls, 3u);  // one call a block of 1,024
}

// --- renderings -----------------------------------------------------------------------

std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(RiskRender, TextFitsEightyColumnsAndNamesEveryPercentile) {
  const Estimate e = sample("software/portal-v3.yaml");
  const RiskSummary s = simulate(e, 2000);
  const std::string text = render_risk_text(e, s);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) EXPECT_LE(columns(line), 80u) << line;
  for (const RiskPercentile& p : s.percentiles) {
    EXPECT_NE(text.find(fmt::format("P{} ", p.percent) + std::string(8, ' ')), std::string::npos);
    EXPECT_NE(text.find(e.format_money(p.total)), std::string::npos);
  }
  EXPECT_NE(text.find("reaches P80"), std::string::npos);
}

TEST(RiskRender, JsonHoldsExactFigures) {
  const Estimate e = sample("software/portal-v3.yaml");
  const RiskSummary s = simulate(e, 2000);
  const auto json = nlohmann::json::parse(render_risk_json(e, s));
  EXPECT_EQ(json["simulation"]["iterations"], 2000);
  EXPECT_EQ(json["simulation"]["seed"], 1);
  EXPECT_EQ(json["simulation"]["three_point"], "pert");
  EXPECT_EQ(json["simulation"]["three_point_values"], 4);
  ASSERT_EQ(s.uncertain_item_indices.size(), 4u);
  EXPECT_EQ(e.items[s.uncertain_item_indices[0]].id(), "DEV-02");
  EXPECT_EQ(e.items[s.uncertain_item_indices[3]].id(), "QA-02");
  EXPECT_EQ(json["base"], s.base.to_fixed(2));
  EXPECT_EQ(json["estimate_total"], "880365.22");
  ASSERT_EQ(json["percentiles"].size(), 4u);
  EXPECT_EQ(json["percentiles"][2]["label"], "P80");
  EXPECT_EQ(json["percentiles"][2]["total"], s.percentile(80)->total.to_fixed(2));
  EXPECT_EQ(json["contingency_reaches_p80"], s.contingency_reaches_p80);
  EXPECT_EQ(json["risks"].size(), 4u);
  EXPECT_EQ(json["risks"][0]["expected_value"], "7200.00");
}

TEST(RiskRender, HtmlIsSelfContainedWithAnSvgHistogram) {
  const Estimate e = sample("software/portal-v3.yaml");
  const std::string html = render_risk_html(e, simulate(e, 2000));
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://", html.find("</svg>")), std::string::npos);
  EXPECT_NE(html.find("P80"), std::string::npos);
}

TEST(RiskRender, MarkdownHasThePercentileTable) {
  const Estimate e = sample("software/portal-v3.yaml");
  const RiskSummary s = simulate(e, 2000);
  const std::string md = render_risk_markdown(e, s);
  EXPECT_NE(md.find("| Percentile | Simulated total |"), std::string::npos);
  EXPECT_NE(md.find("| P90 | " + e.format_money(s.percentile(90)->total)), std::string::npos);
  EXPECT_NE(md.find("```text\n"), std::string::npos);
}

// --- basis risk -----------------------------------------------------------------------

using Result = basis::cli_testing::BasisRun;
using basis::cli_testing::run_basis;

using basis::cli_testing::read_file;

class CliRisk : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("basis-cli-risk-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result basis(const std::string& args) { return run_basis(args, dir_ / "run"); }

  static std::string portal() {
    return "'" + std::string(BASIS_SOURCE_DIR) + "/samples/software/portal-v3.yaml'";
  }

  fs::path dir_;
};

bool has_line_starting(const std::string& text, const std::string& start) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(start, 0) == 0) return true;
  }
  return false;
}

TEST_F(CliRisk, PrintsTheFourPercentiles) {
  const Result r = basis("risk " + portal());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* p : {"P10 ", "P50 ", "P80 ", "P90 "}) {
    EXPECT_TRUE(has_line_starting(r.out, p)) << p << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("10,000 iterations, seed 1"), std::string::npos);
  EXPECT_EQ(r.err, "");  // no progress bar when stderr is not a terminal
}

TEST_F(CliRisk, ThreadsGiveByteIdenticalOutput) {
  const Result one = basis("risk " + portal() + " --iterations 6000 --seed 5 --threads 1");
  const Result four = basis("risk " + portal() + " --iterations 6000 --seed 5 --threads 4");
  const Result two = basis("risk " + portal() + " --iterations 6000 --seed 5 --threads 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.out, two.out);
  const Result other = basis("risk " + portal() + " --iterations 6000 --seed 6 --threads 1");
  EXPECT_NE(one.out, other.out);
}

TEST_F(CliRisk, BadNumbersAreUsageErrors) {
  for (const char* args :
       {"--iterations 0", "--iterations abc", "--iterations -5", "--iterations 1.5",
        "--iterations 10000001", "--iterations ''", "--seed x", "--seed 18446744073709551616",
        "--threads 0", "--threads many"}) {
    const Result r = basis("risk " + portal() + " " + args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_NE(r.err.find("error:"), std::string::npos) << args << ": " << r.err;
    EXPECT_NE(r.err.find("basis risk --help"), std::string::npos) << args << ": " << r.err;
  }
  const Result zero = basis("risk " + portal() + " --iterations 0");
  EXPECT_NE(zero.err.find("--iterations must be a whole number from 1 to 10000000, found '0'"),
            std::string::npos)
      << zero.err;
}

TEST_F(CliRisk, FormatsAndOutputFile) {
  const Result json = basis("risk " + portal() + " --format json --iterations 1500");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["simulation"]["iterations"], 1500);
  const fs::path html = dir_ / "risk.html";
  const Result page =
      basis("risk " + portal() + " --format html -o '" + html.string() + "' --iterations 1500");
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_EQ(page.out, "");
  EXPECT_NE(read_file(html).find("<svg"), std::string::npos);
  EXPECT_EQ(basis("risk " + portal() + " --format pdf").exit_code, 2);
}

TEST_F(CliRisk, AMissingEstimateIsInvalidInput) {
  const Result r = basis("risk '" + (dir_ / "missing.yaml").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.yaml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace basis
