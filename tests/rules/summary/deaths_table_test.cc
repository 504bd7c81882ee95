// The deaths table: on-treatment windows, treatment-related deaths and the
// primary cause, case by case.
#include "rules/summary/deaths_table.h"

#include <gtest/gtest.h>

namespace vigil::summary {
namespace {

using nlohmann::json;

FatalAdverseEvent Fatal(const char* pt, bool related, std::optional<double> day, const char* term = "") {
  return {pt, term, related, day};
}

SubjectDeath Death(const char* usubjid, std::optional<double> death_day, std::optional<double> last_dose_day,
                   std::vector<FatalAdverseEvent> fatal, bool dm = true) {
  return {usubjid, dm, std::move(fatal), death_day, last_dose_day};
}

SubjectDeath Alive(const char* usubjid, std::optional<double> last_dose_day = std::nullopt) {
  return {usubjid, false, {}, std::nullopt, last_dose_day};
}

TEST(DeathsTable, OnTreatmentWindowsCountFromTheLastDose) {
  struct Case {
    const char* what;
    std::optional<double> death_day, last_dose_day;
    bool within_30, within_90;
  };
  const Case cases[] = {
      {"during treatment", 40, 100, true, true},
      {"on the day of the last dose", 100, 100, true, true},
      {"last dose + 30 days", 130, 100, true, true},
      {"last dose + 31 days", 131, 100, false, true},
      {"last dose + 90 days", 190, 100, false, true},
      {"last dose + 91 days", 191, 100, false, false},
      {"date missing or partial: cannot be shown outside", std::nullopt, 100, true, true},
      {"no last dose yet: still on treatment", 300, std::nullopt, true, true},
      {"before the first dose (inconsistent dates)", -2, 100, false, false},
  };
  for (const Case& c : cases) {
    const std::vector<SubjectDeath> subjects = {Death("S1", c.death_day, c.last_dose_day, {})};
    const DeathsTable t = BuildDeathsTable(subjects);
    EXPECT_EQ(t.deaths, 1) << c.what;
    EXPECT_EQ(t.within_30_days, c.within_30 ? 1 : 0) << c.what;
    EXPECT_EQ(t.within_90_days, c.within_90 ? 1 : 0) << c.what;
  }
}

TEST(DeathsTable, PrimaryCauseAndRelatedness) {
  const std::vector<SubjectDeath> subjects = {
      // A fatal AE related to a study treatment.
      Death("S1", 50, 60, {Fatal("Oesophageal fistula", true, 50)}),
      // Progression by PT; not related.
      Death("S2", 200, 120, {Fatal("Malignant neoplasm progression", false, 200)}),
      // Progression only in the verbatim term.
      Death("S3", 210, 120, {Fatal("Death", false, 210, " disease PROGRESSION ")}, false),
      // Toxicity and progression: the toxicity is the cause.
      Death("S4", 90, 80, {Fatal("Disease progression", false, 85), Fatal("Pneumonitis", false, 90)}),
      // DM death only.
      Death("S5", 300, 150, {}),
      // Two toxicities: the earlier death is the cause.
      Death("S6", 70, 70, {Fatal("Pneumonia", false, 75), Fatal("Oesophageal fistula", false, 70)}),
      // Alive.
      Alive("S7", 30),
  };
  const DeathsTable t = BuildDeathsTable(subjects);
  EXPECT_EQ(t.treated, 7);
  EXPECT_EQ(t.deaths, 6);
  EXPECT_EQ(t.treatment_related, 1);
  EXPECT_EQ(t.disease_progression, 2);
  EXPECT_EQ(t.other_unknown, 1);
  ASSERT_EQ(t.fatal_ae.size(), 2u);
  EXPECT_EQ(t.fatal_ae[0].pt, "Oesophageal fistula");  // S1, S6
  EXPECT_EQ(t.fatal_ae[0].subjects, 2);
  EXPECT_EQ(t.fatal_ae[1].pt, "Pneumonitis");  // S4
  EXPECT_EQ(t.fatal_ae[1].subjects, 1);
  int causes = t.disease_progression + t.other_unknown;
  for (const DeathCause& c : t.fatal_ae) causes += c.subjects;
  EXPECT_EQ(causes, t.deaths);
}

TEST(DeathsTable, MissingCausalityArrivesAsRelatedAndCountsOnce) {
  const std::vector<SubjectDeath> subjects = {
      Death("S1", 10, 10, {Fatal("Myocarditis", true, 10), Fatal("Pneumonitis", true, 10)})};
  EXPECT_EQ(BuildDeathsTable(subjects).treatment_related, 1);
}

TEST(DeathsTable, ProgressionTermsAreExactNotSubstrings) {
  EXPECT_TRUE(IsDiseaseProgression("Disease progression"));
  EXPECT_TRUE(IsDiseaseProgression("MALIGNANT NEOPLASM PROGRESSION"));
  EXPECT_TRUE(IsDiseaseProgression("  Progressive disease "));
  EXPECT_FALSE(IsDiseaseProgression("Pneumonitis after disease progression"));
  EXPECT_FALSE(IsDiseaseProgression(""));
}

TEST(DeathsTable, Json) {
  const std::vector<SubjectDeath> subjects = {Death("S1", 50, 60, {Fatal("Oesophageal fistula", true, 50)}),
                                              Death("S2", 400, 100, {}), Alive("S3"), Alive("S4")};
  const json j = DeathsTableToJson(BuildDeathsTable(subjects));
  EXPECT_EQ(j["treated"], 4);
  EXPECT_EQ(j["all"]["subjects"], 2);
  EXPECT_DOUBLE_EQ(j["all"]["pct"].get<double>(), 50.0);
  EXPECT_EQ(j["on_treatment_30_days"]["subjects"], 1);
  EXPECT_EQ(j["on_treatment_90_days"]["subjects"], 1);
  EXPECT_EQ(j["treatment_related"]["subjects"], 1);
  EXPECT_EQ(j["primary_cause"]["fatal_ae"][0]["pt"], "Oesophageal fistula");
  EXPECT_DOUBLE_EQ(j["primary_cause"]["fatal_ae"][0]["pct"].get<double>(), 25.0);
  EXPECT_EQ(j["primary_cause"]["disease_progression"]["subjects"], 0);
  EXPECT_EQ(j["primary_cause"]["other_unknown"]["subjects"], 1);
  EXPECT_TRUE(DeathsTableToJson(BuildDeathsTable({}))["all"]["pct"].is_null());
}

}  // namespace
}  // namespace vigil::summary
