#include "rules/stats/sprt.h"

#include <gtest/gtest.h>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearRule;
using testing::VectorRow;

TEST(StatsSprt, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("sprt_boundary"), [](const VectorRow& v) {
    const SprtDesign d{.p0 = v.Num("p0"), .p1 = v.Num("p1"), .alpha = v.Num("alpha"), .beta = v.Num("beta")};
    Result<SprtBoundary> b = WaldSprtBoundary(d, v.Int("n"));
    ASSERT_TRUE(b.ok()) << b.status().message();
    EXPECT_EQ(b->n, v.Int("n"));
    EXPECT_TRUE(NearRule(b->log_a, v.Num("log_A")));
    EXPECT_TRUE(NearRule(b->log_b, v.Num("log_B")));
    EXPECT_TRUE(NearRule(b->upper_x_real, v.Num("upper_x_real")));
    EXPECT_TRUE(NearRule(b->lower_x_real, v.Num("lower_x_real")));
    EXPECT_EQ(b->min_x_to_stop_tox, v.Int("min_x_to_stop_tox"));
    EXPECT_EQ(b->max_x_accept_h0, v.Int("max_x_accept_h0"));
  });
  EXPECT_GT(rows, 0);
}

// Reference example: p0 = 0.2, p1 = 0.4, alpha = 0.05, beta = 0.2 has slope
// 0.29330 and intercept 2.8268; stop at x >= 4 for n <= 3, 6 at n = 8-10,
// 9 at 20, 12 at 30, 15 at 40.
TEST(StatsSprt, ReferenceExample) {
  const SprtDesign d{.p0 = 0.2, .p1 = 0.4, .alpha = 0.05, .beta = 0.2};
  Result<SprtBoundary> b0 = WaldSprtBoundary(d, 0);
  Result<SprtBoundary> b1 = WaldSprtBoundary(d, 1);
  ASSERT_TRUE(b0.ok() && b1.ok());
  EXPECT_NEAR(b0->upper_x_real, 2.8268, 5e-5);
  EXPECT_NEAR(b1->upper_x_real - b0->upper_x_real, 0.29330, 5e-6);
  EXPECT_NEAR(b1->lower_x_real - b0->lower_x_real, 0.29330, 5e-6);
  struct Stop {
    int n, x;
  };
  for (const Stop& s : {Stop{1, 4}, Stop{3, 4}, Stop{8, 6}, Stop{10, 6}, Stop{20, 9}, Stop{30, 12}, Stop{40, 15}}) {
    Result<SprtBoundary> b = WaldSprtBoundary(d, s.n);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->min_x_to_stop_tox, s.x) << "n = " << s.n;
  }
}

TEST(StatsSprt, RejectsInvalidDesignsNamingTheArgument) {
  struct Case {
    SprtDesign d;
    int n;
    const char* named;
  };
  for (const Case& c : {Case{{0.3, 0.2, 0.05, 0.2}, 5, "p1"}, Case{{0.0, 0.2, 0.05, 0.2}, 5, "p0"},
                        Case{{0.1, 0.2, 0.0, 0.2}, 5, "alpha"}, Case{{0.1, 0.2, 0.05, 1.0}, 5, "beta"},
                        Case{{0.1, 0.2, 0.6, 0.5}, 5, "beta"}, Case{{0.1, 0.2, 0.05, 0.2}, -1, "n"}}) {
    Result<SprtBoundary> b = WaldSprtBoundary(c.d, c.n);
    ASSERT_FALSE(b.ok()) << c.named;
    EXPECT_EQ(b.status().message().rfind(c.named, 0), 0u) << b.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
