#include "rules/stats/tse_posterior.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <cmath>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearRule;
using testing::VectorRow;

TEST(StatsTsePosterior, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("tse_posterior"), [](const VectorRow& v) {
    Result<double> p = TseProbExceedsStandard({v.Num("std_a"), v.Num("std_b")}, {v.Num("exp_a"), v.Num("exp_b")},
                                              v.Int("n"), v.Int("x"), v.Num("delta"));
    ASSERT_TRUE(p.ok()) << p.status().message();
    EXPECT_TRUE(NearRule(*p, v.Num("prob_exp_gt_std_plus_delta")));
  });
  EXPECT_GT(rows, 0);
}

// The other ordering of the double integral, int f_E(e) F_S(e - delta) de:
// tanh-sinh on the first 0.01 (f_E may be singular at 0) and fixed 61-point
// Gauss-Kronrod on 2000 cells after it. An independent check of the
// library's ordering and rules.
double OtherOrdering(BetaPrior s, BetaPrior e, int n, int x, double delta) {
  const boost::math::beta_distribution<> std_rate(s.a, s.b);
  const boost::math::beta_distribution<> exp_rate(e.a + x, e.b + n - x);
  auto f = [&](double v) {
    const double shifted = v - delta;
    if (shifted <= 0.0) return 0.0;
    return boost::math::pdf(exp_rate, v) * boost::math::cdf(std_rate, std::min(shifted, 1.0));
  };
  const double lo = std::max(0.0, delta);
  const double head = lo + 0.01;
  boost::math::quadrature::tanh_sinh<double> start;
  double total = start.integrate(f, lo, head, 1e-14);
  const int cells = 2000;
  for (int i = 0; i < cells; ++i) {
    const double a = head + (1.0 - head) * i / cells;
    const double b = head + (1.0 - head) * (i + 1) / cells;
    total += boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, a, b, 0);
  }
  return total;
}

TEST(StatsTsePosterior, AgreesWithTheOtherOrderingTo1e10) {
  struct Case {
    BetaPrior s, e;
    int n, x;
    double delta;
  };
  for (const Case& c : {Case{{30, 70}, {0.6, 1.4}, 25, 9, 0.05}, Case{{500, 4500}, {1, 1}, 300, 45, 0.02},
                        Case{{20, 180}, {0.2, 1.8}, 12, 0, 0.0}, Case{{4, 16}, {2, 3}, 60, 33, 0.1},
                        Case{{15, 85}, {1, 1}, 0, 0, 0.0}, Case{{60, 140}, {0.3, 0.7}, 40, 30, 0.08},
                        Case{{0.5, 0.5}, {0.01, 0.01}, 3, 0, 0.0}, Case{{2, 30}, {0.5, 0.5}, 1000, 0, 0.0}}) {
    Result<double> p = TseProbExceedsStandard(c.s, c.e, c.n, c.x, c.delta);
    ASSERT_TRUE(p.ok()) << p.status().message();
    const double other = OtherOrdering(c.s, c.e, c.n, c.x, c.delta);
    EXPECT_NEAR(*p, other, 1e-10 * std::max(1e-3, other)) << c.s.a << "," << c.s.b << " " << c.x << "/" << c.n;
  }
}

TEST(StatsTsePosterior, SingularShapesAtBothEnds) {
  // Beta(0.5, 0.5) standard and a posterior Beta(0.01, 3.01): densities
  // unbounded at 0 and 1. Value from tanh-sinh on [0, 1] in both orderings.
  Result<double> p = TseProbExceedsStandard({0.5, 0.5}, {0.01, 0.01}, 3, 0, 0.0);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(NearRule(*p, 0.00687095670447772));
  Result<double> q = TseProbExceedsStandard({0.3, 0.2}, {0.05, 0.05}, 2, 2, -0.05);
  ASSERT_TRUE(q.ok());
  EXPECT_GT(*q, 0.0);
  EXPECT_LE(*q, 1.0);
}

TEST(StatsTsePosterior, ConcentratedStandardReducesToTheFixedRateRule) {
  // theta_S ~ Beta(3e7, 7e7) is 0.3 to within 5e-5: the TSE probability is
  // then the simple tail at t = 0.3 + delta, to about that precision.
  Result<double> tse = TseProbExceedsStandard({3e7, 7e7}, {0.6, 1.4}, 20, 9, 0.05);
  Result<double> fixed = PosteriorProbAbove({0.6, 1.4}, 20, 9, 0.35);
  ASSERT_TRUE(tse.ok() && fixed.ok());
  EXPECT_NEAR(*tse, *fixed, 1e-4);
}

TEST(StatsTsePosterior, NegativeDeltaAddsTheMassBelowMinusDelta) {
  // With delta = -0.5 and a standard rate surely below 0.5, the experimental
  // rate surely exceeds s + delta < 0.
  Result<double> p = TseProbExceedsStandard({2, 200}, {1, 1}, 10, 0, -0.5);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(*p, 1.0, 1e-12);
  Result<double> larger_delta_smaller = TseProbExceedsStandard({30, 70}, {1, 1}, 10, 3, 0.1);
  Result<double> smaller_delta = TseProbExceedsStandard({30, 70}, {1, 1}, 10, 3, -0.1);
  ASSERT_TRUE(larger_delta_smaller.ok() && smaller_delta.ok());
  EXPECT_LT(*larger_delta_smaller, *smaller_delta);
}

TEST(StatsTsePosterior, RejectsInvalidArgumentsNamingThem) {
  struct Case {
    BetaPrior s, e;
    int n, x;
    double delta;
    const char* named;
  };
  for (const Case& c : {Case{{0, 70}, {1, 1}, 5, 1, 0, "std_a"}, Case{{30, 70}, {1, 0}, 5, 1, 0, "exp_b"},
                        Case{{30, 70}, {1, 1}, 5, 6, 0, "x"}, Case{{30, 70}, {1, 1}, -5, 0, 0, "n"},
                        Case{{30, 70}, {1, 1}, 5, 1, 1.0, "delta"}}) {
    Result<double> p = TseProbExceedsStandard(c.s, c.e, c.n, c.x, c.delta);
    ASSERT_FALSE(p.ok()) << c.named;
    EXPECT_EQ(p.status().message().rfind(c.named, 0), 0u) << p.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
