#include "rules/safety/stopping_rule_finding.h"

#include "rules/stopping/stopping_rule.h"

namespace vigil::safety {

Finding StoppingRuleFinding(const stopping::RuleState& state, std::string_view rule_title, int level,
                            std::span<const RuleEvent> events, std::string_view today,
                            const std::string& current_state) {
  Finding f;
  f.kind = AlertKind::kStoppingRule;
  f.trigger_id = state.rule_id;
  f.severity = Severity::kCritical;
  f.cohort = state.cohort;
  f.title = "Stopping rule " + state.rule_id + (rule_title.empty() ? "" : " (" + std::string(rule_title) + ")") +
            " crossed in cohort " + state.cohort + ": " + std::to_string(state.events) + " events among " +
            std::to_string(state.evaluable) + " evaluable patients" +
            (level > 1 ? " (crossing " + std::to_string(level) + ")" : "");
  f.identity = "stopping_rule|" + state.rule_id + "|" + state.cohort;
  f.level = level;
  f.dedupe_key = DedupeKey(f.identity, f.level);
  f.reason = current_state;
  for (const RuleEvent& e : events) {
    if (e.event.empty() || e.event > today) continue;
    if (state.cohort != stopping::kPooledCohort && e.cohort != state.cohort) continue;
    f.evidence.push_back(
        {.domain = Domain::kAe, .field = "USUBJID", .value = e.usubjid + ", first qualifying event " + e.event});
  }
  return f;
}

std::string RuleClearedAt(bool triggered, bool open, const std::string& cleared_at, const std::string& now) {
  if (triggered) return open ? "" : cleared_at;
  return cleared_at.empty() ? now : cleared_at;
}

}  // namespace vigil::safety
