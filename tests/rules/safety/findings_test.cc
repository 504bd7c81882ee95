// Findings as the daemon diffs them: lab_critical thresholds, titles, and
// dedupe keys that stay the same for the same finding and change for a
// worse one.
#include <gtest/gtest.h>

#include <map>

#include "rules/safety/ae_findings.h"
#include "rules/safety/lab_findings.h"
#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::Ae;
using testing::Lab;

const AlertPlan& Plan() {
  static const AlertPlan plan = testing::ExamplePlan();
  return plan;
}

std::vector<Finding> Of(const std::vector<Finding>& all, const std::string& trigger) {
  std::vector<Finding> out;
  for (const Finding& f : all) {
    if (f.trigger_id == trigger) out.push_back(f);
  }
  return out;
}

// ---- lab_critical (example plan: grade 4, per term QTc 3, platelets 3,
// hyperkalaemia 3) ---------------------------------------------------------

struct CriticalRow {
  const char* what;
  GradedValue value;
  bool fires;
};

class SafetyLabCritical : public ::testing::TestWithParam<CriticalRow> {};

TEST_P(SafetyLabCritical, FiresOrNot) {
  const std::vector<GradedValue> values = {GetParam().value};
  EXPECT_EQ(Of(LabFindings(Plan(), values, "A"), "lab_critical").size(), GetParam().fires ? 1u : 0u) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Safety, SafetyLabCritical,
    ::testing::Values(
        CriticalRow{"neutrophils grade 4", Lab("NEUT", "Neutrophil count decreased", 4, "0.4", "10^9/L"), true},
        CriticalRow{"neutrophils grade 3", Lab("NEUT", "Neutrophil count decreased", 3, "0.8", "10^9/L"), false},
        CriticalRow{"platelets grade 3 (per-term threshold 3)",
                    Lab("PLAT", "Platelet count decreased", 3, "40", "10^9/L"), true},
        CriticalRow{"platelets grade 2", Lab("PLAT", "Platelet count decreased", 2, "60", "10^9/L"), false},
        CriticalRow{"potassium grade 3 (per-term threshold 3)", Lab("K", "Hyperkalemia", 3, "6.5", "mmol/L"), true},
        CriticalRow{"sodium grade 3 (no per-term threshold)", Lab("SODIUM", "Hyponatremia", 3, "124", "mmol/L"), false},
        CriticalRow{"ALT grade 4", Lab("ALT", "Alanine aminotransferase increased", 4, "900", "U/L", "40"), true},
        CriticalRow{"not gradable (NA)", Lab("ALT", "Alanine aminotransferase increased", std::nullopt, "900", "U/L"),
                    false}),
    [](const ::testing::TestParamInfo<CriticalRow>& info) {
      return std::to_string(info.index) + "_" + testing::TestName(info.param.what);
    });

TEST(SafetyLabCritical, QtcGrade3FromAnEcgIsCritical) {
  GradedValue v = Lab("QTCF", "Electrocardiogram QT corrected interval prolonged", 3, "512", "ms");
  v.domain = Domain::kEg;
  v.record_key = "QTCF-C2D1";
  const std::vector<GradedValue> values = {v};
  const auto critical = Of(LabFindings(Plan(), values, "B"), "lab_critical");
  ASSERT_EQ(critical.size(), 1u);
  EXPECT_EQ(critical[0].identity,
            "lab_critical|lab_critical|ESCC2L-01-001|EG|QTCF-C2D1|Electrocardiogram QT corrected interval prolonged");
  EXPECT_EQ(critical[0].title,
            "Critical value: Electrocardiogram QT corrected interval prolonged, grade 3 (ESCC2L-01-001)");
  EXPECT_EQ(
      critical[0].reason,
      "Electrocardiogram QT corrected interval prolonged grade 3 \u2265 3 (threshold for this term): QTCF 512 ms");
  EXPECT_EQ(critical[0].cohort, "B");
}

TEST(SafetyLabCritical, DisabledComputesNothing) {
  AlertPlan plan;
  plan.lab_critical.enabled = false;
  const std::vector<GradedValue> values = {Lab("NEUT", "Neutrophil count decreased", 4, "0.4", "10^9/L")};
  EXPECT_TRUE(LabFindings(plan, values, "A").empty());
}

// ---- Dedupe keys ------------------------------------------------------------

