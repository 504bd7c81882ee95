// The trial's alert plan: which findings alert, how severe they are and what
// they are called. Parsed and validated once from the configuration's
// "alerts" section; the finding functions (ae_findings.h, lab_findings.h,
// vital_findings.h, hys_law.h) only read it.
//
//   "alerts": {
//     "triggers": [
//       {"id": "A3", "kind": "aesi", "severity": "critical", "title": "Fistula",
//        "cohorts": ["A", "B"],                      // optional; default all
//        "ae": {AE predicate, ae_predicate.h}},     // or "lab" or "vitals"
//       {"id": "A18-PLT", "kind": "aesi", ..., "lab": [
//          {"ctcae_terms": ["Platelet count decreased"], "min_grade": 4}]},
//       {"id": "A14-GLUC", ..., "lab": {"test_codes": ["GLUC"], "above": "27.8", "unit": "mmol/L"}},
//       {"id": "C-BP-G3", "kind": "dose_modification", ...,
//        "vitals": {"sbp_at_least": 160, "dbp_at_least": 100, "readings": 1}}
//     ],
//     "lab_critical": {"min_grade": 4, "per_term": {"Platelet count decreased": 3}},
//     "hys_law": {"alt_ast_x_uln": "3", "bilirubin_x_uln": "2", "alp_x_uln_below": "2",
//                 "window_days": 7,
//                 "baseline_adjusted": {"alt_ast_x_baseline": "3", "bilirubin_x_baseline": "2"}}
//   }
//
// Triggers. `kind` is "sae", "aesi" or "dose_modification" (lab_critical and
// hys_law have their own sections). Exactly one of the following, or "ae"
// together with "lab" (the AESI fires from either; "episode_days", default
// 14, says how close an AE and a lab finding must be to be one episode):
//  - "ae": an AE predicate. A "sae" trigger may omit it: {"serious": true}.
//  - "lab": one lab condition or an array of them (any one suffices). A
//    condition selects values by "ctcae_terms" (the term graded; a labelled
//    form such as "Hypertension (systolic)" also answers to "Hypertension")
//    and/or "test_codes" (LBTESTCD/VSTESTCD/EGTESTCD or LOINC, any case), and
//    tests them by exactly one of:
//      "min_grade": 1-4                      the CTCAE grade is at least this
//      "above" / "at_least" / "below" / "at_most": decimal, with "unit"
//      "above_x_uln" / "below_x_lln": decimal (value > n x ULN, < n x LLN)
//      "rise_above" / "fall_at_least": decimal, with "unit" (value - baseline
//                                       > n; baseline - value >= n)
//    Decimals are strings ("27.8") or JSON numbers; comparisons are exact.
//    A value in another unit than the condition's (unit labels compared as
//    ctcae::NormalizeUnitLabel writes them) does not meet it: units are never
//    converted, so give one condition per unit the labs use.
//  - "vitals": blood pressure readings (VSTESTCD SYSBP/DIABP taken at the
//    same VSDTC are one reading): "sbp_at_least" and/or "dbp_at_least"
//    (either suffices), "readings": how many consecutive readings must meet
//    it (default 1).
//
// "lab_critical" (every key optional; the section itself optional and on by
// default, as product.md makes it): "enabled", "id" ("lab_critical"),
// "severity" ("high"), "title" ("Critical lab value"), "min_grade" (4),
// "per_term": {CTCAE term: grade 1-4}. LB, VS and EG values all count.
//
// "hys_law" (the same: optional, on by default): "enabled", "id" ("hys_law"),
// "severity" ("critical"), "title" ("Potential Hy's law case"),
// "alt_ast_x_uln" (3), "bilirubin_x_uln" (2), "alp_x_uln_below" (2),
// "window_days" (7), "baseline_adjusted" (absent: off).
//
// Validation reports every problem with its JSON Pointer: unknown keys, wrong
// types, unknown kinds and severities, duplicate trigger ids, unknown cohort
// and treatment ids, unknown categories and term sets, grades out of range, a trigger with
// none or several of ae/lab/vitals, a comparison without its unit.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/ctcae/decimal.h"
#include "rules/json/json_node.h"
#include "rules/safety/ae_predicate.h"
#include "rules/safety/alert_kind.h"
#include "rules/safety/term_set.h"
#include "rules/status.h"

