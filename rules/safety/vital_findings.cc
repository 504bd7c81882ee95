#include "rules/safety/vital_findings.h"

#include <map>

#include "rules/ctcae/criteria.h"
#include "rules/safety/finding_parts.h"
#include "rules/safety/load_values.h"

namespace vigil::safety {
namespace {

using ctcae::Decimal;

struct Reading {
  std::string dtc;
  const GradedValue* sbp = nullptr;
  const GradedValue* dbp = nullptr;
};

bool Is(const GradedValue& v, std::string_view code, std::string_view loinc, std::string_view term) {
  const std::string c = ctcae::AsciiUpper(v.test_code);
  return c == code || c == loinc || (!v.ctcae_term.empty() && SameCtcaeTerm(v.ctcae_term, term));
}

std::optional<Decimal> Mmhg(const GradedValue* v) {
  if (!v) return std::nullopt;
  if (!v->unit.empty() && ctcae::NormalizeUnitLabel(v->unit) != "mmhg" &&
      ctcae::NormalizeUnitLabel(v->unit) != "mm[hg]") {
    return std::nullopt;
  }
  return parts::Number(v->value);
}

// The clause saying why the reading meets the condition; nullopt if not.
std::optional<std::string> Meets(const VitalsCondition& c, const Reading& r) {
  const auto sbp = Mmhg(r.sbp);
  const auto dbp = Mmhg(r.dbp);
  std::string why;
  if (c.sbp_at_least && sbp && *sbp >= *c.sbp_at_least) {
    why = "SBP " + r.sbp->value + " \u2265 " + c.sbp_at_least->ToString();
  }
  if (c.dbp_at_least && dbp && *dbp >= *c.dbp_at_least) {
    why += (why.empty() ? "" : ", ") + std::string("DBP ") + r.dbp->value + " \u2265 " + c.dbp_at_least->ToString();
  }
  if (why.empty()) return std::nullopt;
  return why + " mmHg on " + r.dtc;
}

}  // namespace

std::vector<Finding> VitalFindings(const AlertPlan& plan, std::span<const GradedValue> values,
                                   std::string_view cohort) {
  std::map<std::string, Reading> by_dtc;  // ordered by VSDTC text
  std::string usubjid;
  for (const GradedValue& v : values) {
    const bool sbp = Is(v, "SYSBP", "8480-6", "Hypertension (systolic)");
    const bool dbp = !sbp && Is(v, "DIABP", "8462-4", "Hypertension (diastolic)");
    if (!sbp && !dbp) continue;
    Reading& r = by_dtc[v.dtc];
    r.dtc = v.dtc;
    (sbp ? r.sbp : r.dbp) = &v;
    usubjid = v.usubjid;
  }
  std::vector<Reading> readings;
  for (auto& [dtc, r] : by_dtc) readings.push_back(r);

  std::vector<Finding> out;
  for (const Trigger& t : plan.triggers) {
    if (!t.vitals || !t.AppliesTo(cohort)) continue;
    const auto n = static_cast<std::size_t>(t.vitals->readings);
    std::vector<std::string> run;  // clauses of the current run of readings meeting it
    for (std::size_t i = 0; i < readings.size(); ++i) {
      auto why = Meets(*t.vitals, readings[i]);
      if (!why) {
        run.clear();
        continue;
      }
      run.push_back(std::move(*why));
      if (run.size() < n) continue;
      Finding f = parts::Start(t.kind, t.id, t.severity, usubjid, cohort, "VS|" + readings[i].dtc, 1);
      f.title = t.title + " (" + usubjid + ")";
      for (std::size_t k = run.size() - n; k < run.size(); ++k) {
        f.reason += (f.reason.empty() ? "" : "; ") + run[k];
        const Reading& r = readings[i - (run.size() - 1 - k)];
        for (const GradedValue* v : {r.sbp, r.dbp}) {
          if (v) f.evidence.push_back(parts::EvidenceOf(*v));
        }
      }
      if (n > 1) f.reason = std::to_string(n) + " consecutive readings: " + f.reason;
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace vigil::safety
