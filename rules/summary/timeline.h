// A subject's safety timeline: what the summary needs of one subject, kept
// independent of the clinical data cut-off, so that the pipeline can keep it
// current as records arrive and a summary as of any cut-off reads one row per
// subject instead of every record. `FactsAt` cuts it at a date.
//
// Exact for every cut-off on or after the subject's latest exposure start
// (and first dose): an earlier cut-off leaves exposures out, which changes
// the first and last dose and can change how an adverse event is classified,
// so `NeedsCuttingAt` says when the caller must classify the timeline again
// with the exposures of that cut-off. The timeline keeps what that takes
// (every EX record, DM's dose dates and each event's classifier input), so
// no record is read again.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/categories/event.h"
#include "rules/status.h"
#include "rules/summary/facts.h"

namespace vigil::summary {

struct TimelineEvent {
  AdverseEventFact fact;        // onset_day from the first dose
  std::string onset, end = {};  // AESTDTC, AEENDTC as reported ("" when missing)
  // What the classifier reads of the AE record (rules/categories/ae_input.h),
  // to classify the event again as of an earlier exposure cut-off.
  categories::AdverseEvent input = {};
};

// One CTCAE lab term of a subject.
struct LabReach {
  std::string term;
  std::optional<int> baseline_grade;  // worst grade among the baseline values
  // reached[g]: the earliest collection date of a post-baseline value graded
  // g or worse; nullopt when there is none; "" when such a value has no date
  // (it is in every cut-off: it was reported and cannot be shown to be later).
  std::array<std::optional<std::string>, 6> reached = {};
};

// The stored form's version. 1: before immune_related and
// adebrelimab_related were split (rules/categories/README.md) and before the
// consent date was kept; 2: before the EX records (exposure table) and each
// AE's verbatim term and actions taken (deaths and exposure tables) were
// kept. A timeline stored in an older form is read with defaults for what it
// lacks, and the summary builds that subject again from its records
// (subject_facts.cc) until `vigilctl rebuild` or the subject's next record
// stores the current form. 3: before each event's classifier input and DM's
// dose dates were kept (a cut-off before an exposure read the records).
inline constexpr int kTimelineFormat = 4;

struct SubjectTimeline {
  std::string usubjid, cohort;
  std::string consent = {};                     // DM.RFICDTC; "" when not given
  std::string first_dose = {}, last_dose = {};  // as the records give them; "" when none
  std::string latest_exposure_start = {};       // the latest EX start; "" when none
  bool dm_death = false;                        // DM.DTHFL = Y or a DM.DTHDTC
  std::string dm_death_date = {};               // DM.DTHDTC
  std::vector<TimelineEvent> adverse_events = {};
  std::vector<ExposureFact> exposures = {};           // the EX records (as of the exposure cut-off it was built with)
  std::vector<LabReach> labs = {};                    // by term
  int format = kTimelineFormat;                       // of the stored form it was read from
  std::string dm_first_dose = {}, dm_last_dose = {};  // DM.RFXSTDTC, DM.RFXENDTC; "" when not given
};

// The facts as of `cutoff` (an ISO date): enrolment and first dose on or
// before it; events with onset on or before it, each with its emergence
// (emergence.h; the irae window for an event classified immune_related);
// death on or before it; exposure and observation from the first dose to the
// earliest of last dose + window, death and the cut-off (both days counted);
// the EX records starting on or before it; lab shifts from values taken on
// or before it.
// Taken by value: a caller done with the timeline moves it in, and its
// events and exposures move into the facts instead of being copied.
SubjectFacts FactsAt(SubjectTimeline timeline, std::string_view cutoff, const TreatmentWindows& windows);

// The subject's death as of `cutoff` ("" for no cut-off): DM.DTHDTC, or the
// end (else onset) of a fatal AE with onset on or before it, whichever is
// earlier; "" when none.
std::string DeathDate(const SubjectTimeline& timeline, std::string_view cutoff);

// Whether a cut-off falls before an exposure start or the first dose: the
// timeline then has to be classified again with the exposures of that
// cut-off (see above).
bool NeedsCuttingAt(const SubjectTimeline& timeline, std::string_view cutoff);

// On or before the cut-off; a missing or unreadable date is kept (the record
// was reported, and cannot be shown to be later).
bool OnOrBefore(std::string_view dtc, std::string_view cutoff);

// The date `days` after the date part of `date` ("" when it is not a full
// date).
std::string AddDays(std::string_view date, long days);

// The stored form (labs excluded: the store keeps them per term, see
// daemon/store). Compact arrays: one row is read per subject per summary.
nlohmann::json TimelineToJson(const SubjectTimeline& timeline);
Result<SubjectTimeline> TimelineFromJson(std::string_view text);

}  // namespace vigil::summary
