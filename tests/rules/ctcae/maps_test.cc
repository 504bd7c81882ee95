// Test codes -> terms, and unit labels -> units (rules/ctcae/v5.0/codes.json,
// units.json).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "rules/ctcae/load_sections.h"
#include "tests/rules/ctcae/v5_grader.h"

namespace vigil::ctcae {
namespace {

using testing::V5;

std::vector<std::string> Terms(const std::vector<GradeResult>& results) {
  std::vector<std::string> out;
  for (const auto& r : results) out.push_back(r.term);
  return out;
}

TEST(CtcaeMaps, HemoglobinGradesAnemiaAndHemoglobinIncreased) {
  ASSERT_TRUE(V5().ok()) << V5().status().message();
  const Measurement low{.value = "95", .unit = "g/L", .uln = "160", .lln = "120"};
  const auto by_testcd = V5()->GradeTest(CodeSystem::kLbTestCd, "HGB", low);
  ASSERT_EQ(Terms(by_testcd), (std::vector<std::string>{"Anemia", "Hemoglobin increased"}));
  EXPECT_EQ(by_testcd[0].grade, 2);
  EXPECT_EQ(by_testcd[1].grade, 0);
  const auto high =
      V5()->GradeTest(CodeSystem::kLoinc, "718-7", {.value = "185", .unit = "g/L", .uln = "160", .lln = "120"});
  ASSERT_EQ(high.size(), 2u);
  EXPECT_EQ(high[0].grade, 0);
  EXPECT_EQ(high[1].grade, 2) << "ULN + 25 g/L";
  // mmol/L: CTCAE gives Anemia cut points but none for Hemoglobin increased.
  const auto mmol =
      V5()->GradeTest(CodeSystem::kLbTestCd, "hgb", {.value = "6.0", .unit = "mmol/L", .uln = "10", .lln = "7.4"});
  ASSERT_EQ(mmol.size(), 2u);
  EXPECT_EQ(mmol[0].grade, 2);
  EXPECT_TRUE(mmol[1].is_na());
  EXPECT_NE(mmol[1].reason.find("unsupported unit"), std::string::npos) << mmol[1].reason;
}

TEST(CtcaeMaps, PotassiumAndSodiumGradeBothDirections) {
  ASSERT_TRUE(V5().ok());
  const auto k =
      V5()->GradeTest(CodeSystem::kLbTestCd, "K", {.value = "2.9", .unit = "mEq/L", .uln = "5.1", .lln = "3.5"});
  ASSERT_EQ(Terms(k), (std::vector<std::string>{"Hyperkalemia", "Hypokalemia"}));
  EXPECT_EQ(k[0].grade, 0);
  EXPECT_EQ(k[1].grade, 3);
  const auto k_loinc =
      V5()->GradeTest(CodeSystem::kLoinc, "2823-3", {.value = "6.1", .unit = "mmol/L", .uln = "5.1", .lln = "3.5"});
  ASSERT_EQ(k_loinc.size(), 2u);
  EXPECT_EQ(k_loinc[0].grade, 3);
  EXPECT_EQ(k_loinc[1].grade, 0);
  EXPECT_EQ(Terms(V5()->GradeTest(CodeSystem::kLbTestCd, "SODIUM", {.value = "140", .unit = "mmol/L"})),
            (std::vector<std::string>{"Hypernatremia", "Hyponatremia"}));
}

TEST(CtcaeMaps, LoincCodesMapLikeTestCodes) {
  ASSERT_TRUE(V5().ok());
  struct Code {
    const char* loinc;
    const char* term;
  } codes[] = {
      {"1742-6", "Alanine aminotransferase increased"},
      {"1920-8", "Aspartate aminotransferase increased"},
      {"1975-2", "Blood bilirubin increased"},
      {"2160-0", "Creatinine increased"},
      {"751-8", "Neutrophil count decreased"},
      {"777-3", "Platelet count decreased"},
      {"6301-6", "INR increased"},
      {"2889-4", "Proteinuria"},
      {"20454-5", "Proteinuria"},
      {"8480-6", "Hypertension (systolic)"},
      {"8462-4", "Hypertension (diastolic)"},
      {"1994-3", "Hypercalcemia (ionized)"},
      {"29265-6", "Hypercalcemia"},
  };
  for (const auto& c : codes) {
    const auto results = V5()->GradeTest(CodeSystem::kLoinc, c.loinc, {.value = "1"});
    ASSERT_FALSE(results.empty()) << c.loinc;
    EXPECT_EQ(results[0].term, c.term) << c.loinc;
  }
}

TEST(CtcaeMaps, VitalSignsAndEcgByTestCode) {
  ASSERT_TRUE(V5().ok());
  // VS and EG records often carry no unit: the map supplies the standard one.
  const auto sbp = V5()->GradeTest(CodeSystem::kVsTestCd, "SYSBP", {.value = "145"});
  ASSERT_EQ(sbp.size(), 1u);
  EXPECT_EQ(sbp[0].term, "Hypertension (systolic)");
  EXPECT_EQ(sbp[0].ctcae_term, "Hypertension");
  EXPECT_EQ(sbp[0].grade, 2);
  const auto dbp = V5()->GradeTest(CodeSystem::kVsTestCd, "DIABP", {.value = "101", .unit = "mmHg"});
  ASSERT_EQ(dbp.size(), 1u);
  EXPECT_EQ(dbp[0].grade, 3);
  for (const char* code : {"QTCF", "QTCB"}) {
    const auto qtc = V5()->GradeTest(CodeSystem::kEgTestCd, code, {.value = "470", .baseline = "400"});
    ASSERT_EQ(qtc.size(), 1u) << code;
    EXPECT_EQ(qtc[0].term, "Electrocardiogram QT corrected interval prolonged");
    EXPECT_EQ(qtc[0].grade, 3) << code << ": +70 ms over baseline";
  }
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kEgTestCd, "HR", {.value = "70"}).empty());
}

