// Stopping rules, evaluated and alerted: every rule of the plan per
// population, as of a day, from the subjects' courses (rule_courses.h), and
// its alert decided (rules/safety/rule_alert.h, stopping_rule_finding.h) and
// written. The findings stage and the timers' sweep evaluate; the alert
// writer and the sweep write.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/store/store.h"
#include "rules/safety/finding.h"

namespace vigil {

// What one rule's evaluation does to its alerts.
struct RuleAlertWork {
  std::string scope;
  // Raise this crossing, with the rule's state beside it ...
  std::optional<safety::Finding> raise;
  // ... or record the state beside the open alert `update_id`.
  std::string update_id;
  std::string current_state, cleared_at;
};

// Every rule as of the date of `now` (a timestamp), with what to do to its
// alert; a rule whose alert needs nothing is left out.
Result<std::vector<RuleAlertWork>> EvaluateStoppingRules(store::Store& store, const config::Config& config,
                                                         const std::string& now);

// Raises (and routes) or updates the rules' alerts.
Status WriteRuleAlerts(store::Store& store, const config::Config& config, std::span<const RuleAlertWork> work,
                       const std::string& now, Clock::TimePoint at);

}  // namespace vigil