TEST(SafetyDedupe, SaeTitleKeyAndEvidence) {
  const auto sae = Of(AdverseEventFindings(Plan(), Ae("Oesophageal fistula", 4, {{"AESER", "Y"}}), "A"), "A1");
  ASSERT_EQ(sae.size(), 1u);
  EXPECT_EQ(sae[0].kind, AlertKind::kSae);
  EXPECT_EQ(sae[0].severity, Severity::kCritical);
  EXPECT_EQ(sae[0].title, "SAE: Oesophageal fistula, grade 4 (ESCC2L-01-001)");
  EXPECT_EQ(sae[0].identity, "sae|A1|ESCC2L-01-001|AE|3");
  EXPECT_EQ(sae[0].dedupe_key, "sae|A1|ESCC2L-01-001|AE|3|g4");
  EXPECT_EQ(sae[0].level, 4);
  EXPECT_EQ(sae[0].reason, "serious");
  ASSERT_EQ(sae[0].evidence.size(), 4u);
  EXPECT_EQ(sae[0].evidence[0], (Evidence{Domain::kAe, "3", "1", "AEDECOD", "Oesophageal fistula"}));
  EXPECT_EQ(sae[0].evidence[1], (Evidence{Domain::kAe, "3", "1", "AETOXGR", "4"}));
  EXPECT_EQ(sae[0].evidence[2], (Evidence{Domain::kAe, "3", "1", "AESER", "Y"}));
  // Nobody assessed causality: counted as related, and said so.
  EXPECT_EQ(sae[0].evidence[3], (Evidence{Domain::kAe, "3", "1", "AEREL", "not assessed (counted as related)"}));
}

TEST(SafetyDedupe, SaeEvidenceGivesCausalityPerDrug) {
  const auto sae =
      Of(AdverseEventFindings(Plan(),
                              Ae("Oesophageal fistula", 4,
                                 {{"AESER", "Y"}, {"AEREL_APATINIB", "Probably related"}, {"AEREL_ADEBRELIMAB", "N"}}),
                              "A"),
         "A1");
  ASSERT_EQ(sae.size(), 1u);
  std::map<std::string, std::string> causality;
  for (const Evidence& e : sae[0].evidence) {
    if (e.field.rfind("AEREL", 0) == 0) causality[e.field] = e.value;
  }
  EXPECT_EQ(causality,
            (std::map<std::string, std::string>{{"AEREL_ADEBRELIMAB", "not related"}, {"AEREL_APATINIB", "related"}}));
}

TEST(SafetyDedupe, SameAeRedeliveredKeepsItsKeys) {
  const auto first = AdverseEventFindings(Plan(), Ae("Oesophageal fistula", 3, {{"AESER", "Y"}}, {}, "1"), "A");
  const auto again = AdverseEventFindings(Plan(), Ae("Oesophageal fistula", 3, {{"AESER", "Y"}}, {}, "2"), "A");
  ASSERT_EQ(first.size(), again.size());
  ASSERT_FALSE(first.empty());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].dedupe_key, again[i].dedupe_key);
}

TEST(SafetyDedupe, WorseGradeIsANewKeyOfTheSameIdentity) {
  const auto g3 = Of(AdverseEventFindings(Plan(), Ae("Oesophageal fistula", 3, {{"AESER", "Y"}}), "A"), "A3");
  const auto g4 = Of(AdverseEventFindings(Plan(), Ae("Oesophageal fistula", 4, {{"AESER", "Y"}}), "A"), "A3");
  ASSERT_EQ(g3.size(), 1u);
  ASSERT_EQ(g4.size(), 1u);
  EXPECT_EQ(g3[0].identity, g4[0].identity);
  EXPECT_NE(g3[0].dedupe_key, g4[0].dedupe_key);
  EXPECT_GT(g4[0].level, g3[0].level);
}

TEST(SafetyDedupe, UpgradeToSeriousIsTheFirstSaeFinding) {
  EXPECT_TRUE(Of(AdverseEventFindings(Plan(), Ae("Pneumonitis", 2, {{"AESER", "N"}}), "A"), "A1").empty());
  EXPECT_EQ(Of(AdverseEventFindings(Plan(), Ae("Pneumonitis", 3, {{"AESER", "Y"}}), "A"), "A1").size(), 1u);
}

TEST(SafetyDedupe, DowngradeBelowTheTriggerLeavesNoFindingOfThatIdentity) {
  const auto g2 = Of(AdverseEventFindings(Plan(), Ae("Pneumonitis", 2), "A"), "A6");
  ASSERT_EQ(g2.size(), 1u);
  const auto g1 = AdverseEventFindings(Plan(), Ae("Pneumonitis", 1), "A");
  for (const Finding& f : g1) EXPECT_NE(f.identity, g2[0].identity);
}

