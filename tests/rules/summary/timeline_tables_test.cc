// What a timeline carries for the deaths and exposure tables: the EX
// records, the death recorded in DM, each AE's verbatim term, actions taken
// and end; as of a cut-off, and in the stored form.
#include <gtest/gtest.h>

#include "rules/summary/timeline.h"

namespace vigil::summary {
namespace {

constexpr TreatmentWindows kWindows{.teae_days = 30, .irae_days = 90};

// Dosed 2026-01-01 .. 2026-02-11 (adebrelimab twice, apatinib one cycle and
// a second from 01-22); fistula 02-20 .. death 02-25 (DM death 02-25).
SubjectTimeline Example() {
  SubjectTimeline t{.usubjid = "S1",
                    .cohort = "A",
                    .first_dose = "2026-01-01",
                    .last_dose = "2026-02-11",
                    .latest_exposure_start = "2026-01-22",
                    .dm_death = true,
                    .dm_death_date = "2026-02-25"};
  TimelineEvent fistula;
  fistula.fact.pt = "Oesophageal fistula";
  fistula.fact.soc = "Gastrointestinal disorders";
  fistula.fact.grade = 5;
  fistula.fact.fatal = fistula.fact.serious = fistula.fact.related = true;
  fistula.fact.term = "Esophageal fistula";
  fistula.fact.action = "DRUG WITHDRAWN";
  fistula.fact.action_by_treatment = {{"APATINIB", "DRUG WITHDRAWN"}, {"ADEBRELIMAB", "DRUG INTERRUPTED"}};
  fistula.fact.onset_day = 50;
  fistula.onset = "2026-02-20";
  fistula.end = "2026-02-25";
  t.adverse_events = {fistula};
  t.exposures = {{"ADEBRELIMAB", "2026-01-01", "2026-01-01", 1200.0, "mg"},
                 {"APATINIB", "2026-01-01", "2026-01-21", 250.0, "mg"},
                 {"ADEBRELIMAB", "2026-01-22", "", std::nullopt, ""},
                 {"APATINIB", "2026-01-22", "2026-02-11", 125.0, "mg"}};
  return t;
}

TEST(TimelineTables, FactsCarryTheExposuresStartedByTheCutOff) {
  EXPECT_EQ(FactsAt(Example(), "2026-01-15", kWindows).exposures.size(), 2u);
  const SubjectFacts f = FactsAt(Example(), "2026-06-30", kWindows);
  ASSERT_EQ(f.exposures.size(), 4u);
  EXPECT_EQ(f.exposures[3].treatment, "APATINIB");
  EXPECT_EQ(f.exposures[3].dose, 125.0);
  EXPECT_FALSE(f.exposures[2].dose.has_value());
}

TEST(TimelineTables, FactsCarryTheDmDeathAndTheFatalAeDay) {
  EXPECT_FALSE(FactsAt(Example(), "2026-02-24", kWindows).dm_death);
  const SubjectFacts f = FactsAt(Example(), "2026-06-30", kWindows);
  EXPECT_TRUE(f.dm_death);
  EXPECT_EQ(f.death_day, 55.0);
  EXPECT_EQ(f.last_dose_day, 41.0);
  ASSERT_EQ(f.adverse_events.size(), 1u);
  const AdverseEventFact& ae = f.adverse_events[0];
  EXPECT_EQ(ae.end_day, 55.0);  // AEENDTC 02-25
  EXPECT_EQ(ae.term, "Esophageal fistula");
  EXPECT_EQ(ae.action, "DRUG WITHDRAWN");
  EXPECT_EQ(ae.action_by_treatment.at("ADEBRELIMAB"), "DRUG INTERRUPTED");
}

TEST(TimelineTables, StoredFormKeepsThemAll) {
  const SubjectTimeline t = Example();
  auto back = TimelineFromJson(TimelineToJson(t).dump());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(TimelineToJson(*back), TimelineToJson(t));
  ASSERT_EQ(back->exposures.size(), 4u);
  EXPECT_EQ(back->exposures[1].dose_unit, "mg");
  EXPECT_EQ(back->exposures[1].end, "2026-01-21");
  EXPECT_FALSE(back->exposures[2].dose.has_value());
  EXPECT_EQ(back->adverse_events[0].fact.action_by_treatment, t.adverse_events[0].fact.action_by_treatment);
  EXPECT_EQ(back->format, kTimelineFormat);
}

// A row stored in format 2 (before the tables): read with defaults, and its
// format says the summary must build the subject again from its records.
TEST(TimelineTables, AFormat2RowIsReadWithDefaultsAndMarkedOld) {
  auto old = TimelineFromJson(R"({"format": 2, "usubjid": "S1", "cohort": "A", "consent": "",
      "first_dose": "2026-01-01", "last_dose": "2026-03-01", "latest_exposure_start": "2026-02-20",
      "dm_death": false, "dm_death_date": "",
      "adverse_events": [["Rash", "Skin", 2, 4, ["immune_related"], 31, "2026-02-01", ""]]})");
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_EQ(old->format, 2);
  EXPECT_LT(old->format, kTimelineFormat);
  EXPECT_TRUE(old->exposures.empty());
  EXPECT_EQ(old->adverse_events[0].fact.term, "");
  EXPECT_TRUE(old->adverse_events[0].fact.action_by_treatment.empty());
}

// A row stored in format 3 (before the classifier's input was kept): its
// format says the summary must build the subject again from its records
// when a cut-off falls before an exposure.
TEST(TimelineTables, AFormat3RowIsMarkedOld) {
  nlohmann::json j = TimelineToJson(Example());
  j["format"] = 3;
  j.erase("dm_first_dose");
  j.erase("dm_last_dose");
  for (nlohmann::json& e : j["adverse_events"]) e.erase(e.begin() + 11, e.end());
  auto old = TimelineFromJson(j.dump());
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_LT(old->format, kTimelineFormat);
  EXPECT_EQ(old->dm_first_dose, "");
  EXPECT_EQ(old->adverse_events[0].input.decod, "");
  EXPECT_EQ(old->adverse_events[0].fact.term, "Esophageal fistula");
}

}  // namespace
}  // namespace vigil::summary
