#include "rules/stats/operating_characteristics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "rules/stats/look_list.h"
#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearRule;
using testing::VectorRow;

StoppingBoundary Explicit(const std::vector<int>& looks, const std::vector<int>& stop_at) {
  StoppingBoundary b{.looks = looks, .min_x_to_stop = {}};
  for (int x : stop_at) b.min_x_to_stop.emplace_back(x);
  return b;
}

TEST(StatsOperatingCharacteristics, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("beta_boundary_oc"), [](const VectorRow& v) {
    Result<std::vector<int>> looks = ParseLooks(v.Str("looks"));
    ASSERT_TRUE(looks.ok()) << looks.status().message();
    Result<OperatingCharacteristics> oc =
        ExactOperatingCharacteristics(Explicit(*looks, v.Ints("stop_if_x_ge")), v.Num("p_true"));
    ASSERT_TRUE(oc.ok()) << oc.status().message();
    EXPECT_EQ(oc->p_true, v.Num("p_true"));
    EXPECT_TRUE(NearRule(oc->pcross, v.Num("pcross")));
    EXPECT_TRUE(NearRule(oc->pstop_before_last, v.Num("pstop_before_last")));
    EXPECT_TRUE(NearRule(oc->expected_n, v.Num("expected_n")));
  });
  EXPECT_GT(rows, 0);
}

// The stoppingrule package README: Pocock-type, p0 = 0.20, alpha = 0.10,
// n = 1..50, "reject if N >= b".
TEST(StatsOperatingCharacteristics, PublishedStoppingRuleExample) {
  struct Run {
    int b, from, to;
  };
  const std::vector<Run> runs = {{3, 3, 4},    {4, 5, 6},    {5, 7, 9},    {6, 10, 12},  {7, 13, 16},
                                 {8, 17, 19},  {9, 20, 23},  {10, 24, 26}, {11, 27, 30}, {12, 31, 34},
                                 {13, 35, 38}, {14, 39, 41}, {15, 42, 45}, {16, 46, 49}, {17, 50, 50}};
  StoppingBoundary boundary;
  for (int n = 1; n <= 50; ++n) {
    boundary.looks.push_back(n);
    boundary.min_x_to_stop.emplace_back(std::nullopt);
  }
  for (const Run& r : runs) {
    for (int n = r.from; n <= r.to; ++n) boundary.min_x_to_stop[n - 1] = r.b;
  }
  struct Published {
    double p, reject;
  };
  for (const Published& pub : {Published{0.20, 0.09977254}, Published{0.25, 0.27689051}, Published{0.30, 0.53974016},
                               Published{0.35, 0.78266569}, Published{0.40, 0.92684148}}) {
    Result<OperatingCharacteristics> oc = ExactOperatingCharacteristics(boundary, pub.p);
    ASSERT_TRUE(oc.ok());
    EXPECT_NEAR(oc->pcross, pub.reject, 5e-9) << pub.p;
  }
  Result<OperatingCharacteristics> null_oc = ExactOperatingCharacteristics(boundary, 0.2);
  ASSERT_TRUE(null_oc.ok());
  EXPECT_NEAR(null_oc->expected_n, 46.72419, 5e-6);
}

// Enumerates all 2^n event sequences: an independent check of the recursion.
TEST(StatsOperatingCharacteristics, AgreesWithBruteForceEnumeration) {
  const std::vector<int> looks = {2, 5, 6, 9, 12};
  const std::vector<int> stop_at = {2, 3, 3, 7, 5};  // the boundary falls at the last look
  const double p = 0.27;
  double cross = 0, before_last = 0, expected_n = 0;
  for (unsigned seq = 0; seq < (1u << 12); ++seq) {
    int events = 0, done = 0;
    double prob = 1.0;
    for (int i = 0; i < 12; ++i) {
      const bool event = (seq >> i) & 1u;
      prob *= event ? p : 1 - p;
    }
    int stopped_at = -1;
    for (std::size_t k = 0; k < looks.size() && stopped_at < 0; ++k) {
      for (; done < looks[k]; ++done) events += (seq >> done) & 1u;
      if (events >= stop_at[k]) stopped_at = static_cast<int>(k);
    }
    if (stopped_at >= 0) {
      cross += prob;
      if (stopped_at + 1 < static_cast<int>(looks.size())) before_last += prob;
      expected_n += prob * looks[static_cast<std::size_t>(stopped_at)];
    } else {
      expected_n += prob * looks.back();
    }
  }
  Result<OperatingCharacteristics> oc = ExactOperatingCharacteristics(Explicit(looks, stop_at), p);
  ASSERT_TRUE(oc.ok());
  EXPECT_NEAR(oc->pcross, cross, 1e-13);
  EXPECT_NEAR(oc->pstop_before_last, before_last, 1e-13);
  EXPECT_NEAR(oc->expected_n, expected_n, 1e-11);
}

