#include "rules/stats/incidence_rate.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearDescriptive;
using testing::VectorRow;

TEST(StatsIncidenceRate, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("poisson_rate_ci"), [](const VectorRow& v) {
    Result<Interval> r = IncidencePer100PatientYears(v.Int("events"), v.Num("exposure_years"), v.Num("conf"));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(NearDescriptive(r->estimate, v.Num("rate_per_100py")));
    EXPECT_TRUE(NearDescriptive(r->lower, v.Num("lower")));
    EXPECT_TRUE(NearDescriptive(r->upper, v.Num("upper")));
  });
  EXPECT_GT(rows, 0);
}

TEST(StatsIncidenceRate, EqualsChiSquaredForm) {
  // lower = chi2_{a/2, 2k} / 2T, upper = chi2_{1-a/2, 2k+2} / 2T, x 100.
  const double t = 17.3;
  for (int k : {1, 4, 30}) {
    Result<Interval> r = IncidencePer100PatientYears(k, t, 0.95);
    ASSERT_TRUE(r.ok());
    const double lo = boost::math::quantile(boost::math::chi_squared(2.0 * k), 0.025);
    const double hi = boost::math::quantile(boost::math::chi_squared(2.0 * k + 2), 0.975);
    EXPECT_TRUE(NearDescriptive(r->lower, 100 * lo / (2 * t))) << k;
    EXPECT_TRUE(NearDescriptive(r->upper, 100 * hi / (2 * t))) << k;
  }
}

TEST(StatsIncidenceRate, ZeroEventsHasZeroLowerAndClosedFormUpper) {
  // k = 0: upper = -log(alpha/2) / T.
  Result<Interval> r = IncidencePer100PatientYears(0, 2.0, 0.95);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimate, 0.0);
  EXPECT_EQ(r->lower, 0.0);
  EXPECT_NEAR(r->upper, 100 * -std::log(0.025) / 2.0, 1e-12);
}

TEST(StatsIncidenceRate, ZeroExposureIsAnError) {
  for (double t : {0.0, -1.0, std::nan("")}) {
    Result<Interval> r = IncidencePer100PatientYears(0, t, 0.95);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalid);
    EXPECT_EQ(r.status().message().rfind("exposure_years", 0), 0u) << r.status().message();
  }
}

TEST(StatsIncidenceRate, RejectsNegativeEventsAndBadConfidence) {
  Result<Interval> neg = IncidencePer100PatientYears(-1, 1.0, 0.95);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().message().rfind("events", 0), 0u);
  Result<Interval> conf = IncidencePer100PatientYears(1, 1.0, 1.5);
  ASSERT_FALSE(conf.ok());
  EXPECT_EQ(conf.status().message().rfind("conf", 0), 0u);
}

}  // namespace
}  // namespace vigil::stats