TEST(CtcaeMaps, UnmappedCodesGiveNoResults) {
  ASSERT_TRUE(V5().ok());
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kLbTestCd, "TSH", {.value = "5"}).empty());
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kLoinc, "3016-3", {.value = "5"}).empty());
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kVsTestCd, "ALT", {.value = "5"}).empty()) << "codes are per system";
}

TEST(CtcaeMaps, TotalCalciumIsNotGradedUncorrected) {
  ASSERT_TRUE(V5().ok());
  const auto total = V5()->GradeTest(CodeSystem::kLbTestCd, "CA", {.value = "3.2", .unit = "mmol/L", .uln = "2.6"});
  ASSERT_EQ(Terms(total), (std::vector<std::string>{"Hypercalcemia", "Hypocalcemia"}));
  for (const auto& r : total) {
    EXPECT_TRUE(r.is_na());
    EXPECT_NE(r.reason.find("corrected"), std::string::npos) << r.reason;
  }
  const auto corrected =
      V5()->GradeTest(CodeSystem::kLbTestCd, "CACR", {.value = "3.2", .unit = "mmol/L", .uln = "2.6"});
  ASSERT_EQ(corrected.size(), 2u);
  EXPECT_EQ(corrected[0].grade, 3);
  const auto ionized = V5()->GradeTest(CodeSystem::kLbTestCd, "CAION",
                                       {.value = "1.65", .unit = "mmol/L", .uln = "1.32", .lln = "1.12"});
  ASSERT_EQ(Terms(ionized), (std::vector<std::string>{"Hypercalcemia (ionized)", "Hypocalcemia (ionized)"}));
  EXPECT_EQ(ionized[0].grade, 3);
  EXPECT_EQ(ionized[1].grade, 0);
}