TEST(SafetyDedupe, LabValueRegradedWorseIsANewKey) {
  const std::vector<GradedValue> g2 = {Lab("ALT", "Alanine aminotransferase increased", 2, "150", "U/L", "40")};
  const std::vector<GradedValue> g3 = {Lab("ALT", "Alanine aminotransferase increased", 3, "250", "U/L", "40")};
  const auto a = Of(LabFindings(Plan(), g2, "A"), "C-LIVER-G2");
  const auto b = Of(LabFindings(Plan(), g3, "A"), "C-LIVER-G2");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].identity, "dose_modification|C-LIVER-G2|ESCC2L-01-001|LB|ALT-2026-04-02");
  EXPECT_EQ(a[0].identity, b[0].identity);
  EXPECT_NE(a[0].dedupe_key, b[0].dedupe_key);
  EXPECT_EQ(LabFindings(Plan(), g2, "A")[0].dedupe_key, a[0].dedupe_key);  // same value again: same key
}

TEST(SafetyDedupe, CorrectedLabRemovesTheCriticalFinding) {
  const std::vector<GradedValue> wrong = {Lab("NEUT", "Neutrophil count decreased", 4, "0.04", "10^9/L")};
  const std::vector<GradedValue> corrected = {Lab("NEUT", "Neutrophil count decreased", 1, "1.9", "10^9/L")};
  EXPECT_EQ(Of(LabFindings(Plan(), wrong, "A"), "lab_critical").size(), 1u);
  EXPECT_TRUE(Of(LabFindings(Plan(), corrected, "A"), "lab_critical").empty());
}

// ---- Titles of lab triggers ---------------------------------------------------

// A threshold finding says what crossed which threshold; "grade 0" (a value
// CTCAE grades within normal) never appears in a title.
TEST(SafetyLabTitles, AThresholdFindingSaysWhatCrossedWhichThresholdAndNeverGrade0) {
  const auto plan = LoadAlertPlan(nlohmann::json::parse(R"({"triggers": [
      {"id": "K-HIGH", "kind": "aesi", "severity": "high", "title": "Potassium above 5.5",
       "lab": {"test_codes": ["K"], "above": "5.5", "unit": "mmol/L"}},
      {"id": "TSH-HIGH", "kind": "aesi", "severity": "medium", "title": "TSH above 10",
       "lab": {"test_codes": ["TSH"], "above": "10", "unit": "mIU/L"}},
      {"id": "ALT-G3", "kind": "aesi", "severity": "high", "title": "ALT grade >= 3",
       "lab": {"ctcae_terms": ["Alanine aminotransferase increased"], "min_grade": 3}}]})"),
                                  testing::ExampleContext());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto title = [&](const GradedValue& v, const std::string& trigger) {
    const std::vector<GradedValue> values = {v};
    const auto found = Of(LabFindings(*plan, values, "A"), trigger);
    return found.size() == 1 ? found[0].title : "(" + std::to_string(found.size()) + " findings)";
  };
  // Within CTCAE's normal range (ULN 5.8): grade 0, above the trial's 5.5.
  EXPECT_EQ(title(Lab("K", "Hyperkalemia", 0, "5.6", "mmol/L", "5.8"), "K-HIGH"),
            "Potassium above 5.5: K 5.6 mmol/L > 5.5 mmol/L (ESCC2L-01-001)");
  // No CTCAE grade at all.
  EXPECT_EQ(title(Lab("TSH", "", std::nullopt, "12", "mIU/L"), "TSH-HIGH"),
            "TSH above 10: TSH 12 mIU/L > 10 mIU/L (ESCC2L-01-001)");
  // A grade CTCAE gives is said after the crossing.
  EXPECT_EQ(title(Lab("K", "Hyperkalemia", 2, "6.2", "mmol/L", "5.8"), "K-HIGH"),
            "Potassium above 5.5: K 6.2 mmol/L > 5.5 mmol/L, grade 2 (ESCC2L-01-001)");
  // A grade finding names the term and its grade, as before.
  EXPECT_EQ(title(Lab("ALT", "Alanine aminotransferase increased", 3, "250", "U/L", "40"), "ALT-G3"),
            "ALT grade >= 3: Alanine aminotransferase increased, grade 3 (ESCC2L-01-001)");
}

// ---- Cohorts ------------------------------------------------------------------

TEST(SafetyCohorts, TriggerLimitedToACohort) {
  const auto plan = LoadAlertPlan(nlohmann::json::parse(R"({"triggers": [
      {"id": "RT-OES", "kind": "aesi", "severity": "high", "title": "Radiation oesophagitis grade >= 3",
       "cohorts": ["A"], "ae": {"min_grade": 3, "terms": ["Esophagitis"]}}]})"),
                                  testing::ExampleContext());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(AdverseEventFindings(*plan, Ae("Oesophagitis", 3), "A").size(), 1u);
  EXPECT_TRUE(AdverseEventFindings(*plan, Ae("Oesophagitis", 3), "B").empty());
}

}  // namespace
}  // namespace vigil::safety
