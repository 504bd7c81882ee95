// Kaplan-Meier estimate of event-free survival, and the cumulative incidence
// 1 - KM, for the time to a first qualifying event (e.g. first grade >= 3 AE).
//
//   S(t) = prod_{t_j <= t} (1 - d_j / Y_j),  Y_j = subjects with time >= t_j.
//
// Conventions, those of R's survfit with summary(..., extend = TRUE):
// 1. an event and a censoring at the same time: the censored subject is at
//    risk at that time;
// 2. S is right-continuous: a query exactly at an event time includes the drop;
// 3. before the first event S = 1;
// 4. beyond the last observed time the value at that time is returned (0 when
//    the last observation is an event); the curve is not set to NA there.
// Immutable after Fit; safe to share between threads.
#pragma once

#include <span>
#include <vector>

#include "rules/stats/risk_set.h"
#include "rules/status.h"

namespace vigil::stats {

class KaplanMeier {
 public:
  struct Step {
    double time = 0.0;      // a time with at least one event
    int at_risk = 0;        // Y_j
    int events = 0;         // d_j
    double survival = 1.0;  // S(time)
  };

  // times[i] >= 0 and events[i] in {0 censored, 1 event}, one entry per
  // subject. Invalid (naming the index) on a bad entry, when the lengths
  // differ, or when there are no subjects.
  static Result<KaplanMeier> Fit(std::span<const double> times, std::span<const int> events);

  // S(t); 1 for t before the first event.
  double SurvivalAt(double t) const;
  // 1 - S(t): cumulative incidence when no competing risk removes subjects.
  double CumulativeIncidenceAt(double t) const { return 1.0 - SurvivalAt(t); }

  const std::vector<Step>& steps() const { return steps_; }

 private:
  explicit KaplanMeier(std::vector<Step> steps) : steps_(std::move(steps)) {}
  std::vector<Step> steps_;
};

}  // namespace vigil::stats