TEST(StatsOperatingCharacteristics, SingleLookIsTheBinomialTail) {
  Result<OperatingCharacteristics> oc = ExactOperatingCharacteristics(Explicit({10}, {3}), 0.2);
  ASSERT_TRUE(oc.ok());
  // P(Bin(10, 0.2) >= 3) = 1 - 0.8^10 - 10 0.2 0.8^9 - 45 0.04 0.8^8
  const double tail = 1 - std::pow(0.8, 10) - 2 * std::pow(0.8, 9) - 1.8 * std::pow(0.8, 8);
  EXPECT_NEAR(oc->pcross, tail, 1e-15);
  EXPECT_EQ(oc->pstop_before_last, 0.0);
  EXPECT_NEAR(oc->expected_n, 10.0, 1e-15);
}

TEST(StatsOperatingCharacteristics, EdgeBoundariesAndRates) {
  // Never crossable: the boundary is above n at every look.
  Result<OperatingCharacteristics> never = ExactOperatingCharacteristics(Explicit({3, 6}, {4, 7}), 0.9);
  ASSERT_TRUE(never.ok());
  EXPECT_EQ(never->pcross, 0.0);
  EXPECT_EQ(never->expected_n, 6.0);
  // NA entries mean the same.
  StoppingBoundary na{.looks = {3, 6}, .min_x_to_stop = {std::nullopt, std::nullopt}};
  Result<OperatingCharacteristics> na_oc = ExactOperatingCharacteristics(na, 0.9);
  ASSERT_TRUE(na_oc.ok());
  EXPECT_EQ(na_oc->pcross, 0.0);
  // A zero boundary stops at the first look whatever happens.
  Result<OperatingCharacteristics> always = ExactOperatingCharacteristics(Explicit({3, 6}, {0, 2}), 0.1);
  ASSERT_TRUE(always.ok());
  EXPECT_EQ(always->pcross, 1.0);
  EXPECT_EQ(always->pstop_before_last, 1.0);
  EXPECT_EQ(always->expected_n, 3.0);
  // p = 0 never has events; p = 1 crosses at the first reachable look.
  Result<OperatingCharacteristics> p0 = ExactOperatingCharacteristics(Explicit({3, 6}, {1, 2}), 0);
  ASSERT_TRUE(p0.ok());
  EXPECT_EQ(p0->pcross, 0.0);
  Result<OperatingCharacteristics> p1 = ExactOperatingCharacteristics(Explicit({3, 6}, {4, 5}), 1);
  ASSERT_TRUE(p1.ok());
  EXPECT_EQ(p1->pcross, 1.0);
  EXPECT_EQ(p1->expected_n, 6.0);
  EXPECT_EQ(p1->pstop_before_last, 0.0);
}

TEST(StatsOperatingCharacteristics, RejectsMalformedBoundaries) {
  EXPECT_EQ(ExactOperatingCharacteristics(Explicit({3, 6}, {1, 2}), 1.5).status().message().rfind("p_true", 0), 0u);
  EXPECT_EQ(ExactOperatingCharacteristics(Explicit({3, 3}, {1, 2}), 0.5).status().message().rfind("looks[2]", 0), 0u);
  EXPECT_EQ(ExactOperatingCharacteristics(Explicit({3, 6}, {1}), 0.5).status().message().rfind("min_x_to_stop", 0), 0u);
  EXPECT_EQ(
      ExactOperatingCharacteristics(Explicit({3, 6}, {1, -2}), 0.5).status().message().rfind("min_x_to_stop[2]", 0),
      0u);
  EXPECT_FALSE(ExactOperatingCharacteristics(Explicit({}, {}), 0.5).ok());
}

}  // namespace
}  // namespace vigil::stats
