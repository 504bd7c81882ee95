// How the findings of one evaluation meet the alerts already raised for it
// (the contract of finding.h): the same dedupe key never alerts twice while
// its alert is live; a finding worse than every live alert of its identity is
// a new alert; a live alert whose identity has no finding any more was
// removed by a correction and is withdrawn. A downgrade that still meets the
// trigger keeps the alert that was raised.
//
// A finding that qualifies again after its alert was withdrawn (an SAE
// corrected to non-serious, then upgraded back) raises again: the withdrawn
// alert of the same dedupe key is reopened (same id, state open, notified
// as raised once more, its withdrawal kept in its history); a worse one is a
// new alert as always. A withdrawal is never a reason to stay silent.
//
// Stopping-rule alerts are not reconciled here (rule_alert.h): a crossing is
// never withdrawn automatically.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "rules/safety/finding.h"

namespace vigil::safety {

struct RaisedAlert {
  std::string id, dedupe_key, identity;
  int level = 1;
  bool withdrawn = false;
};

struct Reopening {
  std::string alert_id;
  const Finding* finding = nullptr;
};

struct Reconciliation {
  std::vector<const Finding*> raise;  // in the order found
  std::vector<Reopening> reopen;      // withdrawn alerts whose finding holds again
  std::vector<std::string> withdraw;  // alert ids
};

// `existing`: every alert of the evaluated scope, in any state; `findings`:
// everything the current records establish in that scope.
// `raise` points into `findings`, which must outlive the result: a
// temporary vector is refused at compile time.
Reconciliation Reconcile(std::span<const RaisedAlert> existing, std::span<const Finding> findings);
Reconciliation Reconcile(std::span<const RaisedAlert> existing, std::vector<Finding>&& findings) = delete;

}  // namespace vigil::safety