TEST(CtcaeMaps, SpecimenDecidesUrineProteinAndPh) {
  ASSERT_TRUE(V5().ok());
  const auto urine = V5()->GradeTest(CodeSystem::kLbTestCd, "PROT", {.value = "2+", .unit = "dipstick"}, {}, "URINE");
  ASSERT_EQ(urine.size(), 1u);
  EXPECT_EQ(urine[0].term, "Proteinuria");
  EXPECT_EQ(urine[0].grade, 2) << urine[0].reason;
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kLbTestCd, "PROT", {.value = "70", .unit = "g/L"}, {}, "SERUM").empty())
      << "serum total protein is not proteinuria";
  const auto unknown = V5()->GradeTest(CodeSystem::kLbTestCd, "PROT", {.value = "2", .unit = "dipstick"});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_TRUE(unknown[0].is_na());
  EXPECT_NE(unknown[0].reason.find("specimen"), std::string::npos);
  const auto dipstick = V5()->GradeTest(CodeSystem::kLoinc, "20454-5", {.value = "trace"});
  ASSERT_EQ(dipstick.size(), 1u);
  EXPECT_EQ(dipstick[0].grade, 0) << "trace counts as 0; " << dipstick[0].reason;
  EXPECT_TRUE(V5()->GradeTest(CodeSystem::kLbTestCd, "PH", {.value = "5.0", .unit = "pH"}, {}, "urine").empty())
      << "urine pH is not acidosis";
  const auto blood = V5()->GradeTest(
      CodeSystem::kLbTestCd, "PH", {.value = "7.25", .unit = "pH", .uln = "7.45", .lln = "7.35"}, {}, "ARTERIAL BLOOD");
  ASSERT_EQ(Terms(blood), (std::vector<std::string>{"Acidosis", "Alkalosis"}));
  EXPECT_EQ(blood[0].grade, 3);
  EXPECT_EQ(blood[1].grade, 0);
}

TEST(CtcaeMaps, GlucoseGradesHypoglycemiaAndSaysWhyNotHyperglycemia) {
  ASSERT_TRUE(V5().ok());
  const auto g =
      V5()->GradeTest(CodeSystem::kLbTestCd, "GLUC", {.value = "2.1", .unit = "mmol/L", .uln = "6.1", .lln = "3.9"});
  ASSERT_EQ(Terms(g), (std::vector<std::string>{"Hypoglycemia", "Hyperglycemia"}));
  EXPECT_EQ(g[0].grade, 3);
  EXPECT_TRUE(g[1].is_na());
}

TEST(CtcaeMaps, UnitLabelsAreNormalised) {
  ASSERT_TRUE(V5().ok());
  struct Label {
    const char* term;
    const char* value;
    const char* unit;
    int grade;
  } labels[] = {
      {"Platelet count decreased", "40", "10^9/L", 3},
      {"Platelet count decreased", "40", "10*9/L", 3},
      {"Platelet count decreased", "40", "10^3/uL", 3},
      {"Platelet count decreased", "40", "10^3/\xC2\xB5L", 3},
      {"Platelet count decreased", "40", "10^3/\xCE\xBCL", 3},
      {"Platelet count decreased", "40", "10*3/uL", 3},
      {"Platelet count decreased", "40", "x10E9/L", 3},
      {"Platelet count decreased", "40000", "cells/uL", 3},
      {"Platelet count decreased", "40000", "/mm3", 3},
      {"Hyperkalemia", "6.5", "mmol/l", 3},
      {"Hyperkalemia", "6.5", "MMOL/L", 3},
      {"Hyperkalemia", "6.5", "mEq/L", 3},
      {"Hypertension (systolic)", "150", "mm[Hg]", 2},
      {"Hypertension (systolic)", "150", "mm Hg", 2},
      {"Electrocardiogram QT corrected interval prolonged", "490", "msec", 2},
      {"Proteinuria", "1500", "mg/24h", 2},
      {"Proteinuria", "1.5", "g/(24.h)", 2},
      {"INR increased", "1.6", "{INR}", 2},
      {"Anemia", "7.9", "g/dL", 3},
  };
  for (const auto& l : labels) {
    const GradeResult r = V5()->Grade(l.term, {.value = l.value, .unit = l.unit, .uln = "5.1", .lln = "150"});
    EXPECT_EQ(r.grade, l.grade) << l.term << " " << l.value << " " << l.unit << ": " << r.reason;
  }
  EXPECT_EQ(NormalizeUnitLabel(" 10^3/\xC2\xB5L "), "10^3/ul");
  EXPECT_EQ(NormalizeUnitLabel("mm Hg"), "mmhg");
  EXPECT_EQ(NormalizeUnitLabel("\xC3\x97"
                               "10^9/L"),
            "x10^9/l");
}

