#include "rules/ctcae/grader.h"

#include <algorithm>

#include "rules/ctcae/embedded.h"
#include "rules/ctcae/evaluate.h"

namespace vigil::ctcae {
namespace {

std::string_view WithoutV(std::string_view version) {
  if (!version.empty() && (version.front() == 'v' || version.front() == 'V')) version.remove_prefix(1);
  return version;
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

GradeResult NotGraded(const Criteria& c, std::string_view term, std::string reason) {
  GradeResult r;
  const Term* t = c.FindTerm(term);
  r.term = t ? t->name : std::string(term);
  r.ctcae_term = t ? t->ctcae_term : std::string(term);
  r.criteria_version = c.version;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

std::vector<std::string> Grader::KnownVersions() {
  std::vector<std::string> out;
  for (const auto& [key, text] : CriteriaFiles()) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) continue;
    std::string v(WithoutV(std::string_view(key).substr(0, slash)));
    if (!Contains(out, v)) out.push_back(v);
  }
  return out;
}

Result<Grader> Grader::Load(std::string_view version) {
  const std::string wanted(WithoutV(version));
  std::vector<CriteriaText> files;
  for (const auto& [key, text] : CriteriaFiles()) {
    const auto slash = key.find('/');
    if (slash != std::string::npos && WithoutV(std::string_view(key).substr(0, slash)) == wanted) {
      files.push_back({key, text});
    }
  }
  if (files.empty()) {
    std::string known;
    for (const auto& v : KnownVersions()) known += (known.empty() ? "" : ", ") + v;
    return Status::NotFound("CTCAE version '" + std::string(version) +
                            "' is not available (known: " + (known.empty() ? "none" : known) + ")");
  }
  return FromTexts(wanted, files);
}

Result<Grader> Grader::FromTexts(std::string_view version, const std::vector<CriteriaText>& files) {
  auto criteria = LoadCriteria(WithoutV(version), files);
  if (!criteria.ok()) return criteria.status();
  return Grader(std::make_shared<const Criteria>(std::move(criteria).value()));
}

GradeResult Grader::Grade(std::string_view term, const Measurement& m, const Options& options) const {
  const Term* t = criteria_->FindTerm(term);
  if (!t) return NotGraded(*criteria_, term, "unknown term: '" + std::string(term) + "'");
  return GradeTerm(*criteria_, *t, m, options);
}

std::vector<GradeResult> Grader::GradeTest(CodeSystem system, std::string_view code, const Measurement& m,
                                           const Options& options, std::string_view specimen) const {
  std::vector<GradeResult> out;
  const Analyte* a = criteria_->FindAnalyte(system, code);
  if (!a) return out;
  const std::string spec = AsciiUpper(specimen);
  if (!spec.empty() &&
      (Contains(a->specimen_not, spec) || (!a->specimen_only.empty() && !Contains(a->specimen_only, spec)))) {
    return out;
  }
  std::string not_graded = a->not_graded;
  if (not_graded.empty() && spec.empty() && !a->specimen_only.empty()) {
    not_graded = "specimen missing: " + a->name + " is graded only for specimen " + a->specimen_only.front();
  }
  Measurement with_unit = m;
  if (with_unit.unit.find_first_not_of(" \t") == std::string::npos) with_unit.unit = a->default_unit;
  for (const std::string& term : a->terms) {
    out.push_back(not_graded.empty() ? Grade(term, with_unit, options) : NotGraded(*criteria_, term, not_graded));
  }
  return out;
}

GradeResult Grader::GradeHypertension(const Measurement& systolic, const Measurement& diastolic,
                                      const Options& options) const {
  std::vector<Outcome> readings;
  for (const GradeResult& r :
       {Grade("Hypertension (systolic)", systolic, options), Grade("Hypertension (diastolic)", diastolic, options)}) {
    readings.push_back(
        Outcome{r.grade, r.reason.empty() ? r.reason : r.term + ": " + r.reason, r.worst_case_assumed, r.assumption});
  }
  const Outcome o = CombineOutcomes(readings);
  GradeResult r;
  r.term = r.ctcae_term = "Hypertension";
  r.criteria_version = criteria_->version;
  r.grade = o.grade;
  r.reason = o.reason;
  r.worst_case_assumed = o.worst_case;
  r.assumption = o.assumption;
  return r;
}

}  // namespace vigil::ctcae
