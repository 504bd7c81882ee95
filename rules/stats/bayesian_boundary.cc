#include "rules/stats/bayesian_boundary.h"

#include <boost/math/special_functions/beta.hpp>
#include <numeric>

#include "rules/stats/arguments.h"

namespace vigil::stats {
namespace {

Status CheckRule(const BayesianRule& rule) {
  if (Status s = CheckBetaPrior(rule.prior); !s.ok()) return s;
  if (Status s = CheckOpenUnit("threshold", rule.threshold); !s.ok()) return s;
  return CheckOpenUnit("cutoff", rule.cutoff);
}

bool Triggers(const BayesianRule& rule, int n, int x) {
  return boost::math::ibetac(rule.prior.a + x, rule.prior.b + (n - x), rule.threshold) > rule.cutoff;
}

// Rule already checked. Library exceptions propagate to the caller's guard.
std::optional<int> MinEventsUnchecked(const BayesianRule& rule, int n) {
  if (!Triggers(rule, n, n)) return std::nullopt;
  int lo = -1;  // Triggers(lo) is false (or lo = -1)
  int hi = n;   // Triggers(hi) is true
  while (hi - lo > 1) {
    const int mid = lo + (hi - lo) / 2;
    if (Triggers(rule, n, mid)) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

}  // namespace

Result<std::optional<int>> MinEventsToStop(const BayesianRule& rule, int n) {
  if (Status s = CheckRule(rule); !s.ok()) return s;
  if (Status s = CheckCount("n", n); !s.ok()) return s;
  try {
    return MinEventsUnchecked(rule, n);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("Bayesian boundary: ") + e.what());
  }
}

Result<StoppingBoundary> BayesianBoundary(const BayesianRule& rule, const std::vector<int>& looks) {
  if (Status s = CheckRule(rule); !s.ok()) return s;
  if (Status s = CheckLooks(looks); !s.ok()) return s;
  StoppingBoundary boundary{.looks = looks, .min_x_to_stop = {}};
  try {
    for (int n : looks) boundary.min_x_to_stop.push_back(MinEventsUnchecked(rule, n));
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("Bayesian boundary: ") + e.what());
  }
  return boundary;
}

Result<StoppingBoundary> BayesianBoundary(const BayesianRule& rule, int n_max) {
  if (Status s = CheckPositiveCount("n_max", n_max); !s.ok()) return s;
  std::vector<int> looks(static_cast<std::size_t>(n_max));
  std::iota(looks.begin(), looks.end(), 1);
  return BayesianBoundary(rule, looks);
}

}  // namespace vigil::stats
