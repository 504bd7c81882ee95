// A subject's timeline cut at a date: which events, deaths, lab grades and
// how much exposure count as of each cut-off; and the stored form.
#include "rules/summary/timeline.h"

#include <gtest/gtest.h>

#include "rules/categories/day_range.h"

namespace vigil::summary {
namespace {

constexpr TreatmentWindows kWindows{.teae_days = 30, .irae_days = 90};

// Dosed 2026-01-01 .. 2026-03-01 (follow-up 30 days: exposed to 03-31).
// A grade 2 AE on 02-01, a fatal one on 04-10; ALT baseline grade 0, grade 1
// on 01-15, grade 3 on 02-20 (so grade >= 1 first reached 01-15).
SubjectTimeline Example() {
  SubjectTimeline t{.usubjid = "S1",
                    .cohort = "A",
                    .first_dose = "2026-01-01",
                    .last_dose = "2026-03-01",
                    .latest_exposure_start = "2026-02-20"};
  TimelineEvent rash{
      .fact = {.pt = "Rash", .soc = "Skin", .grade = 2, .categories = {"immune_related"}, .onset_day = 31},
      .onset = "2026-02-01"};
  TimelineEvent death{.fact = {.pt = "Haemorrhage",
                               .soc = "Vascular",
                               .grade = 5,
                               .serious = true,
                               .fatal = true,
                               .related = true,
                               .onset_day = 99},
                      .onset = "2026-04-10",
                      .end = "2026-04-12"};
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
      {"2026-04-11", 2, 3, true, 90},  // last dose + 30 days comes first
      {"2026-12-31", 2, 3, true, 90},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.cutoff);
    const SubjectFacts f = FactsAt(Example(), r.cutoff, kWindows);
    EXPECT_EQ(f.adverse_events.size(), r.events);
    ASSERT_EQ(f.labs.size(), 1u);
    EXPECT_EQ(f.labs[0].baseline_grade, 0);
    EXPECT_EQ(f.labs[0].worst_grade, r.worst_alt);
    EXPECT_EQ(f.died, r.died);
    // The fatal haemorrhage began 04-10, 40 days after the last dose: after
    // the 30-day window, so its death is not treatment-emergent.
    EXPECT_FALSE(f.death_treatment_emergent);
    EXPECT_DOUBLE_EQ(f.exposure_years * 365.25, r.exposure_days);
    EXPECT_EQ(f.treated, r.exposure_days > 0);
  }
}

TEST(Timeline, DeathEndsExposureAtTheEarlierDate) {
  SubjectTimeline t = Example();
  t.last_dose = "2026-04-30";  // still dosed when the fatal event began
  const SubjectFacts f = FactsAt(t, "2026-12-31", kWindows);
  ASSERT_TRUE(f.death_day);
  EXPECT_EQ(*f.death_day, 101);  // the fatal event ended 04-12
  EXPECT_DOUBLE_EQ(f.exposure_years * 365.25, 102);
}

// Each event's emergence at a cut-off after everything: the rash (an irAE,
// day 31) is treatment-emergent; the haemorrhage 40 days after the last dose
// is after the 30-day window; the same event immune-related would be within
// the 90-day one.
TEST(Timeline, EachEventCarriesItsEmergence) {
  SubjectFacts f = FactsAt(Example(), "2026-12-31", kWindows);
  ASSERT_EQ(f.adverse_events.size(), 2u);  // sorted: Skin, then Vascular
  EXPECT_EQ(f.adverse_events[0].emergence, Emergence::kTreatmentEmergent);
  EXPECT_EQ(f.adverse_events[1].emergence, Emergence::kPostWindow);
  SubjectTimeline t = Example();
  t.adverse_events[1].fact.categories = {"immune_related"};
  f = FactsAt(t, "2026-12-31", kWindows);
  EXPECT_EQ(f.adverse_events[1].emergence, Emergence::kTreatmentEmergent);
  EXPECT_TRUE(f.death_treatment_emergent);
  EXPECT_DOUBLE_EQ(f.irae_observation_days, 101);  // to the death: the fatal event ended 04-12
  EXPECT_DOUBLE_EQ(f.observation_days, 89);        // last dose + 30 days came first
  ASSERT_TRUE(f.last_dose_day);
  EXPECT_DOUBLE_EQ(*f.last_dose_day, 59);
}

// A subject never dosed: every event is the untreated subject's, a DM death
// is no treatment-emergent death, and nothing is exposed.
TEST(Timeline, AnUntreatedSubjectsEventsAreUntreated) {
  SubjectTimeline t{.usubjid = "S3", .cohort = "B", .dm_death = true, .dm_death_date = "2026-03-01"};
  t.adverse_events = {TimelineEvent{.fact = {.pt = "Nausea", .grade = 3}, .onset = "2026-02-01"}};
  const SubjectFacts f = FactsAt(t, "2026-12-31", kWindows);
  EXPECT_FALSE(f.treated);
  EXPECT_TRUE(f.died);
  EXPECT_FALSE(f.death_treatment_emergent);
  ASSERT_EQ(f.adverse_events.size(), 1u);
  EXPECT_EQ(f.adverse_events[0].emergence, Emergence::kUntreated);
  EXPECT_EQ(f.exposure_years, 0);
}

