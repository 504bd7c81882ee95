// From a snapshot of the records to the facts the summary is computed from:
// per subject, cohort, exposure, deaths, adverse events (with their
// toxicity categories) and lab shifts, as of a clinical data cut-off.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/store/reader.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"
#include "rules/summary/facts.h"

namespace vigil {

struct FactsOptions {
  // Clinical data cut-off (ISO date): events with onset on or before it count,
  // exposure ends at it. Always set (the caller uses the data's date when
  // the user gave none).
  std::string cutoff;
};

// Exposure (product spec, issue "summaries"): from the first dose (DM.RFXSTDTC,
// else the earliest EX.EXSTDTC) to the earliest of the last dose
// (DM.RFXENDTC, else the latest EX end or start) plus the configured
// follow-up window, death and the cut-off, both days counted.
Result<std::vector<summary::SubjectFacts>> GatherFacts(const store::SafetySnapshot& snapshot,
                                                       const config::Config& config, const ctcae::Grader& grader,
                                                       const categories::CategorySet& categories,
                                                       const FactsOptions& options);

}  // namespace vigil
