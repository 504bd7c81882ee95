#include "rules/stats/clopper_pearson.h"

#include <gtest/gtest.h>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::NearDescriptive;
using testing::VectorRow;

TEST(StatsClopperPearson, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("clopper_pearson"), [](const VectorRow& v) {
    Result<Interval> ci = ClopperPearson(v.Int("x"), v.Int("n"), v.Num("conf"));
    ASSERT_TRUE(ci.ok()) << ci.status().message();
    EXPECT_TRUE(NearDescriptive(ci->lower, v.Num("lower")));
    EXPECT_TRUE(NearDescriptive(ci->upper, v.Num("upper")));
    EXPECT_DOUBLE_EQ(ci->estimate, static_cast<double>(v.Int("x")) / v.Int("n"));
  });
  EXPECT_GT(rows, 0);
}

TEST(StatsClopperPearson, NoEventsGivesZeroLowerAndTwoSidedUpper) {
  // binom.test(0, 10): (0, 0.30849710781876), the upper end at alpha/2.
  Result<Interval> ci = ClopperPearson(0, 10, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_EQ(ci->lower, 0.0);
  EXPECT_NEAR(ci->upper, 0.308497107818761, 1e-14);
}

TEST(StatsClopperPearson, AllEventsGivesUpperOne) {
  Result<Interval> ci = ClopperPearson(10, 10, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_EQ(ci->upper, 1.0);
  EXPECT_NEAR(ci->lower, 0.691502892181239, 1e-14);
  EXPECT_EQ(ci->estimate, 1.0);
}

TEST(StatsClopperPearson, SinglePatientClosedForm) {
  // With n = 1 the limits are alpha/2 and 1 - alpha/2 exactly.
  Result<Interval> none = ClopperPearson(0, 1, 0.9);
  ASSERT_TRUE(none.ok());
  EXPECT_NEAR(none->upper, 0.95, 1e-15);
  Result<Interval> one = ClopperPearson(1, 1, 0.9);
  ASSERT_TRUE(one.ok());
  EXPECT_NEAR(one->lower, 0.05, 1e-15);
}

TEST(StatsClopperPearson, RejectsInvalidArgumentsNamingThem) {
  struct Case {
    int x, n;
    double conf;
    const char* named;
  };
  for (const Case& c : {Case{5, 4, 0.95, "x"}, Case{-1, 4, 0.95, "x"}, Case{0, 0, 0.95, "n"}, Case{1, 4, 1.0, "conf"},
                        Case{1, 4, 0.0, "conf"}}) {
    Result<Interval> ci = ClopperPearson(c.x, c.n, c.conf);
    ASSERT_FALSE(ci.ok());
    EXPECT_EQ(ci.status().code(), Status::Code::kInvalid);
    EXPECT_EQ(ci.status().message().rfind(c.named, 0), 0u) << ci.status().message();
  }
}

}  // namespace
}  // namespace vigil::stats
