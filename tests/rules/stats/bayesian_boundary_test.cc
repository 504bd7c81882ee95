#include "rules/stats/bayesian_boundary.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/rules/stats/test_vectors.h"

namespace vigil::stats {
namespace {

using testing::ForEachVector;
using testing::LoadVectors;
using testing::VectorRow;

TEST(StatsBayesianBoundary, ReproducesPublicVectors) {
  const int rows = ForEachVector(LoadVectors("beta_boundary"), [](const VectorRow& v) {
    const BayesianRule rule{.prior = {v.Num("prior_a"), v.Num("prior_b")},
                            .threshold = v.Num("threshold_p"),
                            .cutoff = v.Num("cutoff_prob")};
    Result<std::optional<int>> x = MinEventsToStop(rule, v.Int("n"));
    ASSERT_TRUE(x.ok()) << x.status().message();
    if (v.IsNa("min_x_to_stop")) {
      EXPECT_FALSE(x->has_value()) << "got " << x->value_or(-1);
    } else {
      ASSERT_TRUE(x->has_value());
      EXPECT_EQ(**x, v.Int("min_x_to_stop"));
    }
  });
  EXPECT_GT(rows, 0);
}

// The whole tables BB1..BB7 of the reference (n = 1..40), taken from the
// stop_if_x_ge column of beta_boundary_oc where NA is written as n + 1.
TEST(StatsBayesianBoundary, MatchesTheBoundariesUsedForOperatingCharacteristics) {
  const std::map<std::string, BayesianRule> rules = {
      {"SC_BB1", {{1, 1}, 0.30, 0.90}}, {"SC_BB2", {{0.6, 1.4}, 0.30, 0.80}}, {"SC_BB4", {{0.2, 1.8}, 0.10, 0.90}},
      {"SC_BB5", {{1, 1}, 0.40, 0.95}}, {"SC_BB6", {{0.3, 0.7}, 0.35, 0.90}}, {"SC_BB7", {{2, 8}, 0.20, 0.90}},
  };
  int checked = 0;
  ForEachVector(LoadVectors("beta_boundary_oc"), [&](const VectorRow& v) {
    const std::string id = v.CaseId();
    const auto rule = rules.find(id.substr(0, id.find('_', 3)));
    if (rule == rules.end()) return;
    Result<StoppingBoundary> b = BayesianBoundary(rule->second, 40);
    ASSERT_TRUE(b.ok());
    const std::vector<int> expected = v.Ints("stop_if_x_ge");
    ASSERT_EQ(expected.size(), 40u);
    for (int n = 1; n <= 40; ++n) {
      EXPECT_EQ(b->min_x_to_stop[n - 1].value_or(n + 1), expected[n - 1]) << "n = " << n;
    }
    ++checked;
  });
  EXPECT_GE(checked, 6);
}

// BB3 and BB4 as written out in the reference ("x:nA-B").
TEST(StatsBayesianBoundary, FatalAndFistulaTypeRules) {
  struct Segment {
    int x, from, to;
  };
  auto check = [](const BayesianRule& rule, const std::vector<Segment>& segments) {
    Result<StoppingBoundary> b = BayesianBoundary(rule, 40);
    ASSERT_TRUE(b.ok());
    for (const Segment& s : segments) {
      for (int n = s.from; n <= s.to; ++n) {
        EXPECT_EQ(b->min_x_to_stop[n - 1], std::optional<int>(s.x)) << "n = " << n;
      }
    }
  };
  check({{0.5, 0.5}, 0.05, 0.80}, {{1, 1, 10}, {2, 11, 23}, {3, 24, 38}, {4, 39, 40}});
  check({{0.2, 1.8}, 0.10, 0.90}, {{2, 2, 5}, {3, 6, 11}, {4, 12, 18}, {5, 19, 25}, {6, 26, 32}, {7, 33, 40}});
}

TEST(StatsBayesianBoundary, CutoffIsStrict) {
  // At the x where the posterior equals the cutoff exactly the rule does not
  // stop; one event more does.
  const BayesianRule probe{{0.6, 1.4}, 0.3, 0.5};
  Result<double> at_four = PosteriorProbAbove(probe.prior, 12, 4, probe.threshold);
  ASSERT_TRUE(at_four.ok());
  BayesianRule rule = probe;
  rule.cutoff = *at_four;
  Result<std::optional<int>> x = MinEventsToStop(rule, 12);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(*x, std::optional<int>(5));
  rule.cutoff = std::nextafter(*at_four, 0.0);
  x = MinEventsToStop(rule, 12);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(*x, std::optional<int>(4));
}

TEST(StatsBayesianBoundary, NoStopPossibleIsNullopt) {
  // A high cutoff cannot be reached with few patients.
  Result<std::optional<int>> x = MinEventsToStop({{1, 1}, 0.40, 0.95}, 2);
  ASSERT_TRUE(x.ok());
  EXPECT_FALSE(x->has_value());
  Result<std::optional<int>> at_zero = MinEventsToStop({{1, 1}, 0.40, 0.95}, 0);
  ASSERT_TRUE(at_zero.ok());
  EXPECT_FALSE(at_zero->has_value());
}

TEST(StatsBayesianBoundary, NondecreasingByAtMostOnePerPatient) {
  Result<StoppingBoundary> b = BayesianBoundary({{0.2, 1.8}, 0.10, 0.90}, 500);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->looks.size(), 500u);
  EXPECT_FALSE(b->min_x_to_stop[0].has_value());  // 1 event in 1 patient is not enough
  for (std::size_t k = 1; k < b->looks.size(); ++k) {
    ASSERT_TRUE(b->min_x_to_stop[k].has_value());
    const int step = *b->min_x_to_stop[k] - b->min_x_to_stop[k - 1].value_or(b->looks[k - 1] + 1);
    EXPECT_TRUE(step == 0 || step == 1) << "n = " << b->looks[k];
  }
}

TEST(StatsBayesianBoundary, RejectsInvalidArgumentsNamingThem) {
  EXPECT_EQ(MinEventsToStop({{1, 1}, 0.3, 1.0}, 5).status().message().rfind("cutoff", 0), 0u);
  EXPECT_EQ(MinEventsToStop({{1, 1}, 1.3, 0.9}, 5).status().message().rfind("threshold", 0), 0u);
  EXPECT_EQ(MinEventsToStop({{-1, 1}, 0.3, 0.9}, 5).status().message().rfind("prior_a", 0), 0u);
  EXPECT_EQ(BayesianBoundary({{1, 1}, 0.3, 0.9}, 0).status().message().rfind("n_max", 0), 0u);
  EXPECT_EQ(BayesianBoundary({{1, 1}, 0.3, 0.9}, std::vector<int>{5, 5}).status().message().rfind("looks[2]", 0), 0u);
}

}  // namespace
}  // namespace vigil::stats
