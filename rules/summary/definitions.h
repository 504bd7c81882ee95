// The summary's own statement of how it counts: the "definitions" object at
// the top of the document, so that a table read without docs/ still says
// which population, which windows and which exposure it rests on. The full
// text, with references, is docs/definitions.md.
#pragma once

#include <nlohmann/json.hpp>

#include "rules/summary/facts.h"

namespace vigil::summary {

// {"teae_window_days", "irae_window_days", "populations": {...},
//  "treatment_emergent", "patient_years", "exposure_adjusted", "event_rate",
//  "deaths", "ae_tables", "deaths_table", "exposure", "lab_shift",
//  "after_cutoff": {domain: date variable},
//  "rounding", "document"}
nlohmann::json Definitions(const TreatmentWindows& windows);

// The date variable by which each domain's records are placed against the
// cut-off (`after_cutoff`): DM RFICDTC, EX EXSTDTC, AE AESTDTC, LB LBDTC,
// VS VSDTC, EG EGDTC.
nlohmann::json CutoffDateVariables();

}  // namespace vigil::summary
