#include "config/config.h"

namespace vigil::config {

TrialVocabulary Config::Vocabulary() const {
  TrialVocabulary v;
  v.study_id = trial.study_id;
  for (const Cohort& c : cohorts) v.cohorts.push_back(c.id);
  for (const Treatment& t : treatments) v.treatments.push_back(t.id);
  v.related = causality.related;
  v.not_related = causality.not_related;
  return v;
}

}  // namespace vigil::config
