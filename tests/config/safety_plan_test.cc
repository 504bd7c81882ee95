// The configuration's safety plan: the example trial's plan loads whole, an
// absent section is the empty plan, and every problem the rules/ loaders find
// comes back as a ConfigError whose path names the spot.
#include "config/safety_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "config/load.h"

namespace vigil::config {
namespace {

std::string Describe(const std::vector<ConfigError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.ToString() + "\n";
  return s;
}

// An error at exactly `path` whose message starts with `message`.
bool HasError(const std::vector<ConfigError>& errors, const std::string& path, const std::string& message) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const ConfigError& e) { return e.path == path && e.message.starts_with(message); });
}

// A valid trial (cohorts A and B; treatments APATINIB and CHEMO) with the
// given "safety_plan" value, or none.
std::string TrialWith(const std::string& safety_plan) {
  return R"({"trial": {"study_id": "X1"},
             "treatments": [{"id": "APATINIB"}, {"id": "CHEMO"}],
             "cohorts": [{"id": "A", "treatments": ["APATINIB", "CHEMO"]}, {"id": "B", "treatments": ["CHEMO"]}])" +
         (safety_plan.empty() ? "" : R"(, "safety_plan": )" + safety_plan) + "}";
}

nlohmann::json SourceJson(const std::string& relative) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
}

TEST(ConfigSafetyPlan, ExampleTrialLoadsTheWholePlan) {
  auto cfg = LoadExampleConfig();
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  const SafetyPlan& plan = cfg->safety_plan;
  // rules/safety/example_alerts.json: A1-A20 (A10 is hys_law), §3(c), §3(d).
  EXPECT_EQ(plan.alerts.triggers.size(), 51u);
  EXPECT_EQ(plan.alerts.hys_law.id, "A10");
  EXPECT_TRUE(plan.alerts.hys_law.baseline_adjusted.has_value());
  EXPECT_EQ(plan.alerts.lab_critical.ThresholdFor("Platelet count decreased"), 3);
  // R1, R2a, R2b, R3-R7, each with its event parsed.
  ASSERT_EQ(plan.stopping_rules.size(), 8u);
  EXPECT_EQ(plan.stopping_rules[0].id, "R1");
  EXPECT_TRUE(plan.stopping_rules[0].pooled);
  EXPECT_EQ(plan.stopping_rules[1].cohorts, std::vector<std::string>{"A"});
  EXPECT_EQ(plan.rule_events.size(), 8u);
  for (const auto& rule : plan.stopping_rules) EXPECT_TRUE(plan.rule_events.contains(rule.id)) << rule.id;
  // R1: grade 5 treatment-related AE.
  const safety::AePredicate& r1 = plan.rule_events.at("R1");
  EXPECT_EQ(r1.fatal, true);
  EXPECT_EQ(r1.related, true);
  EXPECT_FALSE(r1.min_grade.has_value());
  EXPECT_EQ(plan.rule_events.at("R2a").min_grade, 3);
  ASSERT_EQ(plan.rule_events.at("R2a").term_sets.size(), 2u);
  EXPECT_EQ(plan.rule_events.at("R2a").term_sets[0].name, "fistula");
  EXPECT_EQ(plan.rule_events.at("R2a").term_sets[1].name, "gi_perforation");
  // The sets the alerts and rules share, resolved once from safety_plan.term_sets.
  for (const char* name : {"haemorrhage", "haemorrhage_high_risk_site", "pneumonitis", "fistula", "gi_perforation",
                           "non_specific", "haematological", "lymphopenia"}) {
    EXPECT_TRUE(plan.term_sets.contains(name)) << name;
  }
  EXPECT_EQ(plan.rule_events.at("R3").term_sets.at(0).name, "haemorrhage");
  EXPECT_EQ(plan.rule_events.at("R5").exclude_term_sets.at(0).name, "non_specific");
  EXPECT_EQ(plan.rule_events.at("R6").exclude_socs, std::vector<std::string>{"Blood and lymphatic system disorders"});
  // R7 does not count lymphopenia in cohort A only.
  ASSERT_EQ(plan.rule_exclusions.size(), 1u);
  ASSERT_EQ(plan.rule_exclusions.at("R7").size(), 1u);
  EXPECT_EQ(plan.rule_exclusions.at("R7")[0].cohorts, std::vector<std::string>{"A"});
  EXPECT_EQ(plan.rule_exclusions.at("R7")[0].event.term_sets.at(0).name, "lymphopenia");
  EXPECT_EQ(plan.clocks.investigator_report_s, 24 * clocks::kSecondsPerHour);
  EXPECT_EQ(plan.clocks.susar_fatal_days, 7);
  EXPECT_EQ(plan.clocks.susar_followup_days, 8);
  EXPECT_EQ(plan.clocks.susar_other_days, 15);
  EXPECT_EQ(plan.clocks.reminders_s,
            (std::vector<std::int64_t>{72 * clocks::kSecondsPerHour, 24 * clocks::kSecondsPerHour,
                                       4 * clocks::kSecondsPerHour}));
  EXPECT_EQ(plan.awareness_field, "");
}

