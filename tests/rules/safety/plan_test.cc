// The alert plan loader: the example plan loads clean; every bad input is
// reported with its JSON Pointer.
#include "rules/safety/plan.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::ExampleContext;

TEST(SafetyPlan, ExamplePlanLoadsWithoutIssues) {
  const nlohmann::json alerts = testing::ExampleAlertsJson();
  ASSERT_FALSE(alerts.is_discarded());
  jsonload::Issues issues;
  const auto plan = ReadAlertPlan(jsonload::Node(alerts, "example_alerts.json", "", issues), ExampleContext());
  ASSERT_TRUE(plan.has_value());
  EXPECT_TRUE(issues.empty()) << issues.Joined();
  // clinical.md §3(a): every trigger the feeds support (A19 needs prior irAE
  // organs; A10 is the hys_law section).
  std::set<std::string> ids;
  for (const Trigger& t : plan->triggers) ids.insert(t.id);
  for (const char* id : {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A11", "A12", "A13", "A14", "A15", "A16",
                         "A17", "A18", "A20"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
  EXPECT_EQ(plan->hys_law.id, "A10");
  ASSERT_TRUE(plan->hys_law.baseline_adjusted.has_value());
  EXPECT_EQ(plan->lab_critical.ThresholdFor("Platelet count decreased"), 3);
  EXPECT_EQ(plan->lab_critical.ThresholdFor("Neutrophil count decreased"), 4);
}

TEST(SafetyPlan, DefaultsWhenSectionsAreAbsent) {
  const auto plan = LoadAlertPlan(nlohmann::json::object(), ExampleContext());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->triggers.empty());
  EXPECT_TRUE(plan->lab_critical.enabled);
  EXPECT_EQ(plan->lab_critical.min_grade, 4);
  EXPECT_TRUE(plan->hys_law.enabled);
  EXPECT_EQ(plan->hys_law.window_days, 7);
  EXPECT_FALSE(plan->hys_law.baseline_adjusted.has_value());
}

TEST(SafetyPlan, SaeTriggerDefaultsToSeriousAes) {
  const auto plan = LoadAlertPlan(
      nlohmann::json::parse(R"({"triggers": [{"id": "A1", "kind": "sae", "severity": "critical", "title": "SAE"}]})"),
      ExampleContext());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  ASSERT_TRUE(plan->triggers[0].ae.has_value());
  EXPECT_EQ(plan->triggers[0].ae->serious, true);
}

TEST(SafetyPlan, MessagesNameTheDocumentAndPointer) {
  const auto plan = LoadAlertPlan(nlohmann::json::parse(R"({"triggers": [{"id": "A1", "kind": "sea"}]})"),
                                  ExampleContext(), "escc2l.json", "/alerts");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("escc2l.json: /alerts/triggers/0/kind: unknown kind \"sea\""),
            std::string::npos)
      << plan.status().message();
  // Loading went on: the missing severity and title are reported too.
  EXPECT_NE(plan.status().message().find("escc2l.json: /alerts/triggers/0: missing \"severity\""), std::string::npos);
  EXPECT_NE(plan.status().message().find("escc2l.json: /alerts/triggers/0: missing \"title\""), std::string::npos);
}

// A trigger with everything right, for the rows below to break one thing.
constexpr const char* kHead = R"("id": "X1", "kind": "aesi", "severity": "high", "title": "t")";

std::string Trigger1(const std::string& rest) {
  return std::string(R"({"triggers": [{)") + kHead + (rest.empty() ? "" : ", " + rest) + "}]}";
}

struct BadPlan {
  std::string json;
  std::string message;  // pointer and message as reported
};

class SafetyPlanErrors : public ::testing::TestWithParam<BadPlan> {};

TEST_P(SafetyPlanErrors, NamesThePointer) {
  const BadPlan& c = GetParam();
  const auto plan = LoadAlertPlan(nlohmann::json::parse(c.json), ExampleContext());
  ASSERT_FALSE(plan.ok()) << c.json;
  EXPECT_NE(plan.status().message().find(c.message), std::string::npos) << plan.status().message();
}

