// The exposure table a DSMB reads (ICH E3 section 12.1), per study
// treatment: subjects exposed, treatment duration, cycles started, relative
// dose intensity, and subjects with an AE leading to interruption, reduction
// or discontinuation of that treatment. Percentages are of the treated
// subjects (the safety population).
//
// Definitions (docs/definitions.md, "Exposure"), per subject and treatment,
// from the current EX records that start on or before the cut-off:
//  - exposed: at least one EX record of the treatment;
//  - duration (days): from the earliest EXSTDTC to the latest EXENDTC (else
//    EXSTDTC; an end after the cut-off is the cut-off), both days counted.
//    Only full dates count; a subject without any is left out of the
//    duration (its `n` says how many are in);
//  - cycles started: the number of EX records, one per administration or
//    cycle as the site records it;
//  - relative dose intensity (%): 100 x the sum of EXDOSE over the records
//    / (the planned dose x the number of records), where the treatment has a
//    planned dose (configuration `treatments[].planned_dose`, per EX record,
//    in `planned_dose_unit`) and every record of the subject carries a
//    numeric EXDOSE in that unit (letter case ignored); otherwise the subject
//    has none. It is the dose given per administration against the dose
//    planned per administration: a delay between cycles does not lower it,
//    because the configuration holds no planned schedule;
//  - AE leading to interruption / reduction / discontinuation: a
//    treatment-emergent AE whose action taken with the treatment is DRUG
//    INTERRUPTED / DOSE REDUCED / DRUG WITHDRAWN. The action with a
//    treatment is the record's AEACN_<TRT> when it has a value, else AEACN,
//    which then applies to every treatment the subject was exposed to
//    (safety first: an action is never lost for want of a per-treatment
//    column). AEACN = MULTIPLE names no treatment, so without AEACN_<TRT>
//    it counts for none. DOSE RATE REDUCED (an infusion slowed) is not a
//    dose reduction.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::summary {

// One current EX record of a treated subject, viewed in the facts the
// table is built from (one per record of the cohort: no copies).
struct Administration {
  std::string_view usubjid;
  std::string_view treatment;   // EXTRT
  std::string_view start, end;  // EXSTDTC, EXENDTC ("" when missing)
  std::optional<double> dose;   // EXDOSE, when it is a number
  std::string_view dose_unit;   // EXDOSU
};

// A study treatment of the table, in the order the table lists them.
struct PlannedTreatment {
  std::string id;
  std::optional<double> planned_dose;  // per EX record
  std::string planned_dose_unit;
};

// The action taken with study treatment of one treatment-emergent AE of a
// treated subject, viewed in the subject's facts (they outlive the table:
// at 10,000 subjects copies of them took 22 MB).
struct AeAction {
  std::string_view usubjid;
  std::string_view action;                                           // AEACN
  const std::map<std::string, std::string>* by_treatment = nullptr;  // AEACN_<TRT> by treatment id
};

struct ExposureInput {
  int treated = 0;     // the denominator
  std::string cutoff;  // ISO date; "" for none
  std::span<const PlannedTreatment> treatments;
  std::span<const Administration> administrations;
  std::span<const AeAction> actions;
};

// Median (the mean of the two middle values for an even count), minimum,
// maximum and mean of the subjects' values.
struct Distribution {
  int n = 0;
  double median = 0, min = 0, max = 0, mean = 0;
};

// nullopt for no values.
std::optional<Distribution> Describe(std::vector<double> values);

struct TreatmentExposure {
  std::string treatment;
  std::optional<double> planned_dose;
  std::string planned_dose_unit;
  int exposed = 0;
  std::optional<Distribution> duration_days, cycles_started, relative_dose_intensity;
  int interrupted = 0, reduced = 0, withdrawn = 0;  // subjects with an AE leading to it
};

struct ExposureTable {
  int treated = 0;
  std::vector<TreatmentExposure> treatments;
};

ExposureTable BuildExposureTable(const ExposureInput& input);

// {"treated": n, "treatments": [{"treatment": "APATINIB", "exposed": CELL,
//   "duration_days": DIST, "cycles_started": DIST,
//   "relative_dose_intensity": DIST, "planned_dose": x, "planned_dose_unit": "mg",
//   "ae_leading_to": {"interruption": CELL, "reduction": CELL, "discontinuation": CELL}}]}
// with CELL = {"subjects": n, "pct": 100 n / treated} (pct null when none
// was treated), DIST = {"n", "median", "min", "max", "mean"} or null when
// no subject has a value, planned_dose and its unit null when not
// configured; full precision.
nlohmann::json ExposureTableToJson(const ExposureTable& table);

}  // namespace vigil::summary
