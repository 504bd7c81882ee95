#include "daemon/pipeline/rebuild.h"

#include "daemon/pipeline/grading_step.h"
#include "daemon/pipeline/timeline_step.h"
#include "daemon/safety/rule_courses.h"

namespace vigil {

Result<RebuildCounts> Rebuild(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
                              const categories::CategorySet& categories) {
  if (Status s = store.Begin(); !s.ok()) return s;
  auto fail = [&](Status s) -> Result<RebuildCounts> {
    store.Rollback();
    return s;
  };
  if (Status s = store.ClearDerived(); !s.ok()) return fail(s);
  auto subjects = store.EnrolledSubjects();
  if (!subjects.ok()) return fail(subjects.status());
  GradingStep grading(store, grader, config.grading.Options());
  TimelineStep timelines(store, config, categories);
  RebuildCounts counts;
  for (const std::string& usubjid : *subjects) {
    // Re-grades every series of the subject from its first dose.
    if (Status s = grading.OnDosing(usubjid); !s.ok()) return fail(s);
    auto courses = [&](const store::SubjectRecords& records, const summary::SubjectTimeline& timeline) {
      return store.ReplaceRuleCourses(usubjid, SubjectCourses(timeline, records, config));
    };
    if (Status s = timelines.Refresh(usubjid, courses); !s.ok()) return fail(s);
    ++counts.subjects;
  }
  if (Status s = store.Commit(); !s.ok()) return fail(s);
  return counts;
}

Status CompleteTimelines(store::Store& store, const config::Config& config,
                         const categories::CategorySet& categories) {
  auto missing = store.SubjectsWithoutTimeline();
  if (!missing.ok()) return missing.status();
  if (missing->empty()) return Status::Ok();
  if (Status s = store.Begin(); !s.ok()) return s;
  TimelineStep timelines(store, config, categories);
  for (const std::string& usubjid : *missing) {
    if (Status s = timelines.Refresh(usubjid); !s.ok()) {
      store.Rollback();
      return s;
    }
  }
  return store.Commit();
}

}  // namespace vigil
