#include "rules/summary/cohort_tables.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rules/summary/ae_tables.h"
#include "rules/summary/deaths_table.h"

namespace vigil::summary {
namespace {

using nlohmann::json;
using Subjects = std::span<const SubjectFacts* const>;

int Treated(Subjects subjects) {
  int n = 0;
  for (const SubjectFacts* s : subjects) n += s->treated ? 1 : 0;
  return n;
}

// A grade 1-5, else missing (ae_tables.h).
std::optional<int> GradeOf(const AdverseEventFact& ae) {
  if (ae.grade >= 1 && ae.grade <= 5) return ae.grade;
  return std::nullopt;
}

json AeTableOf(Subjects subjects, const std::function<bool(const AdverseEventFact&)>& counts) {
  std::vector<AeTableRow> rows;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (ae.treatment_emergent() && counts(ae)) rows.push_back({s->usubjid, ae.soc, ae.pt, GradeOf(ae)});
    }
  }
  return AeTableToJson(BuildAeTable(rows, Treated(subjects)));
}

// Every death of a treated subject, whatever its emergence: a fatal AE
// after the window is still a death of the trial.
json DeathsTableOf(Subjects subjects) {
  std::vector<SubjectDeath> deaths;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    SubjectDeath& d = deaths.emplace_back();
    d.usubjid = s->usubjid;
    d.dm_death = s->dm_death;
    d.death_day = s->death_day;
    d.last_dose_day = s->last_dose_day;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (!ae.fatal) continue;
      d.fatal_aes.push_back({ae.pt, ae.term, ae.related, ae.end_day ? ae.end_day : ae.onset_day});
    }
  }
  return DeathsTableToJson(BuildDeathsTable(deaths));
}

json ExposureOf(Subjects subjects, std::span<const PlannedTreatment> treatments, std::string_view cutoff) {
  std::vector<Administration> administrations;
  std::vector<AeAction> actions;
  std::size_t records = 0;
  for (const SubjectFacts* s : subjects) records += s->treated ? s->exposures.size() : 0;
  administrations.reserve(records);
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    for (const ExposureFact& x : s->exposures) {
      administrations.push_back({s->usubjid, x.treatment, x.start, x.end, x.dose, x.dose_unit});
    }
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (ae.treatment_emergent()) actions.push_back({s->usubjid, ae.action, &ae.action_by_treatment});
    }
  }
  return ExposureTableToJson(BuildExposureTable({.treated = Treated(subjects),
                                                 .cutoff = std::string(cutoff),
                                                 .treatments = treatments,
                                                 .administrations = administrations,
                                                 .actions = actions}));
}

}  // namespace

void AddCohortTables(json& cohort, Subjects subjects, std::span<const PlannedTreatment> treatments,
                     std::string_view cutoff) {
  cohort["ae_table"] = AeTableOf(subjects, [](const AdverseEventFact&) { return true; });
  cohort["sae_table"] = AeTableOf(subjects, [](const AdverseEventFact& ae) { return ae.serious; });
  cohort["related_ae_table"] = AeTableOf(subjects, [](const AdverseEventFact& ae) { return ae.related; });
  cohort["deaths_table"] = DeathsTableOf(subjects);
  cohort["exposure"] = ExposureOf(subjects, treatments, cutoff);
}

}  // namespace vigil::summary
