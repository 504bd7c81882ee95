// Cumulative incidence of a first treatment-emergent event of a kind among
// treated subjects, from the first dose: Kaplan-Meier (1 - S(t), deaths
// censored) and Aalen-Johansen (death without the event a competing risk),
// read at kIncidenceDays. A subject without the event is censored at the end
// of observation for the measure's window, or is a competing death when
// the death falls within it. Pre-dose and post-window events never enter.
#pragma once

#include <nlohmann/json.hpp>
#include <span>

#include "rules/summary/facts.h"
#include "rules/summary/measure.h"

namespace vigil::summary {

// Days at which the cumulative incidence is reported.
inline constexpr double kIncidenceDays[] = {90, 180, 270, 365};

// {"days": [...], "kaplan_meier": [...], "aalen_johansen": [...]}, as
// proportions; the curves are null when no subject was treated.
nlohmann::json TimeToFirstEvent(std::span<const SubjectFacts* const> subjects, const AePredicate& counts,
                                Window window);

}  // namespace vigil::summary
