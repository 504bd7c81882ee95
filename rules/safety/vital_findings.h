// The alerts one subject's blood-pressure readings raise: every trigger of
// the plan with "vitals" that applies to the cohort (§3(c): SBP >= 160 or
// DBP >= 100 -> hold apatinib; SBP >= 140 or DBP >= 90 on 2 readings ->
// antihypertensives).
//
// A reading is the SYSBP and DIABP values (VSTESTCD, or LOINC 8480-6 and
// 8462-4) taken at the same VSDTC; readings are ordered by VSDTC as text,
// which is time order for ISO 8601 values of the same precision. A reading
// meets a trigger when its SBP or its DBP is at or above the trigger's
// number; values in a unit other than mmHg (an empty unit is mmHg) or not a
// number count as absent. A trigger with "readings": n fires on each reading
// that ends a run of n consecutive readings meeting it, so a later normal
// reading never removes a finding. Identity "<kind>|<trigger>|<USUBJID>|VS|
// <VSDTC of that reading>", level 1; evidence: the records of the run. Pure.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/safety/finding.h"
#include "rules/safety/graded_value.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

std::vector<Finding> VitalFindings(const AlertPlan& plan, std::span<const GradedValue> values, std::string_view cohort);

}  // namespace vigil::safety
