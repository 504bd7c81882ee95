#include "daemon/pipeline/timeline_step.h"

#include "daemon/safety/rule_courses.h"
#include "daemon/summary/subject_facts.h"

namespace vigil {

Status TimelineStage::Apply(const Batch&, BatchChanges& changes, store::Transaction&) {
  for (const std::string& usubjid : changes.subjects) {
    auto state = Refresh(usubjid);
    if (!state.ok()) return state.status();
    if (!*state) continue;  // not enrolled: its records are held
    const std::vector<store::RuleCourseRow> courses = SubjectCourses((*state)->timeline, (*state)->records, config_);
    if (Status s = store_.ReplaceRuleCourses(usubjid, courses); !s.ok()) return s;
    changes.courses_changed = changes.courses_changed || !courses.empty();
    changes.timelines.insert_or_assign(usubjid, std::move(**state));
  }
  return Status::Ok();
}

Result<std::optional<SubjectState>> TimelineStage::Refresh(std::string_view usubjid) {
  auto records = store_.LoadSubjectRecords(usubjid);
  if (!records.ok()) return records.status();
  if (!records->dm) return std::optional<SubjectState>();
  std::vector<const Record*> ex, ae;
  for (const Record& r : records->ex) ex.push_back(&r);
  for (const Record& r : records->ae) ae.push_back(&r);
  summary::SubjectTimeline timeline = BuildTimeline(*records->dm, ex, ae, config_, categories_, "");
  if (Status s = store_.PutTimeline(usubjid, timeline.cohort, summary::TimelineToJson(timeline).dump()); !s.ok()) {
    return s;
  }
  return std::optional<SubjectState>(SubjectState{.records = std::move(*records), .timeline = std::move(timeline)});
}

}  // namespace vigil
