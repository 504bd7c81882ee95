// When an adverse event counts as treatment-emergent (ICH E9 / ADaM ADAE
// TRTEMFL): its onset on or after the first dose and no later than the last
// dose + the window (summary.teae_window_days; summary.irae_window_days for
// an immune-related event). Dates are compared by their date part, at the
// precision both have (rules/records/iso_date.h): an onset on the day of the
// first dose is treatment-emergent, and a missing or partial onset (or last
// dose) that cannot be shown to be before the first dose or after the window
// counts as treatment-emergent (safety-first).
#pragma once

#include <optional>
#include <string_view>

#include "rules/summary/facts.h"

namespace vigil::summary {

// `first_dose` "" for an untreated subject; `last_dose` "" when unknown
// (the window then stays open).
Emergence EmergenceOf(std::string_view onset, std::string_view first_dose, std::string_view last_dose, int window_days);

// The earliest day (from the first dose) a treatment-emergent onset that is
// not a full date can be: a partial date's first day (a missing month or day
// read as the first), never before the first dose; the first dose itself
// when the onset is missing or unreadable. The ADaM convention for imputing
// a partial AE start date (ASTDT) of a treatment-emergent event. nullopt
// when the first dose is not a full date.
std::optional<double> EarliestOnsetDay(std::string_view onset, std::string_view first_dose);

}  // namespace vigil::summary
