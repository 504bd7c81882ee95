// The findings stage: what the safety plan finds in the batch's changes,
// computed by the pure functions of rules/safety from the timelines and
// grades the stages before built (and, where a finding reads a subject's
// other values, from the store), for the alert writer to reconcile:
//  - a subject whose AE, DM or EX records changed: its AE findings (sae,
//    aesi, dose_modification; a death recorded only in DM), and the
//    regulatory clocks of its serious cases;
//  - a measurement value graded (or a series graded again): its lab
//    findings (lab_critical, lab triggers), one record at a time; the
//    subject's Hy's-law and blood-pressure findings when a liver test above
//    its ULN or a blood pressure in the range a trigger watches arrived, or
//    the subject already has such an alert (a correction may remove it);
//  - an AE record quarantined (or held): what can be read of it (seriousness
//    criteria, fatality, terms) still raises its sae/aesi alerts, with the
//    data-quality problem in their evidence, and starts its clocks: a
//    record is never too broken to say "serious";
//  - then, when any course changed, every stopping rule per cohort as of
//    the batch's date (daemon/safety/stopping_rules.h).
#pragma once

#include "config/config.h"
#include "daemon/pipeline/stage.h"
#include "daemon/store/store.h"
#include "rules/ctcae/criteria.h"
#include "rules/safety/watched_values.h"

namespace vigil {

class FindingsStage final : public Stage {
 public:
  FindingsStage(store::Store& store, const config::Config& config, const ctcae::Criteria& criteria)
      : store_(store), config_(config), criteria_(criteria), watched_(config.safety_plan.alerts) {}

  Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) override;

 private:
  void OnSubject(const SubjectState& state, BatchChanges& changes);
  Status OnRejected(const RejectedAe& rejected, BatchChanges& changes);
  Status OnValues(const grading::SeriesKey& key, std::int64_t record_id, std::vector<safety::GradedValue> values,
                  const std::string& cohort, BatchChanges& changes);
  // The subject's Hy's-law or blood-pressure findings.
  Status OnSubjectValues(const std::map<std::string, bool, std::less<>>& candidates, std::string_view kind,
                         BatchChanges& changes);
  Result<std::vector<safety::GradedValue>> Gather(const std::string& usubjid, Domain domain,
                                                  std::span<const std::string_view> codes);
  Result<std::string> CohortOf(const std::string& usubjid, BatchChanges& changes);

  store::Store& store_;
  const config::Config& config_;
  const ctcae::Criteria& criteria_;
  const safety::WatchedValues watched_;
};

}  // namespace vigil
