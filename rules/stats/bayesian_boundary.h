// The boundary of a Bayesian beta-binomial toxicity rule: at n evaluable
// patients, stop when Pr(p > threshold | x, n) > cutoff (strict), prior
// p ~ Beta(a, b). Because the posterior tail increases with x, the rule at n
// is "stop iff x >= min_x_to_stop(n)" with
//   min_x_to_stop(n) = min{x in 0..n : Pr(p > threshold | x, n) > cutoff},
// std::nullopt ("NA") when no x <= n triggers. Found by bisection over x.
//
// A flat Beta(1, 1) prior with threshold 0.30 and cutoff 0.90 stops after a
// single toxicity in the first patient (1 - 0.3^2 = 0.91 > 0.90); protocols
// use a weak prior centred on the acceptable rate (a + b of 1 to 2), a higher
// cutoff, or a minimum n.
#pragma once

#include <optional>
#include <vector>

#include "rules/stats/beta_posterior.h"
#include "rules/stats/stopping_boundary.h"
#include "rules/status.h"

namespace vigil::stats {

struct BayesianRule {
  BetaPrior prior;
  double threshold = 0.3;  // the unacceptable rate t
  double cutoff = 0.9;     // the posterior probability c that triggers
};

// Invalid for a bad prior, threshold or cutoff outside (0, 1) (named), n < 0.
Result<std::optional<int>> MinEventsToStop(const BayesianRule& rule, int n);

// The rule's boundary at the given looks (strictly increasing, >= 1).
Result<StoppingBoundary> BayesianBoundary(const BayesianRule& rule, const std::vector<int>& looks);

// Looks 1..n_max (n_max >= 1).
Result<StoppingBoundary> BayesianBoundary(const BayesianRule& rule, int n_max);

}  // namespace vigil::stats
