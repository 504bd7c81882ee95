// What the FHIR mapping needs to know of the trial: its vocabulary (STUDYID,
// treatment ids, causality terms) and the treatments' names, to recognise a
// study drug named by an AdverseEvent's suspectEntity. A FHIR resource has
// no slot for the SDTM STUDYID, so every record mapped from one carries the
// configured study id (docs/fhir-conformance.md).
#pragma once

#include <string>
#include <vector>

#include "rules/records/vocabulary.h"

namespace vigil::fhir {

struct StudyTreatment {
  std::string id;    // EXTRT value and AEREL_<id> suffix
  std::string name;  // as the configuration names it
};

struct FhirTrial {
  TrialVocabulary vocabulary;
  std::vector<StudyTreatment> treatments;
};

// The URLs of the extensions Vigil reads (docs/fhir-conformance.md).
inline constexpr const char* kCtcaeGradeUrl = "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade";
inline constexpr const char* kSeriousnessCriterionUrl =
    "https://vigil.example.org/fhir/StructureDefinition/seriousness-criterion";
inline constexpr const char* kAespidUrl = "https://vigil.example.org/fhir/StructureDefinition/aespid";

inline constexpr const char* kLoincSystem = "http://loinc.org";
inline constexpr const char* kMeddraSystem = "http://terminology.hl7.org/CodeSystem/mdr";

}  // namespace vigil::fhir
