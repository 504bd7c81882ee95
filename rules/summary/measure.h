// One row of the summary's incidence tables: how many treated subjects had a
// treatment-emergent event of a kind, as a proportion of treated subjects
// (Clopper-Pearson interval), as an exposure-adjusted incidence rate (EAIR:
// subjects per 100 patient-years at risk, time at risk ending at each
// subject's first event) and as an event rate (events per 100 patient-years
// of exposure), both with exact Poisson (Garwood) intervals. The definitions
// are docs/definitions.md's.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <span>

#include "rules/summary/facts.h"

namespace vigil::summary {

// Which treatment-emergent window bounds a measure's observation: the irae
// window for measures of immune-related events only, else the teae window.
enum class Window { kTeae, kIrae };

// A treatment-emergent adverse event that counts for the measure.
using AePredicate = std::function<bool(const AdverseEventFact&)>;

struct Tally {
  int treated = 0;                // the denominator
  int subjects = 0;               // treated subjects with >= 1 event
  int events = 0;                 // events among treated subjects
  double time_at_risk_years = 0;  // first dose to the first event, else to the end of observation
  double exposure_years = 0;      // first dose to the end of observation
};

// Over treated subjects and their treatment-emergent adverse events.
Tally TallyAdverseEvents(std::span<const SubjectFacts* const> subjects, const AePredicate& counts, Window window);

// Treated subjects whose death is treatment-emergent (SubjectFacts::
// death_treatment_emergent), one event each; at risk until the death.
Tally TallyDeaths(std::span<const SubjectFacts* const> subjects);

// {"subjects", "pct", "ci95",
//  "exposure_adjusted": {"per_100py", "ci95", "time_at_risk_py"},
//  "event_rate": {"events", "per_100py", "ci95", "exposure_py"}}
// Percentages and their interval in percent; null where the denominator is 0.
nlohmann::json MeasureJson(const Tally& tally);

// The exposure the window gives a subject (years).
double ExposureYears(const SubjectFacts& subject, Window window);

}  // namespace vigil::summary
