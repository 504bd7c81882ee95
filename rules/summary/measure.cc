#include "rules/summary/measure.h"

#include <algorithm>
#include <optional>

#include "rules/stats/clopper_pearson.h"
#include "rules/stats/incidence_rate.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

constexpr double kConfidence = 0.95;
constexpr double kDaysPerYear = 365.25;

// Per 100 patient-years with the exact Poisson interval; null when there is
// no time to divide by.
json Rate(int k, double years) {
  json j = {{"per_100py", nullptr}, {"ci95", nullptr}};
  if (auto r = stats::IncidencePer100PatientYears(k, years, kConfidence); r.ok()) {
    j["per_100py"] = r->estimate;
    j["ci95"] = {r->lower, r->upper};
  }
  return j;
}

}  // namespace

double ExposureYears(const SubjectFacts& s, Window window) {
  return window == Window::kIrae ? s.irae_exposure_years : s.exposure_years;
}

Tally TallyAdverseEvents(std::span<const SubjectFacts* const> subjects, const AePredicate& counts, Window window) {
  Tally t;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    ++t.treated;
    const double exposure = ExposureYears(*s, window);
    t.exposure_years += exposure;
    bool any = false;
    std::optional<double> first;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (!ae.treatment_emergent() || !counts(ae)) continue;
      ++t.events;
      any = true;
      if (ae.onset_day) first = first ? std::min(*first, *ae.onset_day) : *ae.onset_day;
    }
    if (any) ++t.subjects;
    // Both the first dose's day and the event's day are days at risk. An
    // event without a day (the first dose itself is not a full date) leaves
    // the subject at risk through the observation.
    t.time_at_risk_years += any && first ? (*first + 1) / kDaysPerYear : exposure;
  }
  return t;
}

Tally TallyDeaths(std::span<const SubjectFacts* const> subjects) {
  Tally t;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    ++t.treated;
    t.exposure_years += s->exposure_years;
    if (s->death_treatment_emergent) {
      ++t.subjects;
      ++t.events;
    }
    t.time_at_risk_years +=
        s->death_treatment_emergent && s->death_day ? (*s->death_day + 1) / kDaysPerYear : s->exposure_years;
  }
  return t;
}

json MeasureJson(const Tally& t) {
  json j = {{"subjects", t.subjects}, {"pct", nullptr}, {"ci95", nullptr}};
  if (t.treated > 0) {
    j["pct"] = 100.0 * t.subjects / t.treated;
    if (auto ci = stats::ClopperPearson(t.subjects, t.treated, kConfidence); ci.ok()) {
      j["ci95"] = {100.0 * ci->lower, 100.0 * ci->upper};
    }
  }
  json eair = Rate(t.subjects, t.time_at_risk_years);
  eair["time_at_risk_py"] = t.time_at_risk_years;
  json rate = Rate(t.events, t.exposure_years);
  rate["events"] = t.events;
  rate["exposure_py"] = t.exposure_years;
  j["exposure_adjusted"] = std::move(eair);
  j["event_rate"] = std::move(rate);
  return j;
}

}  // namespace vigil::summary
