// The alerts one adverse event raises: every trigger of the plan with an
// "ae" predicate that applies to the subject's cohort and matches the AE's
// current version — the SAE trigger (kind "sae", A1) and the AESI and
// dose-modification triggers (A2-A9, A12, A13, A16, A20, §3(c)).
//
// One finding per matching trigger. Identity "<kind>|<trigger>|<USUBJID>|AE|
// <AESPID>"; level = AETOXGR (1 when not reported), so an AE upgraded to a
// worse grade gets a new dedupe key, and one upgraded to serious gets its
// first sae finding. Pure.
#pragma once

#include <string_view>
#include <vector>

#include "rules/safety/ae_facts.h"
#include "rules/safety/finding.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

std::vector<Finding> AdverseEventFindings(const AlertPlan& plan, const AeFacts& ae, std::string_view cohort);

}  // namespace vigil::safety
