#include "rules/stats/risk_difference.h"

#include <gtest/gtest.h>

#include "rules/stats/wilson.h"
#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearDescriptive;
using testing::VectorRow;

TEST(StatsRiskDifference, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("risk_difference_ci"), [](const VectorRow& v) {
    const int x1 = v.Int("x1"), n1 = v.Int("n1"), x2 = v.Int("x2"), n2 = v.Int("n2");
    const double conf = v.Num("conf");
    Result<Interval> newcombe = NewcombeRiskDifference(x1, n1, x2, n2, conf);
    ASSERT_TRUE(newcombe.ok()) << newcombe.status().message();
    EXPECT_TRUE(NearDescriptive(newcombe->estimate, v.Num("rd")));
    EXPECT_TRUE(NearDescriptive(newcombe->lower, v.Num("newcombe_lower")));
    EXPECT_TRUE(NearDescriptive(newcombe->upper, v.Num("newcombe_upper")));
    Result<Interval> mn = MiettinenNurminenRiskDifference(x1, n1, x2, n2, conf);
    ASSERT_TRUE(mn.ok()) << mn.status().message();
    EXPECT_TRUE(NearDescriptive(mn->estimate, v.Num("rd")));
    EXPECT_TRUE(NearDescriptive(mn->lower, v.Num("mn_lower")));
    EXPECT_TRUE(NearDescriptive(mn->upper, v.Num("mn_upper")));
  });
  EXPECT_GT(rows, 0);
}

// Newcombe (1998), Table II, to the 4 decimals printed there.
TEST(StatsRiskDifference, NewcombeTableTwo) {
  struct Case {
    int x1, n1, x2, n2;
    double lo10, hi10, lo_mn, hi_mn;
  };
  for (const Case& c : {Case{56, 70, 48, 80, 0.0524, 0.3339, 0.0528, 0.3382},
                        Case{9, 10, 3, 10, 0.1705, 0.8090, -1, -1}, Case{10, 10, 0, 20, 0.6791, 1.0, 0.7156, 1.0}}) {
    Result<Interval> m10 = NewcombeRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.95);
    ASSERT_TRUE(m10.ok());
    EXPECT_NEAR(m10->lower, c.lo10, 5e-5) << c.x1 << "/" << c.n1;
    EXPECT_NEAR(m10->upper, c.hi10, 5e-5) << c.x1 << "/" << c.n1;
    if (c.lo_mn < -0.5) continue;
    Result<Interval> mn = MiettinenNurminenRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.95);
    ASSERT_TRUE(mn.ok());
    EXPECT_NEAR(mn->lower, c.lo_mn, 5e-5) << c.x1 << "/" << c.n1;
    EXPECT_NEAR(mn->upper, c.hi_mn, 5e-5) << c.x1 << "/" << c.n1;
  }
}

TEST(StatsRiskDifference, SwappingCohortsNegatesTheInterval) {
  struct Case {
    int x1, n1, x2, n2;
  };
  for (const Case& c : {Case{5, 56, 0, 29}, Case{3, 32, 1, 30}, Case{0, 7, 7, 7}, Case{2, 5, 2, 9}}) {
    Result<Interval> a = MiettinenNurminenRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.9);
    Result<Interval> b = MiettinenNurminenRiskDifference(c.x2, c.n2, c.x1, c.n1, 0.9);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NEAR(a->lower, -b->upper, 1e-12);
    EXPECT_NEAR(a->upper, -b->lower, 1e-12);
    Result<Interval> na = NewcombeRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.9);
    Result<Interval> nb = NewcombeRiskDifference(c.x2, c.n2, c.x1, c.n1, 0.9);
    ASSERT_TRUE(na.ok() && nb.ok());
    EXPECT_NEAR(na->lower, -nb->upper, 1e-14);
    EXPECT_NEAR(na->upper, -nb->lower, 1e-14);
    EXPECT_LE(a->lower, a->estimate);
    EXPECT_GE(a->upper, a->estimate);
  }
}

TEST(StatsRiskDifference, ExtremeDifferenceReachesMinusOne) {
  Result<Interval> mn = MiettinenNurminenRiskDifference(0, 12, 15, 15, 0.95);
  ASSERT_TRUE(mn.ok());
  EXPECT_EQ(mn->estimate, -1.0);
  EXPECT_EQ(mn->lower, -1.0);
  EXPECT_LT(mn->upper, -0.5);
  Result<Interval> nc = NewcombeRiskDifference(0, 12, 15, 15, 0.95);
  ASSERT_TRUE(nc.ok());
  EXPECT_NEAR(nc->lower, -1.0, 1e-15);
}

TEST(StatsRiskDifference, WilsonLimitsAreClosedAtTheEnds) {
  Result<Interval> none = WilsonScore(0, 10, 0.95);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->lower, 0.0);
  // (z^2 + z sqrt(z^2)) / (2 (n + z^2)) = z^2 / (n + z^2)
  const double z = 1.959963984540054;
  EXPECT_NEAR(none->upper, z * z / (10 + z * z), 1e-14);
  Result<Interval> all = WilsonScore(10, 10, 0.95);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->upper, 1.0);
}

TEST(StatsRiskDifference, RejectsEmptyCohortsAndBadCounts) {
  struct Case {
    int x1, n1, x2, n2;
    const char* named;
  };
  for (const Case& c :
       {Case{0, 0, 1, 5, "n1"}, Case{1, 5, 0, 0, "n2"}, Case{6, 5, 1, 5, "x1"}, Case{1, 5, -1, 5, "x2"}}) {
    Result<Interval> a = NewcombeRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.95);
    Result<Interval> b = MiettinenNurminenRiskDifference(c.x1, c.n1, c.x2, c.n2, 0.95);
    ASSERT_FALSE(a.ok());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(a.status().message().rfind(c.named, 0), 0u) << a.status().message();
    EXPECT_EQ(b.status().message().rfind(c.named, 0), 0u) << b.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