namespace vigil::safety {

enum class Comparison {
  kMinGrade,     // grade >= limit
  kAbove,        // value > limit (unit)
  kAtLeast,      // value >= limit (unit)
  kBelow,        // value < limit (unit)
  kAtMost,       // value <= limit (unit)
  kAboveXUln,    // value > limit x ULN
  kBelowXLln,    // value < limit x LLN
  kRiseAbove,    // value - baseline > limit (unit)
  kFallAtLeast,  // baseline - value >= limit (unit)
};

struct LabCondition {
  std::vector<std::string> ctcae_terms;  // either list selects a value
  std::vector<std::string> test_codes;
  Comparison comparison = Comparison::kMinGrade;
  ctcae::Decimal limit;    // the grade, for kMinGrade
  std::string limit_text;  // as written, for reasons: "27.8"
  std::string unit;        // for the comparisons with a unit
};

struct VitalsCondition {
  std::optional<ctcae::Decimal> sbp_at_least;  // mmHg
  std::optional<ctcae::Decimal> dbp_at_least;  // mmHg
  int readings = 1;
};

struct Trigger {
  std::string id;
  AlertKind kind = AlertKind::kAesi;
  Severity severity = Severity::kHigh;
  std::string title;
  std::vector<std::string> cohorts;  // empty: every cohort
  std::optional<AePredicate> ae;
  std::vector<LabCondition> lab;  // any one suffices
  std::optional<VitalsCondition> vitals;
  // A trigger with both "ae" and "lab" fires from an AE term as well as from
  // a lab value (an AESI reported as an AE or found in the labs); an AE and
  // a lab finding of one subject whose dates are within `episode_days` of
  // each other are one episode, alerted once.
  int episode_days = 14;

  bool AppliesTo(std::string_view cohort) const;
  bool Episodic() const { return ae.has_value() && !lab.empty(); }
};

struct LabCriticalParams {
  bool enabled = true;
  std::string id = "lab_critical";
  Severity severity = Severity::kHigh;
  std::string title = "Critical lab value";
  int min_grade = 4;
  std::vector<std::pair<std::string, int>> per_term;  // CTCAE term -> lower threshold

  // The grade at or above which a value of `term` is critical.
  int ThresholdFor(std::string_view term) const;
};

struct HysLawParams {
  bool enabled = true;
  std::string id = "hys_law";
  Severity severity = Severity::kCritical;
  std::string title = "Potential Hy's law case";
  ctcae::Decimal alt_ast_x_uln = ctcae::Decimal::FromInt(3);
  ctcae::Decimal bilirubin_x_uln = ctcae::Decimal::FromInt(2);
  ctcae::Decimal alp_x_uln_below = ctcae::Decimal::FromInt(2);
  int window_days = 7;
  struct BaselineAdjusted {
    ctcae::Decimal alt_ast_x_baseline = ctcae::Decimal::FromInt(3);
    ctcae::Decimal bilirubin_x_baseline = ctcae::Decimal::FromInt(2);
  };
  std::optional<BaselineAdjusted> baseline_adjusted;  // absent: ULN multiples only
};

struct AlertPlan {
  std::vector<Trigger> triggers;
  LabCriticalParams lab_critical;
  HysLawParams hys_law;
};

// What the plan is checked against: the trial's ids. A list left empty is
// not checked (ctcae_terms: the graded terms, e.g. from ctcae::Criteria).
// `term_sets` are the safety plan's named term sets (term_set.h), which the
// triggers' AE predicates may name; empty: a predicate naming one is an
// error.
struct PlanContext {
  std::vector<std::string> cohorts;
  std::vector<std::string> treatments;
  std::vector<std::string> ctcae_terms;
  TermSets term_sets;
};

// Reads the "alerts" object. Problems go to the node's Issues with their
// pointers; nullopt when there was any.
std::optional<AlertPlan> ReadAlertPlan(const jsonload::Node& alerts, const PlanContext& context);

// The same for a parsed JSON value; kInvalid listing every problem, one per
// line, each as "<file>: <pointer>: <message>". `file` names the document
// ("escc2l.json"); `pointer` is where the object sits in it ("/alerts").
Result<AlertPlan> LoadAlertPlan(const nlohmann::json& alerts, const PlanContext& context, std::string file = "alerts",
                                std::string pointer = "");

}  // namespace vigil::safety
