// Stopping rules from subjects' courses: who is evaluable and which events
// count as of a cut-off, against the boundary of the example plan's R1
// (clinical.md §3(b): Beta prior mean 0.05, ESS 2; cut 0.90; pause at >= 2
// events among 3-10 evaluable, >= 3 among 11-22).
#include "daemon/safety/rule_courses.h"

#include <gtest/gtest.h>

#include "config/load.h"

namespace vigil {
namespace {

store::RuleCourseRow Course(const std::string& usubjid, const std::string& first, const std::string& event = "",
                            const std::string& death = "") {
  return {.rule_id = "R1",
          .usubjid = usubjid,
          .cohort = "A",
          .first_dose = first,
          .death = death,
          .event = event,
          .follow_up_end = ""};
}

stopping::RuleState R1InCohortA(const std::vector<store::RuleCourseRow>& courses, const std::string& cutoff) {
  auto config = config::LoadExampleConfig();
  EXPECT_TRUE(config.ok());
  auto states = EvaluateRules(*config, courses, cutoff);
  EXPECT_TRUE(states.ok()) << states.status().message();
  for (const stopping::RuleState& s : *states) {
    if (s.rule_id == "R1" && s.cohort == "A") return s;
  }
  ADD_FAILURE() << "no R1 for cohort A";
  return {};
}

TEST(RuleCourses, EvaluablePatientsAndEventsAsOfACutOff) {
  // R1's window is 56 days. As of 2026-03-31: P1-P3 dosed 01-01 completed
  // it; P4 dosed 03-01 has not and had no event; P5 dosed 03-01 died of a
  // qualifying event on 03-10 (evaluable at once); P6 is dosed after the
  // cut-off; P7's event came before its first dose.
  const std::vector<store::RuleCourseRow> courses = {
      Course("P1", "2026-01-01"),
      Course("P2", "2026-01-01", "2026-02-01", "2026-02-01"),
      Course("P3", "2026-01-01"),
      Course("P4", "2026-03-01"),
      Course("P5", "2026-03-01", "2026-03-10", "2026-03-10"),
      Course("P6", "2026-04-15", "2026-04-20"),
      Course("P7", "2026-01-01", "2025-12-20"),
  };
  const stopping::RuleState s = R1InCohortA(courses, "2026-03-31");
  EXPECT_EQ(s.evaluable, 5);  // P1, P2, P3, P5, P7
  EXPECT_EQ(s.events, 2);     // P2, P5
  EXPECT_EQ(s.boundary, 2);
  EXPECT_TRUE(s.triggered);

  // As of 2026-02-15 (45 days after the first doses): only P2, by its event.
  const stopping::RuleState early = R1InCohortA(courses, "2026-02-15");
  EXPECT_EQ(early.evaluable, 1);
  EXPECT_EQ(early.events, 1);
  EXPECT_FALSE(early.triggered);
}

TEST(RuleCourses, BadCutOffIsAnError) {
  auto config = config::LoadExampleConfig();
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(EvaluateRules(*config, {}, "2026-03").ok());
}

}  // namespace
}  // namespace vigil
