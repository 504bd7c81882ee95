// A stopping rule's alert, built from its evaluated state (rules/stopping):
// the finding raised when the rule crosses its boundary, and what its open
// alert records when it is evaluated again. Where a rule's alert lives, one
// place per layer: defined in rules/stopping (the rule and its state),
// decided here and in rule_alert.h (raise, update or nothing), evaluated by
// the findings stage and the timers' sweep, and written by the alert
// writer (daemon/safety/stopping_rules.h). Pure.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "rules/safety/finding.h"
#include "rules/stopping/rule_state.h"

namespace vigil::safety {

// One subject's first qualifying event for a rule (its course).
struct RuleEvent {
  std::string usubjid, cohort, event;  // event: the onset date, "" when none
};

// The finding of a crossing (`level` counts the crossings), with each
// subject whose first qualifying event is on or before `today` as evidence
// (of the rule's cohort, or all for the pooled population). `rule_title`
// may be "". `current_state` is the state as JSON text (its reason).
Finding StoppingRuleFinding(const stopping::RuleState& state, std::string_view rule_title, int level,
                            std::span<const RuleEvent> events, std::string_view today,
                            const std::string& current_state);

// When an open or acknowledged alert's rule was last found under its
// boundary, after this evaluation: "" while it is crossed (crossing again
// while the alert is still open only clears that memory); `now` the first
// time it falls back; kept otherwise.
std::string RuleClearedAt(bool triggered, bool open, const std::string& cleared_at, const std::string& now);

}  // namespace vigil::safety
