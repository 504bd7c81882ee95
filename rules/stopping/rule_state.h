// Where a stopping rule stands in one population: the counts, the statistic
// and the boundary at the current number of evaluable patients. Logged and
// stored at every evaluation so a DSMB report can be reproduced
// (stopping_rules.md §8.8).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "rules/stopping/stopping_rule.h"

namespace vigil::stopping {

struct RuleState {
  std::string rule_id;
  std::string cohort;  // a cohort id, or "ALL" for the pooled population
  MethodType method = MethodType::kCount;
  int events = 0;     // x
  int evaluable = 0;  // n
  // bayesian: Pr(p > threshold | x, n); sprt: log-likelihood ratio;
  // toxbdry and count: events.
  double statistic = 0.0;
  // What the statistic is compared with. bayesian: the cutoff (fires when
  // statistic > threshold, strict); sprt: log A (fires when >=); toxbdry:
  // r + 1 of the look in use, count: k (fires when events >= threshold).
  // NaN (JSON null) for toxbdry below its first look.
  double threshold = 0.0;
  // The minimum number of events that stops at the current n; nullopt when
  // no stop is possible at this n (below min_evaluable, below a toxbdry
  // rule's first look, or more events needed than patients evaluable).
  std::optional<int> boundary;
  // boundary - events: events still needed to trigger; 0 or negative when
  // triggered. nullopt with boundary.
  std::optional<int> distance;
  bool triggered = false;
};

// Keys: id, cohort, method, events, evaluable, statistic, threshold,
// boundary, distance, triggered; null where a value is absent.
nlohmann::json ToJson(const RuleState& state);

}  // namespace vigil::stopping
