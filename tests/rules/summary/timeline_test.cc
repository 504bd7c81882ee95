// A subject's timeline cut at a date: which events, deaths, lab grades and
// how much exposure count as of each cut-off; and the stored form.
#include "rules/summary/timeline.h"

#include <gtest/gtest.h>

namespace vigil::summary {
namespace {

// Dosed 2026-01-01 .. 2026-03-01 (follow-up 30 days: exposed to 03-31).
// A grade 2 AE on 02-01, a fatal one on 04-10; ALT baseline grade 0, grade 1
// on 01-15, grade 3 on 02-20 (so grade >= 1 first reached 01-15).
SubjectTimeline Example() {
  SubjectTimeline t{.usubjid = "S1", .cohort = "A", .first_dose = "2026-01-01", .last_dose = "2026-03-01",
                    .latest_exposure_start = "2026-02-20"};
  TimelineEvent rash{.fact = {.pt = "Rash", .soc = "Skin", .grade = 2, .categories = {"immune_related"},
                              .onset_day = 31},
                     .onset = "2026-02-01"};
  TimelineEvent death{.fact = {.pt = "Haemorrhage", .soc = "Vascular", .grade = 5, .serious = true, .fatal = true,
                               .related = true, .onset_day = 99},
                      .onset = "2026-04-10", .end = "2026-04-12"};
  t.adverse_events = {rash, death};
  LabReach alt{.term = "Alanine aminotransferase increased", .baseline_grade = 0};
  alt.reached[0] = "2026-01-15";
  alt.reached[1] = "2026-01-15";
  alt.reached[2] = "2026-02-20";
  alt.reached[3] = "2026-02-20";
  t.labs = {alt};
  return t;
}

TEST(Timeline, FactsAtEachCutOff) {
  struct Row {
    const char* cutoff;
    std::size_t events;
    std::optional<int> worst_alt;
    bool died;
    double exposure_days;
  };
  const Row rows[] = {
      {"2025-12-31", 0, std::nullopt, false, 0},  // before the first dose: not treated
      {"2026-01-20", 0, 1, false, 20},            // first dose .. cut-off, both counted
      {"2026-02-20", 1, 3, false, 51},
      {"2026-04-11", 2, 3, true, 90},              // last dose + 30 days comes first
      {"2026-12-31", 2, 3, true, 90},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.cutoff);
    const SubjectFacts f = FactsAt(Example(), r.cutoff, 30);
    EXPECT_EQ(f.adverse_events.size(), r.events);
    ASSERT_EQ(f.labs.size(), 1u);
    EXPECT_EQ(f.labs[0].baseline_grade, 0);
    EXPECT_EQ(f.labs[0].worst_grade, r.worst_alt);
    EXPECT_EQ(f.died, r.died);
    EXPECT_DOUBLE_EQ(f.exposure_years * 365.25, r.exposure_days);
    EXPECT_EQ(f.treated, r.exposure_days > 0);
  }
}

TEST(Timeline, DeathEndsExposureAtTheEarlierDate) {
  SubjectTimeline t = Example();
  t.last_dose = "2026-04-30";  // still dosed when the fatal event began
  const SubjectFacts f = FactsAt(t, "2026-12-31", 30);
  ASSERT_TRUE(f.death_day);
  EXPECT_EQ(*f.death_day, 101);  // the fatal event ended 04-12
  EXPECT_DOUBLE_EQ(f.exposure_years * 365.25, 102);
}

TEST(Timeline, ACutOffBeforeAnExposureNeedsTheRecords) {
  EXPECT_TRUE(NeedsRecordsAt(Example(), "2026-02-19"));
  EXPECT_FALSE(NeedsRecordsAt(Example(), "2026-02-20"));
  SubjectTimeline untreated{.usubjid = "S2", .cohort = "B"};
  EXPECT_FALSE(NeedsRecordsAt(untreated, "2026-01-01"));
}

TEST(Timeline, StoredFormRoundTrips) {
  const SubjectTimeline t = Example();
  auto back = TimelineFromJson(TimelineToJson(t).dump());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(TimelineToJson(*back), TimelineToJson(t));
  ASSERT_EQ(back->adverse_events.size(), 2u);
  EXPECT_TRUE(back->adverse_events[1].fact.fatal);
  EXPECT_EQ(back->adverse_events[0].fact.categories, std::vector<std::string>{"immune_related"});
  auto bad = TimelineFromJson("{\"usubjid\": 1}");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("subject timeline"), std::string::npos);
}

}  // namespace
}  // namespace vigil::summary
