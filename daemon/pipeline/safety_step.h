// Pipeline step 3: the safety plan. In the batch's transaction, after the
// timelines are built:
//  - a subject whose AE, DM or EX records changed: its AE findings (sae,
//    aesi, dose_modification), the regulatory clocks of its serious cases,
//    and its course per stopping rule;
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
//    the batch's date (rules/safety/rule_alert.h: a crossing is never
//    withdrawn automatically).
// Each evaluation reconciles its findings with the alerts it raised before
// (daemon/safety/alert_writer.h): alerts and their outbox rows commit with
// the batch.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/store/store.h"
#include "rules/ctcae/criteria.h"
#include "rules/records/validate.h"
#include "rules/safety/graded_value.h"
#include "rules/summary/timeline.h"

namespace vigil {

class SafetyStep {
 public:
  SafetyStep(store::Store& store, const config::Config& config, const ctcae::Criteria& criteria, const Clock& clock);

  // The subject's timeline was just built from these records.
  Status OnSubject(const store::SubjectRecords& records, const summary::SubjectTimeline& timeline);
  // A measurement record arrived (before grading).
  void OnMeasurement(const Record& record);
  // An AE record was accepted: alerts raised from a quarantined version of
  // it are superseded by those of the accepted one.
  void OnAdverseEvent(const Record& record);
  // An AE record was quarantined (or held) for `problems`.
  void OnRejectedAdverseEvent(const Record& record, const std::vector<Problem>& problems);
  // Grading (re)graded one record of a series (its row id), or all (0);
  // `graded` is false for a new value of a test CTCAE does not grade, which
  // matters only when a trigger of the plan names its test code.
  // `values`, when given, are the record's values as graded (not read back).
  void OnGraded(const store::SeriesKey& key, std::int64_t record_id, bool graded,
                const std::vector<safety::GradedValue>* values);
  // Before the batch commits.
  Status Flush();
  // The batch was rolled back: nothing learnt from it stays.
  void Forget();

  // Clock notices due now, and the stopping rules as of today; returns when
  // the next notice falls due. Its own transaction.
  Result<std::optional<std::int64_t>> Sweep();

 private:
  using SeriesId = std::tuple<std::string, Domain, std::string, bool>;  // usubjid, domain, code, LOINC
  Status EvaluateValues(const store::SeriesKey& key, std::int64_t record_id, const std::string& cohort,
                        std::vector<safety::GradedValue> values);
  // Whether the subject's findings of a scope need evaluating: a value in a
  // watched range arrived, or the scope already raised an alert.
  Result<bool> Needed(const std::map<std::string, bool, std::less<>>& candidates, const std::string& usubjid,
                      const std::string& scope);
  Status EvaluateRules();
  Status EvaluateRejected(const Record& record, const std::vector<Problem>& problems);
  Result<std::string> CohortOf(const std::string& usubjid);
  std::string Now() const { return FormatTimestamp(clock_.Now()); }

  store::Store& store_;
  const config::Config& config_;
  const ctcae::Criteria& criteria_;
  const Clock& clock_;
  // Episodic triggers (AE and lab) by id, with their episode_days.
  std::map<std::string, int, std::less<>> episodes_;
  // AE keys (USUBJID, AESPID) accepted in this batch.
  std::set<std::pair<std::string, std::string>> accepted_ae_;
  // AE records quarantined or held in this batch, with their problems.
  std::vector<std::pair<Record, std::vector<Problem>>> rejected_ae_;
  // Row ids graded, with their values when grading gave them; 0 = the whole
  // series.
  std::map<SeriesId, std::map<std::int64_t, std::optional<std::vector<safety::GradedValue>>>> graded_;
  // Subjects with a liver test or a blood pressure changed; true when a
  // value is in a watched range (or a whole series was graded again).
  std::map<std::string, bool, std::less<>> liver_, pressure_;
  std::set<std::string> plan_test_codes_;  // test codes the plan's lab triggers name (upper case)
  std::optional<double> lowest_sbp_, lowest_dbp_;
  // The lowest multiples of ULN at which ALT/AST and bilirubin can make a
  // Hy's-law case.
  std::optional<double> hys_transaminase_x_, hys_bilirubin_x_;  // the lowest blood pressures a vitals trigger watches
  bool courses_changed_ = false;
  std::string rules_evaluated_on_;  // the date the last sweep evaluated the stopping rules
  // By subject, DM.ARMCD: kept across batches (a DM follow-up updates it
  // through OnSubject), dropped on a rollback.
  std::map<std::string, std::string, std::less<>> cohorts_;
};

}  // namespace vigil
