#include "rules/stats/aalen_johansen.h"

#include <algorithm>

#include "rules/stats/risk_set.h"

namespace vigil::stats {

Result<AalenJohansen> AalenJohansen::Fit(std::span<const double> times, std::span<const int> status) {
  Result<std::vector<RiskSetRow>> rows = BuildRiskSets(times, status, 2, "status");
  if (!rows.ok()) return rows.status();
  std::vector<Step> steps;
  double event_free = 1.0;  // all-cause KM, S(t-) at the top of the loop
  double event_only = 1.0;  // KM of status 1, status 2 censored
  CompetingIncidence cif;
  for (const RiskSetRow& row : *rows) {
    const int d1 = row.count[static_cast<int>(CompetingStatus::kEvent)];
    const int d2 = row.count[static_cast<int>(CompetingStatus::kCompetingEvent)];
    if (d1 + d2 == 0) continue;
    const double y = row.at_risk;
    cif.event += event_free * d1 / y;
    cif.competing += event_free * d2 / y;
    event_free *= 1.0 - (d1 + d2) / y;
    event_only *= 1.0 - d1 / y;
    cif.one_minus_km_competing_censored = 1.0 - event_only;
    steps.push_back({.time = row.time, .at_risk = row.at_risk, .events = d1, .competing = d2, .incidence = cif});
  }
  return AalenJohansen(std::move(steps));
}

CompetingIncidence AalenJohansen::At(double t) const {
  auto after = std::upper_bound(steps_.begin(), steps_.end(), t, [](double v, const Step& s) { return v < s.time; });
  if (after == steps_.begin()) return {};
  return std::prev(after)->incidence;
}

}  // namespace vigil::stats
