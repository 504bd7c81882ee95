// The example trial's Bayesian rules reproduce the boundary tables of
// clinical.md §3(b) ("pause when events >= ... among n evaluable"), loaded
// from rules/stopping/example_rules.json: at every n from 1 to 40 the
// boundary is the table's, and a cohort fed one evaluable patient at a time
// triggers at exactly the patient the table says, not one earlier.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "stopping_fixture.h"

namespace vigil::stopping {
namespace {

using testing::Cohort;
using testing::Completed;
using testing::LoadText;
using testing::MustEvaluate;

// The tables of clinical.md §3(b), transcribed as "n_from-n_to:events"; an n
// outside every range has no stop (the table starts at n = 3).
const std::map<std::string, std::string> kTables = {
    {"R1", "3-10:2 11-22:3 23-35:4 36-40:5"},
    {"R2a", "3-5:2 6-11:3 12-18:4 19-25:5 26-32:6 33-40:7"},
    {"R2b", "3-10:2 11-22:3 23-35:4 36-40:5"},  // "as R1"
    {"R3", "3-10:2 11-22:3 23-35:4 36-40:5"},
    {"R4", "3-10:2 11-22:3 23-35:4 36-40:5"},
    {"R5", "3-5:2 6-11:3 12-18:4 19-25:5 26-32:6 33-40:7"},  // "as R2a"
    {"R6",
     "3-3:3 4-4:4 5-6:5 7-8:6 9-10:7 11-12:8 13-14:9 15-16:10 17-18:11 19-20:12 21-22:13 23-24:14 25-26:15 "
     "27-28:16 29-30:17 31-32:18 33-35:19 36-37:20 38-39:21 40-40:22"},
    {"R7",
     "4-4:4 5-5:5 6-6:6 7-7:7 8-9:8 10-10:9 11-12:10 13-13:11 14-14:12 15-16:13 17-17:14 18-19:15 20-20:16 "
     "21-22:17 23-23:18 24-25:19 26-26:20 27-28:21 29-29:22 30-31:23 32-32:24 33-34:25 35-35:26 36-37:27 "
     "38-38:28 39-40:29"},
};

// Minimum events that pause at each n = 1..40 (index n), per the table.
std::vector<std::optional<int>> Expand(const std::string& table) {
  std::vector<std::optional<int>> out(41);
  std::istringstream in(table);
  std::string cell;
  while (in >> cell) {
    int from = 0, to = 0, k = 0;
    char dash = 0, colon = 0;
    std::istringstream c(cell);
    c >> from >> dash >> to >> colon >> k;
    for (int n = from; n <= to; ++n) out[n] = k;
  }
  return out;
}

std::map<std::string, StoppingRule> ExampleRules() {
  testing::Loaded l = LoadText(testing::ReadSourceFile("rules/stopping/example_rules.json"));
  EXPECT_TRUE(l.issues.empty()) << l.issues.Joined();
  std::map<std::string, StoppingRule> out;
  for (const auto& r : l.rules) out[r.id] = r;
  return out;
}

TEST(StoppingBoundaryTable, EveryCellOfTheClinicalTables) {
  const auto rules = ExampleRules();
  for (const auto& [id, table] : kTables) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(rules.contains(id));
    const StoppingRule& rule = rules.at(id);
    const auto expected = Expand(table);
    for (int n = 1; n <= 40; ++n) {
      for (int x = 0; x <= n; ++x) {
        SCOPED_TRACE("n = " + std::to_string(n) + ", x = " + std::to_string(x));
        const RuleState s = MustEvaluate(rule, Cohort(n, x));
        EXPECT_EQ(s.evaluable, n);
        EXPECT_EQ(s.events, x);
        EXPECT_EQ(s.boundary, expected[n]);
        EXPECT_EQ(s.triggered, expected[n] && x >= *expected[n]);
        // Where the table allows a stop, the rule is the posterior against
        // the cutoff, strict.
        if (expected[n]) {
          EXPECT_EQ(s.triggered, s.statistic > s.threshold);
        }
      }
    }
  }
}

// The boundary line a chart draws is the table, whatever the events.
TEST(StoppingBoundaryTable, BoundaryAtEveryNIsTheTables) {
  const auto rules = ExampleRules();
  for (const auto& [id, table] : kTables) {
    const auto expected = Expand(table);
    for (int n = 0; n <= 40; ++n) {
      auto b = BoundaryAt(rules.at(id), n);
      ASSERT_TRUE(b.ok()) << b.status().message();
      EXPECT_EQ(*b, n == 0 ? std::nullopt : expected[n]) << id << " n = " << n;
    }
  }
  EXPECT_FALSE(BoundaryAt(rules.at("R1"), -1).ok());
}

// Cohorts as they accrue: the k-th patient to become evaluable has the event
// when pattern[k % size] is 'E'.
TEST(StoppingBoundaryTable, FedOnePatientAtATimeTriggersAtTheTablesPatient) {
  const auto rules = ExampleRules();
  const std::vector<std::string> patterns = {"E",   "EE.",    "E..",   "E...",  "E.........",
                                             "..E", ".E.E..", "EEEE.", "E.E.EE"};
  int checked = 0;
  for (const auto& [id, table] : kTables) {
    const StoppingRule& rule = rules.at(id);
    const auto stop_at = Expand(table);
    for (const std::string& pattern : patterns) {
      SCOPED_TRACE(id + " pattern " + pattern);
      // From the table alone: the first n whose cumulative events reach it.
      std::optional<int> expected;
      int x = 0;
      for (int n = 1; n <= 40 && !expected; ++n) {
        x += pattern[(n - 1) % pattern.size()] == 'E';
        if (stop_at[n] && x >= *stop_at[n]) expected = n;
      }
      std::vector<PatientCourse> cohort;
      std::optional<int> fired;
      for (int n = 1; n <= 40 && !fired; ++n) {
        cohort.push_back(Completed(n, pattern[(n - 1) % pattern.size()] == 'E'));
        if (MustEvaluate(rule, cohort).triggered) fired = n;
      }
      EXPECT_EQ(fired, expected);
      checked += expected.has_value();
    }
  }
  EXPECT_GT(checked, 40);
}

}  // namespace
}  // namespace vigil::stopping
