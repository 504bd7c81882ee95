// Exact operating characteristics of a stopping boundary on the cumulative
// event count, for a true per-patient event probability p.
//
// Forward recursion over the looks: the distribution of the cumulative count
// among paths not yet stopped is convolved with the Bin(n_k - n_{k-1}, p)
// count of the patients added since the previous look; the mass at or above
// min_x_to_stop[k] is removed and recorded as "stopped at look k" (computed
// from the binomial upper tail, not as a difference of ones). Then
//   pcross            = sum_k P(stop at k)
//   pstop_before_last = sum_{k < K} P(stop at k)
//   expected_n        = sum_k n_k P(stop at k) + n_K (1 - pcross)
// These are the pcross / pstop / ess columns of clinfun::toxbdry. All binomial
// probabilities come from Boost.Math; the result is accurate to a few units
// in the 14th digit. Cost O(K * n_K * max increment).
#pragma once

#include "rules/stats/stopping_boundary.h"
#include "rules/status.h"

namespace vigil::stats {

struct OperatingCharacteristics {
  double p_true = 0.0;
  double pcross = 0.0;             // the rule stops the cohort at some look
  double pstop_before_last = 0.0;  // ... at a look before the last
  double expected_n = 0.0;         // expected number of patients evaluated
};

// Invalid for a malformed boundary (see CheckStoppingBoundary) or p_true
// outside [0, 1] (named p_true).
Result<OperatingCharacteristics> ExactOperatingCharacteristics(const StoppingBoundary& boundary, double p_true);

}  // namespace vigil::stats
