// Shared by the rules/safety tests: the example trial's vocabulary and alert
// plan, and builders for AE records and graded values a clinician can read.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../example_vocabulary.h"
#include "rules/ctcae/grader.h"
#include "rules/records/record.h"
#include "rules/records/vocabulary.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/graded_value.h"
#include "rules/safety/plan.h"
#include "rules/safety/term_set.h"

namespace vigil::safety::testing {

// config/example/escc2l.json: cohorts, treatments, causality terms.
inline TrialVocabulary ExampleVocabulary() { return vigil::testing::ExampleTrialVocabulary(); }

// The terms the CTCAE v5.0 grader grades, as the daemon passes them.
inline std::vector<std::string> GradedTerms() {
  std::vector<std::string> out;
  auto grader = ctcae::Grader::Load("5.0");
  if (!grader.ok()) return out;
  for (const auto& t : grader->criteria().terms) {
    out.push_back(t.name);
    out.push_back(t.ctcae_term);
  }
  return out;
}

inline nlohmann::json SourceJson(const std::string& relative) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
}

inline nlohmann::json ExampleAlertsJson() { return SourceJson("rules/safety/example_alerts.json"); }

// rules/safety/example_term_sets.json, the example trial's safety_plan.term_sets;
// fails the calling test when it does not load.
inline TermSets ExampleTermSets() {
  const nlohmann::json json = SourceJson("rules/safety/example_term_sets.json");
  jsonload::Issues issues;
  auto sets = ReadTermSets(jsonload::Node(json, "example_term_sets.json", "", issues));
  EXPECT_TRUE(sets.has_value() && issues.empty()) << issues.Joined();
  return sets.value_or(TermSets{});
}

inline PlanContext ExampleContext() {
  const TrialVocabulary v = ExampleVocabulary();
  return PlanContext{v.cohorts, v.treatments, GradedTerms(), ExampleTermSets()};
}

// The example plan; fails the calling test when it does not load.
inline AlertPlan ExamplePlan() {
  auto plan = LoadAlertPlan(ExampleAlertsJson(), ExampleContext(), "example_alerts.json");
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : AlertPlan{};
}

// An AE record of subject ESCC2L-01-001, AESPID 3.
inline Record AeRecord(const std::string& decod, std::optional<int> grade, std::vector<Field> extra = {}) {
  Record r;
  r.domain = Domain::kAe;
  r.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "ESCC2L-01-001"}, {"AESPID", "3"},
              {"AETERM", decod},     {"AEDECOD", decod},           {"AETOXGR", grade ? std::to_string(*grade) : ""}};
  for (Field& f : extra) {
    bool replaced = false;
    for (Field& existing : r.fields) {
      if (existing.name == f.name) {
        existing.value = f.value;
        replaced = true;
      }
    }
    if (!replaced) r.fields.push_back(std::move(f));
  }
  return r;
}

inline AeFacts Ae(const std::string& decod, std::optional<int> grade, std::vector<Field> extra = {},
                  std::vector<std::string> categories = {}, std::string version = "1") {
  return ReadAeFacts(AeRecord(decod, grade, std::move(extra)), std::move(categories), ExampleVocabulary(),
                     std::move(version));
}

// A graded LB value of subject ESCC2L-01-001.
inline GradedValue Lab(std::string test_code, std::string ctcae_term, std::optional<int> grade, std::string value,
                       std::string unit, std::string uln = "", std::string baseline = "",
                       std::string dtc = "2026-04-02", std::string key = "") {
  GradedValue v;
  v.usubjid = "ESCC2L-01-001";
  v.domain = Domain::kLb;
  v.record_key = key.empty() ? test_code + "-" + dtc : key;
  v.version = "1";
  v.test_code = std::move(test_code);
  v.ctcae_term = std::move(ctcae_term);
  v.dtc = std::move(dtc);
  v.grade = grade;
  v.value = std::move(value);
  v.unit = std::move(unit);
  v.uln = std::move(uln);
  v.baseline = std::move(baseline);
  return v;
}

// A name gtest accepts: letters, digits and underscores only.
inline std::string TestName(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

}  // namespace vigil::safety::testing
