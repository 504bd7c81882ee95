// What an AE predicate (ae_predicate.h) and the AE alert triggers look at:
// one adverse event's current version, parsed once at the edge, with the
// toxicity categories the classifier assigned to it.
//
//   auto facts = safety::ReadAeFacts(ae_record, classification.Names(), vocabulary, "3");
//   if (safety::Matches(predicate, facts)) ...
#pragma once

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
  bool serious = false;  // AESER = Y
  // ICH E2A "results in death": AETOXGR 5, AESDTH = Y or AEOUT = FATAL.
  bool fatal = false;
  // The category names the classifier assigned ("immune_related", ...).
  std::vector<std::string> categories;
};

// From an AE record (Domain::kAe). Y/N flags are read ignoring case and
// surrounding spaces; anything but Y is "no".
AeFacts ReadAeFacts(const Record& ae, std::vector<std::string> categories, const TrialVocabulary& vocabulary,
                    std::string version = {});
// The same, with the names as categories::Classification::Names() gives them.
AeFacts ReadAeFacts(const Record& ae, const std::vector<std::string_view>& categories,
                    const TrialVocabulary& vocabulary, std::string version = {});

}  // namespace vigil::safety
