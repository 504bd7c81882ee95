// The trial's safety plan (clinical.md §3): what raises an alert, which
// stopping rules watch the cohorts, and how long the regulatory clocks run.
// The configuration's "safety_plan" object holds it:
//
//   "safety_plan": {
//     "term_sets":       {...},  // rules/safety/term_set.h: named term sets
//                                // the alerts' and the rules' AE predicates
//                                // name ("term_sets": ["haemorrhage"])
//     "alerts":          {...},  // rules/safety/plan.h
//     "stopping_rules":  [...],  // rules/stopping/README.md; each "event" is
//                                // an AE predicate (rules/safety/ae_predicate.h)
//     "clocks":          {...},  // rules/clocks/clock_policy.h
//     "awareness_field": "AEAWARDTC"
//   }
//
// Every key is optional, and so is the section: absent, the plan has no
// triggers and no stopping rules, and lab_critical, hys_law and the clocks
// keep the defaults their own headers give. The formats belong to the rules/
// loaders; this file only places them in the configuration and reports their
// problems as ConfigErrors.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/json_reader.h"
#include "rules/clocks/clock_policy.h"
#include "rules/safety/ae_predicate.h"
#include "rules/safety/plan.h"
#include "rules/stopping/stopping_rule.h"

namespace vigil::config {

// A rule's "exclude" entry, parsed: AEs meeting `event` do not count for
// subjects of `cohorts` (empty: every cohort).
struct RuleExclusion {
  std::vector<std::string> cohorts;
  safety::AePredicate event;
};

struct SafetyPlan {
  safety::TermSets term_sets;                          // "term_sets"
  safety::AlertPlan alerts;                            // "alerts"
  std::vector<stopping::StoppingRule> stopping_rules;  // "stopping_rules"
  // By rule id: each stopping rule's "event", parsed. StoppingRule keeps the
  // event as JSON because rules/stopping does not know the AE vocabulary;
  // once the configuration is valid, every rule's id is here.
  std::map<std::string, safety::AePredicate> rule_events;
  // By rule id: each stopping rule's "exclude" entries, parsed (absent: none).
  std::map<std::string, std::vector<RuleExclusion>> rule_exclusions;
  clocks::ClockPolicy clocks;  // "clocks"
  // "awareness_field": an AE variable holding the date the sponsor became
  // aware (e.g. "AEAWARDTC"); "" = the receive time of the record is the
  // awareness time. ICH E2A starts the clocks at the earliest awareness, and
  // the receive time is only an upper bound of it.
  std::string awareness_field;

  // Whether an AE that meets rule `rule_id`'s event is set aside for a
  // subject of `cohort` by one of the rule's exclusions.
  bool ExcludedFromRule(std::string_view rule_id, std::string_view cohort, const safety::AeFacts& ae) const;
};

// Reads the "safety_plan" object (`section`; null when the configuration has
// none) against the trial's cohort, treatment and CTCAE term names. Every
// problem is appended to `errors` with its path below "safety_plan", e.g.
// `safety_plan.alerts.triggers[3].kind` or
// `safety_plan.stopping_rules[1].cohorts[0]` (with "[R2a] " before the message
// when the loader names the rule); the result is usable only when none was.
SafetyPlan ReadSafetyPlan(const nlohmann::json& section, const safety::PlanContext& trial,
                          std::vector<ConfigError>& errors);

}  // namespace vigil::config
