#include "config/config.h"

#include "rules/ctcae/grader.h"

namespace vigil::config {

ctcae::Options Grading::Options() const {
  ctcae::Options o;
  if (creatinine_baseline_rule == "above_uln_only")
    o.creatinine_baseline = ctcae::CreatinineBaselineRule::kAboveUlnOnly;
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

std::vector<std::string> Config::InvestigationalTreatments() const {
  std::vector<std::string> ids;
  for (const Treatment& t : treatments) {
    if (t.investigational) ids.push_back(t.id);
  }
  return ids;
}

safety::PlanContext Config::SafetyPlanContext() const {
  safety::PlanContext context;
  for (const Cohort& c : cohorts) context.cohorts.push_back(c.id);
  for (const Treatment& t : treatments) context.treatments.push_back(t.id);
  if (auto grader = ctcae::Grader::Load(trial.ctcae_version); grader.ok()) {
    // Both the graded label ("Hypertension (systolic)") and the CTCAE term
    // ("Hypertension"), as the lab findings match either.
    for (const ctcae::Term& term : grader->criteria().terms) {
      context.ctcae_terms.push_back(term.name);
      if (term.ctcae_term != term.name) context.ctcae_terms.push_back(term.ctcae_term);
    }
  }
  return context;
}

}  // namespace vigil::config
