// Crude incidence x/n with the exact Clopper-Pearson (1934) interval.
//
// At level conf = 1 - alpha the limits are the beta quantiles
//   lower = Beta^-1(alpha/2; x, n - x + 1)      (0 when x = 0)
//   upper = Beta^-1(1 - alpha/2; x + 1, n - x)  (1 when x = n)
// Both ends always use alpha/2, also when x = 0 or x = n: the interval of R's
// binom.test, not a one-sided 1 - alpha bound. Example: 0/10 at 95% gives
// (0, 0.30849710781876).
//
// n counts evaluable patients and x those with at least one qualifying event
// (patients, not events).
#pragma once

#include "rules/stats/interval.h"
#include "rules/status.h"

namespace vigil::stats {

// Invalid when n < 1, x outside 0..n, or conf outside (0, 1).
Result<Interval> ClopperPearson(int x, int n, double conf);

}  // namespace vigil::stats
