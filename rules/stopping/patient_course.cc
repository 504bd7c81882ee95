#include "rules/stopping/patient_course.h"

#include <set>
#include <string_view>

namespace vigil::stopping {

Result<Tally> CountPatients(int window_days, std::span<const PatientCourse> patients) {
  if (window_days < 1) return Status::Invalid("window_days: must be at least 1, got " + std::to_string(window_days));
  std::set<std::string_view> seen;
  Tally t;
  for (const PatientCourse& p : patients) {
    if (p.usubjid.empty()) return Status::Invalid("patient course without USUBJID");
    if (!seen.insert(p.usubjid).second) {
      return Status::Invalid("USUBJID " + p.usubjid + ": given twice (a patient counts once)");
    }
    const bool had_event = p.event_day && *p.event_day <= p.observed_through_day;
    const bool followed = p.observed_through_day - p.first_dose_day >= window_days;
    if (had_event) {
      ++t.events;
      ++t.evaluable;
    } else if (followed) {
      ++t.evaluable;
    }
  }
  return t;
}

}  // namespace vigil::stopping
