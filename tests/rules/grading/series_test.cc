// Baseline and treatment emergence, as tables a clinician can read: which
// value of a subject's series is the baseline, which are after the first
// dose, which are treatment-emergent.
#include "rules/grading/series.h"

#include <gtest/gtest.h>

namespace vigil::grading {
namespace {

const ctcae::Grader& V5() {
  static const ctcae::Grader grader = *ctcae::Grader::Load("5.0");
  return grader;
}

Observation Alt(std::int64_t id, const char* dtc, const char* value, bool flagged = false) {
  return {.record_id = id,
          .dtc = dtc,
          .flagged_baseline = flagged,
          .measurement = {.value = value, .unit = "U/L", .uln = "40", .lln = "7", .baseline = {}},
          .specimen = ""};
}

struct BaselineCase {
  const char* why;
  std::vector<Observation> series;
  const char* first_dose;
  std::optional<std::size_t> baseline;
};

TEST(FindBaseline, Table) {
  const BaselineCase cases[] = {
      {"last value before the first dose",
       {Alt(1, "2026-02-20", "20"), Alt(2, "2026-02-27", "25"), Alt(3, "2026-03-10", "30")},
       "2026-03-02",
       1},
      {"a value on the first-dose day with a date only counts as pre-treatment",
       {Alt(1, "2026-02-20", "20"), Alt(2, "2026-03-02T07:30", "25"), Alt(3, "2026-03-10", "30")},
       "2026-03-02",
       1},
      {"a value taken after the dose on the same day is not",
       {Alt(1, "2026-02-20", "20"), Alt(2, "2026-03-02T14:00", "25")},
       "2026-03-02T09:00",
       0},
      {"the flagged value wins over the date rule",
       {Alt(1, "2026-02-20", "20", true), Alt(2, "2026-02-27", "25")},
       "2026-03-02",
       0},
      {"a flag counts even without a first dose",
       {Alt(1, "2026-02-20", "20", true), Alt(2, "2026-02-27", "25")},
       "",
       0},
      {"no first dose, no flag: no baseline", {Alt(1, "2026-02-20", "20")}, "", std::nullopt},
      {"nothing before the first dose: no baseline", {Alt(1, "2026-03-10", "20")}, "2026-03-02", std::nullopt},
      {"a month-only date in the first-dose month is not known to be after it",
       {Alt(1, "2026-03", "20"), Alt(2, "2026-04-01", "25")},
       "2026-03-02",
       0},
  };
  for (const BaselineCase& c : cases) {
    EXPECT_EQ(FindBaseline(c.series, c.first_dose), c.baseline) << c.why;
  }
}

TEST(GradeSeries, TreatmentEmergentIsWorseThanBaselineAfterFirstDose) {
  // Screening ALT 50 (grade 1), then 110 (2.75 x ULN, grade 1), then 130
  // (3.25 x ULN, grade 2): only the last is worse than the baseline grade.
  const std::vector<Observation> series = {Alt(1, "2026-02-25", "50"), Alt(2, "2026-03-20", "110"),
                                           Alt(3, "2026-04-01", "130")};
  auto graded = GradeSeries(V5(), ctcae::CodeSystem::kLbTestCd, "ALT", series, "2026-03-02");
  ASSERT_EQ(graded.size(), 3u);
  EXPECT_TRUE(graded[0].is_baseline);
  EXPECT_EQ(graded[0].result.grade, 1);
  EXPECT_FALSE(graded[0].treatment_emergent);
  // A baseline of 50 is above ULN: later values are graded on the
  // abnormal-baseline scale (x baseline), 110 = 2.2 x baseline: grade 1.
  EXPECT_EQ(graded[1].result.grade, 1);
  EXPECT_FALSE(graded[1].treatment_emergent);
  EXPECT_EQ(graded[1].baseline_grade, 1);
  // 130 = 2.6 x baseline: still grade 1 on the abnormal-baseline scale.
  EXPECT_EQ(graded[2].result.grade, 1);
  EXPECT_FALSE(graded[2].treatment_emergent);
}

TEST(GradeSeries, NoBaselineCountsAsGradeZero) {
  const std::vector<Observation> series = {Alt(1, "2026-03-20", "130")};
  auto graded = GradeSeries(V5(), ctcae::CodeSystem::kLbTestCd, "ALT", series, "2026-03-02");
  ASSERT_EQ(graded.size(), 1u);
  EXPECT_EQ(graded[0].result.grade, 2);
  EXPECT_FALSE(graded[0].baseline_grade.has_value());
  EXPECT_TRUE(graded[0].post_baseline);
  EXPECT_TRUE(graded[0].treatment_emergent);
}

TEST(GradeSeries, BaselineInAnotherUnitIsNotUsed) {
  // The baseline was reported in ukat/L, the follow-up in U/L: CTCAE's
  // x-baseline criteria are never applied across units.
  Observation base = Alt(1, "2026-02-25", "1.2");
  base.measurement.unit = "ukat/L";
  base.measurement.uln = "0.7";
  const std::vector<Observation> series = {base, Alt(2, "2026-03-20", "130")};
  auto graded = GradeSeries(V5(), ctcae::CodeSystem::kLbTestCd, "ALT", series, "2026-03-02");
  ASSERT_EQ(graded.size(), 2u);
  EXPECT_EQ(graded[1].result.grade, 2);  // 3.25 x ULN, the normal-baseline scale
}

TEST(GradeSeries, OneTestTwoTerms) {
  Observation hgb{.record_id = 1,
                  .dtc = "2026-03-20",
                  .flagged_baseline = false,
                  .measurement = {.value = "78", .unit = "g/L", .uln = "170", .lln = "130", .baseline = {}},
                  .specimen = ""};
  auto graded = GradeSeries(V5(), ctcae::CodeSystem::kLbTestCd, "HGB", std::vector<Observation>{hgb}, "2026-03-02");
  ASSERT_EQ(graded.size(), 2u);
  EXPECT_EQ(graded[0].result.term, "Anemia");
  EXPECT_EQ(graded[0].result.grade, 3);
  EXPECT_EQ(graded[1].result.term, "Hemoglobin increased");
  EXPECT_EQ(graded[1].result.grade, 0);
}

TEST(TakenAfterFirstDose, ComparesAtTheCommonPrecision) {
  EXPECT_TRUE(TakenAfterFirstDose("2026-03-03", "2026-03-02"));
  EXPECT_FALSE(TakenAfterFirstDose("2026-03-02T18:00", "2026-03-02"));
  EXPECT_TRUE(TakenAfterFirstDose("2026-03-02T18:00", "2026-03-02T09:00"));
  EXPECT_FALSE(TakenAfterFirstDose("2026-03", "2026-03-02"));
  EXPECT_FALSE(TakenAfterFirstDose("", "2026-03-02"));
  EXPECT_FALSE(TakenAfterFirstDose("2026-03-03", ""));
}

}  // namespace
}  // namespace vigil::grading