// The example trial carries the rules' example files as they are, so the
// rules/ tests of those files speak for the bundled trial too.
TEST(ConfigSafetyPlan, ExampleTrialCarriesTheRulesExamplesUnchanged) {
  const auto doc = nlohmann::json::parse(ExampleConfigText(), nullptr, false, /*ignore_comments=*/true);
  ASSERT_FALSE(doc.is_discarded());
  const nlohmann::json alerts = SourceJson("rules/safety/example_alerts.json");
  const nlohmann::json rules = SourceJson("rules/stopping/example_rules.json");
  const nlohmann::json term_sets = SourceJson("rules/safety/example_term_sets.json");
  ASSERT_FALSE(alerts.is_discarded());
  ASSERT_FALSE(rules.is_discarded());
  ASSERT_FALSE(term_sets.is_discarded());
  EXPECT_EQ(doc["safety_plan"]["alerts"], alerts);
  EXPECT_EQ(doc["safety_plan"]["stopping_rules"], rules);
  EXPECT_EQ(doc["safety_plan"]["term_sets"], term_sets);
}

TEST(ConfigSafetyPlan, AbsentSectionIsTheEmptyPlan) {
  Config cfg;
  const auto errors = ParseConfig(TrialWith(""), cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  const SafetyPlan& plan = cfg.safety_plan;
  EXPECT_TRUE(plan.alerts.triggers.empty());
  EXPECT_TRUE(plan.stopping_rules.empty());
  EXPECT_TRUE(plan.rule_events.empty());
  EXPECT_EQ(plan.awareness_field, "");
  // The loaders' own defaults: lab_critical and Hy's law on, regulatory clocks.
  EXPECT_TRUE(plan.alerts.lab_critical.enabled);
  EXPECT_EQ(plan.alerts.lab_critical.min_grade, 4);
  EXPECT_TRUE(plan.alerts.hys_law.enabled);
  const clocks::ClockPolicy defaults;
  EXPECT_EQ(plan.clocks.investigator_report_s, defaults.investigator_report_s);
  EXPECT_EQ(plan.clocks.susar_fatal_days, defaults.susar_fatal_days);
  EXPECT_EQ(plan.clocks.susar_followup_days, defaults.susar_followup_days);
  EXPECT_EQ(plan.clocks.susar_other_days, defaults.susar_other_days);
  EXPECT_EQ(plan.clocks.reminders_s, defaults.reminders_s);
}

TEST(ConfigSafetyPlan, EmptySectionIsTheEmptyPlanToo) {
  Config cfg;
  const auto errors = ParseConfig(TrialWith(R"({"awareness_field": "AEAWARDTC"})"), cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  EXPECT_TRUE(cfg.safety_plan.alerts.triggers.empty());
  EXPECT_TRUE(cfg.safety_plan.stopping_rules.empty());
  EXPECT_EQ(cfg.safety_plan.awareness_field, "AEAWARDTC");
}

// Pieces for the rows below, each right, so a row breaks one thing.
std::string Trigger(const std::string& id) {
  return R"({"id": ")" + id + R"(", "kind": "aesi", "severity": "high", "title": "t", "ae": {}})";
}

constexpr const char* kMethod = R"("method": {"type": "count", "events": 2})";

std::string Rule(const std::string& id, const std::string& rest) {
  return R"({"id": ")" + id + R"(", "title": "t", "window_days": 56, )" + kMethod + ", " + rest + "}";
}

struct BadPlan {
  std::string name;
  std::string safety_plan;
  std::string path;
  std::string message;  // how the message starts
};

class ConfigSafetyPlanErrors : public ::testing::TestWithParam<BadPlan> {};

TEST_P(ConfigSafetyPlanErrors, NameThePlace) {
  Config cfg;
  const auto errors = ParseConfig(TrialWith(GetParam().safety_plan), cfg);
  EXPECT_TRUE(HasError(errors, GetParam().path, GetParam().message)) << Describe(errors);
}

// Three good triggers, then `fourth`.
std::string Triggers(const std::string& fourth) {
  return R"({"alerts": {"triggers": [)" + Trigger("T1") + "," + Trigger("T2") + "," + Trigger("T3") + "," + fourth +
         "]}}";
}

INSTANTIATE_TEST_SUITE_P(
    Config, ConfigSafetyPlanErrors,
    ::testing::Values(
        BadPlan{"TriggerKind", Triggers(R"({"id": "X", "kind": "sea", "severity": "high", "title": "t", "ae": {}})"),
                "safety_plan.alerts.triggers[3].kind", "unknown kind \"sea\" (known: sae, aesi, dose_modification)"},
        BadPlan{"TriggerCohort",
                R"({"alerts": {"triggers": [{"id": "X", "kind": "aesi", "severity": "high", "title": "t",
                                             "cohorts": ["A", "C"], "ae": {}}]}})",
                "safety_plan.alerts.triggers[0].cohorts[1]", "unknown cohort \"C\" (known: A, B)"},
        BadPlan{"TriggerTreatment",
                R"({"alerts": {"triggers": [{"id": "X", "kind": "aesi", "severity": "high", "title": "t",
                                             "ae": {"any_of": [{"related_to": ["RT"]}]}}]}})",
                "safety_plan.alerts.triggers[0].ae.any_of[0].related_to[0]", "unknown treatment \"RT\""},
        BadPlan{"CtcaeTermOfTheTrialVersion",
                R"({"alerts": {"lab_critical": {"per_term": {"Platelets decreased": 3}}}})",
                R"(safety_plan.alerts.lab_critical.per_term["Platelets decreased"])",
                "unknown CTCAE term \"Platelets decreased\""},
        BadPlan{"StoppingRuleCohort",
                "{\"stopping_rules\": [" + Rule("R1", R"("event": {})") + "," +
                    Rule("R2", R"("cohorts": ["A", "C"], "event": {})") + "]}",
                "safety_plan.stopping_rules[1].cohorts[1]", "[R2] unknown cohort \"C\" (the trial's cohorts: A, B)"},
        BadPlan{"StoppingRuleMethod",
                "{\"stopping_rules\": [" + std::string(R"({"id": "R1", "title": "t", "window_days": 56, "event": {},
                                    "method": {"type": "bayesian", "prior": {"mean": 0.05, "ess": 2},
                                               "threshold": 0.05, "cutoff": 1.5}})") +
                    "]}",
                "safety_plan.stopping_rules[0].method.cutoff", "[R1] must be in (0, 1)"},
        BadPlan{"EventPredicateKey",
                "{\"stopping_rules\": [" + Rule("R1", R"("event": {"min_grade": 3, "grade": 3})") + "]}",
                "safety_plan.stopping_rules[0].event.grade", "[R1] unknown key \"grade\" (known keys: min_grade,"},
        BadPlan{"EventPredicateGrade", "{\"stopping_rules\": [" + Rule("R1", R"("event": {"min_grade": 6})") + "]}",
                "safety_plan.stopping_rules[0].event.min_grade", "[R1] grade 6 is not a CTCAE grade (1-5)"},
        BadPlan{"EventTreatment", "{\"stopping_rules\": [" + Rule("R1", R"("event": {"related_to": ["RT"]})") + "]}",
                "safety_plan.stopping_rules[0].event.related_to[0]",
                "[R1] unknown treatment \"RT\" (known: APATINIB, CHEMO)"},
        BadPlan{"EventNotAnObject", "{\"stopping_rules\": [" + Rule("R1", R"("event": "fatal")") + "]}",
                "safety_plan.stopping_rules[0].event", "[R1] expected an object (the event definition)"},
        BadPlan{"ClockLongerThanTheRegulation", R"({"clocks": {"investigator_hours": 48}})",
                "safety_plan.clocks.investigator_hours", "must be at most 24 ("},
        BadPlan{"ReminderOrder", R"({"clocks": {"reminder_hours": [24, 72]}})", "safety_plan.clocks.reminder_hours[1]",
                "expected a positive number of hours below 24"},
        BadPlan{
            "UnknownKey", R"({"alerts": {}, "stoping_rules": []})", "safety_plan.stoping_rules",
            "unknown key \"stoping_rules\" (known keys: term_sets, alerts, stopping_rules, clocks, awareness_field)"},
        BadPlan{"UnknownTermSetInATrigger",
                R"({"term_sets": {"bleeding": {"contains": ["bleeding"]}},
                    "alerts": {"triggers": [{"id": "X", "kind": "aesi", "severity": "high", "title": "t",
                                             "ae": {"any_of": [{"min_grade": 3, "term_sets": ["haemorrhage"]}]}}]}})",
                "safety_plan.alerts.triggers[0].ae.any_of[0].term_sets[0]",
                "unknown term set \"haemorrhage\" (known: bleeding)"},
        BadPlan{"TermSetWithoutTermSets",
                "{\"stopping_rules\": [" + Rule("R3", R"("event": {"term_sets": ["haemorrhage"]})") + "]}",
                "safety_plan.stopping_rules[0].event.term_sets[0]",
                "[R3] unknown term set \"haemorrhage\" (the plan defines no term_sets)"},
        BadPlan{"UnknownExcludedTermSet",
                R"({"term_sets": {"lymphopenia": {"terms": ["Lymphopenia"]}}, "stopping_rules": [)" +
                    Rule("R7", R"("event": {"exclude_term_sets": ["lymphopaenia"]})") + "]}",
                "safety_plan.stopping_rules[0].event.exclude_term_sets[0]",
                "[R7] unknown term set \"lymphopaenia\" (known: lymphopenia)"},
        BadPlan{"EmptyTermSet", R"({"term_sets": {"haemorrhage": {"terms": []}}})",
                "safety_plan.term_sets.haemorrhage.terms", ""},
        BadPlan{"TermSetWithNeitherList", R"({"term_sets": {"haemorrhage": {"note": "to do"}}})",
                "safety_plan.term_sets.haemorrhage", "term set \"haemorrhage\" has neither \"terms\" nor \"contains\""},
        BadPlan{"TermSetUnknownKey", R"({"term_sets": {"haemorrhage": {"term": ["Melaena"]}}})",
                "safety_plan.term_sets.haemorrhage.term", "unknown key \"term\""},
        BadPlan{"ExclusionCohort",
                "{\"stopping_rules\": [" +
                    Rule("R7", R"("event": {}, "exclude": [{"cohorts": ["C"], "event": {"min_grade": 3}}])") + "]}",
                "safety_plan.stopping_rules[0].exclude[0].cohorts[0]", "[R7] unknown cohort \"C\""},
        BadPlan{"ExclusionEvent",
                "{\"stopping_rules\": [" +
                    Rule("R7", R"("event": {}, "exclude": [{"cohorts": ["A"], "event": {"min_grade": 7}}])") + "]}",
                "safety_plan.stopping_rules[0].exclude[0].event.min_grade", "[R7] grade 7 is not a CTCAE grade"},
        BadPlan{"ExclusionWithoutEvent",
                "{\"stopping_rules\": [" + Rule("R7", R"("event": {}, "exclude": [{"cohorts": ["A"]}])") + "]}",
                "safety_plan.stopping_rules[0].exclude[0]", "[R7] missing \"event\""},
        BadPlan{"UnknownKeyThatIsNotAWord", R"({"a: b [c]": 1})", R"(safety_plan["a: b [c]"])",
                "unknown key \"a: b [c]\""},
        BadPlan{"AwarenessFieldCase", R"({"awareness_field": "aeawardtc"})", "safety_plan.awareness_field",
                "\"aeawardtc\" is not an SDTM variable name"},
        BadPlan{"AwarenessFieldType", R"({"awareness_field": null})", "safety_plan.awareness_field",
                "expected a string"},
        BadPlan{"NotAnObject", R"([])", "safety_plan", "must be an object"}),
    [](const ::testing::TestParamInfo<BadPlan>& info) { return info.param.name; });

