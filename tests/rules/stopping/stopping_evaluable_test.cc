// Who counts (stopping_rules.md §8.4, clinical.md §3(b)): the denominator is
// the patients who completed the rule's observation window or had the event;
// the numerator the patients with their first qualifying event by the cut.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stopping_fixture.h"

namespace vigil::stopping {
namespace {

// A 56-day window (8 weeks); first dose on day 100.
struct Case {
  const char* what;
  long observed_through;      // cut-off, death or end of follow-up
  std::optional<long> event;  // onset of the first qualifying event
  bool evaluable;
  bool event_counted;
};

const Case kCases[] = {
    {"inside the window, no event: not yet counted", 155, std::nullopt, false, false},
    {"window completed to the day, no event: evaluable", 156, std::nullopt, true, false},
    {"followed beyond the window, no event", 400, std::nullopt, true, false},
    {"event inside the window: counted at once", 110, 110, true, true},
    {"event on day of first dose", 100, 100, true, true},
    {"event inside the window, cut later", 120, 105, true, true},
    {"event after the window, before the cut: still counted", 300, 250, true, true},
    {"event after the cut, window not completed: unknown at the cut", 130, 140, false, false},
    {"event after the cut, window completed: evaluable without event", 200, 210, true, false},
    {"died on day 20 without the event: not evaluable", 120, std::nullopt, false, false},
};

TEST(StoppingEvaluable, OnePatientTable) {
  const StoppingRule rule = testing::OneRule(R"({"id": "X", "title": "t", "event": {}, "window_days": 56,
      "method": {"type": "count", "events": 1}})");
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const std::vector<PatientCourse> one = {
        {.usubjid = "S1", .first_dose_day = 100, .observed_through_day = c.observed_through, .event_day = c.event}};
    const RuleState s = testing::MustEvaluate(rule, one);
    EXPECT_EQ(s.evaluable, c.evaluable ? 1 : 0);
    EXPECT_EQ(s.events, c.event_counted ? 1 : 0);
    EXPECT_EQ(s.triggered, c.event_counted);
  }
}

TEST(StoppingEvaluable, CountsPatientsOfTheGivenPopulation) {
  const std::vector<PatientCourse> patients = {
      {.usubjid = "S1", .first_dose_day = 0, .observed_through_day = 60, .event_day = 5},
      {.usubjid = "S2", .first_dose_day = 0, .observed_through_day = 60, .event_day = {}},
      {.usubjid = "S3", .first_dose_day = 30, .observed_through_day = 60, .event_day = {}},  // 30 days: too early
      {.usubjid = "S4", .first_dose_day = 30, .observed_through_day = 60, .event_day = 59},
      {.usubjid = "S5", .first_dose_day = 50, .observed_through_day = 60, .event_day = 61},  // after the cut
  };
  const Result<Tally> t = CountPatients(56, patients);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->evaluable, 3);
  EXPECT_EQ(t->events, 2);
}

TEST(StoppingEvaluable, APatientCountsOnce) {
  const std::vector<PatientCourse> twice = {testing::Completed(1, true), testing::Completed(1, false)};
  const Result<Tally> t = CountPatients(56, twice);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("P1"), std::string::npos) << t.status().message();
  const StoppingRule rule = testing::OneRule(R"({"id": "X", "title": "t", "event": {}, "window_days": 56,
      "method": {"type": "count", "events": 1}})");
  EXPECT_FALSE(Evaluate(rule, "A", twice).ok());
  EXPECT_FALSE(Evaluate(rule, "", testing::Cohort(3, 0)).ok());
}

TEST(StoppingEvaluable, MinEvaluableHoldsTheTriggerBack) {
  const StoppingRule rule = testing::OneRule(R"({"id": "X", "title": "t", "event": {}, "window_days": 56,
      "min_evaluable": 3, "method": {"type": "count", "events": 1}})");
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    const RuleState s = testing::MustEvaluate(rule, testing::Cohort(n, 1));
    EXPECT_EQ(s.triggered, n >= 3);
    EXPECT_EQ(s.boundary, n >= 3 ? std::optional(1) : std::nullopt);
    EXPECT_EQ(s.distance, n >= 3 ? std::optional(0) : std::nullopt);
  }
}

}  // namespace
}  // namespace vigil::stopping
