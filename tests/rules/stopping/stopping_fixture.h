// Helpers for the stopping-rule tests: rules from JSON text, and patients
// who become evaluable one after another.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/json/json_node.h"
#include "rules/stopping/evaluate.h"
#include "rules/stopping/load_stopping_rules.h"

namespace vigil::stopping::testing {

inline const std::vector<std::string> kTrialCohorts = {"A", "B"};

struct Loaded {
  std::vector<StoppingRule> rules;
  jsonload::Issues issues;
};

// Loads `text` (a JSON array of rules) as the "stopping_rules" member of
// trial.json, so messages read "trial.json: /stopping_rules/0/...".
inline Loaded LoadText(const std::string& text, const std::vector<std::string>& cohorts = kTrialCohorts) {
  Loaded out;
  const nlohmann::json doc = nlohmann::json::parse(text);
  const jsonload::Node node(doc, "trial.json", "/stopping_rules", out.issues);
  out.rules = LoadStoppingRules(node, cohorts);
  return out;
}

// One rule that must load without a problem.
inline StoppingRule OneRule(const std::string& text) {
  Loaded l = LoadText("[" + text + "]");
  EXPECT_TRUE(l.issues.empty()) << l.issues.Joined();
  if (l.rules.size() != 1) {
    ADD_FAILURE() << "expected one rule";
    return {};
  }
  return l.rules[0];
}

inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << relative;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A patient dosed on day 0 and followed past any window: evaluable at once,
// with or without the event.
inline PatientCourse Completed(int i, bool event) {
  PatientCourse p{
      .usubjid = "P" + std::to_string(i), .first_dose_day = 0, .observed_through_day = 10000, .event_day = {}};
  if (event) p.event_day = 10;
  return p;
}

// x events among n completed patients (the events first).
inline std::vector<PatientCourse> Cohort(int n, int x) {
  std::vector<PatientCourse> out;
  for (int i = 0; i < n; ++i) out.push_back(Completed(i, i < x));
  return out;
}

inline RuleState MustEvaluate(const StoppingRule& rule, const std::vector<PatientCourse>& patients,
                              const std::string& cohort = "A") {
  Result<RuleState> s = Evaluate(rule, cohort, patients);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : RuleState{};
}

}  // namespace vigil::stopping::testing
