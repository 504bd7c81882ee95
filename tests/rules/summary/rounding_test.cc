// Numbers as people read them: one decimal for percentages, two for rates,
// three for cumulative incidences; one printed value per estimate.
#include "rules/summary/rounding.h"

#include <gtest/gtest.h>

namespace vigil::summary {
namespace {

using nlohmann::json;

TEST(Rounding, HalfAwayFromZeroAfterSnapping) {
  EXPECT_EQ(RoundHalfAway(66.66666666666667, 1), 66.7);
  EXPECT_EQ(RoundHalfAway(12.45, 1), 12.5);       // 12.45 is 12.4499999... in binary
  EXPECT_EQ(RoundHalfAway(1.005, 2), 1.01);       // 1.00499999999999989...
  EXPECT_EQ(RoundHalfAway(0.1234999, 3), 0.123);  // 1e-7 below a half is below it
  EXPECT_EQ(RoundHalfAway(-2.5, 0), -3.0);
  EXPECT_EQ(RoundHalfAway(-0.04, 1), 0.0);
  EXPECT_FALSE(std::signbit(RoundHalfAway(-0.04, 1)));
  // Kaplan-Meier and Aalen-Johansen of one estimate, a rounding error apart,
  // on either side of a half: one printed value.
  EXPECT_EQ(RoundHalfAway(0.3125 - 1e-15, 3), RoundHalfAway(0.3125 + 1e-15, 3));
  EXPECT_EQ(RoundHalfAway(0.3125 - 1e-15, 3), 0.313);
}

TEST(Rounding, TheDocumentByKey) {
  json doc = json::parse(R"({
    "precision": "full", "patient_years": 0.747433264887064,
    "definitions": {"teae_window_days": 30},
    "cohorts": [{"id": "A", "treated": 3, "patient_years": 1.23456,
      "any_ae": {"subjects": 2, "pct": 66.66666666666667, "ci95": [9.43, 99.1596],
                 "exposure_adjusted": {"per_100py": 521.3333, "ci95": [63.1349, 1883.27], "time_at_risk_py": 0.38363},
                 "event_rate": {"events": 4, "per_100py": 152.777, "ci95": [41.6251, 391.153], "exposure_py": 2.61834}},
      "time_to_first_grade3plus": {"immune_related": {"days": [90, 180], "kaplan_meier": [0.33333333, 0.5],
                                                      "aalen_johansen": [0.3333333333333, 0.49999999999999]}},
      "stopping_rules": [{"statistic": 0.899999999, "threshold": 0.9}]}],
    "stopping_rules_pooled": [{"statistic": 0.123456789}]})");
  RoundForReading(doc);
  EXPECT_EQ(doc["precision"], "rounded");
  const json& a = doc["cohorts"][0];
  EXPECT_EQ(a["patient_years"], 1.23);
  EXPECT_EQ(a["treated"], 3);
  EXPECT_EQ(a["any_ae"]["pct"], 66.7);
  EXPECT_EQ(a["any_ae"]["ci95"], json({9.4, 99.2}));
  EXPECT_EQ(a["any_ae"]["exposure_adjusted"],
            json({{"per_100py", 521.33}, {"ci95", {63.13, 1883.27}}, {"time_at_risk_py", 0.38}}));
  EXPECT_EQ(a["any_ae"]["event_rate"]["ci95"], json({41.63, 391.15}));
  EXPECT_EQ(a["any_ae"]["event_rate"]["exposure_py"], 2.62);
  const json& ttf = a["time_to_first_grade3plus"]["immune_related"];
  EXPECT_EQ(ttf["kaplan_meier"], json({0.333, 0.5}));
  EXPECT_EQ(ttf["kaplan_meier"], ttf["aalen_johansen"]);
  EXPECT_EQ(ttf["days"], json({90, 180}));
  // Stopping rules keep every digit: a statistic is read against its threshold.
  EXPECT_EQ(a["stopping_rules"][0]["statistic"], 0.899999999);
  EXPECT_EQ(doc["stopping_rules_pooled"][0]["statistic"], 0.123456789);
}

}  // namespace
}  // namespace vigil::summary
