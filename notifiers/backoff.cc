#include "notifiers/backoff.h"

#include <algorithm>
#include <cmath>

namespace vigil::notifiers {

double RetryDelaySeconds(const config::RetryPolicy& policy, int failures, double jitter) {
  // 2^60 is far beyond any cap; stop doubling there.
  const int doublings = std::clamp(failures - 1, 0, 60);
  const double ceiling = std::min(policy.max_seconds, policy.initial_seconds * std::ldexp(1.0, doublings));
  return ceiling / 2 + std::clamp(jitter, 0.0, 1.0) * ceiling / 2;
}

}  // namespace vigil::notifiers
