// The deaths table a DSMB reads (ICH E3 section 12.3.1.1): among treated
// subjects, all deaths; on-treatment deaths, within 30 and within 90 days of
// the last dose; treatment-related deaths; and each death by its primary
// cause. Subjects, each counted once; percentages of the treated subjects.
//
// Definitions (docs/definitions.md, "Deaths"):
//  - a death is a DM death record (DTHFL = Y or DTHDTC) or an AE with a fatal
//    outcome (grade 5, AESDTH = Y or AEOUT = FATAL), whatever its onset;
//  - on-treatment within N days: the death is on or after the first dose and
//    no later than the last dose + N days. A death whose date is missing or
//    partial, or of a subject without a last dose yet (still on treatment),
//    counts: it cannot be shown to fall outside (safety first);
//  - treatment-related: a fatal AE related to any study treatment; missing
//    causality counts as related (rules/categories/causality.h);
//  - primary cause, one per death: a fatal AE whose term is not disease
//    progression (by its PT; with several, the earliest death, then the PT
//    name); else disease progression when a fatal AE says so
//    (kDiseaseProgressionTerms); else other/unknown (a DM death without a
//    fatal AE). A toxicity is never hidden behind progression: a subject
//    with fatal "Pneumonitis" and fatal "Disease progression" died of
//    pneumonitis in this table.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::summary {

// The terms that make a fatal AE a death from disease progression, compared
// with its PT and its verbatim term, letter case and surrounding blanks
// ignored. Exact terms only: "Disease progression" is, "Pneumonitis after
// disease progression" is not (safety first).
inline constexpr std::string_view kDiseaseProgressionTerms[] = {
    "Disease progression",             // MedDRA PT; CTCAE v5.0 "Disease progression"
    "Malignant neoplasm progression",  // MedDRA PT
    "Neoplasm progression",            // MedDRA PT
    "Progressive disease",             // RECIST wording, as investigators write it
    "Tumour progression",              // verbatim, both spellings
    "Tumor progression",
};

bool IsDiseaseProgression(std::string_view term);

struct FatalAdverseEvent {
  std::string pt;             // AEDECOD, else AETERM
  std::string term;           // AETERM
  bool related = false;       // related to any study treatment, or causality not assessed
  std::optional<double> day;  // days from the first dose to the death it reports, when known
};

// One treated subject.
struct SubjectDeath {
  std::string usubjid;
  bool dm_death = false;                     // DM.DTHFL = Y or a DM.DTHDTC
  std::vector<FatalAdverseEvent> fatal_aes;  // every AE with a fatal outcome
  // Days from the first dose to the death (the earliest date a death record
  // gives); nullopt when the date is missing or partial.
  std::optional<double> death_day;
  // Days from the first dose to the last dose; nullopt while none is known
  // (still on treatment).
  std::optional<double> last_dose_day;

  bool died() const { return dm_death || !fatal_aes.empty(); }
};

inline constexpr int kOnTreatmentDeathWindowsDays[] = {30, 90};

struct DeathCause {
  std::string pt;
  int subjects = 0;
};

struct DeathsTable {
  int treated = 0;         // the denominator
  int deaths = 0;          // all deaths
  int within_30_days = 0;  // on treatment, no later than the last dose + 30 days
  int within_90_days = 0;  // on treatment, no later than the last dose + 90 days
  int treatment_related = 0;
  // By primary cause; together they count every death once.
  std::vector<DeathCause> fatal_ae;  // by PT: most subjects first, then PT
  int disease_progression = 0;
  int other_unknown = 0;
};

// `subjects`: the treated subjects (those who did not die count in the
// denominator only).
DeathsTable BuildDeathsTable(std::span<const SubjectDeath> subjects);

// {"treated": n, "all": CELL, "on_treatment_30_days": CELL,
//  "on_treatment_90_days": CELL, "treatment_related": CELL,
//  "primary_cause": {"fatal_ae": [{"pt": "...", "subjects": n, "pct": x}],
//                    "disease_progression": CELL, "other_unknown": CELL}}
// with CELL = {"subjects": n, "pct": 100 n / treated} (pct null when none
// was treated), at full precision.
nlohmann::json DeathsTableToJson(const DeathsTable& table);

}  // namespace vigil::summary
