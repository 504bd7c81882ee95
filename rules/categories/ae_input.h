// The classifier's inputs read from stored SDTM records, for the pipeline:
// the values are parsed once here, at the edge, and the classifier sees
// typed values only.
#pragma once

#include "rules/categories/event.h"
#include "rules/records/record.h"
#include "rules/records/vocabulary.h"

namespace vigil::categories {

// From an AE record: AEDECOD, AETERM, AEBODSYS, AETOXGR (1-5, else not
// reported), AESTDTC (unreadable = unknown), AEREL and AEREL_<TRT> for each
// of the vocabulary's treatments (through its causality terms; a value that
// is neither related nor not related counts as not assessed), AEIRAE.
AdverseEvent ReadAdverseEvent(const Record& ae, const TrialVocabulary& vocabulary);

// From an EX record: EXTRT, EXSTDTC, EXENDTC (unreadable dates = unknown).
Exposure ReadExposure(const Record& ex);

// The same from the three values as the record gives them (a stored subject
// timeline keeps them: rules/summary/timeline.h).
Exposure MakeExposure(std::string_view treatment, std::string_view start, std::string_view end);

// A record's date as the classifier reads it: nullopt when empty or
// unreadable.
std::optional<IsoDateTime> ReadDate(std::string_view text);

}  // namespace vigil::categories
