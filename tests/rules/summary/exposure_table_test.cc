// The exposure table: duration, cycles, relative dose intensity and AEs
// leading to an action, per study treatment.
#include "rules/summary/exposure_table.h"

#include <gtest/gtest.h>

#include <map>

namespace vigil::summary {
namespace {

using nlohmann::json;

Administration Ex(const char* usubjid, const char* trt, const char* start, const char* end, std::optional<double> dose,
                  const char* unit = "mg") {
  return {usubjid, trt, start, end, dose, unit};
}

const std::vector<PlannedTreatment> kPlan = {
    {"ADEBRELIMAB", 1200.0, "mg"}, {"APATINIB", 250.0, "mg"}, {"CHEMO", std::nullopt, ""}};

// S1: adebrelimab 3 cycles (one at 600 mg), apatinib 2 cycles (250, then
//     125), chemo once.
// S2: adebrelimab once, apatinib once with its unit as "MG", no chemo.
// S3: adebrelimab once without EXDOSE.
const std::vector<Administration> kEx = {
    Ex("S1", "ADEBRELIMAB", "2026-01-01", "2026-01-01", 1200),
    Ex("S1", "ADEBRELIMAB", "2026-01-22", "", 1200),
    Ex("S1", "ADEBRELIMAB", "2026-02-12", "2026-02-12", 600),
    Ex("S1", "APATINIB", "2026-01-01", "2026-01-21", 250),
    Ex("S1", "APATINIB", "2026-01-22", "2026-02-11", 125),
    Ex("S1", "CHEMO", "2026-01-01", "", 140, "mg/m2"),
    Ex("S2", "ADEBRELIMAB", "2026-03-01", "2026-03-01", 1200),
    Ex("S2", "APATINIB", "2026-03-01", "2026-03-10", 250, " MG"),
    Ex("S3", "ADEBRELIMAB", "2026-03-05", "", std::nullopt),
};

const TreatmentExposure& Of(const ExposureTable& t, const std::string& id) {
  for (const TreatmentExposure& e : t.treatments) {
    if (e.treatment == id) return e;
  }
  throw std::runtime_error("no treatment " + id);
}

ExposureTable Build(std::span<const AeAction> actions = {}, std::string cutoff = "") {
  return BuildExposureTable(
      {.treated = 4, .cutoff = cutoff, .treatments = kPlan, .administrations = kEx, .actions = actions});
}

TEST(ExposureTable, ListsTheTreatmentsInTheGivenOrder) {
  const ExposureTable t = Build();
  ASSERT_EQ(t.treatments.size(), 3u);
  EXPECT_EQ(t.treatments[0].treatment, "ADEBRELIMAB");
  EXPECT_EQ(t.treatments[2].treatment, "CHEMO");
  EXPECT_EQ(Of(t, "ADEBRELIMAB").exposed, 3);
  EXPECT_EQ(Of(t, "APATINIB").exposed, 2);
  EXPECT_EQ(Of(t, "CHEMO").exposed, 1);
}

TEST(ExposureTable, DurationFromFirstStartToLastEndOrStartBothDaysCounted) {
  const ExposureTable t = Build();
  // Adebrelimab: S1 Jan 1 - Feb 12 = 43 days, S2 1 day, S3 1 day.
  const Distribution& d = *Of(t, "ADEBRELIMAB").duration_days;
  EXPECT_EQ(d.n, 3);
  EXPECT_DOUBLE_EQ(d.median, 1);
  EXPECT_DOUBLE_EQ(d.min, 1);
  EXPECT_DOUBLE_EQ(d.max, 43);
  EXPECT_DOUBLE_EQ(d.mean, 15);
  // Apatinib: S1 Jan 1 - Feb 11 = 42 days, S2 Mar 1 - 10 = 10 days.
  const Distribution& a = *Of(t, "APATINIB").duration_days;
  EXPECT_DOUBLE_EQ(a.median, 26);
  EXPECT_DOUBLE_EQ(a.max, 42);
}

TEST(ExposureTable, AnEndAfterTheCutOffStopsAtTheCutOffAndLaterStartsAreLeftOut) {
  const ExposureTable t = Build({}, "2026-01-31");
  // S1 apatinib: Jan 1 - Jan 31 (the second cycle ends after the cut-off).
  const TreatmentExposure& a = Of(t, "APATINIB");
  EXPECT_EQ(a.exposed, 1);
  EXPECT_DOUBLE_EQ(a.duration_days->max, 31);
  EXPECT_DOUBLE_EQ(a.cycles_started->max, 2);
  // S1 adebrelimab: two cycles by then; S2 and S3 start in March.
  const TreatmentExposure& d = Of(t, "ADEBRELIMAB");
  EXPECT_EQ(d.exposed, 1);
  EXPECT_DOUBLE_EQ(d.cycles_started->median, 2);
}

TEST(ExposureTable, CyclesStartedAreTheRecords) {
  const ExposureTable t = Build();  // Of() returns a reference into it
  const Distribution& c = *Of(t, "ADEBRELIMAB").cycles_started;
  EXPECT_EQ(c.n, 3);
  EXPECT_DOUBLE_EQ(c.median, 1);
  EXPECT_DOUBLE_EQ(c.min, 1);
  EXPECT_DOUBLE_EQ(c.max, 3);
}

TEST(ExposureTable, RelativeDoseIntensityWhereEveryDoseIsKnownInThePlannedUnit) {
  const ExposureTable t = Build();
  // Adebrelimab: S1 (1200 + 1200 + 600) / (3 x 1200) = 83.33 %, S2 100 %,
  // S3 no EXDOSE: none.
  const Distribution& d = *Of(t, "ADEBRELIMAB").relative_dose_intensity;
  EXPECT_EQ(d.n, 2);
  EXPECT_NEAR(d.min, 250.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(d.max, 100);
  // Apatinib: S1 (250 + 125) / 500 = 75 %, S2 100 % (unit " MG" is mg).
  const Distribution& a = *Of(t, "APATINIB").relative_dose_intensity;
  EXPECT_EQ(a.n, 2);
  EXPECT_DOUBLE_EQ(a.median, 87.5);
  // No planned dose: none.
  EXPECT_FALSE(Of(t, "CHEMO").relative_dose_intensity.has_value());
}

TEST(ExposureTable, ADoseInAnotherUnitLeavesTheSubjectOut) {
  const std::vector<PlannedTreatment> plan = {{"CHEMO", 135.0, "mg"}};
  const ExposureTable t =
      BuildExposureTable({.treated = 4, .cutoff = "", .treatments = plan, .administrations = kEx, .actions = {}});
  EXPECT_FALSE(t.treatments[0].relative_dose_intensity.has_value());  // S1's dose is in mg/m2
}

TEST(ExposureTable, ActionsPerTreatmentFromAeacnTrtElseAeacnForEveryTreatmentReceived) {
  const std::map<std::string, std::string> s1_by_treatment = {
      {"APATINIB", "DOSE REDUCED"}, {"ADEBRELIMAB", "DRUG WITHDRAWN"}, {"CHEMO", ""}};
  const std::vector<AeAction> actions = {
      // AEACN only: every treatment S2 received (adebrelimab, apatinib), not chemo.
      {"S2", "DRUG INTERRUPTED", nullptr},
      // Per treatment: apatinib reduced, adebrelimab withdrawn; chemo's
      // column empty, so AEACN applies to it, and MULTIPLE names none.
      {"S1", "MULTIPLE", &s1_by_treatment},
      // MULTIPLE without per-treatment columns names no treatment.
      {"S3", "MULTIPLE", nullptr},
      // A slowed infusion is not a dose reduction; letter case is ignored.
      {"S3", "dose rate reduced", nullptr},
      {"S3", " drug withdrawn", nullptr},
  };
  const ExposureTable t = Build(actions);
  const TreatmentExposure& ade = Of(t, "ADEBRELIMAB");
  EXPECT_EQ(ade.interrupted, 1);  // S2
  EXPECT_EQ(ade.reduced, 0);
  EXPECT_EQ(ade.withdrawn, 2);  // S1, S3
  const TreatmentExposure& apa = Of(t, "APATINIB");
  EXPECT_EQ(apa.interrupted, 1);  // S2
  EXPECT_EQ(apa.reduced, 1);      // S1
  EXPECT_EQ(apa.withdrawn, 0);    // S3 had no apatinib
  const TreatmentExposure& chemo = Of(t, "CHEMO");
  EXPECT_EQ(chemo.interrupted + chemo.reduced + chemo.withdrawn, 0);
}

TEST(ExposureTable, AnExplicitPerTreatmentActionCountsOnce) {
  const std::map<std::string, std::string> interrupted = {{"APATINIB", "DRUG INTERRUPTED"}};
  const std::vector<AeAction> actions = {{"S1", "", &interrupted}, {"S1", "", &interrupted}};
  EXPECT_EQ(Of(Build(actions), "APATINIB").interrupted, 1);
}

TEST(ExposureTable, DescribeTakesTheMiddleOfAnEvenCount) {
  EXPECT_FALSE(Describe({}).has_value());
  const Distribution d = *Describe({4, 1, 3, 2});
  EXPECT_EQ(d.n, 4);
  EXPECT_DOUBLE_EQ(d.median, 2.5);
  EXPECT_DOUBLE_EQ(d.mean, 2.5);
  EXPECT_DOUBLE_EQ(Describe({5, 1, 9})->median, 5);
}

TEST(ExposureTable, Json) {
  const std::vector<AeAction> actions = {{"S2", "DRUG INTERRUPTED", {}}};
  const json j = ExposureTableToJson(Build(actions));
  EXPECT_EQ(j["treated"], 4);
  const json& ade = j["treatments"][0];
  EXPECT_EQ(ade["treatment"], "ADEBRELIMAB");
  EXPECT_EQ(ade["exposed"]["subjects"], 3);
  EXPECT_DOUBLE_EQ(ade["exposed"]["pct"].get<double>(), 75.0);
  EXPECT_EQ(ade["duration_days"]["n"], 3);
  EXPECT_DOUBLE_EQ(ade["duration_days"]["max"].get<double>(), 43);
  EXPECT_DOUBLE_EQ(ade["cycles_started"]["max"].get<double>(), 3);
  EXPECT_EQ(ade["relative_dose_intensity"]["n"], 2);
  EXPECT_DOUBLE_EQ(ade["planned_dose"].get<double>(), 1200);
  EXPECT_EQ(ade["planned_dose_unit"], "mg");
  EXPECT_EQ(ade["ae_leading_to"]["interruption"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(ade["ae_leading_to"]["interruption"]["pct"].get<double>(), 25.0);
  const json& chemo = j["treatments"][2];
  EXPECT_TRUE(chemo["relative_dose_intensity"].is_null());
  EXPECT_TRUE(chemo["planned_dose"].is_null());
  EXPECT_TRUE(chemo["planned_dose_unit"].is_null());
}

}  // namespace
}  // namespace vigil::summary
