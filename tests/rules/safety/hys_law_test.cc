// Potential Hy's law cases (clinical.md A10): ALT or AST > 3 x ULN with total
// bilirubin > 2 x ULN within 7 days, ALP < 2 x ULN; the baseline-adjusted
// variant for subjects whose baseline is already abnormal.
#include "rules/safety/hys_law.h"

#include <gtest/gtest.h>

#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::Lab;

// ULNs: ALT and AST 40 U/L (3 x = 120), bilirubin 1.2 mg/dL (2 x = 2.4),
// ALP 120 U/L (2 x = 240).
GradedValue Alt(std::string value, std::string dtc, std::string baseline = "") {
  return Lab("ALT", "Alanine aminotransferase increased", std::nullopt, std::move(value), "U/L", "40",
             std::move(baseline), std::move(dtc));
}
GradedValue Ast(std::string value, std::string dtc) {
  return Lab("AST", "Aspartate aminotransferase increased", std::nullopt, std::move(value), "U/L", "40", "",
             std::move(dtc));
}
GradedValue Bili(std::string value, std::string dtc, std::string baseline = "") {
  return Lab("BILI", "Blood bilirubin increased", std::nullopt, std::move(value), "mg/dL", "1.2", std::move(baseline),
             std::move(dtc));
}
GradedValue Alp(std::string value, std::string dtc) {
  return Lab("ALP", "Alkaline phosphatase increased", std::nullopt, std::move(value), "U/L", "120", "", std::move(dtc));
}

HysLawParams Params(bool baseline_adjusted = true) {
  HysLawParams p;
  p.id = "A10";
  if (baseline_adjusted) p.baseline_adjusted = HysLawParams::BaselineAdjusted{};
  return p;
}

struct Row {
  const char* what;
  std::vector<GradedValue> values;
  bool fires;
  bool baseline_adjusted = true;
};

class SafetyHysLaw : public ::testing::TestWithParam<Row> {};

TEST_P(SafetyHysLaw, FiresOrNot) {
  const Row& r = GetParam();
  const auto findings = HysLawFindings(Params(r.baseline_adjusted), r.values, "A");
  EXPECT_EQ(!findings.empty(), r.fires) << r.what << (findings.empty() ? "" : ": " + findings[0].reason);
}

