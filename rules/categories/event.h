// What the classifier is given: one adverse event, already parsed from its AE
// record (see ae_input.h), and what is known about the subject's treatment.
// Plain values: the caller reads them from the store; nothing here does I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/records/iso_date.h"
#include "rules/records/vocabulary.h"

namespace vigil::categories {

// AEIRAE: the investigator says whether the event is immune-related.
enum class IraeFlag { kNotGiven, kYes, kNo };

// "Y"/"YES" -> kYes, "N"/"NO" -> kNo (any case, surrounding spaces ignored);
// anything else, the empty value included, -> kNotGiven.
IraeFlag ParseIraeFlag(std::string_view value);

struct AdverseEvent {
  std::string decod;                 // AEDECOD: MedDRA preferred term (matched first)
  std::string term;                  // AETERM: verbatim term (matched when AEDECOD matches nothing)
  std::string bodsys;                // AEBODSYS: MedDRA SOC; completes a bare "Other, specify"
  std::optional<int> grade;          // AETOXGR 1-5; nullopt when not reported
  std::optional<IsoDateTime> onset;  // AESTDTC; nullopt when missing or unreadable
  // AEREL_<TRT> by treatment id, only for assessed treatments: a treatment
  // that is absent was not assessed (empty value, or a value that is neither
  // a related nor a not-related term of the trial's vocabulary).
  std::map<std::string, Causality, std::less<>> causality;
  std::optional<Causality> overall_causality;  // AEREL, when assessed
  IraeFlag irae = IraeFlag::kNotGiven;         // AEIRAE
};

// One EX record: a treatment given from `start` to `end`. A record without
// an end date (EXENDTC empty) is taken as possibly still going on: its end is
// unknown, but not before its start.
struct Exposure {
  std::string treatment;             // EXTRT: a study treatment id
  std::optional<IsoDateTime> start;  // EXSTDTC
  std::optional<IsoDateTime> end;    // EXENDTC
};

struct SubjectContext {
  std::string cohort;                          // DM.ARMCD
  std::vector<std::string> cohort_treatments;  // the cohort's treatment ids (trial configuration)
  std::optional<IsoDateTime> first_dose;       // DM.RFXSTDTC
  // The subject's EX records, any order. The radiotherapy course and the
  // chemotherapy doses the timing rules look at come from here.
  std::vector<Exposure> exposures;

  bool Receives(std::string_view treatment) const;
};

}  // namespace vigil::categories
