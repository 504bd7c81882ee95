#include "rules/summary/exposure_table.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string_view>

#include "rules/records/iso_date.h"
#include "rules/text/compare.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

// Equal once surrounding spaces are trimmed, ignoring case.
bool SameText(std::string_view a, std::string_view b) { return text::EqualsIgnoringCase(text::Trim(a), text::Trim(b)); }

// The day number of a full date; nullopt for a partial or unreadable one.
std::optional<long> Day(std::string_view dtc) {
  auto t = ParseIsoDateTime(dtc);
  if (!t.ok()) return std::nullopt;
  return DayNumber(*t);
}

// One subject's records of one treatment.
struct Course {
  std::optional<long> first, last;  // day numbers
  int records = 0;
  double dose_sum = 0;
  bool doses_usable = true;  // every record has a dose in the planned unit
};

void AddRecord(Course& c, const Administration& a, std::optional<long> start, std::optional<long> cutoff,
               const PlannedTreatment& plan) {
  ++c.records;
  if (start) {
    std::optional<long> end = Day(a.end);
    if (end && cutoff && *end > *cutoff) end = std::max(*start, *cutoff);
    const long last = std::max(*start, end.value_or(*start));
    c.first = c.first ? std::min(*c.first, *start) : *start;
    c.last = c.last ? std::max(*c.last, last) : last;
  }
  if (a.dose && plan.planned_dose && SameText(a.dose_unit, plan.planned_dose_unit)) {
    c.dose_sum += *a.dose;
  } else {
    c.doses_usable = false;
  }
}

enum class Action { kNone, kInterrupted, kReduced, kWithdrawn };

Action ReadAction(std::string_view text) {
  if (SameText(text, "DRUG INTERRUPTED")) return Action::kInterrupted;
  if (SameText(text, "DOSE REDUCED")) return Action::kReduced;
  if (SameText(text, "DRUG WITHDRAWN")) return Action::kWithdrawn;
  return Action::kNone;
}

// The action taken with `treatment`: its AEACN_<TRT> when it has a value,
// else AEACN for a treatment the subject was exposed to.
Action ActionWith(const AeAction& ae, const std::string& treatment, bool exposed) {
  if (ae.by_treatment) {
    if (auto it = ae.by_treatment->find(treatment); it != ae.by_treatment->end() && !text::Trim(it->second).empty()) {
      return ReadAction(it->second);
    }
  }
  return exposed ? ReadAction(ae.action) : Action::kNone;
}

json Cell(int subjects, int treated) {
  return {{"subjects", subjects}, {"pct", treated > 0 ? json(100.0 * subjects / treated) : json(nullptr)}};
}

json DistributionToJson(const std::optional<Distribution>& d) {
  if (!d) return nullptr;
  return {{"n", d->n}, {"median", d->median}, {"min", d->min}, {"max", d->max}, {"mean", d->mean}};
}

}  // namespace

std::optional<Distribution> Describe(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  Distribution d;
  d.n = static_cast<int>(n);
  d.min = values.front();
  d.max = values.back();
  d.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  d.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
  return d;
}

ExposureTable BuildExposureTable(const ExposureInput& in) {
  const std::optional<long> cutoff = in.cutoff.empty() ? std::nullopt : Day(in.cutoff);
  ExposureTable table{.treated = in.treated, .treatments = {}};
  std::vector<std::optional<long>> starts;  // per administration, read once
  starts.reserve(in.administrations.size());
  for (const Administration& a : in.administrations) starts.push_back(Day(a.start));
  for (const PlannedTreatment& plan : in.treatments) {
    std::map<std::string_view, Course> courses;  // by subject
    for (std::size_t i = 0; i < in.administrations.size(); ++i) {
      const Administration& a = in.administrations[i];
      if (a.treatment != plan.id) continue;
      // A record starting after the cut-off is not yet exposure; a start
      // that is not a full date cannot be shown to be later.
      if (const auto start = starts[i]; start && cutoff && *start > *cutoff) continue;
      AddRecord(courses[a.usubjid], a, starts[i], cutoff, plan);
    }
    TreatmentExposure& t = table.treatments.emplace_back();
    t.treatment = plan.id;
    t.planned_dose = plan.planned_dose;
    t.planned_dose_unit = plan.planned_dose_unit;
    t.exposed = static_cast<int>(courses.size());
    std::vector<double> durations, cycles, intensities;
    for (const auto& [usubjid, c] : courses) {
      if (c.first) durations.push_back(static_cast<double>(*c.last - *c.first + 1));
      cycles.push_back(c.records);
      if (c.doses_usable && plan.planned_dose && *plan.planned_dose > 0) {
        intensities.push_back(100.0 * c.dose_sum / (*plan.planned_dose * c.records));
      }
    }
    t.duration_days = Describe(std::move(durations));
    t.cycles_started = Describe(std::move(cycles));
    t.relative_dose_intensity = Describe(std::move(intensities));

    std::set<std::string_view> interrupted, reduced, withdrawn;
    for (const AeAction& ae : in.actions) {
      switch (ActionWith(ae, plan.id, courses.contains(ae.usubjid))) {
        case Action::kInterrupted: interrupted.insert(ae.usubjid); break;
        case Action::kReduced: reduced.insert(ae.usubjid); break;
        case Action::kWithdrawn: withdrawn.insert(ae.usubjid); break;
        case Action::kNone: break;
      }
    }
    t.interrupted = static_cast<int>(interrupted.size());
    t.reduced = static_cast<int>(reduced.size());
    t.withdrawn = static_cast<int>(withdrawn.size());
  }
  return table;
}

json ExposureTableToJson(const ExposureTable& table) {
  json treatments = json::array();
  for (const TreatmentExposure& t : table.treatments) {
    treatments.push_back({{"treatment", t.treatment},
                          {"exposed", Cell(t.exposed, table.treated)},
                          {"duration_days", DistributionToJson(t.duration_days)},
                          {"cycles_started", DistributionToJson(t.cycles_started)},
                          {"relative_dose_intensity", DistributionToJson(t.relative_dose_intensity)},
                          {"planned_dose", t.planned_dose ? json(*t.planned_dose) : json(nullptr)},
                          {"planned_dose_unit", t.planned_dose ? json(t.planned_dose_unit) : json(nullptr)},
                          {"ae_leading_to",
                           {{"interruption", Cell(t.interrupted, table.treated)},
                            {"reduction", Cell(t.reduced, table.treated)},
                            {"discontinuation", Cell(t.withdrawn, table.treated)}}}});
  }
  return {{"treated", table.treated}, {"treatments", std::move(treatments)}};
}

}  // namespace vigil::summary