const std::string kAe = R"("ae": {"terms": ["Colitis"]})";

INSTANTIATE_TEST_SUITE_P(
    Safety, SafetyPlanErrors,
    ::testing::Values(
        BadPlan{R"({"trigers": []})", "alerts: /trigers: unknown key \"trigers\""},
        BadPlan{R"({"triggers": {}})", "alerts: /triggers: expected an array of triggers"},
        BadPlan{R"({"triggers": [{"kind": "aesi", "severity": "high", "title": "t", "ae": {}}]})",
                "alerts: /triggers/0: missing \"id\""},
        BadPlan{R"({"triggers": [{"id": "X1", "kind": "alert", "severity": "high", "title": "t", "ae": {}}]})",
                "alerts: /triggers/0/kind: unknown kind \"alert\" (known: sae, aesi, dose_modification)"},
        BadPlan{R"({"triggers": [{"id": "X1", "kind": "lab_critical", "severity": "high", "title": "t", "ae": {}}]})",
                "alerts: /triggers/0/kind: kind \"lab_critical\" is configured in /lab_critical, not as a trigger"},
        BadPlan{R"({"triggers": [{"id": "X1", "kind": "aesi", "severity": "urgent", "title": "t", "ae": {}}]})",
                "alerts: /triggers/0/severity: unknown severity \"urgent\""},
        BadPlan{R"({"triggers": [{"id": "X1", "kind": "aesi", "severity": "high", "title": 3, "ae": {}}]})",
                "alerts: /triggers/0/title: expected a non-empty string"},
        BadPlan{Trigger1(kAe + R"(, "colour": "red")"), "alerts: /triggers/0/colour: unknown key \"colour\""},
        BadPlan{R"({"triggers": [{)" + std::string(kHead) + ", " + kAe + R"(}, {)" + kHead + ", " + kAe + "}]}",
                "alerts: /triggers/1/id: duplicate trigger id \"X1\""},
        BadPlan{Trigger1(kAe + R"(, "cohorts": ["A", "C"])"),
                "alerts: /triggers/0/cohorts/1: unknown cohort \"C\" (known: A, B)"},
        BadPlan{Trigger1(""), "alerts: /triggers/0: missing what the trigger looks at: \"ae\", \"lab\" or \"vitals\""},
        BadPlan{Trigger1(kAe + R"(, "vitals": {"sbp_at_least": 160})"),
                "alerts: /triggers/0: give one of \"ae\", \"lab\" and \"vitals\", or \"ae\" with \"lab\""},
        BadPlan{Trigger1(kAe + R"(, "episode_days": 7)"),
                "alerts: /triggers/0/episode_days: only a trigger with both \"ae\" and \"lab\" has episodes"},
        BadPlan{Trigger1(kAe + R"(, "lab": {"test_codes": ["ALT"], "min_grade": 3}, "episode_days": 0)"),
                "alerts: /triggers/0/episode_days: must be 1-365 days, got 0"},
        BadPlan{R"({"triggers": [{"id": "A1", "kind": "sae", "severity": "high", "title": "t",
                   "lab": {"test_codes": ["ALT"], "min_grade": 3}}]})",
                "alerts: /triggers/0: an \"sae\" trigger is about adverse events: give \"ae\" or nothing"},
        BadPlan{Trigger1(R"("ae": {"related_to": ["APATINIP"]})"),
                "alerts: /triggers/0/ae/related_to/0: unknown treatment \"APATINIP\""},
        BadPlan{Trigger1(R"("ae": {"any_of": [{"min_grade": 9}]})"),
                "alerts: /triggers/0/ae/any_of/0/min_grade: grade 9 is not a CTCAE grade (1-5)"},
        BadPlan{Trigger1(R"("lab": [])"),
                "alerts: /triggers/0/lab: expected a condition or a non-empty array of conditions"},
        BadPlan{
            Trigger1(R"("lab": {"min_grade": 3})"),
            "alerts: /triggers/0/lab: missing which values the condition is about: \"ctcae_terms\" or \"test_codes\""},
        BadPlan{Trigger1(R"("lab": {"test_codes": ["ALT"]})"), "alerts: /triggers/0/lab: missing the test"},
        BadPlan{Trigger1(R"("lab": {"test_codes": ["GLUC"], "min_grade": 3, "above": "27.8", "unit": "mmol/L"})"),
                "alerts: /triggers/0/lab/above: give one test per condition: \"min_grade\" is given already"},
        BadPlan{Trigger1(R"("lab": {"ctcae_terms": ["Platelet count decreased"], "min_grade": 5})"),
                "alerts: /triggers/0/lab/min_grade: grade 5 is not a grade a measurement gets (1-4)"},
        BadPlan{Trigger1(R"("lab": {"ctcae_terms": ["Platelets decreased"], "min_grade": 3})"),
                "alerts: /triggers/0/lab/ctcae_terms/0: unknown CTCAE term \"Platelets decreased\""},
        BadPlan{Trigger1(R"("lab": [{"test_codes": ["GLUC"], "above": "27.8"}])"),
                "alerts: /triggers/0/lab/0: above needs its \"unit\" (units are never converted)"},
        BadPlan{Trigger1(R"("lab": {"test_codes": ["GLUC"], "above": "27,8", "unit": "mmol/L"})"),
                "alerts: /triggers/0/lab/above: expected a decimal number"},
        BadPlan{Trigger1(R"("lab": {"test_codes": ["LIPASE"], "above_x_uln": 3, "unit": "U/L"})"),
                "alerts: /triggers/0/lab/unit: above_x_uln takes no unit"},
        BadPlan{Trigger1(R"("vitals": {"readings": 2})"),
                "alerts: /triggers/0/vitals: missing \"sbp_at_least\" or \"dbp_at_least\""},
        BadPlan{Trigger1(R"("vitals": {"sbp_at_least": 160, "readings": 0})"),
                "alerts: /triggers/0/vitals/readings: expected 1 to 10 readings"},
        BadPlan{Trigger1(R"("vitals": {"sbp_at_least": "high"})"),
                "alerts: /triggers/0/vitals/sbp_at_least: expected a decimal number"},
        BadPlan{R"({"lab_critical": {"min_grade": 5}})",
                "alerts: /lab_critical/min_grade: grade 5 is not a grade a measurement gets (1-4)"},
        BadPlan{R"({"lab_critical": {"per_term": {"Anemia": 5}}})",
                "alerts: /lab_critical/per_term/Anemia: expected a grade 1-4"},
        BadPlan{R"({"lab_critical": {"per_term": {"Platelets": 3}}})",
                "alerts: /lab_critical/per_term/Platelets: unknown CTCAE term \"Platelets\""},
        BadPlan{R"({"lab_critical": {"severity": "severe"}})",
                "alerts: /lab_critical/severity: unknown severity \"severe\""},
        BadPlan{R"({"hys_law": {"window_days": -1}})", "alerts: /hys_law/window_days: expected 0 to 365 days"},
        BadPlan{R"({"hys_law": {"alt_ast_x_uln": 0}})", "alerts: /hys_law/alt_ast_x_uln: expected a multiple above 0"},
        BadPlan{R"({"hys_law": {"bilirubin_x_uln": "-2"}})",
                "alerts: /hys_law/bilirubin_x_uln: expected a number not below 0"},
        BadPlan{R"({"hys_law": {"baseline_adjusted": {"alt_x_baseline": 3}}})",
                "alerts: /hys_law/baseline_adjusted/alt_x_baseline: unknown key \"alt_x_baseline\""},
        BadPlan{R"({"hys_law": {"enabled": "no"}})", "alerts: /hys_law/enabled: expected true or false"}));

}  // namespace
}  // namespace vigil::safety
