#include "rules/stats/kaplan_meier.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearDescriptive;
using testing::VectorRow;

TEST(StatsKaplanMeier, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("km_survival"), [](const VectorRow& v) {
    const std::vector<double> times = v.Nums("times");
    const std::vector<int> events = v.Ints("events");
    Result<KaplanMeier> km = KaplanMeier::Fit(times, events);
    ASSERT_TRUE(km.ok()) << km.status().message();
    const double t = v.Num("t_query");
    EXPECT_TRUE(NearDescriptive(km->SurvivalAt(t), v.Num("km_survival")));
    EXPECT_TRUE(NearDescriptive(km->CumulativeIncidenceAt(t), 1.0 - v.Num("km_survival")));
  });
  EXPECT_GT(rows, 0);
}

// The survival package's aml data, maintained group: the textbook curve.
TEST(StatsKaplanMeier, AmlMaintainedCurve) {
  const std::vector<double> times = {9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161};
  const std::vector<int> events = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0};
  Result<KaplanMeier> km = KaplanMeier::Fit(times, events);
  ASSERT_TRUE(km.ok());
  struct Point {
    double t, s;
  };
  for (const Point& p : {Point{0, 1.0}, Point{8.99, 1.0}, Point{9, 10.0 / 11}, Point{13, 10.0 / 11 * 9 / 10},
                         Point{18, 10.0 / 11 * 9 / 10 * 7 / 8}, Point{1000, 0.184090909090909}}) {
    EXPECT_TRUE(NearDescriptive(km->SurvivalAt(p.t), p.s)) << "t = " << p.t;
  }
  EXPECT_EQ(km->steps().size(), 7u);
  EXPECT_EQ(km->steps()[1].at_risk, 10);  // the subject censored at 13 is at risk at 13
}

TEST(StatsKaplanMeier, CensoringTiedWithEventStaysAtRisk) {
  // Event and censoring at t = 2: Y = 3 at t = 2, so S(2) = 1 * (1 - 1/3).
  Result<KaplanMeier> km = KaplanMeier::Fit(std::vector<double>{2, 2, 5}, std::vector<int>{1, 0, 1});
  ASSERT_TRUE(km.ok());
  EXPECT_DOUBLE_EQ(km->SurvivalAt(2), 2.0 / 3);
  EXPECT_DOUBLE_EQ(km->SurvivalAt(1.999), 1.0);
  EXPECT_DOUBLE_EQ(km->SurvivalAt(5), 0.0);  // last observation an event
}

TEST(StatsKaplanMeier, AllCensoredAndSingleSubject) {
  Result<KaplanMeier> censored = KaplanMeier::Fit(std::vector<double>{3, 7, 10}, std::vector<int>{0, 0, 0});
  ASSERT_TRUE(censored.ok());
  EXPECT_EQ(censored->SurvivalAt(100), 1.0);
  EXPECT_EQ(censored->CumulativeIncidenceAt(100), 0.0);
  Result<KaplanMeier> one = KaplanMeier::Fit(std::vector<double>{4}, std::vector<int>{1});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->SurvivalAt(3.9), 1.0);
  EXPECT_EQ(one->SurvivalAt(4), 0.0);
  EXPECT_EQ(one->CumulativeIncidenceAt(4), 1.0);
}

TEST(StatsKaplanMeier, RejectsBadInputNamingIt) {
  struct Case {
    std::vector<double> times;
    std::vector<int> events;
    const char* named;
  };
  const std::vector<Case> cases = {
      {{}, {}, "times"},
      {{1, 2}, {1}, "events"},
      {{1, 2}, {1, 2}, "events[1]"},
      {{1, -2}, {1, 0}, "times[1]"},
  };
  for (const Case& c : cases) {
    Result<KaplanMeier> km = KaplanMeier::Fit(c.times, c.events);
    ASSERT_FALSE(km.ok()) << c.named;
    EXPECT_EQ(km.status().code(), Status::Code::kInvalid);
    EXPECT_EQ(km.status().message().rfind(c.named, 0), 0u) << km.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
