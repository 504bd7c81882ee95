// The example trial's vocabulary (config/example/escc2l.json: study id,
// cohorts, treatments, causality terms), for rule tests that read records
// without loading the configuration.
#pragma once

#include "rules/records/vocabulary.h"

namespace vigil::testing {

inline TrialVocabulary ExampleTrialVocabulary() {
  TrialVocabulary v;
  v.study_id = "ESCC2L";
  v.cohorts = {"A", "B"};
  v.treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"};
  v.related = {"Y", "RELATED", "POSSIBLY RELATED", "PROBABLY RELATED", "DEFINITELY RELATED"};
  v.not_related = {"N", "NOT RELATED", "UNLIKELY RELATED"};
  return v;
}

}  // namespace vigil::testing
