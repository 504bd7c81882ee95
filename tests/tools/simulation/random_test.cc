// The building blocks of reproducibility: the engine, the hand-written
// transforms, fixed-point formatting and the calendar.
#include "tools/simulation/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "tools/simulation/calendar.h"

namespace vigil::simulation {
namespace {

TEST(SimulationRandom, EngineIsTheStandardMersenneTwister) {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64.
  Random rng(5489u);
  for (int i = 0; i < 9999; ++i) rng.Next();
  EXPECT_EQ(rng.Next(), 9981545732273789042ULL);
}

TEST(SimulationRandom, TransformsArePinned) {
  // If these change, every seed gives a different trial: change them only on
  // purpose, and say so in tools/simulation/README.md.
  Random rng(42);
  std::vector<int> between;
  for (int i = 0; i < 6; ++i) between.push_back(rng.Between(0, 999));
  EXPECT_EQ(between, (std::vector<int>{406, 824, 450, 662, 381, 428}));
  EXPECT_EQ(rng.NormalQ32(), 1909901534LL);
  EXPECT_EQ(Skewed(rng, ToScaled(20), 400), 78994);
}

TEST(SimulationRandom, BetweenCoversItsRangeInclusive) {
  Random rng(1);
  std::set<int> seen;
  for (int i = 0; i < 2000; ++i) {
    const int v = rng.Between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(rng.Between(5, 5), 5);
}

TEST(SimulationRandom, ChanceHasItsRate) {
  Random rng(2);
  int hits = 0;
  for (int i = 0; i < 100000; ++i) hits += rng.Chance(250);
  EXPECT_NEAR(hits / 100000.0, 0.25, 0.01);
  EXPECT_FALSE(rng.Chance(0));
  EXPECT_TRUE(rng.Chance(1000));
}

TEST(SimulationRandom, NormalIsStandardAndBounded) {
  Random rng(3);
  double sum = 0, sum2 = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double z = static_cast<double>(rng.NormalQ32()) / 4294967296.0;
    ASSERT_LE(std::abs(z), 6.0);
    sum += z;
    sum2 += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.02);
  EXPECT_NEAR(std::sqrt(sum2 / n), 1.0, 0.02);
}

TEST(SimulationRandom, SkewedIsPositiveAroundItsMedian) {
  Random rng(4);
  std::vector<Scaled> v;
  for (int i = 0; i < 20001; ++i) {
    v.push_back(Skewed(rng, ToScaled(20), 400));
    ASSERT_GT(v.back(), 0);
  }
  std::nth_element(v.begin(), v.begin() + 10000, v.end());
  EXPECT_NEAR(static_cast<double>(v[10000]) / kScale, 20.0, 0.6);
}

TEST(SimulationRandom, StreamsAreIndependentOfEachOther) {
  EXPECT_NE(Random::StreamSeed(7, 0, 1), Random::StreamSeed(7, 1, 1));
  EXPECT_NE(Random::StreamSeed(7, 0, 1), Random::StreamSeed(7, 0, 2));
  EXPECT_NE(Random::StreamSeed(7, 0, 1), Random::StreamSeed(8, 0, 1));
  EXPECT_EQ(Random::StreamSeed(7, 3, 1), Random::StreamSeed(7, 3, 1));
}

TEST(SimulationScaled, FormatsRoundingHalfAwayFromZero) {
  struct Case {
    Scaled value;
    int decimals;
    const char* text;
  };
  const Case cases[] = {
      {12345, 2, "1.23"},
      {12350, 2, "1.24"},
      {-12350, 2, "-1.24"},
      {50000, 0, "5"},
      {5, 1, "0.0"},
      {1234567, 1, "123.5"},
      {0, 2, "0.00"},
      {ToScaled(0.66), 2, "0.66"},
      {ToScaled(1.8), 1, "1.8"},
      {ToScaled(149.5), 0, "150"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatScaled(c.value, c.decimals), c.text) << c.value;
}

TEST(SimulationCalendar, DatesRoundTrip) {
  const auto d = ParseIsoDay("2026-03-02");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, 20514);
  EXPECT_EQ(Weekday(*d), 0);  // a Monday
  EXPECT_EQ(IsoDate(*d + 365), "2027-03-02");
  EXPECT_EQ(IsoDateTime(*d, 7 * 60 + 5), "2026-03-02T07:05");
  EXPECT_TRUE(ParseIsoDay("2028-02-29"));
  for (const char* bad : {"2026-02-29", "2026-02-30", "2026-3-02", "2026-13-01", "2026-03-02T08:00", "", "yesterday"}) {
    EXPECT_FALSE(ParseIsoDay(bad)) << bad;
  }
  for (Day day = DayFromCivil(1999, 12, 25); day < DayFromCivil(2031, 1, 5); day += 13) {
    EXPECT_EQ(ParseIsoDay(IsoDate(day)), day);
  }
}

}  // namespace
}  // namespace vigil::simulation
