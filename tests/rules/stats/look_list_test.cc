#include "rules/stats/look_list.h"

#include <gtest/gtest.h>

namespace vigil::stats {
namespace {

TEST(StatsLookList, ParsesRangesAndLists) {
  Result<std::vector<int>> range = ParseLooks("1..40");
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 40u);
  EXPECT_EQ(range->front(), 1);
  EXPECT_EQ(range->back(), 40);
  Result<std::vector<int>> list = ParseLooks("20,40, 60 ,75");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<int>{20, 40, 60, 75}));
  Result<std::vector<int>> semicolons = ParseLooks("10;20;30;40");
  ASSERT_TRUE(semicolons.ok());
  EXPECT_EQ(*semicolons, (std::vector<int>{10, 20, 30, 40}));
}

TEST(StatsLookList, RejectsBadLooksNamingTheFlag) {
  for (const char* text : {"", "10,5", "0,5", "a,b", "5..2", "0..3", "3,,4", "2.5"}) {
    Result<std::vector<int>> looks = ParseLooks(text);
    ASSERT_FALSE(looks.ok()) << text;
    EXPECT_EQ(looks.status().message().rfind("--looks", 0), 0u) << looks.status().message();
  }
}

TEST(StatsLookList, ParsesStopAtWithNa) {
  Result<std::vector<std::optional<int>>> stop = ParseStopAt("NA;2,3");
  ASSERT_TRUE(stop.ok());
  ASSERT_EQ(stop->size(), 3u);
  EXPECT_FALSE((*stop)[0].has_value());
  EXPECT_EQ((*stop)[2], std::optional<int>(3));
  EXPECT_FALSE(ParseStopAt("1,-2").ok());
  EXPECT_FALSE(ParseStopAt("1,x").ok());
}

TEST(StatsLookList, ParsesProbabilitiesAndEnums) {
  Result<std::vector<double>> p = ParseProbabilities("0.2, 0.3", "--p-true");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (std::vector<double>{0.2, 0.3}));
  Result<std::vector<double>> bad = ParseProbabilities("1.3", "--p-true");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("--p-true", 0), 0u);
  EXPECT_EQ(ParseToxPriority("alt").value(), ToxPriority::kAlt);
  EXPECT_EQ(ParseToxPriority("null").value(), ToxPriority::kNull);
  EXPECT_FALSE(ParseToxPriority("Null").ok());
  EXPECT_EQ(ParseToxBoundarySide("hi").value(), ToxBoundarySide::kHigh);
  EXPECT_FALSE(ParseToxBoundarySide("high").ok());
}

}  // namespace
}  // namespace vigil::stats
