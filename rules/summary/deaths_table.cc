#include "rules/summary/deaths_table.h"

#include <algorithm>
#include <map>

#include "rules/text/compare.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

bool SaysProgression(const FatalAdverseEvent& ae) {
  return IsDiseaseProgression(ae.pt) || IsDiseaseProgression(ae.term);
}

// Whether the death falls from the first dose to the last dose + `days`; an
// unknown date or a last dose not known yet cannot be shown outside.
bool OnTreatmentWithin(const SubjectDeath& s, int days) {
  if (!s.death_day) return true;
  if (*s.death_day < 0) return false;
  return !s.last_dose_day || *s.death_day <= *s.last_dose_day + days;
}

// The fatal AE that is the primary cause: not progression, earliest death
// (an unknown day last), then PT; nullptr when every fatal AE is progression
// or there is none.
const FatalAdverseEvent* PrimaryFatalAe(const SubjectDeath& s) {
  const FatalAdverseEvent* best = nullptr;
  auto earlier = [](const FatalAdverseEvent& a, const FatalAdverseEvent& b) {
    if (a.day.has_value() != b.day.has_value()) return a.day.has_value();
    if (a.day && *a.day != *b.day) return *a.day < *b.day;
    return a.pt < b.pt;
  };
  for (const FatalAdverseEvent& ae : s.fatal_aes) {
    if (SaysProgression(ae)) continue;
    if (!best || earlier(ae, *best)) best = &ae;
  }
  return best;
}

json Cell(int subjects, int treated) {
  return {{"subjects", subjects}, {"pct", treated > 0 ? json(100.0 * subjects / treated) : json(nullptr)}};
}

}  // namespace

bool IsDiseaseProgression(std::string_view term) {
  const std::string_view t = text::Trim(term);
  return std::any_of(std::begin(kDiseaseProgressionTerms), std::end(kDiseaseProgressionTerms),
                     [&](std::string_view p) { return text::EqualsIgnoringCase(t, p); });
}

DeathsTable BuildDeathsTable(std::span<const SubjectDeath> subjects) {
  DeathsTable table;
  std::map<std::string, int> by_pt;
  for (const SubjectDeath& s : subjects) {
    ++table.treated;
    if (!s.died()) continue;
    ++table.deaths;
    if (OnTreatmentWithin(s, kOnTreatmentDeathWindowsDays[0])) ++table.within_30_days;
    if (OnTreatmentWithin(s, kOnTreatmentDeathWindowsDays[1])) ++table.within_90_days;
    if (std::any_of(s.fatal_aes.begin(), s.fatal_aes.end(), [](const FatalAdverseEvent& ae) { return ae.related; })) {
      ++table.treatment_related;
    }
    if (const FatalAdverseEvent* cause = PrimaryFatalAe(s)) {
      ++by_pt[cause->pt];
    } else if (!s.fatal_aes.empty()) {
      ++table.disease_progression;
    } else {
      ++table.other_unknown;
    }
  }
  for (const auto& [pt, n] : by_pt) table.fatal_ae.push_back({pt, n});
  std::stable_sort(table.fatal_ae.begin(), table.fatal_ae.end(),
                   [](const DeathCause& a, const DeathCause& b) { return a.subjects > b.subjects; });
  return table;
}

json DeathsTableToJson(const DeathsTable& t) {
  json causes = json::array();
  for (const DeathCause& c : t.fatal_ae) {
    json cell = Cell(c.subjects, t.treated);
    cell["pt"] = c.pt;
    causes.push_back(std::move(cell));
  }
  return {{"treated", t.treated},
          {"all", Cell(t.deaths, t.treated)},
          {"on_treatment_30_days", Cell(t.within_30_days, t.treated)},
          {"on_treatment_90_days", Cell(t.within_90_days, t.treated)},
          {"treatment_related", Cell(t.treatment_related, t.treated)},
          {"primary_cause",
           {{"fatal_ae", std::move(causes)},
            {"disease_progression", Cell(t.disease_progression, t.treated)},
            {"other_unknown", Cell(t.other_unknown, t.treated)}}}};
}

}  // namespace vigil::summary
