// Difference between two cohorts' proportions, d = x1/n1 - x2/n2, with two
// score-based confidence intervals. Neither cohort of a single-arm trial is a
// control, so the difference is descriptive.
//
// Newcombe (1998, Stat Med 17:873) hybrid score, method 10: with Wilson
// limits (l_i, u_i) of each proportion,
//   L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
//
// Miettinen & Nurminen (1985): the set of D with
//   (p1 - p2 - D)^2 / {[q1(1 - q1)/n1 + q2(1 - q2)/n2] N/(N - 1)} <= chi2_{1, conf},
// N = n1 + n2, where (q1, q2) maximise the binomial likelihood subject to
// q1 - q2 = D. The restricted maximum is found by bracketing the root of the
// (strictly decreasing) score in q1 on the feasible interval, and each limit
// by bisection on the statistic to about 1e-15; the limits are accurate to
// about 1e-13. Newcombe's examples: 56/70 vs 48/80 gives method 10
// (0.0524, 0.3339), MN (0.0528, 0.3382).
#pragma once

#include "rules/stats/interval.h"
#include "rules/status.h"

namespace vigil::stats {

// estimate = x1/n1 - x2/n2. Invalid when n1 or n2 < 1, x_i outside 0..n_i,
// or conf outside (0, 1).
Result<Interval> NewcombeRiskDifference(int x1, int n1, int x2, int n2, double conf);
Result<Interval> MiettinenNurminenRiskDifference(int x1, int n1, int x2, int n2, double conf);

}  // namespace vigil::stats
