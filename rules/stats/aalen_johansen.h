// Aalen-Johansen cumulative incidence of a first event in the presence of a
// competing risk, e.g. first grade >= 3 AE (status 1) with death without a
// prior AE (status 2) competing; status 0 is censored.
//
//   CIF_k(t) = sum_{t_j <= t} S(t_j-) d_kj / Y_j,  k = 1, 2,
// where S is the all-cause event-free Kaplan-Meier curve and Y_j counts the
// subjects with time >= t_j. For comparison the estimator also returns
// 1 - KM for status 1 with deaths treated as censored, which overestimates
// the incidence when deaths compete.
//
// Tie and time conventions are those of KaplanMeier (R's survfit multi-state
// fit; cmprsk::cuminc agrees): events of either cause at t are counted with
// the same risk set, censorings at t are still at risk, curves are
// right-continuous, 0 before the first event, and held at their last value
// beyond the last observed time. Immutable after Fit.
#pragma once

#include <span>
#include <vector>

#include "rules/status.h"

namespace vigil::stats {

enum class CompetingStatus { kCensored = 0, kEvent = 1, kCompetingEvent = 2 };

struct CompetingIncidence {
  double event = 0.0;      // CIF of status 1
  double competing = 0.0;  // CIF of status 2
  double one_minus_km_competing_censored = 0.0;
};

class AalenJohansen {
 public:
  struct Step {
    double time = 0.0;
    int at_risk = 0;
    int events = 0;
    int competing = 0;
    CompetingIncidence incidence;  // value at and after time
  };

  // status[i] in {0, 1, 2} as CompetingStatus, times[i] >= 0. Invalid (naming
  // the index) on a bad entry, when the lengths differ, or with no subjects.
  static Result<AalenJohansen> Fit(std::span<const double> times, std::span<const int> status);

  CompetingIncidence At(double t) const;

  const std::vector<Step>& steps() const { return steps_; }

 private:
  explicit AalenJohansen(std::vector<Step> steps) : steps_(std::move(steps)) {}
  std::vector<Step> steps_;
};

}  // namespace vigil::stats