TEST(CtcaeMaps, UnsupportedUnitsAreNaWithAReason) {
  ASSERT_TRUE(V5().ok());
  struct Unsupported {
    const char* term;
    const char* unit;
    const char* why;
  } cases[] = {
      {"Platelet count decreased", "G/L", "not a count label"},
      {"Platelet count decreased", "10^3/mL", "ambiguous label: read literally it is a thousand times smaller"},
      {"Anemia", "mg/dL", "a known unit, but CTCAE gives no Anemia cut points in it"},
      {"Hypermagnesemia", "mEq/L", "mEq/L equals mmol/L only for monovalent ions"},
      {"Hypercalcemia", "umol/L", "no cut points in umol/L, and no conversion"},
      {"Hypertension (systolic)", "kPa", "unknown label"},
      {"Electrocardiogram QT corrected interval prolonged", "s", "seconds are not converted to ms"},
  };
  for (const auto& c : cases) {
    const GradeResult r = V5()->Grade(c.term, {.value = "1", .unit = c.unit, .uln = "1", .lln = "1"});
    EXPECT_TRUE(r.is_na()) << c.term << " " << c.unit << ": " << c.why;
    EXPECT_NE(r.reason.find("unsupported unit"), std::string::npos) << r.reason;
  }
}

// Every term the reference lists is in the criteria, and every gradable term
// is reachable from at least one test code.
TEST(CtcaeMaps, EveryReferenceTermIsDefinedAndMapped) {
  ASSERT_TRUE(V5().ok());
  const std::vector<std::string> reference_terms = {"Anemia",
                                                    "Hemoglobin increased",
                                                    "Leukocytosis",
                                                    "White blood cell decreased",
                                                    "Neutrophil count decreased",
                                                    "Lymphocyte count decreased",
                                                    "Lymphocyte count increased",
                                                    "CD4 lymphocytes decreased",
                                                    "Platelet count decreased",
                                                    "Activated partial thromboplastin time prolonged",
                                                    "INR increased",
                                                    "Fibrinogen decreased",
                                                    "Haptoglobin decreased",
                                                    "Alanine aminotransferase increased",
                                                    "Aspartate aminotransferase increased",
                                                    "Alkaline phosphatase increased",
                                                    "GGT increased",
                                                    "Blood bilirubin increased",
                                                    "Creatinine increased",
                                                    "CPK increased",
                                                    "Lipase increased",
                                                    "Serum amylase increased",
                                                    "Blood lactate dehydrogenase increased",
                                                    "Hyperkalemia",
                                                    "Hypokalemia",
                                                    "Hypernatremia",
                                                    "Hyponatremia",
                                                    "Hypercalcemia",
                                                    "Hypercalcemia (ionized)",
                                                    "Hypocalcemia",
                                                    "Hypocalcemia (ionized)",
                                                    "Hypermagnesemia",
                                                    "Hypomagnesemia",
                                                    "Hypoglycemia",
                                                    "Hypoalbuminemia",
                                                    "Cholesterol high",
                                                    "Hypertriglyceridemia",
                                                    "Hyperuricemia",
                                                    "Acidosis",
                                                    "Alkalosis",
                                                    "Hypertension (systolic)",
                                                    "Hypertension (diastolic)",
                                                    "Electrocardiogram QT corrected interval prolonged",
                                                    "Proteinuria",
                                                    "Hyperglycemia",
                                                    "Hypophosphatemia"};
  EXPECT_EQ(reference_terms.size(), 46u);
  const Criteria& c = V5()->criteria();
  EXPECT_EQ(c.terms.size(), reference_terms.size());
  std::set<std::string> mapped;
  for (const Analyte& a : c.analytes) mapped.insert(a.terms.begin(), a.terms.end());
  for (const auto& t : reference_terms) {
    EXPECT_NE(c.FindTerm(t), nullptr) << t;
    EXPECT_TRUE(mapped.contains(t)) << t << " has no test code";
  }
  EXPECT_NE(c.FindTerm("  alanine AMINOTRANSFERASE increased "), nullptr) << "names match ignoring case and spaces";
}

TEST(CtcaeMaps, LoincCheckDigits) {
  for (const char* good : {"1742-6", "718-7", "20454-5", "29265-6", "8480-6", "2823-3"}) {
    EXPECT_TRUE(load::IsValidLoinc(good)) << good;
  }
  for (const char* bad : {"1742-5", "718-8", "17426", "-6", "1742-", "A742-6", "12345678-9"}) {
    EXPECT_FALSE(load::IsValidLoinc(bad)) << bad;
  }
}

}  // namespace
}  // namespace vigil::ctcae
