// Evaluating a stopping rule in one population at the current data.
//
//   auto rules = LoadStoppingRules(node, trial_cohorts);
//   for (const auto& rule : rules)
//     for (const auto& cohort : Populations(rule, trial_cohorts))
//       auto state = Evaluate(rule, cohort, courses_of(cohort, rule.event));
//
// Pure and deterministic: the same rule and courses give the same state.
#pragma once

#include <span>
#include <string>

#include "rules/status.h"
#include "rules/stopping/patient_course.h"
#include "rules/stopping/rule_state.h"
#include "rules/stopping/stopping_rule.h"

namespace vigil::stopping {

// `patients` are the treated patients of `cohort` (all cohorts for "ALL"),
// each once, with event_day set from the rule's event definition; who is
// evaluable and who counts as an event is patient_course.h's CountPatients.
//
// Every method is decided in one convention (stopping_rules.md §8.1): at n
// evaluable patients the rule fires iff n >= min_evaluable and
// events >= boundary(n), where boundary(n) is
// - bayesian: min{x : Pr(p > threshold | x, n) > cutoff} (strict >), so
//   firing is exactly statistic > cutoff;
// - toxbdry: r_k + 1 for the largest look n_k <= n (stop when x > r_k). The
//   boundary exists only at the design's looks; between looks the last look
//   at or below n applies, after the last look the last look's boundary
//   stays (more patients than designed: the rule keeps watching rather than
//   going silent). Below the first look no stop is possible;
// - sprt: ceil((log A + n k) / s), i.e. log-LR >= log A (WaldSprtBoundary);
// - count: the configured number of events.
// A boundary above n means no stop is possible at this n (nullopt).
//
// Invalid for an empty cohort id, a duplicated or empty USUBJID, and method
// parameters out of range (only possible for a rule not built by the loader).
Result<RuleState> Evaluate(const StoppingRule& rule, const std::string& cohort,
                           std::span<const PatientCourse> patients);

// The boundary Evaluate reports at n evaluable patients, whatever the
// events: the least number of events that stops the rule, nullopt when no
// stop is possible at n. What a chart draws as the rule's boundary line.
Result<std::optional<int>> BoundaryAt(const StoppingRule& rule, int n);

}  // namespace vigil::stopping
