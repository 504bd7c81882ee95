#include "daemon/safety/stopping_rules.h"

#include "daemon/notify/alert_notices.h"
#include "daemon/safety/alert_writer.h"
#include "daemon/safety/rule_courses.h"
#include "rules/safety/rule_alert.h"
#include "rules/safety/stopping_rule_finding.h"

namespace vigil {

Result<std::vector<RuleAlertWork>> EvaluateStoppingRules(store::Store& store, const config::Config& config,
                                                         const std::string& now) {
  auto courses = store.RuleCourses();
  if (!courses.ok()) return courses.status();
  const std::string today = now.substr(0, 10);
  auto states = EvaluateRules(config, *courses, today);
  if (!states.ok()) return states.status();
  std::vector<RuleAlertWork> out;
  for (const stopping::RuleState& state : *states) {
    const std::string scope = "rule|" + state.rule_id + "|" + state.cohort;
    auto existing = store.AlertsInScope(scope);
    if (!existing.ok()) return existing.status();
    std::optional<safety::RuleAlertSeen> seen;
    const store::AlertRow* newest = nullptr;
    for (const store::AlertRow& a : *existing) {
      if (!newest || a.level > newest->level) newest = &a;
    }
    if (newest) {
      seen = safety::RuleAlertSeen{.open = newest->state == "open",
                                   .withdrawn = newest->state == "withdrawn",
                                   .cleared = !newest->cleared_at.empty(),
                                   .level = newest->level};
    }
    const safety::RuleAlertDecision decision = safety::DecideRuleAlert(seen, state.triggered);
    if (decision.action == safety::RuleAlertAction::kNothing) continue;
    const std::string current = stopping::ToJson(state).dump();
    if (decision.action == safety::RuleAlertAction::kUpdate && newest->state != "withdrawn") {
      const std::string cleared =
          safety::RuleClearedAt(state.triggered, newest->state == "open", newest->cleared_at, now);
      if (current != newest->current_state || cleared != newest->cleared_at) {
        out.push_back(
            {.scope = scope, .raise = {}, .update_id = newest->id, .current_state = current, .cleared_at = cleared});
      }
      continue;
    }
    if (decision.action != safety::RuleAlertAction::kRaise) continue;
    std::string title;
    for (const stopping::StoppingRule& r : config.safety_plan.stopping_rules) {
      if (r.id == state.rule_id) title = r.title;
    }
    std::vector<safety::RuleEvent> events;
    for (const store::RuleCourseRow& c : *courses) {
      if (c.rule_id == state.rule_id) events.push_back({.usubjid = c.usubjid, .cohort = c.cohort, .event = c.event});
    }
    out.push_back({.scope = scope,
                   .raise = safety::StoppingRuleFinding(state, title, decision.level, events, today, current),
                   .update_id = {},
                   .current_state = current,
                   .cleared_at = {}});
  }
  return out;
}

Status WriteRuleAlerts(store::Store& store, const config::Config& config, std::span<const RuleAlertWork> work,
                       const std::string& now, Clock::TimePoint at) {
  for (const RuleAlertWork& w : work) {
    if (!w.raise) {
      if (Status s = store.UpdateRuleAlertState(w.update_id, w.current_state, w.cleared_at); !s.ok()) return s;
      continue;
    }
    store::AlertRow row = AlertFromFinding(*w.raise, w.scope, now);
    row.current_state = w.current_state;
    if (Status s = store.RaiseAlert(row); !s.ok()) return s;
    if (Status s = NotifyRaised(store, config.notifiers, row, notifiers::Event::kRaised, at); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace vigil
