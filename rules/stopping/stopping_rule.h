// A continuous toxicity stopping rule of the trial's safety plan
// (clinical.md §3(b); stopping_rules.md §7): which event it counts, in which
// populations, over which observation window, and the statistical method that
// says when the count is too high. Plain data, built by LoadStoppingRules
// (load_stopping_rules.h) and evaluated by Evaluate (evaluate.h).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rules/stats/bayesian_boundary.h"
#include "rules/stats/sprt.h"
#include "rules/stats/toxicity_boundary.h"
#include "rules/status.h"

namespace vigil::stopping {

enum class MethodType { kBayesian, kToxbdry, kSprt, kCount };

// "bayesian", "toxbdry", "sprt", "count": the JSON `type` and RuleState's method.
std::string_view MethodName(MethodType type);
std::optional<MethodType> ParseMethodType(std::string_view name);

// Fires when Pr(p > threshold | x, n) > cutoff (strict), Beta prior.
struct BayesianMethod {
  stats::BayesianRule rule;
};

// clinfun::toxbdry (Ivanova, Qaqish & Schell 2005): fires when the events
// exceed the maximum acceptable count of the last look at or below n. The
// boundary depends on the whole design (its looks and maximum n), so it is
// computed once, by MakeToxbdryMethod, and kept here. `side` picks clinfun's
// lo.bdry (crossing probability at or just above the target: stops at least
// as early, the default) or hi.bdry.
struct ToxbdryMethod {
  stats::ToxBoundaryDesign design;
  stats::ToxBoundarySide side = stats::ToxBoundarySide::kLow;
  std::vector<int> max_acceptable;  // r_k at design.looks[k]: fires when x > r_k
};

// Computes the boundary of `design` (Invalid when toxbdry refuses the design).
Result<ToxbdryMethod> MakeToxbdryMethod(const stats::ToxBoundaryDesign& design, stats::ToxBoundarySide side);

// Wald's SPRT, upper line only (truncated SPRT for safety, stopping_rules.md
// §4): fires when the log-likelihood ratio reaches log A.
struct SprtMethod {
  stats::SprtDesign design;
};

// A hard count: fires when events >= `events` ("any 2 treatment-related
// deaths trigger a review").
struct CountMethod {
  int events = 1;
};

using Method = std::variant<BayesianMethod, ToxbdryMethod, SprtMethod, CountMethod>;

MethodType TypeOf(const Method& method);

// AEs that meet a rule's event but do not count in some cohorts ("R7 in
// cohort A does not count lymphopenia": the expected effect of
// chemoradiotherapy). The event is kept as given, like StoppingRule::event;
// an AE that meets it does not count for subjects of `cohorts` (empty: every
// cohort), in the cohort's population and in the pooled one alike, since a
// subject's qualifying event is one per rule.
struct EventExclusion {
  std::vector<std::string> cohorts;
  nlohmann::json event = nlohmann::json::object();
};

struct StoppingRule {
  std::string id;     // "R1"; unique in the trial
  std::string title;  // "Treatment-related death"
  // The cohorts the rule runs in, each separately; empty = every cohort of
  // the trial.
  std::vector<std::string> cohorts;
  bool pooled = false;  // also over all cohorts together, reported as cohort "ALL"
  // The qualifying event, in the event-definition vocabulary another module
  // implements; kept as given (always a JSON object).
  nlohmann::json event = nlohmann::json::object();
  std::vector<EventExclusion> exclude;  // "exclude"; empty: none
  // Days from first dose a patient without the event must be followed to be
  // evaluable.
  int window_days = 56;
  // No trigger while fewer patients are evaluable (clinical.md §3(b) tables
  // start at n = 3).
  int min_evaluable = 1;
  Method method = CountMethod{};
};

// The cohort id of the pooled population.
inline constexpr std::string_view kPooledCohort = "ALL";

// The populations the rule is evaluated in, in order: its cohorts (every
// cohort of the trial when it names none), then "ALL" when pooled.
std::vector<std::string> Populations(const StoppingRule& rule, const std::vector<std::string>& trial_cohorts);

}  // namespace vigil::stopping
