// The binomial quantile exactly as R's qbinom(p, n, prob) defines it, which
// clinfun::toxbdry uses to turn a nominal level into a boundary:
//   the smallest y in 0..n with P(Bin(n, prob) <= y) >= p (1 - 8 eps),
// and n when p + 1.01 eps >= 1 (R 4.2's guard against an upper tail that
// rounds to zero). The 8-eps fuzz keeps the quantile left-continuous when
// p equals a cdf value up to rounding. Found by bisection over y with Boost's
// binomial cdf.
#pragma once

#include "rules/status.h"

namespace vigil::stats {

// Invalid when p is outside [0, 1], n < 0, or prob outside [0, 1] (named).
Result<int> BinomialQuantile(double p, int n, double prob);

}  // namespace vigil::stats
