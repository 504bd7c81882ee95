#include "daemon/pipeline/rebuild.h"

#include <algorithm>

#include "daemon/pipeline/grading_step.h"
#include "daemon/pipeline/timeline_step.h"
#include "daemon/store/transaction.h"

namespace vigil {
namespace {

// Subjects per pass: each pass's changes (the timelines and the records they
// were built from) are dropped before the next, so memory stays bounded
// whatever the trial's size.
constexpr std::size_t kSubjectsPerPass = 64;

}  // namespace

Result<RebuildCounts> Rebuild(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
                              const categories::CategorySet& categories, std::string_view at) {
  store::Transaction tx(store);
  if (!tx.began().ok()) return tx.began();
  if (Status s = store.ClearDerived(); !s.ok()) return s;
  auto subjects = store.EnrolledSubjects();
  if (!subjects.ok()) return subjects.status();
  // The pipeline's derived stages over the stored records, as if every
  // subject's records had just arrived: the grade stage grades every series
  // of the subject from its first dose, the timeline stage builds its
  // timeline and stopping-rule courses. The store stage has nothing to store,
  // and alerts are a history of what was raised, not derived state: the
  // findings and alert stages do not run.
  GradeStage grade(store, grader, config.grading.Options(), config.safety_plan.alerts);
  TimelineStage timeline(store, config, categories);
  const Batch nothing;
  RebuildCounts counts;
  for (std::size_t from = 0; from < subjects->size(); from += kSubjectsPerPass) {
    BatchChanges changes;
    const std::size_t to = std::min(subjects->size(), from + kSubjectsPerPass);
    changes.regrade.assign(subjects->begin() + static_cast<std::ptrdiff_t>(from),
                           subjects->begin() + static_cast<std::ptrdiff_t>(to));
    changes.subjects.insert(changes.regrade.begin(), changes.regrade.end());
    for (Stage* stage : std::initializer_list<Stage*>{&grade, &timeline}) {
      if (Status s = stage->Apply(nothing, changes, tx); !s.ok()) return s;
    }
    counts.subjects += static_cast<int>(to - from);
  }
  if (Status s = store.Audit("derived.rebuilt", "derived state",
                             {{"subjects", counts.subjects}, {"ctcae_version", grader.version()}}, at);
      !s.ok()) {
    return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return counts;
}

Status CompleteTimelines(store::Store& store, const config::Config& config, const categories::CategorySet& categories) {
  auto missing = store.SubjectsWithoutTimeline();
  if (!missing.ok()) return missing.status();
  if (missing->empty()) return Status::Ok();
  store::Transaction tx(store);
  if (!tx.began().ok()) return tx.began();
  TimelineStage timelines(store, config, categories);
  for (const std::string& usubjid : *missing) {
    if (auto state = timelines.Refresh(usubjid); !state.ok()) return state.status();
  }
  return tx.Commit();
}

}  // namespace vigil
