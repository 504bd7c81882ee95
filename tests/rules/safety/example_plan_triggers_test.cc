// One table per family of the example trial's triggers
// (rules/safety/example_alerts.json): for each trigger id, a record that
// fires it and one that must not, in words a clinician can check against
// clinical.md §3(a), §3(c) and §3(d). The last test checks that every
// trigger of the plan has both kinds of row.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "rules/safety/ae_findings.h"
#include "rules/safety/lab_findings.h"
#include "rules/safety/vital_findings.h"
#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::Ae;
using testing::Lab;

const AlertPlan& Plan() {
  static const AlertPlan plan = testing::ExamplePlan();
  return plan;
}

bool Fired(const std::vector<Finding>& findings, const std::string& trigger) {
  for (const Finding& f : findings) {
    if (f.trigger_id == trigger) return true;
  }
  return false;
}

// ---- Adverse events --------------------------------------------------------

struct AeRow {
  std::string trigger;
  std::string term;  // AEDECOD (and AETERM)
  std::optional<int> grade;
  bool fires;
  std::vector<Field> extra = {};
  std::vector<std::string> categories = {};
};

const std::vector<AeRow>& AeRows() {
  static const std::vector<AeRow> rows = {
      {"A1", "Pneumonitis", 3, true, {{"AESER", "Y"}}},
      {"A1", "Pneumonitis", 3, false, {{"AESER", "N"}}},
      {"A2", "Pneumonia", 5, true},
      {"A2", "Sepsis", 4, true, {{"AEOUT", "FATAL"}}},
      {"A2", "Sepsis", 4, false},
      {"A3", "Tracheo-oesophageal fistula", 1, true},
      {"A3", "Esophageal fistula", 2, true},
      {"A3", "Mediastinitis", 3, true},
      {"A3", "Oesophagitis", 3, false},
      {"A4", "Oesophageal perforation", 1, true},
      {"A4", "Jejunal perforation", 2, true, {{"AEBODSYS", "Gastrointestinal disorders"}}},
      {"A4", "Tympanic membrane perforation", 2, false, {{"AEBODSYS", "Ear and labyrinth disorders"}}},
      {"A5", "Oesophageal haemorrhage", 2, true},
      {"A5", "Haemoptysis", 2, true},
      {"A5", "Epistaxis", 3, true},
      {"A5", "Epistaxis", 2, false},
      {"A5", "Oesophageal haemorrhage", 1, false},
      {"A6", "Pneumonitis", 2, true},
      {"A6", "Pneumonitis", 1, false},
      {"A7", "Immune-mediated myocarditis", 1, true},
      {"A7", "Pericarditis", 2, false},
      {"A8", "Myasthenia gravis", 1, true},
      {"A8", "Guillain-Barre syndrome", 1, true},
      {"A8", "Transverse myelitis", 2, true},
      {"A8", "Osteomyelitis", 3, false},
      {"A9", "Stevens-Johnson syndrome", 1, true},
      {"A9", "Bullous dermatitis", 3, true},
      {"A9", "Bullous dermatitis", 2, false},
      {"A12", "Colitis", 3, true},
      {"A12", "Diarrhoea", 3, true},
      {"A12", "Diarrhoea", 2, false},
      {"A13", "Adrenal insufficiency", 3, true},
      {"A13", "Adrenal crisis", 2, true},
      {"A13", "Adrenal insufficiency", 2, false},
      {"A14", "Diabetic ketoacidosis", 3, true},
      {"A14", "Hyperglycaemia", 3, false},
      {"A15-NEPHROTIC", "Nephrotic syndrome", 3, true},
      {"A15-NEPHROTIC", "Proteinuria", 2, false},
      {"A16", "Hypertension", 4, true},
      {"A16", "Posterior reversible encephalopathy syndrome", 2, true},
      {"A16", "Arterial thromboembolism", 1, true},
      {"A16", "Hypertension", 3, false},
      {"A16", "Deep vein thrombosis", 3, false},
      {"A18", "Febrile neutropenia", 3, true},
      {"A18", "Neutrophil count decreased", 4, false},
      {"A20", "Accidental overdose", 1, true},
      {"A20", "Exposure during pregnancy", 1, true},
      {"A20", "Nausea", 1, false},
      {"C-HTN-G4", "Hypertensive crisis", 3, true},
      {"C-HTN-G4", "Hypertension", 3, false},
      {"C-NEPHROTIC", "Nephrotic syndrome", 3, true},
      {"C-NEPHROTIC", "Proteinuria", 3, false},
      {"C-PPE-G3", "Palmar-plantar erythrodysaesthesia syndrome", 3, true},
      {"C-PPE-G3", "Hand-foot skin reaction", 2, false},
      {"C-BLEED-HOLD", "Haematemesis", 2, true},
      {"C-BLEED-HOLD", "Epistaxis", 2, false},
      {"C-BLEED-STOP", "Epistaxis", 3, true},
      {"C-BLEED-STOP", "Oesophageal haemorrhage", 2, false},
      {"C-FISTULA", "Oesophagobronchial fistula", 1, true},
      {"C-FISTULA", "Gastric perforation", 1, true},
      {"C-FISTULA", "Oesophageal stenosis", 3, false},
      {"C-ATE", "Myocardial infarction", 2, true},
      {"C-ATE", "Pulmonary embolism", 2, false},
      {"C-VTE-G3", "Pulmonary embolism", 3, true},
      {"C-VTE-G3", "Deep vein thrombosis", 2, false},
      {"C-VTE-G4", "Pulmonary embolism", 4, true},
      {"C-VTE-G4", "Pulmonary embolism", 3, false},
      {"C-OTHER-G3", "Fatigue", 3, true, {{"AEREL_APATINIB", "POSSIBLY RELATED"}}},
      {"C-OTHER-G3", "Hypothyroidism", 3, true, {}, {"apatinib_related"}},
      {"C-OTHER-G3", "Fatigue", 2, false, {{"AEREL_APATINIB", "RELATED"}}},
      {"C-OTHER-G3", "Fatigue", 3, false, {{"AEREL_APATINIB", "NOT RELATED"}, {"AEREL_CHEMO", "RELATED"}}},
  };
  return rows;
}