TEST(ConfigSafetyPlan, EveryProblemIsReportedInOnePass) {
  Config cfg;
  const auto errors = ParseConfig(
      TrialWith(R"({"alerts": {"triggers": [{"id": "X", "kind": "sea", "severity": "high", "title": "t", "ae": {}}]},
                    "stopping_rules": [)" +
                Rule("R1", R"("cohorts": ["C"], "event": {"grade": 3})") + R"(],
                    "clocks": {"susar_other_days": 30}})"),
      cfg);
  EXPECT_TRUE(HasError(errors, "safety_plan.alerts.triggers[0].kind", "unknown kind")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "safety_plan.stopping_rules[0].cohorts[0]", "[R1] unknown cohort")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "safety_plan.stopping_rules[0].event.grade", "[R1] unknown key")) << Describe(errors);
  EXPECT_TRUE(HasError(errors, "safety_plan.clocks.susar_other_days", "must be at most 15")) << Describe(errors);
  EXPECT_EQ(errors.size(), 4u) << Describe(errors);
}

// What `vigilctl validate-config` and LoadConfigFile show: file, path, message.
TEST(ConfigSafetyPlan, LoadMessagesNameFileAndPath) {
  auto cfg = ParseConfigText(TrialWith(R"({"clocks": {"susar_fatal_days": 0}})"), "trial.json");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().message(), "trial.json: safety_plan.clocks.susar_fatal_days: must be at least 1, got 0");
}

}  // namespace
}  // namespace vigil::config
