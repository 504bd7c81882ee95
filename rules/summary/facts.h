// What the DSMB summary is computed from: per subject, the facts the current
// (or as-of / known-at) versions of the records establish. The daemon gathers
// them from the store; everything here is a pure function of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vigil::summary {

struct AdverseEventFact {
  std::string pt;   // AEDECOD (MedDRA preferred term), else AETERM
  std::string soc;  // AEBODSYS
  int grade = 0;    // AETOXGR 1-5
  bool serious = false;                 // AESER = Y or any criterion (rules/records/seriousness.h)
  bool fatal = false;                   // grade 5, AESDTH = Y or AEOUT = FATAL
  // Related to any study treatment, or not assessed at all (missing
  // causality counts as related: rules/categories/causality.h).
  bool related = false;
  bool causality_not_assessed = false;  // counted as related, shown as "not assessed"
  bool led_to_discontinuation = false;  // AEACN = DRUG WITHDRAWN
  std::vector<std::string> categories;  // immune_related, apatinib_related, ...
  std::optional<double> onset_day;      // days from first dose (day 0), when known
};

struct LabShiftFact {
  std::string term;  // CTCAE term
  std::optional<int> baseline_grade, worst_grade;  // worst_grade: worst post-baseline grade
};

struct SubjectFacts {
  std::string usubjid;
  std::string cohort;
  bool treated = false;                   // has a first dose
  double exposure_years = 0;              // first dose to the end of exposure (0 when untreated)
  std::optional<double> death_day;        // days from first dose, when the subject died
  bool died = false;                      // DM death or a fatal AE
  double follow_up_days = 0;              // first dose to the end of observation (censoring)
  std::vector<AdverseEventFact> adverse_events;
  std::vector<LabShiftFact> labs;
};

struct CohortInfo {
  std::string id;
  std::string name;
};

}  // namespace vigil::summary
