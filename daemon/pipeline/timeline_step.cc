#include "daemon/pipeline/timeline_step.h"

#include "daemon/summary/subject_facts.h"

namespace vigil {

Status TimelineStep::Flush(const Observer& observer) {
  for (const std::string& usubjid : touched_) {
    if (Status s = Refresh(usubjid, observer); !s.ok()) return s;
  }
  touched_.clear();
  return Status::Ok();
}

Status TimelineStep::Refresh(std::string_view usubjid, const Observer& observer) {
  auto records = store_.LoadSubjectRecords(usubjid);
  if (!records.ok()) return records.status();
  if (!records->dm) return Status::Ok();  // not enrolled: its records are held
  std::vector<const Record*> ex, ae;
  for (const Record& r : records->ex) ex.push_back(&r);
  for (const Record& r : records->ae) ae.push_back(&r);
  const summary::SubjectTimeline timeline = BuildTimeline(*records->dm, ex, ae, config_, categories_, "");
  if (Status s = store_.PutTimeline(usubjid, timeline.cohort, summary::TimelineToJson(timeline).dump()); !s.ok()) {
    return s;
  }
  return observer ? observer(*records, timeline) : Status::Ok();
}

}  // namespace vigil
