#include "rules/stats/aalen_johansen.h"

#include <gtest/gtest.h>

#include <vector>

#include "rules/stats/kaplan_meier.h"
#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearDescriptive;
using testing::VectorRow;

TEST(StatsAalenJohansen, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("aalen_johansen"), [](const VectorRow& v) {
    Result<AalenJohansen> aj = AalenJohansen::Fit(v.Nums("times"), v.Ints("status"));
    ASSERT_TRUE(aj.ok()) << aj.status().message();
    const CompetingIncidence c = aj->At(v.Num("t_query"));
    EXPECT_TRUE(NearDescriptive(c.event, v.Num("cif_ae")));
    EXPECT_TRUE(NearDescriptive(c.competing, v.Num("cif_death")));
    EXPECT_TRUE(NearDescriptive(c.one_minus_km_competing_censored, v.Num("one_minus_km_ae_death_censored")));
  });
  EXPECT_GT(rows, 0);
}

TEST(StatsAalenJohansen, IncidencesAndEventFreeSurvivalSumToOne) {
  const std::vector<double> times = {10, 14, 14, 21, 30, 30, 42, 45, 60, 75, 90, 90};
  const std::vector<int> status = {1, 1, 2, 0, 1, 2, 0, 1, 2, 1, 0, 0};
  Result<AalenJohansen> aj = AalenJohansen::Fit(times, status);
  ASSERT_TRUE(aj.ok());
  std::vector<int> any_event;
  for (int s : status) any_event.push_back(s == 0 ? 0 : 1);
  Result<KaplanMeier> all_cause = KaplanMeier::Fit(times, any_event);
  ASSERT_TRUE(all_cause.ok());
  for (double t : {0.0, 10.0, 14.0, 29.0, 30.0, 60.0, 90.0, 200.0}) {
    const CompetingIncidence c = aj->At(t);
    EXPECT_NEAR(c.event + c.competing + all_cause->SurvivalAt(t), 1.0, 1e-14) << t;
    // Treating deaths as censored overestimates the incidence.
    EXPECT_GE(c.one_minus_km_competing_censored + 1e-15, c.event) << t;
  }
}

TEST(StatsAalenJohansen, WithoutCompetingEventsEqualsOneMinusKaplanMeier) {
  const std::vector<double> times = {2, 3, 3, 5, 6, 7, 8, 8, 9, 12};
  const std::vector<int> status = {1, 0, 1, 1, 0, 1, 1, 0, 1, 0};
  Result<AalenJohansen> aj = AalenJohansen::Fit(times, status);
  Result<KaplanMeier> km = KaplanMeier::Fit(times, status);
  ASSERT_TRUE(aj.ok());
  ASSERT_TRUE(km.ok());
  for (double t : {1.0, 2.0, 5.0, 8.0, 9.0, 20.0}) {
    EXPECT_NEAR(aj->At(t).event, km->CumulativeIncidenceAt(t), 1e-15) << t;
    EXPECT_EQ(aj->At(t).competing, 0.0);
  }
}

TEST(StatsAalenJohansen, RejectsUnknownStatus) {
  Result<AalenJohansen> aj = AalenJohansen::Fit(std::vector<double>{1, 2}, std::vector<int>{1, 3});
  ASSERT_FALSE(aj.ok());
  EXPECT_EQ(aj.status().message().rfind("status[1]", 0), 0u) << aj.status().message();
  Result<AalenJohansen> empty = AalenJohansen::Fit({}, {});
  EXPECT_FALSE(empty.ok());
}

}  // namespace
}  // namespace vigil::stats
