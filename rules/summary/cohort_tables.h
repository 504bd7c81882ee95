// The tables a DSMB reads beside the incidence measures, for one cohort,
// from its subjects' facts as of the cut-off (docs/definitions.md, "AE
// tables", "Deaths table", "Exposure table"):
//   ae_table          every treatment-emergent AE, by SOC and PT, subjects by worst grade
//   sae_table         the same for serious AEs
//   related_ae_table  the same for AEs related to any study treatment (missing causality counts)
//   deaths_table      all, on-treatment, treatment-related deaths and their primary causes
//   exposure          per study treatment of the cohort
// Only treated subjects count (the safety population, the denominator of
// every percentage); the AE tables and the actions taken count their
// treatment-emergent events only.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "rules/summary/exposure_table.h"
#include "rules/summary/facts.h"

namespace vigil::summary {

// Adds the five tables to `cohort` (the cohort's JSON object) under the
// keys above. `treatments`: the rows of the exposure table, in order.
void AddCohortTables(nlohmann::json& cohort, std::span<const SubjectFacts* const> subjects,
                     std::span<const PlannedTreatment> treatments, std::string_view cutoff);

// The tables as CSV sections of the summary CSV (cohort_tables_csv.cc), from
// the document (rounded or full, as it holds them), each section with its
// header line and a blank line before it, every cohort (then ALL):
//   ae_table / sae_table / related_ae_table
//     table,cohort,level,soc,pt,grade1,grade1_pct,...,grade5,grade5_pct,
//     missing,missing_pct,grade3plus,grade3plus_pct,any,any_pct
//     level: total (soc and pt empty), soc (pt empty), pt; in the JSON's order
//   deaths_table
//     table,cohort,measure,pt,subjects,pct
//     measure: treated, all, on_treatment_30_days, on_treatment_90_days,
//     treatment_related, cause.fatal_ae (one row per PT), cause.disease_progression,
//     cause.other_unknown
//   exposure
//     table,cohort,treatment,exposed,exposed_pct,duration_days_{n,median,min,max,mean},
//     cycles_started_{n,median,min,max,mean},relative_dose_intensity_{n,median,min,max,mean},
//     planned_dose,planned_dose_unit,interruption,interruption_pct,reduction,
//     reduction_pct,discontinuation,discontinuation_pct
void AppendCohortTablesCsv(std::string& out, const nlohmann::json& summary);

}  // namespace vigil::summary
