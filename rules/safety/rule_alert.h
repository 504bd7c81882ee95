// What a stopping rule's evaluation does to its alerts (clinical.md §3(b)):
// a boundary crossing is a matter for the DSMB, so its alert is never
// withdrawn automatically — not when more event-free patients become
// evaluable and the statistic falls back under the boundary, not when a
// correction removes an event. It stays open until a person acknowledges it
// with a note; the rule's current state is kept beside it.
//
// A rule that crosses again after it had fallen back under the boundary and
// its alert was acknowledged is a new crossing: a new alert, whose level
// counts the crossings (1, 2, ...). While the alert is open, falling back and
// crossing again only update the state shown beside it.
#pragma once

#include <optional>

namespace vigil::safety {

// The newest alert of one rule and population.
struct RuleAlertSeen {
  bool open = false;       // open (not yet acknowledged)
  bool withdrawn = false;  // withdrawn by an operator or an older version
  bool cleared = false;    // found under the boundary since it was raised or last crossed
  int level = 1;           // the crossing it alerted
};

enum class RuleAlertAction {
  kNothing,  // no alert, and none needed
  kRaise,    // a new crossing: raise an alert at `level`
  kUpdate,   // keep the alert; record the rule's current state beside it
};

struct RuleAlertDecision {
  RuleAlertAction action = RuleAlertAction::kNothing;
  int level = 1;  // for kRaise
};

RuleAlertDecision DecideRuleAlert(const std::optional<RuleAlertSeen>& newest, bool triggered);

}  // namespace vigil::safety
