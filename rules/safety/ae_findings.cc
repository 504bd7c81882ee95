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

}  // namespace

std::vector<Finding> AdverseEventFindings(const AlertPlan& plan, const AeFacts& ae, std::string_view cohort) {
  std::vector<Finding> out;
  const auto [term_field, term] = Term(ae);
  const int level = ae.event.grade.value_or(1);
  for (const Trigger& t : plan.triggers) {
    if (!t.ae || !t.AppliesTo(cohort)) continue;
    auto reason = MatchReason(*t.ae, ae);
    if (!reason) continue;
    Finding f = parts::Start(t.kind, t.id, t.severity, ae.usubjid, cohort, "AE|" + ae.record_key, level);
    f.title = t.title + ": " + term +
              (ae.event.grade ? ", grade " + std::to_string(*ae.event.grade) : std::string(", grade not reported")) +
              " (" + ae.usubjid + ")";
    f.reason = std::move(*reason);
    f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, term_field, term});
    if (ae.event.grade)
      f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AETOXGR", std::to_string(*ae.event.grade)});
    if (ae.serious) f.evidence.push_back({Domain::kAe, ae.record_key, ae.version, "AESER", "Y"});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace vigil::safety
