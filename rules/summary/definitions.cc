#include "rules/summary/definitions.h"

#include <string>

namespace vigil::summary {

nlohmann::json CutoffDateVariables() {
  return {{"dm", "RFICDTC"}, {"ex", "EXSTDTC"}, {"ae", "AESTDTC"}, {"lb", "LBDTC"}, {"vs", "VSDTC"}, {"eg", "EGDTC"}};
}

nlohmann::json Definitions(const TreatmentWindows& w) {
  const std::string teae = std::to_string(w.teae_days), irae = std::to_string(w.irae_days);
  return {
      {"teae_window_days", w.teae_days},
      {"irae_window_days", w.irae_days},
      {"populations",
       {{"enrolled",
         "subjects: every subject with a DM record whose informed consent (RFICDTC) is on or before the cut-off "
         "or not given, or who was dosed by then"},
        {"safety",
         "treated: enrolled subjects with a first dose (RFXSTDTC, else the earliest EXSTDTC) on or before the "
         "cut-off; the denominator of every percentage, and the only subjects whose events are counted"}}},
      {"treatment_emergent",
       "an adverse event with onset (AESTDTC) on or after the first dose and no later than the last dose "
       "(RFXENDTC, else the latest EX end or start) + " +
           teae + " days (+ " + irae +
           " days when immune_related), dates compared by day at the precision both have; an onset that cannot be "
           "shown to be outside counts. Only treatment-emergent events of treated subjects are counted; the others "
           "are in excluded_aes"},
      {"patient_years",
       "treatment-emergent exposure: from the first dose to the earliest of the last dose + " + teae +
           " days, death and the cut-off, both days counted, summed over treated subjects, in years of 365.25 days"},
      {"exposure_adjusted",
       "exposure-adjusted incidence rate: subjects with the event per 100 patient-years at risk, each treated "
       "subject at risk from the first dose to the first event, else to the end of observation (the exposure, "
       "with the " +
           irae + "-day window for immune-related measures); exact Poisson (Garwood) interval"},
      {"event_rate", "events per 100 patient-years of exposure (exposure_py), exact Poisson (Garwood) interval"},
      {"deaths",
       "all-cause deaths of treated subjects in the treatment-emergent period: a treatment-emergent fatal AE "
       "(grade 5, AESDTH = Y or AEOUT = FATAL), or a DM death (DTHFL = Y or DTHDTC) from the first dose to the "
       "last dose + " +
           teae + " days; a date that cannot be shown outside counts"},
      {"ae_tables",
       "ae_table, sae_table, related_ae_table: treated subjects with treatment-emergent AEs (all; serious; related "
       "to any study treatment, missing causality counting as related) by SOC and PT, each subject once per row at "
       "their worst grade (grade1-grade5, missing when none of their events in the row is graded, grade3plus, "
       "any); a SOC row counts a subject once at their worst grade in the SOC; the total row counts any AE; SOCs "
       "and PTs by subjects descending, then name"},
      {"deaths_table",
       "treated subjects who died (DM death or a fatal AE, any time up to the cut-off); on treatment: from the "
       "first dose to the last dose + 30 (+ 90) days, an unknown date or a last dose not yet known counting; "
       "treatment-related: a fatal AE related to any study treatment, missing causality counting as related; "
       "primary cause: a fatal AE's PT unless it is disease progression, else disease progression, else "
       "other/unknown"},
      {"exposure",
       "per study treatment, treated subjects with an EX record starting by the cut-off: duration from the first "
       "EXSTDTC to the last EXENDTC (else EXSTDTC, at most the cut-off), both days counted; cycles started = EX "
       "records; relative dose intensity = 100 x sum of EXDOSE / (planned dose x records) where every record has "
       "a dose in the planned unit; AEs leading to interruption, reduction, discontinuation from AEACN_<TRT>, else "
       "AEACN for every treatment received"},
      {"lab_shift",
       "treated subjects with a baseline grade of the term, by baseline grade and worst post-baseline grade up "
       "to the cut-off; denominator: treated subjects with a baseline grade of the term"},
      {"after_cutoff", CutoffDateVariables()},
      {"rounding",
       "percentages and their intervals to 1 decimal; rates, their intervals, times at risk and patient-years "
       "to 2; cumulative incidences (proportions) to 3; half away from zero; precision full keeps every digit"},
      {"document", "docs/definitions.md"}};
}

}  // namespace vigil::summary
