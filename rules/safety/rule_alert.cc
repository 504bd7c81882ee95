#include "rules/safety/rule_alert.h"

namespace vigil::safety {

RuleAlertDecision DecideRuleAlert(const std::optional<RuleAlertSeen>& newest, bool triggered) {
  if (!newest) return {triggered ? RuleAlertAction::kRaise : RuleAlertAction::kNothing, 1};
  const bool crossed_anew = newest->withdrawn || (!newest->open && newest->cleared);
  if (triggered && crossed_anew) return {RuleAlertAction::kRaise, newest->level + 1};
  return {RuleAlertAction::kUpdate, newest->level};
}

}  // namespace vigil::safety
