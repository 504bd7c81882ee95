// Beta-binomial monitoring of a toxicity rate (Thall, Simon & Estey 1995 with
// a fixed reference rate; Geller et al. 2003).
//
// Prior p ~ Beta(a, b); after x patients with an event among n evaluable
// patients the posterior is Beta(a + x, b + n - x), and
//   Pr(p > t | x, n) = 1 - I_t(a + x, b + n - x)
// is computed as the complementary regularized incomplete beta (Boost
// ibetac), never as 1 - I_t, so upper tails down to 1e-300 keep about 1e-14
// relative accuracy. Shape parameters may be tiny (0.001) or huge (1e5).
#pragma once

#include "rules/status.h"

namespace vigil::stats {

struct BetaPrior {
  double a = 1.0;
  double b = 1.0;
};

// Invalid when a or b is not finite and > 0 (named prior_a / prior_b),
// n < 0, x outside 0..n, or threshold outside (0, 1). n = 0 gives the prior
// tail.
Result<double> PosteriorProbAbove(const BetaPrior& prior, int n, int x, double threshold);

// The prior check alone, for callers that validate once.
Status CheckBetaPrior(const BetaPrior& prior, const char* a_name = "prior_a", const char* b_name = "prior_b");

}  // namespace vigil::stats