INSTANTIATE_TEST_SUITE_P(
    Safety, SafetyHysLaw,
    ::testing::Values(
        Row{"same draw", {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02"), Alp("100", "2026-04-02")}, true},
        Row{"AST instead of ALT",
            {Ast("150", "2026-04-02"), Bili("3.0", "2026-04-02"), Alp("100", "2026-04-02")},
            true},
        Row{"bilirubin 5 days later",
            {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-07"), Alp("100", "2026-04-02")},
            true},
        Row{"bilirubin 7 days later", {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-09")}, true},
        Row{"bilirubin 8 days later",
            {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-10"), Alp("100", "2026-04-02")},
            false},
        Row{"bilirubin 3 days before",
            {Alt("150", "2026-04-05"), Bili("3.0", "2026-04-02"), Alp("100", "2026-04-05")},
            true},
        Row{"ALP exactly 2 x ULN",
            {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02"), Alp("240", "2026-04-02")},
            false},
        Row{"ALP above 2 x ULN",
            {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02"), Alp("400", "2026-04-02")},
            false},
        Row{"no ALP at all still fires", {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02")}, true},
        Row{"ALT exactly 3.0 x ULN",
            {Alt("120", "2026-04-02"), Bili("3.0", "2026-04-02"), Alp("100", "2026-04-02")},
            false},
        Row{"ALT 120.01 U/L", {Alt("120.01", "2026-04-02"), Bili("3.0", "2026-04-02")}, true},
        Row{"bilirubin exactly 2.0 x ULN", {Alt("150", "2026-04-02"), Bili("2.4", "2026-04-02")}, false},
        Row{"transaminase without a ULN",
            {Lab("ALT", "Alanine aminotransferase increased", std::nullopt, "150", "U/L", "", "", "2026-04-02"),
             Bili("3.0", "2026-04-02")},
            false},
        Row{"LOINC codes, no CTCAE term",
            {Lab("1920-8", "", std::nullopt, "150", "U/L", "40", "", "2026-04-02"),
             Lab("1975-2", "", std::nullopt, "3.0", "mg/dL", "1.2", "", "2026-04-02")},
            true},
        Row{"direct bilirubin is not total bilirubin",
            {Alt("150", "2026-04-02"), Lab("BILDIR", "", std::nullopt, "3.0", "mg/dL", "0.3", "", "2026-04-02")},
            false},
        Row{"partial date cannot be placed", {Alt("150", "2026-04"), Bili("3.0", "2026-04-02")}, false},
        // Abnormal baseline (liver metastases): ALT baseline 80 U/L, so 3 x
        // baseline = 240; bilirubin baseline 2.0 mg/dL, so 2 x baseline = 4.0.
        Row{"abnormal ALT baseline, ALT 200 (> 3 x ULN, not > 3 x baseline)",
            {Alt("200", "2026-04-02", "80"), Bili("3.0", "2026-04-02")},
            false},
        Row{"abnormal ALT baseline, ALT 250 > 3 x baseline",
            {Alt("250", "2026-04-02", "80"), Bili("3.0", "2026-04-02")},
            true},
        Row{"abnormal ALT baseline, variant off: ULN multiples",
            {Alt("200", "2026-04-02", "80"), Bili("3.0", "2026-04-02")},
            true,
            false},
        Row{"abnormal bilirubin baseline, bilirubin 3.0 (not > 2 x baseline)",
            {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02", "2.0")},
            false},
        Row{"abnormal bilirubin baseline, bilirubin 4.5 > 2 x baseline",
            {Alt("150", "2026-04-02"), Bili("4.5", "2026-04-02", "2.0")},
            true},
        Row{"normal baseline keeps ULN multiples",
            {Alt("150", "2026-04-02", "30"), Bili("3.0", "2026-04-02", "0.8")},
            true}),
    [](const ::testing::TestParamInfo<Row>& info) {
      return std::to_string(info.index) + "_" + testing::TestName(info.param.what);
    });

TEST(SafetyHysLaw, ReasonAndEvidenceNameTheThreeValues) {
  const std::vector<GradedValue> values = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-05"),
                                           Alp("100", "2026-04-05")};
  const auto findings = HysLawFindings(Params(), values, "A");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.kind, AlertKind::kHysLaw);
  EXPECT_EQ(f.trigger_id, "A10");
  EXPECT_EQ(f.severity, Severity::kCritical);
  EXPECT_EQ(f.title, "Potential Hy's law case (ESCC2L-01-001)");
  EXPECT_EQ(f.identity, "hys_law|A10|ESCC2L-01-001|2026-04-02");
  EXPECT_EQ(f.dedupe_key, "hys_law|A10|ESCC2L-01-001|2026-04-02|g1");
  EXPECT_EQ(f.reason,
            "ALT 150 U/L > 3 \u00d7 ULN 40 = 120 on 2026-04-02; BILI 3.0 mg/dL > 2 \u00d7 ULN 1.2 = 2.4 on 2026-04-05 "
            "(3 days apart, within 7 days); ALP 100 U/L < 2 \u00d7 ULN 120 = 240");
  ASSERT_EQ(f.evidence.size(), 3u);
  EXPECT_EQ(f.evidence[0].record_key, "ALT-2026-04-02");
  EXPECT_EQ(f.evidence[1].record_key, "BILI-2026-04-05");
  EXPECT_EQ(f.evidence[2].record_key, "ALP-2026-04-05");
}

TEST(SafetyHysLaw, MissingAlpIsSaidNotSilenced) {
  const std::vector<GradedValue> values = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02")};
  const auto findings = HysLawFindings(Params(), values, "A");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].reason.find("no ALP within 7 days: a cholestatic pattern is not ruled out"), std::string::npos)
      << findings[0].reason;
}

TEST(SafetyHysLaw, ALaterLabOfTheWindowKeepsTheKey) {
  std::vector<GradedValue> values = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-04")};
  const auto first = HysLawFindings(Params(), values, "A");
  ASSERT_EQ(first.size(), 1u);
  values.push_back(Alp("100", "2026-04-04"));   // the ALP of the bilirubin draw arrives
  values.push_back(Ast("180", "2026-04-04"));   // and an AST, also > 3 x ULN
  values.push_back(Bili("3.5", "2026-04-02"));  // and a bilirubin of the first draw
  const auto later = HysLawFindings(Params(), values, "A");
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].dedupe_key, first[0].dedupe_key);
  EXPECT_GT(later[0].evidence.size(), first[0].evidence.size());
}

TEST(SafetyHysLaw, ASecondEpisodeIsANewCase) {
  const std::vector<GradedValue> values = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02"),
                                           Alt("200", "2026-06-01"), Bili("3.2", "2026-06-03")};
  const auto findings = HysLawFindings(Params(), values, "A");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].identity, "hys_law|A10|ESCC2L-01-001|2026-04-02");
  EXPECT_EQ(findings[1].identity, "hys_law|A10|ESCC2L-01-001|2026-06-01");
}

TEST(SafetyHysLaw, CorrectedBilirubinRemovesTheCase) {
  const std::vector<GradedValue> before = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02")};
  ASSERT_EQ(HysLawFindings(Params(), before, "A").size(), 1u);
  const std::vector<GradedValue> corrected = {Alt("150", "2026-04-02"), Bili("0.9", "2026-04-02")};
  EXPECT_TRUE(HysLawFindings(Params(), corrected, "A").empty());
}

TEST(SafetyHysLaw, DisabledComputesNothing) {
  HysLawParams p = Params();
  p.enabled = false;
  const std::vector<GradedValue> values = {Alt("150", "2026-04-02"), Bili("3.0", "2026-04-02")};
  EXPECT_TRUE(HysLawFindings(p, values, "A").empty());
}

}  // namespace
}  // namespace vigil::safety