std::string AeRowName(const AeRow& r) {
  return testing::TestName(r.trigger + "_" + r.term + "_grade" + (r.grade ? std::to_string(*r.grade) : "NA") + "_" +
                           (r.fires ? "fires" : "silent"));
}

class SafetyExampleAeTriggers : public ::testing::TestWithParam<AeRow> {};

TEST_P(SafetyExampleAeTriggers, FiresOrNot) {
  const AeRow& r = GetParam();
  const auto findings = AdverseEventFindings(Plan(), Ae(r.term, r.grade, r.extra, r.categories), "A");
  EXPECT_EQ(Fired(findings, r.trigger), r.fires) << r.trigger << " " << r.term << " grade " << r.grade.value_or(0);
}

INSTANTIATE_TEST_SUITE_P(Safety, SafetyExampleAeTriggers, ::testing::ValuesIn(AeRows()),
                         [](const ::testing::TestParamInfo<AeRow>& info) {
                           return std::to_string(info.index) + "_" + AeRowName(info.param);
                         });

// ---- Labs, ECG and other single values -------------------------------------

struct LabRow {
  std::string trigger;
  std::string what;  // in words
  GradedValue value;
  bool fires;
};

GradedValue Eg(std::optional<int> grade, std::string value, std::string baseline = "") {
  GradedValue v = Lab("QTCF", "Electrocardiogram QT corrected interval prolonged", grade, std::move(value), "ms", "",
                      std::move(baseline));
  v.domain = Domain::kEg;
  return v;
}

GradedValue Vs(std::string code, std::string value, std::string unit, std::string baseline = "") {
  GradedValue v = Lab(std::move(code), "", std::nullopt, std::move(value), std::move(unit), "", std::move(baseline));
  v.domain = Domain::kVs;
  return v;
}

const std::string kAlt = "Alanine aminotransferase increased";
const std::string kAst = "Aspartate aminotransferase increased";
const std::string kPlt = "Platelet count decreased";
const std::string kCreat = "Creatinine increased";

