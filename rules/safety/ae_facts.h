// What an AE predicate (ae_predicate.h) and the AE alert triggers look at:
// one adverse event's current version, parsed once at the edge, with the
// toxicity categories the classifier assigned to it.
//
//   auto facts = safety::ReadAeFacts(ae_record, classification.Names(), vocabulary, "3");
//   if (safety::Matches(predicate, facts)) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/categories/event.h"
#include "rules/records/record.h"
#include "rules/records/vocabulary.h"

namespace vigil::safety {

struct AeFacts {
  std::string usubjid;
  std::string record_key;  // AESPID: the AE's identity across versions
  // The caller's name for this version of the record (a version number or
  // the receive time); only copied into a finding's evidence.
  std::string version;
  // AEDECOD, AETERM, AEBODSYS, AETOXGR and the causality (AEREL, AEREL_<TRT>
  // read through the trial's causality terms), as the classifier reads them.
  categories::AdverseEvent event;
  // rules/records/seriousness.h: AESER = Y or any ICH E2A criterion = Y.
  bool serious = false;
  // ICH E2A "results in death": AETOXGR 5, AESDTH = Y or AEOUT = FATAL.
  bool fatal = false;
  // "AESER = N, but AESHOSP = Y: counted as serious"; "" when consistent.
  std::string serious_inconsistency;
  // AETOXGR as sent when it is not a grade 1-5 ("G3", "3a"): only a
  // quarantined record carries one. A grade bound of a trigger is then taken
  // as met (the reading that alerts wins); nullopt when the grade was read or
  // not sent.
  std::optional<std::string> unreadable_grade;
  // Onset (AESTDTC) before the subject's first dose (OnsetBeforeFirstDose,
  // rules/records/iso_date.h); set by the caller, who knows the first dose.
  // A pre-dose event is no toxicity of treatment: it raises no
  // dose-modification flag and counts in no stopping rule.
  bool pre_dose = false;
  std::string onset;  // AESTDTC as sent
  // categories::TermKey of AEDECOD, AETERM and AEBODSYS, computed once here
  // rather than by every predicate that matches terms ("" when the field is
  // empty, or when the facts were not read by ReadAeFacts: then computed on
  // use).
  std::string decod_key, term_key, bodsys_key;
  // Why the record was quarantined, when it was ("AETOXGR: not a grade
  // 1-5"): an alert raised from such a record carries them as evidence.
  std::vector<std::string> data_quality;
  // The category names the classifier assigned ("immune_related", ...).
  std::vector<std::string> categories;
};

// From an AE record (Domain::kAe). Y/N flags are read ignoring case and
// surrounding spaces; anything but Y is "no". Seriousness and fatality as
// rules/records/seriousness.h defines them.
AeFacts ReadAeFacts(const Record& ae, std::vector<std::string> categories, const TrialVocabulary& vocabulary,
                    std::string version = {});
// The same, with the names as categories::Classification::Names() gives them.
AeFacts ReadAeFacts(const Record& ae, const std::vector<std::string_view>& categories,
                    const TrialVocabulary& vocabulary, std::string version = {});

}  // namespace vigil::safety
