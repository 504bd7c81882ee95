// How the findings of one evaluation meet the alerts already raised for it
// (the contract of finding.h): the same dedupe key never alerts twice; a
// finding worse than every live alert of its identity is a new alert; a
// live alert whose identity has no finding any more was removed by a
// correction and is withdrawn. A downgrade that still meets the trigger keeps
// the alert that was raised.
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

struct Reconciliation {
  std::vector<const Finding*> raise;  // in the order found
  std::vector<std::string> withdraw;  // alert ids
};

// `existing`: every alert of the evaluated scope, in any state; `findings`:
// everything the current records establish in that scope.
Reconciliation Reconcile(std::span<const RaisedAlert> existing, std::span<const Finding> findings);

}  // namespace vigil::safety
