#include "rules/stats/kaplan_meier.h"

#include <algorithm>

namespace vigil::stats {

Result<KaplanMeier> KaplanMeier::Fit(std::span<const double> times, std::span<const int> events) {
  Result<std::vector<RiskSetRow>> rows = BuildRiskSets(times, events, 1, "events");
  if (!rows.ok()) return rows.status();
  std::vector<Step> steps;
  double survival = 1.0;
  for (const RiskSetRow& row : *rows) {
    const int d = row.count[1];
    if (d == 0) continue;
    survival *= 1.0 - static_cast<double>(d) / row.at_risk;
    steps.push_back({.time = row.time, .at_risk = row.at_risk, .events = d, .survival = survival});
  }
  return KaplanMeier(std::move(steps));
}

double KaplanMeier::SurvivalAt(double t) const {
  auto after = std::upper_bound(steps_.begin(), steps_.end(), t, [](double v, const Step& s) { return v < s.time; });
  if (after == steps_.begin()) return 1.0;
  return std::prev(after)->survival;
}

}  // namespace vigil::stats
