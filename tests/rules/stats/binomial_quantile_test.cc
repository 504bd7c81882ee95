#include "rules/stats/binomial_quantile.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/binomial.hpp>
#include <cfloat>
#include <cmath>

namespace vigil::stats {
namespace {

int Q(double p, int n, double prob) {
  Result<int> q = BinomialQuantile(p, n, prob);
  EXPECT_TRUE(q.ok()) << q.status().message();
  return q.ok() ? *q : -1;
}

TEST(StatsBinomialQuantile, MatchesRQbinom) {
  EXPECT_EQ(Q(0.5, 10, 0.5), 5);
  EXPECT_EQ(Q(0.9, 20, 0.2), 6);  // P(X <= 5) = 0.804, P(X <= 6) = 0.913
  EXPECT_EQ(Q(0.0, 10, 0.3), 0);
  EXPECT_EQ(Q(1.0, 10, 0.3), 10);
  EXPECT_EQ(Q(0.3, 0, 0.3), 0);
}

TEST(StatsBinomialQuantile, IsTheSmallestCountWhoseCdfReachesP) {
  for (int n : {1, 7, 40, 75, 300}) {
    for (double prob : {0.05, 0.2, 0.5, 0.9}) {
      const boost::math::binomial_distribution<> d(n, prob);
      for (double p : {0.01, 0.1, 0.5, 0.9, 0.99, 0.999999}) {
        const int q = Q(p, n, prob);
        EXPECT_GE(boost::math::cdf(d, q), p * (1 - 8 * DBL_EPSILON)) << n << " " << prob << " " << p;
        if (q > 0) {
          EXPECT_LT(boost::math::cdf(d, q - 1), p) << n << " " << prob << " " << p;
        }
      }
    }
  }
}

TEST(StatsBinomialQuantile, LeftContinuousAtACdfValue) {
  // p equal to P(X <= 3) up to rounding gives 3, not 4.
  const boost::math::binomial_distribution<> d(12, 0.25);
  const double at3 = boost::math::cdf(d, 3);
  EXPECT_EQ(Q(at3, 12, 0.25), 3);
  EXPECT_EQ(Q(at3 * (1 + 4 * DBL_EPSILON), 12, 0.25), 3);
  EXPECT_EQ(Q(at3 + 1e-10, 12, 0.25), 4);
}

TEST(StatsBinomialQuantile, LevelsWithinRoundingOfOneGiveN) {
  // R returns n when p + 1.01 eps >= 1, even where P(X <= n - 1) rounds to 1.
  EXPECT_EQ(Q(1.0 - DBL_EPSILON / 2, 40, 0.25), 40);
  EXPECT_EQ(Q(1.0 - 1e-20, 3, 0.25), 3);
}

TEST(StatsBinomialQuantile, RejectsInvalidArguments) {
  EXPECT_EQ(BinomialQuantile(1.2, 10, 0.3).status().message().rfind("p:", 0), 0u);
  EXPECT_EQ(BinomialQuantile(0.5, -1, 0.3).status().message().rfind("n:", 0), 0u);
  EXPECT_EQ(BinomialQuantile(0.5, 10, -0.3).status().message().rfind("prob:", 0), 0u);
}

}  // namespace
}  // namespace vigil::stats