const std::vector<LabRow>& LabRows() {
  static const std::vector<LabRow> rows = {
      {"A11", "ALT 250 U/L (ULN 40), grade 3", Lab("ALT", kAlt, 3, "250", "U/L", "40"), true},
      {"A11", "ALT 150 U/L (ULN 40), grade 2", Lab("ALT", kAlt, 2, "150", "U/L", "40"), false},
      {"A13-CORT", "cortisol 2.5 ug/dL", Lab("CORTISOL", "", std::nullopt, "2.5", "ug/dL"), true},
      {"A13-CORT", "cortisol 70 nmol/L", Lab("CORTISOL", "", std::nullopt, "70", "nmol/L"), true},
      {"A13-CORT", "cortisol exactly 3 ug/dL", Lab("CORTISOL", "", std::nullopt, "3", "ug/dL"), false},
      {"A13-CORT", "cortisol 90 nmol/L", Lab("CORTISOL", "", std::nullopt, "90", "nmol/L"), false},
      {"A14-GLUC", "glucose 30.1 mmol/L", Lab("GLUC", "Hyperglycemia", std::nullopt, "30.1", "mmol/L"), true},
      {"A14-GLUC", "glucose 510 mg/dL", Lab("GLUC", "Hyperglycemia", std::nullopt, "510", "mg/dL"), true},
      {"A14-GLUC", "glucose exactly 27.8 mmol/L", Lab("GLUC", "Hyperglycemia", std::nullopt, "27.8", "mmol/L"), false},
      {"A14-GLUC", "glucose 30.1 in an unknown unit", Lab("GLUC", "Hyperglycemia", std::nullopt, "30.1", "mmol"),
       false},
      {"A15", "creatinine grade 3", Lab("CREAT", kCreat, 3, "4.5", "mg/dL", "1.1"), true},
      {"A15", "creatinine grade 2", Lab("CREAT", kCreat, 2, "2.5", "mg/dL", "1.1"), false},
      {"A17", "QTcF 510 ms, grade 3", Eg(3, "510"), true},
      {"A17", "QTcF 490 ms, grade 2", Eg(2, "490"), false},
      {"A18-PLT", "platelets 20 x 10^9/L, grade 4", Lab("PLAT", kPlt, 4, "20", "10^9/L"), true},
      {"A18-PLT", "platelets 40 x 10^9/L, grade 3", Lab("PLAT", kPlt, 3, "40", "10^9/L"), false},
      {"C-PROT-QUANT", "urine protein 2+, grade 2", Lab("PROT", "Proteinuria", 2, "2+", "dipstick"), true},
      {"C-PROT-QUANT", "urine protein 1+, grade 1", Lab("PROT", "Proteinuria", 1, "1+", "dipstick"), false},
      {"C-PROT-HOLD", "24-h urine protein 2.0 g", Lab("PROT", "Proteinuria", 2, "2.0", "g/24 h"), true},
      {"C-PROT-HOLD", "24-h urine protein 2100 mg", Lab("PROT", "Proteinuria", 2, "2100", "mg/24h"), true},
      {"C-PROT-HOLD", "24-h urine protein 1.9 g", Lab("PROT", "Proteinuria", 2, "1.9", "g/24h"), false},
      {"C-QTC", "QTcF rise of 70 ms over baseline, grade 3", Eg(3, "480", "410"), true},
      {"C-QTC", "QTcF 490 ms, grade 2", Eg(2, "490"), false},
      {"C-LIVER-G2", "AST 150 U/L (ULN 40), grade 2", Lab("AST", kAst, 2, "150", "U/L", "40"), true},
      {"C-LIVER-G2", "AST 100 U/L (ULN 40), grade 1", Lab("AST", kAst, 1, "100", "U/L", "40"), false},
      {"C-LIVER-G3", "AST 250 U/L (ULN 40), grade 3", Lab("AST", kAst, 3, "250", "U/L", "40"), true},
      {"C-LIVER-G3", "AST 150 U/L (ULN 40), grade 2", Lab("AST", kAst, 2, "150", "U/L", "40"), false},
      {"C-PLT", "platelets 45 x 10^9/L, grade 3", Lab("PLAT", kPlt, 3, "45", "10^9/L"), true},
      {"C-PLT", "platelets 60 x 10^9/L, grade 2", Lab("PLAT", kPlt, 2, "60", "10^9/L"), false},
      {"D-TSH-HIGH", "TSH 12 mIU/L", Lab("TSH", "", std::nullopt, "12", "mIU/L"), true},
      {"D-TSH-HIGH", "TSH 8 uIU/mL", Lab("TSH", "", std::nullopt, "8", "uIU/mL"), false},
      {"D-TSH-LOW", "TSH 0.05 mIU/L", Lab("TSH", "", std::nullopt, "0.05", "mIU/L"), true},
      {"D-TSH-LOW", "TSH exactly 0.1 mIU/L", Lab("TSH", "", std::nullopt, "0.1", "mIU/L"), false},
      {"D-CORT", "cortisol 4 ug/dL", Lab("CORTISOL", "", std::nullopt, "4", "ug/dL"), true},
      {"D-CORT", "cortisol 150 nmol/L", Lab("CORTISOL", "", std::nullopt, "150", "nmol/L"), false},
      {"D-SODIUM", "sodium 128 mmol/L", Lab("SODIUM", "Hyponatremia", 3, "128", "mmol/L"), true},
      {"D-SODIUM", "sodium exactly 130 mEq/L", Lab("SODIUM", "Hyponatremia", 2, "130", "mEq/L"), false},
      {"D-BILI", "total bilirubin grade 2", Lab("BILI", "Blood bilirubin increased", 2, "2.0", "mg/dL", "1.2"), true},
      {"D-BILI", "total bilirubin grade 1", Lab("BILI", "Blood bilirubin increased", 1, "1.5", "mg/dL", "1.2"), false},
      {"D-CREAT", "creatinine grade 2", Lab("CREAT", kCreat, 2, "2.5", "mg/dL", "1.1"), true},
      {"D-CREAT", "creatinine grade 1", Lab("CREAT", kCreat, 1, "1.4", "mg/dL", "1.1"), false},
      {"D-GLUC", "glucose 14.2 mmol/L", Lab("GLUC", "Hyperglycemia", std::nullopt, "14.2", "mmol/L"), true},
      {"D-GLUC", "glucose exactly 13.9 mmol/L", Lab("GLUC", "Hyperglycemia", std::nullopt, "13.9", "mmol/L"), false},
      {"D-PANCREAS", "lipase 200 U/L (ULN 60)", Lab("LIPASE", "Lipase increased", 3, "200", "U/L", "60"), true},
      {"D-PANCREAS", "lipase exactly 3 x ULN", Lab("LIPASE", "Lipase increased", 3, "180", "U/L", "60"), false},
      {"D-PANCREAS", "lipase without a ULN", Lab("LIPASE", "Lipase increased", std::nullopt, "200", "U/L"), false},
      {"D-TROP", "troponin I 0.05 ng/mL (URL 0.04)", Lab("TROPONI", "", std::nullopt, "0.05", "ng/mL", "0.04"), true},
      {"D-TROP", "troponin I at the URL", Lab("TROPONI", "", std::nullopt, "0.04", "ng/mL", "0.04"), false},
      {"D-CK", "CK 700 U/L (ULN 200)", Lab("CK", "CPK increased", 2, "700", "U/L", "200"), true},
      {"D-CK", "CK 600 U/L (ULN 200)", Lab("CK", "CPK increased", 2, "600", "U/L", "200"), false},
      {"D-SPO2", "SpO2 90%", Vs("OXYSAT", "90", "%"), true},
      {"D-SPO2", "SpO2 95%, 3 points below a baseline of 98%", Vs("OXYSAT", "95", "%", "98"), true},
      {"D-SPO2", "SpO2 96%, 2 points below a baseline of 98%", Vs("OXYSAT", "96", "%", "98"), false},
  };
  return rows;
}

