// The toxbdry, SPRT and count methods against the reference vectors of
// tests/data (stopping_rules.md §2, §4): the rule fires exactly where the
// published boundary says.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "stopping_fixture.h"
#include "tests/rules/stats/test_vectors.h"

namespace vigil::stopping {
namespace {

using stats::testing::ForEachVector;
using stats::testing::LoadVectors;
using stats::testing::NearRule;
using stats::testing::VectorRow;
using testing::Cohort;
using testing::MustEvaluate;
using testing::OneRule;

std::string Rule(const std::string& method) {
  return R"({"id": "T", "title": "t", "event": {}, "window_days": 28, "method": )" + method + "}";
}

// TB03 = toxbdry(0.1, 0.3, 2:30), published in clinfun's documentation; a
// look at every n, so the boundary is r at n: fire iff x > lo_bdry.
TEST(StoppingToxbdry, PublishedConfigurationTB03) {
  const StoppingRule rule = OneRule(Rule(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_min": 2, "n_max": 30})"));
  int rows = 0;
  ForEachVector(LoadVectors("toxbdry_boundary"), [&](const VectorRow& v) {
    if (v.CaseId() != "TB03") return;
    ++rows;
    const int n = v.Int("n");
    const int r = v.Int("lo_bdry");
    for (int x = 0; x <= n; ++x) {
      SCOPED_TRACE("n = " + std::to_string(n) + ", x = " + std::to_string(x));
      const RuleState s = MustEvaluate(rule, Cohort(n, x));
      EXPECT_EQ(s.triggered, x > r);
      EXPECT_EQ(s.threshold, r + 1);
      EXPECT_EQ(s.statistic, x);
      EXPECT_EQ(s.boundary, r + 1 <= n ? std::optional(r + 1) : std::nullopt);
    }
  });
  EXPECT_EQ(rows, 29);
  // Below the first look (n = 2) no stop is possible.
  const RuleState one = MustEvaluate(rule, Cohort(1, 1));
  EXPECT_FALSE(one.triggered);
  EXPECT_EQ(one.boundary, std::nullopt);
  EXPECT_TRUE(std::isnan(one.threshold));
  EXPECT_TRUE(ToJson(one)["threshold"].is_null());
}

// TB01 = toxbdry(0.2, 0.35, c(20, 40, 60, 75)), also published: between looks
// the last look at or below n applies, after the last look the last one.
TEST(StoppingToxbdry, BetweenLooksTheLastLookAppliesTB01) {
  const StoppingRule rule = OneRule(Rule(R"({"type": "toxbdry", "p0": 0.2, "p1": 0.35, "looks": [20, 40, 60, 75]})"));
  std::map<int, int> r;  // look -> lo_bdry
  ForEachVector(LoadVectors("toxbdry_boundary"), [&](const VectorRow& v) {
    if (v.CaseId() == "TB01") r[v.Int("n")] = v.Int("lo_bdry");
  });
  ASSERT_EQ(r.size(), 4u);
  const struct {
    int n;
    int look;  // 0: before the first look
  } kAt[] = {{19, 0}, {20, 20}, {21, 20}, {39, 20}, {40, 40}, {59, 40}, {60, 60}, {74, 60}, {75, 75}, {90, 75}};
  for (const auto& at : kAt) {
    SCOPED_TRACE("n = " + std::to_string(at.n));
    if (at.look == 0) {
      EXPECT_FALSE(MustEvaluate(rule, Cohort(at.n, at.n)).triggered);
      continue;
    }
    EXPECT_FALSE(MustEvaluate(rule, Cohort(at.n, r[at.look])).triggered);
    EXPECT_TRUE(MustEvaluate(rule, Cohort(at.n, r[at.look] + 1)).triggered);
  }
}

TEST(StoppingToxbdry, HighSideIsSelectable) {
  // TB01's last look: lo_bdry 20, hi_bdry 21.
  const std::string design = R"("type": "toxbdry", "p0": 0.2, "p1": 0.35, "looks": [20, 40, 60, 75])";
  const StoppingRule lo = OneRule(Rule("{" + design + "}"));
  const StoppingRule hi = OneRule(Rule("{" + design + R"(, "side": "hi"})"));
  EXPECT_TRUE(MustEvaluate(lo, Cohort(75, 21)).triggered);
  EXPECT_FALSE(MustEvaluate(hi, Cohort(75, 21)).triggered);
  EXPECT_TRUE(MustEvaluate(hi, Cohort(75, 22)).triggered);
}

TEST(StoppingSprt, PublicBoundaryRows) {
  const int rows = ForEachVector(LoadVectors("sprt_boundary"), [&](const VectorRow& v) {
    const StoppingRule rule = OneRule(Rule(R"({"type": "sprt", "p0": )" + v.Str("p0") + R"(, "p1": )" + v.Str("p1") +
                                           R"(, "alpha": )" + v.Str("alpha") + R"(, "beta": )" + v.Str("beta") + "}"));
    const int n = v.Int("n");
    const int stop = v.Int("min_x_to_stop_tox");
    for (int x = 0; x <= n; ++x) {
      SCOPED_TRACE("x = " + std::to_string(x));
      const RuleState s = MustEvaluate(rule, Cohort(n, x));
      EXPECT_TRUE(NearRule(s.threshold, v.Num("log_A")));
      EXPECT_EQ(s.triggered, x >= stop);
      // Lambda_n >= log A exactly when x reaches the upper line.
      EXPECT_EQ(s.statistic >= s.threshold, x >= v.Num("upper_x_real"));
      EXPECT_EQ(s.boundary, stop <= n ? std::optional(stop) : std::nullopt);
      if (s.boundary) {
        EXPECT_EQ(s.distance, stop - x);
      }
    }
  });
  EXPECT_GE(rows, 13);
}

TEST(StoppingSprt, LogLikelihoodRatio) {
  // p0 = 0.2, p1 = 0.4: Lambda = x log(2) + (n - x) log(0.75).
  const StoppingRule rule = OneRule(Rule(R"({"type": "sprt", "p0": 0.2, "p1": 0.4, "alpha": 0.05, "beta": 0.2})"));
  const RuleState s = MustEvaluate(rule, Cohort(10, 4));
  EXPECT_TRUE(NearRule(s.statistic, 4 * std::log(2.0) + 6 * std::log(0.75)));
}

TEST(StoppingCount, FiresAtTheCount) {
  const StoppingRule rule = OneRule(Rule(R"({"type": "count", "events": 2})"));
  const struct {
    int n, x;
    bool triggered;
    std::optional<int> boundary, distance;
  } kCases[] = {
      {0, 0, false, std::nullopt, std::nullopt},
      {1, 1, false, std::nullopt, std::nullopt},
      {2, 1, false, 2, 1},
      {2, 2, true, 2, 0},
      {10, 0, false, 2, 2},
      {10, 3, true, 2, -1},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE("n = " + std::to_string(c.n) + ", x = " + std::to_string(c.x));
    const RuleState s = MustEvaluate(rule, Cohort(c.n, c.x));
    EXPECT_EQ(s.triggered, c.triggered);
    EXPECT_EQ(s.boundary, c.boundary);
    EXPECT_EQ(s.distance, c.distance);
    EXPECT_EQ(s.statistic, c.x);
    EXPECT_EQ(s.threshold, 2);
  }
}

TEST(StoppingRuleState, JsonKeys) {
  const StoppingRule rule = OneRule(Rule(R"({"type": "count", "events": 2})"));
  const RuleState s = MustEvaluate(rule, Cohort(5, 3), "B");
  EXPECT_EQ(ToJson(s), nlohmann::json::parse(R"({"id": "T", "cohort": "B", "method": "count", "events": 3,
      "evaluable": 5, "statistic": 3.0, "threshold": 2.0, "boundary": 2, "distance": -1, "triggered": true})"));
  const RuleState none = MustEvaluate(rule, Cohort(1, 0), "ALL");
  EXPECT_TRUE(ToJson(none)["boundary"].is_null());
  EXPECT_TRUE(ToJson(none)["distance"].is_null());
  EXPECT_EQ(ToJson(none)["cohort"], "ALL");
}

TEST(StoppingRulePopulations, CohortsThenPooled) {
  StoppingRule r;
  EXPECT_EQ(Populations(r, {"A", "B"}), (std::vector<std::string>{"A", "B"}));
  r.cohorts = {"A"};
  r.pooled = true;
  EXPECT_EQ(Populations(r, {"A", "B"}), (std::vector<std::string>{"A", "ALL"}));
}

}  // namespace
}  // namespace vigil::stopping
