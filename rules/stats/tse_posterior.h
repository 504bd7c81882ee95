// Thall, Simon & Estey (1995) with an uncertain standard rate: the posterior
// probability that the experimental toxicity rate exceeds the standard one by
// more than delta.
//
// The standard rate theta_S ~ Beta(a_S, b_S) is informative and not updated
// by the trial; the experimental rate has the vague prior Beta(a_E, b_E) and,
// after x events in n patients, the posterior Beta(a_E + x, b_E + n - x):
//   Pr(theta_E > theta_S + delta)
//     = F_S(-delta) + int_{max(0,-delta)}^{min(1,1-delta)} f_S(s) [1 - F_E(s + delta)] ds
// (the first term only when delta < 0).
//
// Numerical approach: [0, 1] is split at mean +/- k sd (k up to 12) of
// theta_S and of the point where 1 - F_E(s + delta) drops, and on a uniform
// grid of 32 cells. Interior pieces use adaptive Gauss-Kronrod (31/15-point
// Boost rules, a cell accepted when Kronrod and Gauss agree to 1e-11
// relative); pieces touching 0 or 1, where a shape below 1 makes a density
// unbounded, use tanh-sinh quadrature (the piece at 1 in the reflected
// variable 1 - s, to keep precision). Pieces whose contribution is provably
// below 1e-20 of an upper bound of the total are skipped. The integrand is
// non-negative, so the relative accuracy of the pieces carries over to the
// sum: agreement with the other ordering, int f_E(e) F_S(e - delta) de, is
// about 1e-14 (the tests require 1e-10). 1 - F_E uses the complementary
// incomplete beta. About 10 ms per evaluation.
//
// Stop for toxicity when this probability exceeds a cutoff p_U (0.90-0.99,
// calibrated with delta, 0-0.1, by simulation).
#pragma once

#include "rules/stats/beta_posterior.h"
#include "rules/status.h"

namespace vigil::stats {

// Invalid when a shape is not finite and > 0 (named std_a, std_b, exp_a,
// exp_b), n < 0, x outside 0..n, or delta not in (-1, 1).
Result<double> TseProbExceedsStandard(const BetaPrior& standard, const BetaPrior& experimental, int n, int x,
                                      double delta);

}  // namespace vigil::stats
