#include "rules/summary/timeline.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "rules/records/iso_date.h"
#include "rules/summary/emergence.h"

namespace vigil::summary {

bool OnOrBefore(std::string_view dtc, std::string_view cutoff) {
  auto c = CompareDates(dtc, cutoff);
  return !c || *c <= 0;
}

std::string AddDays(std::string_view date, long days) {
  auto t = ParseIsoDateTime(date);
  if (!t.ok()) return "";
  auto n = DayNumber(*t);
  if (!n) return "";
  // Civil from days (H. Hinnant), the inverse of DayNumber.
  const long z = *n + days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

namespace {

// The earlier of two dates, compared as full dates (ISO dates order as text).
std::string Earliest(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return std::min(a.substr(0, 10), b.substr(0, 10));
}

// A full date, else "": a partial date cannot end a period by a day count.
std::string FullDate(std::string_view dtc) {
  auto t = ParseIsoDateTime(dtc);
  return t.ok() && t->has_full_date() ? std::string(dtc.substr(0, 10)) : std::string();
}

std::optional<int> WorstReachedBy(const LabReach& lab, std::string_view cutoff) {
  for (int g = static_cast<int>(lab.reached.size()) - 1; g >= 0; --g) {
    const auto& when = lab.reached[static_cast<std::size_t>(g)];
    if (when && OnOrBefore(*when, cutoff)) return g;
  }
  return std::nullopt;
}

std::optional<double> Days(std::string_view from, std::string_view to) {
  if (auto d = DaysBetween(from, to)) return static_cast<double>(*d);
  return std::nullopt;
}

}  // namespace

SubjectFacts FactsAt(SubjectTimeline t, std::string_view cutoff, const TreatmentWindows& windows) {
  SubjectFacts f;
  f.usubjid = t.usubjid;
  f.cohort = t.cohort;
  std::string first = t.first_dose;
  if (!first.empty() && !OnOrBefore(first, cutoff)) first.clear();
  f.treated = !first.empty();
  f.enrolled = f.treated || t.consent.empty() || OnOrBefore(t.consent, cutoff);

  const bool dm_death = t.dm_death && OnOrBefore(t.dm_death_date, cutoff);
  f.died = dm_death;
  f.dm_death = dm_death;
  f.death_treatment_emergent =
      dm_death && EmergenceOf(t.dm_death_date, first, t.last_dose, windows.teae_days) == Emergence::kTreatmentEmergent;
  // Before the events move into the facts.
  const std::string death = f.treated ? FullDate(DeathDate(t, cutoff)) : std::string();
  // The facts of every subject are held at once while a summary is built:
  // sized to what they hold, not grown by doubling.
  f.adverse_events.reserve(
      static_cast<std::size_t>(std::count_if(t.adverse_events.begin(), t.adverse_events.end(),
                                             [&](const TimelineEvent& e) { return OnOrBefore(e.onset, cutoff); })));
  for (TimelineEvent& e : t.adverse_events) {
    if (!OnOrBefore(e.onset, cutoff)) continue;
    AdverseEventFact ae = std::move(e.fact);
    const int window = ae.Has("immune_related") ? windows.irae_days : windows.teae_days;
    ae.emergence = EmergenceOf(e.onset, first, t.last_dose, window);
    if (ae.treatment_emergent() && !DaysBetween(first, e.onset)) {
      ae.onset_day = EarliestOnsetDay(e.onset, first);
      ae.onset_imputed = ae.onset_day.has_value();
    }
    ae.end_day = Days(first, e.end);
    f.died = f.died || ae.fatal;
    f.death_treatment_emergent = f.death_treatment_emergent || (ae.fatal && ae.treatment_emergent());
    f.adverse_events.push_back(std::move(ae));
  }
  std::sort(f.adverse_events.begin(), f.adverse_events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.soc, a.pt, a.grade) < std::tie(b.soc, b.pt, b.grade);
  });

  if (f.treated) {
    const std::string last = FullDate(t.last_dose);
    // The end of observation for a window: the earliest of last dose +
    // window, death and the cut-off; without a known last dose the window
    // stays open (to death or the cut-off).
    auto observation = [&](int window_days) {
      std::string end(cutoff.substr(0, 10));
      if (!last.empty()) end = Earliest(end, AddDays(last, window_days));
      if (!death.empty()) end = Earliest(end, death);
      return Days(first, end);
    };
    if (auto days = observation(windows.teae_days); days && *days >= 0) {
      f.observation_days = *days;
      f.exposure_years = (*days + 1) / 365.25;
    }
    if (auto days = observation(windows.irae_days); days && *days >= 0) {
      f.irae_observation_days = *days;
      f.irae_exposure_years = (*days + 1) / 365.25;
    }
    if (!last.empty() && OnOrBefore(last, cutoff)) f.last_dose_day = Days(first, last);
    if (!death.empty()) f.death_day = Days(first, death);
  }

  f.exposures.reserve(static_cast<std::size_t>(std::count_if(
      t.exposures.begin(), t.exposures.end(), [&](const ExposureFact& x) { return OnOrBefore(x.start, cutoff); })));
  for (ExposureFact& x : t.exposures) {
    if (OnOrBefore(x.start, cutoff)) f.exposures.push_back(std::move(x));
  }

  f.labs.reserve(t.labs.size());
  for (LabReach& lab : t.labs) {
    const std::optional<int> worst = WorstReachedBy(lab, cutoff);
    f.labs.push_back({.term = std::move(lab.term), .baseline_grade = lab.baseline_grade, .worst_grade = worst});
  }
  return f;
}

std::string DeathDate(const SubjectTimeline& t, std::string_view cutoff) {
  std::string death;
  if (t.dm_death && OnOrBefore(t.dm_death_date, cutoff)) death = t.dm_death_date;
  for (const TimelineEvent& e : t.adverse_events) {
    if (e.fact.fatal && OnOrBefore(e.onset, cutoff)) death = Earliest(death, e.end.empty() ? e.onset : e.end);
  }
  return death;
}

bool NeedsCuttingAt(const SubjectTimeline& t, std::string_view cutoff) {
  return (!t.latest_exposure_start.empty() && !OnOrBefore(t.latest_exposure_start, cutoff)) ||
         (!t.first_dose.empty() && !OnOrBefore(t.first_dose, cutoff));
}

}  // namespace vigil::summary
