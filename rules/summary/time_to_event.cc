#include "rules/summary/time_to_event.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "rules/stats/aalen_johansen.h"
#include "rules/stats/kaplan_meier.h"

namespace vigil::summary {

nlohmann::json TimeToFirstEvent(std::span<const SubjectFacts* const> subjects, const AePredicate& counts,
                                Window window) {
  std::vector<double> times;
  std::vector<int> events, status;  // status: 1 the event, 2 death first, 0 censored
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    const double end = window == Window::kIrae ? s->irae_observation_days : s->observation_days;
    std::optional<double> first;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (!ae.treatment_emergent() || !counts(ae) || !ae.onset_day) continue;
      first = first ? std::min(*first, *ae.onset_day) : *ae.onset_day;
    }
    if (first) {
      times.push_back(*first);
      events.push_back(1);
      status.push_back(1);
    } else if (s->death_day && *s->death_day <= end) {
      times.push_back(std::max(0.0, *s->death_day));
      events.push_back(0);
      status.push_back(2);
    } else {
      times.push_back(end);
      events.push_back(0);
      status.push_back(0);
    }
  }
  nlohmann::json out = {{"days", kIncidenceDays}, {"kaplan_meier", nullptr}, {"aalen_johansen", nullptr}};
  if (times.empty()) return out;
  if (auto km = stats::KaplanMeier::Fit(times, events); km.ok()) {
    nlohmann::json v = nlohmann::json::array();
    for (double d : kIncidenceDays) v.push_back(km->CumulativeIncidenceAt(d));
    out["kaplan_meier"] = v;
  }
  if (auto aj = stats::AalenJohansen::Fit(times, status); aj.ok()) {
    nlohmann::json v = nlohmann::json::array();
    for (double d : kIncidenceDays) v.push_back(aj->At(d).event);
    out["aalen_johansen"] = v;
  }
  return out;
}

}  // namespace vigil::summary
