#include "rules/stats/operating_characteristics.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <vector>

#include "rules/stats/arguments.h"

namespace vigil::stats {
namespace {

OperatingCharacteristics Recurse(const StoppingBoundary& boundary, double p) {
  // continuing[c] = P(cumulative count is c and the rule has not stopped).
  std::vector<double> continuing = {1.0};
  OperatingCharacteristics oc{.p_true = p};
  int previous_n = 0;
  const std::size_t looks = boundary.looks.size();
  for (std::size_t k = 0; k < looks; ++k) {
    const int n = boundary.looks[k];
    const int added = n - previous_n;
    previous_n = n;
    const boost::math::binomial_distribution<> increment(added, p);
    std::vector<double> pmf(static_cast<std::size_t>(added) + 1);
    for (int j = 0; j <= added; ++j) pmf[static_cast<std::size_t>(j)] = boost::math::pdf(increment, j);

    const int reachable = static_cast<int>(continuing.size()) - 1 + added;  // max count now
    const int stop_at = boundary.min_x_to_stop[k].value_or(n + 1);
    const int kept = std::max(0, std::min(stop_at, reachable + 1));  // counts 0..kept-1 continue
    std::vector<double> next(static_cast<std::size_t>(kept), 0.0);
    double stopped = 0.0;
    for (std::size_t c = 0; c < continuing.size(); ++c) {
      const double mass = continuing[c];
      if (mass == 0.0) continue;
      const int need = stop_at - static_cast<int>(c);  // increment that stops
      if (need <= 0) {
        stopped += mass;
        continue;
      }
      if (need <= added) {
        stopped += mass * boost::math::cdf(boost::math::complement(increment, need - 1));
      }
      const int last_j = std::min(added, need - 1);
      for (int j = 0; j <= last_j; ++j) {
        next[c + static_cast<std::size_t>(j)] += mass * pmf[static_cast<std::size_t>(j)];
      }
    }
    oc.pcross += stopped;
    oc.expected_n += n * stopped;
    if (k + 1 < looks) oc.pstop_before_last += stopped;
    continuing = std::move(next);
    if (continuing.empty()) continuing = {0.0};
  }
  oc.expected_n += boundary.looks.back() * (1.0 - oc.pcross);
  return oc;
}

}  // namespace

Result<OperatingCharacteristics> ExactOperatingCharacteristics(const StoppingBoundary& boundary, double p_true) {
  if (Status s = CheckStoppingBoundary(boundary); !s.ok()) return s;
  if (Status s = CheckClosedUnit("p_true", p_true); !s.ok()) return s;
  try {
    return Recurse(boundary, p_true);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("operating characteristics: ") + e.what());
  }
}

}  // namespace vigil::stats
