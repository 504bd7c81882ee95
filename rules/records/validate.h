// Field-level validation of a feed record against SDTM and the trial's
// vocabulary: required variables, ISO 8601 dates (partial as SDTM allows),
// numbers, controlled terms (Y/N flags, AETOXGR 1-5, cohort codes, treatment
// ids, causality). Referential checks (is the subject enrolled?) need the
// store and are the pipeline's.
#pragma once

#include <string>
#include <vector>

#include "rules/records/record.h"
#include "rules/records/vocabulary.h"

namespace vigil {

// One reason a record cannot be accepted, naming the variable at fault.
struct Problem {
  std::string field;
  std::string reason;
};

// Every problem of the record, in a stable order; empty when it is valid.
std::vector<Problem> ValidateRecord(const Record& record, const TrialVocabulary& vocabulary);

// A strict decimal number ("12", "-0.5", "1.2e3"); no units, no comparators.
bool IsDecimalNumber(std::string_view text);

}  // namespace vigil
