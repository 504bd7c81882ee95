#include "rules/stats/beta_posterior.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearRule;
using testing::VectorRow;

TEST(StatsBetaPosterior, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("beta_posterior"), [](const VectorRow& v) {
    Result<double> p =
        PosteriorProbAbove({v.Num("prior_a"), v.Num("prior_b")}, v.Int("n"), v.Int("x"), v.Num("threshold_p"));
    ASSERT_TRUE(p.ok()) << p.status().message();
    EXPECT_TRUE(NearRule(*p, v.Num("posterior_prob_gt")));
  });
  EXPECT_GT(rows, 0);
}

// Under a flat prior with no events the posterior is Beta(1, n + 1), whose
// upper tail is (1 - t)^(n + 1): exact values down to 1e-61.
TEST(StatsBetaPosterior, FarUpperTailsKeepRelativeAccuracy) {
  struct Case {
    int n;
    double t;
  };
  for (const Case& c : {Case{40, 0.5}, Case{60, 0.9}, Case{200, 0.3}, Case{5, 0.999}}) {
    Result<double> p = PosteriorProbAbove({1, 1}, c.n, 0, c.t);
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(NearRule(*p, std::pow(1 - c.t, c.n + 1))) << c.n << " " << c.t;
  }
}

TEST(StatsBetaPosterior, FlatPriorStopsAfterOneToxicity) {
  // Pr(p > 0.3 | 1/1) under Beta(1, 1) = 1 - 0.3^2 = 0.91.
  Result<double> p = PosteriorProbAbove({1, 1}, 1, 1, 0.3);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(*p, 0.91, 1e-15);
}

TEST(StatsBetaPosterior, NoPatientsGivesThePriorTail) {
  Result<double> p = PosteriorProbAbove({2, 8}, 0, 0, 0.2);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(NearRule(*p, 0.436207616));
}

TEST(StatsBetaPosterior, IncreasesWithEvents) {
  double previous = -1;
  for (int x = 0; x <= 20; ++x) {
    Result<double> p = PosteriorProbAbove({0.6, 1.4}, 20, x, 0.3);
    ASSERT_TRUE(p.ok());
    EXPECT_GT(*p, previous) << x;
    previous = *p;
  }
}

TEST(StatsBetaPosterior, RejectsInvalidArgumentsNamingThem) {
  struct Case {
    BetaPrior prior;
    int n, x;
    double t;
    const char* named;
  };
  for (const Case& c : {Case{{1, 1}, 5, 6, 0.3, "x"}, Case{{1, 1}, -1, 0, 0.3, "n"}, Case{{0, 1}, 5, 1, 0.3, "prior_a"},
                        Case{{1, -2}, 5, 1, 0.3, "prior_b"}, Case{{1, 1}, 5, 1, 0.0, "threshold"},
                        Case{{1, 1}, 5, 1, 1.0, "threshold"}, Case{{1, 1}, 5, 1, std::nan(""), "threshold"}}) {
    Result<double> p = PosteriorProbAbove(c.prior, c.n, c.x, c.t);
    ASSERT_FALSE(p.ok()) << c.named;
    EXPECT_EQ(p.status().code(), Status::Code::kInvalid);
    EXPECT_EQ(p.status().message().rfind(c.named, 0), 0u) << p.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
