// The alerts one subject's graded LB, VS and EG values raise, one value at a
// time:
//  - lab_critical: a value graded at or above the plan's min_grade (4), or
//    at or above the lower grade configured for its term. Identity
//    "lab_critical|<id>|<USUBJID>|<domain>|<record key>|<term>", level = the
//    grade.
//  - every trigger of the plan with "lab" conditions that applies to the
//    cohort (A11, A14, A15, A17, A18, §3(c), §3(d)). Identity
//    "<kind>|<trigger>|<USUBJID>|<domain>|<record key>"; level = the grade
//    for a min_grade condition, else 1.
// Each value is its own finding: a later draw that is critical again is
// another critical result to report (as laboratories call each critical
// value), while the same record re-delivered or re-graded to the same grade
// keeps its key. Values with no grade (NA) never meet a grade condition; a
// value that is not a number, lacks the ULN/LLN/baseline a comparison needs,
// or is in another unit than the condition's, does not meet it.
//
// Vitals triggers are evaluated by VitalFindings (vital_findings.h). Pure.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/safety/finding.h"
#include "rules/safety/graded_value.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

std::vector<Finding> LabFindings(const AlertPlan& plan, std::span<const GradedValue> values, std::string_view cohort);

// Why the value meets the condition ("Platelet count decreased grade 4 ≥ 4";
// "GLUC 30.1 mmol/L > 27.8 mmol/L"); nullopt when it does not. `level` gets
// the grade for a min_grade condition, 1 otherwise.
std::optional<std::string> MeetsLabCondition(const LabCondition& condition, const GradedValue& value, int* level);

}  // namespace vigil::safety
