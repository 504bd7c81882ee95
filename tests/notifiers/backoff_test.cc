// Retry delays: exponential from initial_seconds, capped at max_seconds,
// between half and all of the ceiling by the jitter.
#include "notifiers/backoff.h"

#include <gtest/gtest.h>

namespace vigil::notifiers {
namespace {

TEST(RetryDelay, DoublesUpToTheCapWithJitterBetweenHalfAndAll) {
  const config::RetryPolicy p{.initial_seconds = 1, .max_seconds = 300};
  struct Case {
    int failures;
    double jitter, want;
  };
  // clang-format off
  const Case cases[] = {
    {1, 0.0, 0.5},   {1, 0.5, 0.75},  {1, 1.0, 1.0},
    {2, 0.0, 1.0},   {2, 1.0, 2.0},
    {3, 0.0, 2.0},   {5, 1.0, 16.0},
    {9, 1.0, 256.0}, {10, 1.0, 300.0}, {10, 0.0, 150.0},   // 512 capped at 300
    {1000, 0.5, 225.0},                                    // no overflow
  };
  // clang-format on
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(RetryDelaySeconds(p, c.failures, c.jitter), c.want) << c.failures << " " << c.jitter;
  }
}

TEST(RetryDelay, GrowsOnAverage) {
  const config::RetryPolicy p{.initial_seconds = 0.2, .max_seconds = 5};
  double previous_floor = 0;
  for (int n = 1; n <= 5; ++n) {
    const double floor = RetryDelaySeconds(p, n, 0.0);
    EXPECT_GT(floor, previous_floor) << n;
    previous_floor = floor;
  }
}

}  // namespace
}  // namespace vigil::notifiers
