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

// One row per stopping rule of the plan. An event whose onset is not a full
// date counts from the first dose (the earliest it can be a toxicity of
// treatment): a qualifying event is never dropped for want of a date.
std::vector<store::RuleCourseRow> SubjectCourses(const summary::SubjectTimeline& timeline,
                                                 const store::SubjectRecords& records, const config::Config& config);

// Every rule in every population it runs in (its cohorts, then "ALL" when
// pooled), as of `cutoff` (ISO date): treated subjects with a first dose on
// or before it, followed to the earlier of the cut-off and death, with the
// events whose onset is on or before it.
Result<std::vector<stopping::RuleState>> EvaluateRules(const config::Config& config,
                                                       std::span<const store::RuleCourseRow> courses,
                                                       std::string_view cutoff);

}  // namespace vigil
