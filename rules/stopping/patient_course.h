// What a stopping rule needs to know about one treated patient, and who
// counts (stopping_rules.md §8.4; clinical.md §3(b) "Denominator",
// "Numerator").
#pragma once

#include <optional>
#include <span>
#include <string>

#include "rules/status.h"

namespace vigil::stopping {

// Days are day numbers (days since 1970-01-01, rules/records/iso_date.h).
// Only patients who received at least one dose of a study drug are given.
struct PatientCourse {
  std::string usubjid;
  long first_dose_day = 0;
  // The last day the patient is known to be observed: the data cut-off,
  // death, or the end of follow-up, whichever is first.
  long observed_through_day = 0;
  // Onset of the patient's FIRST qualifying event (the caller applies the
  // rule's event definition); nullopt when none is known.
  std::optional<long> event_day = std::nullopt;
};

struct Tally {
  int events = 0;     // x: evaluable patients with the event
  int evaluable = 0;  // n
};

// A patient is evaluable when the event happened by observed_through_day, or
// when followed (observed_through_day - first_dose_day) at least window_days
// without it. A patient still inside the window without the event is not
// counted yet: counting them would dilute the rate with patients who may
// still have the event.
//
// The event counts whenever it happened, inside the observation window or
// after it: the window only decides when an event-free patient stops being
// "too early to tell", and a late fatal or organ-threatening event is never
// silently dropped. An event after observed_through_day (after the data
// cut-off) is not known at the cut and does not count.
//
// Invalid when a USUBJID appears twice (a patient counts once) or is empty,
// or when window_days < 1.
Result<Tally> CountPatients(int window_days, std::span<const PatientCourse> patients);

}  // namespace vigil::stopping
