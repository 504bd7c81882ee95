#include "rules/safety/ae_findings.h"

#include "rules/safety/finding_parts.h"

namespace vigil::safety {
namespace {

// AEDECOD, else AETERM, and the variable it came from.
std::pair<std::string, std::string> Term(const AeFacts& ae) {
  if (!ae.event.decod.empty()) return {"AEDECOD", ae.event.decod};
  if (!ae.event.term.empty()) return {"AETERM", ae.event.term};
  return {"AETERM", "(term not reported)"};
}

std::string CausalityText(Causality c) { return c == Causality::kRelated ? "related" : "not related"; }

}  // namespace

std::vector<Finding> AdverseEventFindings(const AlertPlan& plan, const AeFacts& ae, std::string_view cohort) {
  std::vector<Finding> out;
  const auto [term_field, term] = Term(ae);
  const int level = ae.event.grade.value_or(1);
  for (const Trigger& t : plan.triggers) {
    if (!t.ae || !t.AppliesTo(cohort)) continue;
    // An event before the first dose is no toxicity of treatment: it raises
    // no dose-modification flag (an SAE or AESI still alerts).
    if (ae.pre_dose && t.kind == AlertKind::kDoseModification) continue;
    auto reason = MatchReason(*t.ae, ae);
    if (!reason) continue;
    Finding f = parts::Start(t.kind, t.id, t.severity, ae.usubjid, cohort, "AE|" + ae.record_key, level);
    const std::string grade = ae.event.grade        ? ", grade " + std::to_string(*ae.event.grade)
                              : ae.unreadable_grade ? ", grade unreadable ('" + *ae.unreadable_grade + "')"
                                                    : std::string(", grade not reported");
    f.title = t.title + ": " + term + grade + " (" + ae.usubjid + ")" +
              (ae.data_quality.empty() ? "" : " \u2014 from a quarantined record, data to be corrected");
    f.reason = std::move(*reason);
    f.episode_date = ae.onset;
    f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, term_field, term});
    if (ae.event.grade) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AETOXGR", std::to_string(*ae.event.grade)});
    } else if (ae.unreadable_grade) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AETOXGR", *ae.unreadable_grade + " (unreadable)"});
    }
    if (ae.serious) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AESER",
                            ae.serious_inconsistency.empty() ? "Y" : ae.serious_inconsistency});
    }
    // Causality per drug, as the physician weighs it; an AE nobody assessed
    // counts as related (rules/categories/causality.h) and says so.
    if (ae.event.overall_causality) {
      f.evidence.push_back(
          {Domain::kAe, ae.record_key, ae.version, "AEREL", CausalityText(*ae.event.overall_causality)});
    }
    for (const auto& [drug, causality] : ae.event.causality) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AEREL_" + drug, CausalityText(causality)});
    }
    if (!ae.event.overall_causality && ae.event.causality.empty()) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AEREL", "not assessed (counted as related)"});
    }
    // Data-quality findings travel with the alert: the physician and the
    // data manager see what must be reconciled.
    if (!ae.serious_inconsistency.empty()) {
      f.reason += "; data quality: " + ae.serious_inconsistency;
    }
    for (const std::string& problem : ae.data_quality) {
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "data_quality", problem});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace vigil::safety
