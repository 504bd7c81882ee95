// From records to the facts the summary is computed from. Two paths, one
// definition:
//  - the pipeline keeps every subject's timeline (rules/summary/timeline.h)
//    current as DM, EX and AE records arrive, and the store keeps each lab
//    term's reach as grades change; `CurrentFacts` cuts them at a date and
//    reads one row per subject and term;
//  - `KnownAtFacts` answers with what the database knew at a past moment:
//    it builds the timelines from the record versions valid then and grades
//    their lab series again.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/store/alert_row.h"
#include "daemon/store/reader.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"
#include "rules/summary/facts.h"
#include "rules/summary/timeline.h"

namespace vigil {

// The configured treatment-emergent windows (summary.teae_window_days,
// summary.irae_window_days).
summary::TreatmentWindows WindowsOf(const config::Config& config);

// A subject's timeline from its records (labs excluded), classified by
// ClassifyAt as of `exposure_cutoff`.
summary::SubjectTimeline BuildTimeline(const Record& dm, std::span<const Record* const> ex,
                                       std::span<const Record* const> ae, const config::Config& config,
                                       const categories::CategorySet& categories, std::string_view exposure_cutoff);

// A timeline as of an exposure cut-off: only EX records starting on or
// before `exposure_cutoff` count ("" for all), and from them the first and
// last dose, each event's categories and onset day. The first dose is
// DM.RFXSTDTC, else the earliest EX.EXSTDTC; the last dose DM.RFXENDTC, else
// the latest EX end or start (docs/definitions.md). `timeline` holds every EX
// record: as built from the records, or read from its stored form.
summary::SubjectTimeline ClassifyAt(summary::SubjectTimeline timeline, const config::Config& config,
                                    const categories::CategorySet& categories, std::string_view exposure_cutoff);

// Every enrolled subject's facts as of `cutoff` (an ISO date) from the
// stored timelines; a subject whose timeline does not hold at that cut-off
// (NeedsCuttingAt) is classified again as of it, and one stored in an older
// form (kTimelineFormat) is built again from its current records.
Result<std::vector<summary::SubjectFacts>> CurrentFacts(store::Reader& reader, const config::Config& config,
                                                        const categories::CategorySet& categories,
                                                        std::string_view cutoff);

// The same from a snapshot of the record versions valid at a past moment
// (Reader::Snapshot with a known-at time), lab series graded again.
// `courses`, when given, receives each subject's stopping-rule courses as
// they stood then.
Result<std::vector<summary::SubjectFacts>> KnownAtFacts(const store::SafetySnapshot& snapshot,
                                                        const config::Config& config, const ctcae::Grader& grader,
                                                        const categories::CategorySet& categories,
                                                        std::string_view cutoff,
                                                        std::vector<store::RuleCourseRow>* courses = nullptr);

}  // namespace vigil