class SafetyExampleLabTriggers : public ::testing::TestWithParam<LabRow> {};

TEST_P(SafetyExampleLabTriggers, FiresOrNot) {
  const LabRow& r = GetParam();
  const std::vector<GradedValue> values = {r.value};
  EXPECT_EQ(Fired(LabFindings(Plan(), values, "B"), r.trigger), r.fires) << r.trigger << ": " << r.what;
}

INSTANTIATE_TEST_SUITE_P(Safety, SafetyExampleLabTriggers, ::testing::ValuesIn(LabRows()),
                         [](const ::testing::TestParamInfo<LabRow>& info) {
                           return std::to_string(info.index) + "_" +
                                  testing::TestName(info.param.trigger + "_" + info.param.what + "_" +
                                                    (info.param.fires ? "fires" : "silent"));
                         });

// ---- Blood pressure ----------------------------------------------------------

struct BpRow {
  std::string trigger;
  std::vector<std::pair<std::string, std::string>> readings;  // (SBP, DBP) mmHg, in time order
  bool fires;
};

std::vector<GradedValue> Readings(const std::vector<std::pair<std::string, std::string>>& bp) {
  std::vector<GradedValue> out;
  for (std::size_t i = 0; i < bp.size(); ++i) {
    const std::string dtc = "2026-03-" + std::to_string(10 + i) + "T09:30";
    GradedValue s = Lab("SYSBP", "Hypertension (systolic)", std::nullopt, bp[i].first, "mmHg", "", "", dtc);
    GradedValue d = Lab("DIABP", "Hypertension (diastolic)", std::nullopt, bp[i].second, "mmHg", "", "", dtc);
    s.domain = d.domain = Domain::kVs;
    out.push_back(s);
    out.push_back(d);
  }
  return out;
}