// A partial onset of a treatment-emergent event gets the earliest day it can
// be (ADaM imputation), so it enters time-to-event and time-at-risk.
TEST(Timeline, APartialOnsetIsImputedToItsEarliestDay) {
  SubjectTimeline t = Example();
  t.adverse_events = {TimelineEvent{.fact = {.pt = "Colitis", .grade = 3}, .onset = "2026-02"},
                      TimelineEvent{.fact = {.pt = "Rash", .grade = 1}, .onset = ""}};
  const SubjectFacts f = FactsAt(t, "2026-12-31", kWindows);
  ASSERT_EQ(f.adverse_events.size(), 2u);  // sorted by PT: Colitis, Rash
  EXPECT_TRUE(f.adverse_events[0].onset_imputed);
  EXPECT_EQ(f.adverse_events[0].onset_day, 31);  // 2026-02-01
  EXPECT_EQ(f.adverse_events[1].onset_day, 0);   // missing: the first dose
  EXPECT_EQ(f.adverse_events[1].emergence, Emergence::kTreatmentEmergent);
}

// Consent after the cut-off: not yet enrolled then.
TEST(Timeline, EnrolmentIsAsOfTheCutOff) {
  SubjectTimeline t{.usubjid = "S4", .cohort = "A", .consent = "2026-05-10"};
  EXPECT_FALSE(FactsAt(t, "2026-05-09", kWindows).enrolled);
  EXPECT_TRUE(FactsAt(t, "2026-05-10", kWindows).enrolled);
  t.consent = "";
  EXPECT_TRUE(FactsAt(t, "2026-05-09", kWindows).enrolled);
}

TEST(Timeline, ACutOffBeforeAnExposureNeedsCutting) {
  EXPECT_TRUE(NeedsCuttingAt(Example(), "2026-02-19"));
  EXPECT_FALSE(NeedsCuttingAt(Example(), "2026-02-20"));
  SubjectTimeline untreated{.usubjid = "S2", .cohort = "B"};
  EXPECT_FALSE(NeedsCuttingAt(untreated, "2026-01-01"));
}

TEST(Timeline, StoredFormRoundTrips) {
  const SubjectTimeline t = Example();
  auto back = TimelineFromJson(TimelineToJson(t).dump());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(TimelineToJson(*back), TimelineToJson(t));
  ASSERT_EQ(back->adverse_events.size(), 2u);
  EXPECT_TRUE(back->adverse_events[1].fact.fatal);
  EXPECT_EQ(back->adverse_events[0].fact.categories, std::vector<std::string>{"immune_related"});
  EXPECT_EQ(back->format, kTimelineFormat);
  auto bad = TimelineFromJson("{\"usubjid\": 1}");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("subject timeline"), std::string::npos);
}

// What classifying an event again as of an earlier cut-off takes comes back
// from the stored form: DM's dose dates and the classifier's input, every
// field of it (term, SOC and onset from the event itself).
TEST(Timeline, StoredFormKeepsWhatClassifyingAgainTakes) {
  SubjectTimeline t = Example();
  t.dm_first_dose = "2026-01-01";
  t.dm_last_dose = "2026-03-01";
  t.adverse_events[0].fact.term = "skin rash";
  categories::AdverseEvent& input = t.adverse_events[0].input;
  input.decod = "Rash";
  input.grade = 2;
  input.causality = {{"ADEBRELIMAB", Causality::kRelated}, {"CHEMO", Causality::kNotRelated}};
  input.overall_causality = Causality::kRelated;
  input.irae = categories::IraeFlag::kNo;
  auto back = TimelineFromJson(TimelineToJson(t).dump());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->dm_first_dose, "2026-01-01");
  EXPECT_EQ(back->dm_last_dose, "2026-03-01");
  const categories::AdverseEvent& in = back->adverse_events[0].input;
  EXPECT_EQ(in.decod, "Rash");
  EXPECT_EQ(in.term, "skin rash");
  EXPECT_EQ(in.bodsys, "Skin");
  EXPECT_EQ(in.grade, 2);
  ASSERT_TRUE(in.onset.has_value());
  EXPECT_EQ(categories::FormatDate(*in.onset), "2026-02-01");
  const std::map<std::string, Causality, std::less<>> causality{{"ADEBRELIMAB", Causality::kRelated},
                                                                {"CHEMO", Causality::kNotRelated}};
  EXPECT_EQ(in.causality, causality);
  EXPECT_EQ(in.overall_causality, Causality::kRelated);
  EXPECT_EQ(in.irae, categories::IraeFlag::kNo);
  // Not assessed, not given and not reported stay so.
  const categories::AdverseEvent& bare = back->adverse_events[1].input;
  EXPECT_TRUE(bare.causality.empty());
  EXPECT_FALSE(bare.overall_causality.has_value());
  EXPECT_FALSE(bare.grade.has_value());
  EXPECT_EQ(bare.irae, categories::IraeFlag::kNotGiven);
  EXPECT_EQ(categories::FormatDate(*bare.onset), "2026-04-10");
}

// A row stored before the format had a version: read with defaults (no
// consent date), marked format 1 so that the summary builds it again.
TEST(Timeline, AnOlderStoredRowIsReadWithDefaults) {
  auto old = TimelineFromJson(R"({"usubjid": "S1", "cohort": "A", "first_dose": "2026-01-01",
      "last_dose": "2026-03-01", "latest_exposure_start": "2026-02-20", "dm_death": false, "dm_death_date": "",
      "adverse_events": [["Rash", "Skin", 2, 4, ["immune_related"], 31, "2026-02-01", ""]]})");
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_EQ(old->format, 1);
  EXPECT_EQ(old->consent, "");
  ASSERT_EQ(old->adverse_events.size(), 1u);
  EXPECT_TRUE(old->adverse_events[0].fact.related);
}

}  // namespace
}  // namespace vigil::summary
