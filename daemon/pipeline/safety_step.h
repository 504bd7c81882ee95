// Pipeline step 3: the safety plan. In the batch's transaction, after the
// timelines are built:
//  - a subject whose AE, DM or EX records changed: its AE findings (sae,
//    aesi, dose_modification), the regulatory clocks of its serious cases,
//    and its course per stopping rule;
//  - a measurement series that changed (or every series of a subject whose
//    first dose changed): its lab findings (lab_critical, lab triggers), the
//    subject's Hy's-law and blood-pressure findings when a liver test or a
//    blood pressure is in it;
//  - then, when any course changed, every stopping rule per cohort as of
//    the batch's date.
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
#include "rules/summary/timeline.h"

namespace vigil {

class SafetyStep {
 public:
  SafetyStep(store::Store& store, const config::Config& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // The subject's timeline was just built from these records.
  Status OnSubject(const store::SubjectRecords& records, const summary::SubjectTimeline& timeline);
  // A measurement series changed; or the subject's first dose may have.
  void OnSeries(const store::SeriesKey& key) { series_.insert({key.usubjid, key.domain, key.test_code, key.loinc}); }
  void OnDosing(std::string_view usubjid) { dosing_.emplace(usubjid); }
  // Before the batch commits.
  Status Flush();
  // The batch was rolled back.
  void Forget();

  // Clock notices due now, and the stopping rules as of today; returns when
  // the next notice falls due. Its own transaction.
  Result<std::optional<std::int64_t>> Sweep();

 private:
  Status EvaluateSeries(const store::SeriesKey& key, const std::string& cohort);
  Status EvaluateRules();
  Result<std::string> CohortOf(const std::string& usubjid);
  std::string Now() const { return FormatTimestamp(clock_.Now()); }

  store::Store& store_;
  const config::Config& config_;
  const Clock& clock_;
  std::set<std::tuple<std::string, Domain, std::string, bool>> series_;
  std::set<std::string, std::less<>> dosing_;
  bool courses_changed_ = false;
  std::string rules_evaluated_on_;  // the date the last sweep evaluated the stopping rules
  std::map<std::string, std::string, std::less<>> cohorts_;  // by subject; DM.ARMCD
};

}  // namespace vigil