const std::vector<BpRow>& BpRows() {
  static const std::vector<BpRow> rows = {
      {"C-BP-G2", {{"150", "85"}, {"145", "92"}}, true},
      {"C-BP-G2", {{"150", "85"}, {"130", "80"}}, false},
      {"C-BP-G2", {{"150", "95"}}, false},
      {"C-BP-G2", {{"150", "85"}, {"130", "80"}, {"142", "88"}}, false},
      {"C-BP-G3", {{"168", "104"}}, true},
      {"C-BP-G3", {{"120", "100"}}, true},
      {"C-BP-G3", {{"159", "99"}}, false},
  };
  return rows;
}

class SafetyExampleBpTriggers : public ::testing::TestWithParam<BpRow> {};

TEST_P(SafetyExampleBpTriggers, FiresOrNot) {
  const BpRow& r = GetParam();
  EXPECT_EQ(Fired(VitalFindings(Plan(), Readings(r.readings), "A"), r.trigger), r.fires) << r.trigger;
}

INSTANTIATE_TEST_SUITE_P(Safety, SafetyExampleBpTriggers, ::testing::ValuesIn(BpRows()),
                         [](const ::testing::TestParamInfo<BpRow>& info) {
                           std::string name = info.param.trigger;
                           for (const auto& [s, d] : info.param.readings) name += "_" + s + "_" + d;
                           return std::to_string(info.index) + "_" +
                                  testing::TestName(name + (info.param.fires ? "_fires" : "_silent"));
                         });

TEST(SafetyExampleBpTriggers, TwoReadingsNameBothInTheEvidence) {
  const auto findings = VitalFindings(Plan(), Readings({{"150", "85"}, {"145", "92"}}), "A");
  ASSERT_TRUE(Fired(findings, "C-BP-G2"));
  for (const Finding& f : findings) {
    if (f.trigger_id != "C-BP-G2") continue;
    EXPECT_EQ(f.evidence.size(), 4u);
    EXPECT_EQ(f.identity, "dose_modification|C-BP-G2|ESCC2L-01-001|VS|2026-03-11T09:30");
    EXPECT_EQ(f.reason,
              "2 consecutive readings: SBP 150 \u2265 140 mmHg on 2026-03-10T09:30; SBP 145 \u2265 140, "
              "DBP 92 \u2265 90 mmHg on 2026-03-11T09:30");
  }
}

// ---- Every trigger has both kinds of row ------------------------------------

TEST(SafetyExamplePlan, EveryTriggerHasAFiringAndASilentRow) {
  std::map<std::string, std::set<bool>> seen;
  for (const AeRow& r : AeRows()) seen[r.trigger].insert(r.fires);
  for (const LabRow& r : LabRows()) seen[r.trigger].insert(r.fires);
  for (const BpRow& r : BpRows()) seen[r.trigger].insert(r.fires);
  for (const Trigger& t : Plan().triggers) {
    EXPECT_EQ(seen[t.id].size(), 2u) << t.id << " needs a row that fires and one that does not";
  }
  for (const auto& [id, kinds] : seen) {
    bool known = false;
    for (const Trigger& t : Plan().triggers) known = known || t.id == id;
    EXPECT_TRUE(known) << "row for unknown trigger " << id;
  }
}

}  // namespace
}  // namespace vigil::safety
