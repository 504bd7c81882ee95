#include "daemon/pipeline/rebuild.h"

#include "daemon/pipeline/grading_step.h"

namespace vigil {

Result<RebuildCounts> Rebuild(store::Store& store, const config::Config& config, const ctcae::Grader& grader) {
  if (Status s = store.Begin(); !s.ok()) return s;
  auto fail = [&](Status s) -> Result<RebuildCounts> {
    store.Rollback();
    return s;
  };
  if (Status s = store.ClearDerived(); !s.ok()) return fail(s);
  auto subjects = store.EnrolledSubjects();
  if (!subjects.ok()) return fail(subjects.status());
  GradingStep grading(store, grader, config.grading.Options());
  RebuildCounts counts;
  for (const std::string& usubjid : *subjects) {
    // Re-grades every series of the subject from its first dose.
    if (Status s = grading.OnDosing(usubjid); !s.ok()) return fail(s);
    ++counts.subjects;
  }
  if (Status s = store.Commit(); !s.ok()) return fail(s);
  return counts;
}

}  // namespace vigil
