// The value types the descriptive statistics return.
#pragma once

namespace vigil::stats {

// A point estimate with a two-sided confidence interval, lower <= upper.
// For a proportion all three lie in [0, 1]; for a risk difference in [-1, 1].
struct Interval {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

}  // namespace vigil::stats
