#include "config/config.h"

namespace vigil::config {

ctcae::Options Grading::Options() const {
  ctcae::Options o;
  if (creatinine_baseline_rule == "above_uln_only") o.creatinine_baseline = ctcae::CreatinineBaselineRule::kAboveUlnOnly;
  if (creatinine_baseline_rule == "off") o.creatinine_baseline = ctcae::CreatinineBaselineRule::kOff;
  return o;
}

Result<categories::CategorySet> Config::TrialCategories() const {
  auto defaults = categories::CategorySet::Load();
  if (!defaults.ok() || category_overrides.is_null()) return defaults;
  std::vector<std::string> ids;
  for (const Treatment& t : treatments) ids.push_back(t.id);
  return defaults->Extend(category_overrides, ids);
}

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
