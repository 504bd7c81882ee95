// What the DSMB summary is computed from: per subject, the facts the current
// (or as-of / known-at) versions of the records establish as of a cut-off.
// The daemon gathers them from the store; everything here is a pure function
// of them. Days are counted from the first dose (day 0).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::summary {

// Where an adverse event stands against the subject's treatment
// (docs/definitions.md, "Treatment-emergent"). Only treatment-emergent
// events of treated subjects enter the incidence tables; the others are
// reported in `excluded_aes`.
enum class Emergence {
  kTreatmentEmergent,  // first dose <= onset <= last dose + window (or not shown otherwise)
  kPreDose,            // onset certainly before the first dose
  kPostWindow,         // onset certainly after the last dose + window
  kUntreated,          // the subject had no dose (as of the cut-off)
};

// "treatment_emergent", "pre_dose", "post_window", "untreated".
std::string_view EmergenceName(Emergence emergence);

// The treatment-emergent windows after the last dose
// (config summary.teae_window_days / irae_window_days).
struct TreatmentWindows {
  int teae_days = 30;  // any adverse event, and exposure
  int irae_days = 90;  // immune-related adverse events (adebrelimab's long half-life)
};

struct AdverseEventFact {
  std::string pt;        // AEDECOD (MedDRA preferred term), else AETERM
  std::string soc = {};  // AEBODSYS
  int grade = 0;         // AETOXGR 1-5
  bool serious = false;  // AESER = Y or any criterion (rules/records/seriousness.h)
  bool fatal = false;    // grade 5, AESDTH = Y or AEOUT = FATAL
  // Related to any study treatment, or not assessed at all (missing
  // causality counts as related: rules/categories/causality.h).
  bool related = false;
  bool causality_not_assessed = false;  // counted as related, shown as "not assessed"
  bool led_to_discontinuation = false;  // AEACN = DRUG WITHDRAWN
  std::string term = {};                // AETERM (the verbatim term)
  // Action taken with study treatment: AEACN, and AEACN_<TRT> by treatment
  // id where the record gives one (the exposure table's AEs leading to
  // interruption, reduction and discontinuation per treatment).
  std::string action = {};
  std::map<std::string, std::string> action_by_treatment = {};
  // Days from the first dose to the end (AEENDTC), when both are full dates:
  // for a fatal AE, the day of the death it reports. Set by FactsAt.
  std::optional<double> end_day = {};
  std::vector<std::string> categories = {};  // immune_related, adebrelimab_related, apatinib_related, ...
  // Days from the first dose to the onset. From a full AESTDTC; for a
  // treatment-emergent event without one, FactsAt puts the earliest day the
  // onset can be, not before the first dose (onset_imputed).
  std::optional<double> onset_day = {};
  bool onset_imputed = false;
  Emergence emergence = Emergence::kTreatmentEmergent;  // set by FactsAt

  bool Has(std::string_view category) const {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
  }
  bool treatment_emergent() const { return emergence == Emergence::kTreatmentEmergent; }
};

// One current EX record of a subject: the exposure table's input.
struct ExposureFact {
  std::string treatment;       // EXTRT
  std::string start, end;      // EXSTDTC, EXENDTC ("" when missing)
  std::optional<double> dose;  // EXDOSE, when it is a number
  std::string dose_unit;       // EXDOSU
};

struct LabShiftFact {
  std::string term;                                // CTCAE term
  std::optional<int> baseline_grade, worst_grade;  // worst_grade: worst post-baseline grade
};

struct SubjectFacts {
  std::string usubjid;
  std::string cohort;
  // Enrolled as of the cut-off: informed consent (DM.RFICDTC) on or before
  // it, not given, or a first dose on or before it. Subjects enrolled later
  // are left out of every count (they show in `after_cutoff`).
  bool enrolled = true;
  bool treated = false;  // has a first dose on or before the cut-off (the safety population)
  // Treatment-emergent exposure: first dose to the earliest of last dose +
  // teae window, death and the cut-off, both days counted, in years of
  // 365.25 days (0 when untreated).
  double exposure_years = 0;
  // Days from the first dose to the end of observation for events of the
  // teae window (and of the irae window): the earliest of last dose +
  // window, death and the cut-off. The censoring time of incidence curves.
  double observation_days = 0;
  double irae_observation_days = 0;
  // The exposure of the irae window, as exposure_years (the denominator of
  // immune-related event rates).
  double irae_exposure_years = 0;
  // Days from the first dose to the last dose, when the last dose is known
  // and on or before the cut-off.
  std::optional<double> last_dose_day = {};
  // Any death (DM, or a fatal AE of any emergence) on or before the cut-off,
  // all causes; its day when the date is full.
  bool died = false;
  bool dm_death = false;  // the death is recorded in DM (DTHFL = Y or DTHDTC), on or before the cut-off
  std::optional<double> death_day = {};
  // The death falls in the treatment-emergent period: a treatment-emergent
  // fatal AE, or a DM death from the first dose to the last dose + teae
  // window (a date that cannot be shown outside counts). What `deaths` counts.
  bool death_treatment_emergent = false;
  std::vector<AdverseEventFact> adverse_events = {};  // onset on or before the cut-off, every emergence
  std::vector<ExposureFact> exposures = {};           // EX records starting on or before the cut-off
  std::vector<LabShiftFact> labs = {};
};

struct CohortInfo {
  std::string id;
  std::string name;
  // The cohort's study treatment ids (configuration), the rows of its
  // exposure table; empty for every treatment of the trial.
  std::vector<std::string> treatments = {};
};

}  // namespace vigil::summary
