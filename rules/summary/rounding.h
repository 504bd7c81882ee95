// The summary's numbers as people read them (docs/definitions.md,
// "Rounding"): one pass over the finished document. Percentages and their
// intervals to one decimal; rates per 100 patient-years, their intervals,
// times at risk and patient-years to two; cumulative incidences (proportions)
// to three, which is a percentage to one decimal; the exposure table's
// medians, means and ranges (days, cycles, dose intensity in percent) to one.
// Counts, the stopping rules
// (a statistic read against its threshold) and the definitions are left as
// they are. The full-precision document is the one computed and cached;
// `vigilctl summary --precision full` prints it.
#pragma once

#include <nlohmann/json.hpp>

namespace vigil::summary {

// Half away from zero, after snapping to 1e-9 (in the value's units) so that
// two computations of one number that differ in the last bits (Kaplan-Meier
// and Aalen-Johansen before any competing death; 12.45 computed as
// 12.4499999999) print the same digits.
double RoundHalfAway(double value, int decimals);

// Rounds `summary` in place and sets its "precision" to "rounded".
void RoundForReading(nlohmann::json& summary);

}  // namespace vigil::summary
