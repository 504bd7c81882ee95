// A death recorded in DM (DTHFL = Y or a DTHDTC) while no AE of the subject
// is fatal. The death is still an event for the safety plan: it is read as a
// grade 5, serious, fatal adverse event whose causality was not assessed —
// and so counts as related (rules/categories/causality.h) — so that it
// raises the plan's death alerts (not the SAE alert: no SAE report can be
// made from a DM date) and counts in the stopping rules whose event
// definition it meets (R1, treatment-related death, as the plan defines it:
// the daemon counts it when it is treatment-emergent, on treatment or within
// summary.teae_window_days of the last dose, or either date is unknown). It is
// also a data-quality finding: the site must report the fatal AE or correct
// DM, and its alert says so.
#pragma once

#include <optional>
#include <span>

#include "rules/records/record.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/finding.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

// The record key of the death as an event: evidence names DM, not an AESPID.
inline constexpr std::string_view kUnreportedDeathKey = "DM-DEATH";

// The death as AeFacts (term "Death", SOC General disorders and
// administration site conditions, grade 5, serious and fatal, causality not
// assessed, onset DTHDTC), or nullopt when DM records no death or an AE of
// `adverse_events` is fatal.
std::optional<AeFacts> UnreportedDeath(const Record& dm, std::span<const AeFacts> adverse_events);

// The data-quality note every alert about such a death carries.
inline constexpr std::string_view kUnreportedDeathNote =
    "death recorded in DM without a fatal AE: report the fatal AE or correct DM (data-quality finding)";

// The alerts of such a death (UnreportedDeath of `dm` and the subject's
// `adverse_events`): the plan's AE findings of the death but SAE (an SAE
// report cannot be made from a DM date alone, so no SAE alert and no clock
// come from it), each titled and reasoned with the note, dated DTHDTC, its
// evidence DM's DTHFL and DTHDTC. Empty when DM records no such death.
std::vector<Finding> UnreportedDeathFindings(const AlertPlan& plan, const Record& dm,
                                             std::span<const AeFacts> adverse_events, std::string_view cohort);

}  // namespace vigil::safety
