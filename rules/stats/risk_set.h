// The risk-set table shared by the Kaplan-Meier and Aalen-Johansen
// estimators: one row per distinct observed time, in increasing order.
//
// Conventions (those of R's survival package):
// - at_risk at time t counts the subjects whose time is >= t, so a subject
//   censored at t is still at risk for the events at t (events come first);
// - times are tied only when exactly equal (survfit's aeqSurv also merges
//   times within about 1e-8 relative; inputs read from text do not need it).
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "rules/status.h"

namespace vigil::stats {

struct RiskSetRow {
  double time = 0.0;
  int at_risk = 0;
  // count[s] = subjects with this time and status s (0 = censored).
  std::array<int, 3> count{};
};

// times and status are parallel (one entry per subject); every status must be
// in 0..max_status (max_status <= 2) and every time finite and >= 0.
// Invalid (naming status_name and the offending index) otherwise, when the
// lengths differ, or when there are no subjects.
Result<std::vector<RiskSetRow>> BuildRiskSets(std::span<const double> times, std::span<const int> status,
                                              int max_status, std::string_view status_name);

}  // namespace vigil::stats
