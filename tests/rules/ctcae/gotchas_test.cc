// One table per gotcha of reference/ctcae_lab.md section 9.
#include "rules/ctcae/calcium.h"
#include "tests/rules/ctcae/gotcha_table.h"

namespace vigil::ctcae {
namespace {

using testing::Case;
using testing::ExpectGrades;
using testing::V5;

// 1. A value exactly on a cut point gets the milder grade; the inclusive
//    exceptions get the grade CTCAE's wording gives them.
TEST(CtcaeGotchas, G01_ExactlyOnACutPointGetsTheMilderGrade) {
  ExpectGrades({
      {"Alanine aminotransferase increased", "120", "U/L", "40", "", "", "1",
       "exactly 3 x ULN: grade 2 is '>3.0 - 5.0 x ULN', so 3.0 stays grade 1"},
      {"Alanine aminotransferase increased", "200", "U/L", "40", "", "", "2", "exactly 5 x ULN stays grade 2"},
      {"Neutrophil count decreased", "1.0", "10^9/L", "", "2.0", "", "2",
       "low terms mirror it: ANC exactly 1.0 is grade 2, not 3"},
      {"Platelet count decreased", "50", "10^9/L", "", "150", "", "2", "exactly 50 is grade 2 ('<75 - 50')"},
      {"Hypercalcemia", "3.1", "mmol/L", "2.6", "", "", "2", "exactly 3.1 mmol/L is grade 2"},
      {"Alanine aminotransferase increased", "90", "U/L", "40", "", "60", "1",
       "inclusive: baseline-abnormal grade 1 is '1.5 - 3.0 x baseline', so exactly 1.5 x 60 is grade 1"},
      {"Alanine aminotransferase increased", "89", "U/L", "40", "", "60", "0",
       "just under 1.5 x baseline is grade 0 on the baseline-abnormal path"},
      {"Alkaline phosphatase increased", "400", "U/L", "120", "", "200", "1",
       "inclusive: '2.0 - 2.5 x baseline', exactly 2.0 x 200"},
      {"GGT increased", "180", "U/L", "60", "", "90", "1",
       "inclusive as for ALP, per the CTCAE text (admiral says 0: DISPUTED)"},
      {"Hypertriglyceridemia", "150", "mg/dL", "", "", "", "1",
       "inclusive: grade 1 is '150 - 300 mg/dL' (admiral says 0: DISPUTED)"},
      {"Hypertriglyceridemia", "1.71", "mmol/L", "", "", "", "1", "inclusive: grade 1 is '1.71 - 3.42 mmol/L'"},
      {"Fibrinogen decreased", "0.8", "g/L", "", "2.0", "1.6", "3",
       "inclusive %-fall bands: a fall of exactly 50% from an abnormal baseline is grade 3"},
      {"Hypertension (systolic)", "140", "mmHg", "", "", "", "2", "inclusive integer bands: 140 - 159 is grade 2"},
      {"Hypertension (diastolic)", "100", "mmHg", "", "", "", "3", "inclusive: >=100 is grade 3"},
      {"Electrocardiogram QT corrected interval prolonged", "450", "ms", "", "", "", "1",
       "inclusive: grade 1 is 450 - 480 ms"},
      {"Proteinuria", "1.0", "g/24h", "0.15", "", "", "2", "inclusive lower bound: 1.0 - <3.5 g/24 h is grade 2"},
      {"Proteinuria", "3.5", "g/24h", "0.15", "", "", "3", "inclusive lower bound: >=3.5 g/24 h is grade 3"},
  });
}

// 2. "ULN" (or "LLN") in grade 1 is strict: equal to it is grade 0.
TEST(CtcaeGotchas, G02_EqualToUlnOrLlnIsGradeZero) {
  ExpectGrades({
      {"Alanine aminotransferase increased", "40", "U/L", "40", "", "", "0", "value == ULN is not above it"},
      {"Anemia", "120", "g/L", "", "120", "", "0", "value == LLN is not below it"},
      {"Hyperkalemia", "5.1", "mmol/L", "5.1", "", "", "0", "value == ULN"},
      {"Hypomagnesemia", "0.66", "mmol/L", "", "0.66", "", "0", "value == LLN"},
      {"Blood lactate dehydrogenase increased", "250", "U/L", "250", "", "", "0", "value == ULN"},
      {"Haptoglobin decreased", "0.3", "g/L", "2", "0.3", "", "0", "value == LLN"},
  });
}

// 3. When the baseline is above ULN, ALT/AST/ALP/GGT/bilirubin are graded
//    against the baseline, not ULN.
TEST(CtcaeGotchas, G03_AbnormalBaselineFlipsTheReference) {
  ExpectGrades({
      {"Alanine aminotransferase increased", "150", "U/L", "40", "", "200", "0",
       "above ULN but below 1.5 x baseline 200: grade 0"},
      {"Alanine aminotransferase increased", "150", "U/L", "40", "", "40", "2",
       "baseline equal to ULN counts as normal: 150 > 3 x ULN"},
      {"Alanine aminotransferase increased", "150", "U/L", "40", "", "", "2", "no baseline: the x ULN path"},
      {"Aspartate aminotransferase increased", "211", "U/L", "35", "", "70", "2", ">3 x baseline 70"},
      {"Alkaline phosphatase increased", "399", "U/L", "120", "", "200", "0",
       "under 2.0 x baseline: grade 0 although 3.3 x ULN"},
      {"Blood bilirubin increased", "30", "umol/L", "21", "", "30", "0",
       "bilirubin's baseline-abnormal grade 1 starts just above 1.0 x baseline"},
      {"Blood bilirubin increased", "30.1", "umol/L", "21", "", "30", "1", "just above 1.0 x baseline"},
      {"Alanine aminotransferase increased", "150", "U/L", "", "", "200", "NA",
       "ULN missing: whether the baseline is abnormal cannot be known (admiral needs ULN too)"},
  });
}

// 4. Creatinine's baseline rule applies to everyone, read literally; the
//    caller can switch it.
TEST(CtcaeGotchas, G04_CreatinineBaselineRuleIsASwitch) {
  ExpectGrades({
      {"Creatinine increased", "95", "umol/L", "100", "", "60", "2",
       "literal: >1.5 x baseline is grade 2 although below ULN"},
      {"Creatinine increased", "190", "umol/L", "100", "", "60", "3", ">3 x baseline is grade 3 (x ULN alone says 2)"},
      {"Creatinine increased", "160", "umol/L", "", "", "100", "2",
       "no ULN: a baseline-rule grade above 0 can still be given"},
      {"Creatinine increased", "120", "umol/L", "", "", "100", "NA",
       "no ULN and the baseline rule gives 0: grade 1 cannot be ruled out"},
      {"Creatinine increased", "601", "umol/L", "100", "", "", "4", "no baseline: x ULN only"},
  });
  ExpectGrades(
      {
          {"Creatinine increased", "95", "umol/L", "100", "", "60", "0",
           "sponsor reading: the baseline rule needs the value above ULN"},
          {"Creatinine increased", "190", "umol/L", "100", "", "60", "3", "above ULN, so >3 x baseline counts"},
      },
      Options{.creatinine_baseline = CreatinineBaselineRule::kAboveUlnOnly});
  ExpectGrades(
      {
          {"Creatinine increased", "95", "umol/L", "100", "", "60", "0", "baseline rule off: x ULN only"},
          {"Creatinine increased", "190", "umol/L", "100", "", "60", "2", "baseline rule off: 1.9 x ULN is grade 2"},
          {"Creatinine increased", "95", "umol/L", "100", "", "0", "0",
           "baseline rule off: the baseline is not used, so even an impossible one is ignored"},
      },
      Options{.creatinine_baseline = CreatinineBaselineRule::kOff});
}

// 5. Absolute cut points beat the lab's range; a missing range blocks only the
//    grade 1 / grade 0 decision.
TEST(CtcaeGotchas, G05_AbsoluteCutPointsBeatTheReferenceRange) {
  ExpectGrades({
      {"Neutrophil count decreased", "1.45", "10^9/L", "", "1.4", "", "2",
       "LLN 1.4 is below the 1.5 floor: 1.45 is above LLN but already grade 2"},
      {"Hyperkalemia", "5.7", "mmol/L", "5.8", "", "", "2", "ULN 5.8 is above 5.5: 5.7 is below ULN but grade 2"},
      {"Neutrophil count decreased", "0.8", "10^9/L", "", "", "", "3", "no LLN, but <1.0 is grade 3 whatever the LLN"},
      {"Neutrophil count decreased", "1.6", "10^9/L", "", "", "", "NA",
       "no LLN and not below 1.5: grade 1 or 0 cannot be decided"},
      {"Hyperkalemia", "5.3", "mmol/L", "", "", "", "NA", "no ULN and not above 5.5: grade 1 or 0 cannot be decided"},
      {"Platelet count decreased", "60", "10^9/L", "", "", "", "2", "no LLN, <75 is grade 2"},
      {"CD4 lymphocytes decreased", "0.45", "10^9/L", "", "0.4", "", "2",
       "LLN below 0.5: a value above LLN but <0.5 is grade 2"},
  });
}

// 6. Cut points are applied in the reported unit; labels are normalised, values
//    are never converted across units.
TEST(CtcaeGotchas, G06_UnitsUseTheReportedUnitsCutPoints) {
  ExpectGrades({
      {"Hypoglycemia", "55", "mg/dL", "", "70", "", "1",
       "55 mg/dL is the grade-2 bound, not 3.0 mmol/L converted (3.05)"},
      {"Hypoglycemia", "54", "mg/dL", "", "70", "", "2", "below 55 mg/dL"},
      {"Hypoglycemia", "3.0", "mmol/L", "", "3.9", "", "1", "3.0 mmol/L is the mmol/L bound"},
      {"Anemia", "6.2", "mmol/L", "", "7.4", "", "1",
       "Hb 6.2 mmol/L is CTCAE's own bound; converted (99.9 g/L) it would wrongly be grade 2"},
      {"Anemia", "99.9", "g/L", "", "120", "", "2", "in g/L, 99.9 is below 100"},
      {"Anemia", "9.9", "g/dL", "", "12", "", "2", "g/dL bounds 10.0/8.0"},
      {"Hyponatremia", "129", "mEq/L", "145", "135", "", "3", "mEq/L = mmol/L for sodium (monovalent)"},
      {"Hypokalemia", "3.4", "mEq/L", "", "3.5", "", "2", "mEq/L = mmol/L for potassium"},
      {"Hypomagnesemia", "0.4", "mEq/L", "", "0.7", "", "NA",
       "magnesium is divalent: mEq/L is not mmol/L, and values are not converted"},
      {"Neutrophil count decreased", "1400", "cells/uL", "", "1500", "", "2",
       "1400 cells/uL = 1.4 x 10^9/L (an exact shift, with the LLN shifted too)"},
      {"Neutrophil count decreased", "1.4", "10^3/uL", "", "1.5", "", "2", "10^3/uL = 10^9/L"},
      {"CD4 lymphocytes decreased", "150", "cells/uL", "", "400", "", "3", "150 cells/uL = 0.15 x 10^9/L"},
      {"Platelet count decreased", "60", "10*9/L", "", "150", "", "2", "UCUM spelling of 10^9/L"},
      {"Platelet count decreased", "60", "G/L", "", "150", "", "NA", "an unrecognised count label is not guessed"},
      {"Anemia", "99", "", "", "120", "", "NA", "no unit on a term with absolute cut points"},
      {"Alanine aminotransferase increased", "2.1", "ukat/L", "0.6", "", "", "2",
       "ratio terms take any unit: 3.5 x ULN"},
  });
}

// 7. Hyper/hypocalcemia grade albumin-corrected calcium; ionized calcium has its
//    own cut points.
TEST(CtcaeGotchas, G07_CalciumMustBeCorrectedFirst) {
  ExpectGrades({
      {"Hypocalcemia", "1.5", "mmol/L", "", "2.15", "", "3",
       "corrected total calcium 1.5 mmol/L: exactly the grade 3/4 bound"},
      {"Hypocalcemia (ionized)", "1.5", "mmol/L", "", "1.12", "", "0",
       "the same number as ionized calcium is above normal"},
      {"Hypercalcemia (ionized)", "1.55", "mmol/L", "1.32", "", "", "2", "ionized >1.5 - 1.6 mmol/L is grade 2"},
      {"Hypercalcemia", "1.55", "mmol/L", "2.6", "", "", "0", "as corrected total calcium it is not high at all"},
      {"Hypercalcemia", "12.0", "mg/dL", "10.5", "", "", "2", "corrected calcium in mg/dL: >11.5 - 12.5"},
  });
  // Correct, then grade: 8.0 mg/dL with albumin 2.0 g/dL -> 8.0 + 0.8 x 2.0 = 9.6.
  auto corrected = AlbuminCorrectedCalcium("8.0", "mg/dL", "2.0", "g/dL");
  ASSERT_TRUE(corrected.ok()) << corrected.status().message();
  EXPECT_EQ(*corrected, "9.6");
  ASSERT_TRUE(V5().ok());
  EXPECT_EQ(V5()->Grade("Hypocalcemia", {.value = *corrected, .unit = "mg/dL", .lln = "8.5"}).grade, 0);
  EXPECT_EQ(V5()->Grade("Hypocalcemia", {.value = "8.0", .unit = "mg/dL", .lln = "8.5"}).grade, 1)
      << "uncorrected, the same draw would look like grade 1";
  auto si = AlbuminCorrectedCalcium("2.00", "mmol/L", "30", "g/L");  // 2.00 + 0.02 x 10
  ASSERT_TRUE(si.ok());
  EXPECT_EQ(*si, "2.2");
  EXPECT_FALSE(AlbuminCorrectedCalcium("8.0", "mg/dL", "20", "g/L").ok()) << "mixed unit families are refused";
  EXPECT_FALSE(AlbuminCorrectedCalcium("", "mg/dL", "2.0", "g/dL").ok());
}

// 8. Some terms ignore ULN, and some grades do not exist.
TEST(CtcaeGotchas, G08_TermsThatIgnoreUlnAndMissingGrades) {
  ExpectGrades({
      {"Hypertriglyceridemia", "1.70", "mmol/L", "1.5", "", "", "0", "ULN is not used: above ULN but under 1.71"},
      {"Hypertriglyceridemia", "3.43", "mmol/L", "", "", "", "2", "no ULN needed"},
      {"Leukocytosis", "50", "10^9/L", "10", "", "", "0", "only grade 3 (>100) exists: 5 x ULN is still 0"},
      {"Leukocytosis", "100.1", "10^9/L", "", "", "", "3", ">100 x 10^9/L, no ULN needed"},
      {"Lymphocyte count increased", "3.9", "10^9/L", "3.5", "", "", "0", "no grade 1: above ULN but <=4 is 0"},
      {"Lymphocyte count increased", "20.5", "10^9/L", "", "", "", "3", ">20 x 10^9/L"},
      {"Hypermagnesemia", "1.5", "mmol/L", "1.03", "", "", "3", "no grade 2: >1.23 mmol/L is grade 3"},
      {"Hypermagnesemia", "3.5", "mg/dL", "2.4", "", "", "3", "no grade 2 in mg/dL either: >3.0 - 8.0"},
  });
}

// 9. Binary floating point would put these exact-boundary values in the wrong
//    grade; exact decimal comparison does not.
TEST(CtcaeGotchas, G09_FloatingPointTraps) {
  ExpectGrades({
      {"Blood bilirubin increased", "1.05", "mg/dL", "0.7", "", "", "1",
       "1.5 x 0.7 is 1.0499999999999998 in double: naive '>' says 2"},
      {"Blood bilirubin increased", "2.1", "mg/dL", "0.7", "", "", "2",
       "3 x 0.7 is 2.0999999999999996 in double: naive '>' says 3"},
      {"Blood bilirubin increased", "1.8", "mg/dL", "1.2", "", "", "1",
       "1.5 x 1.2 is 1.7999999999999998 in double: naive '>' says 2"},
      {"Blood bilirubin increased", "1.65", "mg/dL", "1.1", "", "", "1", "exactly 1.5 x 1.1"},
      {"Alanine aminotransferase increased", "1.65", "ukat/L", "0.6", "", "1.1", "1",
       "'>= 1.5 x baseline': 1.5 x 1.1 is 1.6500000000000001 in double, naive '>=' says 0"},
      {"Fibrinogen decreased", "1.65", "g/L", "", "2.2", "", "1",
       "'< 0.75 x LLN': 0.75 x 2.2 is 1.6500000000000001 in double, naive '<' says 2"},
      {"Creatinine increased", "1.05", "mg/dL", "0.7", "", "", "1", "exactly 1.5 x ULN 0.7"},
      {"Creatinine increased", "2.1", "mg/dL", "0.7", "", "", "2",
       "3 x 0.7 is 2.0999999999999996 in double: naive '>' says 3"},
  });
}

// 10. Worst-case terms: the grade assumes the clinical qualifier and says so.
TEST(CtcaeGotchas, G10_WorstCaseGradesAreFlagged) {
  struct WorstCase {
    testing::Case c;
    bool worst_case;
  };
  const std::vector<WorstCase> cases = {
      {{"Lipase increased", "121", "U/L", "60", "", "", "3", ">2 x ULN: grade 2 if asymptomatic, 3 with symptoms"},
       true},
      {{"Lipase increased", "301", "U/L", "60", "", "", "4", ">5 x ULN: grade 3 if asymptomatic, 4 with symptoms"},
       true},
      {{"Lipase increased", "100", "U/L", "60", "", "", "2", ">1.5 - 2 x ULN needs no assumption"}, false},
      {{"Serum amylase increased", "201", "U/L", "100", "", "", "3", "as lipase"}, true},
      {{"Hyperuricemia", "421", "umol/L", "420", "", "", "3", ">ULN: grade 1 without physiologic consequences, 3 with"},
       true},
      {{"Hypokalemia", "3.4", "mmol/L", "", "3.5", "", "2", "<LLN - 3.0: grade 1 if asymptomatic, 2 if symptomatic"},
       true},
      {{"Hypokalemia", "2.9", "mmol/L", "", "3.5", "", "3", "<3.0 is grade 3 whatever the symptoms"}, false},
      {{"Hyponatremia", "127", "mmol/L", "", "135", "", "3", "125 - 129: grade 2 if asymptomatic, 3 if symptomatic"},
       true},
      {{"Hyponatremia", "123", "mmol/L", "", "135", "", "3", "120 - 124 is grade 3 whatever the symptoms"}, false},
      {{"INR increased", "1.1", "ratio", "", "", "1.0", "1",
        ">1 x baseline counts only if anticoagulated, which is assumed"},
       true},
      {{"INR increased", "1.3", "ratio", "", "", "", "1", ">1.2 is grade 1 without any assumption"}, false},
  };
  ASSERT_TRUE(V5().ok());
  for (const auto& [c, worst_case] : cases) {
    ExpectGrades({c});
    const GradeResult r =
        V5()->Grade(c.term, {.value = c.value, .unit = c.unit, .uln = c.uln, .lln = c.lln, .baseline = c.baseline});
    EXPECT_EQ(r.worst_case_assumed, worst_case) << c.term << " " << c.value << ": " << c.why;
    EXPECT_EQ(r.assumption.empty(), !worst_case) << c.term << " " << c.value;
  }
}

// 11. INR: with no baseline and INR <= 1.2, the anticoagulated-baseline rule
//     cannot be ruled out.
TEST(CtcaeGotchas, G11_InrDependsOnAnticoagulation) {
  ExpectGrades({
      {"INR increased", "1.2", "ratio", "", "", "", "NA",
       "no baseline: grade 1 by '>1 x baseline' cannot be ruled out"},
      {"INR increased", "1.0", "ratio", "", "", "1.0", "0", "at baseline: 0"},
      {"INR increased", "1.8", "ratio", "", "", "1.0", "2", ">1.5 by both scales"},
      {"INR increased", "3", "ratio", "", "", "2.5", "3", "1.2 x baseline is grade 1, but >2.5 absolute is grade 3"},
      {"INR increased", "2.6", "ratio", "", "", "1.0", "3", ">2.5 x baseline and >2.5"},
      {"INR increased", "1.3", "", "", "", "1.2", "1", "INR has no unit: an empty unit is read as a ratio"},
  });
  ASSERT_TRUE(V5().ok());
  const GradeResult r = V5()->Grade("INR increased", {.value = "1.2", .unit = "ratio"});
  EXPECT_TRUE(r.worst_case_assumed);
  EXPECT_NE(r.reason.find("baseline missing"), std::string::npos) << r.reason;
}

// 12. v5 grades hyperglycemia and hypophosphatemia clinically: never from a value.
TEST(CtcaeGotchas, G12_HyperglycemiaAndHypophosphatemiaAreNotGradedFromAValue) {
  ExpectGrades({
      {"Hyperglycemia", "15", "mmol/L", "6.1", "3.9", "", "NA", "v5 grades by change in diabetes management"},
      {"Hyperglycemia", "400", "mg/dL", "100", "70", "", "NA", "whatever the value"},
      {"Hypophosphatemia", "0.6", "mmol/L", "1.45", "0.81", "", "NA", "v5 grades by the intervention needed"},
  });
  ASSERT_TRUE(V5().ok());
  EXPECT_NE(V5()->Grade("Hyperglycemia", {.value = "15", .unit = "mmol/L"}).reason.find("not gradable"),
            std::string::npos);
}

// 13. Hypertension is the worse of systolic and diastolic; QTc also grades a
//     rise over baseline; both stop at grade 3.
TEST(CtcaeGotchas, G13_HypertensionAndQtc) {
  ASSERT_TRUE(V5().ok());
  const Grader& g = *V5();
  struct Reading {
    const char* sbp;
    const char* dbp;
    const char* grade;
    const char* why;
  } readings[] = {
      {"135", "95", "2", "DBP 90 - 99 (grade 2) beats SBP 120 - 139 (grade 1)"},
      {"165", "70", "3", "SBP >=160"},
      {"118", "78", "0", "both normal"},
      {"250", "150", "3", "a reading alone never gives grade 4 (crisis is clinical)"},
      {"150", "", "2", "DBP missing, but SBP already gives grade 2"},
      {"118", "", "NA", "DBP missing and SBP normal: DBP could give grade 1 or more"},
  };
  for (const auto& r : readings) {
    const GradeResult res = g.GradeHypertension({.value = r.sbp, .unit = "mmHg"}, {.value = r.dbp, .unit = "mmHg"});
    EXPECT_EQ(res.GradeText(), r.grade) << r.sbp << "/" << r.dbp << ": " << r.why << " (" << res.reason << ")";
    EXPECT_EQ(res.ctcae_term, "Hypertension");
  }
  ExpectGrades({
      {"Electrocardiogram QT corrected interval prolonged", "445", "ms", "", "", "380", "3",
       "+65 ms over baseline is grade 3 with no absolute floor"},
      {"Electrocardiogram QT corrected interval prolonged", "440", "ms", "", "", "380", "0",
       "exactly +60 ms is not >60"},
      {"Electrocardiogram QT corrected interval prolonged", "470", "ms", "", "", "", "1",
       "no baseline: the absolute bands only"},
      {"Electrocardiogram QT corrected interval prolonged", "620", "ms", "", "", "", "3",
       "at most grade 3 from a number"},
      {"Hypertension (systolic)", "260", "mmHg", "", "", "", "3", "at most grade 3 from a number"},
  });
}

// 14. Integer bands leave gaps; they are read as half-open intervals.
TEST(CtcaeGotchas, G14_GapsBetweenIntegerBands) {
  ExpectGrades({
      {"Hyponatremia", "129.5", "mmol/L", "", "135", "", "3",
       "[125, 130) is the 125 - 129 band (admiral says 1: DISPUTED)"},
      {"Hyponatremia", "130", "mmol/L", "", "135", "", "1", "130 is grade 1 (<LLN - 130)"},
      {"Hyponatremia", "124.9", "mmol/L", "", "135", "", "3", "120 - 124 band"},
      {"Hyponatremia", "119.9", "mmol/L", "", "135", "", "4", "<120"},
      {"Electrocardiogram QT corrected interval prolonged", "480.5", "ms", "", "", "", "2",
       "between 480 and 481: >480 is grade 2"},
      {"Electrocardiogram QT corrected interval prolonged", "500.5", "ms", "", "", "", "3",
       "between 500 and 501: >500 is grade 3"},
      {"Electrocardiogram QT corrected interval prolonged", "449.9", "ms", "", "", "", "0", "under 450"},
      {"Hypertension (systolic)", "139.5", "mmHg", "", "", "", "1", "[120, 140)"},
      {"Hypertension (diastolic)", "89.9", "mmHg", "", "", "", "1", "[80, 90)"},
      {"Hypertension (diastolic)", "99.5", "mmHg", "", "", "", "2", "[90, 100)"},
  });
}

// 15. Impossible or unreadable input is NA (a data-quality problem), not a
//     safety grade.
TEST(CtcaeGotchas, G15_InvalidDataIsNotGraded) {
  ExpectGrades({
      {"Platelet count decreased", "-10", "10^9/L", "", "150", "", "NA",
       "a negative count is impossible (admiral would say 4)"},
      {"Alanine aminotransferase increased", "50", "U/L", "0", "", "", "NA", "ULN 0 is impossible"},
      {"Creatinine increased", "50", "umol/L", "100", "", "0", "NA", "baseline 0 is impossible (admiral would say 3)"},
      {"Anemia", "110", "g/L", "", "-1", "", "NA", "a negative LLN is impossible"},
      {"Anemia", "abc", "g/L", "", "120", "", "NA", "not a number"},
      {"Lymphocyte count decreased", "<0.2", "10^9/L", "", "1", "", "NA", "a censored result is not a number"},
      {"Aspartate aminotransferase increased", "", "U/L", "35", "", "", "NA", "value missing"},
      {"Alanine aminotransferase increased", "50", "U/L", "abc", "", "", "NA", "ULN not a number"},
      {"Proteinuria", "5", "dipstick", "", "", "", "NA", "a dipstick has at most 4 plus signs"},
      {"Proteinuria", "1.5", "dipstick", "", "", "", "NA", "plus signs are whole numbers"},
      {"Anemia", "110", "g/L", "", "120", "0", "1", "baseline is not used by Anemia, so an impossible one is ignored"},
      {"Leukocytosis", "101", "10^9/L", "0", "", "", "3", "ULN is not used by Leukocytosis"},
      {"Not a CTCAE term", "1", "U/L", "40", "", "", "NA", "unknown term"},
  });
  ASSERT_TRUE(V5().ok());
  EXPECT_NE(
      V5()->Grade("Platelet count decreased", {.value = "-10", .unit = "10^9/L", .lln = "150"}).reason.find("negative"),
      std::string::npos);
  EXPECT_NE(V5()->Grade("Foo", {.value = "1"}).reason.find("unknown term"), std::string::npos);
}

}  // namespace
}  // namespace vigil::ctcae
