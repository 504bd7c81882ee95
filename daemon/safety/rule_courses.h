// Stopping rules from records: each subject's course per rule (first dose,
// death, onset of the first qualifying event), kept by the pipeline, and the
// rules evaluated from the courses at any clinical cut-off.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/store/alert_row.h"
#include "daemon/store/subject_records.h"
#include "rules/stopping/rule_state.h"
#include "rules/summary/timeline.h"

namespace vigil {

// One row per stopping rule of the plan, with the first qualifying event on
// or after the first dose (an event certainly before it counts for nothing
// and hides nothing). An event whose onset is not a full date counts from the
// first dose (the earliest it can be a toxicity of treatment): a qualifying
// event is never dropped for want of a date. A death recorded only in DM is
// an event too (rules/safety/unreported_death.h). Follow-up ends at
// DM.RFPENDTC when it is a full date.
std::vector<store::RuleCourseRow> SubjectCourses(const summary::SubjectTimeline& timeline,
                                                 const store::SubjectRecords& records, const config::Config& config);

// Every rule in every population it runs in (its cohorts, then "ALL" when
// pooled), as of `cutoff` (ISO date): treated subjects with a first dose on
// or before it, followed to the earliest of the cut-off, death and the end of
// follow-up, with the events whose onset is on or before the cut-off.
Result<std::vector<stopping::RuleState>> EvaluateRules(const config::Config& config,
                                                       std::span<const store::RuleCourseRow> courses,
                                                       std::string_view cutoff);

}  // namespace vigil
